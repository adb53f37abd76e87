"""TF's ``weights_broadcast_ops``: checking that loss and metric weights broadcast to the
values they weight, and broadcasting them, with TF's op names (``assert_broadcastable/...``,
``broadcast_weights``).

Differs from TF: where only a run-time check could tell (ranks known but dimensions not),
TF builds an ``Assert`` under ``cond``; scopeflow builds no check there (the ``Mul`` still
refuses incompatible shapes at run time), so those graphs lack TF's check ops.
"""

from __future__ import annotations

from scopeflow._src.framework import tensor_util
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import control_dependencies, name_scope
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.control import control_flow_ops

_BROADCAST_PREFIX = "weights can not be broadcast to values."


def assert_broadcastable(weights, values):
    """A ``NoOp`` when ``weights`` provably broadcast to ``values``; TF's ``ValueError`` when
    they provably do not; ``None`` when only a run-time check could tell (see module doc)."""
    with name_scope(None, "assert_broadcastable", (weights, values)):
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
            return None
        if weights_rank_static == 0:
            return control_flow_ops.no_op(name="static_scalar_check_success")
        if weights_rank_static != values_rank_static:
            raise ValueError(f"{_BROADCAST_PREFIX} values.rank={values_rank_static}. weights.rank="
                             f"{weights_rank_static}. values.shape={values.shape}. weights.shape={weights.shape}. "
                             f"Received weights={weights}, values={values}")
        weights_static = tensor_util.constant_value(weights_shape)
        values_static = tensor_util.constant_value(values_shape)
        if weights_static is None or values_static is None:
            return None
        for i, (w, v) in enumerate(zip(weights_static, values_static)):
            if w not in (1, v):
                raise ValueError(f"{_BROADCAST_PREFIX} Mismatch at dim {i}. values.shape={values_static}, "
                                 f"weights.shape={weights_static}. Received weights={weights}, values={values}")
        return control_flow_ops.no_op(name="static_dims_check_success")


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
