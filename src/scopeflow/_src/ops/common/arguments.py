"""Argument handling the wrappers share."""

from __future__ import annotations


def deprecated_argument_lookup(new_name: str, new_value, old_name: str, old_value):
    """TF's ``deprecated_argument_lookup``: the new argument's value, or the deprecated old
    one's (``keep_dims`` for ``keepdims``, ``dim`` for ``axis``); both given is TF's error."""
    if old_value is not None:
        if new_value is not None:
            raise ValueError(f"Cannot specify both '{old_name}' and '{new_name}'.")
        return old_value
    return new_value
