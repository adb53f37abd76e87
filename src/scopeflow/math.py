"""``tf.math`` (TF1): elementwise math, reductions, comparisons and segment-free helpers.

Only re-exports; the code lives in ``scopeflow._src.ops`` (``math_ops`` and the modules it
gathers). The ``tf.nn`` functions that ``tf.math`` also lists come from ``scopeflow.nn``.
"""

__all__ = [
    "abs", "accumulate_n", "add", "add_n", "argmax", "argmin", "ceil",
    "confusion_matrix",  # noqa: F822 - loaded on first use (__getattr__)
    "conj", "cos", "count_nonzero", "cumprod",
    "cumsum", "divide", "divide_no_nan", "equal", "exp", "floor", "floordiv", "floormod", "greater",
    "greater_equal", "imag", "in_top_k", "is_finite", "is_inf", "is_nan", "l2_normalize", "less", "less_equal",
    "log", "log1p", "log_softmax", "logical_and", "logical_not", "logical_or", "logical_xor", "maximum", "minimum",
    "mod", "multiply", "negative", "not_equal", "pow", "real", "reciprocal", "reduce_all", "reduce_any",
    "reduce_euclidean_norm", "reduce_logsumexp", "reduce_max", "reduce_mean", "reduce_min", "reduce_prod",
    "reduce_sum", "round", "rsqrt", "scalar_mul", "sigmoid", "sign", "sin", "softmax", "softplus", "softsign",
    "sqrt", "square", "squared_difference", "subtract", "tanh", "top_k", "truediv"]

import importlib as _importlib

from scopeflow._src.ops.math_ops import (
    abs,
    accumulate_n,
    add,
    add_n,
    argmax,
    argmin,
    ceil,
    conj,
    cos,
    count_nonzero,
    cumprod,
    cumsum,
    divide,
    divide_no_nan,
    equal,
    exp,
    floor,
    floordiv,
    floormod,
    greater,
    greater_equal,
    imag,
    is_finite,
    is_inf,
    is_nan,
    less,
    less_equal,
    log,
    log1p,
    logical_and,
    logical_not,
    logical_or,
    logical_xor,
    maximum,
    minimum,
    mod,
    multiply,
    negative,
    not_equal,
    pow,
    real,
    reciprocal,
    reduce_all,
    reduce_any,
    reduce_euclidean_norm,
    reduce_logsumexp,
    reduce_max,
    reduce_mean,
    reduce_min,
    reduce_prod,
    reduce_sum,
    round,
    rsqrt,
    scalar_mul,
    sigmoid,
    sign,
    sin,
    sqrt,
    square,
    squared_difference,
    subtract,
    tanh,
    truediv,
)
from scopeflow.nn import in_top_k, l2_normalize, log_softmax, softmax, softplus, softsign, top_k

# the functions beyond the basic ones (erf, segment_max, bincount ...): ops/math/api.py, loaded on first use
_MORE = ("acos", "acosh", "angle", "asin", "asinh", "atan", "atan2", "atanh", "bessel_i0", "bessel_i0e",
         "bessel_i1", "bessel_i1e", "betainc", "bincount", "cosh", "cumulative_logsumexp", "digamma", "erf",
         "erfc", "erfinv", "expm1", "igamma", "igammac", "invert_permutation", "is_non_decreasing",
         "is_strictly_increasing", "lbeta", "lgamma", "log_sigmoid", "multiply_no_nan", "ndtri", "nextafter",
         "polygamma", "polyval", "reciprocal_no_nan", "reduce_std", "reduce_variance", "rint", "segment_max",
         "segment_mean", "segment_min", "segment_prod", "segment_sum", "sinh", "tan", "unsorted_segment_max",
         "unsorted_segment_mean", "unsorted_segment_min", "unsorted_segment_prod", "unsorted_segment_sqrt_n",
         "unsorted_segment_sum", "xdivy", "xlog1py", "xlogy", "zero_fraction", "zeta")
__all__ = sorted(__all__ + list(_MORE), key=lambda n: (n.lower(), n))


def __getattr__(name):
    if name == "confusion_matrix":  # loaded on first use, with tf.metrics' confusion-matrix code and its asserts
        value = _importlib.import_module("scopeflow._src.metrics.confusion").confusion_matrix
        globals()[name] = value
        return value
    if name in _MORE:  # with their ops, on first use
        value = getattr(_importlib.import_module("scopeflow._src.ops.math.api"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'scopeflow.math' has no attribute {name!r}")
