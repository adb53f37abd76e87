"""Samples for convolutions and pooling (``Conv2D``, the backprop ops, depthwise, ``MaxPool``,
``AvgPool`` and their gradient ops).

References are naive loops over output pixels on tiny shapes, independent of the kernels;
backprop references use linearity (the gradient of a linear map is its transpose applied
to ``dy``).
"""

from __future__ import annotations

import numpy as np

from tests.ops.samples import F32, F64, sample
from tests.ops.samples.nn import _f32_sample, _numeric_vjp


# -- convolutions ---------------------------------------------------------------------------------------------
def _pad_amounts(size, k, stride, dilation, padding):
    eff = (k - 1) * dilation + 1
    if padding == "VALID":
        return (size - eff) // stride + 1, 0
    out = -(-size // stride)
    return out, max((out - 1) * stride + eff - size, 0) // 2


def _conv_ref(x, w, stride=1, dilation=1, padding="SAME", depthwise=False):
    n, h, wd, c = x.shape
    kh, kw = w.shape[:2]
    oh, top = _pad_amounts(h, kh, stride, dilation, padding)
    ow, left = _pad_amounts(wd, kw, stride, dilation, padding)
    out_c = c * w.shape[3] if depthwise else w.shape[3]
    out = np.zeros((n, oh, ow, out_c))
    for i in range(oh):
        for j in range(ow):
            for a in range(kh):
                for b in range(kw):
                    y, z = i * stride + a * dilation - top, j * stride + b * dilation - left
                    if 0 <= y < h and 0 <= z < wd:
                        if depthwise:
                            out[:, i, j] += (x[:, y, z, :, None] * w[a, b]).reshape(n, -1)
                        else:
                            out[:, i, j] += x[:, y, z] @ w[a, b]
    return out


_IMG = F64(2, 5, 4, 3)
_FILT = F64(3, 3, 3, 2, seed=1)


@sample("Conv2D", [_IMG, _FILT], reference=lambda x, w: _conv_ref(x, w, stride=2))
def _(tf, x, w):
    return tf.nn.conv2d(x, w, strides=2, padding="SAME")


@sample("Conv2D", [F64(1, 6, 5, 3), _FILT], reference=lambda x, w: _conv_ref(x, w, dilation=2, padding="VALID"))
def _(tf, x, w):
    return tf.nn.conv2d(x, w, strides=1, padding="VALID", dilations=2)


@sample("Conv2D", [F32(1, 6, 6, 2), F32(3, 3, 2, 4, seed=1)], reference=lambda x, w: _conv_ref(x, w), rtol=1e-5,
        atol=1e-5, grad=False)
def _(tf, x, w):
    return tf.nn.conv2d(x, w, strides=1, padding="SAME")


@sample("Conv2D", [F64(2, 7, 6, 1, seed=3), F64(3, 2, 1, 2, seed=4)],
        reference=lambda x, w: _conv_ref(x, w, stride=2, dilation=2, padding="SAME"))
def _(tf, x, w):  # one input channel: im2col is built transposed
    return tf.nn.conv2d(x, w, strides=2, padding="SAME", dilations=2)


@sample("Conv2D", [_IMG, _FILT], reference=lambda x, w: np.transpose(_conv_ref(x, w), (0, 3, 1, 2)))
def _(tf, x, w):
    return tf.nn.conv2d(tf.transpose(x, [0, 3, 1, 2]), w, strides=1, padding="SAME", data_format="NCHW")


def _grouped_ref(x, w):
    half = w.shape[3] // 2
    return np.concatenate([_conv_ref(x[..., :2], w[..., :half]), _conv_ref(x[..., 2:], w[..., half:])], axis=-1)


@sample("Conv2D", [F64(1, 4, 4, 4, seed=5), F64(3, 3, 2, 4, seed=6)], reference=_grouped_ref)
def _(tf, x, w):  # two groups: input channels 4, filter input depth 2
    return tf.nn.conv2d(x, w, strides=1, padding="SAME")


_DY = F64(2, 3, 2, 2, seed=2)


def _backprop_input_ref(w, dy):
    """d/dx of sum(conv2d(x, w, stride 2, SAME) * dy), by linearity: conv of unit inputs."""
    x0 = np.zeros((2, 5, 4, 3))
    grad = np.zeros_like(x0)
    for idx in np.ndindex(x0.shape):
        e = x0.copy()
        e[idx] = 1
        grad[idx] = np.sum(_conv_ref(e, w, stride=2) * dy)
    return grad


@sample("Conv2DBackpropInput", [_FILT, _DY], reference=_backprop_input_ref)
def _(tf, w, dy):
    return tf.nn.conv2d_backprop_input([2, 5, 4, 3], w, dy, strides=[1, 2, 2, 1], padding="SAME")


def _backprop_filter_ref(x, dy):
    grad = np.zeros((3, 3, 3, 2))
    for idx in np.ndindex(grad.shape):
        e = np.zeros_like(grad)
        e[idx] = 1
        grad[idx] = np.sum(_conv_ref(x, e, stride=2) * dy)
    return grad


@sample("Conv2DBackpropFilter", [_IMG, _DY], reference=_backprop_filter_ref)
def _(tf, x, dy):
    return tf.nn.conv2d_backprop_filter(x, [3, 3, 3, 2], dy, strides=[1, 2, 2, 1], padding="SAME")


@sample("Conv2DBackpropInput", [F64(2, 3, 3, 4, seed=3), F64(3, 3, 2, 4, seed=4)],
        reference=lambda x, w: _transpose_ref(x, w))
def _(tf, x, w):
    return tf.nn.conv2d_transpose(x, w, [2, 6, 6, 2], strides=2, padding="SAME")


def _transpose_ref(x, w):
    out = np.zeros((2, 6, 6, 2))
    for idx in np.ndindex(out.shape):
        e = np.zeros_like(out)
        e[idx] = 1
        out[idx] = np.sum(_conv_ref(e, w, stride=2) * x)
    return out


_DWF = F64(3, 3, 3, 2, seed=5)


@sample("DepthwiseConv2dNative", [_IMG, _DWF], reference=lambda x, w: _conv_ref(x, w, stride=2, depthwise=True))
def _(tf, x, w):
    return tf.nn.depthwise_conv2d(x, w, strides=[1, 2, 2, 1], padding="SAME")


@sample("DepthwiseConv2dNative", [F64(1, 6, 5, 3), _DWF],
        reference=lambda x, w: _conv_ref(x, w, dilation=2, padding="VALID", depthwise=True))
def _(tf, x, w):
    return tf.nn.depthwise_conv2d(x, w, strides=[1, 1, 1, 1], padding="VALID", rate=[2, 2])


_DWDY = F64(2, 3, 2, 6, seed=6)


@sample("DepthwiseConv2dNativeBackpropInput", [_DWF, _DWDY],
        reference=lambda w, dy: _linear_grad(lambda e: _conv_ref(e, w, stride=2, depthwise=True), (2, 5, 4, 3), dy))
def _(tf, w, dy):
    return tf.nn.depthwise_conv2d_native_backprop_input([2, 5, 4, 3], w, dy, strides=[1, 2, 2, 1], padding="SAME")


@sample("DepthwiseConv2dNativeBackpropFilter", [_IMG, _DWDY],
        reference=lambda x, dy: _linear_grad(lambda e: _conv_ref(x, e, stride=2, depthwise=True), (3, 3, 3, 2), dy))
def _(tf, x, dy):
    return tf.nn.depthwise_conv2d_native_backprop_filter(x, [3, 3, 3, 2], dy, strides=[1, 2, 2, 1], padding="SAME")


def _linear_grad(f, shape, dy):
    grad = np.zeros(shape)
    for idx in np.ndindex(shape):
        e = np.zeros(shape)
        e[idx] = 1
        grad[idx] = np.sum(f(e) * dy)
    return grad


# -- pooling ---------------------------------------------------------------------------------------------------
def _pool_ref(x, k, stride, padding, op):
    n, h, w, c = x.shape
    oh, top = _pad_amounts(h, k, stride, 1, padding)
    ow, left = _pad_amounts(w, k, stride, 1, padding)
    out = np.zeros((n, oh, ow, c))
    for i in range(oh):
        for j in range(ow):
            y0, z0 = i * stride - top, j * stride - left
            window = x[:, max(y0, 0):y0 + k, max(z0, 0):z0 + k]
            out[:, i, j] = window.max(axis=(1, 2)) if op == "max" else window.mean(axis=(1, 2))
    return out


_POOL_IN = F64(2, 5, 6, 3, seed=7)


@sample("MaxPool", [_POOL_IN], reference=lambda x: _pool_ref(x, 3, 2, "SAME", "max"))
def _(tf, x):
    return tf.nn.max_pool(x, ksize=3, strides=2, padding="SAME")


@sample("MaxPool", [_POOL_IN], reference=lambda x: _pool_ref(x, 2, 2, "VALID", "max"))
def _(tf, x):
    return tf.nn.max_pool(x, ksize=2, strides=2, padding="VALID")


@sample("AvgPool", [_POOL_IN], reference=lambda x: _pool_ref(x, 3, 2, "SAME", "avg"))
def _(tf, x):
    return tf.nn.avg_pool(x, ksize=3, strides=2, padding="SAME")


@sample("AvgPool", [_POOL_IN], reference=lambda x: _pool_ref(x, 2, 1, "VALID", "avg"))
def _(tf, x):
    return tf.nn.avg_pool(x, ksize=2, strides=1, padding="VALID")


_POOL_G = F64(2, 3, 3, 3, seed=8)


@sample("MaxPoolGrad", [_POOL_IN, _POOL_G],
        reference=lambda x, g: _numeric_vjp(lambda v: _pool_ref(v, 3, 2, "SAME", "max"), x, g))
def _(tf, x, g):
    return tf.gradients(tf.nn.max_pool(x, ksize=3, strides=2, padding="SAME"), x, grad_ys=g)[0]


@sample("AvgPoolGrad", [_POOL_IN, _POOL_G],
        reference=lambda x, g: _numeric_vjp(lambda v: _pool_ref(v, 3, 2, "SAME", "avg"), x, g))
def _(tf, x, g):
    return tf.gradients(tf.nn.avg_pool(x, ksize=3, strides=2, padding="SAME"), x, grad_ys=g)[0]


@sample("MaxPoolGradGrad", [_POOL_IN, F64(2, 5, 6, 3, seed=9)],
        reference=lambda x, gg: _max_grad_grad_ref(x, gg))
def _(tf, x, gg):
    y = tf.nn.max_pool(x, ksize=3, strides=2, padding="SAME")
    g = tf.zeros_like(y) + 1.0
    dx = tf.gradients(y, x, grad_ys=g)[0]
    return tf.gradients(dx, g, grad_ys=gg)[0]


def _max_grad_grad_ref(x, gg):
    """MaxPoolGradGrad picks, for each window of ``x``, ``gg`` at the window's (first) maximum."""
    n, h, w, c = x.shape
    (_, top), (_, left) = _pad_amounts(h, 3, 2, 1, "SAME"), _pad_amounts(w, 3, 2, 1, "SAME")
    out = np.zeros((n, 3, 3, c))
    for i in range(3):
        for j in range(3):
            y0, z0 = i * 2 - top, j * 2 - left
            ys, zs = slice(max(y0, 0), y0 + 3), slice(max(z0, 0), z0 + 3)
            win, gwin = x[:, ys, zs].reshape(n, -1, c), gg[:, ys, zs].reshape(n, -1, c)
            arg = win.argmax(axis=1)
            out[:, i, j] = np.take_along_axis(gwin, arg[:, None, :], axis=1)[:, 0]
    return out



# -- float32 stays float32 -------------------------------------------------------------------------------------
_f32_sample("MaxPool", [_POOL_IN], lambda tf, x: tf.nn.max_pool(x, 3, 2, "SAME"),
            lambda x: _pool_ref(x, 3, 2, "SAME", "max"))
_f32_sample("AvgPool", [_POOL_IN], lambda tf, x: tf.nn.avg_pool(x, 3, 2, "SAME"),
            lambda x: _pool_ref(x, 3, 2, "SAME", "avg"))
_f32_sample("MaxPoolGrad", [_POOL_IN, _POOL_G],
            lambda tf, x, g: tf.gradients(tf.nn.max_pool(x, 3, 2, "SAME"), x, grad_ys=g)[0],
            lambda x, g: _numeric_vjp(lambda v: _pool_ref(v, 3, 2, "SAME", "max"), x.astype(float), g))
_f32_sample("AvgPoolGrad", [_POOL_IN, _POOL_G],
            lambda tf, x, g: tf.gradients(tf.nn.avg_pool(x, 3, 2, "SAME"), x, grad_ys=g)[0],
            lambda x, g: _numeric_vjp(lambda v: _pool_ref(v, 3, 2, "SAME", "avg"), x.astype(float), g))
_f32_sample("Conv2DBackpropInput", [_FILT, _DY], lambda tf, w, dy: tf.nn.conv2d_backprop_input(
    [2, 5, 4, 3], w, dy, strides=[1, 2, 2, 1], padding="SAME"), _backprop_input_ref)
_f32_sample("Conv2DBackpropFilter", [_IMG, _DY], lambda tf, x, dy: tf.nn.conv2d_backprop_filter(
    x, [3, 3, 3, 2], dy, strides=[1, 2, 2, 1], padding="SAME"), _backprop_filter_ref)
_f32_sample("DepthwiseConv2dNative", [_IMG, _DWF], lambda tf, x, w: tf.nn.depthwise_conv2d(
    x, w, [1, 2, 2, 1], "SAME"), lambda x, w: _conv_ref(x, w, stride=2, depthwise=True))
