"""``UnsortedSegmentJoin`` (``tf.strings.unsorted_segment_join``): the strings of each segment
joined in order, like ``unsorted_segment_sum`` for text; an empty segment is ``""``."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.tensor_shape import UNKNOWN, TensorShape
from scopeflow._src.ops.common import dtype_lists
from scopeflow._src.ops.common.shape_context import shape_fn


@shape_fn
def _segment_join_shape(ctx, attrs):
    data, ids = ctx.shape(0), ctx.shape(1)
    n = ctx.value(2)
    if data.ndims is None or ids.ndims is None:
        return UNKNOWN
    return TensorShape([None if n is None else int(n)] + data.as_list()[ids.ndims:])


def _segment_join_factory(op, state):
    separator = op._attrs.get("separator", "").encode("utf-8")

    def segment_join(values, ids, num_segments):
        n = int(num_segments)
        values = np.asarray(values, dtype=object)
        flat_ids = ids.reshape(-1)
        if flat_ids.size and (flat_ids.min() < 0 or flat_ids.max() >= n):
            raise errors.InvalidArgumentError(
                None, op, "segment_ids are not allowed to exceed num_segments or to have negative values.")
        rows = values.reshape((flat_ids.size, -1) if flat_ids.size else (0, max(1, values.size)))
        inner = values.shape[ids.ndim:]
        parts = [[[] for _ in range(rows.shape[1])] for _ in range(n)]
        for row, seg in zip(rows.tolist(), flat_ids.tolist()):
            for j, text in enumerate(row):
                parts[seg][j].append(text)
        out = np.empty((n, int(np.prod(inner, dtype=np.int64))), dtype=object)
        for i in range(n):
            for j in range(out.shape[1]):
                out[i, j] = separator.join(parts[i][j])
        return out.reshape((n,) + inner)
    return segment_join


registry.register(OpDef("UnsortedSegmentJoin", inputs=["inputs: string", "segment_ids: Tindices",
                                                       "num_segments: Tnumsegments"],
                        outputs=["output: string"], attrs={"Tindices": dtype_lists.INDEX,
                                                           "Tnumsegments": dtype_lists.INDEX},
                        defaults={"separator": "", "Tnumsegments": dtypes.int32}, shape=_segment_join_shape,
                        factory=_segment_join_factory))


def unsorted_segment_join(inputs, segment_ids, num_segments, separator="", name=None):
    """The strings of ``inputs`` joined with ``separator`` per segment: row ``i`` (the leading
    axes that ``segment_ids`` covers) goes to segment ``segment_ids[i]``, in order.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     t = tf.strings.unsorted_segment_join(["a", "b", "c"], [1, 0, 1], 3, separator=":")
    ...     print(tf.Session().run(t).tolist())
    [b'b', b'a:c', b'']
    """
    return create_output("UnsortedSegmentJoin", [inputs, segment_ids, num_segments], {"separator": separator},
                         name=name)
