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


def __getattr__(name):
    if name == "confusion_matrix":  # loaded on first use, with tf.metrics' confusion-matrix code and its asserts
        value = _importlib.import_module("scopeflow._src.metrics.confusion").confusion_matrix
        globals()[name] = value
        return value
    raise AttributeError(f"module 'scopeflow.math' has no attribute {name!r}")
