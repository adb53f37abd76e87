"""Python operators on tensors (and variables), with TensorFlow's op names.

``x + y`` opens a name scope ``add`` and builds an ``AddV2`` op named ``add``; reversed
operators (``2.0 * x``) convert the Python operand first (``mul/x``), as TF does.
"""

from __future__ import annotations

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.ops_scope import name_scope
from scopeflow._src.ops import array_ops, math_ops


def _div_python2(x, y, name=None):
    with name_scope(name, "div", [x, y]) as scope:
        x = convert_to_tensor(x, name="x")
        y = convert_to_tensor(y, name="y", dtype=x.dtype.base_dtype)
        if x.dtype.is_floating or x.dtype.is_complex:
            return math_ops.realdiv(x, y, name=scope)
        return math_ops.floordiv(x, y, name=scope)


def _matmul(x, y, name=None):
    return math_ops.matmul(x, y, name=name)


def _pow(x, y, name=None):
    return math_ops.pow(x, y, name=name)


_BINARY = {
    "add": math_ops._add_dispatch,
    "sub": math_ops.subtract,
    "mul": math_ops.multiply,
    "div": _div_python2,
    "truediv": math_ops.truediv,
    "floordiv": math_ops.floordiv,
    "mod": math_ops.floormod,
    "pow": _pow,
    "and": math_ops.logical_and,
    "or": math_ops.logical_or,
    "xor": math_ops.logical_xor,
    "matmul": _matmul,
}

_COMPARE = {"lt": math_ops.less, "le": math_ops.less_equal, "gt": math_ops.greater, "ge": math_ops.greater_equal}


def _binary(op_name, func):
    def forward(x, y):
        with name_scope(None, op_name, [x, y]) as scope:
            try:
                return func(x, y, name=scope)
            except (TypeError, ValueError) as e:
                reflected = getattr(type(y), f"__r{op_name}__", None)
                if reflected is not None:
                    try:
                        out = reflected(y, x)
                    except (TypeError, ValueError):
                        raise e from None
                    if out is not NotImplemented:
                        return out
                raise

    def reverse(y, x):
        with name_scope(None, op_name, [x, y]) as scope:
            x = convert_to_tensor(x, dtype=y.dtype.base_dtype, name="x")
            return func(x, y, name=scope)

    forward.__name__, reverse.__name__ = f"__{op_name}__", f"__r{op_name}__"
    return forward, reverse


def _unary(op_name):
    def neg(x):
        return math_ops.negative(x)

    def abs_(x):
        return math_ops.abs(x)

    def invert(x):
        return math_ops.logical_not(x)

    return {"neg": neg, "abs": abs_, "invert": invert}[op_name]


def operator_table() -> dict:
    """``{dunder name: function}`` for every overloaded operator."""
    table = {}
    for op_name, func in _BINARY.items():
        table[f"__{op_name}__"], table[f"__r{op_name}__"] = _binary(op_name, func)
    for op_name, func in _COMPARE.items():
        table[f"__{op_name}__"] = lambda x, y, f=func: f(x, y)
    for op_name in ("neg", "abs", "invert"):
        table[f"__{op_name}__"] = _unary(op_name)
    table["__getitem__"] = array_ops.slice_helper
    return table


def install(cls) -> None:
    """Give ``cls`` (``Tensor``, ``RefVariable``) TensorFlow's operator overloads."""
    for key, fn in operator_table().items():
        setattr(cls, key, fn)


install(Tensor)
