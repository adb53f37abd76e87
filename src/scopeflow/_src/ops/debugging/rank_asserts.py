"""``tf.assert_rank``, ``tf.assert_rank_at_least`` and ``tf.assert_rank_in``, as TensorFlow
builds them: when the rank of ``x`` and the wanted ranks are known while building, a wrong
rank raises ``ValueError`` at once and a right one gives a ``no_op``
(``static_checks_determined_all_ok``); otherwise a ``tf.Assert`` on ``Rank(x)`` checks it
when it runs (and a wanted rank not known while building is first checked to be a scalar).
"""

from __future__ import annotations

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.sparse_tensor import SparseTensor
from scopeflow._src.framework.tensor_util import constant_value
from scopeflow._src.ops.array.shapes import rank as rank_op
from scopeflow._src.ops.array.shapes import shape
from scopeflow._src.ops.control.assert_op import Assert
from scopeflow._src.ops.control.control_flow_ops import no_op, with_dependencies
from scopeflow._src.ops.debugging.static_checks import assert_type, message_prefix
from scopeflow._src.ops.math_ops import equal, greater_equal, logical_or


class _StaticFailure(Exception):
    def __init__(self, actual, wanted):
        super().__init__(actual, wanted)
        self.actual, self.wanted = actual, wanted


def _ranks_condition(x, ranks, static_condition, dynamic_condition, data, summarize):
    for r in ranks:
        assert_type(r, dtypes.int32)
    statics = tuple(constant_value(r) for r in ranks)
    if all(s is not None for s in statics):
        if any(s.ndim != 0 for s in statics):
            raise ValueError("Rank must be a scalar.")
        if x.get_shape().ndims is not None:
            if not static_condition(x.get_shape().ndims, statics):
                raise _StaticFailure(x.get_shape().ndims, statics)
            return no_op(name="static_checks_determined_all_ok")
    condition = dynamic_condition(rank_op(x), ranks)
    for r, s in zip(ranks, statics):
        if s is None:
            check = assert_rank(r, 0, data=["Rank must be a scalar. Received rank: ", r])
            condition = with_dependencies([check], condition)
    return Assert(condition, data, summarize=summarize)


def _x_and_name(x):
    if isinstance(x, SparseTensor):
        return x, ""
    x = convert_to_tensor(x, name="x")
    return x, x.name


def assert_rank(x, rank, data=None, summarize=None, message=None, name=None):
    """An op that fails the run unless ``x`` has rank ``rank`` (``ValueError`` at once when
    both are known and differ, a ``no_op`` when they are known and agree).

    >>> import scopeflow as tf
    >>> tf.assert_rank(tf.zeros([2, 3]), 2).name
    'assert_rank/static_checks_determined_all_ok'
    """
    with name_scope(name, "assert_rank", (x, rank) + tuple(data or [])):
        x, x_name = _x_and_name(x)
        rank = convert_to_tensor(rank, name="rank")
        message = message_prefix(message)
        if data is None:
            data = [message, f"Tensor {x_name} must have rank", rank, "Received shape: ", shape(x)]
        try:
            return _ranks_condition(x, (rank,), lambda a, w: a == w[0], lambda a, w: equal(a, w[0]), data,
                                    summarize)
        except _StaticFailure as e:
            raise ValueError(f"{message}Tensor {x_name} must have rank {int(e.wanted[0])}.  Received rank "
                             f"{e.actual}, shape {x.get_shape()}") from None


def assert_rank_at_least(x, rank, data=None, summarize=None, message=None, name=None):
    """An op that fails the run unless ``x`` has rank ``rank`` or more.

    >>> import scopeflow as tf
    >>> tf.assert_rank_at_least(tf.zeros([2, 3]), 1).name
    'assert_rank_at_least/static_checks_determined_all_ok'
    """
    with name_scope(name, "assert_rank_at_least", (x, rank) + tuple(data or [])):
        x = convert_to_tensor(x, name="x")
        rank = convert_to_tensor(rank, name="rank")
        message = message_prefix(message)
        if data is None:
            data = [message, f"Tensor {x.name} must have rank at least", rank, "Received shape: ", shape(x)]
        try:
            return _ranks_condition(x, (rank,), lambda a, w: a >= w[0], lambda a, w: greater_equal(a, w[0]), data,
                                    summarize)
        except _StaticFailure as e:
            raise ValueError(f"{message}Tensor {x.name} must have rank at least {int(e.wanted[0])}.  Received rank "
                             f"{e.actual}, shape {x.get_shape()}") from None


def _rank_in(actual, wanted):
    if not wanted:
        return convert_to_tensor(False)
    result = equal(wanted[0], actual)
    for w in wanted[1:]:
        result = logical_or(result, equal(w, actual))
    return result


def assert_rank_in(x, ranks, data=None, summarize=None, message=None, name=None):
    """An op that fails the run unless the rank of ``x`` is one of ``ranks``.

    >>> import scopeflow as tf
    >>> tf.assert_rank_in(tf.zeros([2]), (1, 2)).name
    'assert_rank_in/static_checks_determined_all_ok'
    """
    with name_scope(name, "assert_rank_in", (x,) + tuple(ranks) + tuple(data or [])):
        x, x_name = _x_and_name(x)
        ranks = tuple(convert_to_tensor(r, name="rank") for r in ranks)
        message = message_prefix(message)
        if data is None:
            data = [message, f"Tensor {x_name} must have rank in"] + list(ranks) + ["Received shape: ", shape(x)]
        try:
            return _ranks_condition(x, ranks, lambda a, w: a in w, _rank_in, data, summarize)
        except _StaticFailure as e:
            wanted = tuple(r.item() for r in e.wanted)
            raise ValueError(f"{message}Tensor {x_name} must have rank in {wanted}.  Received rank {e.actual}, "
                             f"shape {x.get_shape()}") from None
