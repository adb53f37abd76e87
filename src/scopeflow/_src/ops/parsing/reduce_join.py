"""``ReduceJoin`` (``tf.strings.reduce_join``): the strings along some axes joined with a
separator, as ``reduce_sum`` adds numbers."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry
from scopeflow._src.framework.constant_op import constant, convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.tensor_shape import UNKNOWN, TensorShape
from scopeflow._src.ops.array.creation import range as range_
from scopeflow._src.ops.array.shapes import rank
from scopeflow._src.ops.common.shape_context import shape_fn


def _axes(op, axes, ndims):
    out = []
    for a in np.asarray(axes).reshape(-1).tolist():
        if not -ndims <= a < ndims:
            raise errors.InvalidArgumentError(None, op, f"Invalid reduction dimension {a} for input with {ndims} "
                                                        "dimensions")
        a = a % ndims
        if a in out:
            raise errors.InvalidArgumentError(None, op, f"Duplicate reduction dimension {a}")
        out.append(a)
    return out


def _reduce_join_factory(op, state):
    separator = op._attrs.get("separator", "").encode("utf-8")
    keep_dims = op._attrs.get("keep_dims", False)

    def reduce_join(values, axes):
        values = np.asarray(values, dtype=object)
        axes = _axes(op, axes, values.ndim)
        kept = [d for d in range(values.ndim) if d not in axes]
        moved = np.transpose(values, kept + axes[::-1])  # TF: the first axis listed varies fastest
        shape = moved.shape[:len(kept)]
        flat = moved.reshape(int(np.prod(shape, dtype=np.int64)), -1)
        out = np.empty(len(flat), dtype=object)
        out[...] = [separator.join(row.tolist()) for row in flat] if len(flat) else []
        out = out.reshape(shape)
        if keep_dims:
            out = out.reshape([1 if d in axes else n for d, n in enumerate(values.shape)])
        return out
    return reduce_join


@shape_fn
def _reduce_join_shape(ctx, attrs):
    keep, n = attrs.get("keep_dims", False), ctx.shape(0).ndims
    value = ctx.value(1)
    if n is None or value is None:
        return TensorShape([None] * n) if keep and n is not None else UNKNOWN
    axes = set()
    for a in np.asarray(value).reshape(-1).tolist():
        if not -n <= a < n:
            raise ctx.error(f"Invalid reduction dimension {a} for input with {n} dimensions.")
        if a % n in axes:
            raise ctx.error(f"Duplicate reduction dimension {a % n}")
        axes.add(a % n)
    dims = ctx.shape(0).as_list()
    return TensorShape([1 if d in axes else s for d, s in enumerate(dims)] if keep else
                       [s for d, s in enumerate(dims) if d not in axes])


registry.register(OpDef("ReduceJoin", inputs=["inputs: string", "reduction_indices: int32"],
                        outputs=["output: string"], defaults={"keep_dims": False, "separator": ""},
                        shape=_reduce_join_shape, factory=_reduce_join_factory))


def reduce_join(inputs, axis=None, keep_dims=None, separator="", name=None, reduction_indices=None,
                keepdims=None):
    """The strings of ``inputs`` joined with ``separator`` along ``axis`` (all axes by default),
    the reduced axes kept with length 1 when ``keepdims``. ``reduction_indices`` and
    ``keep_dims`` are the old names.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     t = tf.strings.reduce_join([["a", "b"], ["c", "d"]], axis=1, separator=",")
    ...     print(tf.Session().run(t).tolist())
    [b'a,b', b'c,d']
    """
    if keep_dims is not None and keepdims is not None:
        raise ValueError("Cannot specify both 'keep_dims' and 'keepdims'.")
    if axis is not None and reduction_indices is not None:
        raise ValueError("Cannot specify both 'reduction_indices' and 'axis'.")
    keepdims = bool(keep_dims if keepdims is None else keepdims)
    axis = reduction_indices if axis is None else axis
    with name_scope(None, "ReduceJoin", [inputs, axis]):  # TF names the op inside: ReduceJoin/<name>
        inputs = convert_to_tensor(inputs)
        if axis is None:
            n = inputs.shape.ndims
            axis = (constant(np.arange(n - 1, -1, -1), dtype=dtypes.int32) if n is not None else
                    range_(rank(inputs) - 1, -1, -1))
        return create_output("ReduceJoin", [inputs, axis], {"keep_dims": keepdims, "separator": separator},
                             name=name)
