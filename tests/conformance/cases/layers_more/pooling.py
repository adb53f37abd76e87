"""tf.layers 1-D and 3-D pooling and their classes."""

import numpy as np

from tests.conformance.cases._layers_helpers import arr, model, run, static
from tests.conformance.cases.layers_more._helpers import grad_model, ph
from tests.conformance.harness import case, raises


@case
def pool1d_model(tf):
    x = ph(tf, (None, 10, 3))
    return model(tf, [tf.layers.max_pooling1d(x, 2, 2), tf.layers.average_pooling1d(x, 3, 2, padding="same"),
                      tf.layers.max_pooling1d(x, 3, 1, name="p")])


@case
def pool1d_channels_first_model(tf):
    x = ph(tf, (None, 3, 10))
    return model(tf, [tf.layers.max_pooling1d(x, 2, 2, data_format="channels_first"),
                      tf.layers.average_pooling1d(x, 2, 3, data_format="channels_first")])


@case
def pool1d_static_shapes(tf):
    x = ph(tf, (None, 11, 2))
    out = []
    for fn in (tf.layers.max_pooling1d, tf.layers.average_pooling1d):
        for padding in ("valid", "same"):
            for size, strides in ((2, 2), (3, 1), (3, 2), (4, 3)):
                out.append(static(fn(x, size, strides, padding=padding))[0][2])
    return out


@case
def pool1d_values(tf):
    x = ph(tf, (None, 7, 2))
    outs = [tf.layers.max_pooling1d(x, 2, 2), tf.layers.average_pooling1d(x, 2, 2),
            tf.layers.max_pooling1d(x, 3, 2, padding="same"), tf.layers.average_pooling1d(x, 3, 2, padding="same")]
    return run(tf, outs, {x: arr(2, 7, 2, seed=1)})


@case
def pool1d_gradients(tf):
    x = ph(tf, (2, 7, 2))
    y = tf.layers.max_pooling1d(x, 2, 2) * 2.0
    z = tf.layers.average_pooling1d(x, 3, 2, padding="same")
    return grad_model(tf, tf.reduce_sum(y * y) + tf.reduce_sum(z * z), [x], {x: arr(2, 7, 2, seed=2)})


@case
def pool3d_model(tf):
    x = ph(tf, (None, 4, 6, 5, 3))
    return model(tf, [tf.layers.max_pooling3d(x, 2, 2), tf.layers.average_pooling3d(x, 3, 2, padding="same"),
                      tf.layers.max_pooling3d(x, (1, 2, 3), (1, 2, 1), name="p")])


@case
def pool3d_channels_first_model(tf):
    x = ph(tf, (None, 3, 4, 4, 4))
    return model(tf, [tf.layers.max_pooling3d(x, 2, 2, data_format="channels_first"),
                      tf.layers.average_pooling3d(x, 2, 2, data_format="channels_first")])


@case
def pool3d_static_shapes(tf):
    x = ph(tf, (None, 7, 6, 5, 2))
    out = []
    for fn in (tf.layers.max_pooling3d, tf.layers.average_pooling3d):
        for padding in ("valid", "same"):
            for size, strides in ((2, 2), (3, 1), ((2, 3, 1), (1, 2, 2))):
                out.append(static(fn(x, size, strides, padding=padding))[0][2])
    return out


@case
def pool3d_values(tf):
    x = ph(tf, (None, 4, 5, 3, 2))
    outs = [tf.layers.max_pooling3d(x, 2, 2), tf.layers.average_pooling3d(x, 2, 2),
            tf.layers.max_pooling3d(x, 3, 2, padding="same"), tf.layers.average_pooling3d(x, 3, 2, padding="same")]
    return run(tf, outs, {x: arr(2, 4, 5, 3, 2, seed=3)})


@case
def pool3d_gradients(tf):
    x = ph(tf, (2, 4, 5, 3, 2))
    y = tf.layers.max_pooling3d(x, 2, 2)
    z = tf.layers.average_pooling3d(x, 3, 2, padding="same")
    return grad_model(tf, tf.reduce_sum(y * y) + tf.reduce_sum(z * z), [x], {x: arr(2, 4, 5, 3, 2, seed=4)})


@case
def pool3d_tied_maxima_gradient(tf):
    x = tf.constant(np.ones((1, 2, 2, 2, 1), np.float32))
    y = tf.layers.max_pooling3d(x, 2, 2)
    with tf.Session() as sess:
        return sess.run(tf.gradients(y, x)[0])


@case
def pool_classes(tf):
    layers = [tf.layers.MaxPooling1D(2, 2), tf.layers.AveragePooling1D(2, 1), tf.layers.MaxPooling3D(2, 2),
              tf.layers.AveragePooling3D((1, 2, 2), 1, padding="same"), tf.layers.MaxPooling1D(3, 3, name="m")]
    names = [layer.name for layer in layers]
    x1, x3 = ph(tf, (None, 8, 2)), ph(tf, (None, 4, 4, 4, 2), name="v")
    outs = [layer(x1 if layer.pool_size.__len__() == 1 else x3).name for layer in layers]
    return [names, outs, [layer.scope_name for layer in layers], [list(layer.pool_size) for layer in layers],
            [list(layer.strides) for layer in layers], [layer.padding for layer in layers]]


@case
def pool_errors(tf):
    return [raises(lambda: tf.layers.max_pooling1d(ph(tf, (None, 8, 2, 1)), 2, 2)),
            raises(lambda: tf.layers.max_pooling3d(ph(tf, (None, 8, 2, 1), name="y"), 2, 2)),
            raises(lambda: tf.layers.average_pooling3d(ph(tf, (None, 8, 2), name="z"), 2, 2)),
            raises(lambda: tf.layers.MaxPooling1D(2, None)), raises(lambda: tf.layers.MaxPooling3D(2, None)),
            raises(lambda: tf.layers.MaxPooling2D(2, None)),
            raises(lambda: tf.layers.AveragePooling1D((2, 2), 2)), raises(lambda: tf.layers.MaxPooling3D(0, 2)),
            raises(lambda: tf.layers.max_pooling1d(ph(tf, (None, 1, 2), name="w"), 2, 2))]


@case
def max_pool3d_second_order_with_ties(tf):
    x = tf.constant(np.array([1, 1, 0, 1, 2, 2, 0, 2], np.float32).reshape(1, 2, 2, 2, 1))
    g = tf.constant(np.arange(1, 9, dtype=np.float32).reshape(1, 2, 2, 2, 1))
    y = tf.nn.max_pool3d(x, [1, 2, 2, 1, 1], [1, 1, 1, 1, 1], "SAME")
    dx = tf.gradients(y, x, grad_ys=g)[0]
    gg = tf.gradients(dx, g, grad_ys=tf.constant(np.arange(10, 18, dtype=np.float32).reshape(1, 2, 2, 2, 1)))[0]
    with tf.Session() as sess:
        return [[t.op.type for t in (dx, gg)], sess.run([y, dx, gg])]
