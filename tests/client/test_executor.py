"""Compiled plans: caching per signature, pruning, ordering, reference reads, errors."""

import threading
import warnings

import numpy as np
import pytest

import scopeflow as tf
from scopeflow._src.client.executor import Plan, RunState


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()
    yield


def _feeds():
    a = tf.placeholder(tf.float32, [], name="a")
    b = tf.placeholder(tf.float32, [], name="b")
    return a, b


# -- caching ---------------------------------------------------------------------------------
def test_plan_compiled_once_per_signature():
    a, b = _feeds()
    total = a + b
    with tf.Session() as sess:
        for i in range(5):
            assert sess.run(total, feed_dict={a: float(i), b: 1.0}) == i + 1.0
        assert sess.plans_compiled == 1
        assert sess.run([total], feed_dict={a: 1.0, b: 2.0}) == [3.0]  # same unique fetches: same plan
        assert sess.plans_compiled == 1
        sess.run(total, feed_dict={b: 1.0, a: 2.0})  # another feed order is another signature
        assert sess.plans_compiled == 2
        sess.run(total, feed_dict={"a:0": 1.0, "b:0": 2.0})  # names resolve to the first signature
        assert sess.plans_compiled == 2


def test_fetch_structures_share_one_plan():
    c = tf.constant([1.0, 2.0])
    n = tf.no_op()
    with tf.Session() as sess:
        sess.run([c, n])
        sess.run((c, n))
        sess.run({"x": c, "y": [n, c]})
        assert sess.plans_compiled == 1


def test_make_callable_reuses_the_plan():
    a, b = _feeds()
    with tf.Session() as sess:
        f = sess.make_callable(a * b, [a, b])
        assert [f(2.0, float(i)) for i in range(4)] == [0.0, 2.0, 4.0, 6.0]
        g = sess.make_callable(tf.constant(3.0))
        assert g() == 3.0 and g() == 3.0
        assert sess.plans_compiled == 2


def test_ops_added_later_leave_cached_plans_valid():
    a, b = _feeds()
    total = a + b
    with tf.Session() as sess:
        assert sess.run(total, feed_dict={a: 1.0, b: 2.0}) == 3.0
        more = total * 10.0
        tf.placeholder(tf.float32, name="unused")
        assert sess.run(total, feed_dict={a: 1.0, b: 2.0}) == 3.0
        assert sess.plans_compiled == 1
        assert sess.run(more, feed_dict={a: 1.0, b: 2.0}) == 30.0


def test_session_caches_are_bounded(monkeypatch):
    from scopeflow._src.client import session as session_module
    monkeypatch.setattr(session_module, "_MAX_CACHED", 3)
    consts = [tf.constant(float(i)) for i in range(8)]
    with tf.Session() as sess:
        assert [sess.run(c) for c in consts] == [float(i) for i in range(8)]
        assert len(sess._plans) <= 3 and len(sess._steps) <= 3
        assert [sess.run(c) for c in consts] == [float(i) for i in range(8)]


# -- what a plan runs ------------------------------------------------------------------------
def test_pruning_skips_unneeded_ops_and_stops_at_feeds():
    x = tf.placeholder(tf.float32, [], name="x")
    h = x * 3.0
    out = h + 1.0
    tf.placeholder(tf.float32, [], name="never_fed") * 2.0
    plan = Plan([out], [h], [], RunState())
    assert plan.n_ops == 2  # the constant 1.0 and the add: neither x nor the multiplication
    assert plan(np.float32(10.0)) == (11.0,)


def test_identity_forwards_variable_reference():
    v = tf.Variable(1.0, name="v")
    with tf.Session() as sess:
        sess.run(v.initializer)
        a = tf.assign(v, 5.0)
        with tf.control_dependencies([a]):
            after = tf.identity(v)
        assert sess.run(after) == 5.0
        assert sess.run(v.value() + 0.0) == 5.0


def test_identity_ops_cost_no_kernel_call():
    x = tf.placeholder(tf.float32, [2], name="x")
    y = tf.identity(tf.identity(x)) + 1.0
    plan = Plan([y], [x], [], RunState())
    assert plan.source.count("= k") == 1  # the add (the constant is folded into the plan)
    np.testing.assert_array_equal(plan(np.float32([1.0, 2.0]))[0], [2.0, 3.0])


def test_scalar_arithmetic_is_written_as_python_operators():
    x = tf.placeholder(tf.int32, [], name="x")
    y = tf.placeholder(tf.int32, [], name="y")
    plan = Plan([(x + y) * x, x < y], [x, y], [], RunState())
    assert "= k" not in plan.source and " + " in plan.source and " < " in plan.source
    total, less = plan(np.array(2, np.int32), np.array(3, np.int32))
    assert (total, less) == (10, True) and total.dtype == np.int32 and less.dtype == np.bool_
    big = np.array(2 ** 31 - 1, np.int32)  # int32 wraps around, as in TensorFlow
    assert plan(big, np.array(1, np.int32))[0] == np.int32(-2 ** 31) * big


def test_control_input_added_to_earlier_op_is_ordered_first():
    v = tf.Variable(0.0, name="v")
    read = tf.identity(v.value(), name="late_read")  # built before the assign
    assign = tf.assign(v, 7.0)
    read.op._add_control_input(assign.op)
    with tf.Session() as sess:
        sess.run(v.initializer)
        assert sess.run(read) == 7.0


def test_control_cycle_is_an_error():
    a = tf.no_op(name="a")
    b = tf.no_op(name="b")
    a._add_control_input(b)
    b._add_control_input(a)
    with tf.Session() as sess:
        with pytest.raises(tf.errors.InvalidArgumentError, match="Graph is invalid, contains a cycle"):
            sess.run(a)


def test_values_are_freed_after_their_last_use():
    x = tf.placeholder(tf.float32, [None], name="x")
    y = (x * 2.0 + 1.0) * 3.0
    plan = Plan([y], [x], [], RunState())
    assert "del " in plan.source


def test_float_errors_are_silent_like_tensorflow():
    a, b = _feeds()
    with tf.Session() as sess, warnings.catch_warnings():
        warnings.simplefilter("error")
        assert np.isinf(sess.run(a / b, feed_dict={a: 1.0, b: 0.0}))


def test_plans_run_concurrently_from_threads():
    x = tf.placeholder(tf.float32, [None], name="x")
    y = tf.reduce_sum(x * 2.0) if hasattr(tf, "reduce_sum") else x * 2.0
    results, errors_seen = {}, []
    with tf.Session() as sess:
        def work(i):
            try:
                for _ in range(50):
                    value = sess.run(y, feed_dict={x: np.full(3, float(i), np.float32)})
                results[i] = np.sum(value)
            except Exception as e:  # noqa: BLE001
                errors_seen.append(e)
        threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert not errors_seen
    assert results == {i: 6.0 * i for i in range(4)}


# -- results ---------------------------------------------------------------------------------
def test_fetched_arrays_never_alias_graph_or_variable_storage():
    c = tf.constant([1.0, 2.0])
    v = tf.Variable([3.0, 4.0])
    with tf.Session() as sess:
        sess.run(v.initializer)
        for got in sess.run([c, v, v.value(), tf.reshape(c, [2, 1])]):
            got[...] = -1.0
        assert sess.run(c).tolist() == [1.0, 2.0]
        assert sess.run(v).tolist() == [3.0, 4.0]


def test_scalar_results_are_numpy_scalars_and_fed_values_come_back_as_fed():
    a, b = _feeds()
    value = np.array(2.0, np.float32)
    with tf.Session() as sess:
        total, fed = sess.run([a + b, a], feed_dict={a: value, b: 1.0})
    assert type(total) is np.float32 and total == 3.0
    assert fed is value


def test_string_feeds_reach_kernels_as_bytes():
    s = tf.placeholder(tf.string, [None], name="s")
    with tf.Session() as sess:
        assert sess.run(tf.identity(s), feed_dict={s: ["a", b"b"]}).tolist() == [b"a", b"b"]
        assert sess.run(s, feed_dict={s: ["a"]}).tolist() == ["a"]
        with pytest.raises(tf.errors.InternalError, match="Unsupported object type int") as info:
            sess.run(tf.identity(s), feed_dict={s: [1]})
        assert info.value.op is None


# -- runtime errors --------------------------------------------------------------------------
def test_kernel_failure_names_the_node():
    x = tf.placeholder(tf.float32, [None], name="x")
    r = tf.reshape(x, [2, 3], name="r")
    with tf.Session() as sess:
        with pytest.raises(tf.errors.InvalidArgumentError) as info:
            sess.run(r, feed_dict={x: np.zeros(5)})
    e = info.value
    assert e.op is r.op and e.node_def.name == "r" and e.error_code == tf.errors.INVALID_ARGUMENT
    assert e.message.startswith("Graph execution error:\n\nDetected at node 'r' defined at (most recent call "
                                "last):\nNode: 'r'\n")
    assert e.message.endswith("\n\t [[{{node r}}]]")


def test_raw_numpy_error_becomes_invalid_argument():
    a = tf.placeholder(tf.float32, None, name="a")
    b = tf.placeholder(tf.float32, None, name="b")
    total = tf.add(a, b, name="total")
    with tf.Session() as sess:
        with pytest.raises(tf.errors.InvalidArgumentError) as info:
            sess.run(total, feed_dict={a: np.zeros((2, 3)), b: np.zeros(4)})
    assert info.value.op is total.op
    assert "{{node total}}" in info.value.message


def test_non_numeric_kernel_failure_is_internal_error():
    v = tf.Variable(1.0, name="v")
    assign = tf.assign(v, 2.0, name="set_v")
    with tf.Session() as sess:  # feeding the reference hands Assign a plain array
        with pytest.raises(tf.errors.InternalError, match="AttributeError") as info:
            sess.run(assign, feed_dict={v: 1.0})
    assert info.value.op is assign.op
    assert isinstance(info.value.__cause__, AttributeError)


def test_uninitialized_read_blames_the_reading_identity():
    v = tf.Variable([1.0], name="v")
    with tf.Session() as sess:
        with pytest.raises(tf.errors.FailedPreconditionError) as info:
            sess.run(v * 2.0)
    assert info.value.op.name == "v/read"
    assert "Attempting to use uninitialized value v\n\t [[{{node v/read}}]]" in info.value.message


def test_uninitialized_fetch_is_a_retval_error_without_op():
    v = tf.Variable(1.0, name="w")
    c = tf.constant(1.0, name="a_const")
    with tf.Session() as sess:
        with pytest.raises(tf.errors.FailedPreconditionError) as info:
            sess.run([v, c])
    assert info.value.op is None and info.value.node_def is None
    assert info.value.message == ("Graph execution error:\n\nAttempting to use uninitialized value w\n\t "
                                  "[[{{node _retval_w_0_1}}]]")


def test_uninitialized_ref_consumer_blames_itself():
    v = tf.Variable([1.0], name="v")
    inc = tf.assign_add(v, [1.0], name="inc")
    with tf.Session() as sess:
        with pytest.raises(tf.errors.FailedPreconditionError) as info:
            sess.run(inc)
    assert info.value.op is inc.op


def test_unfed_placeholder_error():
    a, b = _feeds()
    with tf.Session() as sess:
        with pytest.raises(tf.errors.InvalidArgumentError, match="You must feed a value for placeholder tensor 'b'"):
            sess.run(a + b, feed_dict={a: 1.0})
        assert sess.run(a + b, feed_dict={a: 1.0, b: 1.0}) == 2.0


def test_stateful_kernels_are_shared_by_all_plans_of_a_session():
    tf.set_random_seed(1)
    r = tf.random_uniform([3], seed=2)
    z = r * 1.0
    with tf.Session() as s:
        first, second = s.run(r), s.run([r, z])[0]
    with tf.Session() as s:
        again_first, again_second = s.run(r), s.run(r)
    assert not np.array_equal(first, second)
    assert np.array_equal(first, again_first) and np.array_equal(second, again_second)


def test_multi_output_ops_unpack_and_skip_unused_outputs():
    x = tf.placeholder(tf.float64, [2, 3])  # fed, so that nothing is folded into the plan
    first, second = tf.split(x, 2)
    y = tf.placeholder(tf.float32, [1, 2])
    (only,) = tf.unstack(y)
    feed = {x: np.arange(6.0).reshape(2, 3), y: [[1.0, 2.0]]}
    with tf.Session() as sess:
        assert sess.run(second, feed).tolist() == [[3.0, 4.0, 5.0]]
        assert sess.run([first, second], feed)[0].tolist() == [[0.0, 1.0, 2.0]]
        assert sess.run(only, feed).tolist() == [1.0, 2.0]  # one output of a list-output op: still unpacked
        assert any("_, v" in plan.source for plan in sess._plans.values())


def test_feeding_an_op_output_satisfies_control_edges_on_it():
    x = tf.placeholder(tf.float32, [], name="x")
    with tf.control_dependencies([x]):
        y = tf.constant(1.0) + 1.0
    with tf.Session() as sess:
        assert sess.run(y, feed_dict={x: 1.0}) == 2.0
        with pytest.raises(tf.errors.InvalidArgumentError, match="placeholder tensor 'x'"):
            sess.run(y)


def test_stateless_ops_reached_only_by_control_edges_are_skipped():
    x = tf.placeholder(tf.float32, [2, 2], name="x")
    unused = tf.matmul(x, x, name="unused")
    with tf.control_dependencies([unused]):
        y = tf.identity(x) + 1.0
    plan = Plan([y], [x], [], RunState())
    assert plan.n_ops < len(tf.get_default_graph().get_operations())
    assert "unused" not in {op.name for op in _plan_ops(plan)}


def test_stateful_ops_reached_only_by_control_edges_still_run():
    v = tf.Variable(0.0, name="v")
    bump = tf.assign_add(v, 1.0)
    with tf.control_dependencies([tf.group(bump)]):
        y = tf.constant(3.0) * 2.0
    with tf.Session() as sess:
        sess.run(v.initializer)
        sess.run(y)
        sess.run(y)
        assert sess.run(v) == 2.0


def test_first_layer_input_gradient_is_not_computed_when_training():
    x = tf.placeholder(tf.float32, [4, 3], name="x")
    w = tf.Variable(tf.ones([3, 2]), name="w")
    loss = tf.reduce_sum(tf.matmul(x, w))
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)  # gates both MatMul gradients
    assert tf.get_default_graph().get_operation_by_name("gradients/MatMul_grad/MatMul").type == "MatMul"
    plan = Plan([], [x], [train], RunState())
    assert "gradients/MatMul_grad/MatMul" not in {op.name for op in _plan_ops(plan)}
    assert "gradients/MatMul_grad/MatMul_1" in {op.name for op in _plan_ops(plan)}


def _plan_ops(plan):
    return [blame[1] for blame in plan._lines.values() if blame[0] == "node"]


def test_the_callers_blas_thread_count_is_unchanged_after_a_run():
    threadpoolctl = pytest.importorskip("threadpoolctl")
    if not threadpoolctl.threadpool_info():
        pytest.skip("no BLAS that threadpoolctl knows")
    x = tf.placeholder(tf.float32, [4, 4])
    small = tf.matmul(x, x)  # one thread inside the plan: far below blas.SMALL
    with tf.Session() as sess, threadpoolctl.threadpool_limits(limits=3, user_api="blas"):
        sess.run(small, {x: np.ones((4, 4), np.float32)})
        assert {i["num_threads"] for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"} == {3}
