"""Gradients of the sparse ops, built with TensorFlow's calls in TensorFlow's order (TF's
``sparse_grad.py`` and the segment rules of ``math_grad.py``), so ``gradients/<op>_grad/``
names match.

A ``SparseSegment*`` op built with ``sparse_gradient=True`` gets an ``IndexedSlices`` of the
rows of its sorted unique indices (``SparseSegment*GradV2``), as in TensorFlow.
"""

from __future__ import annotations

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.indexed_slices import IndexedSlices
from scopeflow._src.framework.registry import gradient, not_differentiable
from scopeflow._src.framework.sparse_tensor import SparseTensor
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.sparse import add, cwise, matmul, reduce, reorder, rows, segments, slicing

not_differentiable("SparseAddGrad", "SparseConcat")


@gradient("SparseReorder")
def _sparse_reorder_grad(op, unused_output_indices_grad, output_values_grad):
    input_indices, input_shape = op.inputs[0], op.inputs[2]
    num_entries = array_ops.shape(input_indices)[0]
    entry_indices = array_ops.range(num_entries)
    sp_ordered = reorder.sparse_reorder(SparseTensor(input_indices, entry_indices, input_shape))
    inverted_permutation = array_ops.invert_permutation(sp_ordered.values)
    return None, array_ops.gather(output_values_grad, inverted_permutation), None


@gradient("SparseAdd")
def _sparse_add_grad(op, *grads):
    a_val_grad, b_val_grad = add.sparse_add_grad(grads[1], op.inputs[0], op.inputs[3], op.outputs[0])
    a_val_grad.set_shape(op.inputs[1].get_shape())
    b_val_grad.set_shape(op.inputs[4].get_shape())
    return None, a_val_grad, None, None, b_val_grad, None, None


@gradient("SparseTensorDenseAdd")
def _sparse_tensor_dense_add_grad(op, out_grad):
    return None, array_ops.gather_nd(out_grad, op.inputs[0]), None, out_grad


@gradient("SparseReduceSum")
def _sparse_reduce_sum_grad(op, out_grad):
    sp_indices, sp_shape = op.inputs[0], op.inputs[2]
    output_shape_kept_dims = math_ops.reduced_shape(sp_shape, op.inputs[3])
    out_grad_reshaped = array_ops.reshape(out_grad, output_shape_kept_dims)
    scale = sp_shape // math_ops.cast(output_shape_kept_dims, dtypes.int64)
    return None, array_ops.gather_nd(out_grad_reshaped, sp_indices // scale), None, None


@gradient("SparseTensorDenseMatMul")
def _sparse_tensor_dense_matmul_grad(op, grad):
    a_indices, a_values, a_shape = op.inputs[:3]
    b = op.inputs[3]
    adj_a, adj_b = op.get_attr("adjoint_a"), op.get_attr("adjoint_b")
    a_type, b_type = a_values.dtype.base_dtype, b.dtype.base_dtype
    if a_type != b_type:
        raise TypeError(f"SparseTensorDenseMatMul op received operands with different types: `{a_type}` and "
                        f"`{b_type}`.")
    b_grad = matmul.sparse_tensor_dense_matmul_op(a_indices, a_values, a_shape, grad, adjoint_a=not adj_a)
    if adj_b:
        b_grad = array_ops.matrix_transpose(b_grad, conjugate=True)
    rows_ = a_indices[:, 0]
    cols = a_indices[:, 1]
    parts_a = array_ops.gather(grad, cols if adj_a else rows_)
    parts_b = array_ops.gather(array_ops.transpose(b) if adj_b else b, rows_ if adj_a else cols)
    if not adj_a and not adj_b:
        a_values_grad = math_ops.matmul(array_ops.expand_dims(parts_a, -2), array_ops.expand_dims(parts_b, -2),
                                        adjoint_b=True)
    elif adj_a and not adj_b:
        a_values_grad = math_ops.matmul(array_ops.expand_dims(parts_a, -1), array_ops.expand_dims(parts_b, -1),
                                        adjoint_a=True)
    elif not adj_a and adj_b:
        a_values_grad = math_ops.matmul(array_ops.expand_dims(parts_a, -2), array_ops.expand_dims(parts_b, -1))
    else:
        a_values_grad = math_ops.matmul(array_ops.expand_dims(parts_a, -1), array_ops.expand_dims(parts_b, -2),
                                        adjoint_a=True, adjoint_b=True)
    return None, array_ops.squeeze(a_values_grad, axis=[-2, -1]), None, b_grad


@gradient("SparseFillEmptyRows")
def _sparse_fill_empty_rows_grad(op, unused_grad_output_indices, output_grad_values, unused_grad_empty_row_indicator,
                                 unused_grad_reverse_index_map):
    d_values, d_default_value = rows.sparse_fill_empty_rows_grad(op.outputs[3], output_grad_values)
    return [None, d_values, None, d_default_value]


@gradient("SparseToDense")
def _sparse_to_dense_grad(op, grad):
    sparse_indices, output_shape, _, _ = op.inputs
    sparse_values_grad = array_ops.gather_nd(grad, sparse_indices)
    default_value_grad = math_ops.reduce_sum(grad) - math_ops.reduce_sum(sparse_values_grad)
    return [array_ops.zeros_like(sparse_indices), array_ops.zeros_like(output_shape), sparse_values_grad,
            default_value_grad]


def _sparse_segment_grad_v2(op_type, op, grad):
    """TF's ``_SparseSegmentReduceGradV2``: an ``IndexedSlices`` of the rows of the sorted unique indices."""
    data_shape = array_ops.shape(op.inputs[0])
    values, unique = segments.sparse_segment_grad_v2(op_type, grad, op.inputs[1], op.inputs[2], data_shape[0])
    return IndexedSlices(values, unique, data_shape)


def _segment_rule(op_type):
    def rule(op, grad):
        if op._attrs.get("sparse_gradient"):
            return _sparse_segment_grad_v2(op_type, op, grad), None, None
        dim0 = array_ops.shape(op.inputs[0])[0]
        return segments.sparse_segment_grad(op_type, grad, op.inputs[1], op.inputs[2], dim0), None, None
    return rule


for _type in ("SparseSegmentSum", "SparseSegmentMean", "SparseSegmentSqrtN"):
    gradient(_type)(_segment_rule(_type))


def _segment_with_num_segments_rule(op_type):
    def rule(op, grad):
        if op._attrs.get("sparse_gradient"):
            return _sparse_segment_grad_v2(op_type, op, grad), None, None, None
        dim0 = array_ops.shape(op.inputs[0])[0]
        return segments.sparse_segment_grad(op_type, grad, op.inputs[1], op.inputs[2], dim0), None, None, None
    return rule


for _type in ("SparseSegmentSum", "SparseSegmentMean", "SparseSegmentSqrtN"):
    gradient(f"{_type}WithNumSegments")(_segment_with_num_segments_rule(_type))


@gradient("SegmentSum")
def _segment_sum_grad(op, grad):
    return array_ops.gather(grad, op.inputs[1]), None


def _sparse_dense_cwise_mul_or_div_grad(op, grad, is_mul):
    x_indices, x_shape, y = op.inputs[0], op.inputs[2], op.inputs[3]
    y_shape = math_ops.cast(array_ops.shape(y), dtypes.int64)
    num_added_dims = array_ops.expand_dims(array_ops.size(x_shape) - array_ops.size(y_shape), 0)
    augmented_y_shape = array_ops.concat([array_ops.ones(num_added_dims, dtypes.int64), y_shape], 0)
    scaling = x_shape // augmented_y_shape
    scaled_indices = x_indices // scaling
    scaled_indices = array_ops.slice(scaled_indices, array_ops.concat([[0], num_added_dims], 0), [-1, -1])
    dense_vals = array_ops.gather_nd(y, scaled_indices)
    if is_mul:
        dx = grad * dense_vals
        dy_val = grad * op.inputs[1]
    else:
        dx = grad / dense_vals
        dy_val = grad * (-op.inputs[1] / math_ops.square(dense_vals))
    dy = add.sparse_add(array_ops.zeros_like(y), SparseTensor(scaled_indices, dy_val, y_shape))
    return None, dx, None, dy


@gradient("SparseDenseCwiseMul")
def _sparse_dense_cwise_mul_grad(op, grad):
    return _sparse_dense_cwise_mul_or_div_grad(op, grad, True)


@gradient("SparseDenseCwiseDiv")
def _sparse_dense_cwise_div_grad(op, grad):
    return _sparse_dense_cwise_mul_or_div_grad(op, grad, False)


@gradient("SparseDenseCwiseAdd")
def _sparse_dense_cwise_add_grad(unused_op, unused_grad):
    raise NotImplementedError("Gradient for SparseDenseCwiseAdd is not implemented.")  # TF's rule, word for word


@gradient("SparseSoftmax")
def _sparse_softmax_grad(op, grad):
    indices, shape = op.inputs[0], op.inputs[2]
    out_vals = op.outputs[0]
    sp_output = SparseTensor(indices, out_vals, shape)
    sp_grad = SparseTensor(indices, grad, shape)
    sp_product = SparseTensor(indices, sp_output.values * sp_grad.values, shape)
    sum_reduced = -reduce.sparse_reduce_sum(sp_product, [-1], keepdims=True)
    sp_sum = cwise.sparse_dense_cwise_add(sp_grad, sum_reduced)
    grad_x = sp_sum.values * sp_output.values
    return [None, grad_x, None]


@gradient("SparseSlice")
def _sparse_slice_grad(op, *grads):
    val_grad = slicing.sparse_slice_grad(grads[1], op.inputs[0], op.inputs[3], op.outputs[0])
    val_grad.set_shape(op.inputs[1].get_shape())
    return None, val_grad, None, None, None


def _not_implemented(op_type):
    def rule(unused_op, unused_grad):
        raise NotImplementedError(f"Gradient for {op_type} is not implemented.")  # TF's rule, word for word
    # TF's rule takes one gradient though the op has two outputs: calling it raises a TypeError naming it
    rule.__qualname__ = rule.__name__ = f"_{op_type}Grad"
    return rule


for _type in ("SparseSparseMaximum", "SparseSparseMinimum"):
    gradient(_type)(_not_implemented(_type))
