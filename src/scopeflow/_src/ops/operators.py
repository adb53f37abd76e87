"""Python operators on tensors (and variables), with TensorFlow's op names.

``x + y`` opens a name scope ``add`` and builds an ``AddV2`` op named ``add``; reversed
operators (``2.0 * x``) convert the Python operand first (``mul/x``), as TF does. ``x / y``
is ``truediv`` (ints cast to floats), ``x // y`` a ``FloorDiv`` named ``floordiv``, ``x % y``
a ``FloorMod`` named ``mod``, ``&``/``|``/``^``/``~`` logical ops on bools and bitwise ops on
integers, ``-x`` a ``Neg`` and ``abs(x)`` an ``Abs``; ``==`` compares identity (TF1).

A ``SparseTensor`` has TF's three: ``sp * x``, ``sp / x`` (``truediv``) and ``__div__``, each a
``SparseDenseCwiseMul``/``Div`` of its values (the sparse ops load on first use).
"""

from __future__ import annotations

from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.sparse_tensor import SparseTensor
from scopeflow._src.ops import array_ops, math_ops

_BINARY = {
    "add": math_ops.add_dispatch,
    "sub": math_ops.subtract,
    "mul": math_ops.mul_dispatch,
    "div": math_ops.div,
    "truediv": math_ops.truediv,
    "floordiv": math_ops.floordiv,
    "mod": math_ops.mod_dispatch,
    "pow": math_ops.pow,
    "and": math_ops.and_,
    "or": math_ops.or_,
    "xor": math_ops.xor_,
    "matmul": math_ops.matmul,
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


_UNARY = {"neg": math_ops.negative, "abs": math_ops.abs, "invert": math_ops.invert_}


def operator_table() -> dict:
    """``{dunder name: function}`` for every overloaded operator."""
    table = {}
    for op_name, func in _BINARY.items():
        table[f"__{op_name}__"], table[f"__r{op_name}__"] = _binary(op_name, func)
    for op_name, func in _COMPARE.items():
        table[f"__{op_name}__"] = lambda x, y, f=func: f(x, y)
    for op_name, func in _UNARY.items():
        table[f"__{op_name}__"] = lambda x, f=func: f(x)
    table["__getitem__"] = array_ops.slice_helper
    return table


def install(cls) -> None:
    """Give ``cls`` (``Tensor``, ``RefVariable``) TensorFlow's operator overloads."""
    for key, fn in operator_table().items():
        setattr(cls, key, fn)


def _sparse_operator(op_name):
    def operator(sp_x, y):
        from scopeflow._src.ops.sparse import api as sparse  # loaded on first use: the sparse ops

        return sparse.binary_operator(op_name, sp_x, y)
    operator.__name__ = f"__{op_name}__"
    return operator


install(Tensor)
for _op_name in ("div", "truediv", "mul"):
    setattr(SparseTensor, f"__{_op_name}__", _sparse_operator(_op_name))
