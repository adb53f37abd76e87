"""Undoing broadcasting in gradients, once for every broadcasting op: their gradient rules
(registered with ``unbroadcast=True``) return output-shaped gradients, and ``unbroadcast``
sums each down to its input's shape, as TensorFlow 2.21's ``_ReduceGradientArgs`` does (same
ops, same names). ``tf.gradients`` calls it after such a rule; ``SelectV2``'s rule, which
broadcasts three inputs, uses ``reduce_like``."""

from __future__ import annotations

from scopeflow._src.ops import array_ops, math_ops


def unbroadcast(op, in_grads, grad, same_shapes):
    """Sum each input's output-shaped gradient down to the input's shape (``grad`` is the
    gradient that reached the op's output). Nothing is built when TF's rule returns early
    for inputs and a gradient of one fully known shape (``_ShapesFullySpecifiedAndEqual``):
    ``same_shapes`` is ``True``, or the gradient dtypes for which it does."""
    x, y = op._inputs
    gx, gy = in_grads
    if gx is None and gy is None:
        return in_grads
    if same_shapes and _same_full_shape(x, y, grad):
        if same_shapes is True or grad.dtype.base_dtype in same_shapes:
            return in_grads
    sx = array_ops.shape(x)
    sy = array_ops.shape(y)
    rx, ry = static_reduction_axes(x.shape, y.shape)
    if rx is None:
        rx, ry = array_ops.broadcast_gradient_args(sx, sy)
        reduce_x = reduce_y = True
    else:
        reduce_x = bool(rx) or x.shape.ndims < y.shape.ndims
        reduce_y = bool(ry) or y.shape.ndims < x.shape.ndims
    return [_reduce_to(gx, sx, rx, reduce_x), _reduce_to(gy, sy, ry, reduce_y)]


def reduce_like(x, z, g):
    """TF's ``_ReduceGradientArgs(x, z, g, None)``: sum ``g`` (shaped like ``z``) down to ``x``."""
    x_shape, z_shape = array_ops.shape(x), array_ops.shape(z)
    rx, _ = static_reduction_axes(x.shape, z.shape)
    if rx is None:
        rx, _ = array_ops.broadcast_gradient_args(x_shape, z_shape)
        must = True
    else:
        must = bool(rx) or x.shape.ndims < z.shape.ndims
    return _reduce_to(g, x_shape, rx, must)


def _reduce_to(grad, shape, axes, must_reduce):
    if grad is None or not must_reduce:
        return grad
    return array_ops.reshape(math_ops.reduce_sum(grad, axes, keepdims=True), shape)


def _same_full_shape(x, y, grad):
    a, b, c = x.shape.as_tuple(), y.shape.as_tuple(), grad.shape.as_tuple()
    return a is not None and None not in a and a == b == c


def static_reduction_axes(x_shape, y_shape):
    """The axes each input was broadcast along, or ``(None, None)`` if that depends on data."""
    x_dims, y_dims = x_shape.as_tuple(), y_shape.as_tuple()
    if x_dims is None or y_dims is None:
        return None, None
    rank = max(len(x_dims), len(y_dims))
    x_dims = (1,) * (rank - len(x_dims)) + x_dims
    y_dims = (1,) * (rank - len(y_dims)) + y_dims
    rx, ry = [], []
    for axis, (a, b) in enumerate(zip(x_dims, y_dims)):
        if a == 1 and b != 1:
            rx.append(axis)
        elif b == 1 and a != 1:
            ry.append(axis)
        elif a is None or b is None:
            return None, None
    return rx, ry
