"""Nested structures of values, as TensorFlow's ``nest`` sees them."""

from __future__ import annotations

from collections.abc import Mapping


def flatten(structure) -> list:
    """``nest.flatten``: the leaves of ``structure`` in order. Lists, tuples and namedtuples
    are flattened in order, mappings by sorted key; anything else is a leaf.

    >>> flatten([1, (2, {"b": 4, "a": 3})])
    [1, 2, 3, 4]
    """
    if isinstance(structure, (list, tuple)):
        return [leaf for item in structure for leaf in flatten(item)]
    if isinstance(structure, Mapping):
        return [leaf for key in sorted(structure) for leaf in flatten(structure[key])]
    return [structure]
