"""Helpers for elementwise op definitions: registering a broadcasting binary op, and kernels
that compute quietly (TF returns inf/nan where NumPy would also warn)."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import registry
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.ops.common import shape_fns
from scopeflow._src.ops.common.lowering import jnp_fn


def quiet_unary(fn):
    """``fn(x)`` in ``x``'s dtype (see ``quiet``)."""
    def kernel(x):
        x = np.asarray(x)
        return np.asarray(fn(x)).astype(x.dtype, copy=False)
    return kernel


def quiet(fn):
    """``fn(x, y)`` in the inputs' result dtype. (Floating-point warnings are off wherever
    kernels run: the executor and build-time constant evaluation use ``np.errstate``.)"""
    def kernel(x, y):
        return np.asarray(fn(x, y)).astype(np.result_type(x, y), copy=False)
    return kernel


def register_binary(op_type, allowed, kernel=None, factory=None, scalar_operator=None, lower=None):
    """Register ``op_type(x: T, y: T) -> z: T`` with broadcasting shapes and TF's runtime
    error for shapes that do not broadcast (its gradient rule, registered with
    ``unbroadcast=True``, returns output-shaped gradients that ``tf.gradients`` reduces).
    A NumPy ufunc ``kernel`` lowers to ``jax.numpy``'s function of its name unless ``lower``
    says otherwise."""
    if lower is None and isinstance(kernel, np.ufunc):
        lower = jnp_fn(kernel.__name__)
    if factory is None:
        factory = shape_fns.broadcasting(kernel)
    else:
        factory = (lambda inner: lambda op, state: shape_fns.with_broadcast_error(op, inner(op, state)))(factory)
    registry.register(OpDef(op_type, inputs=["x: T", "y: T"], outputs=["z: T"], attrs={"T": allowed},
                            shape=shape_fns.broadcast, factory=factory, scalar_operator=scalar_operator,
                            lower=lower))
