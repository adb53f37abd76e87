"""JAX lowerings of the 2-D window ops (convolutions, pooling), shared by ``conv.py``,
``depthwise.py`` and ``pooling.py``: XLA's ``conv_general_dilated`` and ``reduce_window``
under TensorFlow's attributes, and the backprop ops as the vector-Jacobian products of the
forward op (XLA compiles them into the transposed convolutions TF runs).
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.ops.common.lowering import static_ints


def _layouts(op, rank):
    """(input layout, filter layout, spatial axes) of a ``rank``-D window op (4: 2-D, 5: 3-D)."""
    spatial = "HW" if rank == 4 else "DHW"
    fmt = op._attrs.get("data_format", "NHWC")
    fmt = fmt.decode() if isinstance(fmt, bytes) else fmt
    if fmt.startswith("NC"):
        return "NC" + spatial, spatial + "IO", tuple(range(2, rank))
    return "N" + spatial + "C", spatial + "IO", tuple(range(1, rank - 1))


def _padding(op, axes):
    """lax's padding: ``"SAME"``/``"VALID"`` (TF's meanings), or the explicit pairs."""
    padding = op._attrs["padding"]
    padding = padding.decode() if isinstance(padding, bytes) else padding
    if padding != "EXPLICIT":
        return padding
    pads = list(op._attrs.get("explicit_paddings", [])) or [0] * 8
    return [(pads[2 * a], pads[2 * a + 1]) for a in axes]


def _at(op, name, axes):
    values = list(op._attrs.get(name) or [1] * (max(axes) + 2))
    return tuple(values[a] for a in axes)


def conv(op, jx, depthwise=False):
    """``f(x, w)``: the convolution ``op`` describes (``Conv2D``, ``Conv3D``, ``DepthwiseConv2dNative``)."""
    def convolve(x, w):
        lhs, rhs, axes = _layouts(op, x.ndim)
        channel = lhs.index("C")
        if depthwise:
            groups = x.shape[channel]
            w = w.reshape(w.shape[:2] + (1, w.shape[2] * w.shape[3]))
        else:
            groups = x.shape[channel] // w.shape[-2]
        return jx.lax.conv_general_dilated(
            x, w, _at(op, "strides", axes), _padding(op, axes), rhs_dilation=_at(op, "dilations", axes),
            dimension_numbers=(lhs, rhs, lhs), feature_group_count=groups)
    return convolve


def conv_backprop_input(op, jx, depthwise=False):
    """``f(input_sizes, w, dy)``: the gradient of the convolution with respect to its input."""
    forward = conv(op, jx, depthwise)

    def backprop(sizes, w, dy):
        x = jx.jnp.zeros(_full_sizes(op, static_ints(sizes, "input_sizes"), dy, w), dy.dtype)
        return jx.jax.vjp(lambda x: forward(x, w), x)[1](dy)[0]
    return backprop


def conv_backprop_filter(op, jx, depthwise=False):
    """``f(x, filter_sizes, dy)``: the gradient of the convolution with respect to its filter."""
    forward = conv(op, jx, depthwise)

    def backprop(x, sizes, dy):
        w = jx.jnp.zeros(static_ints(sizes, "filter_sizes"), dy.dtype)
        return jx.jax.vjp(lambda w: forward(x, w), w)[1](dy)[0]
    return backprop


def _full_sizes(op, sizes, dy, w):
    """``input_sizes`` as all sizes (TF also takes the 2 spatial ones of a 2-D convolution)."""
    if len(sizes) == dy.ndim:
        return sizes
    lhs, _, (ih, iw) = _layouts(op, dy.ndim)
    full = [0] * 4
    full[0], full[ih], full[iw], full[lhs.index("C")] = dy.shape[0], sizes[0], sizes[1], w.shape[2]
    return tuple(full)


def pool(op, jx, kind):
    """``f(x)``: ``MaxPool`` or ``AvgPool`` (an average over the window's elements inside the
    input, as TF's ``SAME`` padding counts them)."""
    lax, jnp = jx.lax, jx.jnp
    ksize, strides = tuple(op._attrs["ksize"]), tuple(op._attrs["strides"])
    padding = _padding(op, range(len(ksize)))

    def pooled(x):
        zero = np.zeros((), x.dtype)  # concrete identities: JAX then knows the reductions' gradients
        if kind == "max":
            low = np.array(-np.inf if jnp.issubdtype(x.dtype, jnp.floating) else jnp.iinfo(x.dtype).min, x.dtype)
            return lax.reduce_window(x, low, lax.max, ksize, strides, padding)
        total = lax.reduce_window(x, zero, lax.add, ksize, strides, padding)
        count = lax.reduce_window(np.ones(x.shape, x.dtype), zero, lax.add, ksize, strides, padding)
        return total / count
    return pooled


def max_pool_grad(op, jx):
    """``f(x, y, dy)``: ``MaxPoolGrad``, the gradient routed to each window's maximum."""
    forward = pool(op, jx, "max")
    return lambda x, y, dy: jx.jax.vjp(forward, x.astype(dy.dtype))[1](dy)[0]


def max_pool_grad_grad(op, jx):
    """``f(x, y, g)``: ``MaxPoolGradGrad``, ``g`` at each window's maximum (forward mode)."""
    forward = pool(op, jx, "max")
    return lambda x, y, g: jx.jax.jvp(forward, (x,), (g,))[1]


def avg_pool_grad(op, jx):
    """``f(input_shape, dy)``: ``AvgPoolGrad``."""
    forward = pool(op, jx, "avg")

    def backprop(shape, dy):
        x = jx.jnp.zeros(static_ints(shape, "orig_input_shape"), dy.dtype)
        return jx.jax.vjp(forward, x)[1](dy)[0]
    return backprop
