"""The nested-structure functions the RNN code needs (TensorFlow's ``nest``, the parts it uses).

RNN states are nested: a ``MultiRNNCell`` of LSTMs has a tuple of ``LSTMStateTuple``s,
``static_rnn`` takes nested inputs, ``DropoutWrapper`` decides per leaf whether to drop.
These functions follow ``tensorflow.python.util.nest``: lists, tuples and namedtuples are
sequences (rebuilt with their own type), mappings are traversed in sorted-key order, and
anything else (a tensor, a number, ``None``) is a leaf. ``framework/nest.py`` holds what the
lower layers share; this module adds the functions over a structure's prefix.
"""

from __future__ import annotations

from scopeflow._src.framework.nest import (
    assert_same_structure,
    children,
    flatten,
    is_nested,
    map_structure,
    pack_sequence_as,
    sequence_like,
)

__all__ = ["assert_same_structure", "enumerated_map_structure_up_to", "flatten", "flatten_up_to",
           "get_traverse_shallow_structure", "is_nested", "map_structure", "map_structure_up_to",
           "pack_sequence_as"]


def flatten_up_to(shallow, value) -> list:
    """The subtrees of ``value`` at the leaves of ``shallow`` (a prefix of its structure)."""
    if not is_nested(shallow):
        return [value]
    if not is_nested(value):
        raise TypeError(f"If shallow structure is a sequence, input must also be a sequence. Input has type: "
                        f"{type(value)}.")
    if len(shallow) != len(value):
        raise ValueError(f"The two structures don't have the same sequence length. Input structure has length "
                         f"{len(value)}, while shallow structure has length {len(shallow)}.")
    out = []
    for s, v in zip(children(shallow), children(value)):
        out.extend(flatten_up_to(s, v))
    return out


def map_structure_up_to(shallow, fn, *values):
    """``fn`` applied to the subtrees of ``values`` at the leaves of ``shallow``."""
    flats = [flatten_up_to(shallow, v) for v in values]
    return pack_sequence_as(shallow, [fn(*leaves) for leaves in zip(*flats)])


def enumerated_map_structure_up_to(shallow, fn, *values):
    """``map_structure_up_to`` passing each call its leaf index first (tf-keras's helper, which
    the dropout wrappers use to salt their per-leaf seeds)."""
    index = [0]

    def enumerated(*leaves):
        result = fn(index[0], *leaves)
        index[0] += 1
        return result
    return map_structure_up_to(shallow, enumerated, *values)


def get_traverse_shallow_structure(traverse_fn, structure):
    """The shallow structure of ``structure`` that ``traverse_fn`` selects: for each node it
    returns ``True`` (go on below), ``False`` (stop here) or a structure of bools (one level)."""
    to_traverse = traverse_fn(structure)
    if not is_nested(structure):
        if not isinstance(to_traverse, bool):
            raise TypeError(f"traverse_fn returned structure: {to_traverse} for non-structure: {structure}")
        return to_traverse
    if isinstance(to_traverse, bool):
        if not to_traverse:
            return False
        level = [get_traverse_shallow_structure(traverse_fn, branch) for branch in children(structure)]
    elif not is_nested(to_traverse):
        raise TypeError(f"traverse_fn returned a non-bool scalar: {to_traverse} for input: {structure}")
    else:
        flatten_up_to(to_traverse, structure)  # checks that it is a prefix of structure
        level = []
        for t, branch in zip(children(to_traverse), children(structure)):
            if not isinstance(t, bool):
                raise TypeError(f"traverse_fn didn't return a depth=1 structure of bools.  saw: {to_traverse} "
                                f" for structure: {structure}")
            level.append(get_traverse_shallow_structure(traverse_fn, branch) if t else False)
    return sequence_like(structure, level)
