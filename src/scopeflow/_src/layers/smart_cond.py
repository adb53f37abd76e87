"""``smart_cond`` for the layers' ``training=`` argument, without a ``tf.cond``.

TensorFlow picks a branch at build time when the predicate is a Python bool or a tensor
whose value is known (``tf.constant(True)``), and otherwise builds a ``tf.cond``
(``Switch``/``Merge`` ops in a ``cond`` name scope). scopeflow has no ``tf.cond`` yet, so
for a predicate known only at run time it builds BOTH branches in the ``cond`` scope and
joins each pair of outputs with a ``SelectV2`` op named ``Merge`` (``dropout/cond/Merge:0``
as in TensorFlow). The values are TensorFlow's for the branches the layers build, because
their stateful branches (the moving-average updates of batch normalization) are written so
that the untaken branch changes nothing. Differences from TensorFlow: no ``Switch`` or
``switch_t``/``switch_f``/``pred_id`` ops, ``Merge`` has type ``SelectV2``, and the random
ops of an untaken dropout branch still run (so random sequences advance on every run).
"""

from __future__ import annotations

from scopeflow._src.framework import op_builder, tensor_util
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.variables.variable import RefVariable


def constant_value(pred):
    """The Python bool of ``pred`` when known at build time, else ``None`` (tf-keras's rule)."""
    if isinstance(pred, int) and not isinstance(pred, bool) and pred in (0, 1):
        pred = bool(pred)
    if isinstance(pred, bool):
        return pred
    if _is_variable(pred):
        return None
    if isinstance(pred, Tensor):
        value = tensor_util.constant_value(pred)
        return None if value is None else bool(value)
    return pred


def smart_cond(pred, true_fn, false_fn, name=None):
    """``true_fn()`` or ``false_fn()`` when ``pred`` is known now, else both joined by ``pred``."""
    if not callable(true_fn):
        raise TypeError(f"Argument `true_fn` must be callable. Received {true_fn}")
    if not callable(false_fn):
        raise TypeError(f"Argument `false_fn` must be callable. Received {false_fn}")
    if _is_variable(pred):
        return select_cond(pred, true_fn, false_fn, name)
    if isinstance(pred, Tensor):
        value = tensor_util.constant_value(pred)
    elif isinstance(pred, bool) or pred in (0, 1):
        value = bool(pred)
    else:
        raise TypeError(f"Argument `pred` must be a Tensor, or a Python bool, or 1 or 0. Received: pred={pred} "
                        f"of type {type(pred).__name__}")
    if value is not None:
        return true_fn() if value else false_fn()
    return select_cond(pred, true_fn, false_fn, name)


def select_cond(pred, true_fn, false_fn, name=None):
    """Both branches under ``cond/``, each output pair joined by a ``SelectV2`` named ``Merge``."""
    with name_scope(name, "cond", [pred]):
        pred = convert_to_tensor(pred)
        true_out = _as_tensors(true_fn())
        false_out = _as_tensors(false_fn())
        if len(true_out) != len(false_out):
            raise ValueError("true_fn and false_fn must return the same number of outputs, got "
                             f"{len(true_out)} and {len(false_out)}")
        merged = [op_builder.create("SelectV2", [pred, t, f], name="Merge")._outputs[0]
                  for t, f in zip(true_out, false_out)]
    return tuple(merged) if isinstance(true_out, _Many) else merged[0]


class _Many(tuple):
    """Marks a branch result that was a tuple or list (so the joined result is one too)."""


def _as_tensors(result):
    if isinstance(result, (list, tuple)):
        return _Many(convert_to_tensor(r) for r in result)
    return [convert_to_tensor(result)]


def _is_variable(value) -> bool:
    return isinstance(value, RefVariable)
