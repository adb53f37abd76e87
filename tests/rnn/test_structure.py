"""The nested-structure helpers of the RNN code (TensorFlow's ``nest``)."""

import collections

import pytest

from scopeflow._src.rnn import structure
from scopeflow._src.rnn.cell_base import LSTMStateTuple

Pair = collections.namedtuple("Pair", "a b")


def test_pack_sequence_as_rebuilds_each_container_type():
    shape = [1, (2, Pair(3, {"y": 4, "x": 5}))]
    flat = structure.flatten(shape)
    assert flat == [1, 2, 3, 5, 4]  # mappings by sorted key
    assert structure.pack_sequence_as(shape, flat) == shape
    rebuilt = structure.pack_sequence_as(shape, [10, 20, 30, 50, 40])
    assert rebuilt == [10, (20, Pair(30, {"x": 50, "y": 40}))] and isinstance(rebuilt[1][1], Pair)


def test_pack_sequence_as_counts_the_leaves():
    with pytest.raises(ValueError, match="Structure had 2 atoms, but flat_sequence had 3 items"):
        structure.pack_sequence_as((1, 2), [1, 2, 3])
    with pytest.raises(ValueError, match="The target structure is of type"):
        structure.pack_sequence_as(1, [1, 2])


def test_map_structure_and_assert_same_structure():
    assert structure.map_structure(lambda a, b: a + b, (1, [2]), (10, [20])) == (11, [22])
    with pytest.raises(ValueError, match="don't have the same nested structure"):
        structure.assert_same_structure((1, 2), (1, (2, 3)))
    with pytest.raises(TypeError, match="same sequence type"):
        structure.assert_same_structure((1, 2), [1, 2])


def test_map_structure_up_to_stops_at_the_shallow_leaves():
    got = structure.map_structure_up_to((True, False), lambda flag, value: (flag, value), (True, False),
                                        ((1, 2), [3]))
    assert got == ((True, (1, 2)), (False, [3]))
    calls = []
    structure.enumerated_map_structure_up_to([0, 0, 0], lambda i, v: calls.append((i, v)), ["a", "b", "c"])
    assert calls == [(0, "a"), (1, "b"), (2, "c")]


def test_traverse_shallow_structure_keeps_lstm_memory_out_of_dropout():
    def visitor(substate):
        return LSTMStateTuple(False, True) if isinstance(substate, LSTMStateTuple) else True

    state = (LSTMStateTuple("c0", "h0"), "s1")
    shallow = structure.get_traverse_shallow_structure(visitor, state)
    assert shallow == (LSTMStateTuple(False, True), True) and isinstance(shallow[0], LSTMStateTuple)
    assert structure.get_traverse_shallow_structure(lambda s: False, state) is False
    with pytest.raises(TypeError, match="non-bool scalar"):
        structure.get_traverse_shallow_structure(lambda s: 3, state)
