"""tf.layers.conv1d / Conv1D."""


from tests.conformance.cases._layers_helpers import arr, model, run, static, var_names
from tests.conformance.cases.layers_more._helpers import grad_model, kernel, ph
from tests.conformance.harness import case, raises


@case
def conv1d_model(tf):
    return model(tf, tf.layers.conv1d(ph(tf, (None, 10, 3)), 4, 3, activation=tf.nn.relu))


@case
def conv1d_same_strided_no_bias_model(tf):
    return model(tf, tf.layers.conv1d(ph(tf, (None, 9, 2)), 3, 2, strides=2, padding="same", use_bias=False))


@case
def conv1d_causal_model(tf):
    return model(tf, tf.layers.conv1d(ph(tf, (None, 10, 3)), 4, 3, padding="causal"))


@case
def conv1d_causal_dilated_shape(tf):
    y = tf.layers.conv1d(ph(tf, (None, 10, 3)), 4, 3, padding="causal", dilation_rate=2)
    return static(y)


@case
def conv1d_channels_first_model(tf):
    return model(tf, tf.layers.conv1d(ph(tf, (None, 3, 10)), 4, 3, data_format="channels_first"))


@case
def conv1d_static_shapes(tf):
    x = ph(tf, (None, 11, 2))
    out = []
    for padding in ("valid", "same", "causal"):
        for strides in (1, 2, 3):
            for size in (1, 3, 4):
                out.append(static(tf.layers.conv1d(x, 2, size, strides=strides, padding=padding))[0][2])
    return out


@case
def conv1d_unknown_length(tf):
    return static([tf.layers.conv1d(ph(tf, (None, None, 3)), 2, 3, strides=2, padding="same"),
                   tf.layers.conv1d(ph(tf, (4, None, 3), name="y"), 2, 3)])


@case
def conv1d_values(tf):
    x = ph(tf, (None, 7, 2))
    y = tf.layers.conv1d(x, 3, 3, kernel_initializer=tf.constant_initializer(kernel((3, 2, 3))),
                         bias_initializer=tf.constant_initializer(0.25))
    return run(tf, y, {x: arr(2, 7, 2)})


@case
def conv1d_values_causal_dilated(tf):
    x = ph(tf, (None, 8, 2))
    y = tf.layers.conv1d(x, 2, 2, padding="causal", dilation_rate=2,
                         kernel_initializer=tf.constant_initializer(kernel((2, 2, 2))))
    return run(tf, y, {x: arr(2, 8, 2, seed=1)})


@case
def conv1d_values_same_strided(tf):
    x = ph(tf, (None, 9, 3))
    y = tf.layers.conv1d(x, 2, 4, strides=2, padding="same", activation=tf.nn.relu,
                         kernel_initializer=tf.constant_initializer(kernel((4, 3, 2))))
    return run(tf, y, {x: arr(3, 9, 3, seed=2)})


@case
def conv1d_gradients(tf):
    x = ph(tf, (2, 7, 2))
    y = tf.layers.conv1d(x, 3, 3, kernel_initializer=tf.constant_initializer(kernel((3, 2, 3))))
    loss = tf.reduce_sum(y * y)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        gs = tf.gradients(loss, [x] + tf.trainable_variables())
        return [[g.name for g in gs], sess.run(gs, {x: arr(2, 7, 2, seed=3)})]


@case
def conv1d_dilated_values(tf):
    x = ph(tf, (None, 9, 2))
    y = tf.layers.conv1d(x, 2, 3, dilation_rate=2, kernel_initializer=tf.constant_initializer(kernel((3, 2, 2))))
    return [static(y), run(tf, y, {x: arr(2, 9, 2, seed=4)})]


@case
def conv1d_reuse_and_names(tf):
    x = ph(tf, (None, 6, 2))
    a = tf.layers.conv1d(x, 2, 3, name="c")
    b = tf.layers.conv1d(x, 2, 3, name="c", reuse=True)
    c = tf.layers.conv1d(x, 2, 3)
    return [a.name, b.name, c.name, var_names(tf.global_variables())]


@case
def conv1d_class(tf):
    layer = tf.layers.Conv1D(4, 3, strides=1, padding="same", name="temporal")
    x = ph(tf, (None, 5, 2))
    a, b = layer(x), layer(x)
    return [a.name, b.name, layer.name, var_names(layer.weights), list(layer.kernel_size), list(layer.strides),
            layer.padding, layer.data_format, list(layer.dilation_rate), layer.filters,
            static(layer.kernel)]


@case
def conv1d_errors(tf):
    x = ph(tf, (None, 6))
    return [raises(lambda: tf.layers.conv1d(x, 2, 3)),
            raises(lambda: tf.layers.conv1d(ph(tf, (None, 6, None), name="y"), 2, 3)),
            raises(lambda: tf.layers.Conv1D(2, 0)), raises(lambda: tf.layers.Conv1D(0, 2)),
            raises(lambda: tf.layers.Conv1D(2, 3, strides=2, dilation_rate=2)),
            raises(lambda: tf.layers.Conv1D(2, (3, 3))), raises(lambda: tf.layers.Conv1D(2, 3, padding="full"))]


@case
def conv1d_causal_only_1d_error(tf):
    return [raises(lambda: tf.layers.Conv2D(2, 3, padding="causal")),
            raises(lambda: tf.layers.Conv3D(2, 3, padding="causal"))]


@case
def conv1d_downsampling_error(tf):
    return raises(lambda: tf.layers.conv1d(ph(tf, (None, 2, 3)), 2, 5))


@case
def conv1d_regularizers(tf):
    x = ph(tf, (None, 6, 2))
    tf.layers.conv1d(x, 2, 3, kernel_regularizer=tf.nn.l2_loss, bias_regularizer=tf.nn.l2_loss)
    losses = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)
    return [[t.name for t in losses], [len(v) for v in run(tf, [losses])]]


@case
def conv1d_batch_dims(tf):
    y = tf.layers.conv1d(ph(tf, (None, 2, 7, 3)), 4, 3, use_bias=False)
    return static(y)


@case
def conv1d_gradient_ops(tf):
    x = ph(tf, (2, 6, 2))
    y = tf.layers.conv1d(x, 2, 3, kernel_initializer=tf.constant_initializer(kernel((3, 2, 2))))
    return grad_model(tf, tf.reduce_sum(y), [x] + tf.trainable_variables(), {x: arr(2, 6, 2, seed=5)})
