"""Helpers the distributions share: logits and probabilities from either (TF's
``get_logits_and_probs``)."""

from __future__ import annotations

from scopeflow._src.framework.constant_op import constant, convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.ops import math_ops, nn_ops
from scopeflow._src.ops.control.control_flow_ops import with_dependencies
from scopeflow._src.ops.debugging import api as check_ops


def get_logits_and_probs(logits=None, probs=None, multidimensional=False, validate_args=False,
                         name="get_logits_and_probs", dtype=None):
    """``(logits, probs)`` from exactly one of them: sigmoid/softmax of logits, or log-odds/log of
    probs (with ``validate_args``, probs checked to be in [0, 1] or to sum to 1)."""
    with name_scope(name, values=[probs, logits]):
        if (probs is None) == (logits is None):
            raise ValueError("Must pass probs or logits, but not both.")
        if probs is None:
            logits = convert_to_tensor(logits, name="logits", dtype=dtype)
            if not logits.dtype.is_floating:
                raise TypeError("logits must having floating type.")
            if multidimensional:
                return logits, nn_ops.softmax(logits, name="probs")
            return logits, math_ops.sigmoid(logits, name="probs")
        probs = convert_to_tensor(probs, name="probs", dtype=dtype)
        if not probs.dtype.is_floating:
            raise TypeError("probs must having floating type.")
        if validate_args:
            with name_scope("validate_probs"):
                one = constant(1.0, probs.dtype)
                dependencies = [check_ops.assert_non_negative(probs)]
                if multidimensional:
                    dependencies.append(check_ops.assert_near(math_ops.reduce_sum(probs, -1), one,
                                                              message="probs does not sum to 1."))
                else:
                    dependencies.append(check_ops.assert_less_equal(probs, one,
                                                                    message="probs has components greater than 1."))
                probs = with_dependencies(dependencies, probs)
        with name_scope("logits"):
            if multidimensional:
                return math_ops.log(probs), probs
            return math_ops.log(probs) - math_ops.log1p(-1.0 * probs), probs
