"""tf.layers pooling, flatten, dropout, the Layer base class and InputSpec."""

import numpy as np

from tests.conformance.cases._layers_helpers import arr, collections, model, run, static, var_names
from tests.conformance.harness import case, op_names, op_summary, raises


def _x(tf, shape=(None, 8, 8, 3), name="x", dtype=None):
    return tf.placeholder(dtype or tf.float32, list(shape), name=name)


# -- pooling -------------------------------------------------------------------------------------
@case
def pool_model_ops(tf):
    x = _x(tf)
    a = tf.layers.max_pooling2d(x, 2, 2)
    b = tf.layers.average_pooling2d(x, 3, 2, padding="same")
    c = tf.layers.max_pooling2d(x, (3, 2), (1, 2), name="pool")
    d = tf.layers.max_pooling2d(x, 2, 2, name="pool")
    return model(tf, [a, b, c, d])


@case
def pool_static_shapes(tf):
    x = _x(tf, (None, 7, 9, 2))
    out = []
    for fn in (tf.layers.max_pooling2d, tf.layers.average_pooling2d):
        for padding in ("valid", "same"):
            for size, strides in ((2, 2), (3, 1), ((2, 3), (1, 2)), (3, 3)):
                out.append(static(fn(x, size, strides, padding=padding))[0][2])
    return out


@case
def pool_unknown_spatial(tf):
    y = tf.layers.max_pooling2d(_x(tf, (None, None, 6, 3)), 2, 2)
    return static(y)


@case
def pool_values(tf):
    x = _x(tf, (None, 5, 5, 2))
    feed = {x: arr(2, 5, 5, 2, seed=11)}
    outs = [tf.layers.max_pooling2d(x, 2, 2), tf.layers.average_pooling2d(x, 2, 2),
            tf.layers.max_pooling2d(x, 3, 2, padding="same"), tf.layers.average_pooling2d(x, 3, 2, padding="same")]
    return run(tf, outs, feed)


@case
def pool_objects(tf):
    layers = [tf.layers.MaxPooling2D(2, 2), tf.layers.AveragePooling2D(2, 2), tf.layers.MaxPooling2D(2, 1)]
    names = [layer.name for layer in layers]
    x = _x(tf)
    outs = [layer(x).name for layer in layers]
    return [names, outs, [layer.scope_name for layer in layers], tf.global_variables(),
            [list(layers[0].pool_size), list(layers[0].strides), layers[0].padding, layers[0].data_format]]


@case
def pool_rank_error(tf):
    return raises(lambda: tf.layers.max_pooling2d(_x(tf, (2, 3, 3)), 2, 2))


@case
def pool_bad_arguments_errors(tf):
    return [raises(lambda: tf.layers.MaxPooling2D(0, 2)), raises(lambda: tf.layers.MaxPooling2D(2, -1)),
            raises(lambda: tf.layers.AveragePooling2D((2, 2, 2), 2)), raises(lambda: tf.layers.MaxPooling2D(2, 2, "x"))]


@case
def pool_channels_first_shape(tf):
    y = tf.layers.max_pooling2d(_x(tf, (None, 3, 8, 6)), 2, 2, data_format="channels_first")
    return static(y)


# -- flatten -------------------------------------------------------------------------------------
@case
def flatten_model_ops(tf):
    a = tf.layers.flatten(_x(tf))
    b = tf.layers.flatten(_x(tf, (None, 3, None), name="y"))
    c = tf.layers.flatten(_x(tf, (2, 3, 4), name="z"))
    d = tf.layers.flatten(_x(tf, (2, None), name="w"))
    return model(tf, [a, b, c, d])


@case
def flatten_rank1(tf):
    y = tf.layers.flatten(_x(tf, (5,)))
    return [static(y), op_summary(tf.get_default_graph())]


@case
def flatten_unknown_rank(tf):
    y = tf.layers.flatten(tf.placeholder(tf.float32, name="x"))
    return [static(y), op_summary(tf.get_default_graph())]


@case
def flatten_values(tf):
    x = _x(tf, (None, 2, 3))
    y = tf.layers.flatten(x)
    z = tf.layers.flatten(_x(tf, (None, 2, None), name="x2"))
    return run(tf, [y, z], {x: arr(2, 2, 3), "x2:0": arr(2, 2, 2)})


@case
def flatten_channels_first(tf):
    x = _x(tf, (None, 2, 3, 2))
    y = tf.layers.flatten(x, data_format="channels_first")
    return [static(y), op_names(tf.get_default_graph()), run(tf, y, {x: arr(1, 2, 3, 2)})]


@case
def flatten_named_twice(tf):
    x = _x(tf)
    return [tf.layers.flatten(x, name="f").name, tf.layers.flatten(x, name="f").name]


@case
def flatten_scalar_error(tf):
    return raises(lambda: tf.layers.flatten(tf.placeholder(tf.float32, [])))


# -- dropout -------------------------------------------------------------------------------------
@case
def dropout_not_training_ops(tf):
    x = _x(tf, (None, 3))
    y = tf.layers.dropout(x, 0.3)
    z = tf.layers.dropout(x, 0.3, training=False, name="drop")
    return [static([y, z]), op_summary(tf.get_default_graph())]


@case
def dropout_training_ops(tf):
    x = _x(tf, (None, 3))
    y = tf.layers.dropout(x, 0.3, training=True)
    return [static(y), op_summary(tf.get_default_graph())]


@case
def dropout_training_values(tf):
    x = _x(tf, (50, 40))
    y = tf.layers.dropout(x, 0.5, training=True, seed=3)
    value = run(tf, y, {x: np.ones((50, 40), np.float32)})
    kept = value != 0
    return [sorted(set(np.round(value.ravel(), 5).tolist())), bool(0.35 < kept.mean() < 0.65)]


@case
def dropout_rate_zero(tf):
    x = _x(tf, (None, 3))
    y = tf.layers.dropout(x, 0.0, training=True)
    return [static(y), op_summary(tf.get_default_graph())]


@case
def dropout_training_tensor(tf):
    x = _x(tf, (None, 4))
    t = tf.placeholder(tf.bool, [], name="t")
    y = tf.layers.dropout(x, 0.5, training=t)
    ones = np.ones((20, 4), np.float32)
    with tf.Session() as sess:
        off = sess.run(y, {x: ones, t: False})
        on = sess.run(y, {x: ones, t: True})
    return [static(y), off, sorted(set(on.ravel().tolist()))]


@case
def dropout_noise_shape(tf):
    x = _x(tf, (None, 6, 4))
    y = tf.layers.dropout(x, 0.5, noise_shape=[None, 1, 4], training=True)
    value = run(tf, y, {x: np.ones((3, 6, 4), np.float32)})
    return [static(y), bool((value == value[:, :1, :]).all())]


@case
def dropout_layer_object(tf):
    layer = tf.layers.Dropout(0.25, name="d")
    x = _x(tf, (None, 3))
    a = layer(x)
    b = layer(x, training=True)
    return [a.name, b.name, layer.rate, layer.name, tf.global_variables()]


@case
def dropout_bad_rate_error(tf):
    return raises(lambda: tf.layers.Dropout(1.5))


# -- the Layer base class ------------------------------------------------------------------------
def _scale_layer(tf):
    class Scale(tf.layers.Layer):
        def build(self, input_shape):
            self.w = self.add_weight("w", [int(input_shape[-1])], initializer=tf.constant_initializer(2.0))
            self.c = self.add_weight("c", [], initializer=tf.zeros_initializer(), trainable=False)
            super().build(input_shape)

        def call(self, inputs):
            return inputs * self.w + self.c
    return Scale


@case
def layer_subclass(tf):
    Scale = _scale_layer(tf)
    layer = Scale()
    x = _x(tf, (None, 3))
    a = layer(x)
    b = layer(x)
    return {"names": [layer.name, layer.scope_name, a.name, b.name], "model": model(tf, [a, b]),
            "weights": [var_names(layer.trainable_weights), var_names(layer.non_trainable_weights)],
            "collections": collections(tf), "value": run(tf, a, {x: np.ones((1, 3))})}


@case
def layer_subclass_names(tf):
    Scale = _scale_layer(tf)
    layers = [Scale(), Scale(), Scale(name="s")]
    names = [layer.name for layer in layers]
    x = _x(tf, (None, 3))
    with tf.variable_scope("outer"):
        outs = [layer(x).name for layer in layers]
    return [names, outs, var_names(tf.global_variables())]


@case
def layer_base_identity(tf):
    layer = tf.layers.Layer(name="plain")
    x = _x(tf, (None, 3))
    y = layer(x)
    return [y is x, layer.built, layer.name, layer.scope_name, op_names(tf.get_default_graph())]


@case
def layer_add_loss_and_update(tf):
    class WithLoss(tf.layers.Layer):
        def call(self, inputs):
            self.add_loss(tf.reduce_sum(inputs))
            self.add_update(tf.assign_add(self.counter, 1.0))
            return inputs

        def build(self, input_shape):
            self.counter = self.add_weight("counter", [], initializer=tf.zeros_initializer(), trainable=False)

    layer = WithLoss()
    layer(_x(tf, (None, 3)))
    return [[t.name for t in layer.losses], [u.name for u in layer.updates], collections(tf)]


@case
def layer_add_weight_regularizer_and_name_scope(tf):
    class Reg(tf.layers.Layer):
        def build(self, input_shape):
            self.w = self.add_weight("w", [2], regularizer=lambda w: tf.reduce_sum(w))

        def call(self, inputs):
            return inputs + tf.constant(1.0, name="one")

    layer = Reg(name="reg")
    y = layer(_x(tf, (None, 2)))
    return [y.name, collections(tf), op_names(tf.get_default_graph())]


@case
def layer_add_weight_on_read_trainable_error(tf):
    layer = tf.layers.Layer(name="l")
    return raises(lambda: layer.add_weight("w", [1], trainable=True,
                                           synchronization=tf.VariableSynchronization.ON_READ))


@case
def layer_add_weight_unknown_kwarg_error(tf):
    return raises(lambda: tf.layers.Layer(name="l").add_weight("w", [1], foo=1))


@case
def layer_add_weight_outside_call(tf):
    layer = tf.layers.Layer(name="l")
    v = layer.add_weight("w", [2])
    u = layer.add_weight("u", [2], dtype=tf.int32)
    return [v.name, u.name, layer.scope_name, layer.dtype, var_names(layer.weights), op_names(tf.get_default_graph())]


@case
def input_spec(tf):
    specs = [tf.layers.InputSpec(ndim=4), tf.layers.InputSpec(min_ndim=2, axes={-1: 3}),
             tf.layers.InputSpec(shape=(None, 3), dtype="float32"), tf.layers.InputSpec(max_ndim=3)]
    return [repr(s) for s in specs] + [[specs[2].ndim, list(specs[2].shape), specs[2].dtype]]


@case
def input_spec_checks(tf):
    class Checked(tf.layers.Layer):
        def __init__(self, spec, **kwargs):
            super().__init__(**kwargs)
            self.input_spec = spec

    out = []
    for spec, shape, dtype in ((tf.layers.InputSpec(shape=(None, 3)), [2, 4], tf.float32),
                               (tf.layers.InputSpec(dtype="float64"), [2], tf.float32),
                               (tf.layers.InputSpec(max_ndim=2), [1, 2, 3], tf.float32),
                               (tf.layers.InputSpec(ndim=2), [1, 2, 3], tf.float32),
                               (tf.layers.InputSpec(ndim=2), None, tf.float32)):
        out.append(raises(lambda spec=spec, dtype=dtype, shape=shape:
                          Checked(spec, name="c")(tf.placeholder(dtype, shape)).name))
    return out


@case
def input_spec_setter_error(tf):
    layer = tf.layers.Layer(name="l")

    def assign():
        layer.input_spec = 3
    return raises(assign)
