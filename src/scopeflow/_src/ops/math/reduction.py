"""Reductions over axes: ``Sum``, ``Mean``, ``Max``, ``Min``, ``Prod``, ``Any``, ``All``,
``EuclideanNorm``, and the TF1 wrappers ``tf.reduce_*`` (``axis``/``reduction_indices``,
``keepdims``/``keep_dims``), ``reduce_logsumexp`` and ``count_nonzero``.

As in TensorFlow, ``axis=None`` reduces every dimension through a ``Const`` of
``range(rank)`` built beside the op (or ``Rank``/``range`` ops when the rank is unknown or
zero); gradients live in ``reduction_grads.py``.
"""

from __future__ import annotations

import math

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry, tensor_util
from scopeflow._src.framework.constant_op import constant, convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.shape_inference import ShapeError
from scopeflow._src.framework.tensor_shape import UNKNOWN, TensorShape
from scopeflow._src.ops.array.creation import ones, zeros
from scopeflow._src.ops.array.creation import range as range_
from scopeflow._src.ops.array.identity import stop_gradient
from scopeflow._src.ops.array.shapes import rank, reshape, shape, size
from scopeflow._src.ops.common import attr_defaults, blas, dtype_lists, shape_fns
from scopeflow._src.ops.common.arguments import deprecated_argument_lookup
from scopeflow._src.ops.common.lowering import static
from scopeflow._src.ops.math.arithmetic import add, subtract
from scopeflow._src.ops.math.cast import cast
from scopeflow._src.ops.math.comparison import not_equal
from scopeflow._src.ops.math.index import dynamic_stitch
from scopeflow._src.ops.math.unary import exp, is_finite, log


# -- shapes and kernels ------------------------------------------------------------------------
def _reduction_shape(inputs, attrs):
    """TF's ``ReductionShape``: exact when the axes are constant and the rank known."""
    axes_shape = inputs[1].shape
    if axes_shape.ndims is not None and axes_shape.ndims > 1:
        raise ShapeError(f"Shape must be at most rank 1 but is rank {axes_shape.ndims}")
    dims = inputs[0].shape.as_tuple()
    axes = shape_fns.evaluate_constant(inputs[1])
    keep = attrs.get("keep_dims", False)
    if axes is None or dims is None:
        return TensorShape([None] * len(dims)) if keep and dims is not None else UNKNOWN
    ndims = len(dims)
    chosen = set()
    for a in np.atleast_1d(axes).tolist():
        if a < -ndims or a >= ndims:
            raise ShapeError(f"Invalid reduction dimension {a} for input with {ndims} dimensions.",
                             shape_fns.computed_suffix(1, axes))
        chosen.add(a % ndims)
    if keep:
        return TensorShape([1 if i in chosen else d for i, d in enumerate(dims)])
    return TensorShape([d for i, d in enumerate(dims) if i not in chosen])


def _axes(op, x, axes):
    """Reduction axes as a sorted tuple, with TF's runtime errors."""
    ndims = np.ndim(x)
    out = []
    for a in np.atleast_1d(axes).tolist():
        if a < -ndims or a >= ndims:
            raise errors.InvalidArgumentError(
                None, op, f"Invalid reduction dimension ({a} for input with {ndims} dimension(s)")
        a %= ndims
        if a in out:
            raise errors.InvalidArgumentError(
                None, op, f"Invalid reduction arguments: Axes contains duplicate dimension: {a}")
        out.append(a)
    return tuple(sorted(out))


def _sum(x, axis, keepdims):
    """``np.add.reduce``, or one BLAS product when the axes are leading ones (see ``blas.sum_leading``)."""
    if axis == tuple(range(len(axis))):
        total = blas.sum_leading(x, len(axis))
        if total is not None:
            return total.reshape((1,) * len(axis) + total.shape) if keepdims else total
    return np.add.reduce(x, axis=axis, keepdims=keepdims, dtype=x.dtype)


def _mean(x, axis, keepdims):
    total = _sum(x, axis, keepdims)
    count = math.prod(x.shape[a] for a in axis) if axis else 1
    if x.dtype.kind in "fc":
        return np.true_divide(total, count).astype(x.dtype, copy=False)  # nan for an empty reduction
    if count == 0:
        return np.zeros_like(total)
    return (np.sign(total) * (np.abs(total) // count)).astype(x.dtype)  # C++ truncating division


def _extreme(fn, pick):
    def reduce(x, axis, keepdims):
        if x.dtype.kind == "f":
            initial = np.array(np.inf if pick == "min" else -np.inf, x.dtype)
        elif x.dtype.kind in "iu":
            info = np.iinfo(x.dtype)
            initial = info.max if pick == "min" else info.min
        else:
            initial = np.array(True if pick == "min" else False)
        return fn(x, axis=axis, keepdims=keepdims, initial=initial)
    return reduce


def _euclidean_norm(x, axis, keepdims):
    squares = np.sum((x * np.conj(x)), axis=axis, keepdims=keepdims, dtype=x.dtype)
    return np.sqrt(squares).astype(x.dtype)


_KERNELS = {
    "Sum": _sum,
    "Prod": lambda x, axis, keepdims: np.multiply.reduce(x, axis=axis, keepdims=keepdims, dtype=x.dtype),
    "Mean": _mean,
    "Max": _extreme(np.max, "max"),
    "Min": _extreme(np.min, "min"),
    "Any": lambda x, axis, keepdims: np.any(x, axis=axis, keepdims=keepdims),
    "All": lambda x, axis, keepdims: np.all(x, axis=axis, keepdims=keepdims),
    "EuclideanNorm": _euclidean_norm,
}


def _reduction_factory(op, state):
    fn = _KERNELS[op._type]
    keep = op._attrs.get("keep_dims", False)
    last = [None, None]  # ((axes, rank), parsed): the same axes are checked once, not per run

    def kernel(x, axes):
        x = np.asarray(x)
        key = (np.asarray(axes).tolist(), x.ndim)
        if key != last[0]:
            last[:] = key, _axes(op, x, axes)
        return np.asarray(fn(x, last[1], keep), dtype=x.dtype)
    return kernel


def _sum_leading(op):
    """How many leading axes ``op`` (a ``Sum``) reduces, when its axes are constant ``0..k-1``."""
    axes = tensor_util.constant_value(op._inputs[1])
    if axes is not None and axes.ndim <= 1 and sorted(axes.reshape(-1).tolist()) == list(range(axes.size)):
        return axes.size
    return None


def _lower_mean(jnp, lax, x, axis, keepdims):
    total = jnp.sum(x, axis=axis, keepdims=keepdims, dtype=x.dtype)
    count = math.prod(x.shape[a] for a in axis) if axis else 1
    if jnp.issubdtype(x.dtype, jnp.inexact):
        return total / count
    return lax.div(total, jnp.asarray(max(count, 1), x.dtype))  # C++ truncating division


def _lower_extreme(pick):
    def reduce(jnp, lax, x, axis, keepdims):
        fn = jnp.max if pick == "max" else jnp.min
        if jnp.issubdtype(x.dtype, jnp.floating):
            initial = -np.inf if pick == "max" else np.inf
        elif jnp.issubdtype(x.dtype, jnp.integer):
            info = jnp.iinfo(x.dtype)
            initial = info.min if pick == "max" else info.max
        else:
            initial = pick == "min"
        return fn(x, axis=axis, keepdims=keepdims, initial=initial)
    return reduce


_LOWERINGS = {
    "Sum": lambda jnp, lax, x, axis, keepdims: jnp.sum(x, axis=axis, keepdims=keepdims, dtype=x.dtype),
    "Prod": lambda jnp, lax, x, axis, keepdims: jnp.prod(x, axis=axis, keepdims=keepdims, dtype=x.dtype),
    "Mean": _lower_mean,
    "Max": _lower_extreme("max"),
    "Min": _lower_extreme("min"),
    "Any": lambda jnp, lax, x, axis, keepdims: jnp.any(x, axis=axis, keepdims=keepdims),
    "All": lambda jnp, lax, x, axis, keepdims: jnp.all(x, axis=axis, keepdims=keepdims),
    "EuclideanNorm": lambda jnp, lax, x, axis, keepdims: jnp.sqrt(
        jnp.sum(x * jnp.conj(x), axis=axis, keepdims=keepdims, dtype=x.dtype)),
}


def _lower_reduction(op, jx):
    fn, keep = _LOWERINGS[op._type], op._attrs.get("keep_dims", False)
    return lambda x, axes: fn(jx.jnp, jx.lax, x, _axes(op, x, static(axes, "reduction axes")), keep)


for _type, _allowed in (("Sum", dtype_lists.NUMBER), ("Mean", dtype_lists.NUMBER), ("Prod", dtype_lists.NUMBER),
                        ("Max", dtype_lists.REAL_Q), ("Min", dtype_lists.REAL_Q), ("EuclideanNorm", dtype_lists.NUMBER),
                        ("Any", None), ("All", None)):
    registry.register(OpDef(
        _type, inputs=["input: bool" if _allowed is None else "input: T", "reduction_indices: Tidx"],
        outputs=["output: bool" if _allowed is None else "output: T"],
        attrs={"Tidx": dtype_lists.INDEX} if _allowed is None else {"T": _allowed, "Tidx": dtype_lists.INDEX},
        shape=_reduction_shape, factory=_reduction_factory, leading_sum=_sum_leading if _type == "Sum" else None,
        defaults=attr_defaults.REDUCTION, lower=_lower_reduction))


# -- public wrappers -------------------------------------------------------------------------

def _reduction_dims(x, axis):
    """TF's ``_ReductionDims``: ``axis``, or all axes of ``x``."""
    if axis is not None:
        return axis
    ndims = getattr(getattr(x, "shape", None), "ndims", None) if not isinstance(x, (list, tuple)) else None
    if ndims:
        return constant(np.arange(ndims, dtype=np.int32))
    return range_(0, rank(x))


def _may_reduce_to_scalar(keepdims, axis, output):
    if not output.shape.is_fully_defined() and not keepdims and axis is None:
        output.set_shape(())
    return output


def _reduce(op_type, input_tensor, axis, keepdims, name):
    keepdims = False if keepdims is None else bool(keepdims)
    dims = _reduction_dims(input_tensor, axis)
    attrs = {"keep_dims": keepdims}
    if isinstance(dims, Tensor) or hasattr(dims, "_as_graph_element"):
        out = create(op_type, [input_tensor, dims], attrs, name=name)._outputs[0]
    else:
        with name_scope(name, op_type, [input_tensor]) as scope:
            x = input_tensor if isinstance(input_tensor, Tensor) else convert_to_tensor(input_tensor, name="input")
            dims = convert_index(dims, "reduction_indices")
            out = create(op_type, [x, dims], attrs, name=scope)._outputs[0]
    return _may_reduce_to_scalar(keepdims, axis, out)


def convert_index(value, arg_name, allowed=(dtypes.int32, dtypes.int64)):
    """A Python index argument converted as TF's op helper does for an attr with default
    int32: as inferred, and again as int32 (a second ``Const``) when the inferred dtype is
    not allowed, e.g. for ``[]``; TF's ``TypeError`` when that fails too."""
    first = convert_to_tensor(value, name=arg_name)
    if first.dtype.base_dtype in allowed:
        return first
    try:
        return convert_to_tensor(value, dtype=dtypes.int32, name=arg_name)
    except (TypeError, ValueError):
        names = ", ".join(d.name for d in allowed)
        raise TypeError(f"Value passed to parameter '{arg_name}' has DataType {first.dtype.base_dtype.name} not in "
                        f"list of allowed values: {names}") from None


def _v1(op_type, doc):
    def reduce(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None, keep_dims=None):
        axis = deprecated_argument_lookup("axis", axis, "reduction_indices", reduction_indices)
        keepdims = deprecated_argument_lookup("keepdims", keepdims, "keep_dims", keep_dims)
        return _reduce(op_type, input_tensor, axis, keepdims, name)
    reduce.__doc__ = doc
    return reduce


reduce_sum = _v1("Sum", """The sum over ``axis`` (all axes if ``None``): a ``Sum`` op.

    >>> import scopeflow as tf
    >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    >>> s = tf.reduce_sum(x, axis=1, keepdims=True)
    >>> s.name, s.shape.as_list()
    ('Sum:0', [2, 1])
    """)
reduce_mean = _v1("Mean", "The mean over ``axis`` (a ``Mean`` op; integer means truncate as in TF).")
reduce_max = _v1("Max", "The maximum over ``axis`` (a ``Max`` op; ``-inf`` for an empty reduction).")
reduce_min = _v1("Min", "The minimum over ``axis`` (a ``Min`` op; ``+inf`` for an empty reduction).")
reduce_prod = _v1("Prod", "The product over ``axis`` (a ``Prod`` op).")
reduce_any = _v1("Any", "Logical or over ``axis`` of a bool tensor (an ``Any`` op).")
reduce_all = _v1("All", "Logical and over ``axis`` of a bool tensor (an ``All`` op).")
for _f, _n in ((reduce_sum, "reduce_sum"), (reduce_mean, "reduce_mean"), (reduce_max, "reduce_max"),
               (reduce_min, "reduce_min"), (reduce_prod, "reduce_prod"), (reduce_any, "reduce_any"),
               (reduce_all, "reduce_all")):
    _f.__name__ = _f.__qualname__ = _n


def reduce_euclidean_norm(input_tensor, axis=None, keepdims=False, name=None):
    """``sqrt(sum(x**2))`` over ``axis`` (a ``EuclideanNorm`` op)."""
    return _reduce("EuclideanNorm", input_tensor, axis, bool(keepdims), name)


def reduce_logsumexp(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None, keep_dims=None):
    """``log(sum(exp(x)))`` over ``axis``, computed stably as TensorFlow builds it."""
    axis = deprecated_argument_lookup("axis", axis, "reduction_indices", reduction_indices)
    keepdims = bool(deprecated_argument_lookup("keepdims", keepdims, "keep_dims", keep_dims))
    with name_scope(name, "ReduceLogSumExp", [input_tensor]) as scope:
        raw_max = reduce_max(input_tensor, axis=axis, keepdims=True)
        my_max = stop_gradient(
            create("SelectV2", [is_finite(raw_max), raw_max, 0])._outputs[0])
        result = log(reduce_sum(exp(subtract(input_tensor, my_max)), axis=axis,
                                          keepdims=keepdims))
        if not keepdims:
            my_max = reshape(my_max, create("Shape", [result], {"out_type": dtypes.int32})._outputs[0])
        result = add(result, my_max, name=scope)
        return _may_reduce_to_scalar(keepdims, axis, result)


def count_nonzero(input_tensor=None, axis=None, keepdims=None, dtype=dtypes.int64, name=None,
                  reduction_indices=None, keep_dims=None, input=None):  # noqa: A002 - TF's argument
    """The number of non-zero elements over ``axis``, as ``dtype`` (int64 by default)."""
    keepdims = bool(deprecated_argument_lookup("keepdims", keepdims, "keep_dims", keep_dims))
    input_tensor = deprecated_argument_lookup("input", input, "input_tensor", input_tensor)
    axis = deprecated_argument_lookup("axis", axis, "reduction_indices", reduction_indices)
    with name_scope(name, "count_nonzero", [input_tensor]):
        x = convert_to_tensor(input_tensor, name="input")
        if x.dtype.base_dtype == dtypes.bool:
            predicate = x
        else:
            predicate = not_equal(x, zeros([], dtype=x.dtype.base_dtype))
        counts = reduce_sum(cast(predicate, dtypes.int64), axis=axis, keepdims=keepdims)
        return cast(counts, dtype)


def reduced_shape(input_shape, axes):
    """TF's ``math_ops.reduced_shape``: the shape with ``axes`` set to 1 (NumPy when both are
    known at build time, else ``DynamicStitch`` ops)."""
    shape_value = tensor_util.constant_value(input_shape) if isinstance(input_shape, Tensor) else input_shape
    if shape_value is not None:
        axes_value = tensor_util.constant_value(axes) if isinstance(axes, Tensor) else axes
        if axes_value is not None:
            out = np.array(shape_value, dtype=np.int32)
            out[np.array(axes_value, dtype=np.int32)] = 1
            return out
    axes = convert_to_tensor(axes)
    input_rank = size(input_shape, out_type=axes.dtype)
    axes = (axes + input_rank) % input_rank
    axes_shape = shape(axes)
    return dynamic_stitch([range_(input_rank), axes],
                                   [input_shape, ones(axes_shape, dtype=input_shape.dtype)])
