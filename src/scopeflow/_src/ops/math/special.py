"""Elementwise functions TensorFlow keeps beside the basic ones: trigonometric and hyperbolic
(``Tan``, ``Acos``, ``Atan2``, ``Sinh`` ...), ``Expm1``, ``Rint``, the error and gamma families
(``Erf``, ``Erfinv``, ``Ndtri``, ``Lgamma``, ``Digamma``, ``Polygamma``, ``Zeta``, ``Igamma``,
``Betainc``), the modified Bessel functions, the ``x * log(y)`` family (``Xlogy``, ``Xdivy``,
``Xlog1py``), ``MulNoNan`` and ``NextAfter``; their ops and wrappers, named as TF names them.

Example::

    y = tf.math.erf(tf.constant([0.0, 1.0]))   # an ``Erf`` op named "Erf"
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.shape_inference import merge_shapes
from scopeflow._src.ops.common import dtype_lists, shape_fns
from scopeflow._src.ops.common.elementwise import quiet, quiet_unary
from scopeflow._src.ops.common.lowering import jnp_fn
from scopeflow._src.ops.math import special_fns

_FC, _FLOAT = dtype_lists.FLOAT_COMPLEX, dtype_lists.FLOAT
_F32_64 = dtype_lists.types("float32,float64")
_XLOGY = dtype_lists.types("float16,bfloat16,float32,float64,complex64,complex128")


def _lower_scipy(name):
    """The lowering that is ``jax.scipy.special``'s function ``name``."""
    return lambda op, jx: getattr(jx.jax.scipy.special, name)


def _in_float64(fn):
    """``fn`` of float64 values, rounded to the inputs' dtype (as TF's Eigen kernels round)."""
    def kernel(*xs):
        dtype = np.result_type(*xs)
        return np.asarray(fn(*(np.asarray(x, np.float64) for x in xs))).astype(dtype, copy=False)
    return kernel


def _unary(op_type, fn, allowed, lower=None):
    registry.register(OpDef(op_type, inputs=["x: T"], outputs=["y: T"], attrs={"T": allowed},
                            shape=shape_fns.unchanged, kernel=quiet_unary(fn), lower=lower))


def _binary(op_type, names, kernel, allowed, defaults=None, lower=None):
    registry.register(OpDef(op_type, inputs=[f"{n}: T" for n in names], outputs=[f"{'output' if defaults else 'z'}: T"],
                            attrs={"T": allowed}, shape=shape_fns.broadcast, factory=shape_fns.broadcasting(kernel),
                            defaults=defaults or {}, lower=lower))


for _type, _fn in (("Tan", np.tan), ("Acos", np.arccos), ("Asin", np.arcsin), ("Atan", np.arctan),
                   ("Sinh", np.sinh), ("Cosh", np.cosh), ("Asinh", np.arcsinh), ("Acosh", np.arccosh),
                   ("Atanh", np.arctanh), ("Expm1", np.expm1)):
    _unary(_type, _fn, _FC, lower=jnp_fn(_fn.__name__))
_unary("Rint", np.rint, _FLOAT, lower=jnp_fn("rint"))
for _type, _fn, _name in (("Erf", special_fns.erf, "erf"), ("Erfc", special_fns.erfc, "erfc"),
                          ("Erfinv", special_fns.erfinv, "erfinv"), ("Ndtri", special_fns.ndtri, "ndtri"),
                          ("Lgamma", special_fns.lgamma, "gammaln"), ("Digamma", special_fns.digamma, "digamma"),
                          ("BesselI0", special_fns.bessel_i0, "i0"), ("BesselI0e", special_fns.bessel_i0e, "i0e"),
                          ("BesselI1", special_fns.bessel_i1, "i1"), ("BesselI1e", special_fns.bessel_i1e, "i1e")):
    _unary(_type, _in_float64(_fn), _FLOAT, lower=_lower_scipy(_name))


def _xlogy(f):
    """``x * f(y)``, 0 where ``x == 0`` (TF's ``Xlogy`` family)."""
    def kernel(x, y):
        x, y = np.asarray(x), np.asarray(y)
        return np.where(x == 0, np.zeros_like(x * y), x * f(y))
    return quiet(kernel)


def _xdivy(x, y):
    x, y = np.asarray(x), np.asarray(y)
    return np.where(x == 0, np.zeros_like(x * y), x / y)


def _mul_no_nan(x, y):
    x, y = np.asarray(x), np.asarray(y)
    return np.where(y == 0, np.zeros_like(x * y), x * y)


def _lower_x_where(f):
    def lower(op, jx):
        jnp = jx.jnp
        return lambda x, y: jnp.where(x == 0, jnp.zeros_like(x * y), f(jnp, x, y))
    return lower


_binary("Atan2", ("y", "x"), quiet(np.arctan2), _FLOAT, lower=jnp_fn("arctan2"))
_binary("Xlogy", ("x", "y"), _xlogy(np.log), _XLOGY, lower=_lower_x_where(lambda jnp, x, y: x * jnp.log(y)))
_binary("Xlog1py", ("x", "y"), _xlogy(np.log1p), _XLOGY,
        lower=_lower_x_where(lambda jnp, x, y: x * jnp.log1p(y)))
_binary("Xdivy", ("x", "y"), quiet(_xdivy), _XLOGY, lower=_lower_x_where(lambda jnp, x, y: x / y))
_binary("MulNoNan", ("x", "y"), quiet(_mul_no_nan), _FC,
        lower=lambda op, jx: lambda x, y: jx.jnp.where(y == 0, jx.jnp.zeros_like(x * y), x * y))
_binary("NextAfter", ("x1", "x2"), np.nextafter, dtype_lists.types("float64,float32"),
        defaults={"T": dtypes.float32}, lower=jnp_fn("nextafter"))
def _lower_polygamma(op, jx):
    jnp, special = jx.jnp, jx.jax.scipy.special

    def run(n, x):
        higher = (-1.0) ** (n + 1) * jnp.exp(special.gammaln(n + 1)) * special.zeta(n + 1, x)
        value = jnp.where(n == 0, special.digamma(x), higher)
        return jnp.where((n == jnp.floor(n)) & (n >= 0), value, jnp.nan)
    return run


_binary("Polygamma", ("a", "x"), _in_float64(special_fns.polygamma), _F32_64, lower=_lower_polygamma)
_binary("Zeta", ("x", "q"), _in_float64(special_fns.zeta), _F32_64, lower=_lower_scipy("zeta"))
_binary("Igamma", ("a", "x"), _in_float64(special_fns.igamma), _FLOAT, lower=_lower_scipy("gammainc"))
_binary("Igammac", ("a", "x"), _in_float64(special_fns.igammac), _FLOAT, lower=_lower_scipy("gammaincc"))
_binary("IgammaGradA", ("a", "x"), _in_float64(special_fns.igamma_grad_a), _F32_64,
        lower=lambda op, jx: jx.lax.igamma_grad_a)


def _betainc_shape(inputs, attrs):
    """TF's ``Betainc``: scalars broadcast; the other inputs merge into one shape."""
    out = None
    for t in inputs:
        if t.shape.ndims != 0:
            out = t.shape if out is None else merge_shapes(out, t.shape)
    return out if out is not None else inputs[0].shape


def _betainc_factory(op, state):
    def kernel(a, b, x):
        shapes = {"a": np.shape(a), "b": np.shape(b), "x": np.shape(x)}
        for p, q in (("a", "b"), ("a", "x"), ("b", "x")):
            if shapes[p] != () and shapes[q] != () and shapes[p] != shapes[q]:
                raise errors.InvalidArgumentError(
                    None, op, f"Shapes of {p} and {q} are inconsistent: {shape_fns.dims_text(shapes[p])} vs. "
                              f"{shape_fns.dims_text(shapes[q])}")
        return _in_float64(special_fns.betainc)(a, b, x)
    return kernel


registry.register(OpDef("Betainc", inputs=["a: T", "b: T", "x: T"], outputs=["z: T"], attrs={"T": _F32_64},
                        shape=_betainc_shape, factory=_betainc_factory, lower=_lower_scipy("betainc")))


# -- public wrappers ---------------------------------------------------------------------------
def _arguments(public, inputs, args, kwargs):
    """The inputs given positionally or by TF's argument names, in order."""
    values = list(args) + [kwargs.pop(n) for n in inputs[len(args):] if n in kwargs]
    if kwargs or len(values) != len(inputs):
        raise TypeError(f"{public}() takes the arguments ({', '.join(inputs)}, name=None)")
    return values


def _gen(op_type, public, inputs=("x",)):
    def fn(*args, name=None, **kwargs):
        return create_output(op_type, _arguments(public, inputs, args, kwargs), name=name)
    fn.__name__ = fn.__qualname__ = public
    fn.__doc__ = (f"Elementwise ``{op_type}`` of ``{', '.join(inputs)}`` (an op of that type, named "
                  f"``{op_type}`` by default).")
    return fn


tan, acos, asin, atan = (_gen(t, t.lower()) for t in ("Tan", "Acos", "Asin", "Atan"))
sinh, cosh, asinh, acosh, atanh = (_gen(t, t.lower()) for t in ("Sinh", "Cosh", "Asinh", "Acosh", "Atanh"))
erf, erfc, lgamma, digamma, expm1, rint = (_gen(t, t.lower()) for t in ("Erf", "Erfc", "Lgamma", "Digamma", "Expm1",
                                                                        "Rint"))
atan2 = _gen("Atan2", "atan2", ("y", "x"))
polygamma = _gen("Polygamma", "polygamma", ("a", "x"))
zeta = _gen("Zeta", "zeta", ("x", "q"))
igamma = _gen("Igamma", "igamma", ("a", "x"))
igammac = _gen("Igammac", "igammac", ("a", "x"))
betainc = _gen("Betainc", "betainc", ("a", "b", "x"))
nextafter = _gen("NextAfter", "nextafter", ("x1", "x2"))
xlogy = _gen("Xlogy", "xlogy", ("x", "y"))
# the ops without a scope, as TF's gradients build them (gen_math_ops)
raw_xdivy = _gen("Xdivy", "xdivy", ("x", "y"))
raw_xlog1py = _gen("Xlog1py", "xlog1py", ("x", "y"))
create_mul_no_nan = _gen("MulNoNan", "mul_no_nan", ("x", "y"))
igamma_grad_a = _gen("IgammaGradA", "igamma_grad_a", ("a", "x"))


def _scoped(op_type, public, scope, inputs=("x",)):
    """A wrapper that builds its op inside ``name_scope(name, scope)`` (TF's ``math_ops``
    wrappers of ``erfinv``, ``xdivy``, the Bessel functions ...)."""
    def fn(*args, name=None, **kwargs):
        args = _arguments(public, inputs, args, kwargs)
        with name_scope(name, scope, args):
            return create_output(op_type, [convert_to_tensor(a) for a in args])
    fn.__name__ = fn.__qualname__ = public
    fn.__doc__ = f"Elementwise ``{op_type}``, built in a scope named ``{scope}``."
    return fn


erfinv = _scoped("Erfinv", "erfinv", "erfinv")
ndtri = _scoped("Ndtri", "ndtri", "ndtri")
bessel_i0, bessel_i0e, bessel_i1, bessel_i1e = (_scoped(t, t.lower().replace("besseli", "bessel_i"),
                                                        t.lower().replace("besseli", "bessel_i"))
                                                for t in ("BesselI0", "BesselI0e", "BesselI1", "BesselI1e"))
xdivy = _scoped("Xdivy", "xdivy", "xdivy", ("x", "y"))
xlog1py = _scoped("Xlog1py", "xlog1py", "xlog1py", ("x", "y"))


def multiply_no_nan(x, y, name=None):
    """``x * y``, 0 where ``y`` is 0 even when ``x`` is infinite or NaN (a ``MulNoNan`` op named
    ``multiply_no_nan``)."""
    with name_scope(name, "multiply_no_nan", [x, y]) as scope:
        x = convert_to_tensor(x, name="x")
        y = convert_to_tensor(y, name="y", dtype=x.dtype.base_dtype)
        if x.dtype.base_dtype != y.dtype.base_dtype:
            raise TypeError(f"x and y must have the same dtype, got {x.dtype!r} != {y.dtype!r}")
        return create_output("MulNoNan", [x, y], name=scope)
