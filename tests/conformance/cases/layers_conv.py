"""tf.layers.conv2d / conv2d_transpose: graphs, static shapes (SAME/VALID, strides), values, errors."""

import numpy as np

from tests.conformance.cases._layers_helpers import arr, model, run, static, var_names
from tests.conformance.harness import case, op_names, raises


def _x(tf, shape=(None, 8, 8, 3), name="x"):
    return tf.placeholder(tf.float32, list(shape), name=name)


def _kernel(shape):
    return (np.arange(np.prod(shape), dtype=np.float32).reshape(shape) % 7 - 3) / 10


@case
def conv2d_model_ops(tf):
    y = tf.layers.conv2d(_x(tf), 4, 3, activation=tf.nn.relu)
    return model(tf, y)


@case
def conv2d_same_strides_no_bias_model(tf):
    y = tf.layers.conv2d(_x(tf), 4, [3, 2], strides=2, padding="same", use_bias=False)
    return model(tf, y)


@case
def conv2d_static_shapes(tf):
    x = _x(tf)
    out = []
    for padding in ("valid", "same", "VALID", "Same"):
        for strides in (1, 2, 3, (2, 1)):
            for kernel in (1, 3, (2, 5)):
                out.append(static(tf.layers.conv2d(x, 2, kernel, strides=strides, padding=padding))[0][2])
    return out


@case
def conv2d_unknown_spatial_shapes(tf):
    x = _x(tf, (None, None, None, 3))
    y = tf.layers.conv2d(x, 5, 3, strides=2, padding="same")
    z = tf.layers.conv2d(_x(tf, (4, None, 7, 3), name="x2"), 5, 3)
    return static([y, z])


@case
def conv2d_values_valid(tf):
    x = _x(tf, (None, 5, 5, 2))
    y = tf.layers.conv2d(x, 3, 2, kernel_initializer=tf.constant_initializer(_kernel((2, 2, 2, 3))),
                         bias_initializer=tf.constant_initializer(0.1))
    return [static(y), run(tf, y, {x: arr(2, 5, 5, 2)})]


@case
def conv2d_values_same_strided(tf):
    x = _x(tf, (None, 6, 5, 2))
    y = tf.layers.conv2d(x, 2, 3, strides=2, padding="same", activation=tf.nn.relu,
                         kernel_initializer=tf.constant_initializer(_kernel((3, 3, 2, 2))))
    return [static(y), run(tf, y, {x: arr(1, 6, 5, 2, seed=3)})]


@case
def conv2d_dilated(tf):
    x = _x(tf, (None, 7, 7, 1))
    y = tf.layers.conv2d(x, 2, 3, dilation_rate=2, kernel_initializer=tf.constant_initializer(_kernel((3, 3, 1, 2))))
    z = tf.layers.conv2d(x, 2, 3, dilation_rate=(2, 1), padding="same")
    return [static([y, z]), var_names(tf.global_variables()), run(tf, y, {x: arr(1, 7, 7, 1, seed=4)})]


@case
def conv2d_variables(tf):
    tf.layers.conv2d(_x(tf), 4, (3, 2))
    tf.layers.conv2d_transpose(_x(tf, name="x2"), 5, (3, 2))
    return [[v.name, v.shape.as_list()] for v in tf.global_variables()]


@case
def conv2d_reuse(tf):
    a = tf.layers.conv2d(_x(tf), 4, 3, name="c")
    b = tf.layers.conv2d(_x(tf, name="x2"), 4, 3, name="c", reuse=True)
    return [a.name, b.name, var_names(tf.global_variables())]


@case
def conv2d_object_names(tf):
    layers = [tf.layers.Conv2D(2, 1), tf.layers.Conv2D(2, 1), tf.layers.Conv2DTranspose(2, 1)]
    names = [layer.name for layer in layers]
    x = _x(tf)
    outs = [layer(x).name for layer in layers]
    return [names, outs, [layer.scope_name for layer in layers]]


@case
def conv2d_layer_properties(tf):
    layer = tf.layers.Conv2D(4, 3, strides=(2, 1), padding="SAME", name="c")
    layer(_x(tf))
    return [layer.filters, list(layer.kernel_size), list(layer.strides), layer.padding, layer.data_format,
            list(layer.dilation_rate), repr(layer.input_spec), layer.count_params()]


@case
def conv2d_channels_first_shapes(tf):
    x = _x(tf, (None, 3, 8, 8))
    y = tf.layers.conv2d(x, 4, 3, padding="same", strides=2, data_format="channels_first")
    return [static(y), [v.shape.as_list() for v in tf.global_variables()], op_names(tf.get_default_graph())[-2:]]


@case
def conv2d_channel_none_error(tf):
    return raises(lambda: tf.layers.conv2d(_x(tf, (2, 3, 3, None)), 3, 2))


@case
def conv2d_rank3_error(tf):
    return raises(lambda: tf.layers.conv2d(_x(tf, (2, 3, 3)), 3, 2))


@case
def conv2d_zero_filters_error(tf):
    return raises(lambda: tf.layers.conv2d(_x(tf), 0, 2))


@case
def conv2d_bad_kernel_size_error(tf):
    return [raises(lambda: tf.layers.Conv2D(2, (3, 3, 3))), raises(lambda: tf.layers.Conv2D(2, 0)),
            raises(lambda: tf.layers.Conv2D(2, "a"))]


@case
def conv2d_strides_with_dilation_error(tf):
    return raises(lambda: tf.layers.Conv2D(2, 3, strides=2, dilation_rate=2))


@case
def conv2d_bad_padding_error(tf):
    return raises(lambda: tf.layers.Conv2D(2, 3, padding="full"))


@case
def conv2d_bad_data_format_error(tf):
    return raises(lambda: tf.layers.Conv2D(2, 3, data_format="nhwc"))


@case
def conv2d_input_channel_mismatch_error(tf):
    layer = tf.layers.Conv2D(2, 3)
    layer(_x(tf))
    return raises(lambda: layer(_x(tf, (None, 8, 8, 4), name="x2")))


@case
def conv2d_transpose_model_ops(tf):
    y = tf.layers.conv2d_transpose(_x(tf), 4, 3, strides=2, padding="same")
    return model(tf, y)


@case
def conv2d_transpose_static_shapes(tf):
    x = _x(tf, (None, 5, 6, 3))
    out = []
    for padding in ("valid", "same"):
        for strides in (1, 2, (3, 1)):
            for kernel in (1, 2, 3, (4, 2)):
                out.append(static(tf.layers.conv2d_transpose(x, 2, kernel, strides=strides, padding=padding))[0][2])
    return out


@case
def conv2d_transpose_unknown_spatial_model(tf):
    y = tf.layers.conv2d_transpose(_x(tf, (None, None, 4, 3)), 2, 3, strides=2)
    return model(tf, y)


@case
def conv2d_transpose_values(tf):
    x = _x(tf, (None, 3, 3, 2))
    y = tf.layers.conv2d_transpose(x, 2, 2, strides=2,
                                   kernel_initializer=tf.constant_initializer(_kernel((2, 2, 2, 2))),
                                   bias_initializer=tf.constant_initializer(-0.1), activation=tf.nn.relu)
    return [static(y), run(tf, y, {x: arr(2, 3, 3, 2, seed=5)})]


@case
def conv2d_transpose_values_same(tf):
    x = _x(tf, (None, 3, 4, 1))
    y = tf.layers.conv2d_transpose(x, 1, 3, strides=2, padding="same",
                                   kernel_initializer=tf.constant_initializer(_kernel((3, 3, 1, 1))))
    return [static(y), run(tf, y, {x: arr(1, 3, 4, 1, seed=6)})]


@case
def conv2d_transpose_rank_error(tf):
    return raises(lambda: tf.layers.conv2d_transpose(_x(tf, (2, 3, 3, 3, 3)), 2, 2))


@case
def conv2d_transpose_channel_none_error(tf):
    return raises(lambda: tf.layers.conv2d_transpose(_x(tf, (2, 3, 3, None)), 2, 2))


@case
def conv2d_cnn_model(tf):
    x = _x(tf, (None, 12, 12, 1))
    h = tf.layers.conv2d(x, 4, 3, activation=tf.nn.relu)
    h = tf.layers.max_pooling2d(h, 2, 2)
    h = tf.layers.conv2d(h, 8, 3, padding="same", activation=tf.nn.relu)
    h = tf.layers.flatten(h)
    y = tf.layers.dense(h, 10)
    return [op_names(tf.get_default_graph()), static(y), [[v.name, v.shape.as_list()] for v in tf.global_variables()]]
