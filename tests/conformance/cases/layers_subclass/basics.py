"""Layer subclasses: weights, names, sharing, trainability, output shapes."""

import numpy as np

from tests.conformance.cases._layers_helpers import collections, run, static, var_names
from tests.conformance.harness import case, op_names, raises


def _affine(tf):
    class Affine(tf.layers.Layer):
        def __init__(self, units, **kwargs):
            super().__init__(**kwargs)
            self.units = units

        def build(self, input_shape):
            self.w = self.add_weight("w", [int(input_shape[-1]), self.units],
                                     initializer=tf.constant_initializer(0.5))
            self.b = self.add_variable("b", [self.units], initializer=tf.zeros_initializer())
            self.count = self.add_weight("count", [], initializer=tf.zeros_initializer(), trainable=False)
            super().build(input_shape)

        def call(self, inputs):
            return tf.matmul(inputs, self.w) + self.b

        def compute_output_shape(self, input_shape):
            return tf.TensorShape(input_shape)[:-1].concatenate(self.units)
    return Affine


@case
def subclass_weights_and_names(tf):
    layer = _affine(tf)(3)
    before = [layer.built, layer.name, layer.weights]
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    y = layer(x)
    return [before, y.name, static(y), layer.built, var_names(layer.weights), var_names(layer.trainable_weights),
            var_names(layer.non_trainable_weights), var_names(layer.variables), var_names(layer.trainable_variables),
            layer.scope_name, collections(tf), op_names(tf.get_default_graph())]


@case
def subclass_called_twice_shares(tf):
    layer = _affine(tf)(2)
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    a, b = layer(x), layer(x * 2.0)
    return [a.name, b.name, var_names(tf.global_variables()), op_names(tf.get_default_graph()),
            run(tf, [a, b], {x: np.ones((1, 3), np.float32)})]


@case
def subclass_two_objects_and_names(tf):
    cls = _affine(tf)
    layers = [cls(1), cls(1), cls(1, name="aff"), cls(1, name="aff")]
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    outs = [layer(x).name for layer in layers]
    return [[layer.name for layer in layers], outs, [layer.scope_name for layer in layers],
            var_names(tf.global_variables())]


@case
def subclass_inside_variable_scope(tf):
    layer = _affine(tf)(2)
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    with tf.variable_scope("outer"):
        a = layer(x)
    with tf.variable_scope("other"):
        b = layer(x)
    return [a.name, b.name, layer.scope_name, var_names(tf.global_variables())]


@case
def subclass_not_trainable(tf):
    layer = _affine(tf)(2, trainable=False)
    layer(tf.placeholder(tf.float32, [None, 2], name="x"))
    return [var_names(layer.trainable_weights), var_names(layer.non_trainable_weights), collections(tf)]


@case
def subclass_trainable_set_after_build(tf):
    layer = _affine(tf)(2)
    layer(tf.placeholder(tf.float32, [None, 2], name="x"))
    layer.trainable = False
    frozen = [var_names(layer.trainable_weights), var_names(layer.non_trainable_weights)]
    layer.trainable = True
    return [frozen, var_names(layer.trainable_weights), var_names(tf.trainable_variables())]


@case
def subclass_float64(tf):
    layer = _affine(tf)(2, dtype=tf.float64)
    y = layer(tf.placeholder(tf.float64, [None, 2], name="x"))
    return [static(y), layer.dtype, [v.dtype.name for v in layer.weights]]


@case
def subclass_dtype_from_input(tf):
    layer = _affine(tf)(2)
    before = layer.dtype
    layer(tf.placeholder(tf.float64, [None, 2], name="x"))
    return [before, layer.dtype, [v.dtype.name for v in layer.weights]]


@case
def subclass_compute_output_shape(tf):
    layer = _affine(tf)(4)
    return [layer.compute_output_shape([None, 7]).as_list(), layer.compute_output_shape((2, 5, 3)).as_list()]


@case
def base_compute_output_shape_error(tf):
    return raises(lambda: tf.layers.Layer().compute_output_shape([2, 3]))


@case
def subclass_values_and_gradients(tf):
    layer = _affine(tf)(2)
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    y = layer(x)
    loss = tf.reduce_sum(y * y)
    gs = tf.gradients(loss, layer.trainable_weights)
    feed = {x: np.arange(6, dtype=np.float32).reshape(2, 3)}
    return [[g.name for g in gs], run(tf, [y] + gs, feed)]


@case
def subclass_count_params_and_config(tf):
    layer = _affine(tf)(3, name="cfg")
    unbuilt = raises(layer.count_params)
    layer(tf.placeholder(tf.float32, [None, 4], name="x"))
    return [unbuilt, layer.count_params(), layer.get_config()]


@case
def subclass_apply(tf):
    layer = _affine(tf)(2)
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    return [layer.apply(x).name, layer(x).name]


@case
def subclass_add_weight_shapes_and_initializers(tf):
    class Shapes(tf.layers.Layer):
        def build(self, input_shape):
            self.a = self.add_weight("a", tf.TensorShape([2, 3]))
            self.b = self.add_weight("b", (4,), initializer=tf.ones_initializer())
            self.c = self.add_weight("c", shape=[2], dtype=tf.int32)
            self.d = self.add_weight("d")
            super().build(input_shape)

        def call(self, inputs):
            return inputs
    layer = Shapes()
    layer(tf.placeholder(tf.float32, [None, 2], name="x"))
    return [static(layer.weights), var_names(layer.trainable_weights), var_names(layer.non_trainable_weights),
            [op for op in op_names(tf.get_default_graph()) if "Initializer" in op]]


@case
def layer_dtypes_masks_and_config(tf):
    d = tf.layers.Dense(3)
    before = [d.dtype, d.compute_dtype, d.variable_dtype, d.dynamic, d.stateful, d.metrics]
    x = tf.placeholder(tf.float64, [None, 4], name="x")
    d(x)
    m = tf.ones([2], tf.bool, name="mask")
    conv = tf.layers.Conv2D(2, 3)
    return [before, [d.dtype, d.compute_dtype, d.variable_dtype], d.compute_mask(x), d.compute_mask(x, m).name,
            tf.layers.Dropout(0.5).compute_mask(x, m).name, conv.compute_mask(x),
            raises(lambda: conv.compute_mask(x, m)), raises(lambda: tf.layers.Layer(name="b").compute_mask(x, m)),
            [tf.layers.Dense.from_config({"units": 2, "name": "fc"}).name, tf.layers.Layer.from_config({}).name]]


@case
def layers_under_a_partitioner(tf):
    x = tf.placeholder(tf.float32, [None, 4, 4, 2], name="x")
    with tf.variable_scope("m", partitioner=tf.fixed_size_partitioner(2)):
        conv = tf.layers.Conv2D(4, 3, kernel_initializer=tf.constant_initializer(0.1), kernel_regularizer=tf.nn.l2_loss)
        h = conv(x)
        h = tf.layers.batch_normalization(h, training=True)
        y = tf.layers.dense(tf.layers.flatten(h), 6, kernel_initializer=tf.ones_initializer())
    feed = {x: np.arange(64, dtype=np.float32).reshape(2, 4, 4, 2) / 10}
    return [var_names(tf.global_variables()), var_names(tf.trainable_variables()), var_names(conv.weights),
            var_names(conv.trainable_weights), [t.name for t in tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)],
            static([h, y]), run(tf, y, feed)]
