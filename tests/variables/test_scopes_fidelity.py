"""What the variables_fidelity conformance area cannot show: ``tf.init_scope`` leaving a traced
function for its outer graph, ``Graph.container`` restored after an error, and a folded shape
read of a variable still reading the variable when the plan runs."""

import pytest

import scopeflow as tf


def test_init_scope_inside_a_traced_function_builds_in_the_outer_graph():
    with tf.Graph().as_default() as g:
        seen = []

        def fn(x):
            with tf.init_scope():
                c = tf.constant(5, tf.int64, name="lifted")
                seen.append((c.graph is g, tf.get_default_graph() is g))
            inner = tf.constant(1, tf.int64, name="inner")
            seen.append(inner.graph is g)
            return x + inner

        tf.data.Dataset.range(3).map(fn)
        assert seen == [(True, True), False]
        assert g.get_operation_by_name("lifted").type == "Const"


def test_container_is_restored_after_an_error():
    with tf.Graph().as_default() as g:
        with pytest.raises(ZeroDivisionError):
            with g.container("c1"):
                raise ZeroDivisionError
        v = tf.Variable(1.0, name="v")
        assert v.op.get_attr("container") == b""


def test_container_is_not_set_on_stateless_ops_or_ops_without_the_attr():
    with tf.Graph().as_default() as g:
        with g.container("c1"):
            c = tf.constant(1.0, name="c")
            r = tf.random_uniform([2], name="r")
        assert "container" not in c.op.node_def.attr
        assert "container" not in r.op.node_def.attr


def test_a_folded_rank_of_a_variable_still_reads_it_each_run():
    with tf.Graph().as_default():
        v = tf.Variable([1.0, 2.0], name="v")
        check = tf.assert_variables_initialized([v])
        with tf.Session() as sess:
            with pytest.raises(tf.errors.FailedPreconditionError, match="uninitialized value v"):
                sess.run(check)
            sess.run(v.initializer)
            assert sess.run(check) == 1
            assert sess.run(check) == 1
