"""Comparisons, logical and bitwise ops, ``Cast`` (with TF1's ``to_float`` family and
``saturate_cast``) and ``clip_by_value``."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, errors, op_builder, registry, tensor_util
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.ops_scope import name_scope
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.ops import op_dtypes, shape_fns

__all__ = ["less", "less_equal", "greater", "greater_equal", "equal", "not_equal", "logical_and", "logical_or",
           "logical_not", "logical_xor", "bitwise_and", "bitwise_or", "bitwise_xor", "invert", "and_", "or_", "xor_",
           "invert_", "cast", "saturate_cast", "to_float", "to_double", "to_int32", "to_int64", "to_bfloat16",
           "to_complex64", "to_complex128", "clip_by_value"]


def _register(op_type, inputs, kernel, allowed=None, out="z: bool", grad=registry.NO_GRADIENT, shape=None):
    attrs = {} if allowed is None else {"T": allowed}
    binary = len(inputs) == 2
    registry.register(OpDef(op_type, inputs=inputs, outputs=[out], attrs=attrs,
                            shape=shape or shape_fns.broadcast, kernel=None if binary else kernel,
                            factory=shape_fns.broadcasting(kernel) if binary else None, grad=grad))


def _bool_kernel(fn):
    return lambda x, y: np.asarray(fn(x, y), dtype=bool)


for _type, _fn in (("Less", np.less), ("LessEqual", np.less_equal), ("Greater", np.greater),
                   ("GreaterEqual", np.greater_equal)):
    _register(_type, ["x: T", "y: T"], _fn, op_dtypes.REAL)
_register("Equal", ["x: T", "y: T"], _bool_kernel(np.equal))
_register("NotEqual", ["x: T", "y: T"], _bool_kernel(np.not_equal))
_register("LogicalAnd", ["x: bool", "y: bool"], np.logical_and)
_register("LogicalOr", ["x: bool", "y: bool"], np.logical_or)
_register("LogicalNot", ["x: bool"], np.logical_not, out="y: bool", shape=shape_fns.unchanged)
_register("BitwiseAnd", ["x: T", "y: T"], np.bitwise_and, op_dtypes.INTEGER, out="z: T")
_register("BitwiseOr", ["x: T", "y: T"], np.bitwise_or, op_dtypes.INTEGER, out="z: T")
_register("BitwiseXor", ["x: T", "y: T"], np.bitwise_xor, op_dtypes.INTEGER, out="z: T")
_register("Invert", ["x: T"], np.invert, op_dtypes.INTEGER, out="y: T", shape=shape_fns.unchanged)


def less(x, y, name=None):
    """``x < y`` elementwise (a ``Less`` op)."""
    return create_output("Less", [x, y], name=name)


def less_equal(x, y, name=None):
    """``x <= y`` elementwise (a ``LessEqual`` op)."""
    return create_output("LessEqual", [x, y], name=name)


def greater(x, y, name=None):
    """``x > y`` elementwise (a ``Greater`` op)."""
    return create_output("Greater", [x, y], name=name)


def greater_equal(x, y, name=None):
    """``x >= y`` elementwise (a ``GreaterEqual`` op)."""
    return create_output("GreaterEqual", [x, y], name=name)


def equal(x, y, name=None):
    """``x == y`` elementwise (an ``Equal`` op; ``==`` on tensors compares identity in TF1)."""
    return create_output("Equal", [x, y], {"incompatible_shape_error": True}, name=name)


def not_equal(x, y, name=None):
    """``x != y`` elementwise (a ``NotEqual`` op)."""
    return create_output("NotEqual", [x, y], {"incompatible_shape_error": True}, name=name)


def logical_and(x, y, name=None):
    """Elementwise and of bool tensors (a ``LogicalAnd`` op)."""
    return create_output("LogicalAnd", [x, y], name=name)


def logical_or(x, y, name=None):
    """Elementwise or of bool tensors (a ``LogicalOr`` op)."""
    return create_output("LogicalOr", [x, y], name=name)


def logical_not(x, name=None):
    """Elementwise not of a bool tensor (a ``LogicalNot`` op)."""
    return create_output("LogicalNot", [x], name=name)


def logical_xor(x, y, name="LogicalXor"):
    """``(x | y) & ~(x & y)``, built from three ops as TensorFlow builds it."""
    return logical_and(logical_or(x, y), logical_not(logical_and(x, y)), name=name)


def bitwise_and(x, y, name=None):
    """Elementwise ``&`` of integers (a ``BitwiseAnd`` op)."""
    return create_output("BitwiseAnd", [x, y], name=name)


def bitwise_or(x, y, name=None):
    """Elementwise ``|`` of integers (a ``BitwiseOr`` op)."""
    return create_output("BitwiseOr", [x, y], name=name)


def bitwise_xor(x, y, name=None):
    """Elementwise ``^`` of integers (a ``BitwiseXor`` op)."""
    return create_output("BitwiseXor", [x, y], name=name)


def invert(x, name=None):
    """Elementwise ``~`` of integers (an ``Invert`` op)."""
    return create_output("Invert", [x], name=name)


def _is_bool(x):
    return getattr(x, "dtype", None) is not None and x.dtype.base_dtype == dtypes.bool


def and_(x, y, name=None):
    """``x & y``: ``logical_and`` for bools, ``bitwise_and`` (not named) for integers."""
    return logical_and(x, y, name) if _is_bool(x) else bitwise_and(x, y)


def or_(x, y, name=None):
    """``x | y``: ``logical_or`` for bools, ``bitwise_or`` for integers."""
    return logical_or(x, y, name) if _is_bool(x) else bitwise_or(x, y)


def xor_(x, y, name=None):
    """``x ^ y``: ``logical_xor`` for bools, ``bitwise_xor`` for integers."""
    return logical_xor(x, y, name) if _is_bool(x) else bitwise_xor(x, y)


def invert_(x, name=None):
    """``~x``: ``logical_not`` for bools, ``invert`` for integers."""
    return logical_not(x, name=name) if _is_bool(x) else invert(x, name=name)


# -- Cast ----------------------------------------------------------------------------------------
_FLOATING = (dtypes.float16, dtypes.float32, dtypes.float64, dtypes.bfloat16, dtypes.complex64, dtypes.complex128)


def _cast_factory(op, state):
    src, dst = op._attrs["SrcT"].base_dtype, op._attrs["DstT"].base_dtype
    if (src == dtypes.string) != (dst == dtypes.string):  # TF has no such kernel
        def unsupported(x):
            raise errors.UnimplementedError(
                None, op, f"Cast {op_builder.type_string(src)} to {op_builder.type_string(dst)} is not supported")
        return unsupported
    np_type = op._attrs["DstT"].as_numpy_dtype
    src_complex = op._attrs["SrcT"].is_complex
    dst_complex = op._attrs["DstT"].is_complex

    def kernel(x):
        x = np.asarray(x)
        if src_complex and not dst_complex:
            x = x.real
        return x.astype(np_type)
    return kernel


def _fold_cast(t):
    value = tensor_util.constant_value(t.op._inputs[0])
    if value is None:
        return None
    with np.errstate(all="ignore"):
        return np.asarray(value).astype(t.dtype.as_numpy_dtype)


def _cast_grad(op, grad):
    src, dst = op._inputs[0].dtype.base_dtype, grad.dtype.base_dtype
    return cast(grad, src) if src in _FLOATING and dst in _FLOATING else None


registry.register(OpDef("Cast", inputs=["x: SrcT"], outputs=["y: DstT"], shape=shape_fns.unchanged,
                        factory=_cast_factory, fold=_fold_cast, grad=_cast_grad))


def _raw_cast(x, dtype, name):
    return create_output("Cast", [x], {"DstT": dtype, "Truncate": False}, name=name)


def cast(x, dtype, name=None):
    """``x`` converted to ``dtype`` (a ``Cast`` op); ``x`` itself when it already has it.

    >>> import scopeflow as tf
    >>> tf.cast(tf.constant([1.7, -1.7]), tf.int32).name
    'Cast:0'
    """
    base = dtypes.as_dtype(dtype).base_dtype
    if isinstance(x, Tensor) and x.dtype == base:
        return x
    with name_scope(name, "Cast", [x]) as scope:
        x = convert_to_tensor(x, name="x")
        if x.dtype.base_dtype != base:
            x = _raw_cast(x, base, scope)
        return x


def saturate_cast(value, dtype, name=None):
    """Cast ``value`` to ``dtype``, first clipping it into ``dtype``'s range (``clamp``)."""
    with name_scope(name, "saturate_cast", [value]) as scope:
        value = convert_to_tensor(value, name="value")
        dtype = dtypes.as_dtype(dtype).base_dtype
        in_dtype = value.dtype.base_dtype
        if in_dtype.is_complex and not dtype.is_complex:
            from scopeflow._src.ops.unary_ops import real
            value = real(value)
            in_dtype = in_dtype.real_dtype
        if not in_dtype.is_complex:
            low, high = _saturation_limits(in_dtype, dtype.real_dtype if dtype.is_complex else dtype)
            value = create_output("ClipByValue", [value, convert_to_tensor(low, dtype=in_dtype),
                                                  convert_to_tensor(high, dtype=in_dtype)], name="clamp")
        return cast(value, dtype, name=scope)


def _saturation_limits(in_dtype, out_dtype):
    np_type = in_dtype.as_numpy_dtype
    try:
        promoted = np.promote_types(np_type, out_dtype.as_numpy_dtype)
    except TypeError:
        promoted = float
    low = np_type(np.maximum(in_dtype.min, out_dtype.min))
    pair = np.array([low, out_dtype.min], dtype=promoted)
    if pair[0] < pair[1]:
        low = np.nextafter(low, np_type(0), dtype=np_type)
    high = np_type(np.minimum(float(in_dtype.max), float(out_dtype.max)))
    pair = np.array([high, out_dtype.max], dtype=promoted)
    if pair[0] > pair[1]:
        high = np.nextafter(high, np_type(0), dtype=np_type)
    return low, high


def _to(dtype, default_name):
    def convert(x, name=default_name):
        return cast(x, dtype, name=name)
    convert.__doc__ = f"TF1's ``cast(x, {dtype.name})`` with default name ``{default_name}``."
    return convert


to_float = _to(dtypes.float32, "ToFloat")
to_double = _to(dtypes.float64, "ToDouble")
to_int32 = _to(dtypes.int32, "ToInt32")
to_int64 = _to(dtypes.int64, "ToInt64")
to_bfloat16 = _to(dtypes.bfloat16, "ToBFloat16")
to_complex64 = _to(dtypes.complex64, "ToComplex64")
to_complex128 = _to(dtypes.complex128, "ToComplex128")


# -- ClipByValue and clip_by_value ---------------------------------------------------------------
def _clip_by_value_grad(op, grad):
    from scopeflow._src.ops import array_ops, reduction_ops

    x, y, z = op._inputs
    sx, sy, sz = array_ops.shape(x), array_ops.shape(y), array_ops.shape(z)
    zeros = array_ops.zeros(array_ops.shape(grad), grad.dtype.base_dtype)
    xymask, xzmask = less(x, y), greater(x, z)
    _, ry = array_ops.broadcast_gradient_args(sx, sy)
    _, rz = array_ops.broadcast_gradient_args(sx, sz)
    xgrad = array_ops.where(logical_or(xymask, xzmask), zeros, grad)
    ygrad = array_ops.where(xymask, grad, zeros)
    zgrad = array_ops.where(xzmask, grad, zeros)
    gy = array_ops.reshape(reduction_ops.reduce_sum(ygrad, ry), sy)
    gz = array_ops.reshape(reduction_ops.reduce_sum(zgrad, rz), sz)
    return xgrad, gy, gz


registry.register(OpDef("ClipByValue", inputs=["t: T", "clip_value_min: T", "clip_value_max: T"],
                        outputs=["output: T"], attrs={"T": op_dtypes.NUMBER}, shape=shape_fns.unchanged,
                        kernel=lambda t, low, high: np.minimum(np.maximum(t, low), high).astype(np.asarray(t).dtype),
                        grad=_clip_by_value_grad))


def clip_by_value(t, clip_value_min, clip_value_max, name=None):
    """``min(max(t, clip_value_min), clip_value_max)`` as TF builds it (``Minimum`` then a
    ``Maximum`` named ``clip_by_value``); refuses bounds that would broadcast ``t``."""
    from scopeflow._src.ops.math_ops import maximum, minimum

    with name_scope(name, "clip_by_value", [t, clip_value_min, clip_value_max]) as scope:
        values = convert_to_tensor(t, name="t")
        t_min = minimum(values, clip_value_max)
        values.shape.assert_is_compatible_with(t_min.shape)
        t_max = maximum(t_min, clip_value_min, name=scope)
        values.shape.assert_is_compatible_with(t_max.shape)
    return t_max
