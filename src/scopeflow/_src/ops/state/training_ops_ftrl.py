"""The fused update ops of FTRL and the proximal and dual-averaging Adagrads: ``ApplyFtrl``,
``ApplyFtrlV2`` (with L2 shrinkage), ``ApplyProximalAdagrad`` and ``ApplyAdagradDA``, and
their sparse forms (``SparseApplyFtrl``, ``SparseApplyFtrlV2``, ``SparseApplyProximalAdagrad``,
``SparseApplyAdagradDA``), which update only the rows ``indices`` of the variable and slots.

As in ``training_ops.py``, each update works in place on the variable's storage, computing
in the variable's dtype in the order of TF's CPU kernels (``training_ops.cc``), which decides
float16's rounding. Like TF's, these ops have no gradient.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, registry
from scopeflow._src.framework.op_builder import create
from scopeflow._src.framework.registry import NUMBER, OpDef
from scopeflow._src.framework.shape_inference import ShapeError, merge_shapes
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops.common import attr_defaults, dtype_lists
from scopeflow._src.ops.state.sparse_training_ops import sparse_kernel, sparse_lowering
from scopeflow._src.ops.state.training_ops import define_update_op, no_kernel, soft_threshold


# -- the update rules (arrays updated in place; scalars are NumPy scalars of the var's dtype) --
def _ftrl_step(var, accum, linear, grad, shrunk_grad, lr, l1, l2, lr_power, by_lr):
    """One FTRL-proximal step; ``shrunk_grad`` is the gradient plus the L2 shrinkage term."""
    two = var.dtype.type(2)
    new_accum = np.multiply(grad, grad)
    new_accum += accum
    if lr_power == var.dtype.type(-0.5):
        new_power, old_power = np.sqrt(new_accum), np.sqrt(accum)
    else:
        new_power, old_power = np.power(new_accum, -lr_power), np.power(accum, -lr_power)
    sigma = np.subtract(new_power, old_power, out=old_power)
    if by_lr:  # TF's multiply_linear_by_lr: linear holds lr * linear
        sigma *= var
        t = np.multiply(shrunk_grad, lr)
        threshold = l1 * lr
        new_power += two * l2 * lr
    else:
        sigma /= lr
        sigma *= var
        t = np.array(shrunk_grad, copy=True)
        threshold = l1
        new_power /= lr
        new_power += two * l2
    t -= sigma
    linear += t
    np.sign(linear, out=t)
    t *= threshold
    t -= linear
    t /= new_power  # the pre-shrink value
    np.abs(linear, out=new_power)
    var[...] = np.where(new_power > threshold, t, var.dtype.type(0))
    accum[...] = new_accum


def _ftrl(multiply_linear_by_lr):
    def update(var, accum, linear, grad, lr, l1, l2, lr_power):
        _ftrl_step(var, accum, linear, grad, grad, lr, l1, l2, lr_power, multiply_linear_by_lr)
    return update


def _ftrl_v2(multiply_linear_by_lr):
    def update(var, accum, linear, grad, lr, l1, l2, l2_shrinkage, lr_power):
        shrunk = np.multiply(var, var.dtype.type(2) * l2_shrinkage)
        shrunk += grad
        _ftrl_step(var, accum, linear, grad, shrunk, lr, l1, l2, lr_power, multiply_linear_by_lr)
    return update


def _ftrl_elements(multiply_linear_by_lr, shrinkage):
    """FTRL on a 1-D variable's rows, as TF's sparse kernel computes single elements (it
    updates ``linear`` as ``(linear + g) - sigma * var`` and clamps instead of selecting)."""
    def update(var, accum, linear, grad, lr, l1, l2, *rest):
        l2_shrinkage, lr_power = rest if shrinkage else (None, rest[0])
        two = var.dtype.type(2)
        g = grad + two * l2_shrinkage * var if shrinkage else grad
        new_accum = accum + grad * grad
        sigma = np.power(new_accum, -lr_power) - np.power(accum, -lr_power)
        power = np.sqrt(new_accum) if lr_power == var.dtype.type(-0.5) else np.power(new_accum, -lr_power)
        if multiply_linear_by_lr:
            new_linear = (linear + g * lr) - sigma * var
            bound, quadratic = l1 * lr, power + two * l2 * lr
        else:
            sigma /= lr
            new_linear = (linear + g) - sigma * var
            bound, quadratic = l1, power / lr + two * l2
        var[...] = (np.clip(new_linear, -bound, bound) - new_linear) / quadratic
        accum[...] = new_accum
        linear[...] = new_linear
    return update


def _proximal_adagrad(var, accum, lr, l1, l2, grad):
    accum += np.square(grad)
    rate = np.sqrt(accum)
    np.reciprocal(rate, out=rate)
    rate *= lr  # Adagrad's per-element learning rate
    t = np.multiply(grad, rate)
    var -= t  # var now holds prox = var - rate * grad
    denom = np.multiply(rate, l2)
    denom += var.dtype.type(1)
    if l1 > 0:
        soft_threshold(var, rate * l1, t)
    var /= denom


def _adagrad_da(var, gacc, gsq, grad, lr, l1, l2, global_step):
    """AdagradDA: ``var = -lr * sign(g) * max(|g| - l1 * step, 0) / (l2 * step * lr + sqrt(gg))``."""
    dtype = var.dtype.type
    gacc += grad
    gsq += np.square(grad)
    step = np.float32(global_step)
    denom = np.sqrt(gsq)
    denom += dtype(l2) * dtype(step * lr)
    if l1 > 0:
        t = np.abs(gacc)
        t -= dtype(step) * l1
        np.maximum(t, 0, out=t)
        np.sign(gacc, out=var)
        var *= lr * dtype(-1)
        var *= t
    else:
        np.multiply(gacc, lr, out=var)
        var *= dtype(-1)
    var /= denom


# -- the same rules for the JAX target: the Ref inputs' new values, from jax.numpy arrays ----------
def _lower_ftrl_step(jnp, var, accum, linear, grad, shrunk_grad, lr, l1, l2, lr_power, by_lr):
    """``_ftrl_step``'s arithmetic, in its order; a traced ``lr_power`` or ``l1`` selects as its branches do."""
    new_accum = grad * grad + accum
    half = lr_power == -0.5
    new_power = jnp.where(half, jnp.sqrt(new_accum), jnp.power(new_accum, -lr_power))
    sigma = new_power - jnp.where(half, jnp.sqrt(accum), jnp.power(accum, -lr_power))
    if by_lr:
        linear = linear + (shrunk_grad * lr - sigma * var)
        threshold, quadratic = l1 * lr, new_power + 2 * l2 * lr
    else:
        linear = linear + (shrunk_grad - sigma / lr * var)
        threshold, quadratic = l1, new_power / lr + 2 * l2
    value = (jnp.sign(linear) * threshold - linear) / quadratic
    return jnp.where(jnp.abs(linear) > threshold, value, 0), new_accum, linear


def _lower_ftrl(jnp, multiply_linear_by_lr):
    def update(var, accum, linear, grad, lr, l1, l2, lr_power):
        return _lower_ftrl_step(jnp, var, accum, linear, grad, grad, lr, l1, l2, lr_power, multiply_linear_by_lr)
    return update


def _lower_ftrl_v2(jnp, multiply_linear_by_lr):
    def update(var, accum, linear, grad, lr, l1, l2, l2_shrinkage, lr_power):
        shrunk = var * (2 * l2_shrinkage) + grad
        return _lower_ftrl_step(jnp, var, accum, linear, grad, shrunk, lr, l1, l2, lr_power, multiply_linear_by_lr)
    return update


def _lower_ftrl_elements(shrinkage):
    """``_ftrl_elements``: the sparse kernels' rule for a 1-D variable (with ``shrinkage``: V2's)."""
    def rule(jnp, multiply_linear_by_lr):
        def update(var, accum, linear, grad, lr, l1, l2, *rest):
            l2_shrinkage, lr_power = rest if shrinkage else (None, rest[0])
            g = grad + 2 * l2_shrinkage * var if shrinkage else grad
            new_accum = accum + grad * grad
            sigma = jnp.power(new_accum, -lr_power) - jnp.power(accum, -lr_power)
            power = jnp.where(lr_power == -0.5, jnp.sqrt(new_accum), jnp.power(new_accum, -lr_power))
            if multiply_linear_by_lr:
                new_linear = (linear + g * lr) - sigma * var
                bound, quadratic = l1 * lr, power + 2 * l2 * lr
            else:
                new_linear = (linear + g) - sigma / lr * var
                bound, quadratic = l1, power / lr + 2 * l2
            return (jnp.clip(new_linear, -bound, bound) - new_linear) / quadratic, new_accum, new_linear
        return update
    return rule


def _lower_proximal_adagrad(jnp):
    def update(var, accum, lr, l1, l2, grad):
        accum = accum + jnp.square(grad)
        rate = 1 / jnp.sqrt(accum) * lr
        prox = var - grad * rate
        prox = jnp.where(l1 > 0, jnp.sign(prox) * jnp.maximum(jnp.abs(prox) - rate * l1, 0), prox)
        return prox / (rate * l2 + 1), accum
    return update


def _lower_adagrad_da(jnp):
    def update(var, gacc, gsq, grad, lr, l1, l2, global_step):
        gacc, gsq = gacc + grad, gsq + jnp.square(grad)
        step = global_step.astype(jnp.float32)  # as the kernel: the step in float32, then in var's dtype
        denom = jnp.sqrt(gsq) + l2 * (step * lr).astype(var.dtype)
        shrunk = jnp.sign(gacc) * (lr * -1) * jnp.maximum(jnp.abs(gacc) - step.astype(var.dtype) * l1, 0)
        return jnp.where(l1 > 0, shrunk, gacc * lr * -1) / denom, gacc, gsq
    return update


# -- dense op definitions ----------------------------------------------------------------------
_DA_KERNEL_TYPES = (dtypes.float32, dtypes.float64)  # TF has no float16 AdagradDA kernels
_FTRL_ATTRS = {"multiply_linear_by_lr": False}
define_update_op("ApplyFtrl", ["var", "accum", "linear", "grad", "lr", "l1", "l2", "lr_power"], 3,
                 ["lr", "l1", "l2", "lr_power"], _ftrl, _FTRL_ATTRS, lower=_lower_ftrl)
define_update_op("ApplyFtrlV2", ["var", "accum", "linear", "grad", "lr", "l1", "l2", "l2_shrinkage", "lr_power"], 3,
                 ["lr", "l1", "l2", "l2_shrinkage", "lr_power"], _ftrl_v2, _FTRL_ATTRS, lower=_lower_ftrl_v2)
define_update_op("ApplyProximalAdagrad", ["var", "accum", "lr", "l1", "l2", "grad"], 2, ["lr", "l1", "l2"],
                 _proximal_adagrad, lower=_lower_proximal_adagrad)
define_update_op("ApplyAdagradDA", ["var", "gradient_accumulator", "gradient_squared_accumulator", "grad", "lr", "l1",
                                    "l2", "global_step"], 3, ["lr", "l1", "l2", "global_step"], _adagrad_da,
                 types={"global_step": "int64"}, kernel_types=_DA_KERNEL_TYPES, lower=_lower_adagrad_da)


# -- sparse op definitions: the same rules on the gathered rows ----------------------------------
def _define_sparse(op_type, inputs, n_refs, scalars, update, attrs=None, types=None, kernel_types=None,
                   element_update=None, lower=None, element_lower=None):
    """Register the sparse form ``op_type`` of a dense rule: ``inputs`` in TF's order, the first
    ``n_refs`` ``Ref``s of the variable's shape, ``grad`` (rows) and ``indices``, ``scalars``
    of rank 0. The rule runs on copies of the rows ``indices`` of the refs, which are then
    written back; a repeated index is applied row after row, in TF's order.
    ``element_update(**attrs)``, if given, is the rule for a 1-D variable (TF's kernels
    compute single elements in their own order). ``lower`` and ``element_lower`` are the
    rules' JAX forms (``sparse_lowering``)."""
    attrs = attrs or {}
    types = {"indices": "Tindices", **(types or {})}
    specs = [f"{n}: Ref(T)" if i < n_refs else f"{n}: {types.get(n, 'T')}" for i, n in enumerate(inputs)]
    grad_at, indices_at = inputs.index("grad"), inputs.index("indices")
    scalar_at = [i for i, n in enumerate(inputs) if n in scalars]

    def shape(tensors, op_attrs):
        out = tensors[0].shape
        for t in tensors[1:n_refs]:
            out = merge_shapes(out, t.shape)
        for i in scalar_at:
            rank = tensors[i].shape.ndims
            if rank is not None and rank != 0:
                raise ShapeError(f"Shape must be rank 0 but is rank {rank}")
        indices = tensors[indices_at].shape
        if indices.ndims is not None and indices.ndims != 1:
            raise ShapeError(f"Shape must be rank 1 but is rank {indices.ndims}")
        grad = tensors[grad_at].shape
        if grad.ndims is not None:
            if grad.ndims == 0:
                raise ShapeError("Shape must be at least rank 1 but is rank 0")
            first = indices.as_list()[0] if indices.ndims else None
            rows = grad.as_list()[0]
            if first is not None and rows is not None and first != rows:
                raise ShapeError(f"Dimensions must be equal, but are {rows} and {first}")
            out = merge_shapes(out, TensorShape([None] + grad.as_list()[1:]))
        return out

    def factory(op, state):
        if kernel_types is not None and op._attrs["T"] not in kernel_types:
            return no_kernel(op, kernel_types)
        flags = {a: bool(op._attrs.get(a, d)) for a, d in attrs.items()}
        rule = update(**flags) if attrs else update
        element_rule = element_update(**flags) if element_update is not None else None
        return sparse_kernel(op, rule, inputs, n_refs, scalar_at, bool(op._attrs.get("use_locking", False)),
                             element_rule)

    registry.register(OpDef(op_type, inputs=specs, outputs=["out: Ref(T)"],
                            attrs={"T": NUMBER, "Tindices": dtype_lists.INDEX}, shape=shape, factory=factory,
                            stateful=True, defaults={**attr_defaults.USE_LOCKING, **attrs},
                            lower=sparse_lowering(lower, inputs, n_refs, scalars, attrs, types, kernel_types,
                                                  element_lower)))


_define_sparse("SparseApplyFtrl", ["var", "accum", "linear", "grad", "indices", "lr", "l1", "l2", "lr_power"], 3,
               ["lr", "l1", "l2", "lr_power"], _ftrl, _FTRL_ATTRS,
               element_update=lambda multiply_linear_by_lr: _ftrl_elements(multiply_linear_by_lr, False),
               lower=_lower_ftrl, element_lower=_lower_ftrl_elements(False))
_define_sparse("SparseApplyFtrlV2", ["var", "accum", "linear", "grad", "indices", "lr", "l1", "l2", "l2_shrinkage",
                                     "lr_power"], 3, ["lr", "l1", "l2", "l2_shrinkage", "lr_power"], _ftrl_v2,
               _FTRL_ATTRS, element_update=lambda multiply_linear_by_lr: _ftrl_elements(multiply_linear_by_lr, True),
               lower=_lower_ftrl_v2, element_lower=_lower_ftrl_elements(True))
_define_sparse("SparseApplyProximalAdagrad", ["var", "accum", "lr", "l1", "l2", "grad", "indices"], 2,
               ["lr", "l1", "l2"], _proximal_adagrad, lower=_lower_proximal_adagrad)
_define_sparse("SparseApplyAdagradDA", ["var", "gradient_accumulator", "gradient_squared_accumulator", "grad",
                                        "indices", "lr", "l1", "l2", "global_step"], 3,
               ["lr", "l1", "l2", "global_step"], _adagrad_da, types={"global_step": "int64"},
               kernel_types=_DA_KERNEL_TYPES, lower=_lower_adagrad_da)


# -- wrappers (TF's gen_training_ops) -------------------------------------------------------
def _apply(op_type, inputs, name, **attrs):
    return create(op_type, list(inputs), dict(attrs), name=name)._outputs[0]


def apply_ftrl(var, accum, linear, grad, lr, l1, l2, lr_power, use_locking=False, multiply_linear_by_lr=False,
               name=None):
    """FTRL-proximal: ``linear += grad - (accum_new ** -lr_power - accum ** -lr_power) / lr * var``;
    ``var = (sign(linear) * l1 - linear) / (accum_new ** -lr_power / lr + 2 * l2)`` where
    ``|linear| > l1``, else 0; ``accum = accum_new = accum + grad ** 2``."""
    return _apply("ApplyFtrl", [var, accum, linear, grad, lr, l1, l2, lr_power], name, use_locking=use_locking,
                  multiply_linear_by_lr=multiply_linear_by_lr)


def apply_ftrl_v2(var, accum, linear, grad, lr, l1, l2, l2_shrinkage, lr_power, use_locking=False,
                  multiply_linear_by_lr=False, name=None):
    """``ApplyFtrl`` with the gradient ``grad + 2 * l2_shrinkage * var`` in ``linear``."""
    return _apply("ApplyFtrlV2", [var, accum, linear, grad, lr, l1, l2, l2_shrinkage, lr_power], name,
                  use_locking=use_locking, multiply_linear_by_lr=multiply_linear_by_lr)


def apply_proximal_adagrad(var, accum, lr, l1, l2, grad, use_locking=False, name=None):
    """``accum += grad ** 2``; FOBOS with the rate ``lr / sqrt(accum)``:
    ``prox = var - rate * grad``; ``var = sign(prox) * max(|prox| - rate * l1, 0) / (1 + rate * l2)``."""
    return _apply("ApplyProximalAdagrad", [var, accum, lr, l1, l2, grad], name, use_locking=use_locking)


def apply_adagrad_da(var, gradient_accumulator, gradient_squared_accumulator, grad, lr, l1, l2, global_step,
                     use_locking=False, name=None):
    """Adagrad dual averaging: the accumulators add ``grad`` and ``grad ** 2``; ``var`` is
    computed from them and ``global_step`` (int64)."""
    return _apply("ApplyAdagradDA", [var, gradient_accumulator, gradient_squared_accumulator, grad, lr, l1, l2,
                                     global_step], name, use_locking=use_locking)


def sparse_apply_ftrl(var, accum, linear, grad, indices, lr, l1, l2, lr_power, use_locking=False,
                      multiply_linear_by_lr=False, name=None):
    """``ApplyFtrl`` on the rows ``indices`` of ``var``, ``accum`` and ``linear``."""
    return _apply("SparseApplyFtrl", [var, accum, linear, grad, indices, lr, l1, l2, lr_power], name,
                  use_locking=use_locking, multiply_linear_by_lr=multiply_linear_by_lr)


def sparse_apply_ftrl_v2(var, accum, linear, grad, indices, lr, l1, l2, l2_shrinkage, lr_power, use_locking=False,
                         multiply_linear_by_lr=False, name=None):
    """``ApplyFtrlV2`` on the rows ``indices``."""
    return _apply("SparseApplyFtrlV2", [var, accum, linear, grad, indices, lr, l1, l2, l2_shrinkage, lr_power], name,
                  use_locking=use_locking, multiply_linear_by_lr=multiply_linear_by_lr)


def sparse_apply_proximal_adagrad(var, accum, lr, l1, l2, grad, indices, use_locking=False, name=None):
    """``ApplyProximalAdagrad`` on the rows ``indices``."""
    return _apply("SparseApplyProximalAdagrad", [var, accum, lr, l1, l2, grad, indices], name,
                  use_locking=use_locking)


def sparse_apply_adagrad_da(var, gradient_accumulator, gradient_squared_accumulator, grad, indices, lr, l1, l2,
                            global_step, use_locking=False, name=None):
    """``ApplyAdagradDA`` on the rows ``indices``."""
    return _apply("SparseApplyAdagradDA", [var, gradient_accumulator, gradient_squared_accumulator, grad, indices,
                                           lr, l1, l2, global_step], name, use_locking=use_locking)
