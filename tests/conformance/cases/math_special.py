"""Conformance cases for the special math functions (``tf.math.erf``, ``tf.lgamma``,
``tf.math.xlogy``, ``tf.math.reduce_variance`` ...): op names and types, static shapes, values
(float32 and float64), TF's errors, and the graphs and values of their gradients."""

import numpy as np

from tests.conformance.cases._math_helpers import describe, grads, run_error, static, values
from tests.conformance.harness import case, op_summary, raises

_X = np.array([[-0.75, -0.2, 0.1], [0.35, 0.6, 0.9]], np.float32)
_P = np.array([[0.5, 1.25, 2.0], [3.5, 0.75, 6.0]], np.float32)
_UNARY = ("tan", "acos", "asin", "atan", "sinh", "cosh", "asinh", "atanh", "erf", "erfc", "expm1", "rint",
          "log_sigmoid", "erfinv", "bessel_i0", "bessel_i0e", "bessel_i1", "bessel_i1e", "reciprocal_no_nan")
_POSITIVE = ("lgamma", "digamma", "acosh")


def _x(tf, dtype=np.float32):
    return tf.constant(_X.astype(dtype), name="x")


def _p(tf, dtype=np.float32):
    return tf.constant(_P.astype(dtype), name="p")


# -- unary: names, types, values ---------------------------------------------------------------
@case
def unary_float32(tf):
    x = _x(tf)
    return describe(tf, [getattr(tf.math, n)(x) for n in _UNARY])


@case
def unary_float64(tf):
    x = _x(tf, np.float64)
    return describe(tf, [getattr(tf.math, n)(x) for n in _UNARY])


@case
def unary_positive(tf):
    p = _p(tf)
    q = _p(tf, np.float64)
    return describe(tf, [getattr(tf.math, n)(p) for n in _POSITIVE] + [getattr(tf.math, n)(q) for n in _POSITIVE])


@case
def ndtri_values(tf):
    x = tf.constant([[0.01, 0.2, 0.5], [0.7, 0.95, 0.999]], name="x")
    return describe(tf, [tf.math.ndtri(x), tf.math.ndtri(tf.cast(x, tf.float64)), tf.math.ndtri(x, name="q")])


@case
def unary_names_given(tf):
    x = _x(tf)
    return describe(tf, [tf.math.erf(x, name="e"), tf.tan(x, name="t"), tf.math.erfinv(x, name="inv"),
                         tf.math.bessel_i0e(x, name="b"), tf.math.log_sigmoid(x, name="ls"),
                         tf.math.reciprocal_no_nan(x, name="r")])


@case
def top_level_names(tf):
    x = _x(tf)
    return describe(tf, [tf.erf(x), tf.erfc(x), tf.lgamma(tf.abs(x)), tf.tan(x), tf.atan2(x, x), tf.expm1(x),
                         tf.rint(x * 4.0), tf.log_sigmoid(x)])


@case
def special_values(tf):
    x = tf.constant([0.0, -0.0, 1.0, -1.0, 2.5, -2.5, 1e-8, 30.0, -30.0, np.inf, -np.inf, np.nan], name="x")
    names = ("erf", "erfc", "expm1", "sinh", "atan", "asinh", "rint", "bessel_i0e", "bessel_i1e", "log_sigmoid")
    return describe(tf, [getattr(tf.math, n)(x) for n in names])


@case
def gamma_family_edges(tf):
    x = tf.constant([0.0, -1.0, -2.5, 0.5, 1.0, 2.0, 10.0, 100.0, np.inf], name="x")
    return describe(tf, [tf.math.lgamma(x), tf.math.digamma(x)])


@case
def rint_rounds_half_to_even(tf):
    return describe(tf, [tf.math.rint([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.7])])


@case
def unary_refuses_integers(tf):
    i = tf.constant([1, 2], name="i")
    return {n: raises(getattr(tf.math, n), i) for n in ("erf", "tan", "lgamma", "erfinv", "bessel_i0", "rint")}


# -- binary and ternary ------------------------------------------------------------------------
@case
def binary_names_and_values(tf):
    x, p = _x(tf), _p(tf)
    return describe(tf, [tf.math.atan2(x, p), tf.math.xlogy(x, p), tf.math.xdivy(x, p), tf.math.xlog1py(x, p),
                         tf.math.multiply_no_nan(x, p), tf.math.nextafter(x, p), tf.math.polygamma(1.0, p),
                         tf.math.zeta(2.5, p), tf.math.igamma(p, p + 0.5), tf.math.igammac(p, p + 0.5)])


@case
def binary_broadcast(tf):
    x, p = _x(tf), _p(tf)
    b = tf.constant([1.5, 2.0, 0.25], name="b")
    return describe(tf, [tf.atan2(x, b), tf.math.xlogy(b, p), tf.igamma(b, p), tf.zeta(p, b + 1.0)])


@case
def x_zero_gives_zero(tf):
    x = tf.constant([0.0, 0.0, 0.0, 2.0], name="x")
    y = tf.constant([0.0, np.inf, np.nan, 0.0], name="y")
    return describe(tf, [tf.math.xlogy(x, y), tf.math.xdivy(x, y), tf.math.xlog1py(x, y - 1.0),
                         tf.math.multiply_no_nan(y, x)])


@case
def polygamma_orders(tf):
    n = tf.constant([[0.0], [1.0], [2.0], [3.0], [1.5]], tf.float64, name="n")
    x = tf.constant([0.5, 1.0, 4.0], tf.float64, name="x")
    return describe(tf, [tf.math.polygamma(n, x)])


@case
def betainc_values_and_shapes(tf):
    a = tf.constant([[0.5, 1.0, 2.0], [3.0, 5.0, 0.75]], name="a")
    b = tf.constant([[1.5, 2.0, 0.5], [4.0, 1.0, 2.0]], name="b")
    x = tf.constant([[0.1, 0.5, 0.9], [0.3, 0.7, 0.01]], name="x")
    return describe(tf, [tf.math.betainc(a, b, x), tf.betainc(a, 2.0, 0.5), tf.math.betainc(1.0, b, x)])


@case
def betainc_shape_errors(tf):
    a = tf.constant([1.0, 2.0], name="a")
    b = tf.constant([1.0, 2.0, 3.0], name="b")
    pa, pb = tf.placeholder(tf.float32, name="pa"), tf.placeholder(tf.float32, name="pb")
    out = tf.math.betainc(pa, pb, 0.5)
    return {"build": raises(tf.math.betainc, a, b, 0.5),
            "run": run_error(tf, out, {pa: [1.0, 2.0], pb: [1.0, 2.0, 3.0]})}


@case
def binary_dtype_errors(tf):
    x = tf.constant([1.0, 2.0], name="x")
    d = tf.constant([1.0, 2.0], tf.float64, name="d")
    return {"atan2": raises(tf.math.atan2, x, d), "xlogy": raises(tf.math.xlogy, x, d),
            "multiply_no_nan": raises(tf.math.multiply_no_nan, x, d),
            "polygamma_half": raises(tf.math.polygamma, tf.constant([1.0], tf.float16), tf.constant([1.0], tf.float16)),
            "broadcast": raises(tf.math.xlogy, x, tf.constant([1.0, 2.0, 3.0]))}


# -- composite functions -----------------------------------------------------------------------
@case
def reduce_variance_and_std(tf):
    x = _x(tf)
    return describe(tf, [tf.math.reduce_variance(x), tf.math.reduce_std(x), tf.math.reduce_variance(x, axis=1),
                         tf.math.reduce_std(x, axis=0, keepdims=True), tf.math.reduce_variance(x, name="v"),
                         tf.math.reduce_std(tf.cast(x, tf.float64), axis=[0, 1])])


@case
def reduce_variance_complex_and_integer(tf):
    c = tf.complex(_x(tf), _p(tf))
    return {"complex": describe(tf, [tf.math.reduce_variance(c, axis=0), tf.math.reduce_std(c)]),
            "integer": raises(tf.math.reduce_variance, tf.constant([1, 2, 3]))}


@case
def lbeta_values(tf):
    p = _p(tf)
    return describe(tf, [tf.math.lbeta(p), tf.lbeta(tf.constant([[[1.0, 2.0]], [[3.0, 0.5]]])),
                         tf.math.lbeta(tf.constant([2.0, 3.0, 4.0], tf.float64), name="lb")])


@case
def polyval_values(tf):
    x = _x(tf)
    return {"values": describe(tf, [tf.math.polyval([1.0, -2.0, 3.0], x), tf.math.polyval([x, 2.0], x),
                                    tf.math.polyval([], x), tf.math.polyval([5.0], x, name="pv")]),
            "tuple": raises(tf.math.polyval, (1.0, 2.0), x)}


@case
def angle_real_and_complex(tf):
    x = _x(tf)
    c = tf.complex(x, tf.reverse(x, [1]))
    c128 = tf.complex(tf.cast(x, tf.float64), tf.cast(x, tf.float64))
    return describe(tf, [tf.math.angle(x), tf.angle(c), tf.math.angle(c128, name="a")])


@case
def zero_fraction_graph_and_values(tf):
    x = tf.constant([[0.0, 1.0, 0.0], [2.0, 0.0, 3.0]], name="x")
    return describe(tf, [tf.math.zero_fraction(x), tf.math.zero_fraction(tf.constant([0, 0, 1]), name="zf")])


@case
def monotonic_checks(tf):
    a = tf.constant([1, 2, 2, 5], name="a")
    b = tf.constant([[1.0, 2.0], [3.0, 4.0]], name="b")
    return describe(tf, [tf.math.is_non_decreasing(a), tf.math.is_strictly_increasing(a),
                         tf.is_non_decreasing(b), tf.is_strictly_increasing(b),
                         tf.math.is_non_decreasing(tf.constant([3.0])), tf.math.is_strictly_increasing([])])


@case
def monotonic_refuses_strings(tf):
    return raises(tf.math.is_non_decreasing, tf.constant(["a", "b"]))


@case
def cumulative_logsumexp_values(tf):
    x = _x(tf)
    return describe(tf, [tf.math.cumulative_logsumexp(x), tf.math.cumulative_logsumexp(x, axis=1, exclusive=True),
                         tf.math.cumulative_logsumexp(x, axis=-1, reverse=True),
                         tf.math.cumulative_logsumexp(tf.cast(x, tf.float64), exclusive=True, reverse=True,
                                                      name="c")])


@case
def cumulative_logsumexp_bad_axis(tf):
    x = tf.placeholder(tf.float32, name="x")
    out = tf.math.cumulative_logsumexp(x, axis=2)
    return {"run": run_error(tf, out, {x: [[1.0, 2.0]]}),
            "int": raises(tf.math.cumulative_logsumexp, tf.constant([1, 2]))}


# -- gradients ---------------------------------------------------------------------------------
@case
def grad_trig_and_hyperbolic(tf):
    x = _x(tf)
    ys = [tf.tan(x), tf.asin(x), tf.acos(x), tf.atan(x), tf.sinh(x), tf.cosh(x), tf.asinh(x), tf.atanh(x)]
    return grads(tf, tf.add_n(ys), [x])


@case
def grad_error_functions(tf):
    x = _x(tf)
    return grads(tf, [tf.math.erf(x), tf.math.erfc(x), tf.math.erfinv(x), tf.math.expm1(x)], [x])


@case
def grad_gamma_family(tf):
    p = _p(tf)
    return grads(tf, [tf.math.lgamma(p), tf.math.digamma(p), tf.math.acosh(p + 1.0)], [p])


@case
def grad_ndtri_and_log_sigmoid(tf):
    x = _x(tf)
    return grads(tf, [tf.math.ndtri(tf.abs(x) * 0.9 + 0.05), tf.math.log_sigmoid(x)], [x])


@case
def grad_bessel(tf):
    x = tf.constant([[-1.5, 0.0, 0.5], [2.0, -0.25, 4.0]], name="x")
    return grads(tf, [tf.math.bessel_i0(x), tf.math.bessel_i0e(x), tf.math.bessel_i1(x), tf.math.bessel_i1e(x)],
                 [x])


@case
def grad_atan2_broadcast(tf):
    x = _x(tf)
    b = tf.constant([1.5, -2.0, 0.25], name="b")
    return grads(tf, tf.atan2(x, b), [x, b])


@case
def grad_xlogy_family(tf):
    x, p = _x(tf), _p(tf)
    b = tf.constant([1.5, 2.0, 0.25], name="b")
    return grads(tf, [tf.math.xlogy(x, b), tf.math.xdivy(b, p), tf.math.xlog1py(x, p)], [x, p, b])


@case
def grad_mul_no_nan(tf):
    x, p = _x(tf), _p(tf)
    b = tf.constant([1.5, 0.0, 0.25], name="b")
    return grads(tf, [tf.math.multiply_no_nan(x, b), tf.math.multiply_no_nan(x, p)], [x, p, b])


@case
def grad_igamma_betainc_zeta_polygamma(tf):
    p = _p(tf, np.float64)
    a = tf.constant([1.5, 2.0, 0.75], tf.float64, name="a")
    return grads(tf, [tf.math.igamma(a, p), tf.math.igammac(p, a), tf.math.zeta(a + 1.0, p),
                      tf.math.polygamma(tf.constant(1.0, tf.float64), p),
                      tf.math.betainc(a, a, tf.constant(0.3, tf.float64))], [p, a])


@case
def grad_reduce_variance_and_lbeta(tf):
    x, p = _x(tf), _p(tf)
    return grads(tf, [tf.math.reduce_std(x, axis=1), tf.math.lbeta(p)], [x, p])


@case
def grad_cumulative_logsumexp(tf):
    x = _x(tf)
    return grads(tf, [tf.math.cumulative_logsumexp(x, axis=1), tf.math.cumulative_logsumexp(x, exclusive=True)], [x])


@case
def grad_angle_and_rint(tf):
    x = _x(tf)
    c = tf.complex(x, tf.reverse(x, [1]))
    g = tf.gradients(tf.math.angle(c), c)[0]
    ops = [s for s in op_summary(tf.get_default_graph()) if s[0].startswith("gradients")]
    return {"angle": describe(tf, [tf.math.real(g), tf.math.imag(g)]), "ops": ops,
            "rint": tf.gradients(tf.math.rint(x), x)}


@case
def grad_nextafter(tf):
    x, p = _x(tf), _p(tf)
    return grads(tf, tf.math.nextafter(x, p), [x, p])


# -- hessians ----------------------------------------------------------------------------------
@case
def hessians_values_and_shapes(tf):
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]], name="x")
    v = tf.constant([0.5, -1.0, 2.0], name="v")
    y = tf.reduce_sum(x ** 3) + tf.reduce_prod(x) + tf.reduce_sum(tf.sin(v) * v[0])
    hs = tf.hessians(y, [x, v])
    single = tf.hessians(tf.reduce_sum(v ** 2), v)
    return {"static": static(hs + single), "values": values(tf, hs + single)}
