"""``tf.cond`` at run time: only the taken branch runs, dead values, references in branches,
and the plan's deadness checks (TF's names and messages are in the ``control_cond`` goldens)."""

import collections

import numpy as np
import pytest

import scopeflow as tf
from scopeflow._src.ops.common.dead import DEAD
from scopeflow._src.ops.control.flow_ops import switch


def _plan_source(sess):
    return "\n".join(p.source for p in sess._plans.values())


def test_only_the_taken_branch_runs():
    p = tf.placeholder(tf.bool, [], name="p")
    hits = tf.Variable(0, name="hits")
    misses = tf.Variable(0, name="misses")
    r = tf.cond(p, lambda: tf.assign_add(hits, 1), lambda: tf.assign_add(misses, 1))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert [sess.run(r, {p: v}) for v in (True, True, False)] == [1, 2, 1]
        assert sess.run([hits, misses]) == [2, 1]


def test_refswitch_and_refmerge_route_references():
    p = tf.placeholder(tf.bool, [])
    v = tf.Variable(1.0, name="v")
    r = tf.cond(p, lambda: tf.assign(v, 5.0), lambda: tf.assign(v, -5.0))
    types = {op.type for op in tf.get_default_graph().get_operations()}
    assert {"RefSwitch", "RefMerge"} <= types
    assert r.dtype.name == "float32_ref"
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(r, {p: False}) == -5.0
        assert sess.run(v) == -5.0


def test_nested_conds_and_constants_gated_by_the_pivot():
    p = tf.placeholder(tf.bool, [])
    q = tf.placeholder(tf.bool, [])
    x = tf.placeholder(tf.float32, [])
    r = tf.cond(p, lambda: tf.cond(q, lambda: x + 1.0, lambda: tf.constant(10.0)), lambda: tf.constant(-1.0))
    with tf.Session() as sess:
        got = [float(sess.run(r, {p: a, q: b, x: 2.0})) for a in (True, False) for b in (True, False)]
    assert got == [3.0, 10.0, -1.0, -1.0]


def test_a_constant_only_reached_by_control_edges_keeps_its_gate():
    """A branch returning a constant: the Const waits for the pivot through a control edge,
    which the plan must keep (it prunes stateless ops reached only by control edges)."""
    p = tf.placeholder(tf.bool, [])
    r = tf.cond(p, lambda: tf.constant(1), lambda: tf.constant(2))
    with tf.Session() as sess:
        assert [sess.run(r, {p: True}), sess.run(r, {p: False})] == [1, 2]
        assert " is _DEAD" in _plan_source(sess)


def test_fetching_a_dead_value_is_tensorflows_error():
    p = tf.placeholder(tf.bool, [])
    x = tf.constant([1.0, 2.0])
    out_false, out_true = switch(x, p)
    with tf.Session() as sess:
        np.testing.assert_array_equal(sess.run(out_true, {p: True}), [1.0, 2.0])
        with pytest.raises(tf.errors.InvalidArgumentError, match=r"Retval\[0\] does not have value"):
            sess.run(out_false, {p: True})


def test_predicate_must_be_a_scalar_at_run_time():
    p = tf.placeholder(tf.bool, None)
    r = tf.cond(p, lambda: tf.constant(1), lambda: tf.constant(2))
    with tf.Session() as sess:
        with pytest.raises(tf.errors.InvalidArgumentError, match=r"must be a scalar, but it has shape \[2\]"):
            sess.run(r, {p: [True, False]})


def test_plans_without_control_flow_have_no_deadness_checks():
    x = tf.placeholder(tf.float32, [2])
    y = tf.constant(3.0) * x + 1.0
    with tf.Session() as sess:
        sess.run(y, {x: [1.0, 2.0]})
        assert "_DEAD" not in _plan_source(sess)


def test_gradient_flows_only_through_the_taken_branch():
    p = tf.placeholder(tf.bool, [])
    x = tf.constant(3.0)
    w = tf.constant(4.0)
    r = tf.cond(p, lambda: x * w, lambda: x * x)
    gx, gw = tf.gradients(r, [x, w])
    with tf.Session() as sess:
        assert sess.run([gx, gw], {p: True}) == [4.0, 3.0]
        assert sess.run([gx, gw], {p: False}) == [6.0, 0.0]


def test_a_variable_created_in_a_branch_is_initialized_outside_it():
    p = tf.placeholder(tf.bool, [])
    r = tf.cond(p, lambda: tf.get_variable("w", initializer=2.0) * 3.0, lambda: tf.constant(0.0))
    init = tf.global_variables_initializer()
    assert tf.get_default_graph().get_operation_by_name("w")._control_flow_context is None
    with tf.Session() as sess:
        sess.run(init)  # no predicate needed
        assert sess.run(r, {p: True}) == 6.0


def test_dead_sentinel_reads_as_itself():
    assert DEAD.get() is DEAD
    assert repr(DEAD) == "DEAD"


def test_initialized_value_reads_the_variable_once_it_has_a_value():
    v = tf.Variable(2.0, name="v")
    w = tf.Variable(v.initialized_value() * 3.0, name="w")
    assert v.initialized_value().op.type == "Merge"
    with tf.Session() as sess:
        sess.run(w.initializer)  # v has no value yet: its initial value is read
        assert sess.run(w) == 6.0
        sess.run(v.initializer)
        sess.run(tf.assign(v, 5.0))
        sess.run(w.initializer)
        assert sess.run(w) == 15.0


def test_tf_nest_is_tensorflows():
    point = collections.namedtuple("Point", "x y")
    structure = {"b": point(1, [2, 3]), "a": 0}
    assert tf.nest.flatten(structure) == [0, 1, 2, 3]
    assert tf.nest.map_structure(lambda v: v * 10, structure) == {"a": 0, "b": point(10, [20, 30])}
    with pytest.raises(ValueError, match="don't have the same nested structure"):
        tf.nest.assert_same_structure([1, 2], [1])
