"""Conformance cases for the scatter family: ``tensor_scatter_*`` (``TensorScatter*`` ops),
the variable updates ``scatter_nd_update/add/sub`` and ``scatter_mul/div/min/max``, and TF1's
``batch_gather``/``batch_scatter_update``: ops, names, shapes, values, errors, gradients."""

import numpy as np

from tests.conformance.cases._math_helpers import describe, grads
from tests.conformance.harness import case, raises, run, run_error

_T = np.arange(12, dtype=np.float32).reshape(4, 3)
_IDX = np.array([[0, 1], [3, 2], [1, 0]], np.int32)
_U = np.array([10.0, -20.0, 30.0], np.float32)


@case
def tensor_scatter_nd_names_and_values(tf):
    t = tf.constant(_T, name="t")
    return describe(tf, [tf.tensor_scatter_nd_update(t, _IDX, _U), tf.tensor_scatter_nd_add(t, _IDX, _U),
                         tf.tensor_scatter_nd_sub(t, _IDX, _U, name="sub"), tf.tensor_scatter_nd_min(t, _IDX, _U),
                         tf.tensor_scatter_nd_max(t, _IDX, _U)])


@case
def tensor_scatter_v1_aliases(tf):
    t = tf.constant(_T, name="t")
    return describe(tf, [tf.tensor_scatter_update(t, [[1], [3]], np.ones((2, 3), np.float32)),
                         tf.tensor_scatter_add(t, [[1], [1]], np.ones((2, 3), np.float32)),
                         tf.tensor_scatter_sub(t, [[0]], [[1.0, 2.0, 3.0]], name="s")])


@case
def tensor_scatter_int64_indices_and_ints(tf):
    t = tf.constant(np.arange(8).reshape(2, 2, 2), name="t")
    i = tf.constant([[1, 0], [0, 1]], tf.int64, name="i")
    return describe(tf, [tf.tensor_scatter_nd_add(t, i, [[5, 6], [7, 8]]),
                         tf.tensor_scatter_nd_update(t, [[1, 1, 1]], [-1])])


@case
def tensor_scatter_static_shape_errors(tf):
    t = tf.constant(_T, name="t")
    return [raises(tf.tensor_scatter_nd_update, t, _IDX, [1.0, 2.0]),
            raises(tf.tensor_scatter_nd_add, t, [[0], [1]], [[1.0, 2.0], [3.0, 4.0]]),
            raises(tf.tensor_scatter_nd_update, t, [1, 2], [1.0, 2.0])]


@case
def tensor_scatter_unknown_shapes(tf):
    t = tf.placeholder(tf.float32, [None, 3], name="t")
    i = tf.placeholder(tf.int32, name="i")
    return [tf.tensor_scatter_nd_update(t, i, tf.ones([2, 3])).shape.as_list(),
            tf.tensor_scatter_nd_add(tf.placeholder(tf.float32, name="u"), [[0]], [1.0]).shape.ndims]


@case
def tensor_scatter_runtime_errors(tf):
    t = tf.constant(_T, name="t")
    i = tf.placeholder(tf.int32, name="i")
    return [run_error(tf, tf.tensor_scatter_nd_update(t, i, [1.0, 2.0]), {i: [[0, 1], [4, 0]]}),
            run_error(tf, tf.tensor_scatter_nd_add(t, i, [1.0]), {i: [[0, -1]]})]


def _var(tf, name="v"):
    return tf.Variable(_T, name=name)


@case
def scatter_nd_variable_updates(tf):
    v = _var(tf)
    outs = [tf.scatter_nd_update(v, _IDX, _U), tf.scatter_nd_add(v, [[0], [0]], np.ones((2, 3), np.float32)),
            tf.scatter_nd_sub(v, [[3, 0]], [5.0])]
    ops = [[op.name, op.type, op.get_attr("use_locking")] for op in (o.op for o in outs)]
    values = []
    with tf.Session() as sess:
        sess.run(v.initializer)
        for o in outs:
            values.append(sess.run(o))
    return {"ops": ops, "shapes": [o.shape.as_list() for o in outs], "values": values}


@case
def scatter_nd_name_is_taken_as_bad_indices_policy(tf):
    v = _var(tf)
    out = tf.scatter_nd_add(v, [[0, 0]], [1.0], name="named")
    return {"op": [out.op.name, out.op.get_attr("bad_indices_policy")],
            "run": run_error(tf, [v.initializer, out])}


@case
def scatter_row_updates_mul_div_min_max(tf):
    v = _var(tf)
    outs = [tf.scatter_mul(v, [0, 2], [[2.0, 2.0, 2.0], [0.5, 0.5, 0.5]]), tf.scatter_div(v, [1], [[2.0, 4.0, 8.0]]),
            tf.scatter_min(v, [3, 3], [[5.0, 20.0, 0.0], [9.0, 2.0, 1.0]], name="mn"),
            tf.scatter_max(v, [0], 4.0), tf.scatter_mul(v, [1, 1], [[3.0, 3.0, 3.0], [2.0, 2.0, 2.0]])]
    values = []
    with tf.Session() as sess:
        sess.run(v.initializer)
        for o in outs:
            values.append(sess.run(o))
    return {"ops": [[o.op.name, o.op.type] for o in outs], "values": values}


@case
def scatter_integer_division_truncates(tf):
    v = tf.Variable([7, -7, 9], name="v")
    d = tf.scatter_div(v, [0, 1, 2], [2, 2, -4])
    return run(tf, d)


@case
def scatter_variable_errors(tf):
    v = _var(tf)
    i = tf.placeholder(tf.int32, name="i")
    ok = raises(tf.scatter_nd_update, v, _IDX, [1.0, 2.0])
    with tf.Session() as sess:
        sess.run(v.initializer)
    return [ok, raises(tf.scatter_mul, v, [0, 1], [[1.0, 2.0, 3.0]]),
            run_error(tf, [v.initializer, tf.scatter_nd_add(v, i, [1.0])], {i: [[9, 0]]}),
            run_error(tf, [v.initializer, tf.scatter_min(v, i, [[1.0, 1.0, 1.0]])], {i: [7]})]


@case
def scatter_updates_have_no_gradient(tf):
    v = _var(tf)
    u = tf.constant(_U, name="u")
    out = tf.scatter_nd_update(v, _IDX, u)
    return [tf.gradients(out, u), raises(tf.gradients, tf.scatter_max(v, [0], [[1.0, 1.0, 1.0]]), v)["error"]]


@case
def batch_gather_values_and_names(tf):
    p = tf.constant(np.arange(24, dtype=np.float32).reshape(2, 3, 4), name="p")
    i = tf.constant([[2, 0], [1, 1]], name="i")
    j = tf.constant([[[1], [0], [2]], [[2], [2], [0]]], name="j")
    return describe(tf, [tf.batch_gather(p, i), tf.batch_gather(p, j, name="bg")])


@case
def batch_gather_unknown_indices_shape(tf):
    return raises(tf.batch_gather, tf.ones([2, 3]), tf.placeholder(tf.int32, name="i"))


@case
def batch_scatter_update_values(tf):
    v = tf.Variable(np.zeros((2, 4), np.float32), name="v")
    up = tf.batch_scatter_update(v, [[1, 3], [0, 0]], [[1.0, 2.0], [3.0, 4.0]])
    ops = [[op.name, op.type] for op in tf.get_default_graph().get_operations() if op.name.startswith("v") is False]
    return {"ops": ops, "name": up.name, "value": run(tf, up)}


@case
def grad_tensor_scatter_update_add_sub(tf):
    t = tf.constant(_T, name="t")
    u = tf.constant(_U, name="u")
    w = tf.constant(np.arange(12, dtype=np.float32).reshape(4, 3) % 5, name="w")
    ys = [tf.reduce_sum(w * tf.tensor_scatter_nd_update(t, _IDX, u)),
          tf.reduce_sum(w * tf.tensor_scatter_nd_add(t, _IDX, u)),
          tf.reduce_sum(w * tf.tensor_scatter_nd_sub(t, _IDX, u))]
    return grads(tf, ys, [t, u])


@case
def grad_tensor_scatter_min_max_ties(tf):
    t = tf.constant(_T, name="t")
    u = tf.constant([1.0, 11.0, 30.0], name="u")
    return grads(tf, [tf.reduce_sum(tf.tensor_scatter_nd_min(t, _IDX, u)),
                      tf.reduce_sum(tf.tensor_scatter_nd_max(t, _IDX, u) * 2.0)], [t, u])


@case
def grad_batch_gather(tf):
    p = tf.constant(np.arange(24, dtype=np.float32).reshape(2, 3, 4), name="p")
    return grads(tf, tf.reduce_sum(tf.square(tf.batch_gather(p, [[2, 0], [1, 1]]))), [p])
