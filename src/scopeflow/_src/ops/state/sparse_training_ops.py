"""The sparse updates: TensorFlow's ``SparseApply*`` training ops and ``ScatterAdd``/``Sub``/``Update``.

An optimizer given an ``IndexedSlices`` gradient updates only the rows ``indices`` of the
variable (and of its slots): a ``SparseApplyAdagrad`` on a 100,000-row embedding costs its
gathered rows, not the table. Each kernel works IN PLACE on the variable's storage: it copies
the gathered rows out (one fancy-index gather per array), applies the row rule of TF's CPU
kernel (``training_ops.cc``, in the variable's dtype) and writes them back. TF's kernels walk
the indices one after the other, so a repeated index is updated twice; such a call (rare:
the optimizers remove repeats first) is applied row by row, in TF's order. On the JAX target
(``sparse_lowering``) the same row rules gather, update and scatter the rows at once, or walk
repeated indices in a ``lax.fori_loop``; a row at an index out of range is dropped there.

Errors are TF's: the shape function's at build time, the kernel's (``Index 7 at offset 0 in
indices is out of range``, ``indices[1] = 9 is not in [0, 5)``) at run time. Like TF's, these
ops have no gradient (``grads.py``).
"""

from __future__ import annotations

import threading

import numpy as np

from scopeflow._src.framework import errors, registry
from scopeflow._src.framework.op_builder import create
from scopeflow._src.framework.registry import NUMBER, OpDef
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops.common import attr_defaults, blas, dtype_lists, rows_in_order
from scopeflow._src.ops.common.shape_context import merge_dim, merge_shapes, shape_fn
from scopeflow._src.ops.common.shape_fns import dims_text
from scopeflow._src.ops.state.training_ops import (
    _lower_adagrad,
    _lower_proximal_gradient_descent,
    no_kernel,
    rule_flags,
    update_args,
)

_LOCK = threading.Lock()


# -- the row rules: ``rows`` are copies of the gathered rows of the variable and its slots ---------
def _momentum(use_nesterov):
    def update(var, accum, lr, grad, momentum):
        accum *= momentum
        accum += grad
        if use_nesterov:
            t = np.multiply(grad, lr)
            t += np.multiply(accum, lr * momentum)
            var -= t
        else:
            var -= np.multiply(accum, lr)
    return update


def _adagrad(update_slots):
    def update(var, accum, lr, grad):
        if update_slots:
            accum += np.square(grad)
        t = np.multiply(grad, lr)
        t *= np.reciprocal(np.sqrt(accum))
        var -= t
    return update


def _rms_prop(var, ms, mom, lr, rho, momentum, epsilon, grad):
    one = var.dtype.type(1)
    ms *= rho
    ms += np.square(grad) * (one - rho)
    t = np.reciprocal(np.sqrt(ms + epsilon))
    t *= lr
    t *= grad
    mom *= momentum
    mom += t
    var -= mom


def _centered_rms_prop(var, mg, ms, mom, lr, rho, momentum, epsilon, grad):
    one = var.dtype.type(1)
    ms *= rho
    ms += np.square(grad) * (one - rho)
    mg *= rho
    mg += grad * (one - rho)
    t = ms + epsilon
    t -= np.square(mg)
    t = np.reciprocal(np.sqrt(t))
    t *= lr
    t *= grad
    mom *= momentum
    mom += t
    var -= mom


def _adadelta(var, accum, accum_update, lr, rho, epsilon, grad):
    one = var.dtype.type(1)
    accum *= rho
    accum += np.square(grad) * (one - rho)
    u = np.sqrt(accum_update + epsilon)
    u *= np.reciprocal(np.sqrt(accum + epsilon))
    u *= grad
    var -= u * lr
    accum_update *= rho
    accum_update += np.square(u) * (one - rho)


def _proximal_gradient_descent(var, lr, l1, l2, grad):
    var -= grad * lr  # var now holds prox_v = var - lr * grad
    shrink = var.dtype.type(1) + l2 * lr
    if l1 > 0:
        t = np.abs(var)
        t -= lr * l1
        np.maximum(t, 0, out=t)
        var[...] = np.sign(var) * t / shrink
    else:
        var /= shrink


# -- the same row rules for the JAX target: the rows' new values (the dense ops' rules where the
# arithmetic is the same: Adagrad's, proximal gradient descent's) ----------------------------------
def _lower_momentum(jnp, use_nesterov):
    def update(var, accum, lr, grad, momentum):
        accum = accum * momentum + grad
        return var - (grad * lr + accum * (lr * momentum) if use_nesterov else accum * lr), accum
    return update


def _lower_rms_prop(jnp):
    def update(var, ms, mom, lr, rho, momentum, epsilon, grad):
        ms = ms * rho + jnp.square(grad) * (1 - rho)
        mom = mom * momentum + 1 / jnp.sqrt(ms + epsilon) * lr * grad
        return var - mom, ms, mom
    return update


def _lower_centered_rms_prop(jnp):
    def update(var, mg, ms, mom, lr, rho, momentum, epsilon, grad):
        ms = ms * rho + jnp.square(grad) * (1 - rho)
        mg = mg * rho + grad * (1 - rho)
        mom = mom * momentum + 1 / jnp.sqrt(ms + epsilon - jnp.square(mg)) * lr * grad
        return var - mom, mg, ms, mom
    return update


def _lower_adadelta(jnp):
    def update(var, accum, accum_update, lr, rho, epsilon, grad):
        accum = accum * rho + jnp.square(grad) * (1 - rho)
        u = jnp.sqrt(accum_update + epsilon) * (1 / jnp.sqrt(accum + epsilon)) * grad
        return var - u * lr, accum, accum_update * rho + jnp.square(u) * (1 - rho)
    return update


# -- SparseApply* op definitions -------------------------------------------------------------------
def _define(op_type, inputs, n_refs, scalars, update, attrs=None, lower=None):
    """Register ``op_type``: ``inputs`` in TF's order (the first ``n_refs`` are ``Ref``s of the
    variable's shape, ``scalars`` are rank 0, then ``grad`` and ``indices``); ``attrs`` maps the
    boolean attrs that select the rule (``update(**attrs)``, ``lower(jnp, **attrs)`` on the JAX
    target) to TF's defaults."""
    attrs = attrs or {}
    specs = [f"{n}: Ref(T)" if i < n_refs else ("indices: Tindices" if n == "indices" else f"{n}: T")
             for i, n in enumerate(inputs)]
    scalar_at = [i for i, n in enumerate(inputs) if n in scalars]
    grad_at = inputs.index("grad")

    @shape_fn
    def shape(ctx, op_attrs):
        out = ctx.shape(0)
        for i in range(1, n_refs):
            out = merge_shapes(out, ctx.shape(i), ctx)
        for i in scalar_at:
            ctx.with_rank(i, 0)
        ctx.with_rank(grad_at + 1, 1)
        grad = ctx.shape(grad_at)
        indices = ctx.dims(grad_at + 1)
        if grad.ndims:  # a known rank of at least 1: its first dim is the indices', the rest the var's
            merge_dim(indices[0] if indices else None, grad.as_tuple()[0], ctx)
            grad = TensorShape([None] + grad.as_list()[1:])
        return merge_shapes(out, grad, ctx)

    def factory(op, state):
        rule = update(**{a: bool(op._attrs.get(a, d)) for a, d in attrs.items()}) if attrs else update
        return sparse_kernel(op, rule, inputs, n_refs, scalar_at, bool(op._attrs.get("use_locking", False)))

    registry.register(OpDef(op_type, inputs=specs, outputs=["out: Ref(T)"],
                            attrs={"T": NUMBER, "Tindices": dtype_lists.INDEX}, shape=shape, factory=factory,
                            stateful=True, defaults={**attr_defaults.USE_LOCKING, **attrs},
                            lower=sparse_lowering(lower, inputs, n_refs, scalars, attrs)))


def _storage(ref):
    """The variable's array, made writable (restored values may be read-only buffers)."""
    value = ref.get()
    if not value.flags.writeable:
        value = ref.store[ref.key] = blas.aligned_copy(value)
    return value


def sparse_kernel(op, update, names, n_refs, scalar_at, locking, element_update=None):
    """The kernel of a SparseApply* op: checks its arguments as TF's kernels do, then applies
    ``update(*rows of the refs, *the other inputs but indices in order)`` to the rows ``indices``
    (``element_update`` instead, if given, for a 1-D variable); ``names`` are the inputs in TF's order."""
    grad_at, indices_at = names.index("grad"), names.index("indices")
    rest = [i for i in range(n_refs, len(names)) if i != indices_at]  # the rule's arguments after the rows
    grad_place = rest.index(grad_at)

    def kernel(*args):
        arrays = [_storage(args[i]) for i in range(n_refs)]
        _check_shapes(op, names, n_refs, scalar_at, [a.shape for a in arrays] + [np.shape(a) for a in args[n_refs:]])
        values = [args[i] for i in rest]
        for i in scalar_at:
            values[rest.index(i)] = np.asarray(args[i])[()]
        grad, indices = np.asarray(args[grad_at]), np.asarray(args[indices_at])
        _check_indices(op, indices, arrays[0].shape[0])
        rule = element_update if element_update is not None and arrays[0].ndim == 1 else update
        before, after = values[:grad_place], values[grad_place + 1:]
        if locking:
            with _LOCK:
                _apply_rows(rule, arrays, before, grad, after, indices)
        else:
            _apply_rows(rule, arrays, before, grad, after, indices)
        return args[0]

    return kernel


def _check_shapes(op, names, n_refs, scalar_at, shapes):
    """TF's checks of a SparseApply* op's input ``shapes`` (in TF's order), in its kernel's order."""
    var, grad, indices = shapes[0], shapes[names.index("grad")], shapes[names.index("indices")]
    for name, shape in zip(names[1:n_refs], shapes[1:n_refs]):
        if shape != var:
            raise errors.InvalidArgumentError(
                None, op, f"var and {name} do not have the same shape{dims_text(var)} {dims_text(shape)}")
    if len(var) < 1:
        raise errors.InvalidArgumentError(None, op, "var must be at least 1 dimensional")
    for i in scalar_at:
        if len(shapes[i]):
            raise errors.InvalidArgumentError(None, op, f"{names[i]} is not a scalar: {dims_text(shapes[i])}")
    if len(indices) != 1:
        raise errors.InvalidArgumentError(None, op, "indices must be one-dimensional")
    for d in range(1, len(var)):
        if len(grad) <= d or grad[d] != var[d]:
            raise errors.InvalidArgumentError(None, op, f"var and grad must match in dimension {d}")
    if len(grad) < 1 or grad[0] != indices[0]:
        raise errors.InvalidArgumentError(None, op, "grad must be the same size as indices in the first dimension.")


def _check_indices(op, indices, rows):
    bad = np.flatnonzero((indices < 0) | (indices >= rows))
    if bad.size:
        raise errors.InvalidArgumentError(
            None, op, f"Index {indices[bad[0]]} at offset {bad[0]} in indices is out of range")


def _apply_rows(update, arrays, before, grad, after, indices):
    """Apply ``update(*rows, *before, grad rows, *after)`` to the rows ``indices``."""
    if indices.size == 0:
        return
    if np.unique(indices).size == indices.size:
        rows = [a[indices] for a in arrays]
        update(*rows, *before, grad, *after)
        for a, r in zip(arrays, rows):
            a[indices] = r
        return
    for i, index in enumerate(indices.tolist()):  # a repeated index: TF's order, one row at a time
        update(*[a[index:index + 1] for a in arrays], *before, grad[i:i + 1], *after)  # views: in place


def sparse_lowering(rule, names, n_refs, scalars, attrs, types=None, kernel_types=None, element_rule=None):
    """``OpDef.lower`` of a SparseApply* op (``None`` without a ``rule``): the kernel's checks
    (its range check too, when the indices are known when compiling), then ``rule(jnp, **attrs)``
    (``element_rule`` for a 1-D variable) on the rows ``indices``, as ``lowered_rows`` applies it."""
    if rule is None:
        return None
    scalar_at = [i for i, n in enumerate(names) if n in scalars]
    grad_at, indices_at = names.index("grad"), names.index("indices")
    rest = [i for i in range(n_refs, len(names)) if i != indices_at]
    grad_place = rest.index(grad_at)

    def lower(op, jx):
        if kernel_types is not None and op._attrs["T"] not in kernel_types:
            return no_kernel(op, kernel_types)
        flags = rule_flags(op, attrs)
        rows_rule, element = rule(jx.jnp, **flags), element_rule and element_rule(jx.jnp, **flags)

        def apply(*args):
            if all(a is not None for a in args[:n_refs]):  # else update_args raises TF's uninitialized-value error
                _check_shapes(op, names, n_refs, scalar_at, [np.shape(a) for a in args])
            values = update_args(op, jx, names, n_refs, scalars, args, types)
            indices = values[indices_at]
            if isinstance(indices, np.ndarray):
                _check_indices(op, indices, np.shape(values[0])[0])
            update = element if element is not None and np.ndim(values[0]) == 1 else rows_rule
            others = [values[i] for i in rest]
            return lowered_rows(jx, update, values[:n_refs], others[:grad_place], others[grad_place],
                                others[grad_place + 1:], indices)
        return apply
    return lower


def lowered_rows(jx, update, arrays, before, grad, after, indices):
    """``_apply_rows`` in a JAX step: the new values of ``arrays``, ``update`` applied to their
    rows ``indices``, all at once when the indices are unique, else one index after the other
    in TF's order (a ``lax.cond`` on whether a traced index repeats). A row at an index out of
    range is dropped (TF's kernel raises: a compiled step cannot)."""
    jnp, lax = jx.jnp, jx.lax
    n, arrays = np.shape(arrays[0])[0], tuple(jnp.asarray(a) for a in arrays)
    if not n or not np.shape(indices)[0]:
        return arrays
    where = jnp.where((indices < 0) | (indices >= n), n, indices)

    def at_once(arrays):
        new = update(*[a[where] for a in arrays], *before, grad, *after)
        return tuple(a.at[where].set(v, mode="drop", unique_indices=True) for a, v in zip(arrays, new))

    def in_order(arrays):
        def step(i, arrays):
            rows = [lax.dynamic_index_in_dim(a, where[i]) for a in arrays]
            new = update(*rows, *before, lax.dynamic_index_in_dim(grad, i), *after)
            return tuple(a.at[where[i]].set(v[0], mode="drop") for a, v in zip(arrays, new))
        return lax.fori_loop(0, np.shape(indices)[0], step, arrays)

    if isinstance(indices, np.ndarray):
        return at_once(arrays) if np.unique(indices).size == indices.size else in_order(arrays)
    ordered = jnp.sort(indices)
    return lax.cond(jnp.any(ordered[1:] == ordered[:-1]), in_order, at_once, arrays)


_define("SparseApplyMomentum", ["var", "accum", "lr", "grad", "indices", "momentum"], 2, ["lr", "momentum"],
        _momentum, {"use_nesterov": False}, _lower_momentum)
_define("SparseApplyAdagrad", ["var", "accum", "lr", "grad", "indices"], 2, ["lr"], _adagrad,
        {"update_slots": True}, _lower_adagrad)
_define("SparseApplyRMSProp", ["var", "ms", "mom", "lr", "rho", "momentum", "epsilon", "grad", "indices"], 3,
        ["lr", "rho", "momentum", "epsilon"], _rms_prop, lower=_lower_rms_prop)
_define("SparseApplyCenteredRMSProp",
        ["var", "mg", "ms", "mom", "lr", "rho", "momentum", "epsilon", "grad", "indices"], 4,
        ["lr", "rho", "momentum", "epsilon"], _centered_rms_prop, lower=_lower_centered_rms_prop)
_define("SparseApplyAdadelta", ["var", "accum", "accum_update", "lr", "rho", "epsilon", "grad", "indices"], 3,
        ["lr", "rho", "epsilon"], _adadelta, lower=_lower_adadelta)
_define("SparseApplyProximalGradientDescent", ["var", "alpha", "l1", "l2", "grad", "indices"], 1,
        ["alpha", "l1", "l2"], _proximal_gradient_descent, lower=_lower_proximal_gradient_descent)


# -- ScatterAdd / ScatterSub / ScatterUpdate --------------------------------------------------------
@shape_fn
def _scatter_shape(ctx, attrs):
    var, indices, updates = ctx.shape(0), ctx.shape(1), ctx.shape(2)
    if var.ndims is not None and indices.ndims is not None and updates.ndims != 0:
        merge_shapes(updates, indices.concatenate(var.as_list()[1:]), ctx)
    return var


def _scatter_factory(combine):
    def factory(op, state):
        locking = bool(op._attrs.get("use_locking", False))

        def kernel(ref, indices, updates):
            params = _storage(ref)
            indices, updates = np.asarray(indices), np.asarray(updates)
            if params.ndim < 1:
                raise errors.InvalidArgumentError(
                    None, op, f"params must be at least 1-D, got shape {dims_text(params.shape)}")
            if updates.ndim and updates.shape != indices.shape + params.shape[1:]:
                raise errors.InvalidArgumentError(
                    None, op, f"Must have updates.shape = indices.shape + params.shape[1:] or updates.shape = [], "
                              f"got updates.shape {dims_text(updates.shape)}, indices.shape "
                              f"{dims_text(indices.shape)}, params.shape {dims_text(params.shape)}")
            flat = indices.reshape(-1)
            rows = updates.reshape((flat.size,) + params.shape[1:]) if updates.ndim else updates
            bad = np.flatnonzero((flat < 0) | (flat >= params.shape[0]))
            if locking:
                with _LOCK:
                    _scatter(combine, params, flat, rows, bad)
            else:
                _scatter(combine, params, flat, rows, bad)
            if bad.size:  # TF's kernel stops at the first bad index, the rows before it applied
                where = ",".join(str(int(k)) for k in np.unravel_index(bad[0], indices.shape))
                raise errors.InvalidArgumentError(
                    None, op, f"indices[{where}] = {flat[bad[0]]} is not in [0, {params.shape[0]})")
            return ref
        return kernel
    return factory


def _scatter(combine, params, flat, rows, bad):
    if bad.size:
        flat = flat[:bad[0]]
        rows = rows[:bad[0]] if rows.ndim else rows
    if flat.size:
        combine(params, flat, rows)


def _in_order(fold):
    """``params[flat[i]] = params[flat[i]] (+/-) rows[i]`` for each ``i`` in order, as TF's loop."""
    def combine(params, flat, rows):
        fold(params, flat, np.broadcast_to(rows, flat.shape + params.shape[1:]) if rows.ndim == 0 else rows)
    return combine


_scatter_add = _in_order(rows_in_order.add_rows)
_scatter_sub = _in_order(rows_in_order.subtract_rows)


def _scatter_update(params, flat, rows):
    params[flat] = rows  # a repeated index keeps its last row, as TF's loop does


def initialized(op, params):
    """``params``, the current value of ``op``'s variable in a JAX step: TF's error if it has none."""
    if params is None:
        raise errors.FailedPreconditionError(
            None, op, f"Attempting to use uninitialized value {op._inputs[0]._op.name}")
    return params


def scattered(params, where, how, rows):
    """``params`` updated at ``where`` with ``rows`` as ``how`` says: ``set``, ``add``,
    ``subtract``, ``multiply``, ``divide``, ``min`` or ``max``, in ``params``' dtype (an
    integer quotient truncated toward zero, as TF's kernel divides)."""
    at = params.at[where]
    return (at.add(-rows) if how == "subtract" else getattr(at, how)(rows)).astype(params.dtype)


def _lower_scatter(how):
    """The JAX lowering of a ``Scatter*`` op: the variable's new value (rows at out-of-range
    indices are dropped: a compiled step cannot stop at the first one, as TF's kernel does)."""
    def lower(op, jx):
        def scatter(params, indices, updates):
            params = initialized(op, params)
            flat = indices.reshape(-1)
            rows = updates.reshape((flat.size,) + params.shape[1:]) if updates.ndim else updates
            return (scattered(params, flat, how, rows),)
        return scatter
    return lower


for _type, _combine, _types, _locking, _how in (("ScatterAdd", _scatter_add, NUMBER, False, "add"),
                                                ("ScatterSub", _scatter_sub, NUMBER, False, "subtract"),
                                                ("ScatterUpdate", _scatter_update, None, True, "set")):
    registry.register(OpDef(_type, inputs=["ref: Ref(T)", "indices: Tindices", "updates: T"],
                            outputs=["output_ref: Ref(T)"],
                            attrs={"Tindices": dtype_lists.INDEX, **({"T": _types} if _types else {})},
                            shape=_scatter_shape, factory=_scatter_factory(_combine), stateful=True,
                            defaults={"use_locking": _locking}, lower=_lower_scatter(_how)))


# -- wrappers (TF's gen_training_ops and state_ops) --------------------------------------------------
def _apply(op_type, inputs, name, **attrs):
    return create(op_type, list(inputs), dict(attrs), name=name)._outputs[0]


def _ref(x):
    return x._ref() if hasattr(x, "_ref") else x


def sparse_apply_momentum(var, accum, lr, grad, indices, momentum, use_locking=False, use_nesterov=False,
                          name=None):
    """For each ``i``: ``accum[indices[i]] = accum * momentum + grad[i]``; ``var[indices[i]] -= lr * accum``."""
    return _apply("SparseApplyMomentum", [var, accum, lr, grad, indices, momentum], name, use_locking=use_locking,
                  use_nesterov=use_nesterov)


def sparse_apply_adagrad(var, accum, lr, grad, indices, use_locking=False, update_slots=True, name=None):
    """For each ``i``: ``accum[indices[i]] += grad[i] ** 2``; ``var[indices[i]] -= lr * grad[i] / sqrt(accum)``."""
    return _apply("SparseApplyAdagrad", [var, accum, lr, grad, indices], name, use_locking=use_locking,
                  update_slots=update_slots)


def sparse_apply_rms_prop(var, ms, mom, lr, rho, momentum, epsilon, grad, indices, use_locking=False, name=None):
    """RMSProp on the rows ``indices`` of ``var``, ``ms`` and ``mom``."""
    return _apply("SparseApplyRMSProp", [var, ms, mom, lr, rho, momentum, epsilon, grad, indices], name,
                  use_locking=use_locking)


def sparse_apply_centered_rms_prop(var, mg, ms, mom, lr, rho, momentum, epsilon, grad, indices, use_locking=False,
                                   name=None):
    """Centred RMSProp on the rows ``indices`` of ``var`` and its three slots."""
    return _apply("SparseApplyCenteredRMSProp", [var, mg, ms, mom, lr, rho, momentum, epsilon, grad, indices], name,
                  use_locking=use_locking)


def sparse_apply_adadelta(var, accum, accum_update, lr, rho, epsilon, grad, indices, use_locking=False, name=None):
    """Adadelta on the rows ``indices`` of ``var``, ``accum`` and ``accum_update``."""
    return _apply("SparseApplyAdadelta", [var, accum, accum_update, lr, rho, epsilon, grad, indices], name,
                  use_locking=use_locking)


def sparse_apply_proximal_gradient_descent(var, alpha, l1, l2, grad, indices, use_locking=False, name=None):
    """FOBOS on the rows ``indices`` of ``var``."""
    return _apply("SparseApplyProximalGradientDescent", [var, alpha, l1, l2, grad, indices], name,
                  use_locking=use_locking)


def scatter_add(ref, indices, updates, use_locking=False, name=None):
    """Add ``updates`` to the rows ``indices`` of the variable ``ref`` in place (a ``ScatterAdd``
    op; repeated indices add up); returns the updated reference.

    >>> import scopeflow as tf
    >>> v = tf.Variable([1.0, 2.0, 3.0], name="v")
    >>> add = tf.scatter_add(v, [0, 2, 0], [10.0, 20.0, 30.0])
    >>> with tf.Session() as sess:
    ...     sess.run(v.initializer)
    ...     sess.run(add).tolist()
    [41.0, 2.0, 23.0]
    """
    return _apply("ScatterAdd", [_ref(ref), indices, updates], name, use_locking=use_locking)


def scatter_sub(ref, indices, updates, use_locking=False, name=None):
    """Subtract ``updates`` from the rows ``indices`` of the variable ``ref`` in place (``ScatterSub``)."""
    return _apply("ScatterSub", [_ref(ref), indices, updates], name, use_locking=use_locking)


def scatter_update(ref, indices, updates, use_locking=True, name=None):
    """Set the rows ``indices`` of the variable ``ref`` to ``updates`` in place (``ScatterUpdate``)."""
    return _apply("ScatterUpdate", [_ref(ref), indices, updates], name, use_locking=use_locking)
