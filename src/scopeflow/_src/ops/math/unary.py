"""Elementwise functions of one tensor (``Abs``, ``Sqrt``, ``Exp``, ``Tanh``, ``Sigmoid``,
``Round`` ...), complex parts, and the ``*Grad`` ops their gradients build (``SqrtGrad``,
``TanhGrad`` ...), each differentiable again as in TensorFlow."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.ops.array.creation import zeros_like
from scopeflow._src.ops.common import attr_defaults, dtype_lists, shape_fns
from scopeflow._src.ops.common.elementwise import quiet_unary
from scopeflow._src.ops.common.lowering import jnp_fn
from scopeflow._src.ops.math.cast import cast


def _sigmoid(x):
    y = np.negative(x, out=np.empty_like(x))  # 1 / (1 + exp(-x)) in one buffer; exp's overflow gives 0
    np.exp(y, out=y)
    y += 1
    return np.reciprocal(y, out=y)


def _unary(op_type, fn, allowed, out="y: T", lower=None):
    """Register ``op_type``; a NumPy ufunc ``fn`` lowers to ``jax.numpy``'s function of its name."""
    kernel = fn if out != "y: T" else quiet_unary(fn)
    registry.register(OpDef(op_type, inputs=["x: T"], outputs=[out], attrs={"T": allowed},
                            shape=shape_fns.unchanged, kernel=kernel,
                            lower=lower or (jnp_fn(fn.__name__) if isinstance(fn, np.ufunc) else None)))


# -- registrations -----------------------------------------------------------------------------
_SQUARE, _SIGNED, _FC, _FLOAT = dtype_lists.SQUARE, dtype_lists.SIGNED, dtype_lists.FLOAT_COMPLEX, dtype_lists.FLOAT
_unary("Neg", np.negative, _SIGNED)
_unary("Abs", np.abs, dtype_lists.SIGNED_REAL)
_unary("Sign", np.sign, _SIGNED)
_unary("Square", np.square, _SQUARE)
_unary("Sqrt", np.sqrt, _FC)
_unary("Rsqrt", lambda x: 1 / np.sqrt(x), _FC, lower=lambda op, jx: jx.lax.rsqrt)
_unary("Exp", np.exp, _FC)
_unary("Log", np.log, _FC)
_unary("Log1p", np.log1p, _FC)
_unary("Sin", np.sin, _FC)
_unary("Cos", np.cos, _FC)
_unary("Tanh", np.tanh, _FC)
_unary("Sigmoid", _sigmoid, _FC, lower=lambda op, jx: jx.jax.nn.sigmoid)
_unary("Reciprocal", np.reciprocal, _SIGNED)
_unary("Round", np.round, _SIGNED, lower=jnp_fn("round"))
_unary("Floor", np.floor, _FLOAT)
_unary("Ceil", np.ceil, _FLOAT)
_unary("IsNan", np.isnan, _FLOAT, out="y: bool")
_unary("IsInf", np.isinf, _FLOAT, out="y: bool")
_unary("IsFinite", np.isfinite, _FLOAT, out="y: bool")


def _y_dy_kernel(f):
    """``f(conj(y), dy)`` in ``y``'s dtype (``conj`` only for complex ``y``: it copies)."""
    def kernel(y, dy):
        if y.dtype.kind == "c":
            y = np.conj(y)
        z = f(y, dy)
        return z if z.dtype == y.dtype else np.asarray(z).astype(y.dtype)
    return kernel


def _tanh_grad_kernel(y, dy):
    """``dy * (1 - y * y)`` computed in one buffer: three temporaries would each be a fresh
    allocation and a pass over memory."""
    t = np.multiply(y, y)
    if type(t) is not np.ndarray or t.shape != np.shape(dy):
        return dy * (1 - t)
    np.subtract(1, t, out=t)
    return np.multiply(dy, t, out=t)


def _y_dy_lowering(f):
    def lower(op, jx):
        return lambda y, dy: f(jx.jnp.conj(y) if jx.jnp.iscomplexobj(y) else y, dy)
    return lower


for _type, _fn, _lower in (
        ("SqrtGrad", lambda y, dy: dy * 0.5 / y, None), ("RsqrtGrad", lambda y, dy: dy * -0.5 * y ** 3, None),
        ("TanhGrad", _tanh_grad_kernel, lambda y, dy: dy * (1 - y * y)),
        ("SigmoidGrad", lambda y, dy: dy * y * (1 - y), None), ("ReciprocalGrad", lambda y, dy: -dy * y * y, None)):
    registry.register(OpDef(_type, inputs=["y: T", "dy: T"], outputs=["z: T"], attrs={"T": _FC},
                            shape=shape_fns.broadcast,
                            factory=shape_fns.broadcasting(_y_dy_kernel(_fn)), lower=_y_dy_lowering(_lower or _fn)))


# -- complex numbers -------------------------------------------------------------------------
def _complex_factory(op, state):
    np_type = op._attrs["Tout"].as_numpy_dtype
    return lambda re, im: (np.asarray(re) + 1j * np.asarray(im)).astype(np_type)


def _part(fn):
    def factory(op, state):
        np_type = op._attrs["Tout"].as_numpy_dtype
        return lambda x: np.asarray(fn(x)).astype(np_type)
    return factory


_REAL_OUT = dtype_lists.types("float32,float64")
registry.register(OpDef("Complex", inputs=["real: T", "imag: T"], outputs=["out: Tout"],
                        attrs={"T": _REAL_OUT, "Tout": dtype_lists.COMPLEX}, shape=shape_fns.broadcast,
                        factory=_complex_factory, defaults={"T": dtypes.float32, "Tout": dtypes.complex64},
                        lower=lambda op, jx: lambda re, im: jx.lax.complex(*jx.jnp.broadcast_arrays(re, im))))
registry.register(OpDef("Real", inputs=["input: T"], outputs=["output: Tout"], attrs={"T": dtype_lists.COMPLEX},
                        shape=shape_fns.unchanged, factory=_part(np.real), defaults=attr_defaults.COMPLEX_PART,
                        lower=jnp_fn("real")))
registry.register(OpDef("Imag", inputs=["input: T"], outputs=["output: Tout"], attrs={"T": dtype_lists.COMPLEX},
                        shape=shape_fns.unchanged, factory=_part(np.imag), defaults=attr_defaults.COMPLEX_PART,
                        lower=jnp_fn("imag")))
registry.register(OpDef("ComplexAbs", inputs=["x: T"], outputs=["y: Tout"], attrs={"T": dtype_lists.COMPLEX},
                        shape=shape_fns.unchanged, factory=_part(np.abs), defaults=attr_defaults.COMPLEX_PART,
                        lower=jnp_fn("abs")))
registry.register(OpDef("Conj", inputs=["input: T"], outputs=["output: T"], attrs={"T": dtype_lists.COMPLEX},
                        shape=shape_fns.unchanged, kernel=np.conj, defaults={"T": dtypes.complex64},
                        lower=jnp_fn("conj")))


# -- public wrappers -------------------------------------------------------------------------
def _gen(op_type):
    def fn(x, name=None):
        return create_output(op_type, [x], name=name)
    fn.__doc__ = f"Elementwise ``{op_type}`` (an op of that type, named ``{op_type}`` by default)."
    return fn


square, sqrt, rsqrt, exp, log, log1p = (_gen(t) for t in ("Square", "Sqrt", "Rsqrt", "Exp", "Log", "Log1p"))
sin, cos, tanh, reciprocal, floor, ceil = (_gen(t) for t in ("Sin", "Cos", "Tanh", "Reciprocal", "Floor", "Ceil"))
is_nan, is_inf, is_finite = (_gen(t) for t in ("IsNan", "IsInf", "IsFinite"))
for _f, _n in zip((square, sqrt, rsqrt, exp, log, log1p, sin, cos, tanh, reciprocal, floor, ceil, is_nan, is_inf,
                   is_finite), ("square", "sqrt", "rsqrt", "exp", "log", "log1p", "sin", "cos", "tanh", "reciprocal",
                                "floor", "ceil", "is_nan", "is_inf", "is_finite")):
    _f.__name__ = _f.__qualname__ = _n


def _gen_grad(op_type):
    def fn(y, dy, name=None):
        return create_output(op_type, [y, dy], name=name)
    fn.__name__ = fn.__qualname__ = op_type
    return fn


sqrt_grad, rsqrt_grad, tanh_grad, sigmoid_grad, reciprocal_grad = (
    _gen_grad(t) for t in ("SqrtGrad", "RsqrtGrad", "TanhGrad", "SigmoidGrad", "ReciprocalGrad"))


def abs(x, name=None):  # noqa: A001 - TensorFlow's name
    """``|x|``: an ``Abs`` op (``ComplexAbs`` for complex ``x``), in a scope named ``Abs``."""
    with name_scope(name, "Abs", [x]) as scope:
        x = convert_to_tensor(x, name="x")
        if x.dtype.is_complex:
            return create_output("ComplexAbs", [x], {"Tout": x.dtype.real_dtype}, name=scope)
        return create_output("Abs", [x], name=scope)


def sign(x, name=None):
    """-1, 0 or 1 by the sign of ``x`` (a ``Sign`` op)."""
    x = convert_to_tensor(x)
    if x.dtype.is_complex:
        magnitude = create_output("ComplexAbs", [x], {"Tout": x.dtype.real_dtype})
        return create_output("DivNoNan", [x, cast(magnitude, dtype=x.dtype.base_dtype)], name=name)
    return create_output("Sign", [x], name=name)


def sigmoid(x, name=None):
    """``1 / (1 + exp(-x))`` (a ``Sigmoid`` op, in a scope named ``Sigmoid``)."""
    with name_scope(name, "Sigmoid", [x]) as scope:
        x = convert_to_tensor(x, name="x")
        return create_output("Sigmoid", [x], name=scope)


def round(x, name=None):  # noqa: A001
    """Round half to even (a ``Round`` op); integers are returned unchanged."""
    x = convert_to_tensor(x, name="x")
    return x if x.dtype.is_integer else create_output("Round", [x], name=name)


def conj(x, name=None):
    """The complex conjugate (a ``Conj`` op); real tensors are returned unchanged."""
    if isinstance(x, Tensor) and (x.dtype.is_floating or x.dtype.is_integer):
        return x
    with name_scope(name, "Conj", [x]) as scope:
        x = convert_to_tensor(x, name="x")
        if x.dtype.is_complex or x.dtype.base_dtype == dtypes.variant:
            return create_output("Conj", [x], name=scope)
        if x.dtype.is_floating or x.dtype.is_integer:
            return x
        raise TypeError(f"Expected numeric or variant tensor, got dtype {x.dtype!r}.")


def real(input, name=None):  # noqa: A002 - TensorFlow's argument name
    """The real part (a ``Real`` op); real tensors are returned unchanged."""
    with name_scope(name, "Real", [input]) as scope:
        x = convert_to_tensor(input, name="input")
        if x.dtype.is_complex:
            return create_output("Real", [x], {"Tout": x.dtype.real_dtype}, name=scope)
        if x.dtype.is_numpy_compatible and (x.dtype.is_floating or x.dtype.is_integer):
            return x
        raise TypeError(f"input must be a numeric tensor, but got tensor with dtype {x.dtype}")


def imag(input, name=None):  # noqa: A002
    """The imaginary part (an ``Imag`` op); zeros for real tensors."""
    with name_scope(name, "Imag", [input]) as scope:
        x = convert_to_tensor(input, name="input")
        if x.dtype.is_complex:
            return create_output("Imag", [x], {"Tout": x.dtype.real_dtype}, name=scope)
        return zeros_like(x)


def complex(real, imag, name=None):  # noqa: A001
    """``real + 1j * imag`` (a ``Complex`` op): float32 parts give complex64, float64 complex128."""
    real = convert_to_tensor(real, name="real")
    imag = convert_to_tensor(imag, name="imag")
    with name_scope(name, "Complex", [real, imag]) as scope:
        kinds = (real.dtype.base_dtype, imag.dtype.base_dtype)
        if kinds == (dtypes.float64, dtypes.float64):
            tout = dtypes.complex128
        elif kinds == (dtypes.float32, dtypes.float32):
            tout = dtypes.complex64
        else:
            raise TypeError(f"The `real` and `imag` components have incorrect types: {real.dtype.name} "
                            f"{imag.dtype.name}. They must be consistent, and one of "
                            f"{[dtypes.float32, dtypes.float64]}")
        return create_output("Complex", [real, imag], {"Tout": tout}, name=scope)
