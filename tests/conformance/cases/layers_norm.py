"""tf.layers.batch_normalization: fused and unfused graphs, variables, UPDATE_OPS, moving statistics."""

import numpy as np

from tests.conformance.cases._layers_helpers import arr, collections, model, run, static, var_names
from tests.conformance.harness import case, op_names, raises


def _x(tf, shape=(None, 3), name="x", dtype=None):
    return tf.placeholder(dtype or tf.float32, list(shape), name=name)


def _train(tf, y, feeds, extra=()):
    """Run ``y`` with the update ops for each feed; return the outputs and the moving statistics."""
    updates = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    moving = [v for v in tf.global_variables() if "moving" in v.name]
    outs = []
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for feed in feeds:
            outs.append(sess.run([y, *extra, updates], feed)[:-1])
        return {"outs": outs, "moving": sess.run(moving)}


@case
def bn_inference_model(tf):
    return model(tf, tf.layers.batch_normalization(_x(tf)))


@case
def bn_training_model(tf):
    y = tf.layers.batch_normalization(_x(tf), training=True)
    return [model(tf, y), collections(tf)]


@case
def bn_fused_training_model(tf):
    y = tf.layers.batch_normalization(_x(tf, (None, 4, 4, 3)), training=True)
    return [model(tf, y), collections(tf)]


@case
def bn_fused_inference_model(tf):
    y = tf.layers.batch_normalization(_x(tf, (None, 4, 4, 3)))
    return [model(tf, y), collections(tf)]


@case
def bn_fused_false_model(tf):
    y = tf.layers.batch_normalization(_x(tf, (None, 2, 2, 3)), training=True, fused=False)
    return [model(tf, y), collections(tf)]


@case
def bn_fused_true_rank2_falls_back(tf):
    y = tf.layers.batch_normalization(_x(tf), training=True, fused=True)
    return [y.name, op_names(tf.get_default_graph())[-3:]]


@case
def bn_variables_and_collections(tf):
    tf.layers.batch_normalization(_x(tf), training=True)
    layer = tf.layers.BatchNormalization(name="bn2")
    layer(_x(tf, name="x2"))
    return [collections(tf), var_names(layer.trainable_variables), var_names(layer.non_trainable_variables),
            var_names(layer.variables), [u.name for u in layer.updates]]


@case
def bn_training_updates_values(tf):
    x = _x(tf)
    y = tf.layers.batch_normalization(x, training=True, momentum=0.9)
    return _train(tf, y, [{x: arr(4, 3, seed=i, low=0, high=5)} for i in range(3)])


@case
def bn_fused_training_updates_values(tf):
    x = _x(tf, (None, 2, 2, 3))
    y = tf.layers.batch_normalization(x, training=True, momentum=0.8)
    return _train(tf, y, [{x: arr(2, 2, 2, 3, seed=i, low=-1, high=3)} for i in range(3)])


@case
def bn_unfused_rank4_updates_values(tf):
    x = _x(tf, (None, 2, 2, 3))
    y = tf.layers.batch_normalization(x, training=True, momentum=0.8, fused=False)
    return _train(tf, y, [{x: arr(2, 2, 2, 3, seed=i, low=-1, high=3)} for i in range(3)])


@case
def bn_inference_values(tf):
    x = _x(tf)
    y = tf.layers.batch_normalization(x, moving_mean_initializer=tf.constant_initializer(0.5),
                                      moving_variance_initializer=tf.constant_initializer(4.0),
                                      gamma_initializer=tf.constant_initializer(2.0),
                                      beta_initializer=tf.constant_initializer(-1.0))
    return run(tf, y, {x: arr(3, 3)})


@case
def bn_fused_inference_values(tf):
    x = _x(tf, (None, 2, 2, 2))
    y = tf.layers.batch_normalization(x, epsilon=0.01, moving_mean_initializer=tf.constant_initializer(0.5),
                                      moving_variance_initializer=tf.constant_initializer(2.0))
    return run(tf, y, {x: arr(1, 2, 2, 2)})


@case
def bn_training_tensor(tf):
    x = _x(tf)
    t = tf.placeholder(tf.bool, [], name="t")
    y = tf.layers.batch_normalization(x, training=t, momentum=0.5)
    names = [y.name, [u.name for u in tf.get_collection(tf.GraphKeys.UPDATE_OPS)]]
    feeds = [{x: arr(4, 3, seed=1), t: True}, {x: arr(4, 3, seed=2), t: False}, {x: arr(4, 3, seed=3), t: True}]
    return [names, _train(tf, y, feeds)]


@case
def bn_fused_training_tensor(tf):
    x = _x(tf, (None, 2, 2, 2))
    t = tf.placeholder_with_default(True, [], name="t")
    y = tf.layers.batch_normalization(x, training=t, momentum=0.5)
    names = [y.name, [u.name for u in tf.get_collection(tf.GraphKeys.UPDATE_OPS)]]
    feeds = [{x: arr(2, 2, 2, 2, seed=1)}, {x: arr(2, 2, 2, 2, seed=2), t: False},
             {x: arr(2, 2, 2, 2, seed=3), t: True}]
    return [names, _train(tf, y, feeds)]


@case
def bn_training_constant_tensor_is_static(tf):
    y = tf.layers.batch_normalization(_x(tf), training=tf.constant(True))
    return [y.name, [u.name for u in tf.get_collection(tf.GraphKeys.UPDATE_OPS)]]


@case
def bn_axis1_rank4_fused_graph(tf):
    y = tf.layers.batch_normalization(_x(tf, (None, 3, 4, 4)), axis=1, training=True)
    return [static(y), [[v.name, v.shape.as_list()] for v in tf.global_variables()],
            [op for op in op_names(tf.get_default_graph()) if "Fused" in op]]


@case
def bn_axis2_rank4_unfused_values(tf):
    x = _x(tf, (None, 2, 3, 2))
    y = tf.layers.batch_normalization(x, axis=2, training=True)
    return [static(y), op_names(tf.get_default_graph())[-12:], _train(tf, y, [{x: arr(2, 2, 3, 2, seed=9)}])]


@case
def bn_multi_axis(tf):
    x = _x(tf, (None, 2, 3))
    y = tf.layers.batch_normalization(x, axis=[1, 2], training=True)
    return [static(y), [[v.name, v.shape.as_list()] for v in tf.global_variables()],
            _train(tf, y, [{x: arr(4, 2, 3, seed=10)}])]


@case
def bn_no_center_no_scale(tf):
    x = _x(tf, (None, 2, 2, 3))
    a = tf.layers.batch_normalization(_x(tf, name="x2"), center=False, scale=False, training=True)
    b = tf.layers.batch_normalization(x, center=False, training=True)
    return [var_names(tf.global_variables()), model(tf, [a, b])["ops"][-14:], static([a, b])]


@case
def bn_trainable_false(tf):
    layer = tf.layers.BatchNormalization(trainable=False)
    y = layer(_x(tf), training=True)
    return [y.name, collections(tf), layer.updates == [], var_names(layer.non_trainable_variables)]


@case
def bn_reuse(tf):
    x = _x(tf)
    a = tf.layers.batch_normalization(x, training=True, name="bn")
    b = tf.layers.batch_normalization(x, training=True, name="bn", reuse=True)
    return [a.name, b.name, var_names(tf.global_variables()), collections(tf)["update_ops"]]


@case
def bn_layer_called_twice(tf):
    x = _x(tf)
    layer = tf.layers.BatchNormalization()
    a = layer(x, training=True)
    b = layer(x, training=True)
    c = layer(x)
    return [a.name, b.name, c.name, [u.name for u in layer.updates], collections(tf)["update_ops"]]


@case
def bn_float64_unfused(tf):
    x = _x(tf, (None, 2, 2, 2), dtype=tf.float64)
    y = tf.layers.batch_normalization(x, training=True)
    return [static(y), [v.dtype.name for v in tf.global_variables()], op_names(tf.get_default_graph())[-3:],
            _train(tf, y, [{x: arr(2, 2, 2, 2, dtype=np.float64)}])]


@case
def bn_in_variable_scope(tf):
    with tf.variable_scope("block"):
        y = tf.layers.batch_normalization(_x(tf), training=True)
    return [y.name, collections(tf)]


@case
def bn_undefined_axis_error(tf):
    return raises(lambda: tf.layers.batch_normalization(_x(tf, (2, None))))


@case
def bn_invalid_axis_error(tf):
    return [raises(lambda: tf.layers.batch_normalization(_x(tf), axis=2)),
            raises(lambda: tf.layers.batch_normalization(_x(tf, name="x2"), axis=[1, -1])),
            raises(lambda: tf.layers.BatchNormalization(axis="a"))]


@case
def bn_unknown_rank_error(tf):
    return raises(lambda: tf.layers.batch_normalization(tf.placeholder(tf.float32)))


@case
def bn_layer_properties(tf):
    layer = tf.layers.BatchNormalization(momentum=0.9, epsilon=0.01, name="bn")
    layer(_x(tf, (None, 2, 2, 3)))
    return [layer.axis, layer.momentum, layer.epsilon, layer.center, layer.scale, layer.fused,
            repr(layer.input_spec), layer.count_params(), layer.moving_mean.name, layer.gamma.name]
