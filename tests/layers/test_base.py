"""The ``tf.layers.Layer`` base class: scopes, weights, losses, updates and call arguments."""

import numpy as np
import pytest

import scopeflow as tf


class Affine(tf.layers.Layer):
    def build(self, input_shape):
        self.w = self.add_weight("w", [int(input_shape[-1])], initializer=tf.ones_initializer())
        self.b = self.add_weight("b", [], initializer=tf.zeros_initializer(), trainable=False)

    def call(self, inputs, scope=None, training=False):
        self.seen_scope = scope
        self.seen_training = training
        return inputs * self.w + self.b


def test_call_receives_its_variable_scope_and_training():
    layer = Affine()
    layer(tf.zeros([2, 3]), training=True)
    assert isinstance(layer.seen_scope, tf.VariableScope)
    assert layer.seen_scope.name == "affine"
    assert layer.seen_training is True


def test_layers_without_training_argument_drop_it():
    y = tf.layers.Dense(2)(tf.zeros([1, 3]), training=True)
    assert y.name == "dense/BiasAdd:0"


def test_trainable_and_non_trainable_weights():
    layer = Affine()
    layer(tf.zeros([2, 3]))
    assert [v.name for v in layer.trainable_weights] == ["affine/w:0"]
    assert [v.name for v in layer.non_trainable_weights] == ["affine/b:0"]
    layer.trainable = False
    assert layer.trainable_weights == []
    assert [v.name for v in layer.non_trainable_weights] == ["affine/w:0", "affine/b:0"]


def test_layer_on_a_list_of_inputs():
    class Add(tf.layers.Layer):
        def call(self, inputs):
            return inputs[0] + inputs[1]
    y = Add()([tf.ones([2]), tf.ones([2])])
    with tf.Session() as sess:
        np.testing.assert_array_equal(sess.run(y), [2.0, 2.0])


def test_call_returning_none_is_an_error():
    class Nothing(tf.layers.Layer):
        def call(self, inputs):
            return None
    with pytest.raises(ValueError, match=r"should return a Tensor or a list of Tensors, not None \(layer: nothing_1\)"):
        Nothing()(tf.zeros([1]))


def test_initial_weights_argument_is_refused():
    with pytest.raises(TypeError, match="do not take initial `weights`"):
        tf.layers.Dense(2, weights=[np.zeros((3, 2))])


def test_graph_property_and_get_config():
    layer = tf.layers.Dense(2, name="d")
    assert layer.graph is None
    assert layer.get_config() == {"name": "d", "trainable": True, "dtype": None}


def test_layer_names_are_per_graph():
    assert tf.layers.Dense(1).name == "dense_1"
    with tf.Graph().as_default():
        assert tf.layers.Dense(1).name == "dense_1"
    assert tf.layers.Dense(1).name == "dense_2"


def test_activity_loss_goes_to_regularization_losses():
    layer = tf.layers.Dense(2, activity_regularizer=lambda y: tf.reduce_sum(y),
                            kernel_initializer=tf.ones_initializer())
    y = layer(tf.ones([4, 3]))
    losses = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        # sum(y) / batch size = (4 * 2 * 3) / 4
        assert sess.run(losses) == [6.0]
        assert sess.run(tf.losses.get_regularization_loss()) == 6.0
    assert y.name == "dense/BiasAdd:0"


def test_update_ops_are_collected_once():
    class Counter(tf.layers.Layer):
        def build(self, input_shape):
            self.n = self.add_weight("n", [], initializer=tf.zeros_initializer(), trainable=False)

        def call(self, inputs):
            self.add_update(tf.assign_add(self.n, 1.0))
            return inputs
    layer = Counter()
    layer(tf.zeros([1]))
    layer(tf.zeros([1]))
    updates = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    assert [u.name for u in updates] == ["counter/AssignAdd", "counter/AssignAdd_1"]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(updates)
        assert sess.run(layer.n) == 2.0


def test_add_weight_uses_the_scope_initializer_and_custom_getter():
    seen = []

    def getter(getter, name, *args, **kwargs):
        seen.append(name)
        return getter(name, *args, **kwargs)
    with tf.variable_scope("s", initializer=tf.constant_initializer(3.0), custom_getter=getter):
        y = tf.layers.dense(tf.ones([1, 2]), 1, use_bias=False)
    assert seen == ["s/dense/kernel"]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(y).tolist() == [[6.0]]
