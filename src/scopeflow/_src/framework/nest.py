"""Nested structures of values, as TensorFlow's ``nest`` sees them (``tf.nest``).

Lists, tuples and namedtuples are sequences (rebuilt with their own type), mappings are
traversed in sorted-key order, and anything else (a tensor, a number, ``None``) is a leaf.
Errors carry TensorFlow's wording: the first line (``The two structures don't have the
same nested structure.``) and the "More specifically" detail. With ``expand_composites``, a
composite tensor (an object with ``_composite_components()``, as ``SparseTensor``) is a
structure of its component tensors and is rebuilt by ``_from_composite_components``.
"""

from __future__ import annotations

from collections.abc import Mapping


def is_nested(value) -> bool:
    """Whether ``value`` is a list, tuple (namedtuples included) or mapping."""
    return isinstance(value, (list, tuple, Mapping))


def flatten(structure, expand_composites=False) -> list:
    """``nest.flatten``: the leaves of ``structure`` in order. Lists, tuples and namedtuples
    are flattened in order, mappings by sorted key; anything else is a leaf.

    >>> flatten([1, (2, {"b": 4, "a": 3})])
    [1, 2, 3, 4]
    """
    if isinstance(structure, (list, tuple)):
        return [leaf for item in structure for leaf in flatten(item, expand_composites)]
    if isinstance(structure, Mapping):
        return [leaf for key in sorted(structure) for leaf in flatten(structure[key], expand_composites)]
    if expand_composites and _is_composite(structure):
        return flatten(structure._composite_components(), True)
    return [structure]


def _is_composite(value) -> bool:
    return hasattr(value, "_composite_components")


def children(value) -> list:
    """The items of a sequence, or the values of a mapping by sorted key."""
    if isinstance(value, Mapping):
        return [value[key] for key in sorted(value)]
    return list(value)


def sequence_like(instance, items):
    """A container of ``instance``'s type holding ``items`` (namedtuples by position)."""
    if isinstance(instance, Mapping):
        return type(instance)(zip(sorted(instance), items))
    if isinstance(instance, tuple) and hasattr(instance, "_fields"):
        return type(instance)(*items)
    return type(instance)(items)


def pack_sequence_as(structure, flat_sequence, expand_composites=False):
    """Rebuild ``structure`` with the leaves of ``flat_sequence``, in order.

    >>> pack_sequence_as((1, [2, 3]), ["a", "b", "c"])
    ('a', ['b', 'c'])
    """
    flat_sequence = list(flat_sequence)
    if not is_nested(structure) and not (expand_composites and _is_composite(structure)):
        if len(flat_sequence) != 1:
            raise ValueError(f"The target structure is of type `{type(structure)}`\n  {structure}\nHowever the "
                             f"input is a sequence ({type(flat_sequence)}) of length {len(flat_sequence)}.\n  "
                             f"{flat_sequence}\nnest cannot guarantee that it is safe to map one to the other.")
        return flat_sequence[0]
    n_leaves = len(flatten(structure, expand_composites))
    if n_leaves != len(flat_sequence):
        raise ValueError(f"Could not pack sequence. Structure had {n_leaves} atoms, but flat_sequence had "
                         f"{len(flat_sequence)} items.  Structure: {structure}, flat_sequence: {flat_sequence}.")
    leaves = iter(flat_sequence)

    def rebuild(node):
        if expand_composites and _is_composite(node):
            return node._from_composite_components([rebuild(part) for part in node._composite_components()])
        if not is_nested(node):
            return next(leaves)
        return sequence_like(node, [rebuild(child) for child in children(node)])
    return rebuild(structure)


def _described(value) -> str:
    return f"type={type(value).__name__} str={value}"


def _outline(value) -> str:
    """TF's "Entire ... structure" outline: leaves as dots."""
    if not is_nested(value):
        return "."
    return str(pack_sequence_as(value, [_Dot()] * len(flatten(value))))


class _Dot:
    def __repr__(self):
        return "."


def assert_same_structure(first, second, check_types=True, expand_composites=False) -> None:
    """Raise TensorFlow's ``ValueError`` (different nesting) or ``TypeError`` (different
    sequence types) unless ``first`` and ``second`` have the same structure."""
    def fail(cls, detail):
        raise cls(f"The two structures don't have the same nested structure.\n\nFirst structure: "
                  f"{_described(first)}\n\nSecond structure: {_described(second)}\n\nMore specifically: {detail}\n"
                  f"Entire first structure:\n{_outline(first)}\nEntire second structure:\n{_outline(second)}")

    def walk(a, b):
        if is_nested(a) != is_nested(b):
            seq, other = (a, b) if is_nested(a) else (b, a)
            fail(ValueError, f'Substructure "{_described(seq)}" is a sequence, while substructure '
                             f'"{_described(other)}" is not')
        if not is_nested(a):
            return
        if check_types and type(a) is not type(b):
            fail(TypeError, f"The two namedtuples don't have the same sequence type. First structure "
                            f"{_described(a)} has type {type(a).__name__}, while second structure {_described(b)} "
                            f"has type {type(b).__name__}")
        if isinstance(a, Mapping) and set(a) != set(b):
            fail(ValueError, f"The two dictionaries don't have the same set of keys. First structure has keys "
                             f"{_described(sorted(a))}, while second structure has keys {_described(sorted(b))}")
        if len(a) != len(b):
            fail(ValueError, f"The two structures don't have the same number of elements. First structure: "
                             f"{_described(a)}. Second structure: {_described(b)}")
        for x, y in zip(children(a), children(b)):
            walk(x, y)
    walk(first, second)


def map_structure(fn, *structures, check_types=True, expand_composites=False):
    """``fn`` applied leaf by leaf to structures of the same shape, packed like the first."""
    if not structures:
        raise ValueError("Must provide at least one structure")
    for other in structures[1:]:
        assert_same_structure(structures[0], other, check_types=check_types)
    flats = [flatten(s, expand_composites) for s in structures]
    return pack_sequence_as(structures[0], [fn(*leaves) for leaves in zip(*flats)], expand_composites)
