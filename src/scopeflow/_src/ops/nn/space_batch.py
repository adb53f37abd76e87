"""``SpaceToBatchND`` and ``BatchToSpaceND``, and TF's ``with_space_to_batch``: how TensorFlow
builds a dilated ("atrous") convolution or pooling from an undilated op, between a
``SpaceToBatchND`` that moves every ``rate``-th pixel into its own batch entry and a
``BatchToSpaceND`` that puts them back (``<op>/SpaceToBatchND``, ``<op>/BatchToSpaceND``, with
``required_space_to_batch_paddings`` constants before them). Loaded on first use, with the
3-D ops (``volumetric.py``).
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry, tensor_util
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.shape_inference import ShapeError
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops import array_ops
from scopeflow._src.ops.common import dtype_lists
from scopeflow._src.ops.common.lowering import moves_elements
from scopeflow._src.ops.common.shape_fns import computed_suffix


# -- shapes ------------------------------------------------------------------------------------------------
def _known(t):
    value = tensor_util.constant_value(t)
    return None if value is None else np.asarray(value, dtype=np.int64)


def _computed(block, pairs):
    """TF's suffix naming the two constant inputs a shape error was computed from."""
    return computed_suffix(1, block) + ", " + computed_suffix(2, pairs).split("tensors: ", 1)[1]


def _block_dims(inputs):
    x, block, pairs = inputs[0].shape, inputs[1].shape, inputs[2].shape
    if block.ndims is not None and block.ndims != 1:
        raise ShapeError(f"Shape must be rank 1 but is rank {block.ndims}")
    if pairs.ndims is not None and pairs.ndims != 2:
        raise ShapeError(f"Shape must be rank 2 but is rank {pairs.ndims}")
    m = block.as_list()[0] if block.ndims == 1 else None
    if m is not None and x.ndims is not None and x.ndims < m + 1:
        raise ShapeError(f"Shape must be at least rank {m + 1} but is rank {x.ndims}")
    return x, m, _known(inputs[1]), _known(inputs[2])


def _space_to_batch_shape(inputs, attrs):
    x, m, block, pads = _block_dims(inputs)
    if x.ndims is None:
        return TensorShape(None)
    dims = x.as_list()
    if block is None or pads is None:
        return TensorShape([None] * (1 + (m or 0)) + dims[1 + (m or 0):]) if m is not None else \
            TensorShape([None] * len(dims))
    if (pads < 0).any():
        raise ShapeError("paddings cannot be negative")
    out = [None if dims[0] is None else dims[0] * int(np.prod(block))]
    for i, (b, (before, after)) in enumerate(zip(block, pads)):
        size = dims[1 + i]
        if size is None:
            out.append(None)
            continue
        padded = size + before + after
        if padded % b:
            raise ShapeError(f"Dimension size must be evenly divisible by {b} but is {padded}",
                             _computed(block, pads))
        out.append(int(padded // b))
    return TensorShape(out + dims[1 + len(block):])


def _batch_to_space_shape(inputs, attrs):
    x, m, block, crops = _block_dims(inputs)
    if x.ndims is None:
        return TensorShape(None)
    dims = x.as_list()
    if block is None or crops is None:
        return TensorShape([None] * (1 + (m or 0)) + dims[1 + (m or 0):]) if m is not None else \
            TensorShape([None] * len(dims))
    if (crops < 0).any():
        raise ShapeError("crops cannot be negative")
    batch = dims[0]
    for b in block if batch is not None else ():
        if batch % b:
            raise ShapeError(f"Dimension size must be evenly divisible by {b} but is {batch}",
                             _computed(block, crops))
        batch //= b
    out = [batch]
    for i, (b, (before, after)) in enumerate(zip(block, crops)):
        size = dims[1 + i]
        out.append(None if size is None else int(size * b - before - after))
    return TensorShape(out + dims[1 + len(block):])


# -- kernels -----------------------------------------------------------------------------------------------
def _space_to_batch_factory(op, state):
    def kernel(x, block, pads):
        block, pads = [int(b) for b in block], np.asarray(pads, np.int64).reshape(-1, 2)
        m = len(block)
        xp = np.pad(x, [(0, 0), *[(int(a), int(b)) for a, b in pads], *[(0, 0)] * (x.ndim - 1 - m)])
        padded = xp.shape[1:1 + m]
        for i, (size, b) in enumerate(zip(padded, block)):
            if size % b:
                raise errors.InvalidArgumentError(None, op, f"padded_shape[{i}]={size} is not divisible by "
                                                            f"block_shape[{i}]={b}")
        rest = list(xp.shape[1 + m:])
        split = xp.reshape([x.shape[0]] + [v for size, b in zip(padded, block) for v in (size // b, b)] + rest)
        perm = [2 + 2 * i for i in range(m)] + [0] + [1 + 2 * i for i in range(m)] + \
            list(range(1 + 2 * m, split.ndim))
        return np.ascontiguousarray(split.transpose(perm)).reshape(
            [x.shape[0] * int(np.prod(block))] + [size // b for size, b in zip(padded, block)] + rest)
    return kernel


def _batch_to_space_factory(op, state):
    def kernel(x, block, crops):
        block, crops = [int(b) for b in block], np.asarray(crops, np.int64).reshape(-1, 2)
        m, total = len(block), int(np.prod(block))
        if x.shape[0] % total:
            raise errors.InvalidArgumentError(None, op, f"Input batch dimension ({x.shape[0]}) is not divisible "
                                                        f"by product of block sizes ({total})")
        batch, spatial, rest = x.shape[0] // total, list(x.shape[1:1 + m]), list(x.shape[1 + m:])
        split = x.reshape(block + [batch] + spatial + rest)
        perm = [m] + [v for i in range(m) for v in (m + 1 + i, i)] + list(range(1 + 2 * m, split.ndim))
        full = split.transpose(perm).reshape([batch] + [s * b for s, b in zip(spatial, block)] + rest)
        index = (slice(None),) + tuple(slice(int(c0), s * b - int(c1)) for (c0, c1), s, b in
                                       zip(crops, spatial, block))
        return np.ascontiguousarray(full[index])
    return kernel


_INDEX_DEFAULTS = {"Tblock_shape": dtypes.int32}
registry.register(OpDef("SpaceToBatchND", inputs=["input: T", "block_shape: Tblock_shape", "paddings: Tpaddings"],
                        outputs=["output: T"], attrs={"Tblock_shape": dtype_lists.INDEX,
                                                      "Tpaddings": dtype_lists.INDEX},
                        shape=_space_to_batch_shape, factory=_space_to_batch_factory,
                        defaults={**_INDEX_DEFAULTS, "Tpaddings": dtypes.int32}, lower=moves_elements()))
registry.register(OpDef("BatchToSpaceND", inputs=["input: T", "block_shape: Tblock_shape", "crops: Tcrops"],
                        outputs=["output: T"], attrs={"Tblock_shape": dtype_lists.INDEX, "Tcrops": dtype_lists.INDEX},
                        shape=_batch_to_space_shape, factory=_batch_to_space_factory,
                        defaults={**_INDEX_DEFAULTS, "Tcrops": dtypes.int32}, lower=moves_elements()))


# -- wrappers ----------------------------------------------------------------------------------------------
def space_to_batch_nd(input, block_shape, paddings, name=None):  # noqa: A002
    """Zero-pad the spatial dimensions, then move each block's pixels into the batch
    (a ``SpaceToBatchND`` op): ``[b, *spatial, ...]`` -> ``[b * prod(block), *spatial / block, ...]``."""
    return create_output("SpaceToBatchND", [input, block_shape, paddings], name=name)


def batch_to_space_nd(input, block_shape, crops, name=None):  # noqa: A002
    """The inverse of ``space_to_batch_nd``, cropping the spatial dimensions (a ``BatchToSpaceND`` op)."""
    return create_output("BatchToSpaceND", [input, block_shape, crops], name=name)


def required_space_to_batch_paddings(input_shape, block_shape, base_paddings=None, name=None):
    """``(paddings, crops)`` making each padded spatial size a multiple of ``block_shape``
    (constants when every argument is known at build time, as in TF)."""
    with name_scope(name, "required_space_to_batch_paddings", [input_shape, block_shape]):
        input_shape = convert_to_tensor(input_shape, dtype=dtypes.int32, name="input_shape")
        block_shape = convert_to_tensor(block_shape, dtype=dtypes.int32, name="block_shape")
        num_block_dims = block_shape.shape.as_list()[0]
        if num_block_dims == 0:
            return array_ops.zeros([0, 2], dtypes.int32), array_ops.zeros([0, 2], dtypes.int32)
        if base_paddings is not None:
            base_paddings = convert_to_tensor(base_paddings, dtype=dtypes.int32, name="base_paddings")
        else:
            base_paddings = array_ops.zeros([num_block_dims, 2], dtypes.int32)
        const = [tensor_util.constant_value(t) for t in (block_shape, input_shape, base_paddings)]
        if all(c is not None for c in const):
            block_shape, input_shape, base_paddings = (np.asarray(c) for c in const)
        pad_start = base_paddings[:, 0]
        orig_pad_end = base_paddings[:, 1]
        full_input_shape = input_shape + pad_start + orig_pad_end
        pad_end_extra = (block_shape - full_input_shape % block_shape) % block_shape
        pad_end = orig_pad_end + pad_end_extra
        paddings = array_ops.stack([[pad_start[i], pad_end[i]] for i in range(num_block_dims)], name="paddings")
        crops = array_ops.stack([[0, pad_end_extra[i]] for i in range(num_block_dims)], name="crops")
        return paddings, crops


def _base_paddings(filter_shape, num_spatial_dims, rate):
    extra = (filter_shape[:num_spatial_dims] - 1) * rate
    start = extra // 2
    end = extra - start
    return array_ops.stack([[start[i], end[i]] for i in range(num_spatial_dims)])


def _adjust(orig, fill_value, spatial_dims):
    """``orig`` (one row per spatial dimension) with ``fill_value`` rows for the dimensions
    between them (TF's ``_with_space_to_batch_adjust``)."""
    const = tensor_util.constant_value(orig) if hasattr(orig, "op") else np.asarray(orig)
    fill_dims = list(np.shape(const))[1:] if const is not None else orig.shape.as_list()[1:]
    dtype = const.dtype if const is not None else orig.dtype.as_numpy_dtype
    source = const if const is not None else orig
    parts, prev, i = [], 0, 0
    while i < len(spatial_dims):
        start_i, start_dim = i, spatial_dims[i]
        if start_dim > 1:
            parts.append(np.full([start_dim - 1 - prev] + fill_dims, fill_value, dtype=dtype))
        while i + 1 < len(spatial_dims) and spatial_dims[i + 1] == spatial_dims[i] + 1:
            i += 1
        parts.append(source[start_i:i + 1])
        prev = spatial_dims[i]
        i += 1
    if const is not None:
        return np.concatenate(parts)
    return array_ops.concat(parts, 0)


def with_space_to_batch(input, dilation_rate, padding, op, filter_shape=None, spatial_dims=None,  # noqa: A002
                        data_format=None):
    """``op(input, num_spatial_dims, padding)`` computed with a dilation: between
    ``SpaceToBatchND`` and ``BatchToSpaceND`` (just ``op`` when every rate is 1)."""
    input = convert_to_tensor(input, name="input")
    dilation_rate = convert_to_tensor(dilation_rate, dtypes.int32, name="dilation_rate")
    if dilation_rate.shape.ndims not in (None, 1):
        raise ValueError(f"`dilation_rate.shape.rank` must be 1. Received: dilation_rate={dilation_rate} of rank "
                         f"{dilation_rate.shape.rank}")
    num_spatial_dims = dilation_rate.shape.as_list()[0]
    first = 2 if data_format is not None and data_format.startswith("NC") else 1
    spatial_dims = list(range(first, num_spatial_dims + first)) if spatial_dims is None else \
        sorted({int(d) for d in spatial_dims})
    expected_rank = spatial_dims[-1] if first == 2 else spatial_dims[-1] + 1
    if input.shape.ndims is not None and input.shape.ndims < expected_rank:
        raise ValueError(f"`input.shape.rank` must be at least {expected_rank}. Received: input.shape={input.shape} "
                         f"with rank {input.shape.rank}")
    rate = tensor_util.constant_value(dilation_rate)
    if rate is not None:
        if np.any(rate < 1):
            raise ValueError(f"`dilation_rate` must be positive. Received: dilation_rate={rate}")
        if np.all(rate == 1):
            return op(input, num_spatial_dims, padding)
    rate_or_tensor = rate if rate is not None else dilation_rate
    if padding == "SAME":
        if filter_shape is None:
            raise ValueError(f"`filter_shape` must be specified for `padding='SAME'`. Received: "
                             f"filter_shape={filter_shape} and padding={padding}")
        filter_shape = convert_to_tensor(filter_shape, name="filter_shape")
        const_filter = tensor_util.constant_value(filter_shape)
        base = _base_paddings(np.asarray(const_filter) if const_filter is not None else filter_shape,
                              num_spatial_dims, rate_or_tensor)
    elif padding == "VALID":
        base = np.zeros([num_spatial_dims, 2], np.int32)
    else:
        raise ValueError(f"`padding` must be one of 'SAME' or 'VALID'. Received: padding={padding}")
    dims = input.shape.as_list() if input.shape.ndims is not None else None
    spatial = None if dims is None else [dims[i] for i in spatial_dims]
    if spatial is None or None in spatial:
        shape = array_ops.shape(input)
        spatial = array_ops.stack([shape[i] for i in spatial_dims])
    paddings, crops = required_space_to_batch_paddings(input_shape=spatial, base_paddings=base,
                                                       block_shape=dilation_rate)
    block = _adjust(dilation_rate, 1, spatial_dims)
    paddings = _adjust(paddings, 0, spatial_dims)
    crops = _adjust(crops, 0, spatial_dims)
    converted = space_to_batch_nd(input, block, paddings)
    result = op(converted, num_spatial_dims, "VALID")
    return batch_to_space_nd(result, block, crops)
