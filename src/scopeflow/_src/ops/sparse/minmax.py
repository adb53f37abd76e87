"""``SparseSparseMaximum`` and ``SparseSparseMinimum``: the elementwise maximum (minimum) of two
sparse tensors of one shape, over the union of their indices, a missing entry counting as 0
(``tf.sparse.maximum``, ``tf.sparse.minimum``). Both operands should be in row-major order;
they are merged as ``SparseAdd`` merges them.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import registry
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.sparse_tensor import SparseTensor
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops.common import dtype_lists
from scopeflow._src.ops.sparse.add import merge_order, merged_rows
from scopeflow._src.ops.sparse.common import check_components, dims_text, require


def _factory(fn):
    def factory(op, state):
        def sparse_sparse_minmax(a_ind, a_val, a_shape, b_ind, b_val, b_shape):
            check_components(op, a_ind, a_val, a_shape)
            check_components(op, b_ind, b_val, b_shape)
            require(op, a_shape.size == b_shape.size, f"Operands do not have the same ranks; got shapes: "
                                                      f"{dims_text(a_shape)} and {dims_text(b_shape)}")
            for d, (x, y) in enumerate(zip(a_shape.tolist(), b_shape.tolist())):
                require(op, x == y, f"Operands' shapes do not match: got {x} and {y} for dimension {d}")
            ia, ib = merge_order(a_ind, b_ind)
            zero = np.zeros(len(ia), a_val.dtype)
            a_side, b_side = zero.copy(), zero
            a_side[ia >= 0] = a_val[ia[ia >= 0]]
            b_side[ib >= 0] = b_val[ib[ib >= 0]]
            return merged_rows(a_ind, b_ind, ia, ib), fn(a_side, b_side).astype(a_val.dtype, copy=False)
        return sparse_sparse_minmax
    return factory


_INPUTS = ["a_indices: int64", "a_values: T", "a_shape: int64", "b_indices: int64", "b_values: T", "b_shape: int64"]
_OUTPUTS = ["output_indices: int64", "output_values: T"]
for _type, _fn, _types in (("SparseSparseMaximum", np.maximum, dtype_lists.REAL),
                           ("SparseSparseMinimum", np.minimum, dtype_lists.NUMBER)):
    registry.register(OpDef(_type, inputs=_INPUTS, outputs=_OUTPUTS, attrs={"T": _types},
                            shape=lambda inputs, attrs: [TensorShape([None, None]), TensorShape([None])],
                            factory=_factory(_fn)))


def _minmax(op_type, sp_a, sp_b, name):
    with name_scope(name, op_type, [sp_a.indices, sp_a.values, sp_b.indices, sp_b.values]) as scope:
        op = create(op_type, [sp_a.indices, sp_a.values, sp_a.dense_shape, sp_b.indices, sp_b.values,
                              sp_b.dense_shape], name=scope)
    return SparseTensor(op.outputs[0], op.outputs[1], sp_a.dense_shape)


def sparse_maximum(sp_a, sp_b, name=None) -> SparseTensor:
    """The elementwise maximum of two ``SparseTensor``s (``SparseSparseMaximum``).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     a = tf.SparseTensor([[0], [1]], [1.0, -2.0], [2])
    ...     print(tf.Session().run(tf.sparse.maximum(a, a * 2.0)).values.tolist())
    [2.0, -2.0]
    """
    return _minmax("SparseSparseMaximum", sp_a, sp_b, name)


def sparse_minimum(sp_a, sp_b, name=None) -> SparseTensor:
    """The elementwise minimum of two ``SparseTensor``s (``SparseSparseMinimum``)."""
    return _minmax("SparseSparseMinimum", sp_a, sp_b, name)
