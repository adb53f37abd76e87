"""Gradients of the Fourier transforms, as TensorFlow's ``fft_ops.py`` builds them (none for
``RFFT3D``/``IRFFT3D``, as in TensorFlow)."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, tensor_util
from scopeflow._src.framework.registry import gradient
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.array.creation import range as range_op
from scopeflow._src.ops.signal import fft as ops


def _fft_size_for_grad(grad, rank):
    return math_ops.reduce_prod(array_ops.shape(grad)[-rank:])


def _forward_grad(rank, inverse_fn):
    def grad_fn(op, grad):
        size = math_ops.cast(_fft_size_for_grad(grad, rank), grad.dtype)
        return inverse_fn(grad) * size
    return grad_fn


def _inverse_grad(rank, forward_fn):
    def grad_fn(op, grad):
        rsize = math_ops.cast(1. / math_ops.cast(_fft_size_for_grad(grad, rank), grad.dtype.real_dtype),
                              grad.dtype)
        return forward_fn(grad) * rsize
    return grad_fn


for _rank, _suffix, _fwd, _inv in ((1, "", ops.fft, ops.ifft), (2, "2D", ops.fft2d, ops.ifft2d),
                                   (3, "3D", ops.fft3d, ops.ifft3d)):
    gradient("FFT" + _suffix)(_forward_grad(_rank, _inv))
    gradient("IFFT" + _suffix)(_inverse_grad(_rank, _fwd))


def _tile_for_broadcasting(matrix, t):
    expanded = array_ops.reshape(matrix, array_ops.concat([array_ops.ones([array_ops.rank(t) - 2], dtypes.int32),
                                                           array_ops.shape(matrix)], 0))
    return array_ops.tile(expanded, array_ops.concat([array_ops.shape(t)[:-2], [1, 1]], 0))


def _rfft_grad(rank, irfft_fn):
    def grad_fn(op, grad):
        fft_length = op._inputs[1]
        complex_dtype = grad.dtype
        real_dtype = complex_dtype.real_dtype
        input_shape = array_ops.shape(op._inputs[0])
        is_even = math_ops.cast(1 - (fft_length[-1] % 2), complex_dtype)

        def mask_matrix(length):
            a = array_ops.tile(array_ops.expand_dims(range_op(length), 0), (length, 1))
            b = array_ops.transpose(a, [1, 0])
            return math_ops.exp(-2j * np.pi * math_ops.cast(a * b, complex_dtype) /
                                math_ops.cast(length, complex_dtype))

        def ymask(length):
            return math_ops.cast(1 - 2 * (range_op(length) % 2), complex_dtype)

        y0 = grad[..., 0:1]
        if rank == 1:
            ym = grad[..., -1:]
            extra_terms = y0 + is_even * ym * ymask(input_shape[-1])
        else:
            tiled_mask = _tile_for_broadcasting(mask_matrix(input_shape[-2]), y0)
            extra_terms = math_ops.matmul(tiled_mask, math_ops.conj(y0))
            ym_term = math_ops.matmul(tiled_mask, math_ops.conj(grad[..., -1:]))
            inner_dim = input_shape[-1]
            ym_term = array_ops.tile(ym_term, array_ops.concat(
                [array_ops.ones([array_ops.rank(grad) - 1], dtypes.int32), [inner_dim]], 0)) * ymask(inner_dim)
            extra_terms += is_even * ym_term
        input_size = math_ops.cast(_fft_size_for_grad(op._inputs[0], rank), real_dtype)
        the_irfft = irfft_fn(grad, fft_length)
        return 0.5 * (the_irfft * input_size + math_ops.real(extra_terms)), None
    return grad_fn


def _irfft_grad(rank, rfft_fn):
    def grad_fn(op, grad):
        fft_length = op._inputs[1]
        static = tensor_util.constant_value(fft_length)
        if static is not None:
            fft_length = static
        real_dtype = grad.dtype
        complex_dtype = dtypes.complex64 if real_dtype == dtypes.float32 else dtypes.complex128
        is_odd = math_ops.mod(fft_length[-1], 2)
        input_last_dimension = array_ops.shape(op._inputs[0])[-1]
        mask = array_ops.concat([[1.0], 2.0 * array_ops.ones([input_last_dimension - 2 + is_odd], real_dtype),
                                 array_ops.ones([1 - is_odd], real_dtype)], 0)
        rsize = math_ops.reciprocal(math_ops.cast(_fft_size_for_grad(grad, rank), real_dtype))
        the_rfft = rfft_fn(grad, fft_length)
        return the_rfft * math_ops.cast(rsize * mask, complex_dtype), None
    return grad_fn


gradient("RFFT")(_rfft_grad(1, ops.irfft))
gradient("IRFFT")(_irfft_grad(1, ops.rfft))
gradient("RFFT2D")(_rfft_grad(2, ops.irfft2d))
gradient("IRFFT2D")(_irfft_grad(2, ops.rfft2d))
