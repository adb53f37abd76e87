"""``tf.scatter_add``/``scatter_sub``/``scatter_update`` (the updates sparse gradient descent and
Adam use): values, repeats, shapes and TF's errors."""

import numpy as np

from tests.conformance.harness import case, raises, raises_last_line, run_error


def _var(tf, dtype=np.float32):
    return tf.Variable(np.arange(10, dtype=dtype).reshape(5, 2), name="v")


def _run(tf, op):
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        out = sess.run(op)
        return [out, sess.run(op)]


@case
def scatter_add_with_repeats(tf):
    v = _var(tf)
    op = tf.scatter_add(v, [1, 3, 1], [[1.0, 1.0], [2.0, 2.0], [3.0, 3.0]])
    return [op.name, op.dtype.name, op.op.type, op.op.get_attr("use_locking")] + _run(tf, op)


@case
def scatter_sub_with_repeats(tf):
    v = _var(tf, np.float64)
    op = tf.scatter_sub(v, [4, 4], [[1.0, 1.0], [2.0, 2.0]], name="sub")
    return [op.name, op.dtype.name] + _run(tf, op)


@case
def scatter_update_keeps_the_last(tf):
    v = _var(tf)
    op = tf.scatter_update(v, [0, 0], [[7.0, 7.0], [9.0, 9.0]])
    return [op.name, op.op.get_attr("use_locking")] + _run(tf, op)


@case
def scatter_with_2d_indices(tf):
    v = _var(tf)
    op = tf.scatter_add(v, [[0, 1], [1, 4]], np.ones((2, 2, 2), np.float32))
    return _run(tf, op)


@case
def scatter_with_a_scalar_update(tf):
    v = _var(tf)
    return _run(tf, tf.scatter_sub(v, [2, 3], 0.5))


@case
def scatter_on_int_variables(tf):
    v = tf.Variable(np.arange(6, dtype=np.int32).reshape(3, 2), name="v")
    return _run(tf, tf.scatter_add(v, [2], [[10, 20]]))


@case
def scatter_shape_errors(tf):
    v = _var(tf)
    attempts = [lambda: tf.scatter_add(v, [1, 2], [[1.0, 2.0, 3.0], [3.0, 4.0, 5.0]]),
                lambda: tf.scatter_add(v, [1, 2], [[1.0, 2.0]]),
                lambda: tf.scatter_sub(v, [1, 2], [1.0, 2.0]),
                lambda: tf.scatter_update(v, [[1]], [[1.0, 2.0]]),
                lambda: tf.scatter_add(v, [1], [[1, 2]]),
                lambda: tf.scatter_add(v, [1.0], [[1.0, 2.0]])]
    return [raises(lambda f=f: f().name) for f in attempts]


@case
def scatter_run_time_errors(tf):
    v = _var(tf)
    ids = tf.placeholder(tf.int32, name="ids")
    upd = tf.placeholder(tf.float32, name="upd")
    op = tf.scatter_add(v, ids, upd)
    s = tf.Variable(1.0, name="s")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        out = []
        for feed in ({ids: [1, 9], upd: [[1.0, 2.0], [3.0, 4.0]]}, {ids: [-1], upd: [[1.0, 2.0]]},
                     {ids: [1, 2], upd: [[1.0, 2.0, 3.0], [1.0, 2.0, 3.0]]}, {ids: [[0, 1]], upd: [[1.0, 2.0]]}):
            out.append(raises_last_line(lambda f=feed: sess.run(op, f)))
        out.append(sess.run(v))
    out.append(run_error(tf, tf.scatter_add(s, [0], [1.0])))
    return out


@case
def scatter_of_an_uninitialized_variable(tf):
    v = _var(tf)
    return run_error(tf, tf.scatter_add(v, [0], [[1.0, 1.0]]))


@case
def scatter_has_no_gradient(tf):
    v = _var(tf)
    x = tf.constant([[1.0, 1.0]])
    op = tf.scatter_add(v, [0], x)
    return [g is None for g in tf.gradients(tf.reduce_sum(op), [x])]


@case
def variable_scatter_methods(tf):
    v = _var(tf)
    delta = tf.IndexedSlices(tf.constant([[1.0, 2.0], [3.0, 4.0]]), tf.constant([4, 4]), tf.constant([5, 2]))
    ops = [v.scatter_add(delta), v.scatter_sub(delta, name="minus"), v.scatter_update(delta)]
    out = [[o.name, o.op.type, o.op.get_attr("use_locking")] for o in ops]
    with tf.Session() as sess:
        sess.run(v.initializer)
        for o in ops:
            out.append(sess.run(o))
    out.append(raises(lambda: v.scatter_add(tf.constant([[1.0, 1.0]]))))
    return out
