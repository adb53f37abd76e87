"""tf.layers.conv3d / Conv3D and conv3d_transpose / Conv3DTranspose."""

from tests.conformance.cases._layers_helpers import arr, model, run, static, var_names
from tests.conformance.cases.layers_more._helpers import grad_model, kernel, ph
from tests.conformance.harness import case, raises, run_error


@case
def conv3d_model(tf):
    return model(tf, tf.layers.conv3d(ph(tf, (None, 6, 6, 6, 3)), 4, 3, activation=tf.nn.relu))


@case
def conv3d_same_strided_model(tf):
    return model(tf, tf.layers.conv3d(ph(tf, (None, 5, 6, 7, 2)), 3, (2, 3, 1), strides=2, padding="same"))


@case
def conv3d_channels_first_model(tf):
    return model(tf, tf.layers.conv3d(ph(tf, (None, 3, 6, 5, 4)), 4, 3, data_format="channels_first"))


@case
def conv3d_static_shapes(tf):
    x = ph(tf, (None, 7, 6, 5, 2))
    out = []
    for padding in ("valid", "same"):
        for strides in (1, 2, (1, 2, 3)):
            for size in (1, 3, (2, 1, 3)):
                out.append(static(tf.layers.conv3d(x, 2, size, strides=strides, padding=padding))[0][2])
    return out


@case
def conv3d_unknown_spatial(tf):
    return static(tf.layers.conv3d(ph(tf, (None, None, 5, None, 3)), 2, 3, strides=2, padding="same"))


@case
def conv3d_values(tf):
    x = ph(tf, (None, 4, 5, 4, 2))
    y = tf.layers.conv3d(x, 3, 2, kernel_initializer=tf.constant_initializer(kernel((2, 2, 2, 2, 3))),
                         bias_initializer=tf.constant_initializer(0.5))
    return run(tf, y, {x: arr(2, 4, 5, 4, 2)})


@case
def conv3d_values_same_strided(tf):
    x = ph(tf, (None, 5, 4, 5, 2))
    y = tf.layers.conv3d(x, 2, 3, strides=2, padding="same", activation=tf.nn.relu,
                         kernel_initializer=tf.constant_initializer(kernel((3, 3, 3, 2, 2))))
    return run(tf, y, {x: arr(2, 5, 4, 5, 2, seed=1)})


@case
def conv3d_gradients(tf):
    x = ph(tf, (2, 4, 4, 3, 2))
    y = tf.layers.conv3d(x, 2, 2, strides=(1, 2, 1), padding="same",
                         kernel_initializer=tf.constant_initializer(kernel((2, 2, 2, 2, 2))))
    loss = tf.reduce_sum(y * tf.constant(arr(2, 4, 2, 3, 2, seed=7)))
    return grad_model(tf, loss, [x] + tf.trainable_variables(), {x: arr(2, 4, 4, 3, 2, seed=2)})


@case
def conv3d_class_and_reuse(tf):
    layer = tf.layers.Conv3D(2, 2, name="vol")
    x = ph(tf, (None, 3, 3, 3, 1))
    a, b = layer(x), layer(x)
    c = tf.layers.conv3d(x, 2, 2, name="vol", reuse=True)
    return [a.name, b.name, c.name, layer.name, var_names(tf.global_variables()), static(layer.kernel),
            list(layer.strides), layer.count_params()]


@case
def conv3d_errors(tf):
    return [raises(lambda: tf.layers.conv3d(ph(tf, (None, 4, 4, 3)), 2, 3)),
            raises(lambda: tf.layers.conv3d(ph(tf, (None, 4, 4, 4, None), name="y"), 2, 3)),
            raises(lambda: tf.layers.conv3d(ph(tf, (None, 2, 4, 4, 1), name="z"), 2, 3)),
            raises(lambda: tf.layers.Conv3D(2, (3, 3))), raises(lambda: tf.layers.Conv3D(2, 3, strides=(1, 0, 1)))]


@case
def conv3d_transpose_model(tf):
    return model(tf, tf.layers.conv3d_transpose(ph(tf, (None, 4, 4, 4, 3)), 2, 3, strides=2, padding="same"))


@case
def conv3d_transpose_valid_channels_first_model(tf):
    y = tf.layers.conv3d_transpose(ph(tf, (None, 3, 4, 3, 2)), 2, 3, strides=(2, 1, 2),
                                   data_format="channels_first", use_bias=False)
    return model(tf, y)


@case
def conv3d_transpose_static_shapes(tf):
    x = ph(tf, (None, 3, 4, 5, 2))
    out = []
    for padding in ("valid", "same"):
        for strides in (1, 2, (1, 2, 3)):
            for size in (1, 3, (2, 1, 3)):
                out.append(static(tf.layers.conv3d_transpose(x, 2, size, strides=strides, padding=padding))[0][2])
    return out


@case
def conv3d_transpose_unknown_spatial(tf):
    return static(tf.layers.conv3d_transpose(ph(tf, (None, None, 4, None, 3)), 2, 3, strides=2, padding="same"))


@case
def conv3d_transpose_values(tf):
    x = ph(tf, (None, 2, 3, 2, 2))
    y = tf.layers.conv3d_transpose(x, 3, 3, strides=2, padding="same",
                                   kernel_initializer=tf.constant_initializer(kernel((3, 3, 3, 3, 2))),
                                   bias_initializer=tf.constant_initializer(0.1))
    return [static(y), run(tf, y, {x: arr(2, 2, 3, 2, 2)})]


@case
def conv3d_transpose_values_valid(tf):
    x = ph(tf, (None, 2, 2, 3, 1))
    y = tf.layers.conv3d_transpose(x, 2, 2, kernel_initializer=tf.constant_initializer(kernel((2, 2, 2, 2, 1))))
    return run(tf, y, {x: arr(1, 2, 2, 3, 1, seed=3)})


@case
def conv3d_transpose_gradients(tf):
    x = ph(tf, (2, 2, 3, 2, 2))
    y = tf.layers.conv3d_transpose(x, 2, 2, strides=2, kernel_initializer=tf.constant_initializer(
        kernel((2, 2, 2, 2, 2))))
    return grad_model(tf, tf.reduce_sum(y * y), [x] + tf.trainable_variables(), {x: arr(2, 2, 3, 2, 2, seed=4)})


@case
def conv3d_transpose_class(tf):
    layer = tf.layers.Conv3DTranspose(2, 3, strides=2, padding="same", name="up")
    x = ph(tf, (None, 2, 2, 2, 4))
    a, b = layer(x), layer(x)
    return [a.name, b.name, layer.name, var_names(layer.trainable_weights), static(layer.kernel)]


@case
def conv3d_transpose_errors(tf):
    return [raises(lambda: tf.layers.conv3d_transpose(ph(tf, (None, 4, 4, 3)), 2, 3)),
            raises(lambda: tf.layers.conv3d_transpose(ph(tf, (None, 4, 4, 4, None), name="y"), 2, 3))]


@case
def nn_conv3d_ops(tf):
    x = ph(tf, (None, 5, 5, 5, 2))
    w = tf.constant(kernel((3, 3, 3, 2, 4)))
    a = tf.nn.conv3d(x, w, [1, 2, 2, 2, 1], "SAME")
    b = tf.nn.conv3d(x, w, [1, 1, 1, 1, 1], "VALID", name="c3")
    c = tf.nn.conv3d_transpose(a, w, [2, 5, 5, 5, 2], [1, 2, 2, 2, 1], "SAME")
    d = tf.nn.max_pool3d(x, 2, 2, "VALID")
    e = tf.nn.avg_pool3d(x, [1, 3, 3, 3, 1], [1, 2, 2, 2, 1], "SAME", name="ap")
    return static([a, b, c, d, e])


@case
def nn_conv3d_values_and_gradients(tf):
    x = tf.constant(arr(2, 4, 4, 4, 2))
    w = tf.constant(kernel((2, 2, 2, 2, 3)))
    y = tf.nn.conv3d(x, w, [1, 2, 1, 2, 1], "SAME")
    t = tf.nn.conv3d_transpose(y, w, [2, 4, 4, 4, 2], [1, 2, 1, 2, 1], "SAME")
    loss = tf.reduce_sum(y * y) + tf.reduce_sum(t)
    gs = tf.gradients(loss, [x, w])
    with tf.Session() as sess:
        return [[g.name for g in gs], sess.run([y, t] + gs)]


@case
def nn_conv3d_errors(tf):
    x = ph(tf, (None, 5, 5, 5, 2))
    w = tf.constant(kernel((3, 3, 3, 2, 4)))
    return [raises(lambda: tf.nn.conv3d(x, w, [1, 1, 1, 1], "SAME")),
            raises(lambda: tf.nn.conv3d(x, w, [1, 1, 1, 1, 1], "FULL")),
            raises(lambda: tf.nn.conv3d(ph(tf, (None, 5, 5, 2), name="y"), w, [1, 1, 1, 1, 1], "SAME")),
            raises(lambda: tf.nn.max_pool3d(x, [2, 2], 2, "SAME")),
            raises(lambda: tf.nn.conv3d(x, tf.constant(kernel((3, 3, 3, 3, 4))), [1, 1, 1, 1, 1], "SAME"))]


@case
def conv_layers_extra_batch_dims(tf):
    a = tf.layers.conv2d(ph(tf, (None, 2, 6, 6, 3)), 4, 3)
    b = tf.layers.conv1d(ph(tf, (None, 2, 6, 3), name="y"), 4, 3)
    x = ph(tf, (2, 3, 4, 4, 4, 1), name="z")
    c = tf.layers.conv3d(x, 2, 2, kernel_initializer=tf.constant_initializer(kernel((2, 2, 2, 1, 2))),
                         bias_initializer=tf.constant_initializer(0.5))
    return [model(tf, [a, b, c]), run(tf, c, {x: arr(2, 3, 4, 4, 4, 1, seed=9)})]


@case
def nn_conv3d_pool3d_runtime_errors(tf):
    x = tf.constant(arr(2, 4, 4, 4, 2))
    w = tf.constant(kernel((2, 2, 2, 2, 2)))
    builds = [lambda: tf.nn.conv3d(x, w, [2, 1, 1, 1, 1], "SAME"), lambda: tf.nn.conv3d(x, w, [1, 1, 1, 1, 2], "SAME"),
              lambda: tf.nn.conv3d(x, w, [1, 1, 1, 1, 1], "SAME", dilations=[2, 1, 1, 1, 1]),
              lambda: tf.nn.max_pool3d(x, [2, 1, 1, 1, 1], 1, "SAME"),
              lambda: tf.nn.max_pool3d(x, [1, 1, 1, 1, 2], 1, "SAME"),
              lambda: tf.nn.avg_pool3d(x, [1, 1, 1, 1, 1], [2, 1, 1, 1, 1], "SAME"),
              lambda: tf.nn.avg_pool3d(x, [1, 2, 1, 1, 2], 1, "VALID"),
              lambda: tf.nn.max_pool3d(x, [1, 2, 1, 1, 2], 1, "VALID"),
              lambda: tf.nn.max_pool3d(x, [1, 1, 1, 1, 1], [1, 1, 1, 1, 2], "VALID")]
    return [run_error(tf, build()) for build in builds]
