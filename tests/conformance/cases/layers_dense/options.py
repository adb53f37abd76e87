"""tf.layers.dense / Dense: values, input ranks and dtypes, regularizers, constraints, initializers,
activations, properties and errors."""

import numpy as np

from tests.conformance.cases._layers_helpers import arr, collections, model, run, static, var_names
from tests.conformance.cases.layers_dense._helpers import _x
from tests.conformance.harness import case, op_names, raises


def _const(tf, kernel=0.5, bias=0.25):
    return dict(kernel_initializer=tf.constant_initializer(kernel), bias_initializer=tf.constant_initializer(bias))


@case
def dense_forward_values(tf):
    x = _x(tf)
    y = tf.layers.dense(x, 3, activation=tf.nn.relu, kernel_initializer=tf.constant_initializer(
        np.arange(12, dtype=np.float32).reshape(4, 3) / 10 - 0.5), bias_initializer=tf.constant_initializer(0.1))
    return run(tf, y, {x: arr(5, 4)})


@case
def dense_rank3_tensordot_model(tf):
    x = _x(tf, (None, 5, 4))
    y = tf.layers.dense(x, 3, **_const(tf))
    return model(tf, y)


@case
def dense_rank3_values(tf):
    x = _x(tf, (None, 2, 4))
    y = tf.layers.dense(x, 3, kernel_initializer=tf.constant_initializer(
        np.linspace(-1, 1, 12).reshape(4, 3)), bias_initializer=tf.constant_initializer(0.5))
    return [static(y), run(tf, y, {x: arr(3, 2, 4, seed=1)})]


@case
def dense_fully_known_rank3_shape(tf):
    y = tf.layers.dense(tf.placeholder(tf.float32, [2, 3, 4]), 5)
    return static(y)


@case
def dense_unknown_rank_input(tf):
    return raises(lambda: tf.layers.dense(tf.placeholder(tf.float32), 3))


@case
def dense_unknown_last_dim_error(tf):
    return raises(lambda: tf.layers.dense(_x(tf, (None, None)), 3))


@case
def dense_rank1_error(tf):
    return raises(lambda: tf.layers.dense(_x(tf, (4,)), 3))


@case
def dense_int_input_error(tf):
    return raises(lambda: tf.layers.dense(_x(tf, (2, 3), dtype=tf.int32), 3))


@case
def dense_axis_mismatch_error(tf):
    layer = tf.layers.Dense(3)
    layer(_x(tf, (2, 3)))
    return raises(lambda: layer(_x(tf, (2, 5), name="y")))


@case
def dense_float64_layer(tf):
    x = _x(tf, (None, 3), dtype=tf.float64)
    layer = tf.layers.Dense(2, **_const(tf))
    y = layer(x)
    return [static(y), layer.dtype, [v.dtype.name for v in layer.variables], run(tf, y, {x: np.ones((1, 3))})]


@case
def dense_casts_other_input_dtype(tf):
    layer = tf.layers.Dense(2, **_const(tf))
    layer(_x(tf, (None, 3)))
    x64 = _x(tf, (None, 3), name="x64", dtype=tf.float64)
    y = layer(x64)
    return [static(y), op_names(tf.get_default_graph())[-3:], run(tf, y, {x64: np.ones((1, 3))})]


@case
def dense_explicit_dtype(tf):
    layer = tf.layers.Dense(2, dtype=tf.float64)
    y = layer(_x(tf, (None, 3)))
    return [static(y), layer.dtype, [v.dtype.name for v in layer.variables], op_names(tf.get_default_graph())[-3:]]


@case
def dense_numpy_input(tf):
    y = tf.layers.dense(np.ones((2, 3), np.float32), 2, **_const(tf))
    return [static(y), op_names(tf.get_default_graph())[:2], run(tf, y)]


@case
def dense_kernel_regularizer(tf):
    y = tf.layers.dense(_x(tf), 3, kernel_regularizer=lambda w: tf.reduce_sum(tf.square(w)),
                        bias_regularizer=lambda b: tf.reduce_sum(b), **_const(tf))
    losses = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)
    return [model(tf, y), collections(tf), run(tf, losses)]


@case
def dense_regularizer_not_added_on_reuse(tf):
    x = _x(tf)
    reg = lambda w: tf.reduce_sum(w)  # noqa: E731
    tf.layers.dense(x, 3, name="fc", kernel_regularizer=reg)
    tf.layers.dense(x, 3, name="fc", kernel_regularizer=reg, reuse=True)
    return collections(tf)["regularization_losses"]


@case
def dense_activity_regularizer(tf):
    x = _x(tf)
    layer = tf.layers.Dense(3, activity_regularizer=lambda y: tf.reduce_sum(tf.abs(y)), **_const(tf))
    y = layer(x)
    y2 = layer(x)
    losses = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)
    return [model(tf, [y, y2]), collections(tf), run(tf, losses, {x: arr(4, 4)})]


@case
def dense_layer_losses_property(tf):
    layer = tf.layers.Dense(3, kernel_regularizer=lambda w: tf.reduce_sum(w),
                            activity_regularizer=lambda y: tf.reduce_sum(y))
    layer(_x(tf))
    first = [t.name for t in layer.losses]
    second = [t.name for t in layer.losses]
    return [first, second, collections(tf)["regularization_losses"]]


@case
def dense_trainable_false(tf):
    layer = tf.layers.Dense(2, trainable=False, name="frozen")
    layer(_x(tf))
    return [collections(tf), var_names(layer.trainable_variables), var_names(layer.non_trainable_variables),
            var_names(layer.weights), layer.trainable]


@case
def dense_layer_properties(tf):
    layer = tf.layers.Dense(3, name="q")
    before = [layer.name, layer.built, layer.dtype, var_names(layer.variables), repr(layer.input_spec)]
    layer(_x(tf))
    after = [layer.built, layer.dtype, var_names(layer.variables), var_names(layer.trainable_weights),
             var_names(layer.non_trainable_weights), layer.kernel.name, layer.bias.name, repr(layer.input_spec),
             layer.count_params(), layer.units, layer.use_bias, layer.updates, layer.losses, layer.scope_name]
    return [before, after]


@case
def dense_count_params_unbuilt_error(tf):
    return raises(lambda: tf.layers.Dense(3, name="q").count_params())


@case
def dense_kernel_constraint(tf):
    clip = lambda w: tf.clip_by_value(w, -1.0, 1.0)  # noqa: E731
    layer = tf.layers.Dense(3, kernel_constraint=clip)
    layer(_x(tf))
    return [layer.kernel.constraint is clip, layer.bias.constraint is None]


@case
def dense_scope_initializer(tf):
    x = _x(tf)
    with tf.variable_scope("s", initializer=tf.constant_initializer(0.5)):
        tf.layers.dense(x, 2)
    return run(tf, tf.global_variables())


@case
def dense_string_activations(tf):
    out = {}
    for name in ["relu", "sigmoid", "tanh", "softmax", "elu", "selu", "softplus", "softsign", "relu6", "linear",
                 "exponential", "leaky_relu"]:
        y = tf.layers.dense(_x(tf, name="x_" + name), 3, activation=name)
        out[name] = [y.name, y.op.type]
    return out


@case
def dense_string_initializers(tf):
    out = {}
    for name in ["zeros", "ones", "glorot_uniform", "glorot_normal", "he_normal", "random_normal"]:
        tf.layers.dense(_x(tf, name="x_" + name), 3, kernel_initializer=name, name="fc_" + name)
        out[name] = [n for n in op_names(tf.get_default_graph()) if n.startswith("fc_" + name + "/kernel/Init")]
    return out


@case
def dense_string_initializer_values(tf):
    y = tf.layers.dense(_x(tf), 2, kernel_initializer="ones", bias_initializer="zeros")
    return run(tf, y, {"x:0": np.ones((1, 4))})


@case
def dense_unknown_activation_error(tf):
    return raises(lambda: tf.layers.dense(_x(tf), 3, activation="nope"))


@case
def dense_bad_activation_type_error(tf):
    return raises(lambda: tf.layers.dense(_x(tf), 3, activation=3))


@case
def dense_unknown_initializer_error(tf):
    return raises(lambda: tf.layers.dense(_x(tf), 3, kernel_initializer="nope"))


@case
def dense_negative_units_error(tf):
    return raises(lambda: tf.layers.dense(_x(tf), -1))


@case
def dense_bad_kwarg_error(tf):
    return raises(lambda: tf.layers.Dense(3, foo=1))


@case
def dense_scope_name_before_call_error(tf):
    return raises(lambda: tf.layers.Dense(3, name="q").scope_name)


@case
def dense_apply(tf):
    layer = tf.layers.Dense(2)
    return [layer.apply(_x(tf)).name, var_names(layer.variables)]


@case
def dense_collections(tf):
    x = _x(tf)
    tf.layers.dense(tf.layers.dense(x, 3), 2)
    return [collections(tf), sorted(tf.get_default_graph().get_all_collection_keys())]
