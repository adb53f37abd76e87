"""Elementwise arithmetic, comparisons, logic, casts and matmul: op definitions and wrappers.

Each public function reproduces the op structure TensorFlow builds (``tf.add`` is an
``AddV2`` op named ``Add``; ``tf.divide`` of ints casts to float first), so that names
match TensorFlow's.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.context import default_graph
from scopeflow._src.framework.registry import COMPLEX, FLOAT, INT, NUMBER, REAL, OpDef, ShapeError, create
from scopeflow._src.framework.tensor_shape import TensorShape, UNKNOWN
from scopeflow._src.ops import shape_fns

_BOOL = frozenset((dtypes.bool,))
_SIGNED = NUMBER - frozenset(d for d in INT if d.is_unsigned) | frozenset((dtypes.int8, dtypes.int16, dtypes.int32, dtypes.int64))


def _binary(op_type, kernel, allowed=NUMBER, out="T"):
    registry.register(OpDef(op_type, inputs=["x: T", "y: T"], outputs=[f"z: {out}"], attrs={"T": allowed},
                            shape=shape_fns.broadcast, kernel=kernel))


def _unary(op_type, kernel, allowed=NUMBER):
    registry.register(OpDef(op_type, inputs=["x: T"], outputs=["y: T"], attrs={"T": allowed},
                            shape=shape_fns.unchanged, kernel=kernel))


def _floor_div(x, y):
    return np.floor_divide(x, y)


def _real_div(x, y):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.true_divide(x, y).astype(np.result_type(x, y), copy=False)


_binary("AddV2", np.add)
_binary("Add", np.add, NUMBER | frozenset((dtypes.string,)))
_binary("Sub", np.subtract)
_binary("Mul", np.multiply)
_binary("RealDiv", _real_div)
_binary("FloorDiv", _floor_div, REAL)
_binary("FloorMod", np.mod, REAL)
_binary("Pow", np.power)
_binary("Maximum", np.maximum, REAL)
_binary("Minimum", np.minimum, REAL)
for _name, _fn in (("Less", np.less), ("LessEqual", np.less_equal), ("Greater", np.greater),
                   ("GreaterEqual", np.greater_equal)):
    _binary(_name, _fn, REAL, out="bool")
_binary("LogicalAnd", np.logical_and, _BOOL, out="bool")
_binary("LogicalOr", np.logical_or, _BOOL, out="bool")
_unary("Neg", np.negative)
_unary("Abs", np.abs, REAL)
_unary("Square", np.square)
_unary("LogicalNot", np.logical_not, _BOOL)

for _name in ("Equal", "NotEqual"):
    registry.register(OpDef(_name, inputs=["x: T", "y: T"], outputs=["z: bool"],
                            shape=shape_fns.broadcast, kernel=np.equal if _name == "Equal" else np.not_equal))


def _cast_factory(op, state):
    np_type = op._attrs["DstT"].as_numpy_dtype
    return lambda x: np.asarray(x).astype(np_type)


registry.register(OpDef("Cast", inputs=["x: SrcT"], outputs=["y: DstT"], shape=shape_fns.unchanged,
                        factory=_cast_factory,
                        fold=lambda t: _fold_cast(t)))


def _fold_cast(t):
    from scopeflow._src.framework.tensor_util import constant_value
    value = constant_value(t.op.inputs[0])
    return None if value is None else value.astype(t.dtype.as_numpy_dtype)


def _matmul_shape(inputs, attrs):
    a, b = inputs[0].shape, inputs[1].shape
    if a.ndims is not None and a.ndims != 2:
        raise ShapeError(f"Shape must be rank 2 but is rank {a.ndims}")
    if b.ndims is not None and b.ndims != 2:
        raise ShapeError(f"Shape must be rank 2 but is rank {b.ndims}")
    da = a.as_tuple() or (None, None)
    db = b.as_tuple() or (None, None)
    if attrs["transpose_a"]:
        da = da[::-1]
    if attrs["transpose_b"]:
        db = db[::-1]
    if da[1] is not None and db[0] is not None and da[1] != db[0]:
        raise ShapeError(f"Dimensions must be equal, but are {da[1]} and {db[0]}")
    return TensorShape([da[0], db[1]])


def _matmul_factory(op, state):
    ta, tb = op._attrs["transpose_a"], op._attrs["transpose_b"]
    if not ta and not tb:
        return np.matmul
    return lambda a, b: np.matmul(a.T if ta else a, b.T if tb else b)


registry.register(OpDef("MatMul", inputs=["a: T", "b: T"], outputs=["product: T"],
                        attrs={"T": NUMBER - frozenset((dtypes.int8, dtypes.uint8, dtypes.int16, dtypes.uint16))},
                        shape=_matmul_shape, factory=_matmul_factory))


def _batch_matmul_shape(inputs, attrs):
    a, b = inputs[0].shape.as_tuple(), inputs[1].shape.as_tuple()
    if a is None or b is None:
        return UNKNOWN
    if len(a) < 2 or len(b) < 2:
        raise ShapeError(f"Shape must be at least rank 2 but is rank {min(len(a), len(b))}")
    ar, ac = (a[-1], a[-2]) if attrs["adj_x"] else (a[-2], a[-1])
    br, bc = (b[-1], b[-2]) if attrs["adj_y"] else (b[-2], b[-1])
    if ac is not None and br is not None and ac != br:
        raise ShapeError(f"Dimensions must be equal, but are {ac} and {br}")
    batch = shape_fns.broadcast_shapes(TensorShape(a[:-2]), TensorShape(b[:-2]))
    return batch.concatenate([ar, bc])


def _batch_matmul_factory(op, state):
    ax, ay = op._attrs["adj_x"], op._attrs["adj_y"]

    def adj(v):
        return np.conj(np.swapaxes(v, -1, -2))

    return lambda a, b: np.matmul(adj(a) if ax else a, adj(b) if ay else b)


registry.register(OpDef("BatchMatMulV2", inputs=["x: T", "y: T"], outputs=["output: T"],
                        attrs={"T": NUMBER}, shape=_batch_matmul_shape, factory=_batch_matmul_factory))


# -- public wrappers -------------------------------------------------------------------------
def _out(op):
    return op._outputs[0]


def _scoped(default, name, values):
    from scopeflow._src.framework.ops_scope import name_scope
    return name_scope(name, default, values)


def add(x, y, name=None):
    """``x + y`` elementwise: an ``AddV2`` op named ``Add`` (``Add`` for strings)."""
    with _scoped("Add", name, [x]) as scope:
        x = convert_to_tensor(x, name="x")
        y = convert_to_tensor(y, dtype_hint=x.dtype.base_dtype, name="y")
        return _out(create("Add" if x.dtype.base_dtype == dtypes.string else "AddV2", [x, y], name=scope))


def _add_dispatch(x, y, name=None):
    if not _is_tensor(y):
        y = convert_to_tensor(y, dtype_hint=x.dtype.base_dtype, name="y")
    return _out(create("Add" if x.dtype.base_dtype == dtypes.string else "AddV2", [x, y], name=name))


def _is_tensor(v):
    from scopeflow._src.framework.operation import Tensor
    return isinstance(v, Tensor)


def subtract(x, y, name=None):
    return _out(create("Sub", [x, y], name=name))


def multiply(x, y, name=None):
    return _out(create("Mul", [x, y], name=name))


def negative(x, name=None):
    return _out(create("Neg", [x], name=name))


def abs(x, name=None):  # noqa: A001 - TensorFlow's name
    with _scoped("Abs", name, [x]) as scope:
        x = convert_to_tensor(x, name="x")
        return _out(create("Abs", [x], name=scope))


def square(x, name=None):
    return _out(create("Square", [x], name=name))


def maximum(x, y, name=None):
    return _out(create("Maximum", [x, y], name=name))


def minimum(x, y, name=None):
    return _out(create("Minimum", [x, y], name=name))


def pow(x, y, name=None):  # noqa: A001
    with _scoped("Pow", name, [x]) as scope:
        return _out(create("Pow", [x, y], name=scope))


def floordiv(x, y, name=None):
    with _scoped("floordiv", name, [x, y]) as scope:
        return _out(create("FloorDiv", [x, y], name=scope))


def floormod(x, y, name=None):
    return _out(create("FloorMod", [x, y], name=name))


def _int_to_float(dtype):
    if dtype in (dtypes.int8, dtypes.uint8, dtypes.int16, dtypes.uint16):
        return dtypes.float32
    if dtype in (dtypes.int32, dtypes.uint32, dtypes.int64, dtypes.uint64):
        return dtypes.float64
    return None


def truediv(x, y, name=None):
    """``x / y`` with Python 3 semantics: integers are cast to floats first."""
    with _scoped("truediv", name, [x, y]) as scope:
        x = convert_to_tensor(x, name="x")
        y = convert_to_tensor(y, dtype_hint=x.dtype.base_dtype, name="y")
        x_dtype, y_dtype = x.dtype.base_dtype, y.dtype.base_dtype
        if x_dtype != y_dtype:
            raise TypeError(f"`x` and `y` must have the same dtype, got {x_dtype!r} != {y_dtype!r}.")
        target = _int_to_float(x_dtype)
        if target is not None:
            x = cast(x, target)
            y = cast(y, target)
        return _out(create("RealDiv", [x, y], name=scope))


def divide(x, y, name=None):
    """``x / y``: ``truediv`` named ``truediv`` (or ``name``)."""
    return truediv(x, y, name=name)


def realdiv(x, y, name=None):
    return _out(create("RealDiv", [x, y], name=name))


def cast(x, dtype, name=None):
    """``x`` converted to ``dtype``; a no-op (no new op) when it already has that dtype."""
    base = dtypes.as_dtype(dtype).base_dtype
    with _scoped("Cast", name, [x]) as scope:
        x = convert_to_tensor(x, name="x")
        if x.dtype.base_dtype == base:
            return x
        return _out(create("Cast", [x], {"SrcT": x.dtype.base_dtype, "DstT": base, "Truncate": False}, name=scope))


def to_float(x, name="ToFloat"):
    return cast(x, dtypes.float32, name=name)


def matmul(a, b, transpose_a=False, transpose_b=False, adjoint_a=False, adjoint_b=False,
           a_is_sparse=False, b_is_sparse=False, output_type=None, name=None):
    """Matrix product: ``MatMul`` for 2-D inputs, ``BatchMatMulV2`` otherwise."""
    with _scoped("MatMul", name, [a, b]) as scope:
        if transpose_a and adjoint_a:
            raise ValueError("Only one of transpose_a and adjoint_a can be True.")
        if transpose_b and adjoint_b:
            raise ValueError("Only one of transpose_b and adjoint_b can be True.")
        a = convert_to_tensor(a, name="a")
        b = convert_to_tensor(b, name="b", dtype_hint=a.dtype.base_dtype)
        ra, rb = a.shape.ndims, b.shape.ndims
        if (ra is None or ra > 2) or (rb is None or rb > 2):
            adj_x = adjoint_a or transpose_a
            adj_y = adjoint_b or transpose_b
            return _out(create("BatchMatMulV2", [a, b], {"adj_x": adj_x, "adj_y": adj_y}, name=scope))
        if adjoint_a or adjoint_b:
            raise ValueError("scopeflow: adjoint flags on 2-D matmul are supported for real dtypes via transpose_*")
        attrs = {"transpose_a": transpose_a, "transpose_b": transpose_b, "grad_a": False, "grad_b": False}
        return _out(create("MatMul", [a, b], attrs, name=scope))


def logical_and(x, y, name=None):
    return _out(create("LogicalAnd", [x, y], name=name))


def logical_or(x, y, name=None):
    return _out(create("LogicalOr", [x, y], name=name))


def logical_not(x, name=None):
    return _out(create("LogicalNot", [x], name=name))


def logical_xor(x, y, name="LogicalXor"):
    """``(x | y) & ~(x & y)``, built as TensorFlow builds it."""
    return logical_and(logical_or(x, y), logical_not(logical_and(x, y)), name=name)


def less(x, y, name=None):
    return _out(create("Less", [x, y], name=name))


def less_equal(x, y, name=None):
    return _out(create("LessEqual", [x, y], name=name))


def greater(x, y, name=None):
    return _out(create("Greater", [x, y], name=name))


def greater_equal(x, y, name=None):
    return _out(create("GreaterEqual", [x, y], name=name))


def equal(x, y, name=None):
    return _out(create("Equal", [x, y], {"incompatible_shape_error": True}, name=name))


def not_equal(x, y, name=None):
    return _out(create("NotEqual", [x, y], {"incompatible_shape_error": True}, name=name))
