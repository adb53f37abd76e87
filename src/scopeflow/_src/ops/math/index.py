"""Integer index ops that gradients build: ``ListDiff`` (``tf.setdiff1d``), ``DynamicStitch``
and ``ParallelDynamicStitch`` (``tf.dynamic_stitch``), and their inverse ``DynamicPartition``
(``tf.dynamic_partition``, which ``maybe_batch`` uses to keep the rows of a batch).
(``BroadcastGradientArgs`` and ``InvertPermutation`` are array ops, reached as
``array_ops.broadcast_gradient_args`` and ``array_ops.invert_permutation``.)"""

from __future__ import annotations

import collections

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry, tensor_util
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.shape_inference import ShapeError, merge_shapes
from scopeflow._src.framework.tensor_shape import UNKNOWN, TensorShape
from scopeflow._src.ops.common.lowering import checked, static
from scopeflow._src.ops.common.shape_context import shape_fn
from scopeflow._src.ops.common.shape_fns import dims_text


def _vector(inputs, attrs, count=1):
    for t in inputs:
        if t.shape.ndims is not None and t.shape.ndims != 1:
            raise ShapeError(f"Shape must be rank 1 but is rank {t.shape.ndims}")
    return [TensorShape([None])] * count


# -- ListDiff ------------------------------------------------------------------------------------
def _list_diff_factory(op, state):
    idx_type = op._attrs["out_idx"].as_numpy_dtype

    def kernel(x, y):
        x = np.asarray(x)
        keep = ~np.isin(x, np.asarray(y))
        return x[keep], np.nonzero(keep)[0].astype(idx_type)
    return kernel


registry.register(OpDef("ListDiff", inputs=["x: T", "y: T"], outputs=["out: T", "idx: out_idx"],
                        shape=lambda i, a: _vector(i, a, 2), factory=_list_diff_factory,
                        defaults={"out_idx": dtypes.int32}))


ListDiff = collections.namedtuple("ListDiff", ["out", "idx"])


def list_diff(x, y, out_idx=dtypes.int32, name=None):
    """``ListDiff(out, idx)``: the values of ``x`` not in ``y`` and their positions
    (TF's ``ListDiff`` op, ``tf.setdiff1d``)."""
    op = create("ListDiff", [x, y], {"out_idx": dtypes.as_dtype(out_idx)}, name=name)
    return ListDiff(op._outputs[0], op._outputs[1])


def setdiff1d(x, y, index_dtype=dtypes.int32, name=None):
    """``tf.setdiff1d``: see ``list_diff``."""
    return list_diff(x, y, index_dtype, name=name)


# -- DynamicStitch -------------------------------------------------------------------------------
def _dynamic_stitch_shape(inputs, attrs):
    n = attrs["N"]
    indices, data = inputs[:n], inputs[n:]
    extra = None
    for idx, d in zip(indices, data):
        ir, dd = idx.shape.ndims, d.shape.as_tuple()
        if ir is None or dd is None:
            continue
        extra = TensorShape(dd[ir:]) if extra is None else merge_shapes(extra, TensorShape(dd[ir:]))
    values = [tensor_util.constant_value(i) for i in indices]
    first = None if any(v is None for v in values) else max((int(np.max(v)) + 1 for v in values if v.size),
                                                             default=0)
    if extra is None:
        return UNKNOWN
    return TensorShape([first]).concatenate(extra)


def _dynamic_stitch_kernel(*args):
    n = len(args) // 2
    indices, data = args[:n], args[n:]
    size = max((int(np.max(i)) + 1 for i in indices if np.size(i)), default=0)
    first = np.asarray(data[0])
    tail = first.shape[np.ndim(indices[0]):]
    out = np.zeros((size,) + tail, dtype=first.dtype)
    try:
        for idx, d in zip(indices, data):
            flat = np.asarray(idx).reshape(-1)
            if flat.size and flat.min() < 0:  # NumPy would count from the end
                raise IndexError
            out[flat] = np.asarray(d).reshape((-1,) + tail)
    except (ValueError, IndexError):  # TF's words for the first input that does not fit
        raise errors.InvalidArgumentError(None, None, _dynamic_stitch_problem(indices, data)) from None
    return out


def _dynamic_stitch_problem(indices, data):
    first, first_rank = np.shape(data[0]), np.ndim(indices[0])
    for i, (idx, d) in enumerate(zip(indices, data)):
        ishape, dshape = np.shape(idx), np.shape(d)
        if dshape[:len(ishape)] != ishape:
            return f"data[{i}].shape = {dims_text(dshape)} does not start with indices[{i}].shape = {dims_text(ishape)}"
        if i and dshape[len(ishape):] != first[first_rank:]:
            return (f"Need data[0].shape[{first_rank}:] = data[{i}].shape[{len(ishape)}:], got data[0].shape = "
                    f"{dims_text(first)}, data[{i}].shape = {dims_text(dshape)}, indices[0].shape = "
                    f"{dims_text(np.shape(indices[0]))}, indices[{i}].shape = {dims_text(ishape)}")
    for idx in indices:
        flat = np.asarray(idx).reshape(-1)
        if flat.size and flat.min() < 0:
            return f"indices[{int(np.argmax(flat < 0))}] is out of range"
    return "DynamicStitch failed"


def _lower_dynamic_stitch(op, jx):
    def dynamic_stitch(*args):  # the indices must be known when compiling (gradients' are: shape arithmetic)
        half = len(args) // 2
        indices = [static(i, "indices") for i in args[:half]]
        data = args[half:]
        rows = 1 + max((int(i.max()) for i in indices if i.size), default=-1)
        inner = data[0].shape[indices[0].ndim:]
        out = jx.jnp.zeros((rows,) + inner, data[0].dtype)
        for idx, d in zip(indices, data):  # later inputs win, as the kernel's
            out = out.at[idx.reshape(-1)].set(d.reshape((-1,) + inner))
        return out
    return dynamic_stitch


for _type in ("DynamicStitch", "ParallelDynamicStitch"):  # one result when no index repeats
    registry.register(OpDef(_type, inputs=["indices: N*int32", "data: N*T"], outputs=["merged: T"],
                            shape=_dynamic_stitch_shape, kernel=_dynamic_stitch_kernel,
                            lower=checked(_lower_dynamic_stitch, lambda n: range(n // 2, n))))


def dynamic_stitch(indices, data, name=None):
    """Interleave ``data`` into one tensor at positions ``indices`` (a ``DynamicStitch`` op)."""
    return create("DynamicStitch", [list(indices), list(data)], name=name)._outputs[0]


def parallel_dynamic_stitch(indices, data, name=None):
    """``dynamic_stitch`` as a ``ParallelDynamicStitch`` op (what TF's gradients build)."""
    return create("ParallelDynamicStitch", [list(indices), list(data)], name=name)._outputs[0]


# -- DynamicPartition ----------------------------------------------------------------------------
@shape_fn
def _dynamic_partition_shape(ctx, attrs):
    data, partitions = ctx.inputs[0].shape.as_tuple(), ctx.inputs[1].shape.as_tuple()
    count = attrs["num_partitions"]
    if data is None or partitions is None:
        return [UNKNOWN] * count
    if len(data) < len(partitions):
        raise ctx.error(f"Shape must be at least rank {len(partitions)} but is rank {len(data)}")
    for a, b in zip(data, partitions):
        if a is not None and b is not None and a != b:
            raise ctx.error(f"Dimensions must be equal, but are {a} and {b}")
    return [TensorShape((None,) + data[len(partitions):])] * count


def _dynamic_partition_factory(op, state):
    count = op._attrs["num_partitions"]

    def dynamic_partition(data, partitions):
        data, partitions = np.asarray(data), np.asarray(partitions)
        if data.shape[:partitions.ndim] != partitions.shape:
            raise errors.InvalidArgumentError(
                None, op, f"data.shape must start with partitions.shape, got data.shape = {dims_text(data.shape)}, "
                          f"partitions.shape = {dims_text(partitions.shape)}")
        flat = partitions.reshape(-1)
        bad = np.flatnonzero((flat < 0) | (flat >= count))
        if bad.size:
            where = dims_text(np.unravel_index(int(bad[0]), partitions.shape)) if partitions.ndim else ""
            raise errors.InvalidArgumentError(None, op, f"partitions{where} = {int(flat[bad[0]])} is not in "
                                                        f"[0, {count})")
        rows = data.reshape((flat.size,) + data.shape[partitions.ndim:])
        return tuple(rows[flat == i] for i in range(count))
    return dynamic_partition


registry.register(OpDef("DynamicPartition", inputs=["data: T", "partitions: int32"],
                        outputs=["outputs: num_partitions*T"], shape=_dynamic_partition_shape,
                        factory=_dynamic_partition_factory))


def dynamic_partition(data, partitions, num_partitions, name=None):
    """``data`` split by ``partitions`` (ints in ``[0, num_partitions)``, the shape of the
    start of ``data``'s): output ``i`` holds, in order, the slices whose partition is ``i``.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     parts = tf.dynamic_partition([10, 20, 30, 40], [1, 0, 1, 1], 2)
    ...     print([p.name for p in parts], [v.tolist() for v in tf.Session().run(parts)])
    ['DynamicPartition:0', 'DynamicPartition:1'] [[20], [10, 30, 40]]
    """
    if num_partitions < 1:
        with name_scope(name, "DynamicPartition"):  # TF names the op before it checks its attributes
            raise ValueError(f"Attr 'num_partitions' of 'DynamicPartition' Op passed {num_partitions} less than "
                             "minimum 1.")
    return create("DynamicPartition", [data, partitions], {"num_partitions": int(num_partitions)}, name=name).outputs
