"""Special functions on NumPy arrays, in float64, for the kernels of ``special.py``: ``erf``,
``lgamma``, ``digamma``, the Hurwitz ``zeta`` and ``polygamma``, the regularized incomplete gamma
and beta functions, the inverse normal CDF, and the modified Bessel functions of order 0 and 1.

The algorithms are the classic ones TensorFlow's Eigen kernels also follow (Cephes' series and
continued fractions); the kernels compute in float64 and round to the op's dtype, so float32
results are within an ulp or two of TensorFlow's.
"""

from __future__ import annotations

import math

import numpy as np

_EPS = np.finfo(np.float64).eps


def _elementwise(fn, nin):
    """``fn`` of Python floats, applied elementwise (broadcasting), as a float64 array."""
    ufunc = np.frompyfunc(fn, nin, 1)

    def apply(*xs):
        out = ufunc(*(np.asarray(x, np.float64) for x in xs))
        return np.asarray(out, np.float64)
    return apply


def _lgamma(x):
    if x <= 0 and x == math.floor(x):
        return math.inf
    if math.isinf(x):
        return math.inf
    return math.lgamma(x)


def _digamma(x):
    """The digamma function of one float (``polygamma(0, x)``)."""
    return float(digamma(np.array([x]))[0])


def _digamma_positive(x):
    """``psi(x)`` for an array ``x > 0``: shifted up to 10 or more by the recurrence
    ``psi(x) = psi(x + 1) - 1 / x``, then the asymptotic series."""
    result, y = np.zeros_like(x), x.copy()
    for _ in range(10):
        low = y < 10.0
        result = np.where(low, result - 1.0 / y, result)
        y = np.where(low, y + 1.0, y)
    inv2 = 1.0 / (y * y)
    series = inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132)))))
    return result + np.log(y) - 0.5 / y - series


def digamma(x):
    """``psi(x)``, vectorized: the reflection ``psi(1 - x) - pi / tan(pi x)`` for ``x <= 0``;
    NaN at the poles and ``-inf``, as TF."""
    x = np.asarray(x, np.float64)
    out = np.empty_like(x)
    pos = x > 0
    out[pos] = _digamma_positive(x[pos])
    neg = ~pos & ~np.isnan(x) & ~np.isinf(x)
    with np.errstate(divide="ignore", invalid="ignore"):  # the poles: set to NaN below
        out[neg] = _digamma_positive(1.0 - x[neg]) - math.pi / np.tan(math.pi * x[neg])
    out[(x <= 0) & (x == np.floor(x))] = np.nan
    out[x == np.inf] = np.inf
    out[np.isnan(x) | (x == -np.inf)] = np.nan
    return out


# Euler-Maclaurin coefficients of Cephes' zeta: (2k)! / B_2k
_ZETA_A = (12.0, -720.0, 30240.0, -1209600.0, 47900160.0, -1.8924375803183791606e9, 7.47242496e10,
           -2.950130727918164224e12, 1.1646782814350067249e14, -4.5979787224074726105e15,
           1.8152105401943546773e17, -7.1661652561756670113e18)


def _zeta(x, q):
    """Hurwitz zeta ``sum_k (k + q) ** -x`` (Cephes ``zeta``)."""
    if math.isnan(x) or math.isnan(q):
        return math.nan
    if x == 1.0:
        return math.inf
    if x < 1.0:
        return math.nan
    if q <= 0.0:
        if q == math.floor(q):
            return math.inf
        if x != math.floor(x):
            return math.nan
    s, a, b, i = q ** -x, q, 0.0, 0
    while i < 9 or a <= 9.0:
        i += 1
        a += 1.0
        b = a ** -x
        s += b
        if s != 0 and abs(b / s) < _EPS:
            return s
    w = a
    s += b * w / (x - 1.0) - 0.5 * b
    fac, k = 1.0, 0.0
    for coef in _ZETA_A:
        fac *= x + k
        b /= w
        t = fac * b / coef
        s += t
        if s != 0 and abs(t / s) < _EPS:
            break
        k += 1.0
        fac *= x + k
        b /= w
        k += 1.0
    return s


def _polygamma(n, x):
    if n != math.floor(n) or n < 0:
        return math.nan
    if n == 0:
        return _digamma(x)
    return (-1.0) ** (n + 1) * math.exp(math.lgamma(n + 1.0)) * _zeta(n + 1.0, x)


def _igamma_series(a, x):
    r, c, ans = a, 1.0, 1.0
    for _ in range(2000):
        r += 1.0
        c *= x / r
        ans += c
        if c <= ans * _EPS:
            break
    return ans * math.exp(a * math.log(x) - x - math.lgamma(a)) / a


def _lentz(terms):
    """``1 / (b1 + a2 / (b2 + a3 / (b3 + ...)))`` by the modified Lentz method; ``terms`` yields
    ``(1, b1), (a2, b2), ...``."""
    tiny = 1e-300
    f, c, d = tiny, tiny, 0.0
    for a, b in terms:
        d = b + a * d
        d = 1.0 / (tiny if abs(d) < tiny else d)
        c = b + a / c
        c = tiny if abs(c) < tiny else c
        f *= c * d
        if abs(c * d - 1.0) < _EPS:
            break
    return f


def _igammac_fraction(a, x):
    """``Q(a, x)`` by its continued fraction, for ``x > a + 1``."""
    terms = ((1.0, x + 1.0 - a) if i == 0 else (-i * (i - a), x + 1.0 - a + 2 * i) for i in range(2000))
    return math.exp(a * math.log(x) - x - math.lgamma(a)) * _lentz(terms)


def _incomplete_gamma(a, x, upper):
    """The regularized incomplete gamma functions: ``P(a, x)``, or ``Q(a, x) = 1 - P`` when ``upper``."""
    if math.isnan(a) or math.isnan(x) or a < 0 or x < 0:
        return math.nan
    if a == 0:
        p = 1.0 if x > 0 else math.nan
    elif x == 0 or math.isinf(a):
        p = 0.0
    elif math.isinf(x):
        p = 1.0
    elif x > 1.0 and x > a:
        q = _igammac_fraction(a, x)
        return q if upper else 1.0 - q
    else:
        p = _igamma_series(a, x)
    return 1.0 - p if upper else p


def _igamma_grad_a(a, x):
    """``d P(a, x) / da``, from the series ``P = x^a e^-x / Gamma(a + 1) * sum_k t_k`` with
    ``t_k = x^k / ((a + 1) ... (a + k))``, whose terms' derivatives are ``-t_k H_k``."""
    if math.isnan(a) or math.isnan(x) or a <= 0 or x < 0:
        return math.nan
    if x == 0 or math.isinf(x):
        return 0.0
    term, harmonic, total, slope = 1.0, 0.0, 1.0, 0.0
    for k in range(1, 100000):
        term *= x / (a + k)
        harmonic += 1.0 / (a + k)
        total += term
        slope -= term * harmonic
        if term <= total * _EPS and k > x:
            break
    p = math.exp(a * math.log(x) - x - math.lgamma(a + 1.0)) * total
    return p * (math.log(x) - _digamma(a + 1.0) + slope / total)


def _beta_fraction(a, b, x):
    """The continued fraction of the incomplete beta function (Numerical Recipes' ``betacf``)."""
    def terms():
        yield 1.0, 1.0
        for m in range(3000):
            if m:
                yield m * (b - m) * x / ((a - 1.0 + 2 * m) * (a + 2 * m)), 1.0
            yield -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 1.0 + 2 * m)), 1.0
    return _lentz(terms())


def _betainc(a, b, x):
    """The regularized incomplete beta function ``I_x(a, b)``."""
    if math.isnan(a) or math.isnan(b) or math.isnan(x) or a <= 0 or b <= 0 or x < 0 or x > 1:
        return math.nan
    if x == 0 or x == 1:
        return x
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x))
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _beta_fraction(a, b, x) / a
    return 1.0 - front * _beta_fraction(b, a, 1.0 - x) / b


# Acklam's rational approximation of the inverse normal CDF, refined by one Halley step
_NDTRI_A = (-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
            -3.066479806614716e+01, 2.506628277459239e+00)
_NDTRI_B = (-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
            -1.328068155288572e+01)
_NDTRI_C = (-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
            4.374664141464968e+00, 2.938163982698783e+00)
_NDTRI_D = (7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00)


def _poly(coefs, x):
    out = 0.0
    for c in coefs:
        out = out * x + c
    return out


def _ndtri(p):
    if math.isnan(p) or p < 0 or p > 1:
        return math.nan
    if p == 0:
        return -math.inf
    if p == 1:
        return math.inf
    low = 0.02425
    if p < low:
        q = math.sqrt(-2 * math.log(p))
        x = _poly(_NDTRI_C, q) / (_poly(_NDTRI_D, q) * q + 1)
    elif p <= 1 - low:
        q = p - 0.5
        r = q * q
        x = _poly(_NDTRI_A, r) * q / (_poly(_NDTRI_B, r) * r + 1)
    else:
        q = math.sqrt(-2 * math.log1p(-p))
        x = -_poly(_NDTRI_C, q) / (_poly(_NDTRI_D, q) * q + 1)
    for _ in range(2):
        e = 0.5 * math.erfc(-x / math.sqrt(2)) - p
        u = e * math.sqrt(2 * math.pi) * math.exp(x * x / 2)
        x = x - u / (1 + x * u / 2)
    return x


def _erfinv(y):
    if math.isnan(y) or y < -1 or y > 1:
        return math.nan
    if abs(y) == 1:
        return math.copysign(math.inf, y)
    if abs(y) < 0.5:
        x = _ndtri((y + 1) / 2) / math.sqrt(2)
        for _ in range(2):  # Newton on erf(x) - y
            x -= (math.erf(x) - y) / (2 / math.sqrt(math.pi) * math.exp(-x * x))
        return x
    rest = 1 - abs(y)  # exact for |y| >= 0.5: solve erfc(x) = rest for x > 0
    x = -_ndtri(rest / 2) / math.sqrt(2)
    for _ in range(2):
        x += (math.erfc(x) - rest) / (2 / math.sqrt(math.pi) * math.exp(-x * x))
    return math.copysign(x, y)


def _bessel_ie(nu, x):
    """``exp(-|x|) I_nu(|x|)`` for ``nu`` 0 or 1 (the power series, or the asymptotic series
    for large ``|x|``)."""
    ax = abs(x)
    if math.isnan(x):
        return math.nan
    if math.isinf(x):
        return 0.0
    if ax <= 40.0:
        half, term = ax / 2, (ax / 2) ** nu / math.factorial(nu)
        total, k = term, 0
        while True:
            k += 1
            term *= half * half / (k * (k + nu))
            total += term
            if term <= total * _EPS:
                break
        return total * math.exp(-ax)
    mu, term, total = 4.0 * nu * nu, 1.0, 1.0
    for k in range(1, 40):
        term *= -(mu - (2 * k - 1) ** 2) / (k * 8.0 * ax)
        total += term
        if abs(term) <= abs(total) * _EPS:
            break
    return total / math.sqrt(2 * math.pi * ax)


def _bessel_i(nu, x):
    ie = _bessel_ie(nu, x)
    value = ie * math.exp(abs(x)) if abs(x) < 710 else math.inf
    return -value if nu == 1 and x < 0 else value


def _bessel_i1e(x):
    value = _bessel_ie(1, x)
    return -value if x < 0 else value


erf = _elementwise(math.erf, 1)
erfc = _elementwise(math.erfc, 1)
lgamma = _elementwise(_lgamma, 1)
zeta = _elementwise(_zeta, 2)
polygamma = _elementwise(_polygamma, 2)
igamma = _elementwise(lambda a, x: _incomplete_gamma(a, x, False), 2)
igammac = _elementwise(lambda a, x: _incomplete_gamma(a, x, True), 2)
igamma_grad_a = _elementwise(_igamma_grad_a, 2)
betainc = _elementwise(_betainc, 3)
ndtri = _elementwise(_ndtri, 1)
erfinv = _elementwise(_erfinv, 1)
bessel_i0 = _elementwise(lambda x: _bessel_i(0, x), 1)
bessel_i0e = _elementwise(lambda x: _bessel_ie(0, x), 1)
bessel_i1 = _elementwise(lambda x: _bessel_i(1, x), 1)
bessel_i1e = _elementwise(_bessel_i1e, 1)
