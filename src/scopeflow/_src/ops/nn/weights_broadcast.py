"""TF's ``weights_broadcast_ops``: checking that loss and metric weights broadcast to the
values they weight, and broadcasting them, with TF's op names (``assert_broadcastable/...``,
``broadcast_weights``).

Where only a run-time check can tell (ranks or dimensions unknown while building), the check
is TF's ``Assert`` of a ``cond`` on the ranks and a set difference of the dimensions; the
control-flow and set ops it needs load on first use then.
"""

from __future__ import annotations

import importlib

from scopeflow._src.framework import tensor_util
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import control_dependencies, name_scope
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.control import control_flow_ops

_BROADCAST_PREFIX = "weights can not be broadcast to values."


def assert_broadcastable(weights, values):
    """A ``NoOp`` when ``weights`` provably broadcast to ``values``; TF's ``ValueError`` when
    they provably do not; else TF's run-time ``Assert`` (see module doc)."""
    with name_scope(None, "assert_broadcastable", (weights, values)) as scope:
        with name_scope(None, "weights", (weights,)) as weights_scope:
            weights = convert_to_tensor(weights, name=weights_scope)
            weights_shape = array_ops.shape(weights, name="shape")
            weights_rank = array_ops.rank(weights, name="rank")
        with name_scope(None, "values", (values,)) as values_scope:
            values = convert_to_tensor(values, name=values_scope)
            values_shape = array_ops.shape(values, name="shape")
            values_rank = array_ops.rank(values, name="rank")
        weights_rank_static = tensor_util.constant_value(weights_rank)
        values_rank_static = tensor_util.constant_value(values_rank)
        if weights_rank_static is None or values_rank_static is None:
            return _run_time_check(scope, weights, weights_shape, weights_rank, values, values_shape, values_rank)
        if weights_rank_static == 0:
            return control_flow_ops.no_op(name="static_scalar_check_success")
        if weights_rank_static != values_rank_static:
            raise ValueError(f"{_BROADCAST_PREFIX} values.rank={values_rank_static}. weights.rank="
                             f"{weights_rank_static}. values.shape={values.shape}. weights.shape={weights.shape}. "
                             f"Received weights={weights}, values={values}")
        weights_static = tensor_util.constant_value(weights_shape)
        values_static = tensor_util.constant_value(values_shape)
        if weights_static is None or values_static is None:
            return _run_time_check(scope, weights, weights_shape, weights_rank, values, values_shape, values_rank)
        for i, (w, v) in enumerate(zip(weights_static, values_static)):
            if w not in (1, v):
                raise ValueError(f"{_BROADCAST_PREFIX} Mismatch at dim {i}. values.shape={values_static}, "
                                 f"weights.shape={weights_static}. Received weights={weights}, values={values}")
        return control_flow_ops.no_op(name="static_dims_check_success")


def _run_time_check(scope, weights, weights_shape, weights_rank, values, values_shape, values_rank):
    """TF's ``Assert`` that ``weights`` are a scalar or of ``values``' rank with each dimension
    1 or ``values``' (a ``SetDifference`` of the dimensions), under ``cond``s."""
    # the control-flow and set ops cost import time: loaded when a check needs them
    control = importlib.import_module("scopeflow._src.ops.control.api")
    sets = importlib.import_module("scopeflow._src.ops.sets.api")

    def has_valid_dims():
        with name_scope(None, "has_invalid_dims", (weights_shape, values_shape)) as dims_scope:
            values_shape_2d = array_ops.expand_dims(values_shape, -1)
            valid_dims = array_ops.concat((values_shape_2d, array_ops.ones_like(values_shape_2d)), axis=1)
            weights_shape_2d = array_ops.expand_dims(weights_shape, -1)
            invalid_dims = sets.set_difference(weights_shape_2d, valid_dims)
            num_invalid_dims = array_ops.size(invalid_dims.values, name="num_invalid_dims")
            return math_ops.equal(0, num_invalid_dims, name=dims_scope)

    def has_valid_nonscalar_shape():
        with name_scope(None, "has_valid_nonscalar_shape",
                        (weights_rank, weights_shape, values_rank, values_shape)) as shape_scope:
            is_same_rank = math_ops.equal(values_rank, weights_rank, name="is_same_rank")
            return control.cond(is_same_rank, has_valid_dims, lambda: is_same_rank, name=shape_scope)

    is_scalar = math_ops.equal(0, weights_rank, name="is_scalar")
    data = (_BROADCAST_PREFIX, "weights.shape=", weights.name, weights_shape, "values.shape=", values.name,
            values_shape, "is_scalar=", is_scalar)
    is_valid_shape = control.cond(is_scalar, lambda: is_scalar, has_valid_nonscalar_shape, name="is_valid_shape")
    return control.Assert(is_valid_shape, data, name=scope)


def depending_on(check):
    """``control_dependencies`` on ``check`` (an ``assert_broadcastable`` result), if any."""
    return control_dependencies([check] if check is not None else [])


def broadcast_weights(weights, values):
    """``weights`` broadcast to the shape of ``values`` (``weights * ones_like(values)``),
    unless the static shapes already match."""
    with name_scope(None, "broadcast_weights", (weights, values)) as scope:
        values = convert_to_tensor(values, name="values")
        weights = convert_to_tensor(weights, dtype=values.dtype.base_dtype, name="weights")
        if weights.shape.is_fully_defined() and values.shape.is_fully_defined() and \
                weights.shape.is_compatible_with(values.shape):
            return weights
        with depending_on(assert_broadcastable(weights, values)):
            return math_ops.multiply(weights, array_ops.ones_like(values), name=scope)
