"""Convolutions: conv2d, conv2d_transpose, the backprop ops and depthwise convolution."""

import numpy as np

from tests.conformance.cases._nn_helpers import arr, describe, fed, grad_values, grads, run_error, static, values
from tests.conformance.harness import case, op_summary, raises, shape_of

_IMG = arr(2, 6, 5, 3, seed=21)
_W = arr(3, 3, 3, 4, seed=22)


def _ints(*shape, seed):
    """float32 data with small integer values: sums are exact, so any summation order agrees."""
    return np.round(arr(*shape, seed=seed, low=-3.0, high=3.0)).astype(np.float32)


def _img(tf, shape=(None, 28, 28, 1), dtype=None):
    return tf.placeholder(dtype or tf.float32, list(shape) if shape is not None else None, name="x")


def _conv_shape(tf, **kw):
    kw.setdefault("strides", 1)
    kw.setdefault("padding", "SAME")
    filt = kw.pop("filt", [5, 5, 1, 32])
    x = _img(tf, kw.pop("shape", (None, 28, 28, 1)))
    return shape_of(tf.nn.conv2d(x, tf.ones(filt), **kw))


@case
def conv2d_same_graph(tf):
    x = _img(tf)
    y = tf.nn.conv2d(x, tf.ones([5, 5, 1, 32]), strides=[1, 1, 1, 1], padding="SAME")
    return {"ops": op_summary(tf.get_default_graph()), "outs": static(y), "attrs": [
        y.op.get_attr(a) for a in ("strides", "padding", "data_format", "dilations", "explicit_paddings",
                                   "use_cudnn_on_gpu")]}


@case
def conv2d_static_shapes(tf):
    return [
        _conv_shape(tf),
        _conv_shape(tf, strides=2, padding="VALID"),
        _conv_shape(tf, strides=2),
        _conv_shape(tf, strides=[1, 3, 2, 1], padding="VALID"),
        _conv_shape(tf, filt=[3, 3, 1, 4], dilations=2, padding="VALID"),
        _conv_shape(tf, filt=[3, 3, 1, 4], dilations=[2, 3], padding="SAME"),
        _conv_shape(tf, filt=[3, 3, 1, 4], padding=[[0, 0], [1, 2], [2, 1], [0, 0]]),
        _conv_shape(tf, filt=[3, 3, 1, 4], shape=None),
        _conv_shape(tf, filt=[3, 3, 1, 4], shape=(None, None, None, 1)),
        _conv_shape(tf, filt=[3, 3, 1, 4], shape=(7, 9, 11, 1), strides=[1, 2, 3, 1]),
        _conv_shape(tf, filt=[5, 5, 1, 4], shape=(1, 5, 5, 1), padding="VALID"),
    ]


@case
def conv2d_nchw_shape(tf):
    return shape_of(tf.nn.conv2d(tf.ones([1, 1, 4, 6]), tf.ones([3, 3, 1, 2]), 1, padding="SAME", data_format="NCHW"))


@case
def conv2d_named_and_python_inputs(tf):
    a = tf.nn.conv2d(tf.ones([1, 4, 4, 1]), tf.ones([3, 3, 1, 1]), 1, padding="SAME", name="myconv")
    b = tf.nn.conv2d(np.ones([1, 4, 4, 1], np.float32), np.ones([3, 3, 1, 1], np.float32), strides=1, padding="SAME")
    c = tf.nn.conv2d(tf.ones([1, 4, 4, 1]), filters=tf.ones([3, 3, 1, 1]), strides=1, padding="SAME")
    return {"ops": op_summary(tf.get_default_graph()), "outs": static([a, b, c])}


@case
def conv2d_depth_error(tf):
    return raises(lambda: tf.nn.conv2d(_img(tf), tf.ones([3, 3, 2, 4]), strides=1, padding="VALID"))


@case
def conv2d_rank_error(tf):
    return raises(lambda: tf.nn.conv2d(tf.ones([3, 3]), tf.ones([3, 3, 2, 4]), strides=1, padding="VALID"))


@case
def conv2d_filter_rank_error(tf):
    return raises(lambda: tf.nn.conv2d(tf.ones([1, 4, 4, 1]), tf.ones([3, 3, 1]), 1, padding="SAME"))


@case
def conv2d_padding_error(tf):
    return raises(lambda: tf.nn.conv2d(_img(tf), tf.ones([3, 3, 1, 4]), strides=1, padding="FOO"))


@case
def conv2d_negative_size_error(tf):
    return raises(lambda: tf.nn.conv2d(tf.ones([1, 2, 2, 1]), tf.ones([3, 3, 1, 4]), strides=1, padding="VALID"))


@case
def conv2d_strides_length_error(tf):
    return raises(lambda: tf.nn.conv2d(_img(tf), tf.ones([3, 3, 1, 4]), strides=[1, 1, 1], padding="VALID"))


@case
def conv2d_dilations_length_error(tf):
    return raises(lambda: tf.nn.conv2d(tf.ones([1, 4, 4, 1]), tf.ones([3, 3, 1, 1]), 1, "SAME", dilations=[1, 1, 1]))


@case
def conv2d_dtype_errors(tf):
    return [raises(lambda: tf.nn.conv2d(tf.ones([1, 4, 4, 1], tf.int64), tf.ones([3, 3, 1, 4], tf.int64), 1,
                                        padding="VALID")),
            raises(lambda: tf.nn.conv2d(tf.ones([1, 4, 4, 1]), tf.ones([3, 3, 1, 1], tf.float64), 1, padding="SAME"))]


@case
def conv2d_explicit_padding_errors(tf):
    x, w = tf.ones([1, 4, 4, 1]), tf.ones([3, 3, 1, 1])
    return [raises(lambda: tf.nn.conv2d(x, w, 1, padding=[[1, 1], [1, 1]])),
            raises(lambda: tf.nn.conv2d(x, w, 1, padding=[[1, 1], [1, 1], [1, 1], [0, 0]])),
            raises(lambda: tf.nn.conv2d(x, w, 1, padding="EXPLICIT")),
            raises(lambda: tf.nn.conv2d(x, w, 1, padding=[1, 1, 1, 1]))]


@case
def conv2d_batch_stride_runtime_error(tf):
    y = tf.nn.conv2d(tf.ones([1, 4, 4, 1]), tf.ones([3, 3, 1, 1]), strides=[2, 1, 1, 1], padding="SAME")
    return {"shape": shape_of(y), "run": run_error(tf, y)}


def _conv_values(tf, **kw):
    x, w = fed(tf, _IMG), fed(tf, _W)
    return values(tf, tf.nn.conv2d(x, w, **kw))


@case
def conv2d_values_same_stride1(tf):
    return _conv_values(tf, strides=1, padding="SAME")


@case
def conv2d_values_same_stride2(tf):
    return _conv_values(tf, strides=2, padding="SAME")


@case
def conv2d_values_valid_strides_1_2(tf):
    return _conv_values(tf, strides=[1, 1, 2, 1], padding="VALID")


@case
def conv2d_values_dilated(tf):
    return _conv_values(tf, strides=1, padding="SAME", dilations=2)


@case
def conv2d_values_explicit(tf):
    return _conv_values(tf, strides=2, padding=[[0, 0], [2, 0], [1, 1], [0, 0]])


@case
def conv2d_values_float32(tf):
    x, w = fed(tf, _IMG.astype(np.float32)), fed(tf, _W.astype(np.float32))
    return values(tf, tf.nn.conv2d(x, w, strides=1, padding="VALID"))


@case
def conv2d_values_grouped(tf):
    x = fed(tf, arr(1, 4, 4, 4, seed=23))
    w = fed(tf, arr(3, 3, 2, 6, seed=24))
    return values(tf, tf.nn.conv2d(x, w, strides=1, padding="SAME"))


@case
def conv2d_values_nchw(tf):
    x = fed(tf, np.transpose(_ints(2, 6, 5, 3, seed=3), (0, 3, 1, 2)))
    return values(tf, tf.nn.conv2d(x, fed(tf, _ints(3, 3, 3, 4, seed=4)), strides=[1, 1, 2, 1], padding="SAME",
                                   data_format="NCHW"))


@case
def conv2d_gradient_graph(tf):
    x = tf.placeholder(tf.float64, [2, 6, 5, 3], name="x")
    w = tf.constant(_W, name="w")
    return grads(tf, tf.nn.conv2d(x, w, strides=2, padding="SAME"), [x, w], {x: _IMG})


@case
def conv2d_gradient_unknown_batch(tf):
    x = tf.placeholder(tf.float64, [None, 6, 5, 3], name="x")
    w = tf.constant(_W, name="w")
    y = tf.nn.conv2d(x, w, strides=1, padding="VALID")
    gs = tf.gradients(tf.reduce_sum(y * y), [x, w])
    return {"static": static(gs), "ops": [s for s in op_summary(tf.get_default_graph()) if s[0].startswith("grad")],
            "values": values(tf, gs, {x: _IMG})}


@case
def conv2d_gradient_values_dilated_valid(tf):
    x, w = fed(tf, _ints(2, 6, 5, 3, seed=1)), fed(tf, _ints(3, 3, 3, 4, seed=2))
    return grad_values(tf, tf.nn.conv2d(x, w, strides=1, padding="VALID", dilations=[1, 2]), [x, w])


@case
def conv2d_gradient_values_explicit_stride(tf):
    x, w = fed(tf, _IMG), fed(tf, _W)
    return grad_values(tf, tf.nn.conv2d(x, w, strides=[1, 2, 3, 1], padding=[[0, 0], [1, 2], [0, 1], [0, 0]]),
                       [x, w])


@case
def conv2d_gradient_values_grouped(tf):
    x = fed(tf, _ints(1, 4, 4, 4, seed=23))
    w = fed(tf, _ints(3, 3, 2, 6, seed=24))
    return grad_values(tf, tf.nn.conv2d(x, w, strides=1, padding="SAME"), [x, w])


# -- transpose and backprop ops ------------------------------------------------------------------------------------
@case
def conv2d_transpose_graph(tf):
    x = tf.placeholder(tf.float32, [2, 7, 7, 4], name="x")
    y = tf.nn.conv2d_transpose(x, tf.ones([3, 3, 1, 4]), output_shape=[2, 14, 14, 1], strides=[1, 2, 2, 1],
                               padding="SAME")
    return {"ops": op_summary(tf.get_default_graph()), "outs": static(y)}


@case
def conv2d_transpose_tensor_shape(tf):
    x = tf.placeholder(tf.float32, [None, 7, 7, 4], name="x")
    y = tf.nn.conv2d_transpose(x, tf.ones([3, 3, 1, 4]), output_shape=tf.constant([2, 14, 14, 1]), strides=2,
                               padding="SAME", name="deconv")
    return {"ops": op_summary(tf.get_default_graph()), "outs": static(y)}


@case
def conv2d_transpose_depth_error(tf):
    x = tf.placeholder(tf.float32, [2, 7, 7, 4])
    return raises(lambda: tf.nn.conv2d_transpose(x, tf.ones([3, 3, 1, 3]), output_shape=[2, 14, 14, 1],
                                                 strides=[1, 2, 2, 1], padding="SAME"))


@case
def conv2d_transpose_values(tf):
    x = fed(tf, arr(2, 3, 3, 4, seed=25))
    w = fed(tf, arr(3, 3, 2, 4, seed=26))
    return values(tf, [tf.nn.conv2d_transpose(x, w, [2, 6, 6, 2], strides=2, padding="SAME"),
                       tf.nn.conv2d_transpose(x, w, [2, 7, 7, 2], strides=2, padding="VALID")])


@case
def conv2d_transpose_gradient(tf):
    x = tf.constant(arr(2, 3, 3, 4, seed=25), name="x")
    w = tf.constant(arr(3, 3, 2, 4, seed=26), name="w")
    return grads(tf, tf.nn.conv2d_transpose(x, w, [2, 6, 6, 2], strides=2, padding="SAME"), [x, w])


@case
def conv2d_backprop_ops_shapes(tf):
    w = tf.ones([3, 3, 1, 4])
    dy = tf.placeholder(tf.float32, [2, 7, 7, 4])
    a = tf.nn.conv2d_backprop_input([2, 14, 14, 1], w, dy, strides=[1, 2, 2, 1], padding="SAME")
    b = tf.nn.conv2d_backprop_input([14, 14], w, dy, strides=[1, 2, 2, 1], padding="SAME")
    c = tf.nn.conv2d_backprop_filter(tf.placeholder(tf.float32, [2, 14, 14, 1]), [3, 3, 1, 4], dy,
                                     strides=[1, 2, 2, 1], padding="SAME")
    d = tf.nn.conv2d_backprop_filter(tf.placeholder(tf.float32, [2, 14, 14, 1]), tf.placeholder(tf.int32, [4]), dy,
                                     strides=[1, 2, 2, 1], padding="SAME")
    e = tf.nn.conv2d_backprop_input([2, 14, 14, 1], w, tf.placeholder(tf.float32), strides=[1, 2, 2, 1],
                                    padding="SAME")
    return {"ops": op_summary(tf.get_default_graph()), "outs": static([a, b, c, d, e])}


@case
def conv2d_backprop_int_strides_error(tf):
    return raises(lambda: tf.nn.conv2d_backprop_input([1, 4, 4, 1], tf.ones([3, 3, 1, 1]), tf.ones([1, 4, 4, 1]),
                                                      strides=2, padding="SAME"))


@case
def conv2d_backprop_input_errors(tf):
    w, dy = tf.ones([3, 3, 1, 4]), tf.placeholder(tf.float32, [2, 7, 7, 4])
    return [raises(lambda: tf.nn.conv2d_backprop_input([3, 14, 14, 1], w, dy, strides=[1, 2, 2, 1], padding="SAME")),
            raises(lambda: tf.nn.conv2d_backprop_input([14, 14, 1], w, dy, strides=[1, 2, 2, 1], padding="SAME"))]


@case
def conv2d_backprop_values(tf):
    x, w = fed(tf, _IMG), fed(tf, _W)
    dy = fed(tf, arr(2, 3, 3, 4, seed=27))
    return values(tf, [
        tf.nn.conv2d_backprop_input([2, 6, 5, 3], w, dy, strides=[1, 2, 2, 1], padding="SAME"),
        tf.nn.conv2d_backprop_filter(x, [3, 3, 3, 4], dy, strides=[1, 2, 2, 1], padding="SAME")])


# -- depthwise -----------------------------------------------------------------------------------------------------
@case
def depthwise_graph(tf):
    x = _img(tf)
    y = tf.nn.depthwise_conv2d(x, tf.ones([3, 3, 1, 2]), strides=[1, 1, 1, 1], padding="SAME")
    z = tf.nn.depthwise_conv2d_native(x, tf.ones([3, 3, 1, 2]), strides=[1, 2, 2, 1], padding="VALID")
    return {"ops": op_summary(tf.get_default_graph()), "outs": static([y, z])}


@case
def depthwise_python_inputs(tf):
    y = tf.nn.depthwise_conv2d(np.ones([1, 4, 4, 2], np.float32), np.ones([3, 3, 2, 2], np.float32),
                               strides=[1, 1, 1, 1], padding="SAME", name="dw")
    return {"ops": op_summary(tf.get_default_graph()), "outs": static(y)}


@case
def depthwise_depth_error(tf):
    return raises(lambda: tf.nn.depthwise_conv2d_native(tf.ones([1, 4, 4, 2]), tf.ones([3, 3, 1, 2]),
                                                        strides=[1, 1, 1, 1], padding="SAME"))


@case
def depthwise_values(tf):
    x = fed(tf, _ints(2, 6, 5, 3, seed=5))
    w = fed(tf, _ints(3, 3, 3, 2, seed=28))
    return values(tf, [tf.nn.depthwise_conv2d(x, w, [1, 1, 1, 1], "SAME"),
                       tf.nn.depthwise_conv2d(x, w, [1, 2, 2, 1], "VALID"),
                       tf.nn.depthwise_conv2d_native(x, w, [1, 1, 2, 1], "SAME", dilations=[1, 2, 1, 1])])


@case
def depthwise_rate_values(tf):
    x = fed(tf, arr(1, 7, 7, 2, seed=29))
    w = fed(tf, arr(3, 3, 2, 2, seed=30))
    y = tf.nn.depthwise_conv2d(x, w, [1, 1, 1, 1], "SAME", rate=[2, 2])
    return {"shape": shape_of(y), "values": values(tf, y)}


@case
def depthwise_gradient(tf):
    x = tf.constant(_IMG, name="x")
    w = tf.constant(arr(3, 3, 3, 2, seed=28), name="w")
    return grads(tf, tf.nn.depthwise_conv2d_native(x, w, [1, 2, 2, 1], "SAME"), [x, w])


@case
def depthwise_backprop_ops(tf):
    w = fed(tf, arr(3, 3, 2, 2, seed=31))
    dy = fed(tf, arr(1, 2, 2, 4, seed=32))
    x = fed(tf, arr(1, 4, 4, 2, seed=33))
    a = tf.nn.depthwise_conv2d_native_backprop_input([1, 4, 4, 2], w, dy, strides=[1, 1, 1, 1], padding="VALID")
    b = tf.nn.depthwise_conv2d_native_backprop_filter(x, [3, 3, 2, 2], dy, strides=[1, 1, 1, 1], padding="VALID")
    return describe(tf, [a, b])


@case
def conv2d_extra_batch_dims(tf):
    x = fed(tf, _ints(2, 3, 6, 5, 3, seed=6), name="x")
    y = tf.nn.conv2d(x, fed(tf, _ints(3, 3, 3, 4, seed=7), name="w"), strides=1, padding="SAME")
    return describe(tf, y)


@case
def conv2d_extra_batch_dims_unknown(tf):
    x = tf.placeholder(tf.float32, [None, 3, 6, 5, 3], name="x")
    y = tf.nn.conv2d(x, tf.ones([3, 3, 3, 4]), strides=2, padding="VALID", name="c")
    return describe(tf, y, {x: _ints(2, 3, 6, 5, 3, seed=8)})


@case
def conv1d_graphs(tf):
    x = tf.placeholder(tf.float32, [None, 10, 3], name="x")
    outs = [tf.nn.conv1d(x, tf.ones([3, 3, 4]), stride=2, padding="SAME"),
            tf.nn.conv1d(x, tf.ones([3, 3, 4]), 1, "VALID", name="c1"),
            tf.nn.conv1d(tf.placeholder(tf.float32, [2, 5, 10, 3]), tf.ones([3, 3, 4]), 1, "VALID")]
    return {"ops": op_summary(tf.get_default_graph()), "outs": static(outs)}


@case
def conv1d_values_and_gradient(tf):
    x = fed(tf, _ints(2, 9, 3, seed=9), name="x")
    w = fed(tf, _ints(3, 3, 2, seed=10), name="w")
    y = tf.nn.conv1d(x, w, stride=2, padding="SAME", dilations=1)
    return {"value": values(tf, y), "grads": grad_values(tf, y, [x, w])}
