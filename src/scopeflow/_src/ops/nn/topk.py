"""``top_k`` and ``in_top_k``: the ``TopKV2`` and ``InTopKV2`` ops and their wrappers."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry, tensor_util
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create, create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.shape_inference import ShapeError
from scopeflow._src.framework.tensor_shape import UNKNOWN, TensorShape
from scopeflow._src.ops.common import dtype_lists
from scopeflow._src.ops.common.lowering import all_inputs, checked, static
from scopeflow._src.ops.common.shape_fns import dims_text


# -- TopKV2, InTopKV2 ---------------------------------------------------------------------------
def _computed(index, value):
    return f" and with computed input tensors: input[{index}] = <{value}>"


def _top_k_shape(inputs, attrs):
    shape = inputs[0].shape
    if shape.ndims is not None and shape.ndims < 1:
        raise ShapeError("Shape must be at least rank 1 but is rank 0")
    k = tensor_util.constant_value(inputs[1])
    k = None if k is None else int(k)
    if k is not None and k < 0:
        raise ShapeError(f"Dimension size, given by scalar input 1, must be non-negative but is {k}",
                         _computed(1, k))
    if shape.ndims is None:
        return [UNKNOWN, UNKNOWN]
    dims = shape.as_list()
    if k is not None and dims[-1] is not None and dims[-1] < k:
        raise ShapeError(f"input must have last dimension >= k = {k} but is {dims[-1]}", _computed(1, k))
    out = TensorShape(dims[:-1] + [k])
    return [out, out]


def _top_k_factory(op, state):
    index_type = op._attrs["index_type"].as_numpy_dtype

    def kernel(x, k):
        k = int(k)
        if k < 0 or not x.ndim or x.shape[-1] < k:
            raise _runtime_error(op, f"Need k >= 0, got {k}" if k < 0 else
                                 f"input must be >= 1-D, got shape {dims_text(x.shape)}" if not x.ndim else
                                 f"input must have at least k columns. Had {x.shape[-1]}, needed {k}")
        keys = -x.astype(np.int64) if x.dtype.kind == "u" else -x
        idx = np.argsort(keys, axis=-1, kind="stable")[..., :k]
        return np.take_along_axis(x, idx, axis=-1), idx.astype(index_type)
    return kernel


def _runtime_error(op, message):
    return errors.InvalidArgumentError(None, op, message)


def _lower_top_k(op, jx):
    def top_k(x, k):
        values, indices = jx.lax.top_k(x, int(static(k, "k")))
        return values, indices
    return top_k


registry.register(OpDef("TopKV2", inputs=["input: T", "k: Tk"], outputs=["values: T", "indices: index_type"],
                        attrs={"T": dtype_lists.REAL, "Tk": dtype_lists.types("int16,int32,int64")}, shape=_top_k_shape,
                        factory=_top_k_factory,
                        defaults={"sorted": True, "Tk": dtypes.int32, "index_type": dtypes.int32},
                        lower=checked(_lower_top_k)))


def top_k(input, k=1, sorted=True, index_type=dtypes.int32, name=None):  # noqa: A002 - TF's names
    """The ``k`` largest entries of the last axis and their indices (a ``TopKV2`` op).

    Ties go to the lower index, as in TensorFlow. ``sorted=False`` still returns them sorted.
    """
    attrs = {"sorted": bool(sorted), "index_type": dtypes.as_dtype(index_type)}
    op = create("TopKV2", [input, k], attrs, name=name)
    return _TopK(op._outputs[0], op._outputs[1])


class _TopK(tuple):
    """``(values, indices)`` with ``.values`` and ``.indices``, as TF's namedtuple."""

    def __new__(cls, values, indices):
        return super().__new__(cls, (values, indices))

    values = property(lambda self: self[0])
    indices = property(lambda self: self[1])


def _in_top_k_shape(inputs, attrs):
    pred, targets, k = (t.shape for t in inputs)
    for shape, rank in ((pred, 2), (targets, 1), (k, 0)):
        if shape.ndims is not None and shape.ndims != rank:
            raise ShapeError(f"Shape must be rank {rank} but is rank {shape.ndims}")
    batch = None if pred.ndims is None else pred.as_list()[0]
    other = None if targets.ndims is None else targets.as_list()[0]
    if batch is not None and other is not None and batch != other:
        raise ShapeError(f"Dimensions must be equal, but are {batch} and {other}")
    return TensorShape([batch if batch is not None else other])


def _in_top_k_factory(op, state):
    def kernel(predictions, targets, k):
        if predictions.ndim != 2 or targets.ndim != 1 or predictions.shape[0] != targets.shape[0]:
            raise errors.InvalidArgumentError(
                None, op, f"First dimension of predictions {predictions.shape[0] if predictions.ndim else 0} must "
                          f"match length of targets {targets.shape[0] if targets.ndim else 0}")
        return _in_top_k(predictions, targets, k)
    return kernel


def _in_top_k(predictions, targets, k):
    rows = np.arange(predictions.shape[0])
    valid = (targets >= 0) & (targets < predictions.shape[1])
    target_pred = predictions[rows, np.where(valid, targets, 0)]
    finite = np.isfinite(predictions).all(axis=1) & np.isfinite(target_pred)
    better = (predictions > target_pred[:, None]).sum(axis=1)
    return valid & finite & (better < k)


def _lower_in_top_k(op, jx):
    jnp = jx.jnp

    def in_top_k(predictions, targets, k):
        valid = (targets >= 0) & (targets < predictions.shape[1])
        target_pred = jnp.take_along_axis(predictions, jnp.where(valid, targets, 0)[:, None], axis=1)[:, 0]
        finite = jnp.isfinite(predictions).all(axis=1) & jnp.isfinite(target_pred)
        better = (predictions > target_pred[:, None]).sum(axis=1)
        return valid & finite & (better < k)
    return in_top_k


registry.register(OpDef("InTopKV2", inputs=["predictions: float32", "targets: T", "k: T"],
                        outputs=["precision: bool"], attrs={"T": dtype_lists.types("int32,int64")},
                        shape=_in_top_k_shape, factory=_in_top_k_factory,
                        defaults={"T": dtypes.int32},
                        lower=checked(_lower_in_top_k, all_inputs)))


def in_top_k(predictions, targets, k, name=None):
    """Whether each ``targets[i]`` is among the ``k`` largest ``predictions[i]`` (``InTopKV2``).

    As in TensorFlow, the op is named ``in_top_k/InTopKV2`` (or ``<name>/<name>``).
    """
    with name_scope(name, "in_top_k"):
        return create_output("InTopKV2", [predictions, targets, k], name=name)
