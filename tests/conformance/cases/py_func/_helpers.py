"""Helpers shared by the ``py_func`` conformance cases (no cases here).

A token (``pyfunc_<n>``) counts every py_func a process has built, so cases show it as
``pyfunc_N`` and compare tokens only with each other."""

import re

import numpy as np

from tests.conformance.harness import raises, run_error


def no_token(value):
    """``value`` (a message or a result holding messages) with each ``pyfunc_<n>`` as ``pyfunc_N``."""
    if isinstance(value, str):
        return re.sub(r"pyfunc_\d+", "pyfunc_N", value)
    if isinstance(value, dict):
        return {k: no_token(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [no_token(v) for v in value]
    return value


def token_number(op) -> int:
    """The ``<n>`` of an op's ``pyfunc_<n>`` token."""
    token = op.get_attr("token")
    assert token.startswith(b"pyfunc_"), token
    return int(token[len(b"pyfunc_"):])


def run_err(tf, fetch, feed=None):
    """Error class and last message line of running ``fetch``, tokens hidden."""
    return no_token(run_error(tf, fetch, feed))


def build_err(fn, *args, **kwargs):
    """``raises`` for building a graph, tokens hidden."""
    return no_token(raises(fn, *args, **kwargs))


def kind(value):
    """What a Python function got: its class name, NumPy dtype, shape and value."""
    return [type(value).__name__, str(getattr(value, "dtype", None)), list(np.shape(value)),
            value.tolist() if isinstance(value, np.ndarray) else value]


def attrs(op):
    """An op's type, ``Tin``, ``Tout`` and other attributes (the token as ``pyfunc_N``)."""
    names = sorted(op.node_def.attr)
    return {"type": op.type, "attrs": names, "Tin": [d.name for d in op.get_attr("Tin")],
            "Tout": [d.name for d in op.get_attr("Tout")], "token": no_token(op.get_attr("token").decode())}
