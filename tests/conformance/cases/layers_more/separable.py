"""tf.layers.separable_conv1d / separable_conv2d and tf.nn.separable_conv2d."""

from tests.conformance.cases._layers_helpers import arr, model, run, static, var_names
from tests.conformance.cases.layers_more._helpers import grad_model, kernel, ph
from tests.conformance.harness import case, raises


@case
def separable_conv2d_model(tf):
    return model(tf, tf.layers.separable_conv2d(ph(tf, (None, 6, 6, 3)), 4, 3, activation=tf.nn.relu))


@case
def separable_conv2d_multiplier_same_model(tf):
    y = tf.layers.separable_conv2d(ph(tf, (None, 7, 6, 2)), 5, (3, 2), strides=2, padding="same",
                                   depth_multiplier=3, use_bias=False)
    return model(tf, y)


@case
def separable_conv2d_channels_first_model(tf):
    y = tf.layers.separable_conv2d(ph(tf, (None, 3, 6, 6)), 4, 3, data_format="channels_first")
    return model(tf, y)


@case
def separable_conv2d_dilated_shape(tf):
    return static(tf.layers.separable_conv2d(ph(tf, (None, 9, 9, 2)), 2, 3, dilation_rate=2))


@case
def separable_conv2d_values(tf):
    x = ph(tf, (None, 5, 5, 2))
    y = tf.layers.separable_conv2d(x, 3, 3, depth_multiplier=2, padding="same",
                                   depthwise_initializer=tf.constant_initializer(kernel((3, 3, 2, 2))),
                                   pointwise_initializer=tf.constant_initializer(kernel((1, 1, 4, 3), 5.0)),
                                   bias_initializer=tf.constant_initializer(0.2))
    return run(tf, y, {x: arr(2, 5, 5, 2)})


@case
def separable_conv2d_dilated_values(tf):
    x = ph(tf, (None, 7, 7, 2))
    y = tf.layers.separable_conv2d(x, 2, 2, dilation_rate=2,
                                   depthwise_initializer=tf.constant_initializer(kernel((2, 2, 2, 1))),
                                   pointwise_initializer=tf.constant_initializer(kernel((1, 1, 2, 2), 5.0)))
    return run(tf, y, {x: arr(1, 7, 7, 2, seed=1)})


@case
def separable_conv2d_gradients(tf):
    x = ph(tf, (2, 5, 4, 2))
    y = tf.layers.separable_conv2d(x, 3, 2, strides=2,
                                   depthwise_initializer=tf.constant_initializer(kernel((2, 2, 2, 1))),
                                   pointwise_initializer=tf.constant_initializer(kernel((1, 1, 2, 3), 5.0)))
    return grad_model(tf, tf.reduce_sum(y * y), [x] + tf.trainable_variables(), {x: arr(2, 5, 4, 2, seed=2)})


@case
def separable_conv2d_class(tf):
    layer = tf.layers.SeparableConv2D(4, 3, depth_multiplier=2, name="sep")
    x = ph(tf, (None, 5, 5, 3))
    a, b = layer(x), layer(x)
    return [a.name, b.name, layer.name, var_names(layer.weights), static([layer.depthwise_kernel,
                                                                          layer.pointwise_kernel]),
            layer.depth_multiplier, layer.count_params()]


@case
def separable_conv2d_regularizers(tf):
    x = ph(tf, (None, 5, 5, 2))
    tf.layers.separable_conv2d(x, 2, 3, depthwise_regularizer=tf.nn.l2_loss, pointwise_regularizer=tf.nn.l2_loss,
                               bias_regularizer=tf.nn.l2_loss)
    return [t.name for t in tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)]


@case
def separable_conv2d_reuse(tf):
    x = ph(tf, (None, 5, 5, 2))
    a = tf.layers.separable_conv2d(x, 2, 3, name="s")
    b = tf.layers.separable_conv2d(x, 2, 3, name="s", reuse=True)
    return [a.name, b.name, var_names(tf.global_variables())]


@case
def separable_conv2d_errors(tf):
    return [raises(lambda: tf.layers.separable_conv2d(ph(tf, (None, 5, 5)), 2, 3)),
            raises(lambda: tf.layers.separable_conv2d(ph(tf, (None, 5, 5, 2, 1), name="y"), 2, 3)),
            raises(lambda: tf.layers.separable_conv2d(ph(tf, (None, 5, 5, None), name="z"), 2, 3))]


@case
def separable_conv1d_model(tf):
    return model(tf, tf.layers.separable_conv1d(ph(tf, (None, 10, 3)), 4, 3, depth_multiplier=2))


@case
def separable_conv1d_channels_first_model(tf):
    y = tf.layers.separable_conv1d(ph(tf, (None, 3, 10)), 4, 3, strides=2, data_format="channels_first",
                                   activation=tf.nn.relu)
    return model(tf, y)


@case
def separable_conv1d_causal_model(tf):
    return model(tf, tf.layers.separable_conv1d(ph(tf, (None, 8, 2)), 2, 3, padding="causal"))


@case
def separable_conv1d_values(tf):
    x = ph(tf, (None, 8, 2))
    y = tf.layers.separable_conv1d(x, 3, 3, padding="same", depth_multiplier=2,
                                   depthwise_initializer=tf.constant_initializer(kernel((3, 2, 2))),
                                   pointwise_initializer=tf.constant_initializer(kernel((1, 4, 3), 5.0)),
                                   bias_initializer=tf.constant_initializer(-0.1))
    return [static(y), run(tf, y, {x: arr(2, 8, 2, seed=3)})]


@case
def separable_conv1d_gradients(tf):
    x = ph(tf, (2, 7, 2))
    y = tf.layers.separable_conv1d(x, 2, 3, depthwise_initializer=tf.constant_initializer(kernel((3, 2, 1))),
                                   pointwise_initializer=tf.constant_initializer(kernel((1, 2, 2), 5.0)))
    return grad_model(tf, tf.reduce_sum(y * y), [x] + tf.trainable_variables(), {x: arr(2, 7, 2, seed=4)})


@case
def separable_conv1d_class(tf):
    layer = tf.layers.SeparableConv1D(2, 2, name="s1")
    x = ph(tf, (None, 6, 3))
    return [layer(x).name, layer(x).name, var_names(layer.weights), static(layer.pointwise_kernel)]


@case
def nn_separable_conv2d(tf):
    x = ph(tf, (None, 6, 6, 2))
    dw = tf.constant(kernel((3, 3, 2, 2)))
    pw = tf.constant(kernel((1, 1, 4, 3), 5.0))
    a = tf.nn.separable_conv2d(x, dw, pw, [1, 1, 1, 1], "SAME")
    b = tf.nn.separable_conv2d(x, dw, pw, [1, 2, 2, 1], "VALID", name="sc")
    ops = [[op.name, op.type] for op in tf.get_default_graph().get_operations()]
    # with a rate TF adds SpaceToBatchND/BatchToSpaceND (scopeflow: a dilations attribute): values only
    c = tf.nn.separable_conv2d(x, dw, pw, [1, 1, 1, 1], "VALID", rate=[2, 2])
    with tf.Session() as sess:
        return [static([a, b, c]), ops, sess.run([a, b, c], {x: arr(1, 6, 6, 2, seed=5)})]


@case
def nn_separable_conv2d_errors(tf):
    x = ph(tf, (None, 6, 6, 2))
    dw = tf.constant(kernel((3, 3, 2, 2)))
    return [raises(lambda: tf.nn.separable_conv2d(x, dw, tf.constant(kernel((2, 1, 4, 3))), [1, 1, 1, 1], "SAME")),
            raises(lambda: tf.nn.separable_conv2d(x, dw, tf.constant(kernel((4, 3))), [1, 1, 1, 1], "SAME"))]
