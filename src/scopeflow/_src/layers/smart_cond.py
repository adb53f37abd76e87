"""``smart_cond`` for the layers' ``training=`` argument: TensorFlow picks a branch at build
time when the predicate is a Python bool or a tensor whose value is known
(``tf.constant(True)``), and otherwise builds a ``tf.cond``."""

from __future__ import annotations

from scopeflow._src.framework import tensor_util
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.variables.variable import RefVariable


def constant_value(pred):
    """The Python bool of ``pred`` when known at build time, else ``None`` (tf-keras's rule)."""
    if isinstance(pred, int) and not isinstance(pred, bool) and pred in (0, 1):
        pred = bool(pred)
    if isinstance(pred, bool):
        return pred
    if isinstance(pred, RefVariable):
        return None
    if isinstance(pred, Tensor):
        value = tensor_util.constant_value(pred)
        return None if value is None else bool(value)
    return pred


def cond(pred, true_fn, false_fn, name):
    from scopeflow._src.ops.control.api import cond as tf_cond  # the control flow loads on first use
    return tf_cond(pred, true_fn=true_fn, false_fn=false_fn, name=name)


def smart_cond(pred, true_fn, false_fn, name=None):
    """``true_fn()`` or ``false_fn()`` when ``pred`` is known now, else a ``tf.cond``."""
    if not callable(true_fn):
        raise TypeError(f"Argument `true_fn` must be callable. Received {true_fn}")
    if not callable(false_fn):
        raise TypeError(f"Argument `false_fn` must be callable. Received {false_fn}")
    if isinstance(pred, RefVariable):
        return cond(pred, true_fn=true_fn, false_fn=false_fn, name=name)
    if isinstance(pred, Tensor):
        value = tensor_util.constant_value(pred)
    elif isinstance(pred, bool) or pred in (0, 1):
        value = bool(pred)
    else:
        raise TypeError(f"Argument `pred` must be a Tensor, or a Python bool, or 1 or 0. Received: pred={pred} "
                        f"of type {type(pred).__name__}")
    if value is not None:
        return true_fn() if value else false_fn()
    return cond(pred, true_fn=true_fn, false_fn=false_fn, name=name)
