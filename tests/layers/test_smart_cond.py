"""``smart_cond``: static branch choice, and a ``tf.cond`` for a predicate known at run time."""

import numpy as np
import pytest

import scopeflow as tf
from scopeflow._src.layers.smart_cond import constant_value, smart_cond


def test_static_predicates_build_one_branch():
    calls = []
    for pred in (True, 1, tf.constant(True)):
        out = smart_cond(pred, lambda: calls.append("t") or tf.constant(1.0), lambda: calls.append("f"))
        assert out.op.type == "Const"
    assert calls == ["t", "t", "t"]
    assert smart_cond(False, lambda: 1, lambda: 2) == 2


def test_constant_value():
    assert constant_value(True) is True
    assert constant_value(0) is False
    assert constant_value(tf.constant(False)) is False
    assert constant_value(tf.placeholder(tf.bool, [])) is None
    assert constant_value(tf.Variable(True)) is None


def test_bad_arguments():
    with pytest.raises(TypeError, match="Argument `true_fn` must be callable"):
        smart_cond(True, 1, lambda: 2)
    with pytest.raises(TypeError, match="Argument `pred` must be a Tensor, or a Python bool, or 1 or 0"):
        smart_cond("yes", lambda: 1, lambda: 2)


def test_runtime_predicate_builds_a_cond():
    pred = tf.placeholder(tf.bool, [], name="p")
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    out = smart_cond(pred, lambda: x * 2.0, lambda: tf.identity(x))
    assert out.name == "cond/Merge:0"
    assert out.op.type == "Merge"
    assert out.shape.as_list() == [None, 2]
    names = [op.name for op in tf.get_default_graph().get_operations()]
    assert {"cond/Switch", "cond/mul", "cond/mul/Switch", "cond/Identity"} <= set(names)
    with tf.Session() as sess:
        ones = np.ones((3, 2), np.float32)
        np.testing.assert_array_equal(sess.run(out, {pred: True, x: ones}), 2 * ones)
        np.testing.assert_array_equal(sess.run(out, {pred: False, x: ones}), ones)


def test_variable_predicate_builds_a_cond_and_runs_one_branch():
    pred = tf.Variable(False, name="training")
    counter = tf.Variable(0, name="counter")
    out = smart_cond(pred, lambda: tf.assign_add(counter, 1), lambda: tf.identity(counter))
    assert out.op.type == "Merge"
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(out) == 0
        sess.run(tf.assign(pred, True))
        assert sess.run(out) == 1
        assert sess.run(out) == 2
