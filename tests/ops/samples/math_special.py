"""Samples for ``ops/math/special.py`` and ``functions.py``: kernels against SciPy's special
functions (float64), static shapes, and TF's gradient rules against central differences."""

import numpy as np
import scipy.special as sp

from tests.ops.samples import F64, POS, sample

_SECOND = dict(second_order=True)
_UNIT = F64(2, 3, low=-0.9, high=0.9)
_BIG = F64(2, 3, seed=3, low=1.2, high=3.0)
_BROAD = dict(exact_shape=True)

for _op, _fn, _x, _ref in (("Tan", "tan", _UNIT, np.tan), ("Acos", "acos", _UNIT, np.arccos),
                           ("Asin", "asin", _UNIT, np.arcsin), ("Atan", "atan", F64(2, 3), np.arctan),
                           ("Sinh", "sinh", F64(2, 3), np.sinh), ("Cosh", "cosh", F64(2, 3), np.cosh),
                           ("Asinh", "asinh", F64(2, 3), np.arcsinh), ("Acosh", "acosh", _BIG, np.arccosh),
                           ("Atanh", "atanh", _UNIT, np.arctanh), ("Expm1", "expm1", F64(2, 3), np.expm1),
                           ("Erf", "erf", F64(2, 3), sp.erf), ("Erfc", "erfc", F64(2, 3), sp.erfc),
                           ("Lgamma", "lgamma", POS(2, 3), sp.gammaln), ("Digamma", "digamma", POS(2, 3), sp.digamma),
                           ("Erfinv", "erfinv", _UNIT, sp.erfinv),
                           ("Ndtri", "ndtri", F64(2, 3, low=0.05, high=0.95), sp.ndtri),
                           ("BesselI0", "bessel_i0", F64(2, 3) * 3, sp.i0),
                           ("BesselI0e", "bessel_i0e", F64(2, 3) * 3, sp.i0e),
                           ("BesselI1", "bessel_i1", F64(2, 3) * 3, sp.i1),
                           ("BesselI1e", "bessel_i1e", F64(2, 3) * 3, sp.i1e)):
    sample(_op, [_x], _ref, **_SECOND)(lambda tf, x, _fn=_fn: getattr(tf.math, _fn)(x))


@sample("Rint", [F64(2, 3) * 4], np.rint, grad=False)
def _(tf, x):
    return tf.math.rint(x)


@sample("Atan2", [F64(2, 3), F64(3, seed=1)], np.arctan2, **_SECOND)
def _(tf, y, x):
    return tf.atan2(y, x)


@sample("Xlogy", [F64(2, 3), POS(3, seed=1)], sp.xlogy, **_SECOND)
def _(tf, x, y):
    return tf.math.xlogy(x, y)


@sample("Xlogy", [np.array([0.0, 1.5, 0.0]), np.array([0.0, 2.0, 3.0])], sp.xlogy, grad=False)
def _(tf, x, y):
    return tf.math.xlogy(x, y)


@sample("Xlog1py", [F64(2, 3), POS(2, 3, seed=1)], sp.xlog1py, **_SECOND)
def _(tf, x, y):
    return tf.math.xlog1py(x, y)


@sample("Xdivy", [F64(3), POS(2, 3, seed=1)], lambda x, y: x / y, **_SECOND)
def _(tf, x, y):
    return tf.math.xdivy(x, y)


@sample("MulNoNan", [F64(2, 3), F64(3, seed=1)], np.multiply, **_SECOND)
def _(tf, x, y):
    return tf.math.multiply_no_nan(x, y)


@sample("MulNoNan", [np.array([np.inf, np.nan, 2.0]), np.array([0.0, 0.0, 3.0])], lambda x, y: np.array([0, 0, 6.0]),
        grad=False)
def _(tf, x, y):
    return tf.math.multiply_no_nan(x, y)


@sample("NextAfter", [F64(2, 3), F64(3, seed=1)], np.nextafter)
def _(tf, x1, x2):
    return tf.math.nextafter(x1, x2)


@sample("Polygamma", [POS(2, 3)], lambda x: sp.polygamma(np.array([[1.0], [2.0]]), x))
def _(tf, x):
    return tf.math.polygamma(tf.constant([[1.0], [2.0]], tf.float64), x)


@sample("Zeta", [POS(2, 3)], lambda q: sp.zeta(np.array([2.5, 3.0, 4.0]), q))
def _(tf, q):
    return tf.math.zeta(tf.constant([2.5, 3.0, 4.0], tf.float64), q)


@sample("Igamma", [POS(2, 3), POS(3, seed=1) * 2], sp.gammainc, grad_tol=1e-4)
def _(tf, a, x):
    return tf.math.igamma(a, x)


@sample("Igammac", [POS(2, 3), POS(2, 3, seed=1) * 2], sp.gammaincc, grad_tol=1e-4)
def _(tf, a, x):
    return tf.math.igammac(a, x)


@sample("IgammaGradA", [POS(2, 3), POS(2, 3, seed=1) * 2], lambda a, x: (sp.gammainc(a + 1e-7, x)
                                                                      - sp.gammainc(a - 1e-7, x)) / 2e-7,
        grad=False, rtol=1e-5, atol=1e-7)
def _(tf, a, x):
    from scopeflow._src.ops.math.special import igamma_grad_a
    return igamma_grad_a(a, x)


@sample("Betainc", [F64(2, 3, low=0.05, high=0.95)], lambda x: sp.betainc(np.full((2, 3), 1.5), 2.5, x))
def _(tf, x):
    return tf.math.betainc(tf.fill([2, 3], tf.constant(1.5, tf.float64)), tf.constant(2.5, tf.float64), x)


@sample("CumulativeLogsumexp", [F64(2, 3)], lambda x: np.logaddexp.accumulate(x, axis=1), **_SECOND)
def _(tf, x):
    return tf.math.cumulative_logsumexp(x, axis=1)


@sample("CumulativeLogsumexp", [F64(3, 2)],
        lambda x: np.concatenate([np.logaddexp.accumulate(x[::-1], axis=0)[::-1][1:], np.full((1, 2), -np.inf)]),
        grad=False)
def _(tf, x):
    return tf.math.cumulative_logsumexp(x, exclusive=True, reverse=True)


@sample("Angle", [F64(2, 3), F64(2, 3, seed=1)], lambda re, im: np.angle(re + 1j * im))
def _(tf, re, im):
    return tf.math.angle(tf.complex(re, im))
