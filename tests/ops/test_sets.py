"""The set ops against Python sets on random inputs: every operation, dense and sparse inputs,
ranks 2 and 3, repeated values and empty rows (TF's own outputs are in the ``sets`` area)."""

import numpy as np
import pytest

import scopeflow as tf
from scopeflow._src.framework.op_builder import create

OPERATIONS = {"intersection": lambda a, b: a & b, "union": lambda a, b: a | b, "a-b": lambda a, b: a - b,
              "b-a": lambda a, b: b - a}


def _expected(groups_a, groups_b, operation, group_shape):
    indices, values, width = [], [], 0
    for key in np.ndindex(*group_shape):
        result = sorted(OPERATIONS[operation](groups_a.get(key, set()), groups_b.get(key, set())))
        width = max(width, len(result))
        for j, v in enumerate(result):
            indices.append(list(key) + [j])
            values.append(v)
    return np.array(indices, np.int64).reshape(-1, len(group_shape) + 1), np.array(values), \
        list(group_shape) + [width]


def _dense_groups(x):
    return {key: set(x[key].tolist()) for key in np.ndindex(*x.shape[:-1])}


def _random_sparse(rng, shape):
    """A random sorted sparse tensor of ``shape`` (some rows empty) and its groups."""
    dense = rng.integers(0, 6, size=shape)
    keep = rng.random(shape) < 0.5
    indices = np.argwhere(keep)
    values = dense[keep]
    groups = {}
    for index, v in zip(indices.tolist(), values.tolist(), strict=True):
        groups.setdefault(tuple(index[:-1]), set()).add(v)
    return tf.SparseTensor(indices, tf.constant(values, tf.int64), shape), groups


def _wrapper(operation):
    if operation in ("a-b", "b-a"):
        return lambda a, b: tf.sets.difference(a, b, aminusb=operation == "a-b")
    return getattr(tf.sets, operation)


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
@pytest.mark.parametrize("shape", [(4, 5), (2, 3, 4)])
@pytest.mark.parametrize("kinds", ["dense,dense", "dense,sparse", "sparse,sparse", "sparse,dense"])
def test_set_operations_match_python_sets(operation, shape, kinds):
    rng = np.random.default_rng(len(shape) * 7 + len(operation))
    inputs, groups = [], []
    for kind in kinds.split(","):
        if kind == "dense":
            x = rng.integers(0, 6, size=shape)
            inputs.append(tf.constant(x, tf.int64))
            groups.append(_dense_groups(x))
        else:
            st, g = _random_sparse(rng, shape)
            inputs.append(st)
            groups.append(g)
    result = _wrapper(operation)(*inputs)
    with tf.Session() as sess:
        got = sess.run(result)
    want_indices, want_values, want_shape = _expected(groups[0], groups[1], operation, shape[:-1])
    np.testing.assert_array_equal(got.indices, want_indices)
    np.testing.assert_array_equal(got.values, want_values.astype(np.int64))
    assert got.dense_shape.tolist() == want_shape


def test_set_size_counts_distinct_values_per_row():
    rng = np.random.default_rng(3)
    st, groups = _random_sparse(rng, (3, 4, 6))
    with tf.Session() as sess:
        got = sess.run(tf.sets.size(st))
    want = np.zeros((3, 4), np.int32)
    for key, g in groups.items():
        want[key] = len(g)
    np.testing.assert_array_equal(got, want)


def test_invalid_set_operation_fails_at_run_time():
    op = create("DenseToDenseSetOperation", [tf.constant([[1]]), tf.constant([[2]])], {"set_operation": "xor"})
    with tf.Session() as sess, pytest.raises(tf.errors.InvalidArgumentError, match="Invalid set_operation xor."):
        sess.run(op.outputs[0])
