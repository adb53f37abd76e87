"""``tf.ConditionalAccumulator`` and ``tf.SparseConditionalAccumulator``: graphs (op names, types,
the handle's static shape), averaging, stale gradients, the global step, shape checks at build
and run time, and a take that waits for gradients applied by another thread."""

import threading

import numpy as np

from tests.conformance.harness import case, op_summary, raises, raises_last_line, static


def _run_error(sess, fetch, feed=None):
    return raises_last_line(sess.run, fetch, feed)


def _take(tf, sess, fetch):
    """``sess.run(fetch)`` of a take, given a deadline: a take whose gradients never come fails
    (``DeadlineExceededError``) instead of hanging the suite."""
    return sess.run(fetch, options=tf.RunOptions(timeout_in_ms=60000))


@case
def dense_graph(tf):
    acc = tf.ConditionalAccumulator(tf.float32, shape=[2], name="acc")
    p = tf.placeholder(tf.float32)
    step = tf.placeholder(tf.int64)
    ops = [acc.apply_grad(p, local_step=step), acc.apply_grad([1.0, 2.0]), acc.take_grad(2),
           acc.num_accumulated(), acc.set_global_step(5), acc.num_accumulated(name="n")]
    with tf.name_scope("scope"):
        acc2 = tf.ConditionalAccumulator(tf.float64, name="inner", reduction_type="SUM")
        ops += [acc2.take_grad(1), acc2.num_accumulated()]
    return {"acc": [acc.name, acc.dtype.name, static(acc.accumulator_ref)],
            "acc2": [acc2.name, acc2.dtype.name, static(acc2.accumulator_ref)],
            "results": [o.name for o in ops], "take_static": static([ops[2], ops[6]]),
            "ops": op_summary(tf.get_default_graph())}


@case
def dense_mean_stale_and_steps(tf):
    acc = tf.ConditionalAccumulator(tf.float32, shape=[2, 2])
    p = tf.placeholder(tf.float32)
    step = tf.placeholder(tf.int64)
    apply = acc.apply_grad(p, local_step=step)
    take = acc.take_grad(3)
    n = acc.num_accumulated()
    set5 = acc.set_global_step(5)
    set2 = acc.set_global_step(tf.constant(2))
    out = []
    with tf.Session() as sess:
        for i, s in enumerate([0, 0, -1, 3]):
            sess.run(apply, {p: np.full((2, 2), i + 1.0), step: s})
        out.append(sess.run(n))
        out.append(_take(tf, sess, take))  # mean of 1, 2, 4 (step -1 was stale)
        out.append(sess.run(n))
        sess.run(apply, {p: np.ones((2, 2)), step: 0})  # stale now: the take advanced the step to 1
        out.append(sess.run(n))
        sess.run(set5)
        sess.run(apply, {p: np.ones((2, 2)), step: 4})
        out.append(sess.run(n))
        sess.run(set2)  # back to an older step (TF only warns)
        sess.run(apply, {p: np.ones((2, 2)), step: 4})
        out.append(sess.run(n))
        for s in (2, 3):
            sess.run(apply, {p: np.full((2, 2), 10.0 * s), step: s})
        out.append(_take(tf, sess, take))
    return out


@case
def dense_sum_and_float16(tf):
    acc = tf.ConditionalAccumulator(tf.float64, reduction_type="SUM")
    half = tf.ConditionalAccumulator(tf.float16, shape=[])
    out = []
    with tf.Session() as sess:
        sess.run(acc.apply_grad([[1.0, 2.0], [3.0, 4.0]]))
        sess.run(acc.apply_grad(tf.constant([[0.5, 0.5], [0.5, 0.5]], tf.float64)))
        out.append(_take(tf, sess, acc.take_grad(2)))
        sess.run(half.apply_grad(tf.constant(1.0, tf.float16)))
        sess.run(half.apply_grad(tf.constant(2.0, tf.float16)))
        out.append(_take(tf, sess, half.take_grad(2)))
        out.append(sess.run(half.num_accumulated()))
    return out


@case
def dense_runtime_shape_errors(tf):
    acc = tf.ConditionalAccumulator(tf.float64, shape=[None, 2])
    p = tf.placeholder(tf.float64)
    apply = acc.apply_grad(p)
    take = acc.take_grad(1)
    with tf.Session() as sess:
        out = [_run_error(sess, apply, {p: [[1.0, 2.0, 3.0]]}), _run_error(sess, apply, {p: [1.0, 2.0]})]
        sess.run(apply, {p: [[1.0, 2.0]]})
        out += [_run_error(sess, apply, {p: [[1.0, 2.0], [3.0, 4.0]]}), _run_error(sess, apply, {p: [[1.0, 2.0, 3.0]]})]
        out.append(_take(tf, sess, take))
        sess.run(acc.apply_grad(p, local_step=1), {p: np.zeros((0, 2))})  # the take advanced the step to 1
        out.append(_take(tf, sess, take).shape)
    return out


@case
def dense_num_required_not_positive(tf):
    acc = tf.ConditionalAccumulator(tf.float32, shape=[2])
    n = tf.placeholder(tf.int32)
    take = acc.take_grad(n)
    with tf.Session() as sess:
        return [_run_error(sess, take, {n: 0}), _run_error(sess, take, {n: -3})]


@case
def dense_build_errors(tf):
    acc = tf.ConditionalAccumulator(tf.float32, shape=[2])
    return [raises(lambda: acc.apply_grad([1.0, 2.0, 3.0])),
            raises(lambda: acc.apply_grad(tf.placeholder(tf.float32, [None, 2]))),
            raises(lambda: acc.apply_grad(tf.constant([1.0, 2.0], tf.float64))),
            raises(lambda: tf.ConditionalAccumulator(tf.float32, reduction_type="MAX")),
            raises(lambda: tf.ConditionalAccumulator(tf.string)),
            raises(lambda: tf.ConditionalAccumulator(tf.bool, shape=[2])),
            raises(lambda: tf.SparseConditionalAccumulator(tf.float32, reduction_type="mean"))]


@case
def dense_int_accumulator_has_no_kernel(tf):
    acc = tf.ConditionalAccumulator(tf.int32, shape=[2], name="ints")
    with tf.Session() as sess:
        return _run_error(sess, acc.num_accumulated())


@case
def dense_take_waits_for_other_threads(tf):
    acc = tf.ConditionalAccumulator(tf.float32, shape=[3])
    p = tf.placeholder(tf.float32, [3])
    apply = acc.apply_grad(p)
    take = acc.take_grad(4)
    n = acc.num_accumulated()
    with tf.Session() as sess:
        got = []
        taker = threading.Thread(target=lambda: got.append(_take(tf, sess, take)))
        taker.start()
        for i in range(4):
            sess.run(apply, {p: [i, 2.0 * i, 1.0]})
        taker.join(30)
        return {"taken": got, "left": sess.run(n)}


@case
def dense_shared_name(tf):
    a = tf.ConditionalAccumulator(tf.float32, shape=[], shared_name="shared")
    b = tf.ConditionalAccumulator(tf.float32, shape=[], shared_name="shared")
    c = tf.ConditionalAccumulator(tf.float32, shape=[])
    with tf.Session() as sess:
        sess.run([a.apply_grad(1.0)])
        sess.run([b.apply_grad(3.0)])
        sess.run([c.apply_grad(5.0)])
        return [sess.run(a.num_accumulated()), sess.run(b.num_accumulated()), sess.run(c.num_accumulated()),
                _take(tf, sess, b.take_grad(2))]


@case
def sparse_graph(tf):
    acc = tf.SparseConditionalAccumulator(tf.float32, shape=[4, 2], name="sp")
    ops = [acc.apply_grad([2, 0], [[1.0, 1.0], [2.0, 2.0]], grad_shape=[4, 2]),
           acc.apply_grad(tf.constant([3], tf.int64), [[5.0, 5.0]], local_step=tf.constant(1, tf.int64))]
    take = acc.take_grad(2)
    slices = acc.take_indexed_slices_grad(1)
    ops += [acc.num_accumulated(), acc.set_global_step(3),
            acc.apply_indexed_slices_grad(tf.IndexedSlices(tf.constant([[1.0, 2.0]]), tf.constant([1]),
                                                           tf.constant([4, 2])), local_step=3)]
    graph_def = tf.get_default_graph().as_graph_def()
    apply_node = [n for n in graph_def.node if n.name == "SparseAccumulatorApplyGradient"][0]
    return {"acc": [acc.name, acc.dtype.name, static(acc.accumulator_ref)], "ops": op_summary(tf.get_default_graph()),
            "results": [o.name for o in ops], "take": static(list(take)), "take_fields": list(take._fields),
            "slices": static([slices.indices, slices.values, slices.dense_shape]),
            "apply_attrs": sorted(apply_node.attr.keys()), "apply_inputs": list(apply_node.input),
            "known": [apply_node.attr["has_known_shape"].b]}


@case
def sparse_merge_mean_and_sum(tf):
    acc = tf.SparseConditionalAccumulator(tf.float32, shape=[6, 2])
    total = tf.SparseConditionalAccumulator(tf.float64, reduction_type="SUM")
    out = []
    with tf.Session() as sess:
        sess.run(acc.apply_grad([0, 2, 5], [[1.0, 1.0], [2.0, 2.0], [3.0, 3.0]]))
        sess.run(acc.apply_grad([2, 3], [[4.0, 4.0], [5.0, 5.0]]))
        sess.run(acc.apply_grad([2, 5], [[6.0, 6.0], [7.0, 7.0]], local_step=-1))  # stale
        sess.run(acc.apply_grad([0, 5], [[9.0, 9.0], [1.0, 1.0]]))
        out.append(sess.run(acc.num_accumulated()))
        out.append(_take(tf, sess, acc.take_grad(3)))
        # unsorted indices are merged as if sorted (a single pass), and duplicates in one gradient stay apart
        sess.run(acc.apply_grad([3, 1, 1], [[1.0, 1.0], [2.0, 2.0], [3.0, 3.0]], local_step=1))
        sess.run(acc.apply_grad([1, 3], [[10.0, 10.0], [20.0, 20.0]], local_step=1))
        out.append(_take(tf, sess, acc.take_indexed_slices_grad(2)))
        f64 = tf.float64  # values of another dtype than the accumulator's crash TF's kernel
        sess.run(total.apply_grad([5, 1], tf.constant([[1.0, 1.0], [2.0, 2.0]], f64)))
        sess.run(total.apply_grad([1], tf.constant([[3.0, 3.0]], f64)))
        sess.run(total.apply_grad([1], tf.constant([[1.0, 1.0]], f64), grad_shape=[9, 2]))
        out.append(_take(tf, sess, total.take_grad(3)))
    return out


@case
def sparse_partial_shape_output(tf):
    acc = tf.SparseConditionalAccumulator(tf.float32, shape=[None, 3])
    vec = tf.SparseConditionalAccumulator(tf.float64, shape=[5])
    with tf.Session() as sess:
        sess.run(acc.apply_grad([5, 1], [[1.0, 1.0, 1.0], [2.0, 2.0, 2.0]], grad_shape=[6, 3]))
        sess.run(vec.apply_grad([4, 0], tf.constant([1.0, 2.0], tf.float64)))
        sess.run(vec.apply_grad([4], tf.constant([3.0], tf.float64)))
        return [_take(tf, sess, acc.take_grad(1)), _take(tf, sess, vec.take_grad(2))]


@case
def sparse_runtime_errors(tf):
    acc = tf.SparseConditionalAccumulator(tf.float32, shape=[4, 2])
    unknown = tf.SparseConditionalAccumulator(tf.float32)
    with tf.Session() as sess:
        out = [_run_error(sess, acc.apply_grad([1], [[1.0, 1.0]], grad_shape=[5, 2])),
               _run_error(sess, acc.apply_grad([1], [[1.0, 1.0]], grad_shape=[4])),
               _run_error(sess, acc.apply_grad([7], [[1.0, 1.0]])),
               _run_error(sess, acc.apply_grad([1], [[1.0, 1.0, 1.0]])),
               _run_error(sess, acc.apply_grad([1], [1.0])),
               _run_error(sess, acc.take_grad(0))]
        sess.run(unknown.apply_grad([1], [[1.0, 1.0]]))
        out += [_run_error(sess, unknown.apply_grad([1], [[1.0, 1.0, 1.0]])),
                _run_error(sess, unknown.apply_grad([1], [[[1.0, 1.0]]])),
                sess.run(unknown.num_accumulated())]
    return out


@case
def sparse_build_errors(tf):
    acc = tf.SparseConditionalAccumulator(tf.float32, shape=[2, 2])
    return [raises(lambda: acc.apply_grad([0], [[1.0, 2.0]], grad_shape=[2, 2], local_step=0.5).name),
            raises(lambda: tf.SparseConditionalAccumulator(tf.complex64, shape=[2]).name),
            raises(lambda: tf.SparseConditionalAccumulator(tf.string))]
