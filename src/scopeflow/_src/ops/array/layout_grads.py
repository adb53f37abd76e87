"""Gradients of the layout ops (``space_depth.py``, ``patches.py``), as TensorFlow's
``array_grad.py`` builds them."""

from __future__ import annotations

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.registry import gradient
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.array.creation import range as range_op
from scopeflow._src.ops.array.gather import unsorted_segment_sum
from scopeflow._src.ops.array.patches import extract_image_patches
from scopeflow._src.ops.array.space_depth import depth_to_space, space_to_depth


def _block_format(op, op_type):
    data_format = op.get_attr("data_format").decode()
    if data_format == "NCHW_VECT_C":
        raise ValueError(f"Cannot compute {op_type} gradient with NCHW_VECT_C. NCHW_VECT_C requires qint8 data type.")
    return op.get_attr("block_size"), data_format


@gradient("SpaceToDepth")
def _space_to_depth_grad(op, grad):
    block_size, data_format = _block_format(op, "SpaceToDepth")
    return depth_to_space(grad, block_size, data_format=data_format)


@gradient("DepthToSpace")
def _depth_to_space_grad(op, grad):
    block_size, data_format = _block_format(op, "DepthToSpace")
    return space_to_depth(grad, block_size, data_format=data_format)


@gradient("ExtractImagePatches")
def _extract_image_patches_grad(op, grad):
    input_bhwc = array_ops.shape(op._inputs[0], out_type=dtypes.int64)
    batch_size, rows_in, cols_in, channels = array_ops.unstack(input_bhwc)
    output_bhwc = array_ops.shape(op._outputs[0], out_type=dtypes.int64)
    rows_out, cols_out = array_ops.unstack(output_bhwc[1:3])
    _, ksize_r, ksize_c, _ = op.get_attr("ksizes")
    input_indices_num = rows_in * cols_in
    input_idx = array_ops.reshape(range_op(1, input_indices_num + 1, dtype=dtypes.float32),
                                  (1, rows_in, cols_in, 1))
    input_idx_patched = math_ops.cast(
        extract_image_patches(input_idx, list(op.get_attr("ksizes")), list(op.get_attr("strides")),
                              list(op.get_attr("rates")), op.get_attr("padding").decode()), dtypes.int64)
    grad_expanded = array_ops.transpose(
        array_ops.reshape(grad, (batch_size, rows_out, cols_out, ksize_r, ksize_c, channels)), (1, 2, 3, 4, 0, 5))
    grad_flat = array_ops.reshape(grad_expanded, (-1, batch_size * channels))
    segment_ids = array_ops.reshape(input_idx_patched, [-1]) - 1
    grad_out = unsorted_segment_sum(grad_flat, segment_ids, num_segments=input_indices_num)
    grad_out = array_ops.reshape(grad_out, (rows_in, cols_in, batch_size, channels))
    return array_ops.transpose(grad_out, (2, 0, 1, 3))
