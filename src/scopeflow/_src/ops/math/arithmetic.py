"""Binary arithmetic (``AddV2``, ``Sub``, ``Mul``, ``Pow``, ``Maximum`` ...) and ``AddN``: op
definitions, kernels and TF's wrappers (division lives in ``division.py``).

Each wrapper builds what TensorFlow builds (``tf.add`` is an ``AddV2`` named ``Add``), so
names match TensorFlow's.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.indexed_slices import IndexedSlices
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.shape_inference import ShapeError, merge_shapes
from scopeflow._src.framework.sparse_tensor import SparseTensor
from scopeflow._src.ops.array.identity import identity
from scopeflow._src.ops.common import dtype_lists, shape_fns
from scopeflow._src.ops.common.elementwise import quiet, register_binary
from scopeflow._src.ops.common.lowering import jnp_fn
from scopeflow._src.ops.math.cast import raw_cast


# -- kernels ---------------------------------------------------------------------------------
def _pow(x, y):
    if np.asarray(x).dtype.kind in "iu" and (np.asarray(y) < 0).any():
        raise ValueError("Integers to negative integer powers are not allowed")
    return np.power(x, y)


def _squared_difference(x, y):
    d = np.subtract(x, y)
    return d * np.conj(d)


# -- registrations -----------------------------------------------------------------------------
register_binary("AddV2", dtype_lists.ADD_V2, kernel=np.add, scalar_operator="+")  # no errstate: the hot path
register_binary("Add", dtype_lists.ADD, kernel=np.add)
register_binary("Sub", dtype_lists.SUB, kernel=np.subtract, scalar_operator="-")
register_binary("Mul", dtype_lists.MUL_DIV, kernel=np.multiply, scalar_operator="*")
register_binary("Pow", dtype_lists.POW, kernel=quiet(_pow), lower=jnp_fn("power"))
register_binary("Maximum", dtype_lists.MAX_MIN, kernel=np.maximum)
register_binary("Minimum", dtype_lists.MAX_MIN, kernel=np.minimum)
register_binary("SquaredDifference", dtype_lists.SQUARED_DIFFERENCE, kernel=quiet(_squared_difference),
                lower=lambda op, jx: lambda x, y: (x - y) * jx.jnp.conj(x - y))


def _add_n_shape(inputs, attrs):
    """TF merges from the last input backwards, naming the input that did not fit."""
    shape = inputs[-1].shape
    for i in range(len(inputs) - 2, -1, -1):
        try:
            shape = merge_shapes(inputs[i].shape, shape)
        except ShapeError as e:
            raise ShapeError(f"{e}\n\tFrom merging shape {i} with other shapes.") from None
    return shape


def _add_n_kernel(*xs):
    if len(xs) == 1:  # built through create_op (tf.add_n returns a single input itself)
        return np.array(xs[0])
    total = xs[0] + xs[1]
    for x in xs[2:]:
        total += x
    return total


def _add_n_factory(op, state):
    if shape_fns.static_shapes_known(op):  # merged (so equal) when the graph was built
        return _add_n_kernel

    def add_n_checking_shapes(*xs):  # NumPy would broadcast; TF refuses
        shape_fns.require_same_shapes(op, xs)
        return _add_n_kernel(*xs)
    return add_n_checking_shapes


registry.register(OpDef("AddN", inputs=["inputs: N*T"], outputs=["sum: T"],
                        attrs={"T": dtype_lists.NUMBER + dtype_lists.types("variant")},
                        shape=_add_n_shape, factory=_add_n_factory, accumulates=True,
                        lower=lambda op, jx: _add_n_lowered(op)))


def _add_n_lowered(op):
    def add_n(*xs):  # jax.numpy would broadcast; TF refuses (the shapes are known when compiling)
        shape_fns.require_same_shapes(op, xs)
        return sum(xs[1:], xs[0])
    return add_n


# -- public wrappers -------------------------------------------------------------------------
def _is_tensor(v):
    return isinstance(v, Tensor)


def add(x, y, name=None):
    """``x + y`` elementwise: an ``AddV2`` op named ``Add`` (``Add`` for strings).

    >>> import scopeflow as tf
    >>> tf.add(tf.constant(1.0), 2.0).name
    'Add:0'
    """
    with name_scope(name, "Add", [x]) as scope:
        x = convert_to_tensor(x, name="x")
        y = convert_to_tensor(y, dtype_hint=x.dtype.base_dtype, name="y")
        return create_output("Add" if x.dtype.base_dtype == dtypes.string else "AddV2", [x, y], name=scope)


def add_dispatch(x, y, name=None):
    """``x + y`` (TF's ``__add__``): a Python ``y`` converts to ``x``'s dtype when it can."""
    if not _is_tensor(y):
        y = convert_to_tensor(y, dtype_hint=x.dtype.base_dtype, name="y")
    return create_output("Add" if x.dtype.base_dtype == dtypes.string else "AddV2", [x, y], name=name)


def mul_dispatch(x, y, name=None):
    """``x * y`` (TF's ``__mul__``): bools multiply as int32 and cast back; a ``SparseTensor`` ``y``
    gives a ``SparseTensor`` (``SparseDenseCwiseMul``)."""
    if isinstance(y, SparseTensor):
        from scopeflow._src.ops.sparse import api as sparse  # loaded on first use: the sparse ops

        return sparse.dense_times_sparse(x, y, name)
    if _is_tensor(x) and x.dtype.base_dtype == dtypes.bool or _is_tensor(y) and y.dtype.base_dtype == dtypes.bool:
        product = multiply(_to_int32(x), _to_int32(y), name=name)
        return raw_cast(product, dtypes.bool)
    return multiply(x, y, name=name)


def _to_int32(v):
    return raw_cast(v if _is_tensor(v) else convert_to_tensor(v), dtypes.int32)


def subtract(x, y, name=None):
    """``x - y`` elementwise (a ``Sub`` op)."""
    return create_output("Sub", [x, y], name=name)


def multiply(x, y, name=None):
    """``x * y`` elementwise (a ``Mul`` op)."""
    return create_output("Mul", [x, y], name=name)


def negative(x, name=None):
    """``-x`` (a ``Neg`` op)."""
    return create_output("Neg", [x], name=name)


neg = negative


def maximum(x, y, name=None):
    """The elementwise maximum (a ``Maximum`` op)."""
    return create_output("Maximum", [x, y], name=name)


def minimum(x, y, name=None):
    """The elementwise minimum (a ``Minimum`` op)."""
    return create_output("Minimum", [x, y], name=name)


def squared_difference(x, y, name=None):
    """``(x - y) * (x - y)`` (a ``SquaredDifference`` op)."""
    return create_output("SquaredDifference", [x, y], name=name)


def pow(x, y, name=None):  # noqa: A001 - TensorFlow's name
    """``x ** y`` (a ``Pow`` op)."""
    with name_scope(name, "Pow", [x]) as scope:
        return create_output("Pow", [x, y], name=scope)


def scalar_mul(scalar, x, name=None):
    """``scalar * x`` for a 0-D ``scalar`` (TF1's: a ``Const`` named ``scalar`` and a ``Mul``)."""
    scalar = convert_to_tensor(scalar, dtype=x.dtype.base_dtype, name="scalar")
    if scalar.shape.ndims == 0:
        return create_output("Mul", [scalar, x], name=name)
    raise ValueError(f"The input scalar must be a 0-D value. Received shape {scalar.shape}.")


def add_n(inputs, name=None):
    """The elementwise sum of a list of same-shaped tensors (an ``AddN`` op).

    A single input is returned as is (or through an ``Identity`` named ``name``), as in TF.

    >>> import scopeflow as tf
    >>> tf.add_n([tf.constant(1.0), tf.constant(2.0)]).name
    'AddN:0'
    """
    if not inputs or not isinstance(inputs, (list, tuple)):
        raise ValueError("Inputs must be an iterable of at least one Tensor/IndexedSlices with the same dtype "
                         "and shape.")
    inputs = [x if isinstance(x, IndexedSlices) else convert_to_tensor(x) for x in inputs]
    if len(inputs) == 1:
        if isinstance(inputs[0], IndexedSlices):
            inputs = [convert_to_tensor(inputs[0])]
        if name:
            return identity(inputs[0], name=name)
        return inputs[0]
    return create_output("AddN", [inputs], name=name)


def accumulate_n(inputs, shape=None, tensor_dtype=None, name=None):
    """TF1's ``accumulate_n``: in graph mode TensorFlow builds an ``add_n``."""
    return add_n(inputs, name=name)
