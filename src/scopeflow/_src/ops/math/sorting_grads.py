"""Gradients of ``sorting.py``'s and ``sequences.py``'s ops, as TF registers them: ``Roll``
rolls back, ``IdentityN`` and ``EnsureShape`` pass gradients through; ``LinSpace`` and the bit
shifts are not differentiable (``LowerBound``, ``UniqueWithCounts``, ``DenseBincount`` ... have
no rule in TF either: ``tf.gradients`` raises its ``LookupError``)."""

from __future__ import annotations

from scopeflow._src.framework.registry import gradient, not_differentiable
from scopeflow._src.ops.math import sorting

not_differentiable("LinSpace", "LeftShift", "RightShift")


@gradient("Roll")
def _roll_grad(op, grad):
    shift, axis = op._inputs[1], op._inputs[2]
    return sorting.roll(grad, -shift, axis), None, None


@gradient("IdentityN")
def _identity_n_grad(op, *grads):
    return list(grads)


@gradient("EnsureShape")
def _ensure_shape_grad(op, grad):
    return grad
