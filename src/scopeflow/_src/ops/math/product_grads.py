"""Gradients of the matrix products (``MatMul``, ``BatchMatMulV2``/``V3``) and of ``Einsum``,
as TensorFlow's ``math_grad.py`` and ``special_math_ops.py`` build them."""

from __future__ import annotations

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.registry import gradient
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.math import einsum


@gradient("MatMul")
def _matmul_grad(op, grad):
    ta, tb = op._attrs["transpose_a"], op._attrs["transpose_b"]
    a, b = math_ops.conj(op._inputs[0]), math_ops.conj(op._inputs[1])
    mm = math_ops.mat_mul
    if not ta and not tb:
        return mm(grad, b, tb=True, ga=True), mm(a, grad, ta=True, gb=True)
    if not ta and tb:
        return mm(grad, b, ga=True), mm(grad, a, ta=True, gb=True)
    if ta and not tb:
        return mm(b, grad, tb=True, ga=True), mm(a, grad, gb=True)
    return mm(b, grad, ta=True, tb=True, ga=True), mm(grad, a, ta=True, tb=True, gb=True)


@gradient("BatchMatMulV2", "BatchMatMulV3")
def _batch_matmul_grad(op, grad):
    x, y = op._inputs
    adj_x, adj_y = op._attrs["adj_x"], op._attrs["adj_y"]
    matmul = math_ops.matmul
    if not adj_x:
        if not adj_y:
            gx = matmul(grad, y, adjoint_b=True, grad_a=True)
            gy = matmul(x, grad, adjoint_a=True, grad_b=True)
        else:
            gx = matmul(grad, y, grad_a=True)
            gy = matmul(grad, x, adjoint_a=True, grad_b=True)
    elif not adj_y:
        gx = matmul(y, grad, adjoint_b=True, grad_a=True)
        gy = matmul(x, grad, grad_b=True)
    else:
        gx = matmul(y, grad, adjoint_a=True, adjoint_b=True, grad_a=True)
        gy = matmul(grad, x, adjoint_a=True, adjoint_b=True, grad_b=True)
    return _unbroadcast_batch(x, y, gx, gy)


def _unbroadcast_batch(x, y, gx, gy):
    sx_static, sy_static = x.shape, y.shape
    maybe_batched = (sx_static.ndims is None or sx_static.ndims > 2) or (sy_static.ndims is None or
                                                                          sy_static.ndims > 2)
    same_batch = (sx_static[:-2].is_fully_defined() and sy_static[:-2].is_fully_defined()
                  and sx_static[:-2] == sy_static[:-2])
    if not maybe_batched or same_batch:
        return gx, gy
    sx, sy = array_ops.shape(x), array_ops.shape(y)
    rx, ry = array_ops.broadcast_gradient_args(sx[:-2], sy[:-2])
    gx = array_ops.reshape(math_ops.reduce_sum(gx, rx), sx)
    gy = array_ops.reshape(math_ops.reduce_sum(gy, ry), sy)
    return gx, gy


# -- einsum ---------------------------------------------------------------------------------------
def _axis_of(subscripts, label):
    """The axis of ``label``: from the left before an ellipsis, negative after it."""
    parts = subscripts.split(einsum.ELLIPSIS)
    index = parts[0].find(label)
    if index != -1:
        return index
    if len(parts) < 2:
        return None
    index = parts[1].find(label)
    return index - len(parts[1]) if index != -1 else None


def _grad_reduced(output_grad, output_subs, input_subs, input_shape, reduced_labels):
    reduced_subs = "".join(sorted(reduced_labels))
    reduced_axes = [_axis_of(input_subs, s) for s in reduced_subs]
    reduced_dims = array_ops.stack([input_shape[ax] for ax in reduced_axes])
    repeated = len(set(input_subs)) + len(set(output_subs)) < len(input_subs) + len(output_subs)
    if not repeated and "".join(s for s in input_subs if s not in reduced_labels) == output_subs:
        kept = math_ops.reduced_shape(input_shape, convert_to_tensor(reduced_axes))
        return array_ops.broadcast_to(array_ops.reshape(output_grad, kept), input_shape)
    full_shape = array_ops.concat([reduced_dims, array_ops.shape(output_grad)], axis=0)
    kept = array_ops.concat([array_ops.ones(len(reduced_labels), dtype=dtypes.int32),
                             array_ops.shape(output_grad)], axis=0)
    broadcasted = array_ops.broadcast_to(array_ops.reshape(output_grad, kept), full_shape)
    return einsum.raw_einsum([broadcasted], f"{reduced_subs + output_subs}->{input_subs}")


def _grad_wrt(output_grad, other, input_shape, input_subs, other_subs, output_subs):
    reduced = set(input_subs) - set(output_subs + other_subs + ".")
    left_subs = "".join(s for s in input_subs if s not in reduced)
    grad = einsum.raw_einsum([output_grad, other], f"{output_subs},{other_subs}->{left_subs}")
    if not reduced:
        return grad
    return _grad_reduced(grad, left_subs, input_subs, input_shape, reduced)


@gradient("Einsum")
def _einsum_grad(op, grad):
    input_subs, output_subs = op._attrs["equation"].split("->")
    if len(op._inputs) == 1:
        reduced = set(input_subs) - set(output_subs + einsum.ELLIPSIS)
        if not reduced:
            return einsum.raw_einsum([grad], f"{output_subs}->{input_subs}")
        return _grad_reduced(grad, output_subs, input_subs, array_ops.shape(op._inputs[0]), reduced)
    x_subs, y_subs = input_subs.split(",")
    if einsum.ELLIPSIS in output_subs:
        x_subs += "" if einsum.ELLIPSIS in x_subs else einsum.ELLIPSIS
        y_subs += "" if einsum.ELLIPSIS in y_subs else einsum.ELLIPSIS
    x, y = op._inputs
    if grad.dtype.is_complex:
        x, y = math_ops.conj(x), math_ops.conj(y)
    x_shape, y_shape = array_ops.shape(x), array_ops.shape(y)
    gx = _grad_wrt(grad, y, x_shape, x_subs, y_subs, output_subs)
    gy = _grad_wrt(grad, x, y_shape, y_subs, x_subs, output_subs)
    if einsum.ELLIPSIS not in output_subs:
        return gx, gy
    (bx0, bx1), (by0, by1) = _bcast_span(x_subs), _bcast_span(y_subs)
    if x.shape.is_fully_defined() and y.shape.is_fully_defined() and x.shape[bx0:bx1] == y.shape[by0:by1]:
        return gx, gy
    rx, ry = array_ops.broadcast_gradient_args(x_shape[bx0:bx1], y_shape[by0:by1])
    gx = array_ops.reshape(math_ops.reduce_sum(gx, bx0 + rx), x_shape)
    gy = array_ops.reshape(math_ops.reduce_sum(gy, by0 + ry), y_shape)
    return gx, gy


def _bcast_span(subscripts):
    start = subscripts.find(einsum.ELLIPSIS)
    if start == -1:
        return 0, 0
    remaining = len(subscripts) - (start + len(einsum.ELLIPSIS))
    return start, (-remaining if remaining > 0 else None)
