"""Helpers shared by the ``functional_ops`` conformance cases (no cases here)."""

from tests.conformance.harness import grad_info, names, raises, run, shape_of  # noqa: F401 - the cases' helpers


def sig(t):
    """``[name, dtype, static shape]`` of one tensor."""
    return [t.name, t.dtype.name, shape_of(t)]


def sigs(ts):
    return [sig(t) for t in ts]




def summary(tf):
    """``[name, type]`` of every op in the graph."""
    return [[op.name, op.type] for op in tf.get_default_graph().get_operations()]


def loop_names(tf, prefix):
    """Names of the ops whose name starts with ``prefix``, in creation order."""
    return [op.name for op in tf.get_default_graph().get_operations() if op.name.startswith(prefix)]






def first_line(fn, *args, **kwargs):
    """``raises``, keeping only the first line of an error message."""
    got = raises(fn, *args, **kwargs)
    if "error" in got:
        got["message"] = got["message"].split("\n", 1)[0]
    return got
