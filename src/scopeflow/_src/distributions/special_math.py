"""The standard normal CDF and its log, built of ops as TF's ``special_math`` builds them:
``ndtr`` from ``erf``/``erfc``; ``log_ndtr`` piecewise (``-ndtr(-x)`` above 5 (8 in float64),
``log(ndtr)`` in between, an asymptotic series below -10 (-20))."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework.constant_op import constant, convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.math import special

_LOWER = {np.float64: np.array(-20, np.float64), np.float32: np.array(-10, np.float32)}
_UPPER = {np.float64: np.array(8, np.float64), np.float32: np.array(5, np.float32)}


def ndtr(x, name="ndtr"):
    """P(Z <= x) for a standard normal Z (float32 or float64)."""
    with name_scope(name, values=[x]):
        x = convert_to_tensor(x, name="x")
        if x.dtype.as_numpy_dtype not in (np.float32, np.float64):
            raise TypeError(f"x.dtype={x.dtype} is not handled, see docstring for supported types.")
        return _ndtr(x)


def _ndtr(x):
    half_sqrt_2 = constant(0.5 * np.sqrt(2.0), dtype=x.dtype, name="half_sqrt_2")
    w = x * half_sqrt_2
    z = math_ops.abs(w)
    y = array_ops.where_v2(math_ops.less(z, half_sqrt_2), 1.0 + special.erf(w),
                           array_ops.where_v2(math_ops.greater(w, 0.0), 2.0 - special.erfc(z), special.erfc(z)))
    return 0.5 * y


def log_ndtr(x, series_order=3, name="log_ndtr"):
    """log P(Z <= x), accurate in both tails."""
    if not isinstance(series_order, int):
        raise TypeError("series_order must be a Python integer.")
    if series_order < 0:
        raise ValueError("series_order must be non-negative.")
    if series_order > 30:
        raise ValueError("series_order must be <= 30.")
    with name_scope(name, values=[x]):
        x = convert_to_tensor(x, name="x")
        kind = x.dtype.as_numpy_dtype
        if kind not in _LOWER:
            raise TypeError(f"x.dtype={x.dtype} is not supported.")
        lower, upper = _LOWER[kind], _UPPER[kind]
        return array_ops.where_v2(
            math_ops.greater(x, upper), -_ndtr(-x),
            array_ops.where_v2(math_ops.greater(x, lower), math_ops.log(_ndtr(math_ops.maximum(x, lower))),
                               _log_ndtr_lower(math_ops.minimum(x, lower), series_order)))


def _log_ndtr_lower(x, series_order):
    x_2 = math_ops.square(x)
    log_scale = -0.5 * x_2 - math_ops.log(-x) - 0.5 * np.log(2.0 * np.pi)
    return log_scale + math_ops.log(_asymptotic_series(x, series_order))


def _asymptotic_series(x, series_order):
    dtype = x.dtype.as_numpy_dtype
    if series_order <= 0:
        return np.array(1, dtype)
    x_2 = math_ops.square(x)
    even_sum, odd_sum = array_ops.zeros_like(x), array_ops.zeros_like(x)
    x_2n = x_2
    for n in range(1, series_order + 1):
        y = np.array(np.prod(np.arange(2 * n - 1, 1, -2)), dtype) / x_2n
        if n % 2:
            odd_sum += y
        else:
            even_sum += y
        x_2n *= x_2
    return 1.0 + even_sum - odd_sum


def ndtri(p, name="ndtri"):
    """The inverse of ``ndtr`` (TF's ``Ndtri`` op)."""
    with name_scope(name, values=[p]):
        p = convert_to_tensor(p, name="p")
        if p.dtype.as_numpy_dtype not in (np.float32, np.float64):
            raise TypeError(f"p.dtype={p.dtype} is not handled, see docstring for supported types.")
        return special.ndtri(p)


def log_cdf_laplace(x, name="log_cdf_laplace"):
    """log P(X <= x) for a standard Laplace X: ``x - log 2`` below 0, ``log1p(-exp(-|x|)/2)`` above."""
    with name_scope(name, values=[x]):
        x = convert_to_tensor(x, name="x")
        lower_solution = -np.log(2.0) + x
        safe_exp_neg_x = math_ops.exp(-math_ops.abs(x))
        upper_solution = math_ops.log1p(-0.5 * safe_exp_neg_x)
        return array_ops.where_v2(x < 0.0, lower_solution, upper_solution)
