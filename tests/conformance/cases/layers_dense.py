"""tf.layers.dense / Dense: names, sharing and reuse, scopes, shapes, values, regularizers, errors."""

import numpy as np

from tests.conformance.cases._layers_helpers import arr, collections, model, run, static, var_names
from tests.conformance.harness import case, op_names, raises


def _x(tf, shape=(None, 4), name="x", dtype=None):
    return tf.placeholder(dtype or tf.float32, list(shape), name=name)


def _const(tf, kernel=0.5, bias=0.25):
    return dict(kernel_initializer=tf.constant_initializer(kernel), bias_initializer=tf.constant_initializer(bias))


@case
def dense_model_ops(tf):
    y = tf.layers.dense(_x(tf), 3, activation=tf.nn.relu)
    return model(tf, y)


@case
def dense_two_layers_model(tf):
    x = _x(tf)
    h = tf.layers.dense(x, 5, activation=tf.nn.relu)
    y = tf.layers.dense(h, 2)
    return model(tf, [h, y])


@case
def dense_no_bias_model(tf):
    y = tf.layers.dense(_x(tf), 3, use_bias=False)
    return model(tf, y)


@case
def dense_named(tf):
    x = _x(tf)
    a = tf.layers.dense(x, 3, name="fc")
    b = tf.layers.dense(x, 3, name="fc2")
    return [a.name, b.name, var_names(tf.global_variables())]


@case
def dense_name_reuse_true(tf):
    x = _x(tf)
    a = tf.layers.dense(x, 3, name="fc")
    b = tf.layers.dense(x, 3, name="fc", reuse=True)
    c = tf.layers.dense(x, 3, name="fc", reuse=True)
    return [a.name, b.name, c.name, var_names(tf.global_variables()), op_names(tf.get_default_graph())[-6:]]


@case
def dense_name_reuse_auto(tf):
    x = _x(tf)
    a = tf.layers.dense(x, 3, name="fc", reuse=tf.AUTO_REUSE)
    b = tf.layers.dense(x, 3, name="fc", reuse=tf.AUTO_REUSE)
    return [a.name, b.name, var_names(tf.global_variables())]


@case
def dense_reuse_missing_error(tf):
    return raises(lambda: tf.layers.dense(_x(tf), 3, name="nope", reuse=True))


@case
def dense_duplicate_name_error(tf):
    x = _x(tf)
    tf.layers.dense(x, 3, name="fc")
    return raises(lambda: tf.layers.dense(x, 3, name="fc"))


@case
def dense_reuse_shape_mismatch_error(tf):
    x = _x(tf)
    tf.layers.dense(x, 3, name="fc")
    return raises(lambda: tf.layers.dense(x, 4, name="fc", reuse=True))


@case
def dense_in_variable_scope(tf):
    x = _x(tf)
    with tf.variable_scope("outer"):
        a = tf.layers.dense(x, 3)
        b = tf.layers.dense(x, 3)
        with tf.variable_scope("inner"):
            c = tf.layers.dense(x, 3, name="fc")
    return [a.name, b.name, c.name, var_names(tf.global_variables())]


@case
def dense_variable_scope_reuse(tf):
    x = _x(tf)
    with tf.variable_scope("s"):
        a = tf.layers.dense(x, 3)
    with tf.variable_scope("s", reuse=True):
        b = tf.layers.dense(x, 3)
    return [a.name, b.name, var_names(tf.global_variables())]


@case
def dense_variable_scope_auto_reuse_loop(tf):
    x = _x(tf)
    outs = []
    for _ in range(3):
        with tf.variable_scope("tower", reuse=tf.AUTO_REUSE):
            outs.append(tf.layers.dense(x, 2, name="fc").name)
    return [outs, var_names(tf.global_variables())]


@case
def dense_reuse_variables_method(tf):
    x = _x(tf)
    with tf.variable_scope("m") as scope:
        a = tf.layers.dense(x, 3, name="fc")
        scope.reuse_variables()
        b = tf.layers.dense(x, 3, name="fc")
    return [a.name, b.name, var_names(tf.global_variables())]


@case
def dense_in_name_scope(tf):
    x = _x(tf)
    with tf.name_scope("ns"):
        a = tf.layers.dense(x, 3)
    b = tf.layers.dense(x, 3)
    return [a.name, b.name, var_names(tf.global_variables())]


@case
def dense_name_scope_clash(tf):
    x = _x(tf)
    tf.constant(1.0, name="dense")
    y = tf.layers.dense(x, 3)
    return [y.name, var_names(tf.global_variables())]


@case
def dense_object_called_twice(tf):
    x = _x(tf)
    layer = tf.layers.Dense(3, activation=tf.nn.relu)
    a = layer(x)
    b = layer(x)
    return {"outs": [a.name, b.name], "vars": var_names(layer.variables),
            "global": var_names(tf.global_variables()), "ops": op_names(tf.get_default_graph())[-6:]}


@case
def dense_object_names(tf):
    a, b = tf.layers.Dense(3), tf.layers.Dense(3)
    c = tf.layers.Dense(3, name="head")
    names = [a.name, b.name, c.name]
    x = _x(tf)
    b(x)
    a(x)
    c(x)
    return [names, a.scope_name, b.scope_name, c.scope_name, var_names(tf.global_variables())]


@case
def dense_object_same_explicit_name(tf):
    x = _x(tf)
    a = tf.layers.Dense(3, name="head")
    b = tf.layers.Dense(3, name="head")
    return [a(x).name, b(x).name, a.scope_name, b.scope_name, var_names(tf.global_variables())]


@case
def dense_object_in_scope_then_outside(tf):
    x = _x(tf)
    with tf.variable_scope("outer"):
        layer = tf.layers.Dense(3)
        a = layer(x)
    b = layer(x)
    return [a.name, b.name, layer.scope_name, var_names(tf.global_variables())]


@case
def dense_call_scope_argument(tf):
    x = _x(tf)
    layer = tf.layers.Dense(3)
    y = layer(x, scope="custom")
    return [y.name, layer.scope_name, var_names(layer.variables)]


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
        y = tf.layers.dense(x, 2)
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
