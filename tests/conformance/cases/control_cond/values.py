"""tf.cond at run time: both predicate values, predicates of every kind, that only the taken
branch runs (failing ops and assignments in the other branch), and the static shapes and dtypes
of the results."""

import numpy as np

from tests.conformance.cases.control_cond._helpers import pred, run_both
from tests.conformance.harness import case, run_error, static


@case
def values_fed_predicate(tf):
    p = pred(tf)
    x = tf.constant(3.0, name="x")
    r = tf.cond(p, lambda: x * 2.0, lambda: x + 1.0)
    return run_both(tf, r, p)


@case
def values_placeholder_inputs(tf):
    p = pred(tf)
    x = tf.placeholder(tf.float32, [None], name="x")
    r = tf.cond(p, lambda: tf.reduce_sum(x), lambda: tf.reduce_max(x))
    return run_both(tf, r, p, {x: [1.0, 5.0, 2.0]})


@case
def values_pred_from_less(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    y = tf.placeholder(tf.float32, [], name="y")
    r = tf.cond(tf.less(x, y), lambda: y - x, lambda: x * y)
    with tf.Session() as sess:
        return [sess.run(r, {x: 1.0, y: 4.0}), sess.run(r, {x: 4.0, y: 1.0}), sess.run(r, {x: 2.0, y: 2.0})]


@case
def values_pred_from_reduce_all(tf):
    x = tf.placeholder(tf.float32, [None], name="x")
    r = tf.cond(tf.reduce_all(x > 0.0), lambda: tf.log(x), lambda: tf.zeros_like(x))
    with tf.Session() as sess:
        return [sess.run(r, {x: [1.0, np.e]}), sess.run(r, {x: [1.0, -1.0]})]


@case
def values_pred_constant_true(tf):
    r = tf.cond(tf.constant(True), lambda: tf.constant(1.0), lambda: tf.constant(2.0))
    s = tf.cond(tf.constant(False), lambda: tf.constant(1.0), lambda: tf.constant(2.0))
    with tf.Session() as sess:
        return [r.name, s.name, sess.run([r, s])]


@case
def values_pred_numpy_bool(tf):
    r = tf.cond(np.bool_(True), lambda: tf.constant(1.0), lambda: tf.constant(2.0))
    s = tf.cond(np.array(False), lambda: tf.constant(1.0), lambda: tf.constant(2.0))
    with tf.Session() as sess:
        return [static([r, s]), sess.run([r, s])]


@case
def values_pred_placeholder_with_default(tf):
    p = tf.placeholder_with_default(True, [], name="p")
    r = tf.cond(p, lambda: tf.constant(1.0), lambda: tf.constant(2.0))
    with tf.Session() as sess:
        return [sess.run(r), sess.run(r, {p: False})]


@case
def values_pred_unknown_shape_fed_scalar(tf):
    p = tf.placeholder(tf.bool, None, name="p")
    r = tf.cond(p, lambda: tf.constant(1.0), lambda: tf.constant(2.0))
    return [static(r), run_both(tf, r, p)]


@case
def values_pred_fed_ints(tf):
    p = pred(tf)
    r = tf.cond(p, lambda: tf.constant(1.0), lambda: tf.constant(2.0))
    with tf.Session() as sess:
        return [sess.run(r, {p: 1}), sess.run(r, {p: 0}), sess.run(r, {p: np.bool_(True)})]


@case
def values_merge_value_index(tf):
    p = pred(tf)
    r = tf.cond(p, lambda: tf.constant(1.0), lambda: tf.constant(2.0))
    return run_both(tf, [r, r.op.outputs[1]], p)


@case
def values_repeated_runs(tf):
    p = pred(tf)
    x = tf.placeholder(tf.int32, [], name="x")
    r = tf.cond(p, lambda: x * 10, lambda: x - 1)
    with tf.Session() as sess:
        return [sess.run(r, {p: i % 3 == 0, x: i}) for i in range(6)]


# -- only the taken branch runs -------------------------------------------------------------------
@case
def untaken_gather_out_of_range(tf):
    p = pred(tf)
    i = tf.placeholder(tf.int32, [], name="i")
    r = tf.cond(p, lambda: tf.gather(tf.constant([1.0, 2.0]), i), lambda: tf.constant(-1.0))
    with tf.Session() as sess:
        ok = [sess.run(r, {p: False, i: 5}), sess.run(r, {p: True, i: 1})]
    return [ok, run_error(tf, r, {p: True, i: 5})]


@case
def untaken_integer_division_by_zero(tf):
    p = pred(tf)
    z = tf.placeholder(tf.int32, [], name="z")
    r = tf.cond(p, lambda: tf.floordiv(tf.constant(7), z), lambda: tf.constant(0))
    with tf.Session() as sess:
        ok = [sess.run(r, {p: False, z: 0}), sess.run(r, {p: True, z: 2})]
    return [ok, run_error(tf, r, {p: True, z: 0})]


@case
def untaken_reshape_impossible(tf):
    p = pred(tf)
    x = tf.placeholder(tf.float32, [None], name="x")
    r = tf.cond(p, lambda: tf.reshape(x, [2, 2]), lambda: tf.reshape(x, [1, -1]))
    with tf.Session() as sess:
        ok = sess.run(r, {p: False, x: [1.0, 2.0, 3.0]})
    return [static(r), ok, run_error(tf, r, {p: True, x: [1.0, 2.0, 3.0]})]


@case
def untaken_both_guarded(tf):
    x = tf.placeholder(tf.int32, [], name="x")
    r = tf.cond(tf.equal(x, 0), lambda: tf.constant(0), lambda: tf.floordiv(100, x))
    with tf.Session() as sess:
        return [sess.run(r, {x: 0}), sess.run(r, {x: 7})]


@case
def untaken_assign_not_run(tf):
    p = pred(tf)
    v = tf.Variable(1.0, name="v")
    r = tf.cond(p, lambda: tf.assign(v, 5.0), lambda: tf.identity(v))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        got = [sess.run(r, {p: False}), sess.run(v), sess.run(r, {p: True}), sess.run(v)]
    return [r.name, got]


@case
def untaken_assign_add_counter(tf):
    p = pred(tf)
    v = tf.Variable(0, name="counter")
    r = tf.cond(p, lambda: tf.assign_add(v, 1), lambda: tf.assign_sub(v, 10))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        got = [sess.run(r, {p: b}) for b in [True, True, False, True]]
        got.append(sess.run(v))
    return got


@case
def untaken_side_effect_with_control_dependencies(tf):
    p = pred(tf)
    v = tf.Variable(0.0, name="v")
    x = tf.constant(2.0, name="x")

    def t():
        with tf.control_dependencies([tf.assign_add(v, 1.0)]):
            return tf.identity(x)

    r = tf.cond(p, t, lambda: x * 3.0)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        got = [sess.run(r, {p: False}), sess.run(v), sess.run(r, {p: True}), sess.run(v)]
    return got


@case
def untaken_branch_placeholder_not_needed(tf):
    p = pred(tf)
    a = tf.placeholder(tf.float32, [], name="a")
    b = tf.placeholder(tf.float32, [], name="b")
    r = tf.cond(p, lambda: a * 2.0, lambda: b * 3.0)
    return [run_error(tf, r, {p: True, a: 1.0}), run_error(tf, r, {p: False, b: 1.0}),
            run_error(tf, r, {p: True, b: 1.0})]


# -- static shapes and dtypes -----------------------------------------------------------------------
@case
def shape_same_static(tf):
    p = pred(tf)
    r = tf.cond(p, lambda: tf.zeros([2, 3]), lambda: tf.ones([2, 3]))
    return static(r)


@case
def shape_partially_known(tf):
    p = pred(tf)
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    r = tf.cond(p, lambda: x, lambda: tf.zeros([2, 3]))
    return [static(r), run_both(tf, r, p, {x: np.ones((1, 3), np.float32)})]


@case
def shape_different_dims(tf):
    p = pred(tf)
    r = tf.cond(p, lambda: tf.zeros([2, 3]), lambda: tf.ones([4, 3]))
    return [static(r), run_both(tf, tf.shape(r), p)]


@case
def shape_different_ranks(tf):
    p = pred(tf)
    r = tf.cond(p, lambda: tf.zeros([2]), lambda: tf.ones([2, 2]))
    return [static(r), run_both(tf, r, p)]


@case
def shape_scalar_vs_vector(tf):
    p = pred(tf)
    r = tf.cond(p, lambda: tf.constant(1.0), lambda: tf.constant([1.0, 2.0]))
    return [static(r), static(r.op.outputs)]


@case
def shape_unknown_rank_branch(tf):
    p = pred(tf)
    x = tf.placeholder(tf.float32, None, name="x")
    r = tf.cond(p, lambda: x, lambda: tf.zeros([2]))
    return static(r)


@case
def dtypes_of_results(tf):
    p = pred(tf)
    outs = tf.cond(p, lambda: (tf.constant(1, tf.int64), tf.constant(1.0, tf.float64), tf.constant(True),
                               tf.constant("a"), tf.constant(1, tf.uint8)),
                   lambda: (tf.constant(2, tf.int64), tf.constant(2.0, tf.float64), tf.constant(False),
                            tf.constant("b"), tf.constant(2, tf.uint8)))
    return [static(outs), run_both(tf, list(outs), p)]


@case
def dtype_python_int_both(tf):
    p = pred(tf)
    r = tf.cond(p, lambda: 1, lambda: 2)
    return [static(r), run_both(tf, r, p)]
