"""Comparisons, logical and bitwise ops, and the Python operators ``&``, ``|``, ``^``, ``~``
(logical for bools, bitwise for integers)."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, registry
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.ops.common import attr_defaults, dtype_lists, shape_fns
from scopeflow._src.ops.common.lowering import jnp_fn


def _register(op_type, inputs, kernel, allowed=None, out="z: bool", shape=None, scalar_operator=None, defaults=None,
              lower=None):
    """Register ``op_type``; it lowers to ``jax.numpy``'s function named as the ufunc ``kernel``
    (or ``lower``'s)."""
    attrs = {} if allowed is None else {"T": allowed}
    binary = len(inputs) == 2
    registry.register(OpDef(op_type, inputs=inputs, outputs=[out], attrs=attrs,
                            shape=shape or shape_fns.broadcast, kernel=None if binary else kernel,
                            factory=shape_fns.broadcasting(kernel) if binary else None,
                            scalar_operator=scalar_operator, defaults=defaults or {},
                            lower=jnp_fn(lower or kernel.__name__)))


def _bool_kernel(fn):
    return lambda x, y: np.asarray(fn(x, y), dtype=bool)


for _type, _fn, _op in (("Less", np.less, "<"), ("LessEqual", np.less_equal, "<="), ("Greater", np.greater, ">"),
                        ("GreaterEqual", np.greater_equal, ">=")):
    _register(_type, ["x: T", "y: T"], _fn, dtype_lists.REAL, scalar_operator=_op)
_register("Equal", ["x: T", "y: T"], _bool_kernel(np.equal), scalar_operator="==", lower="equal",
          defaults=attr_defaults.INCOMPATIBLE_SHAPE_ERROR)
_register("NotEqual", ["x: T", "y: T"], _bool_kernel(np.not_equal), scalar_operator="!=", lower="not_equal",
          defaults=attr_defaults.INCOMPATIBLE_SHAPE_ERROR)
_register("LogicalAnd", ["x: bool", "y: bool"], np.logical_and, scalar_operator="&")
_register("LogicalOr", ["x: bool", "y: bool"], np.logical_or, scalar_operator="|")
_register("LogicalNot", ["x: bool"], np.logical_not, out="y: bool", shape=shape_fns.unchanged)
_register("BitwiseAnd", ["x: T", "y: T"], np.bitwise_and, dtype_lists.INTEGER, out="z: T")
_register("BitwiseOr", ["x: T", "y: T"], np.bitwise_or, dtype_lists.INTEGER, out="z: T")
_register("BitwiseXor", ["x: T", "y: T"], np.bitwise_xor, dtype_lists.INTEGER, out="z: T")
_register("Invert", ["x: T"], np.invert, dtype_lists.INTEGER, out="y: T", shape=shape_fns.unchanged)


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
