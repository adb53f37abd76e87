"""Gradients of the array ops, built with the calls TensorFlow's ``array_grad.py`` makes, in
its order, so the ops inside ``gradients/<op>_grad/`` get TensorFlow's names. (Gathers and
scatters are in ``gather_grads.py``.)"""

from __future__ import annotations

from scopeflow._src.framework import dtypes, registry, tensor_util
from scopeflow._src.framework.constant_op import constant
from scopeflow._src.framework.indexed_slices import IndexedSlices, to_dense_quietly
from scopeflow._src.framework.op_builder import create
from scopeflow._src.framework.registry import gradient, not_differentiable
from scopeflow._src.ops import array_ops, math_ops, unbroadcast
from scopeflow._src.ops.array import strided_slice_spec as ss
from scopeflow._src.ops.common.shape_fns import evaluate_constant

not_differentiable(
    "Const", "StopGradient", "Shape", "ShapeN", "Size", "Rank", "BroadcastArgs", "BroadcastGradientArgs",
    "InvertPermutation", "ZerosLike", "OnesLike", "Range", "OneHot", "ConcatOffset", "Where")


# -- identity, shapes, broadcasting -----------------------------------------------------------
@gradient("Identity", "PlaceholderWithDefault")
def _pass_through_grad(op, grad):
    return grad


@gradient("Reshape")
def _reshape_grad(op, grad):
    grad = to_dense_quietly(grad)  # TF's _IndexedSlicesToTensorNoWarning, here and below
    dims = op.inputs[0].shape.as_tuple()
    if dims is not None and None in dims and dims.count(None) == 1 and 0 not in dims:
        return [array_ops.reshape(grad, [-1 if d is None else d for d in dims]), None]
    return [array_ops.reshape(grad, array_ops.shape(op.inputs[0])), None]


@gradient("Squeeze")
def _reshape_to_input(op, grad):
    return array_ops.reshape(to_dense_quietly(grad), array_ops.shape(op.inputs[0]))


@gradient("ExpandDims")
def _expand_dims_grad(op, grad):
    return [_reshape_to_input(op, grad), None]


@gradient("BroadcastTo")
def _broadcast_to_grad(op, grad):
    x, target = op.inputs
    x_shape = array_ops.shape(x, out_type=target.dtype.base_dtype)
    static = evaluate_constant(target)
    if static is not None and (static >= 0).all():
        target = constant(static.tolist(), dtype=target.dtype.base_dtype)
    _, axes = array_ops.broadcast_gradient_args(target, x_shape)
    return [array_ops.reshape(math_ops.reduce_sum(grad, axis=axes, keepdims=True), x_shape), None]


@gradient("Transpose")
def _transpose_grad(op, grad):
    return [array_ops.transpose(grad, array_ops.invert_permutation(op._inputs[1])), None]


@gradient("Fill")
def _fill_grad(op, grad):
    return [None, math_ops.reduce_sum(grad)]


# -- joining, splitting, tiling ---------------------------------------------------------------
@gradient("Pack")
def _pack_grad(op, grad):
    return array_ops.unstack(grad, num=op._attrs["N"], axis=op._attrs["axis"])


@gradient("Unpack")
def _unpack_grad(op, *grads):
    return array_ops.stack(list(grads), axis=op._attrs["axis"])


@gradient("ConcatV2")
def _concat_grad(op, grad):
    values, axis = op.inputs[:-1], op.inputs[-1]
    if len(values) == 1:
        return [grad, None]
    if isinstance(grad, IndexedSlices):
        return _concat_grad_sparse(values, axis, grad) + [None]
    if axis.op.type == "Const" and _output_context(axis.op) is not _output_context(grad.op):
        axis = constant(tensor_util.constant_value(axis), dtype=axis.dtype)  # TF's copy, not through an Enter
    non_neg_axis = axis % array_ops.rank(values[0])
    sizes = _input_shapes(values)
    if len(sizes) > 16:
        sizes = array_ops.squeeze(array_ops.slice(array_ops.stack(sizes, axis=1), [non_neg_axis, 0], [1, -1]))
        return array_ops.split(grad, sizes, non_neg_axis) + [None]
    offsets = create("ConcatOffset", [non_neg_axis, sizes]).outputs
    return [array_ops.slice(grad, begin, s) for begin, s in zip(offsets, sizes)] + [None]


def _concat_grad_sparse(values, axis, grad):
    """TF's ``_ConcatGradHelper`` for an ``IndexedSlices`` gradient: each input gets the slices
    of its own rows (concatenated along axis 0) or its part of every slice (other axes)."""
    non_neg_axis = axis % array_ops.rank(values[0])
    axis_static = tensor_util.constant_value(axis)
    if axis_static is None:
        raise ValueError("Can only compute IndexedSlices gradient with statically-known concat_dim")
    if axis_static < 0:
        rank = tensor_util.constant_value(array_ops.rank(values[0]))
        if rank is None:
            raise ValueError("Can only compute IndexedSlices gradient with negative concat_dim when first value "
                             "rank is statically-known.")
        axis_static = axis_static % rank
    sizes = [array_ops.shape(x) for x in values]
    out = []
    if axis_static > 0:
        shape_of_shape = array_ops.shape(sizes[0])
        mask = array_ops.concat([array_ops.zeros(array_ops.expand_dims(non_neg_axis, 0), dtype=dtypes.int32), [1],
                                 array_ops.zeros(shape_of_shape - non_neg_axis - 1, dtype=dtypes.int32)], 0)
        begin = array_ops.zeros(shape_of_shape, dtype=dtypes.int32)
        for size in sizes:
            new_values = array_ops.slice(grad.values, begin,
                                         array_ops.concat([[-1], array_ops.slice(size, [1], [-1])], 0))
            out.append(IndexedSlices(new_values, grad.indices, size))
            begin = math_ops.add(begin, size * mask)
        return out
    start = constant(0, dtype=grad.indices.dtype)
    for size in sizes:
        size_axis = array_ops.gather(size, non_neg_axis)
        if size_axis.dtype != grad.indices.dtype:
            size_axis = math_ops.cast(size_axis, dtype=grad.indices.dtype)
        end = start + size_axis
        selected = array_ops.squeeze(
            array_ops.where(math_ops.logical_and(grad.indices >= start, grad.indices < end)), axis=[1])
        new_indices = array_ops.gather(grad.indices, selected) - start
        new_values = array_ops.gather(grad.values, selected)
        out.append(IndexedSlices(new_values, new_indices, size))
        start = end
    return out


def _output_context(op):
    """TF's ``GetOutputContext``: the cond or loop the op's outputs are in (a loop's ``Exit``
    gives its value to the loop's outer context)."""
    ctx = op._control_flow_context
    if ctx is not None and registry.get(op._type).exits_frame:
        ctx = ctx.outer_context
    return ctx


def _input_shapes(values):
    """Shapes of ``values``: one ``Const`` each when all are known, else one ``ShapeN``."""
    sizes = []
    for x in values:
        s = array_ops.shape(x)
        if s.op.type != "Const":
            return array_ops.shape_n(values)
        sizes.append(s)
    return sizes


@gradient("Split")
def _split_grad(op, *grads):
    return [None, array_ops.concat(list(grads), op.inputs[0])]


@gradient("SplitV")
def _split_v_grad(op, *grads):
    return [array_ops.concat(list(grads), op.inputs[2]), None, None]


@gradient("Tile")
def _tile_grad(op, grad):
    x, multiples = op.inputs
    input_shape = array_ops.shape(x, out_type=multiples.dtype.base_dtype)
    split_shape = array_ops.reshape(array_ops.transpose(array_ops.stack([multiples, input_shape])), [-1])
    axes = array_ops.range(0, array_ops.size(split_shape), 2)
    input_grad = math_ops.reduce_sum(array_ops.reshape(grad, split_shape), axes)
    input_grad.set_shape(x.shape)
    return [input_grad, None]


# -- slicing and padding ----------------------------------------------------------------------
def _masks(op):
    return {m: op._attrs[m] for m in ss.MASKS}


def _static_or(t):
    value = tensor_util.constant_value(t)
    return t if value is None else value


@gradient("StridedSlice")
def _strided_slice_grad(op, grad):
    begin, end, strides = op.inputs[1:]
    x = array_ops.shape(op.inputs[0], out_type=begin.dtype.base_dtype)
    return [array_ops.strided_slice_grad(_static_or(x), _static_or(begin), _static_or(end), _static_or(strides),
                                         grad, **_masks(op)), None, None, None]


@gradient("StridedSliceGrad")
def _strided_slice_grad_grad(op, grad):
    begin, end, strides = op.inputs[1:4]
    return [None, None, None, None, array_ops.strided_slice(grad, begin, end, strides, **_masks(op))]


@gradient("Slice")
def _slice_grad(op, grad):
    x, begin = op.inputs[0], op.inputs[1]
    x_rank = array_ops.rank(x)
    index_dtype = begin.dtype.base_dtype
    slice_size = array_ops.shape(op.outputs[0], out_type=index_dtype)
    shape_ = array_ops.stack([x_rank, 1])
    before = array_ops.reshape(begin, shape_)
    after = array_ops.reshape(array_ops.shape(x, out_type=index_dtype) - slice_size - begin, shape_)
    return [array_ops.pad(grad, array_ops.concat([before, after], 1)), None, None]


@gradient("ReverseSequence")
def _reverse_sequence_grad(op, grad):
    return [array_ops.reverse_sequence(grad, op.inputs[1], seq_axis=op.get_attr("seq_dim"),
                                       batch_axis=op.get_attr("batch_dim")), None]


@gradient("ReverseV2")
def _reverse_grad(op, grad):
    return [array_ops.reverse(grad, op.inputs[1]), None]


@gradient("Pad", "PadV2")
def _pad_grad(op, grad):
    x, paddings = op.inputs[0], op.inputs[1]
    before = array_ops.slice(paddings, [0, 0], array_ops.stack([array_ops.rank(x), 1]))
    begin = array_ops.reshape(before, [-1])
    sizes = array_ops.shape(x, out_type=begin.dtype.base_dtype)
    return [array_ops.slice(grad, begin, sizes)] + [None] * (len(op.inputs) - 1)


@gradient("MirrorPad")
def _mirror_pad_grad(op, grad):
    return [array_ops.mirror_pad_grad(grad, op.inputs[1], op._attrs["mode"]), None]


@gradient("MirrorPadGrad")
def _mirror_pad_grad_grad(op, grad):
    return [array_ops.mirror_pad(grad, op.inputs[1], op._attrs["mode"]), None]


# -- selection ----------------------------------------------------------------------------------
@gradient("Select")
def _select_grad(op, grad):
    c, x = op.inputs[0], op.inputs[1]
    zeros = array_ops.zeros_like(x)
    return [None, array_ops.where(c, grad, zeros), array_ops.where(c, zeros, grad)]


@gradient("SelectV2")
def _select_v2_grad(op, grad):
    c, x, y = op.inputs
    z = op.outputs[0]
    zero = array_ops.zeros([], dtype=grad.dtype.base_dtype)
    gx = array_ops.where_v2(c, grad, zero)
    gy = array_ops.where_v2(c, zero, grad)
    return [None, unbroadcast.reduce_like(x, z, gx), unbroadcast.reduce_like(y, z, gy)]
