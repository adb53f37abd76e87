"""The discrete Fourier transforms of TensorFlow's ``spectral_ops``: ``FFT``/``IFFT`` over the
innermost 1, 2 or 3 dimensions of complex tensors, and ``RFFT``/``IRFFT`` (real signals, the
``fft_length // 2 + 1`` non-negative frequencies of the innermost dimension), with the
wrappers of ``tf.signal`` that infer ``fft_length`` and zero-pad the input as TensorFlow does.

The kernels are NumPy's (``pocketfft``, in double precision, rounded to ``complex64`` for
``complex64`` inputs), so ``complex64`` results agree with TensorFlow's to float rounding.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry, tensor_util
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.shape_inference import ShapeError
from scopeflow._src.framework.tensor_shape import UNKNOWN, TensorShape
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.common import dtype_lists
from scopeflow._src.ops.common.lowering import static_ints

_COMPLEX = {"Tcomplex": dtype_lists.COMPLEX}
_REAL = dtype_lists.types("float32,float64")


def _rank_at_least(shape: TensorShape, rank: int):
    dims = shape.as_tuple()
    if dims is not None and len(dims) < rank:
        raise ShapeError(f"Shape must be at least rank {rank} but is rank {len(dims)}")
    return dims


def _complex_shape(rank):
    def shape(inputs, attrs):
        _rank_at_least(inputs[0].shape, rank)
        return inputs[0].shape
    return shape


def _dims(shape):
    return "[" + ",".join(map(str, shape)) + "]"


def _axes(rank):
    return tuple(range(-rank, 0))


def _check_rank(op, x, rank):
    if np.ndim(x) < rank:
        raise errors.InvalidArgumentError(None, op, f"Input must have rank of at least {rank} but got: "
                                                    f"{_dims(np.shape(x))}")


def _check_lengths(op, lengths, rank):
    if len(lengths) != rank:
        raise errors.InvalidArgumentError(None, op, f"fft_length must be length {rank} vector, got shape: "
                                                    f"[{len(lengths)}]")


def _complex_factory(rank, inverse, fft=np.fft):
    """The kernel of ``(I)FFT{rank}D``; with ``fft=jax.numpy.fft``, its lowering."""
    transform = fft.ifftn if inverse else fft.fftn

    def factory(op, state):
        def kernel(x):
            _check_rank(op, x, rank)
            if np.size(x) == 0:
                return np.zeros(np.shape(x), x.dtype)
            return transform(x, axes=_axes(rank)).astype(x.dtype)
        return kernel
    return factory


def _real_shape(rank, inverse):
    def shape(inputs, attrs):
        dims = _rank_at_least(inputs[0].shape, rank)
        length_shape = inputs[1].shape
        if length_shape.ndims not in (None, 1):
            raise ShapeError(f"Shape must be rank 1 but is rank {length_shape.ndims}")
        if length_shape.ndims == 1 and length_shape.as_list()[0] not in (None, rank):
            raise ShapeError(f"Dimension must be {rank} but is {length_shape.as_list()[0]}")
        if dims is None:
            return UNKNOWN
        lengths = tensor_util.constant_value(inputs[1])
        if lengths is None:
            return TensorShape(dims[:-rank] + (None,) * rank)
        lengths = [int(n) for n in np.asarray(lengths).reshape(-1)]
        last = lengths[-1] if inverse else lengths[-1] // 2 + 1
        return TensorShape(dims[:-rank] + tuple(lengths[:-1]) + (last,))
    return shape


def _real_factory(rank, inverse, fft=np.fft):
    """The kernel of ``(I)RFFT{rank}D``; with ``fft=jax.numpy.fft``, its lowering (the
    lengths must be known when compiling)."""
    def factory(op, state):
        out_dtype = op._outputs[0]._dtype.base_dtype.as_numpy_dtype

        def kernel(x, fft_length):
            lengths = list(static_ints(fft_length, "fft_length"))
            _check_rank(op, x, rank)
            _check_lengths(op, lengths, rank)
            shape = tuple(np.shape(x))
            if inverse:
                out_shape = shape[:-rank] + tuple(lengths)
                if any(n == 0 for n in out_shape):
                    return np.zeros(out_shape, out_dtype)
                return fft.irfftn(x, s=lengths, axes=_axes(rank)).astype(out_dtype)
            out_shape = shape[:-rank] + tuple(lengths[:-1]) + (lengths[-1] // 2 + 1,)
            if any(n == 0 for n in out_shape) or any(n == 0 for n in lengths):
                return np.zeros(out_shape, out_dtype)
            return fft.rfftn(x, s=lengths, axes=_axes(rank)).astype(out_dtype)
        return kernel
    return factory


def _lowering(make, rank, inverse):
    """``make``'s kernel over ``jax.numpy.fft``: the op's lowering, one body of code for both targets."""
    return lambda op, jx: make(rank, inverse, jx.jnp.fft)(op, None)


_SUFFIX = {1: "", 2: "2D", 3: "3D"}
for _rank, _suffix in _SUFFIX.items():
    for _inverse in (False, True):
        registry.register(OpDef(("IFFT" if _inverse else "FFT") + _suffix, inputs=["input: Tcomplex"],
                                outputs=["output: Tcomplex"], attrs=_COMPLEX, shape=_complex_shape(_rank),
                                factory=_complex_factory(_rank, _inverse), defaults={"Tcomplex": dtypes.complex64},
                                lower=_lowering(_complex_factory, _rank, _inverse)))
    registry.register(OpDef("RFFT" + _suffix, inputs=["input: Treal", "fft_length: int32"],
                            outputs=["output: Tcomplex"], attrs={"Treal": _REAL, **_COMPLEX},
                            shape=_real_shape(_rank, False), factory=_real_factory(_rank, False),
                            lower=_lowering(_real_factory, _rank, False),
                            defaults={"Treal": dtypes.float32, "Tcomplex": dtypes.complex64}))
    registry.register(OpDef("IRFFT" + _suffix, inputs=["input: Tcomplex", "fft_length: int32"],
                            outputs=["output: Treal"], attrs={"Treal": _REAL, **_COMPLEX},
                            shape=_real_shape(_rank, True), factory=_real_factory(_rank, True),
                            lower=_lowering(_real_factory, _rank, True),
                            defaults={"Treal": dtypes.float32, "Tcomplex": dtypes.complex64}))


# -- wrappers ----------------------------------------------------------------------------------------------
def fft(input, name=None):  # noqa: A002 - TensorFlow's argument names
    """The DFT over the innermost dimension of a complex tensor (an ``FFT`` op).

    >>> import scopeflow as tf
    >>> with tf.Session() as sess:
    ...     sess.run(tf.signal.fft(tf.constant([1, 1, 1, 1], tf.complex64))).real.tolist()
    [4.0, 0.0, 0.0, 0.0]
    """
    return create_output("FFT", [input], name=name)


def ifft(input, name=None):  # noqa: A002
    """The inverse DFT over the innermost dimension (an ``IFFT`` op)."""
    return create_output("IFFT", [input], name=name)


def fft2d(input, name=None):  # noqa: A002
    """The 2-D DFT over the innermost 2 dimensions (an ``FFT2D`` op)."""
    return create_output("FFT2D", [input], name=name)


def ifft2d(input, name=None):  # noqa: A002
    """The inverse 2-D DFT over the innermost 2 dimensions (an ``IFFT2D`` op)."""
    return create_output("IFFT2D", [input], name=name)


def fft3d(input, name=None):  # noqa: A002
    """The 3-D DFT over the innermost 3 dimensions (an ``FFT3D`` op)."""
    return create_output("FFT3D", [input], name=name)


def ifft3d(input, name=None):  # noqa: A002
    """The inverse 3-D DFT over the innermost 3 dimensions (an ``IFFT3D`` op)."""
    return create_output("IFFT3D", [input], name=name)


def _fft_length(input_tensor, rank, inverse):
    """TF's ``_infer_fft_length_for_rfft``/``_irfft``: the static length when known, else from the shape."""
    dims = input_tensor.shape.as_list()[-rank:]
    if any(d is None for d in dims):
        shape = array_ops.shape(input_tensor)[-rank:]
        if not inverse:
            return shape
        lengths = array_ops.unstack(shape)
        lengths[-1] = math_ops.maximum(0, 2 * (lengths[-1] - 1))
        return array_ops.stack(lengths)
    if inverse and dims:
        dims[-1] = max(0, 2 * (dims[-1] - 1))
    return convert_to_tensor(dims, dtypes.int32)


def _pad_for_rfft(input_tensor, rank, fft_length, is_reverse=False):
    """TF's ``_maybe_pad_for_rfft``: zero-pad the innermost dimensions up to ``fft_length``."""
    static = tensor_util.constant_value(fft_length)
    dims = input_tensor.shape.as_list() if input_tensor.shape.ndims is not None else None
    if dims is not None and any(d == 0 for d in dims):
        return input_tensor
    if static is not None and dims is not None and all(d is not None for d in dims[-rank:]):
        lengths = [int(n) for n in np.asarray(static).reshape(-1)]
        if is_reverse:
            lengths[-1] = lengths[-1] // 2 + 1
        paddings = [[0, max(n - d, 0)] for n, d in zip(lengths, dims[-len(lengths):])]
        if any(pad > 0 for _, pad in paddings):
            return array_ops.pad(input_tensor, [[0, 0]] * max(len(dims) - len(lengths), 0) + paddings)
        return input_tensor
    input_rank = array_ops.rank(input_tensor)
    input_fft_shape = array_ops.shape(input_tensor)[-rank:]
    outer_dims = math_ops.maximum(0, input_rank - rank)
    outer_paddings = array_ops.zeros([outer_dims], fft_length.dtype)
    if is_reverse:
        fft_length = array_ops.concat([fft_length[:-1], fft_length[-1:] // 2 + 1], 0)
    fft_paddings = math_ops.maximum(0, fft_length - input_fft_shape)
    paddings = array_ops.concat([outer_paddings, fft_paddings], 0)
    paddings = array_ops.stack([array_ops.zeros_like(paddings), paddings], axis=1)
    return array_ops.pad(input_tensor, paddings)


def _rfft(op_type, rank, default_name):
    def rfft_n(input_tensor, fft_length=None, name=None):
        with name_scope(name, default_name, [input_tensor, fft_length]) as scope:
            input_tensor = convert_to_tensor(input_tensor, preferred_dtype=dtypes.float32)
            if input_tensor.dtype not in (dtypes.float32, dtypes.float64):
                raise ValueError(f"RFFT requires tf.float32 or tf.float64 inputs, got: {input_tensor}")
            complex_dtype = dtypes.complex64 if input_tensor.dtype == dtypes.float32 else dtypes.complex128
            input_tensor.shape.with_rank_at_least(rank)
            fft_length = (_fft_length(input_tensor, rank, False) if fft_length is None
                          else convert_to_tensor(fft_length, dtypes.int32))
            input_tensor = _pad_for_rfft(input_tensor, rank, fft_length)
            static = tensor_util.constant_value(fft_length)
            return create_output(op_type, [input_tensor, static if static is not None else fft_length],
                                 {"Tcomplex": complex_dtype}, name=scope)
    rfft_n.__name__ = rfft_n.__qualname__ = default_name
    rfft_n.__doc__ = (f"The DFT of real signals over the innermost {rank} dimension(s), the non-negative "
                      f"frequencies of the last (an ``{op_type}`` op; ``fft_length`` defaults to the input's sizes).")
    return rfft_n


def _irfft(op_type, rank, default_name):
    def irfft_n(input_tensor, fft_length=None, name=None):
        with name_scope(name, default_name, [input_tensor, fft_length]) as scope:
            input_tensor = convert_to_tensor(input_tensor, preferred_dtype=dtypes.complex64)
            input_tensor.shape.with_rank_at_least(rank)
            if input_tensor.dtype not in (dtypes.complex64, dtypes.complex128):
                raise ValueError(f"IRFFT requires tf.complex64 or tf.complex128 inputs, got: {input_tensor}")
            fft_length = (_fft_length(input_tensor, rank, True) if fft_length is None
                          else convert_to_tensor(fft_length, dtypes.int32))
            input_tensor = _pad_for_rfft(input_tensor, rank, fft_length, is_reverse=True)
            static = tensor_util.constant_value(fft_length)
            return create_output(op_type, [input_tensor, static if static is not None else fft_length],
                                 {"Treal": input_tensor.dtype.real_dtype}, name=scope)
    irfft_n.__name__ = irfft_n.__qualname__ = default_name
    irfft_n.__doc__ = (f"The inverse of ``{default_name[1:]}``: real signals of ``fft_length`` from their "
                       f"non-negative frequencies (an ``{op_type}`` op).")
    return irfft_n


rfft = _rfft("RFFT", 1, "rfft")
irfft = _irfft("IRFFT", 1, "irfft")
rfft2d = _rfft("RFFT2D", 2, "rfft2d")
irfft2d = _irfft("IRFFT2D", 2, "irfft2d")
rfft3d = _rfft("RFFT3D", 3, "rfft3d")
irfft3d = _irfft("IRFFT3D", 3, "irfft3d")
