"""The gradients of the debugging ops: ``Print`` passes its input's gradient through (its data
gets none), ``CheckNumerics`` checks the gradient too, as in TensorFlow."""

from __future__ import annotations

from scopeflow._src.framework.registry import gradient
from scopeflow._src.ops.debugging.numerics import check_numerics


@gradient("Print")
def _print_grad(op, grad):
    return [grad] + [None] * (len(op.inputs) - 1)


@gradient("CheckNumerics")
def _check_numerics_grad(op, grad):
    return check_numerics(grad, "Not a number (NaN) or infinity (Inf) values detected in gradient. "
                          f"{op.get_attr('message')}")

