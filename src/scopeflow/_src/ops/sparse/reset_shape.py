"""``tf.sparse.reset_shape``: the same indices and values with a new dense shape, as
TensorFlow builds it: by default the tightest shape (one past the largest index of each
dimension); a given shape is checked to hold the old one, while building when both are known
(``ValueError``), else by ``assert_equal``/``assert_less_equal`` ops the new shape depends on.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, tensor_util
from scopeflow._src.framework.constant_op import constant, convert_to_tensor
from scopeflow._src.framework.sparse_tensor import SparseTensor
from scopeflow._src.ops.array.creation import ones_like
from scopeflow._src.ops.array.identity import identity
from scopeflow._src.ops.array.shapes import shape as shape_of
from scopeflow._src.ops.control.control_flow_ops import with_dependencies
from scopeflow._src.ops.debugging.binary_asserts import assert_equal, assert_less_equal
from scopeflow._src.ops.math_ops import add, cast, maximum, reduce_max
from scopeflow._src.ops.sparse.common import to_sparse


def sparse_reset_shape(sp_input, new_shape=None):
    """``sp_input`` with dense shape ``new_shape`` (default: the tightest shape holding its indices).

    >>> import scopeflow as tf
    >>> sp = tf.SparseTensor([[0, 1], [2, 0]], [1, 2], [5, 6])
    >>> with tf.Session() as sess:
    ...     sess.run(tf.sparse.reset_shape(sp).dense_shape).tolist()
    [3, 2]
    """
    sp_input = to_sparse(sp_input)
    in_indices = identity(sp_input.indices)
    in_values = identity(sp_input.values)
    in_shape = identity(sp_input.dense_shape)
    if new_shape is None:
        low_bound = reduce_max(in_indices, axis=0)
        return SparseTensor(in_indices, in_values,
                            maximum(constant(0, dtype=dtypes.int64), add(low_bound, ones_like(in_shape))))
    out_shape = convert_to_tensor(new_shape)
    out_shape.get_shape().assert_has_rank(1)
    out_shape = cast(out_shape, dtypes.int64)
    if out_shape.get_shape().rank is not None:
        out_shape.get_shape().dims[0].assert_is_compatible_with(in_shape.get_shape().dims[0])
    out_const = tensor_util.constant_value(out_shape)
    if out_const is not None and sp_input.get_shape().is_fully_defined():
        in_const = np.array(sp_input.get_shape().as_list())
        if not np.all(in_const <= out_const):
            raise ValueError(f"Requested new_shape should have dimension sizes >= sp_input.shape.  Found new_shape "
                             f"({in_const}), sp_input.shape ({out_const}).")
        return SparseTensor(in_indices, in_values, out_const)
    out_shape = with_dependencies([assert_equal(shape_of(in_shape), shape_of(out_shape))], out_shape)
    out_shape = with_dependencies([assert_less_equal(in_shape, out_shape)], out_shape)
    return SparseTensor(in_indices, in_values, out_shape)
