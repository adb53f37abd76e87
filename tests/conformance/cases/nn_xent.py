"""Softmax, log-softmax and the cross-entropy functions: structure, shapes, values, errors, gradients."""

import numpy as np

from tests.conformance.cases._nn_helpers import arr, describe, grads, run_error, static, values
from tests.conformance.harness import case, op_summary, raises

_LOGITS = arr(4, 3, seed=11, low=-3.0, high=3.0)
_PROBS = np.array([[0.2, 0.3, 0.5], [1.0, 0.0, 0.0], [0.0, 0.5, 0.5], [0.1, 0.1, 0.8]])
_SPARSE = np.array([2, 0, 1, 1], np.int32)


def _ph(tf, shape=(None, 3), dtype=None, name="x"):
    return tf.placeholder(dtype or tf.float64, list(shape) if shape is not None else None, name=name)


@case
def softmax_graph_and_values(tf):
    x = _ph(tf)
    return describe(tf, [tf.nn.softmax(x), tf.nn.log_softmax(x)], {x: _LOGITS})


@case
def softmax_axis0_graph(tf):
    x = _ph(tf)
    return describe(tf, tf.nn.softmax(x, axis=0), {x: _LOGITS})


@case
def log_softmax_axis0_graph(tf):
    x = _ph(tf)
    return describe(tf, tf.nn.log_softmax(x, axis=0), {x: _LOGITS})


@case
def softmax_3d_axis1_named(tf):
    x = tf.constant(arr(2, 3, 4, seed=2))
    return describe(tf, tf.nn.softmax(x, axis=1, name="sm"))


@case
def softmax_dim_keyword(tf):
    x = tf.constant(_LOGITS)
    return describe(tf, tf.nn.softmax(x, dim=0))


@case
def softmax_python_list(tf):
    return describe(tf, [tf.nn.softmax([1.0, 2.0, 3.0]), tf.nn.log_softmax([1.0, 2.0, 3.0])])


@case
def softmax_large_logits_stable(tf):
    x = tf.constant([[1000.0, 1001.0, 999.0], [-1000.0, -1e4, -999.0]], tf.float32)
    return values(tf, [tf.nn.softmax(x), tf.nn.log_softmax(x)])


@case
def softmax_scalar_error(tf):
    return raises(lambda: tf.nn.softmax(tf.constant(1.0)))


@case
def softmax_axis_out_of_range(tf):
    return raises(lambda: tf.nn.softmax(tf.ones([2, 3]), axis=2))


@case
def softmax_int_error(tf):
    return raises(lambda: tf.nn.softmax(tf.constant([1, 2])))


@case
def softmax_gradient(tf):
    x = _ph(tf, (4, 3))
    return grads(tf, tf.nn.softmax(x), x, {x: _LOGITS})


@case
def log_softmax_gradient(tf):
    x = _ph(tf, (4, 3))
    return grads(tf, tf.nn.log_softmax(x), x, {x: _LOGITS})


@case
def softmax_axis0_gradient_values(tf):
    x = tf.constant(_LOGITS)
    g = tf.gradients(tf.reduce_sum(tf.nn.softmax(x, axis=0) * tf.constant(_PROBS)), x)[0]
    return values(tf, g)


# -- softmax_cross_entropy_with_logits(_v2) ----------------------------------------------------------
@case
def xent_v2_graph(tf):
    x, y = _ph(tf), _ph(tf, name="y")
    return describe(tf, tf.nn.softmax_cross_entropy_with_logits_v2(labels=y, logits=x), {x: _LOGITS, y: _PROBS})


@case
def xent_v1_graph(tf):
    x, y = _ph(tf), _ph(tf, name="y")
    return describe(tf, tf.nn.softmax_cross_entropy_with_logits(labels=y, logits=x), {x: _LOGITS, y: _PROBS})


@case
def xent_v2_static_shapes(tf):
    out = tf.nn.softmax_cross_entropy_with_logits_v2(labels=tf.ones([2, 4, 3]), logits=tf.ones([2, 4, 3]))
    unknown = tf.nn.softmax_cross_entropy_with_logits_v2(labels=_ph(tf, None, name="a"), logits=_ph(tf, None))
    return {"ops": op_summary(tf.get_default_graph()), "outs": static([out, unknown])}


@case
def xent_v2_axis0(tf):
    x, y = _ph(tf), _ph(tf, name="y")
    return describe(tf, tf.nn.softmax_cross_entropy_with_logits_v2(labels=y, logits=x, axis=0),
                    {x: _LOGITS, y: _PROBS})


@case
def xent_v2_named_float32(tf):
    out = tf.nn.softmax_cross_entropy_with_logits_v2(labels=_PROBS.astype(np.float32),
                                                     logits=_LOGITS.astype(np.float32), name="loss")
    return describe(tf, out)


@case
def xent_v2_gradient(tf):
    x, y = _ph(tf, (4, 3)), _ph(tf, (4, 3), name="y")
    return grads(tf, tf.nn.softmax_cross_entropy_with_logits_v2(labels=y, logits=x), [x, y],
                 {x: _LOGITS, y: _PROBS})


@case
def xent_v1_gradient_labels_none(tf):
    x, y = _ph(tf, (4, 3)), _ph(tf, (4, 3), name="y")
    return grads(tf, tf.nn.softmax_cross_entropy_with_logits(labels=y, logits=x), [x, y],
                 {x: _LOGITS, y: _PROBS})


@case
def xent_v2_gradient_unknown_batch(tf):
    x, y = _ph(tf), _ph(tf, name="y")
    loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=y, logits=x))
    g = tf.gradients(loss, x)[0]
    return {"name": g.name, "shape": static(g), "value": values(tf, g, {x: _LOGITS, y: _PROBS})}


@case
def xent_v2_missing_args(tf):
    return raises(lambda: tf.nn.softmax_cross_entropy_with_logits(labels=None, logits=tf.ones([2, 3])))


@case
def xent_runtime_mismatch(tf):
    x = tf.placeholder_with_default(tf.ones([2, 4]), [None, None])
    return run_error(tf, tf.nn.softmax_cross_entropy_with_logits_v2(labels=x, logits=tf.ones([2, 3])))


@case
def xent_large_logits_stable(tf):
    x = tf.constant([[1000.0, 0.0, -1000.0]], tf.float32)
    y = tf.constant([[0.0, 0.0, 1.0]], tf.float32)
    return values(tf, tf.nn.softmax_cross_entropy_with_logits_v2(labels=y, logits=x))


# -- sparse_softmax_cross_entropy_with_logits ---------------------------------------------------------
@case
def sparse_xent_graph(tf):
    x, y = _ph(tf), tf.placeholder(tf.int32, [None], name="y")
    return describe(tf, tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=x), {x: _LOGITS, y: _SPARSE})


@case
def sparse_xent_3d_graph(tf):
    labels = tf.constant(_SPARSE.reshape(2, 2))
    logits = tf.constant(_LOGITS.reshape(2, 2, 3))
    return describe(tf, tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))


@case
def sparse_xent_int64_named(tf):
    out = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.constant(_SPARSE, tf.int64),
                                                         logits=tf.constant(_LOGITS, tf.float32), name="xent")
    return describe(tf, out)


@case
def sparse_xent_gradient(tf):
    x, y = _ph(tf, (4, 3)), tf.placeholder(tf.int32, [4], name="y")
    return grads(tf, tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=x), [x],
                 {x: _LOGITS, y: _SPARSE})


@case
def sparse_xent_label_out_of_range(tf):
    return run_error(tf, tf.nn.sparse_softmax_cross_entropy_with_logits(labels=[0, 5], logits=tf.ones([2, 3])))


@case
def sparse_xent_negative_label(tf):
    return run_error(tf, tf.nn.sparse_softmax_cross_entropy_with_logits(labels=[0, -1, 2], logits=tf.ones([3, 3])))


@case
def sparse_xent_rank_error(tf):
    return raises(lambda: tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.ones([2, 3], tf.int32),
                                                                         logits=tf.ones([2, 3])))


@case
def sparse_xent_shape_error(tf):
    return raises(lambda: tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.ones([3], tf.int32),
                                                                         logits=tf.ones([2, 3])))


@case
def sparse_xent_scalar_logits_error(tf):
    return raises(lambda: tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.ones([], tf.int32),
                                                                         logits=tf.constant(1.0)))


# -- sigmoid and weighted cross entropy ---------------------------------------------------------------------
@case
def sigmoid_xent_graph(tf):
    x, y = _ph(tf), _ph(tf, name="y")
    return describe(tf, tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=x), {x: _LOGITS, y: _PROBS})


@case
def sigmoid_xent_gradient(tf):
    x, y = _ph(tf, (4, 3)), _ph(tf, (4, 3), name="y")
    return grads(tf, tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=x), [x, y], {x: _LOGITS, y: _PROBS})


@case
def sigmoid_xent_shape_error(tf):
    return raises(lambda: tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.ones([2, 3]), logits=tf.ones([3, 2])))


@case
def weighted_xent_graph(tf):
    x, y = _ph(tf), _ph(tf, name="y")
    return describe(tf, tf.nn.weighted_cross_entropy_with_logits(labels=y, logits=x, pos_weight=2.0),
                    {x: _LOGITS, y: _PROBS})


@case
def weighted_xent_gradient_values(tf):
    x, y = _ph(tf, (4, 3)), _ph(tf, (4, 3), name="y")
    loss = tf.nn.weighted_cross_entropy_with_logits(labels=y, logits=x, pos_weight=0.5)
    return grads(tf, loss, [x], {x: _LOGITS, y: _PROBS})
