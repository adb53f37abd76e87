"""Segment reductions: ``SparseSegmentSum``/``Mean``/``SqrtN`` (rows of ``data`` picked by
``indices``, reduced by sorted ``segment_ids``), their gradient ops
(``SparseSegment*Grad``, and the ``SparseSegment*GradV2`` of a ``sparse_gradient`` op: only
the rows of the sorted unique indices, for an ``IndexedSlices``), and ``SegmentSum``: what
``tf.nn.embedding_lookup_sparse`` builds.

The kernels walk the segments as TF's do, so the first bad segment id or index raises TF's
error; a segment id that is skipped gives a row of zeros. On the JAX target the rows are summed
by XLA's scatter-add; the number of segments must be known when compiling (``num_segments``,
or segment ids known then: ``SegmentSum``, ``SparseSegment{Sum,Mean,SqrtN}``), as must the
indices of a ``GradV2`` (its rows are the unique ones), else the step runs on the host.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, registry
from scopeflow._src.framework.op_builder import create, create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.tensor_shape import UNKNOWN, TensorShape
from scopeflow._src.ops.common import dtype_lists
from scopeflow._src.ops.common.lowering import checked, static
from scopeflow._src.ops.common.shape_context import merge_shapes, shape_fn
from scopeflow._src.ops.sparse.common import add_rows, require

_SUM_TYPES = dtype_lists.REAL
_MEAN_TYPES = dtype_lists.types("bfloat16,float16,float32,float64")


def _rest(shape):
    return UNKNOWN if shape.ndims is None else TensorShape(shape.as_list()[1:])


@shape_fn
def _reduction_shape(ctx, attrs):
    ctx.with_rank_at_least(0, 1)
    ctx.with_rank(1, 1)
    ctx.with_rank(2, 1)
    merge_shapes(ctx.shape(1), ctx.shape(2), ctx)
    return TensorShape([None]).concatenate(_rest(ctx.shape(0)))


def _segments(op, ids):
    """``[(segment id, start, end)]`` of a sorted id vector, with TF's checks."""
    ids = ids.tolist()
    out, start = [], 0
    for end in range(1, len(ids) + 1):
        if end < len(ids):
            if ids[end] == ids[start]:
                continue
            require(op, ids[start] < ids[end], "segment ids are not increasing")
        out.append((ids[start], start, end))
        start = end
    return out


def _sparse_segment_factory(scale):
    def factory(op, state):
        def sparse_segment_reduce(data, indices, segment_ids, num_segments=None):
            require(op, indices.ndim == 1, "indices should be a vector.")
            require(op, segment_ids.ndim == 1, "segment_ids should be a vector.")
            _same_size(op, indices, segment_ids)
            rows = _last_id_rows(op, segment_ids) if num_segments is None else int(num_segments)
            out = np.zeros((rows,) + data.shape[1:], data.dtype)
            if _well_formed(segment_ids, indices, rows, len(data)):  # no error to find: all at once
                add_rows(out, segment_ids, data[indices])
                if scale is not None:
                    counts = np.bincount(segment_ids, minlength=rows)
                    out = (out / scale(counts).reshape((-1,) + (1,) * (data.ndim - 1))).astype(data.dtype)
                return out
            for sid, start, end in _segments(op, segment_ids):
                require(op, 0 <= sid < rows, f"Segment id {sid} out of range [0, {rows}), possibly because "
                                             f"'segment_ids' input is not sorted.")
                picked = indices[start:end]
                bad = np.flatnonzero((picked < 0) | (picked >= len(data)))
                if bad.size:
                    at = start + int(bad[0])
                    require(op, False, f"Bad: indices[{at}] == {int(indices[at])} out of range [0, {len(data)})")
                total = data[picked].sum(axis=0)
                out[sid] = total / scale(end - start) if scale else total
            return out
        return sparse_segment_reduce
    return factory


def _last_id_rows(op, segment_ids):
    """The output's rows without ``num_segments``: the last (sorted) segment id + 1."""
    rows = int(segment_ids[-1]) + 1 if len(segment_ids) else 0
    require(op, rows >= 0, "segment ids must be >= 0")
    return rows


def _well_formed(segment_ids, indices, rows, n):
    """Whether the segment ids are sorted and in ``[0, rows)`` and the indices in ``[0, n)``."""
    if not len(segment_ids):
        return True
    return bool((np.diff(segment_ids) >= 0).all() and segment_ids[0] >= 0 and segment_ids[-1] < rows
                and indices.min() >= 0 and indices.max() < n)


def _same_size(op, indices, segment_ids):
    require(op, np.shape(indices)[:1] == np.shape(segment_ids)[:1], "segment_ids and indices should have same size.")


def _grad_factory(scale):
    def factory(op, state):
        def sparse_segment_grad(grad, indices, segment_ids, output_dim0):
            n, m = int(output_dim0), len(grad)
            _same_size(op, indices, segment_ids)
            bad = np.flatnonzero((segment_ids < 0) | (segment_ids >= m))
            require(op, not bad.size, f"Segment id {int(segment_ids[bad[0]]) if bad.size else 0} out of range "
                                      f"[0, {m}).")
            bad = np.flatnonzero((indices < 0) | (indices >= n))
            require(op, not bad.size, f"Index {int(indices[bad[0]]) if bad.size else 0} out of range [0, {n}).")
            out = np.zeros((n,) + grad.shape[1:], grad.dtype)
            rows = grad[segment_ids]
            if scale is not None:
                counts = np.bincount(segment_ids, minlength=m)[segment_ids]
                rows = rows / scale(counts).reshape((-1,) + (1,) * (grad.ndim - 1))
            add_rows(out, indices, rows.astype(grad.dtype, copy=False))
            return out
        return sparse_segment_grad
    return factory


def _grad_v2_factory(scale):
    """The rows of ``SparseSegment*Grad`` at the sorted unique ``indices`` only, and those indices."""
    dense = _grad_factory(scale)

    def factory(op, state):
        check = dense(op, state)

        def sparse_segment_grad_v2(grad, indices, segment_ids, dense_output_dim0):
            indices = np.asarray(indices)
            unique, position = np.unique(indices, return_inverse=True)
            # the dense kernel's checks and sums, on a table of the unique rows only
            rows = check(grad, position.reshape(indices.shape), segment_ids, np.int32(unique.size))
            _check_unique(op, unique, int(dense_output_dim0))
            return rows, unique.astype(indices.dtype, copy=False)
        return sparse_segment_grad_v2
    return factory


def _check_unique(op, unique, n):
    bad = np.flatnonzero((unique < 0) | (unique >= n))
    require(op, not bad.size, f"Index {int(unique[bad[0]]) if bad.size else 0} out of range [0, {n}).")


def _check_grad_inputs(ctx):
    """grad of rank >= 1, indices and segment_ids one same-length vector, output_dim0 a scalar."""
    ctx.with_rank_at_least(0, 1)
    ctx.with_rank(1, 1)
    merge_shapes(ctx.shape(2), ctx.shape(1), ctx)
    ctx.with_rank(3, 0)


@shape_fn
def _grad_v2_shape(ctx, attrs):
    _check_grad_inputs(ctx)
    return [TensorShape([None]).concatenate(_rest(ctx.shape(0))), TensorShape([None])]


def _mean(count, xp=np):
    return xp.maximum(count, 1)


def _sqrtn(count, xp=np):
    return xp.sqrt(xp.maximum(count, 1))


# -- lowerings (the JAX target): XLA's scatter-add; a mean's or sqrt-n's division in float64, as
# the kernels divide by their integer counts --------------------------------------------------------
def _segment_sums(jx, rows, segment_ids, num, scale):
    """``rows`` summed by segment id into ``num`` rows (ids out of range dropped), each divided
    by ``scale`` of its segment's size."""
    total = jx.jax.ops.segment_sum(rows, segment_ids, num)
    if scale is None:
        return total
    counts = _counts(jx, segment_ids, num)
    return (total / scale(counts, jx.jnp).reshape((-1,) + (1,) * (total.ndim - 1))).astype(total.dtype)


def _counts(jx, segment_ids, num):
    return jx.jax.ops.segment_sum(jx.jnp.ones(np.shape(segment_ids), np.float64), segment_ids, num)


def _lower_sparse_segment(scale, with_num):
    """``SparseSegment*[WithNumSegments]``: the kernel's checks when compiling (on stand-ins of
    ``data`` and ``indices``, and of ``segment_ids`` when ``num_segments`` is given: the known
    one sizes the output), then the picked rows' segment sums."""
    def native(op, jx):
        def reduce(data, indices, segment_ids, num=None):
            rows = int(num) if with_num else _last_id_rows(op, segment_ids)
            return _segment_sums(jx, jx.jnp.asarray(data)[indices], segment_ids, rows, scale)
        return reduce
    return checked(native, data=lambda n: (0, 1, 2) if with_num else (0, 1))


def _lower_grad(scale):
    """``SparseSegment*Grad``: each segment's gradient row (scaled) added at its indices, into
    ``output_dim0`` rows (known when compiling)."""
    def lower(op, jx):
        jnp = jx.jnp

        def grad_of(grad, indices, segment_ids, output_dim0):
            _same_size(op, indices, segment_ids)
            n, m = int(static(output_dim0, "output_dim0")), np.shape(grad)[0]
            rows = jnp.asarray(grad)[segment_ids]
            if scale is not None:
                counts = _counts(jx, segment_ids, m)[segment_ids]
                rows = rows / scale(counts, jnp).reshape((-1,) + (1,) * (rows.ndim - 1))
            return jnp.zeros((n,) + np.shape(grad)[1:], grad.dtype).at[indices].add(rows.astype(grad.dtype))
        return grad_of
    return lower


def _lower_grad_v2(scale):
    """``SparseSegment*GradV2``: ``_lower_grad`` on the positions of the unique indices, which
    must be known when compiling (they size the output)."""
    dense = _lower_grad(scale)

    def lower(op, jx):
        grad_of = dense(op, jx)

        def grad_v2(grad, indices, segment_ids, dense_output_dim0):
            indices = static(indices, "indices (the unique ones are the output's rows)")
            unique, position = np.unique(indices, return_inverse=True)
            rows = grad_of(grad, position.reshape(indices.shape), segment_ids, np.int32(unique.size))
            if isinstance(dense_output_dim0, np.ndarray | np.generic):  # else TF's check needs the step's value
                _check_unique(op, unique, int(dense_output_dim0))
            return rows, unique.astype(indices.dtype)
        return grad_v2
    return lower


def _lower_segment_sum(op, jx):
    return lambda data, segment_ids: jx.jax.ops.segment_sum(data, segment_ids, _last_id_rows(op, segment_ids))


@shape_fn
def _grad_shape(ctx, attrs):
    _check_grad_inputs(ctx)
    dim0 = ctx.value(3)
    if dim0 is not None and dim0 < 0:
        raise ctx.error("Cannot specify a negative value for output_dim0")
    return TensorShape([None if dim0 is None else int(dim0)]).concatenate(_rest(ctx.shape(0)))


@shape_fn
def _with_num_segments_shape(ctx, attrs):
    ctx.with_rank_at_least(0, 1)
    ctx.with_rank(1, 1)
    ctx.with_rank(2, 1)
    ctx.with_rank(3, 0)
    merge_shapes(ctx.shape(1), ctx.shape(2), ctx)
    n = ctx.value(3)
    return TensorShape([None if n is None else int(n)]).concatenate(_rest(ctx.shape(0)))


_INDEX_ATTRS = {"Tidx": dtype_lists.INDEX, "Tsegmentids": dtype_lists.INDEX}
_INDEX_DEFAULTS = {"Tidx": dtypes.int32, "Tsegmentids": dtypes.int32}
for _type, _types, _scale in (("Sum", _SUM_TYPES, None), ("Mean", _MEAN_TYPES, _mean), ("SqrtN", _MEAN_TYPES, _sqrtn)):
    registry.register(OpDef(
        f"SparseSegment{_type}", inputs=["data: T", "indices: Tidx", "segment_ids: Tsegmentids"],
        outputs=["output: T"], attrs={"T": _types, **_INDEX_ATTRS},
        defaults={**_INDEX_DEFAULTS, "sparse_gradient": False},
        shape=_reduction_shape, factory=_sparse_segment_factory(_scale), lower=_lower_sparse_segment(_scale, False)))
    registry.register(OpDef(
        f"SparseSegment{_type}WithNumSegments",
        inputs=["data: T", "indices: Tidx", "segment_ids: Tsegmentids", "num_segments: Tnumsegments"],
        outputs=["output: T"], attrs={"T": _types, "Tnumsegments": dtype_lists.INDEX, **_INDEX_ATTRS},
        defaults={**_INDEX_DEFAULTS, "Tnumsegments": dtypes.int32, "sparse_gradient": False},
        shape=_with_num_segments_shape, factory=_sparse_segment_factory(_scale),
        lower=_lower_sparse_segment(_scale, True)))
    registry.register(OpDef(
        f"SparseSegment{_type}Grad",
        inputs=["grad: T", "indices: Tidx", "segment_ids: Tsegmentids", "output_dim0: int32"],
        outputs=["output: T"], attrs={"T": _MEAN_TYPES, **_INDEX_ATTRS}, defaults=dict(_INDEX_DEFAULTS),
        shape=_grad_shape, factory=_grad_factory(_scale), lower=_lower_grad(_scale)))
    registry.register(OpDef(
        f"SparseSegment{_type}GradV2",
        inputs=["grad: T", "indices: Tidx", "segment_ids: Tsegmentids", "dense_output_dim0: int32"],
        outputs=["output: T", "sorted_unique_indices: Tidx"], attrs={"T": _MEAN_TYPES, **_INDEX_ATTRS},
        defaults=dict(_INDEX_DEFAULTS), shape=_grad_v2_shape, factory=_grad_v2_factory(_scale),
        lower=_lower_grad_v2(_scale)))


def _sparse_segment(op_type):
    def reduce(data, indices, segment_ids, name=None, num_segments=None, sparse_gradient=False):
        attrs = {"sparse_gradient": bool(sparse_gradient)}
        if num_segments is not None:
            return create_output(f"{op_type}WithNumSegments", [data, indices, segment_ids, num_segments], attrs,
                                 name=name)
        return create_output(op_type, [data, indices, segment_ids], attrs, name=name)
    return reduce


sparse_segment_sum = _sparse_segment("SparseSegmentSum")
sparse_segment_sum.__doc__ = """Sums of the rows of ``data`` picked by ``indices``, one per
segment id (``SparseSegmentSum``; ids sorted).

>>> import scopeflow as tf
>>> with tf.Graph().as_default():
...     s = tf.sparse.segment_sum([[1.0], [2.0], [4.0]], [0, 2, 1], [0, 0, 1])
...     print(tf.Session().run(s).tolist())
[[5.0], [2.0]]
"""
sparse_segment_mean = _sparse_segment("SparseSegmentMean")
sparse_segment_mean.__doc__ = "``sparse_segment_sum`` divided by each segment's size (``SparseSegmentMean``)."
sparse_segment_sqrt_n = _sparse_segment("SparseSegmentSqrtN")
sparse_segment_sqrt_n.__doc__ = ("``sparse_segment_sum`` divided by the square root of each segment's size "
                                 "(``SparseSegmentSqrtN``).")


def sparse_segment_grad(op_type, grad, indices, segment_ids, output_dim0, name=None):
    """A ``SparseSegment{Sum,Mean,SqrtN}Grad`` op: the dense gradient of ``data``."""
    return create_output(f"{op_type}Grad", [grad, indices, segment_ids, output_dim0], name=name)


def sparse_segment_grad_v2(op_type, grad, indices, segment_ids, dense_output_dim0, name=None):
    """A ``SparseSegment{Sum,Mean,SqrtN}GradV2`` op: ``(rows, sorted unique indices)`` of the
    gradient of ``data`` (an ``IndexedSlices``'s values and indices)."""
    return create(f"{op_type}GradV2", [grad, indices, segment_ids, dense_output_dim0], name=name).outputs


# -- SegmentSum ------------------------------------------------------------------------------------
@shape_fn
def _segment_sum_shape(ctx, attrs):
    ctx.with_rank_at_least(0, 1)
    ctx.with_rank(1, 1)
    return TensorShape([None]).concatenate(_rest(ctx.shape(0)))


def _segment_sum_factory(op, state):
    def segment_sum(data, segment_ids):
        require(op, segment_ids.ndim == 1, "segment_ids should be a vector.")
        require(op, len(segment_ids) == (data.shape[0] if data.ndim else 1),
                "segment_ids should be the same size as dimension 0 of input.")
        rows = _last_id_rows(op, segment_ids)
        out = np.zeros((rows,) + data.shape[1:], data.dtype)
        for sid, start, end in _segments(op, segment_ids):
            require(op, 0 <= sid < rows, f"Segment id {sid} out of range [0, {rows}), possibly because "
                                         f"'segment_ids' input is not sorted.")
            out[sid] = data[start:end].sum(axis=0)
        return out
    return segment_sum


registry.register(OpDef("SegmentSum", inputs=["data: T", "segment_ids: Tindices"], outputs=["output: T"],
                        attrs={"T": dtype_lists.NUMBER, "Tindices": dtype_lists.INDEX},
                        shape=_segment_sum_shape, factory=_segment_sum_factory,
                        lower=checked(_lower_segment_sum)))


def segment_sum(data, segment_ids, name=None):
    """Sums of the rows of ``data`` sharing a (sorted) segment id (``SegmentSum``).

    >>> import scopeflow as tf
    >>> from scopeflow._src.ops.sparse.segments import segment_sum
    >>> with tf.Graph().as_default():
    ...     print(tf.Session().run(segment_sum([1, 2, 3], [0, 0, 1])).tolist())
    [3, 3]
    """
    return create_output("SegmentSum", [data, segment_ids], name=name)
