"""Helpers shared by the ``tensor_array`` conformance cases (no cases here)."""

import re

from tests.conformance.harness import grad_info, names, run, run_error, shape_of  # noqa: F401 - the cases' helpers

# A TensorArray's run-time resource is named "<op name>_<N>", N from a process-wide counter that
# depends on how many TensorArrays ran before: dropped from messages on both sides.
_RESOURCE_COUNTER = re.compile(r"\b(TensorArray [\w/]+?)_\d+\b")


def ta_run_error(tf, fetches, feed=None):
    """``run_error`` with the TensorArray resource counter normalised to ``_N``."""
    got = run_error(tf, fetches, feed)
    if "message" in got:
        got["message"] = _RESOURCE_COUNTER.sub(r"\1_N", got["message"])
    return got


def detail(tf, start=0):
    """``[name, type, input names, control input names]`` of every op from the ``start``-th on."""
    return [[op.name, op.type, [t.name for t in op.inputs], [c.name for c in op.control_inputs]]
            for op in tf.get_default_graph().get_operations()[start:]]


def n_ops(tf):
    return len(tf.get_default_graph().get_operations())


def summary(tf, start=0):
    """``[name, type]`` of every op from the ``start``-th on."""
    return [[op.name, op.type] for op in tf.get_default_graph().get_operations()[start:]]


def sig(t):
    """``[name, dtype, static shape]`` of one tensor."""
    return [t.name, t.dtype.name, shape_of(t)]





