"""The scatter variable updates in place (repeated indices, the variable read afterwards,
TF's ``name`` slip) and lazy loading."""

import subprocess
import sys

import numpy as np
import pytest

import scopeflow as tf


@pytest.fixture(autouse=True)
def _graph():
    tf.reset_default_graph()


def test_scatter_nd_updates_change_the_variable_and_repeats_accumulate():
    v = tf.Variable(np.zeros((3, 2), np.float32), name="v")
    add = tf.scatter_nd_add(v, [[0, 1], [0, 1], [2, 0]], [1.0, 2.0, 5.0])
    sub = tf.scatter_nd_sub(v, [[1]], [[1.0, 1.0]])
    upd = tf.scatter_nd_update(v, [[2, 1]], [7.0])
    with tf.Session() as sess:
        sess.run(v.initializer)
        sess.run([add.op])
        sess.run([sub.op])
        sess.run([upd.op])
        got = sess.run(v)
    np.testing.assert_array_equal(got, [[0.0, 3.0], [-1.0, -1.0], [5.0, 7.0]])


def test_scatter_mul_min_max_on_repeated_rows():
    v = tf.Variable([[1.0, 2.0], [3.0, 4.0]], name="v")
    ops = [tf.scatter_mul(v, [0, 0], [[2.0, 2.0], [3.0, 3.0]]), tf.scatter_min(v, [1, 1], [[5.0, 1.0], [2.0, 9.0]]),
           tf.scatter_max(v, [0], 100.0)]
    with tf.Session() as sess:
        sess.run(v.initializer)
        for op in ops:
            sess.run(op.op)
        got = sess.run(v)
    np.testing.assert_array_equal(got, [[100.0, 100.0], [2.0, 1.0]])


def test_batch_scatter_update_writes_each_batch_row():
    v = tf.Variable(np.zeros((2, 3), np.int32), name="v")
    up = tf.batch_scatter_update(v, [[2], [0]], [[7], [9]])
    with tf.Session() as sess:
        sess.run(v.initializer)
        sess.run(up.op)
        assert sess.run(v).tolist() == [[0, 0, 7], [9, 0, 0]]


def test_a_name_given_to_scatter_nd_update_fails_when_it_runs_as_in_tensorflow():
    v = tf.Variable([1.0, 2.0], name="v")
    up = tf.scatter_nd_update(v, [[0]], [5.0], name="mine")
    assert up.op.name == "ScatterNdUpdate"
    with tf.Session() as sess:
        sess.run(v.initializer)
        with pytest.raises(tf.errors.InvalidArgumentError, match="Unknown bad indices handling attribute: mine"):
            sess.run(up)


def test_scatter_ops_load_on_first_use():
    code = ("import sys, scopeflow as tf; assert 'scopeflow._src.ops.state.scatter_api' not in sys.modules; "
            "tf.tensor_scatter_nd_update; assert 'scopeflow._src.ops.array.scatter_nd_grads' in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)
