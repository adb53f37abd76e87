"""``SparseDenseCwiseMul``, ``SparseDenseCwiseDiv`` and ``SparseDenseCwiseAdd``: a sparse
tensor's values times (over, plus) a dense tensor broadcast to the sparse tensor's shape, read
at each index. The first two are what ``sp * x``, ``sp / x`` and ``x * sp`` build
(``binary_operator``, ``dense_times_sparse``); the third is used by ``SparseSoftmax``'s gradient.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.sparse_tensor import SparseTensor
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops.common import dtype_lists
from scopeflow._src.ops.common.lowering import checked, numpy_as_jax, static_ints
from scopeflow._src.ops.math.cast import cast
from scopeflow._src.ops.sparse.common import dims_text, require

# TF's ``_TRUEDIV_TABLE``: integer values are divided as floats; ``None`` keeps the type.
_TRUEDIV = {dtypes.uint8: dtypes.float32, dtypes.int8: dtypes.float32, dtypes.uint16: dtypes.float32,
            dtypes.int16: dtypes.float32, dtypes.uint32: dtypes.float64, dtypes.int32: dtypes.float64,
            dtypes.uint64: dtypes.float64, dtypes.int64: dtypes.float64, dtypes.bfloat16: None,
            dtypes.float16: None, dtypes.float32: None, dtypes.float64: None, dtypes.complex64: None,
            dtypes.complex128: None}


def _multiply(a, b):
    return a * b


def _divide(a, b):
    if a.dtype.kind in "iu":
        return np.trunc(a / b).astype(a.dtype)  # C++ integer division truncates
    return a / b


def _add(a, b):
    return a + b


def _cwise_factory(fn):
    def factory(op, state):
        def sparse_dense_cwise(indices, values, shape, dense):
            require(op, indices.ndim == 2 and values.ndim == 1 and shape.ndim == 1,
                    f"Inputs sp_indices, sp_vals and sp_shape should be a matrix, a vector and a vector "
                    f"respectively, got shapes: {dims_text(indices.shape)}, {dims_text(values.shape)} and "
                    f"{dims_text(shape.shape)}")
            lhs, rhs = [int(d) for d in shape.tolist()], list(dense.shape)
            fits = len(lhs) >= len(rhs) and all(r in (1, s) for s, r in zip(lhs[::-1], rhs[::-1]))
            require(op, fits, f"SparseDenseBinaryOpShared broadcasts dense to sparse only; got incompatible "
                              f"shapes: [{','.join(map(str, lhs))}] vs. [{','.join(map(str, rhs))}]")
            if not len(values):
                return values.copy()
            full = np.broadcast_to(dense, lhs)
            require(op, ((indices >= 0) & (indices < np.array(lhs))).all(),
                    "Provided indices are out-of-bounds w.r.t. dense side with broadcasted shape")
            return fn(values, full[tuple(indices.T)]).astype(values.dtype, copy=False)
        return sparse_dense_cwise
    return factory


def _lower_cwise(fn):
    """The kernel's checks (on stand-ins of the indices, values and dense input), then ``fn``
    over jax.numpy of the values and the dense input read at the indices (XLA clamps an index
    out of range, where TF raises)."""
    def native(op, jx):
        combine = numpy_as_jax(fn, jx)

        def run(indices, values, shape, dense):
            full = jx.jnp.broadcast_to(dense, static_ints(shape))
            return combine(values, full[tuple(jx.jnp.asarray(indices).T)]).astype(values.dtype)
        return run
    return checked(native, data=lambda n: (0, 1, 3))


def _cwise_shape(inputs, attrs):
    dims = inputs[0].shape.as_tuple()
    return TensorShape([None if dims is None else dims[0]])


_INPUTS = ["sp_indices: int64", "sp_values: T", "sp_shape: int64", "dense: T"]
registry.register(OpDef("SparseDenseCwiseMul", inputs=_INPUTS, outputs=["output: T"], attrs={"T": dtype_lists.NUMBER},
                        shape=_cwise_shape, factory=_cwise_factory(_multiply), lower=_lower_cwise(_multiply)))
registry.register(OpDef("SparseDenseCwiseDiv", inputs=_INPUTS, outputs=["output: T"], attrs={"T": dtype_lists.NUMBER},
                        shape=_cwise_shape, factory=_cwise_factory(_divide), lower=_lower_cwise(_divide)))
registry.register(OpDef("SparseDenseCwiseAdd", inputs=_INPUTS, outputs=["output: T"], attrs={"T": dtype_lists.NUMBER},
                        shape=_cwise_shape, factory=_cwise_factory(_add), lower=_lower_cwise(_add)))


def sparse_dense_cwise_mul(sp_indices, sp_values, sp_shape, dense, name=None):
    """The values of a sparse tensor times ``dense`` at their indices (``SparseDenseCwiseMul``)."""
    return create_output("SparseDenseCwiseMul", [sp_indices, sp_values, sp_shape, dense], name=name)


def sparse_dense_cwise_div(sp_indices, sp_values, sp_shape, dense, name=None):
    """The values of a sparse tensor over ``dense`` at their indices (``SparseDenseCwiseDiv``)."""
    return create_output("SparseDenseCwiseDiv", [sp_indices, sp_values, sp_shape, dense], name=name)


def sparse_dense_cwise_add(sp_t: SparseTensor, dense_t) -> SparseTensor:
    """``sp_t``'s values plus ``dense_t`` at their indices, as a ``SparseTensor`` with ``sp_t``'s
    indices (``SparseDenseCwiseAdd``; TF's ``sparse_dense_cwise_add``)."""
    result = create_output("SparseDenseCwiseAdd", [sp_t.indices, sp_t.values, sp_t.dense_shape, dense_t])
    return SparseTensor(sp_t.indices, result, sp_t.dense_shape)


def _truediv(sp_indices, sp_values, sp_shape, y, name=None):
    with name_scope(name, "truediv", [sp_indices, sp_values, sp_shape, y]) as scope:
        sp_values = convert_to_tensor(sp_values, name="sp_values")
        y = convert_to_tensor(y, name="y")
        x_dtype, y_dtype = sp_values.dtype.base_dtype, y.dtype.base_dtype
        if x_dtype != y_dtype:
            raise TypeError(f"`x` and `y` must have the same dtype, got {x_dtype!r} != {y_dtype!r}.")
        if x_dtype not in _TRUEDIV:
            raise TypeError(f"Invalid dtype {x_dtype!r} in __truediv__. Expected one of "
                            f"{{{', '.join(repr(x) for x in _TRUEDIV)}}}.")
        dtype = _TRUEDIV[x_dtype]
        if dtype is not None:
            sp_values = cast(sp_values, dtype)
            y = cast(y, dtype)
        return sparse_dense_cwise_div(sp_indices, sp_values, sp_shape, y, name=scope)


_OPERATORS = {"mul": sparse_dense_cwise_mul, "div": sparse_dense_cwise_div, "truediv": _truediv}


def binary_operator(op_name, sp_x, y) -> SparseTensor:
    """``sp_x * y``, ``sp_x / y`` (TF's sparse operator wrapper): ``y`` converted to the values'
    dtype, the result a ``SparseTensor`` with ``sp_x``'s indices.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     st = tf.SparseTensor([[0, 1]], [3.0], [2, 2]) * 2.0
    ...     print(st.values.op.type, tf.Session().run(st.values).tolist())
    SparseDenseCwiseMul [6.0]
    """
    with name_scope(None, op_name, [sp_x.indices, sp_x.values, sp_x.dense_shape, y]) as scope:
        y = convert_to_tensor(y, dtype=sp_x.dtype.base_dtype, name="y")
        values = _OPERATORS[op_name](sp_x.indices, sp_x.values, sp_x.dense_shape, y, name=scope)
        return SparseTensor(sp_x.indices, values, sp_x.dense_shape)


def dense_times_sparse(x, y: SparseTensor, name=None) -> SparseTensor:
    """``x * y`` for a dense ``x`` and a sparse ``y`` (TF's ``_mul_dispatch``)."""
    values = sparse_dense_cwise_mul(y.indices, y.values, y.dense_shape, x, name)
    return SparseTensor(y.indices, values, y.dense_shape)
