"""Scopes left out of order (issue 22): TF's ``RuntimeError`` for a variable scope, never the
graph stack's ``AssertionError``; every scope's name scope and graph are left once."""

from __future__ import annotations

import numpy as np
import pytest

import scopeflow as tf


def test_a_variable_scope_left_twice_raises_tf_runtime_error_and_keeps_the_graph_stack():
    with tf.Graph().as_default() as g:
        a = tf.variable_scope("a")
        a.__enter__()
        a.__exit__(None, None, None)
        with pytest.raises(RuntimeError, match="Improper nesting of variable_scope"):
            a.__exit__(None, None, None)
        assert tf.get_default_graph() is g
    # the enclosing as_default block closed cleanly: the graph stack was left intact


def test_an_outer_variable_scope_left_first_then_the_rest_in_order():
    with tf.Graph().as_default():
        a = tf.variable_scope("a")
        a.__enter__()
        b = tf.variable_scope("b")
        b.__enter__()
        with pytest.raises(RuntimeError, match="Improper nesting"):
            a.__exit__(None, None, None)
        b.__exit__(None, None, None)
        assert tf.get_variable_scope().name == "a"
        a.__exit__(None, None, None)
        assert tf.get_variable_scope().name == ""
        assert tf.constant(1.0).name == "a/Const:0"  # a's name scope was left at its first exit only


def test_a_name_scope_is_left_once():
    with tf.Graph().as_default():
        a = tf.name_scope("a")
        a.__enter__()
        b = tf.name_scope("b")
        b.__enter__()
        a.__exit__(None, None, None)
        b.__exit__(None, None, None)
        a.__exit__(None, None, None)  # already left: changes nothing
        assert tf.get_default_graph().get_name_scope() == "a"


@pytest.mark.parametrize("fn", [tf.floormod, tf.floordiv, tf.truncatediv, tf.truncatemod])
def test_integer_division_of_an_empty_tensor_by_zero_is_empty(fn):
    with tf.Graph().as_default():
        x = tf.placeholder(tf.int32, None)
        y = tf.placeholder(tf.int32, None)
        out = fn(x, y)
        with tf.Session() as sess:
            got = sess.run(out, {x: np.zeros([0], np.int32), y: 0})
            assert got.shape == (0,)
            with pytest.raises(tf.errors.OpError):
                sess.run(out, {x: np.ones([2], np.int32), y: 0})


def test_gradient_of_reduce_sum_of_a_placeholder_of_unknown_rank_fed_a_scalar():
    with tf.Graph().as_default():
        x = tf.placeholder("float")
        g = tf.gradients(tf.reduce_sum(x ** 2), x)
        with tf.Session() as sess:
            assert sess.run(g, {x: 3.0})[0] == 6.0
