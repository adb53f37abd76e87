"""TensorFlow's fused training ops (``ApplyAdam``, ``ApplyMomentum``, ...): one update step each.

Each op takes the variable (and its slot variables) as ``Ref`` inputs and updates their
storage IN PLACE with NumPy ``out=`` arithmetic, one cache-sized piece at a time (see
``_in_chunks``), with one or two scratch arrays; scalar hyper-parameters are
computed in the variable's dtype, as TF's kernels do. The formulas are those of TF's CPU
kernels (``training_ops.cc``), so values match TensorFlow's step by step.
``use_locking=True`` serialises the updates of all such ops (TF locks per variable). Like
TF's, these ops have no gradient.

The wrappers (``apply_adam(var, m, v, ...)``) are ``gen_training_ops``'s.
"""

from __future__ import annotations

import threading

import numpy as np

from scopeflow._src.framework import errors, registry
from scopeflow._src.framework.op_builder import create
from scopeflow._src.framework.registry import NUMBER, OpDef
from scopeflow._src.framework.shape_inference import ShapeError, merge_shapes
from scopeflow._src.ops.common import attr_defaults, blas, shape_fns
from scopeflow._src.ops.common.lowering import out_dtype

_LOCK = threading.Lock()


# -- the update rules (arrays updated in place; scalars are NumPy scalars of the var's dtype) --
def _gradient_descent(var, alpha, delta):
    t = np.multiply(delta, alpha)
    var -= t


def _proximal_gradient_descent(var, alpha, l1, l2, delta):
    t = np.multiply(delta, alpha)
    var -= t  # var now holds prox_var = var - alpha * delta
    shrink = var.dtype.type(1) + l2 * alpha
    if l1 > 0:
        soft_threshold(var, alpha * l1, t)
    var /= shrink


def soft_threshold(var, threshold, scratch):
    """``var = sign(var) * max(|var| - threshold, 0)`` in place (``scratch``: an array of var's shape)."""
    np.abs(var, out=scratch)
    scratch -= threshold
    np.maximum(scratch, 0, out=scratch)
    np.sign(var, out=var)
    var *= scratch


def _momentum(use_nesterov):
    def update(var, accum, lr, grad, momentum):
        accum *= momentum
        accum += grad
        if use_nesterov:  # var -= grad * lr + accum * momentum * lr, rounded as TF's kernel
            t = np.multiply(accum, momentum)
            t *= lr
            t += np.multiply(grad, lr)
            var -= t
        else:
            t = np.multiply(accum, lr)
            var -= t
    return update


def _adagrad(update_slots):
    def update(var, accum, lr, grad):
        if update_slots:
            t = np.square(grad)
            accum += t
        else:
            t = np.empty_like(grad)
        # var -= grad * lr * rsqrt(accum), in TF's order (it decides float16's rounding)
        np.sqrt(accum, out=t)
        np.reciprocal(t, out=t)
        t *= np.multiply(grad, lr)
        var -= t
    return update


def _adam(use_nesterov):
    def update(var, m, v, beta1_power, beta2_power, lr, beta1, beta2, epsilon, grad):
        one = var.dtype.type(1)
        alpha = lr * np.sqrt(one - beta2_power) / (one - beta1_power)
        t = np.subtract(grad, m)
        t *= one - beta1
        m += t
        np.square(grad, out=t)
        t -= v
        t *= one - beta2
        v += t
        if use_nesterov:
            np.multiply(grad, one - beta1, out=t)
            t += m * beta1
            t *= alpha
        else:
            np.multiply(m, alpha, out=t)
        denom = np.sqrt(v)
        denom += epsilon
        t /= denom
        var -= t
    return update


def _rms_prop(var, ms, mom, lr, rho, momentum, epsilon, grad):
    one = var.dtype.type(1)
    t = np.square(grad)
    t -= ms
    t *= one - rho
    ms += t
    np.add(ms, epsilon, out=t)
    np.sqrt(t, out=t)
    np.divide(np.multiply(grad, lr), t, out=t)  # (grad * lr) / sqrt(ms + epsilon), as TF rounds it
    mom *= momentum
    mom += t
    var -= mom


def _centered_rms_prop(var, mg, ms, mom, lr, rho, momentum, epsilon, grad):
    one = var.dtype.type(1)
    t = np.square(grad)
    t -= ms
    t *= one - rho
    ms += t
    np.subtract(grad, mg, out=t)
    t *= one - rho
    mg += t
    np.square(mg, out=t)
    np.subtract(ms, t, out=t)
    t += epsilon
    np.sqrt(t, out=t)
    np.divide(np.multiply(grad, lr), t, out=t)
    mom *= momentum
    mom += t
    var -= mom


def _adadelta(var, accum, accum_update, lr, rho, epsilon, grad):
    one = var.dtype.type(1)
    accum *= rho
    t = np.square(grad)
    t *= one - rho
    accum += t
    # update = sqrt(accum_update + eps) / sqrt(accum + eps) * grad
    np.add(accum, epsilon, out=t)
    np.sqrt(t, out=t)
    u = np.add(accum_update, epsilon)
    np.sqrt(u, out=u)
    u /= t
    u *= grad
    np.multiply(u, lr, out=t)
    var -= t
    accum_update *= rho
    np.square(u, out=u)
    u *= one - rho
    accum_update += u


# -- the same rules for the JAX target: new values of the Ref inputs, from jax.numpy arrays ----
def _lower_gradient_descent(jnp):
    return lambda var, alpha, delta: (var - delta * alpha,)


def _lower_momentum(jnp, use_nesterov):
    def update(var, accum, lr, grad, momentum):
        accum = accum * momentum + grad
        step = accum * momentum * lr + grad * lr if use_nesterov else accum * lr
        return var - step, accum
    return update


def _lower_adagrad(jnp, update_slots):
    def update(var, accum, lr, grad):
        if update_slots:
            accum = accum + jnp.square(grad)
        return var - (1 / jnp.sqrt(accum)) * (grad * lr), accum
    return update


def _lower_adam(jnp, use_nesterov):
    def update(var, m, v, beta1_power, beta2_power, lr, beta1, beta2, epsilon, grad):
        alpha = lr * jnp.sqrt(1 - beta2_power) / (1 - beta1_power)
        m = m + (grad - m) * (1 - beta1)
        v = v + (jnp.square(grad) - v) * (1 - beta2)
        step = (grad * (1 - beta1) + m * beta1) * alpha if use_nesterov else m * alpha
        return var - step / (jnp.sqrt(v) + epsilon), m, v
    return update


def _lower_rms_prop(jnp):
    def update(var, ms, mom, lr, rho, momentum, epsilon, grad):
        ms = ms + (jnp.square(grad) - ms) * (1 - rho)
        mom = mom * momentum + (grad * lr) / jnp.sqrt(ms + epsilon)
        return var - mom, ms, mom
    return update


def _lower_centered_rms_prop(jnp):
    def update(var, mg, ms, mom, lr, rho, momentum, epsilon, grad):
        ms = ms + (jnp.square(grad) - ms) * (1 - rho)
        mg = mg + (grad - mg) * (1 - rho)
        mom = mom * momentum + (grad * lr) / jnp.sqrt(ms - jnp.square(mg) + epsilon)
        return var - mom, mg, ms, mom
    return update


def _lower_adadelta(jnp):
    def update(var, accum, accum_update, lr, rho, epsilon, grad):
        accum = accum * rho + jnp.square(grad) * (1 - rho)
        u = jnp.sqrt(accum_update + epsilon) / jnp.sqrt(accum + epsilon) * grad
        return var - u * lr, accum, accum_update * rho + jnp.square(u) * (1 - rho)
    return update


def _lower_proximal_gradient_descent(jnp):
    def update(var, alpha, l1, l2, delta):
        prox = var - delta * alpha
        prox = jnp.where(l1 > 0, jnp.sign(prox) * jnp.maximum(jnp.abs(prox) - alpha * l1, 0), prox)
        return (prox / (1 + l2 * alpha),)
    return update


def rule_flags(op, attrs):
    """The boolean attrs that select an update rule (``attrs``: their names and TF's defaults)."""
    return {a: bool(op._attrs.get(a, d)) for a, d in attrs.items()}


def update_args(op, jx, inputs, n_refs, scalars, args, types=None):
    """An update rule's arguments in a JAX step: the Ref inputs' current values (TF's error
    for the first one that holds no value, as TF's kernel names it), then the other inputs,
    the scalars checked and those of type ``T`` in the variable's dtype."""
    missing = next((i for i, a in enumerate(args[:n_refs]) if a is None), None)
    if missing is not None:
        raise errors.FailedPreconditionError(
            None, op, f"Attempting to use uninitialized value {op._inputs[missing]._op.name}")
    dtype, values = out_dtype(op), list(args)
    for i, (name, x) in enumerate(zip(inputs, args)):
        if name in scalars:
            if np.ndim(x):
                raise errors.InvalidArgumentError(
                    None, op, f"{name} is not a scalar: {shape_fns.dims_text(np.shape(x))}")
            values[i] = jx.jnp.asarray(x, None if types and name in types else dtype)
    return values


def lowering(rule, inputs, n_refs, scalars, attrs, types=None, kernel_types=None):
    """``OpDef.lower`` of an update op: ``rule(jnp, **attrs)`` computes the Ref inputs' new
    values from their current ones (scalars in the variable's dtype, as TF's kernels), after
    the kernel's checks, which shapes known when compiling decide; a ``T`` outside
    ``kernel_types`` is TF's missing-kernel error."""
    def lower(op, jx):
        if kernel_types is not None and op._attrs["T"] not in kernel_types:
            return no_kernel(op, kernel_types)
        update, dtype = rule(jx.jnp, **rule_flags(op, attrs)), out_dtype(op)

        def apply(*args):
            values = update_args(op, jx, inputs, n_refs, scalars, args, types)
            for i, (name, x) in enumerate(zip(inputs, args)):
                if i and name not in scalars and np.shape(x) != np.shape(args[0]):
                    raise errors.InvalidArgumentError(
                        None, op, f"var and {name} do not have the same shape{shape_fns.dims_text(np.shape(args[0]))} "
                                  f"{shape_fns.dims_text(np.shape(x))}")
            return tuple(jx.jnp.asarray(v, dtype) for v in update(*values))
        return apply
    return lower


# -- op definitions -------------------------------------------------------------------------
def _define(op_type, inputs, n_refs, scalars, update, attrs=None, types=None, kernel_types=None, lower=None):
    """Register ``op_type``: ``inputs`` in TF's order, the first ``n_refs`` of them ``Ref``s,
    ``scalars`` the names of the scalar inputs; every other input has the variable's shape.
    ``attrs`` maps the boolean attrs that select the update rule (``update(**attrs)``) to
    TF's defaults; ``types`` gives the inputs not of type ``T`` theirs (``{"global_step": "int64"}``);
    ``kernel_types``, the dtypes TF has a CPU kernel for, if not all (others fail at run time)."""
    attrs = attrs or {}
    types = types or {}
    specs = [f"{name}: Ref(T)" if i < n_refs else f"{name}: {types.get(name, 'T')}" for i, name in enumerate(inputs)]
    checks = tuple((i, name, name in scalars) for i, name in enumerate(inputs) if i > 0)

    def shape(tensors, op_attrs):
        out = tensors[0].shape
        for (_, _, is_scalar), t in zip(checks, tensors[1:]):
            if is_scalar:
                if t.shape.ndims is not None and t.shape.ndims != 0:
                    raise ShapeError(f"Shape must be rank 0 but is rank {t.shape.ndims}")
            else:
                out = merge_shapes(out, t.shape)
        return out

    def factory(op, state):
        if kernel_types is not None and op._attrs["T"] not in kernel_types:
            return no_kernel(op, kernel_types)
        rule = update(**{a: bool(op._attrs.get(a, d)) for a, d in attrs.items()}) if attrs else update
        return _kernel(op, rule, n_refs, checks, bool(op._attrs.get("use_locking", False)))

    registry.register(OpDef(op_type, inputs=specs, outputs=["out: Ref(T)"], attrs={"T": NUMBER},
                            shape=shape, factory=factory, stateful=True,
                            defaults={**attr_defaults.USE_LOCKING, **attrs},
                            lower=lower and lowering(lower, inputs, n_refs, scalars, attrs, types, kernel_types)))


def no_kernel(op, kernel_types):
    """A kernel that fails as TF's session does for an op type without a CPU kernel of the op's ``T``."""
    registered = "\n".join(f"  device='CPU'; T in [DT_{t.name.upper()}]"
                           for t in sorted(kernel_types, key=lambda t: t.name, reverse=True))
    locking = str(bool(op._attrs.get("use_locking", False))).lower()
    message = (f"No OpKernel was registered to support Op '{op.type}' used by {{{{node {op.name}}}}} with these "
               f"attrs: [T=DT_{op._attrs['T'].name.upper()}, use_locking={locking}]"
               f"\nRegistered devices: [CPU]\nRegistered kernels:\n{registered}")

    def kernel(*args):
        raise errors.InvalidArgumentError(None, op, message)
    return kernel


def _kernel(op, update, n_refs, checks, locking):
    scalars = [(i, name) for i, name, is_scalar in checks if is_scalar]
    shaped = [(i, name) for i, name, is_scalar in checks if not is_scalar]

    def kernel(*args):
        values = list(args)
        for i in range(n_refs):
            value = args[i].get()
            if not value.flags.writeable:  # e.g. restored from a read-only buffer: take a private copy
                ref = args[i]
                value = ref.store[ref.key] = blas.aligned_copy(value)
            values[i] = value
        for i, name in scalars:
            x = values[i]
            if x.ndim:
                raise errors.InvalidArgumentError(None, op, f"{name} is not a scalar: {shape_fns.dims_text(x.shape)}")
            values[i] = x[()]
        var_shape = values[0].shape
        for i, name in shaped:
            if values[i].shape != var_shape:
                raise errors.InvalidArgumentError(
                    None, op, f"var and {name} do not have the same shape{shape_fns.dims_text(var_shape)} "
                              f"{shape_fns.dims_text(values[i].shape)}")
        if locking:
            with _LOCK:
                _in_chunks(update, values, arrays)
        else:
            _in_chunks(update, values, arrays)
        return args[0]

    arrays = list(range(n_refs)) + [i for i, _ in shaped]
    return kernel


# Elements per piece: 128 KiB of float32 per operand, so that one piece of the variable,
# its slots, the gradient and a scratch array stay in the core's L2 cache across the
# dozen passes an update makes, instead of streaming from memory in every pass.
_CHUNK = 1 << 15


def _in_chunks(update, values, arrays):
    """Apply the elementwise ``update`` to cache-sized pieces of the same-shaped ``arrays``
    (the variable storage is written through flat views, so it is updated in place)."""
    var = values[0]
    if var.ndim == 0:  # NumPy gives scalars, not arrays, for 0-d operands: update 1-element views
        values = list(values)
        for i in arrays:
            values[i] = values[i].reshape(1)
        update(*values)
        return
    if var.size <= _CHUNK or not all(values[i].flags.c_contiguous for i in arrays):
        update(*values)
        return
    flats = [(i, values[i].reshape(-1)) for i in arrays]
    piece = list(values)
    for start in range(0, var.size, _CHUNK):
        for i, flat in flats:
            piece[i] = flat[start:start + _CHUNK]
        update(*piece)


define_update_op = _define  # for the op modules of the other optimizers (training_ops_ftrl.py)

_define("ApplyGradientDescent", ["var", "alpha", "delta"], 1, ["alpha"], _gradient_descent,
        lower=_lower_gradient_descent)
_define("ApplyProximalGradientDescent", ["var", "alpha", "l1", "l2", "delta"], 1, ["alpha", "l1", "l2"],
        _proximal_gradient_descent, lower=_lower_proximal_gradient_descent)
_define("ApplyMomentum", ["var", "accum", "lr", "grad", "momentum"], 2, ["lr", "momentum"], _momentum,
        {"use_nesterov": False}, lower=_lower_momentum)
_define("ApplyAdagrad", ["var", "accum", "lr", "grad"], 2, ["lr"], _adagrad, {"update_slots": True},
        lower=_lower_adagrad)
_define("ApplyAdam", ["var", "m", "v", "beta1_power", "beta2_power", "lr", "beta1", "beta2", "epsilon", "grad"], 3,
        ["beta1_power", "beta2_power", "lr", "beta1", "beta2", "epsilon"], _adam, {"use_nesterov": False},
        lower=_lower_adam)
_define("ApplyRMSProp", ["var", "ms", "mom", "lr", "rho", "momentum", "epsilon", "grad"], 3,
        ["lr", "rho", "momentum", "epsilon"], _rms_prop, lower=_lower_rms_prop)
_define("ApplyCenteredRMSProp", ["var", "mg", "ms", "mom", "lr", "rho", "momentum", "epsilon", "grad"], 4,
        ["lr", "rho", "momentum", "epsilon"], _centered_rms_prop, lower=_lower_centered_rms_prop)
_define("ApplyAdadelta", ["var", "accum", "accum_update", "lr", "rho", "epsilon", "grad"], 3,
        ["lr", "rho", "epsilon"], _adadelta, lower=_lower_adadelta)


# -- wrappers (TF's gen_training_ops) -------------------------------------------------------
def _apply(op_type, inputs, name, **attrs):
    return create(op_type, list(inputs), dict(attrs), name=name)._outputs[0]


def apply_gradient_descent(var, alpha, delta, use_locking=False, name=None):
    """``var -= alpha * delta``."""
    return _apply("ApplyGradientDescent", [var, alpha, delta], name, use_locking=use_locking)


def apply_proximal_gradient_descent(var, alpha, l1, l2, delta, use_locking=False, name=None):
    """FOBOS: ``prox = var - alpha * delta``; ``var = sign(prox) * max(|prox| - alpha * l1, 0) / (1 + alpha * l2)``."""
    return _apply("ApplyProximalGradientDescent", [var, alpha, l1, l2, delta], name, use_locking=use_locking)


def apply_momentum(var, accum, lr, grad, momentum, use_locking=False, use_nesterov=False, name=None):
    """``accum = accum * momentum + grad``; ``var -= lr * accum`` (Nesterov:
    ``var -= lr * grad + lr * momentum * accum``)."""
    return _apply("ApplyMomentum", [var, accum, lr, grad, momentum], name, use_locking=use_locking,
                  use_nesterov=use_nesterov)


def apply_adagrad(var, accum, lr, grad, use_locking=False, update_slots=True, name=None):
    """``accum += grad ** 2``; ``var -= lr * grad / sqrt(accum)``."""
    return _apply("ApplyAdagrad", [var, accum, lr, grad], name, use_locking=use_locking, update_slots=update_slots)


def apply_adam(var, m, v, beta1_power, beta2_power, lr, beta1, beta2, epsilon, grad, use_locking=False,
               use_nesterov=False, name=None):
    """One Adam step: ``m``, ``v`` moving moments; ``var -= lr_t * m / (sqrt(v) + epsilon)`` with
    ``lr_t = lr * sqrt(1 - beta2_power) / (1 - beta1_power)``."""
    return _apply("ApplyAdam", [var, m, v, beta1_power, beta2_power, lr, beta1, beta2, epsilon, grad], name,
                  use_locking=use_locking, use_nesterov=use_nesterov)


def apply_rms_prop(var, ms, mom, lr, rho, momentum, epsilon, grad, use_locking=False, name=None):
    """``ms += (grad**2 - ms) * (1 - rho)``; ``mom = mom * momentum + lr * grad / sqrt(ms + epsilon)``;
    ``var -= mom``."""
    return _apply("ApplyRMSProp", [var, ms, mom, lr, rho, momentum, epsilon, grad], name, use_locking=use_locking)


def apply_centered_rms_prop(var, mg, ms, mom, lr, rho, momentum, epsilon, grad, use_locking=False, name=None):
    """RMSProp normalised by the centred second moment ``ms - mg**2``."""
    return _apply("ApplyCenteredRMSProp", [var, mg, ms, mom, lr, rho, momentum, epsilon, grad], name,
                  use_locking=use_locking)


def apply_adadelta(var, accum, accum_update, lr, rho, epsilon, grad, use_locking=False, name=None):
    """Adadelta: ``update = sqrt(accum_update + eps) / sqrt(accum + eps) * grad``; ``var -= lr * update``."""
    return _apply("ApplyAdadelta", [var, accum, accum_update, lr, rho, epsilon, grad], name, use_locking=use_locking)
