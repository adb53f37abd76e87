"""Segment reductions beyond the sums: sorted ``SegmentMean``/``SegmentMax``/``SegmentMin``/
``SegmentProd`` (empty segments give 0, 1 for the product, as TF's kernels), unsorted
``UnsortedSegmentMax``/``Min``/``Prod`` (empty segments give the dtype's lowest/highest value
or 1; negative ids are dropped), and TF's Python ``unsorted_segment_mean``/``_sqrt_n``.

Example::

    tf.math.segment_max([5, 1, 7, 2], [0, 0, 1, 1])   # [5, 7]
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.array.gather import _segment_shape as _unsorted_shape
from scopeflow._src.ops.common import dtype_lists
from scopeflow._src.ops.common.lowering import out_dtype, static
from scopeflow._src.ops.common.shape_fns import dims_text
from scopeflow._src.ops.sparse.common import require
from scopeflow._src.ops.sparse.segments import _segment_sum_shape as _sorted_shape
from scopeflow._src.ops.sparse.segments import _segments

_INT32_NUM = {"Tnumsegments": dtypes.int32}


def _mean(rows, axis):
    return rows.mean(axis=axis, dtype=rows.dtype) if rows.dtype.kind in "fc" else rows.sum(axis=axis) // len(rows)


# -- sorted segments: the checks of TF's SegmentReductionOp, then one reduction per run -------------
def _sorted_factory(reduce, empty):
    def factory(op, state):
        def kernel(data, segment_ids):
            data, segment_ids = np.asarray(data), np.asarray(segment_ids)
            require(op, segment_ids.ndim == 1, "segment_ids should be a vector.")
            require(op, len(segment_ids) == (data.shape[0] if data.ndim else 1),
                    "segment_ids should be the same size as dimension 0 of input.")
            rows = int(segment_ids[-1]) + 1 if len(segment_ids) else 0
            require(op, rows > 0 or not len(segment_ids), "segment ids must be >= 0")
            out = np.full((rows,) + data.shape[1:], empty, data.dtype)
            for sid, start, end in _segments(op, segment_ids):
                require(op, 0 <= sid < rows, f"Segment id {sid} out of range [0, {rows}), possibly because "
                                             f"'segment_ids' input is not sorted.")
                out[sid] = reduce(data[start:end], 0)
            return out
        return kernel
    return factory


for _type, _reduce, _empty, _allowed in (
        ("SegmentMean", _mean, 0, dtype_lists.NUMBER), ("SegmentProd", np.prod, 1, dtype_lists.NUMBER),
        ("SegmentMax", np.max, 0, dtype_lists.REAL), ("SegmentMin", np.min, 0, dtype_lists.REAL)):
    registry.register(OpDef(_type, inputs=["data: T", "segment_ids: Tindices"], outputs=["output: T"],
                            attrs={"T": _allowed, "Tindices": dtype_lists.INDEX}, shape=_sorted_shape,
                            factory=_sorted_factory(lambda rows, axis, f=_reduce: f(rows, axis=axis), _empty)))


# -- unsorted segments -----------------------------------------------------------------------------
def _limit(dtype, lowest):
    if dtype.kind in "iu":
        info = np.iinfo(dtype)
        return info.min if lowest else info.max
    info = np.finfo(dtype)
    return info.min if lowest else info.max


def _unsorted_factory(ufunc, empty):
    def factory(op, state):
        def kernel(data, ids, num):
            data, ids, num = np.asarray(data), np.asarray(ids), int(num)
            if data.shape[:ids.ndim] != ids.shape:
                raise errors.InvalidArgumentError(None, op, f"data.shape = {dims_text(data.shape)} does not start "
                                                            f"with segment_ids.shape = {dims_text(ids.shape)}")
            bad = np.argwhere(ids >= num)
            if bad.size:
                pos = tuple(int(i) for i in bad[0])
                raise errors.InvalidArgumentError(None, op, f"segment_ids[{','.join(map(str, pos))}] = {ids[pos]} "
                                                            f"is out of range [0, {num})")
            out = np.full((num,) + data.shape[ids.ndim:], empty(data.dtype), data.dtype)
            keep = ids >= 0
            ufunc.at(out, ids[keep], data[keep])
            return out
        return kernel
    return factory


def _lower_unsorted(method, empty):
    """``full(empty).at[ids].<method>(data)``, negative ids moved out of range and dropped."""
    def lower(op, jx):
        dtype = np.dtype(out_dtype(op))

        def run(data, ids, num):
            n = int(static(num, "num_segments"))
            out = jx.jnp.full((n,) + tuple(data.shape[ids.ndim:]), empty(dtype), dtype)
            return getattr(out.at[jx.jnp.where(ids < 0, n, ids)], method)(data, mode="drop")
        return run
    return lower


for _type, _ufunc, _method, _empty, _allowed in (
        ("UnsortedSegmentMax", np.maximum, "max", lambda d: _limit(d, True), dtype_lists.REAL),
        ("UnsortedSegmentMin", np.minimum, "min", lambda d: _limit(d, False), dtype_lists.REAL),
        ("UnsortedSegmentProd", np.multiply, "multiply", lambda d: 1, dtype_lists.NUMBER)):
    registry.register(OpDef(_type, inputs=["data: T", "segment_ids: Tindices", "num_segments: Tnumsegments"],
                            outputs=["output: T"], attrs={"T": _allowed, "Tindices": dtype_lists.INDEX,
                                                          "Tnumsegments": dtype_lists.INDEX},
                            shape=_unsorted_shape, factory=_unsorted_factory(_ufunc, _empty), defaults=_INT32_NUM,
                            lower=_lower_unsorted(_method, _empty)))


# -- wrappers ----------------------------------------------------------------------------------------
def _sorted(op_type, public):
    def fn(data, segment_ids, name=None):
        return create_output(op_type, [data, segment_ids], name=name)
    fn.__name__ = fn.__qualname__ = public
    fn.__doc__ = f"The {public.split('_')[1]} of the rows of ``data`` sharing a sorted segment id (``{op_type}``)."
    return fn


def _unsorted(op_type, public):
    def fn(data, segment_ids, num_segments, name=None):
        return create_output(op_type, [data, segment_ids, num_segments], name=name)
    fn.__name__ = fn.__qualname__ = public
    fn.__doc__ = (f"The {public.split('_')[2]} of the rows of ``data`` per segment id, ``num_segments`` rows "
                  f"(``{op_type}``; negative ids are dropped).")
    return fn


segment_mean, segment_max, segment_min, segment_prod = (
    _sorted(f"Segment{k.capitalize()}", f"segment_{k}") for k in ("mean", "max", "min", "prod"))
unsorted_segment_max, unsorted_segment_min, unsorted_segment_prod = (
    _unsorted(f"UnsortedSegment{k.capitalize()}", f"unsorted_segment_{k}") for k in ("max", "min", "prod"))


def _unsorted_segment_n(data, segment_ids, num_segments):
    """TF's ``_unsorted_segment_N``: each segment's size (at least 1), shaped to broadcast over ``data``."""
    num_segments = convert_to_tensor(num_segments)
    segment_ids_shape = array_ops.shape_internal(segment_ids)
    ones_tensor = array_ops.ones(segment_ids_shape, dtype=data.dtype)
    n = array_ops.unsorted_segment_sum(ones_tensor, segment_ids, num_segments)
    broadcastable_shape = array_ops.concat(
        [array_ops.expand_dims(num_segments, 0),  # TF: num_segments[newaxis] (StridedSlice refuses scalars here)
         array_ops.ones([array_ops.rank(data) - array_ops.rank(segment_ids)], dtype=num_segments.dtype)], axis=0)
    n = array_ops.reshape(n, broadcastable_shape)
    return math_ops.maximum(n, 1)


def _unsorted_segment_normalized(data, segment_ids, num_segments, name, default_name, normalize):
    with name_scope(name, default_name):
        data = convert_to_tensor(data)
        segment_ids = convert_to_tensor(segment_ids)
        n = _unsorted_segment_n(data, segment_ids, num_segments)
        summed = array_ops.unsorted_segment_sum(data, segment_ids, num_segments)
        return summed / normalize(n)


def unsorted_segment_mean(data, segment_ids, num_segments, name=None):
    """The mean of the rows per segment id (``UnsortedSegmentSum`` divided by each segment's size)."""
    return _unsorted_segment_normalized(data, segment_ids, num_segments, name, "UnsortedSegmentMean",
                                        lambda n: n)


def unsorted_segment_sqrt_n(data, segment_ids, num_segments, name=None):
    """The sum of the rows per segment id divided by the square root of the segment's size."""
    return _unsorted_segment_normalized(data, segment_ids, num_segments, name, "UnsortedSegmentSqrtN",
                                        math_ops.sqrt)
