"""Helpers for elementwise op definitions: registering a broadcasting binary op, and kernels
that compute quietly (TF returns inf/nan where NumPy would also warn)."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import registry
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.ops import shape_fns


def quiet(fn):
    """``fn(x, y)`` in the inputs' result dtype. (Floating-point warnings are off wherever
    kernels run: the executor and build-time constant evaluation use ``np.errstate``.)"""
    def kernel(x, y):
        return np.asarray(fn(x, y)).astype(np.result_type(x, y), copy=False)
    return kernel


def register_binary(op_type, allowed, grad, kernel=None, factory=None):
    """Register ``op_type(x: T, y: T) -> z: T`` with broadcasting shapes, TF's runtime error
    for shapes that do not broadcast, and (unless not differentiable) ``broadcasts=True``:
    ``grad`` returns output-shaped gradients that ``tf.gradients`` reduces."""
    if factory is None:
        factory = shape_fns.broadcasting(kernel)
    else:
        factory = (lambda inner: lambda op, state: shape_fns.with_broadcast_error(op, inner(op, state)))(factory)
    registry.register(OpDef(op_type, inputs=["x: T", "y: T"], outputs=["z: T"], attrs={"T": allowed},
                            shape=shape_fns.broadcast, factory=factory, grad=grad,
                            broadcasts=grad is not registry.NO_GRADIENT))
