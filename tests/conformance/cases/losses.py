"""``tf.losses``: op structure, reductions, weights, the LOSSES collection, values and gradients."""

import numpy as np

from tests.conformance.cases._nn_helpers import arr, describe, grad_values, static, values
from tests.conformance.harness import case, op_summary, raises

_P = arr(4, 3, seed=71, low=-1.0, high=1.0, dtype=np.float32)
_L = arr(4, 3, seed=72, low=-1.0, high=1.0, dtype=np.float32)
_W = np.array([[1.0], [0.0], [2.0], [0.5]], np.float32)
_ONEHOT = np.eye(3, dtype=np.float32)[[0, 2, 1, 1]]
_SPARSE = np.array([0, 2, 1, 1], np.int32)
_PROB = arr(4, 3, seed=73, low=0.05, high=0.95, dtype=np.float32)
_BINARY = (arr(4, 3, seed=74) > 0).astype(np.float32)


def _ph(tf, name, shape=(None, 3)):
    return tf.placeholder(tf.float32, list(shape), name=name)


def _names(ts):
    return [t.name for t in ts]


@case
def mse_graph(tf):
    y, x = _ph(tf, "y"), _ph(tf, "x")
    return describe(tf, tf.losses.mean_squared_error(y, x), {y: _L, x: _P})


@case
def mse_reduction_graphs(tf):
    y, x = _ph(tf, "y"), _ph(tf, "x")
    R = tf.losses.Reduction
    outs = [tf.losses.mean_squared_error(y, x, reduction=r) for r in (R.NONE, R.SUM, R.MEAN, R.SUM_OVER_BATCH_SIZE,
                                                                         R.SUM_BY_NONZERO_WEIGHTS)]
    return describe(tf, outs, {y: _L, x: _P})


@case
def mse_weights_per_example(tf):
    y, x = _ph(tf, "y", (4, 3)), _ph(tf, "x", (4, 3))
    w = tf.constant(_W, name="w")
    return describe(tf, tf.losses.mean_squared_error(y, x, weights=w), {y: _L, x: _P})


@case
def mse_weights_unknown_batch_values(tf):
    # With an unknown batch TF checks the weights at run time (cond + Assert); scopeflow does not,
    # so only the value is compared.
    y, x = _ph(tf, "y"), _ph(tf, "x")
    return values(tf, tf.losses.mean_squared_error(y, x, weights=tf.constant(_W)), {y: _L, x: _P})


@case
def mse_weights_full_and_reductions(tf):
    y, x = tf.constant(_L), tf.constant(_P)
    w = tf.constant(np.where(_L > 0, 1.0, 0.0).astype(np.float32))
    R = tf.losses.Reduction
    return values(tf, [tf.losses.mean_squared_error(y, x, weights=w, reduction=r) for r in R.all()])


@case
def mse_scalar_weight_values(tf):
    y, x = tf.constant(_L), tf.constant(_P)
    return values(tf, [tf.losses.mean_squared_error(y, x, weights=2.0), tf.losses.mean_squared_error(y, x, weights=0.0),
                       tf.losses.mean_squared_error(y, x, weights=tf.constant(0.0))])


@case
def losses_collection(tf):
    y, x = tf.constant(_L), tf.constant(_P)
    a = tf.losses.mean_squared_error(y, x)
    b = tf.losses.absolute_difference(y, x, loss_collection=None)
    c = tf.losses.huber_loss(y, x, scope="my_huber")
    d = tf.losses.mean_squared_error(y, x, loss_collection="custom")
    return {"losses": _names(tf.get_collection(tf.GraphKeys.LOSSES)), "get_losses": _names(tf.losses.get_losses()),
            "custom": _names(tf.losses.get_losses(loss_collection="custom")), "outs": _names([a, b, c, d]),
            "scoped": _names(tf.losses.get_losses(scope="my_huber"))}


@case
def total_loss_with_regularization(tf):
    w = tf.get_variable("w", [3], initializer=tf.ones_initializer(),
                        regularizer=lambda v: tf.reduce_sum(tf.square(v)) * 0.5)
    loss = tf.losses.mean_squared_error(tf.constant(_L), tf.constant(_P) * w)
    total = tf.losses.get_total_loss()
    only = tf.losses.get_total_loss(add_regularization_losses=False, name="data_loss")
    reg = tf.losses.get_regularization_loss()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        vals = sess.run([loss, total, only, reg])
    return {"names": _names([loss, total, only, reg]), "values": vals,
            "reg_losses": _names(tf.losses.get_regularization_losses())}


@case
def reduction_constants_and_errors(tf):
    R = tf.losses.Reduction
    return {"all": list(R.all()), "consts": [R.NONE, R.SUM, R.MEAN, R.SUM_OVER_BATCH_SIZE, R.SUM_BY_NONZERO_WEIGHTS,
                                             R.SUM_OVER_NONZERO_WEIGHTS],
            "bad": raises(lambda: tf.losses.mean_squared_error(tf.ones([2]), tf.ones([2]), reduction="bogus")),
            "none_labels": raises(lambda: tf.losses.mean_squared_error(None, tf.ones([2])))}


@case
def weights_shape_errors(tf):
    return [raises(lambda: tf.losses.mean_squared_error(tf.ones([4, 3]), tf.ones([4, 3]), weights=tf.ones([2, 3]))),
            raises(lambda: tf.losses.mean_squared_error(tf.ones([4, 3]), tf.ones([4, 3]), weights=tf.ones([4]))),
            raises(lambda: tf.losses.mean_squared_error(tf.ones([4, 3]), tf.ones([4, 2])))]


@case
def compute_weighted_loss_graph(tf):
    losses = _ph(tf, "l", (4, 3))
    out = tf.losses.compute_weighted_loss(losses, weights=tf.constant(_W))
    return describe(tf, out, {losses: _P})


@case
def compute_weighted_loss_python_and_int(tf):
    a = tf.losses.compute_weighted_loss([1.0, 3.0])
    b = tf.losses.compute_weighted_loss(tf.constant([1.0, 2.0], tf.float64), weights=[1.0, 0.0])
    return describe(tf, [a, b])


@case
def absolute_difference_graph(tf):
    y, x = _ph(tf, "y", (4, 3)), _ph(tf, "x", (4, 3))
    return describe(tf, tf.losses.absolute_difference(y, x, weights=tf.constant(_W)), {y: _L, x: _P})


@case
def huber_loss_graph(tf):
    y, x = _ph(tf, "y"), _ph(tf, "x")
    return describe(tf, tf.losses.huber_loss(y, x * 3.0, delta=0.5), {y: _L, x: _P})


@case
def log_loss_graph(tf):
    y, x = _ph(tf, "y"), _ph(tf, "x")
    return describe(tf, tf.losses.log_loss(y, x), {y: _BINARY, x: _PROB})


@case
def hinge_loss_graph(tf):
    y, x = _ph(tf, "y"), _ph(tf, "x")
    return describe(tf, tf.losses.hinge_loss(y, x), {y: _BINARY, x: _P})


@case
def cosine_distance_graph(tf):
    y, x = _ph(tf, "y"), _ph(tf, "x")
    return describe(tf, tf.losses.cosine_distance(y, x, axis=1), {y: _L, x: _P})


@case
def softmax_cross_entropy_graph(tf):
    y, x = _ph(tf, "y"), _ph(tf, "x")
    return describe(tf, tf.losses.softmax_cross_entropy(y, x), {y: _ONEHOT, x: _P})


@case
def softmax_cross_entropy_smoothing(tf):
    y, x = _ph(tf, "y", (4, 3)), _ph(tf, "x", (4, 3))
    return describe(tf, tf.losses.softmax_cross_entropy(y, x, weights=tf.constant(_W[:, 0]), label_smoothing=0.1),
                    {y: _ONEHOT, x: _P})


@case
def sparse_softmax_cross_entropy_graph(tf):
    y, x = tf.placeholder(tf.int32, [None], name="y"), _ph(tf, "x")
    return describe(tf, tf.losses.sparse_softmax_cross_entropy(y, x), {y: _SPARSE, x: _P})


@case
def sparse_softmax_cross_entropy_squeezes(tf):
    y = tf.constant(_SPARSE.reshape(4, 1))
    return describe(tf, tf.losses.sparse_softmax_cross_entropy(y, tf.constant(_P), weights=tf.constant(_W)))


@case
def sigmoid_cross_entropy_graph(tf):
    y, x = _ph(tf, "y"), _ph(tf, "x")
    return describe(tf, tf.losses.sigmoid_cross_entropy(y, x, label_smoothing=0.2), {y: _BINARY, x: _P})


@case
def sigmoid_cross_entropy_int_labels(tf):
    return values(tf, tf.losses.sigmoid_cross_entropy(tf.constant(_BINARY.astype(np.int32)), tf.constant(_P)))


@case
def mean_pairwise_squared_error_values(tf):
    y, x = tf.constant(_L), tf.constant(_P)
    out = tf.losses.mean_pairwise_squared_error(y, x, weights=tf.constant(_W))
    return {"name": out.name, "value": values(tf, out)}


@case
def losses_gradients(tf):
    y, x = tf.constant(_L), tf.constant(_P, name="pred")
    outs = [tf.losses.mean_squared_error(y, x), tf.losses.absolute_difference(y, x, weights=tf.constant(_W)),
            tf.losses.huber_loss(y, 3.0 * x, delta=0.5), tf.losses.softmax_cross_entropy(tf.constant(_ONEHOT), x),
            tf.losses.sparse_softmax_cross_entropy(tf.constant(_SPARSE), x),
            tf.losses.sigmoid_cross_entropy(tf.constant(_BINARY), x)]
    return values(tf, [tf.gradients(o, x)[0] for o in outs])


@case
def mse_gradient_graph(tf):
    y, x = tf.constant(_L, name="labels"), tf.constant(_P, name="pred")
    g = tf.gradients(tf.losses.mean_squared_error(y, x), x)[0]
    return {"name": g.name, "static": static(g), "value": values(tf, g),
            "ops": [s for s in op_summary(tf.get_default_graph()) if s[0].startswith("gradients")]}


@case
def sparse_xent_loss_gradient_graph(tf):
    x = tf.constant(_P, name="logits")
    g = tf.gradients(tf.losses.sparse_softmax_cross_entropy(tf.constant(_SPARSE), x), x)[0]
    return {"name": g.name, "value": values(tf, g),
            "ops": [s for s in op_summary(tf.get_default_graph()) if s[0].startswith("gradients")]}


@case
def huber_values_by_delta(tf):
    y, x = tf.constant(_L), tf.constant(_P * 4.0)
    return values(tf, [tf.losses.huber_loss(y, x, delta=d, reduction=tf.losses.Reduction.NONE)
                       for d in (0.1, 1.0, 5.0)])


@case
def last_loss_values_per_reduction(tf):
    y, x = tf.constant(_L), tf.constant(_P)
    R = tf.losses.Reduction
    w = tf.constant(_W)
    return values(tf, [tf.losses.absolute_difference(y, x, weights=w, reduction=r) for r in R.all()])


@case
def grad_of_weights(tf):
    y, x = tf.constant(_L), tf.constant(_P)
    w = tf.constant(_W, name="w")
    return grad_values(tf, tf.losses.mean_squared_error(y, x, weights=w, reduction=tf.losses.Reduction.NONE), [w])
