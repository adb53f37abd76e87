"""Layer subclasses: add_loss, add_update, regularizers, training argument, nesting, errors."""

import numpy as np

from tests.conformance.cases._layers_helpers import collections, run, static, var_names
from tests.conformance.harness import case, error_class, op_names, raises


@case
def subclass_regularizer_losses(tf):
    class Reg(tf.layers.Layer):
        def build(self, input_shape):
            self.w = self.add_weight("w", [2, 2], initializer=tf.ones_initializer(), regularizer=tf.nn.l2_loss)
            self.v = self.add_weight("v", [2], initializer=tf.ones_initializer(),
                                     regularizer=lambda t: 0.5 * tf.reduce_sum(t))
            super().build(input_shape)

        def call(self, inputs):
            return tf.matmul(inputs, self.w) + self.v
    layer = Reg()
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    layer(x)
    layer(x)
    reg = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)
    return [[t.name for t in reg], run(tf, reg), len(layer.losses), collections(tf)]


@case
def subclass_add_loss_in_call(tf):
    class Penalized(tf.layers.Layer):
        def call(self, inputs):
            self.add_loss(tf.reduce_mean(inputs * inputs))
            return inputs * 2.0
    layer = Penalized()
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    y = layer(x)
    losses = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)
    return [y.name, [t.name for t in layer.losses], [t.name for t in losses],
            run(tf, losses, {x: np.ones((2, 2), np.float32)})]


@case
def subclass_add_update_in_call(tf):
    class Counter(tf.layers.Layer):
        def build(self, input_shape):
            self.n = self.add_weight("n", [], initializer=tf.zeros_initializer(), trainable=False)
            super().build(input_shape)

        def call(self, inputs):
            self.add_update(tf.assign_add(self.n, 1.0))
            return inputs + self.n
    layer = Counter()
    x = tf.placeholder(tf.float32, [None], name="x")
    y = layer(x)
    ups = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(ups)
        sess.run(ups)
        value = sess.run(y, {x: [1.0, 2.0]})
    return [y.name, [u.name for u in layer.updates], [u.name for u in ups], value, collections(tf)]


@case
def subclass_training_argument(tf):
    class Noisy(tf.layers.Layer):
        def call(self, inputs, training=False):
            return inputs + (1.0 if training is True else 0.0)
    layer = Noisy()
    x = tf.constant([1.0, 2.0])
    a, b, c = layer(x), layer(x, training=True), layer(x, training=False)
    with tf.Session() as sess:
        return [a.name, b.name, c.name, sess.run([a, b, c])]


@case
def subclass_call_without_training_drops_it(tf):
    class Plain(tf.layers.Layer):
        def call(self, inputs):
            return inputs * 3.0
    y = Plain()(tf.constant([1.0]), training=True)
    with tf.Session() as sess:
        return [y.name, sess.run(y)]


@case
def subclass_nested_dense(tf):
    class Block(tf.layers.Layer):
        def build(self, input_shape):
            self.inner = tf.layers.Dense(3, kernel_initializer=tf.ones_initializer())
            super().build(input_shape)

        def call(self, inputs):
            return tf.nn.relu(self.inner(inputs))
    block = Block()
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    a, b = block(x), block(x)
    return [a.name, b.name, var_names(tf.global_variables()), var_names(block.weights), block.inner.scope_name,
            op_names(tf.get_default_graph())]


@case
def subclass_multiple_outputs(tf):
    class Split(tf.layers.Layer):
        def call(self, inputs):
            return inputs[:, :1], inputs[:, 1:]
    a, b = Split()(tf.placeholder(tf.float32, [None, 3], name="x"))
    return static([a, b])


@case
def subclass_multiple_inputs(tf):
    class Add(tf.layers.Layer):
        def build(self, input_shape):
            self.shapes = [s.as_list() for s in input_shape]
            super().build(input_shape)

        def call(self, inputs):
            return inputs[0] + inputs[1]
    layer = Add()
    y = layer([tf.placeholder(tf.float32, [None, 2], name="a"), tf.placeholder(tf.float32, [None, 2], name="b")])
    return [y.name, layer.shapes]


@case
def subclass_input_spec_errors(tf):
    class Strict(tf.layers.Layer):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.input_spec = tf.layers.InputSpec(ndim=2, axes={-1: 3})

        def call(self, inputs):
            return inputs
    layer = Strict()
    return [raises(lambda: layer(tf.placeholder(tf.float32, [None, 3, 1], name="x"))),
            raises(lambda: layer(tf.placeholder(tf.float32, [None, 4], name="y"))),
            raises(lambda: layer(tf.placeholder(tf.float32, [None, 3], name="z")).name)]


@case
def subclass_call_returns_none_error(tf):
    class Nothing(tf.layers.Layer):
        def call(self, inputs):
            return None
    return raises(lambda: Nothing()(tf.constant([1.0])))


@case
def subclass_unknown_kwarg_error(tf):
    return [raises(lambda: tf.layers.Layer(foo=1)), raises(lambda: tf.layers.Dense(2, bar=3))]


@case
def subclass_add_weight_in_call_error(tf):
    class Lazy(tf.layers.Layer):
        def call(self, inputs):
            w = self.add_weight("w", [2], initializer=tf.ones_initializer())
            return inputs * w
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    # the layer is built before call, so the weight is looked up (reuse) and missing; TF words the
    # error through autograph (with file names): the class only
    return [error_class(lambda: Lazy()(x)), var_names(tf.global_variables())]


@case
def subclass_reuse_via_functional_scope(tf):
    class Scale(tf.layers.Layer):
        def build(self, input_shape):
            self.s = self.add_weight("s", [], initializer=tf.ones_initializer())
            super().build(input_shape)

        def call(self, inputs):
            return inputs * self.s
    x = tf.placeholder(tf.float32, [None], name="x")
    a = Scale(name="sc")(x)
    b = Scale(name="sc", _reuse=True, _scope="sc")(x)
    return [a.name, b.name, var_names(tf.global_variables())]


@case
def subclass_activity_regularizer(tf):
    class Ident(tf.layers.Layer):
        def call(self, inputs):
            return inputs * 1.0
    y = Ident(activity_regularizer=lambda t: tf.reduce_sum(t * t))(tf.placeholder(tf.float32, [None, 2], name="x"))
    losses = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)
    return [y.name, [t.name for t in losses], run(tf, losses, {"x:0": np.ones((4, 2), np.float32)})]


@case
def get_updates_and_losses_for(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    bn = tf.layers.BatchNormalization()
    bn(x, training=True)
    dense = tf.layers.Dense(2, kernel_regularizer=tf.nn.l2_loss, activity_regularizer=tf.reduce_sum)
    y = dense(x)

    class Counter(tf.layers.Layer):
        def build(self, input_shape):
            self.n = self.add_weight("n", [], initializer=tf.zeros_initializer(), trainable=False)
            super().build(input_shape)

        def call(self, inputs):
            self.add_update(tf.assign_add(self.n, 1.0))
            self.add_update(tf.assign(self.n, tf.reduce_sum(inputs)))
            return inputs
    counter = Counter()
    counter(x)
    other = tf.placeholder(tf.float32, [None, 3], name="other")
    return [[u.name for u in bn.get_updates_for(None)], [u.name for u in bn.get_updates_for(x)],
            [u.name for u in bn.get_updates_for(other)], [t.name for t in dense.get_losses_for(None)],
            [t.name for t in dense.get_losses_for(x)], [t.name for t in dense.get_losses_for(y)],
            [u.name for u in counter.get_updates_for(None)], [u.name for u in counter.get_updates_for(x)]]
