"""TensorFlow's ``math_ops`` namespace: the math wrappers of ``ops/math/`` in one module, for
the layers above the op library. Only re-exports; each op lives in its topic module:

- ``arithmetic.py``: add, subtract, multiply, maximum, pow, add_n ...; ``division.py``: truediv,
  floordiv, mod, div_no_nan ...; ``unary.py``: abs, sqrt, exp, tanh, sigmoid, complex parts and
  the ``*Grad`` ops; ``comparison.py``: comparisons, logical and bitwise ops;
- ``cast.py``: cast and TF1's ``to_float`` family; ``clipping.py``: clip_by_value, saturate_cast;
- ``reduction.py``: ``reduce_*``, count_nonzero; ``scan.py``: cumsum, cumprod, argmax, argmin;
- ``matmul.py``: matmul, tensordot; ``einsum.py``; ``linalg.py``: qr, diag, eye;
  ``index.py``: setdiff1d, dynamic_stitch, parallel_dynamic_stitch, dynamic_partition.
"""

from scopeflow._src.ops.math.arithmetic import (
    accumulate_n,
    add,
    add_dispatch,
    add_n,
    maximum,
    minimum,
    mul_dispatch,
    multiply,
    neg,
    negative,
    pow,
    scalar_mul,
    squared_difference,
    subtract,
)
from scopeflow._src.ops.math.cast import (
    cast,
    raw_cast,
    to_bfloat16,
    to_complex64,
    to_complex128,
    to_double,
    to_float,
    to_int32,
    to_int64,
)
from scopeflow._src.ops.math.clipping import clip_by_value, saturate_cast
from scopeflow._src.ops.math.comparison import (
    and_,
    bitwise_and,
    bitwise_or,
    bitwise_xor,
    equal,
    greater,
    greater_equal,
    invert,
    invert_,
    less,
    less_equal,
    logical_and,
    logical_not,
    logical_or,
    logical_xor,
    not_equal,
    or_,
    xor_,
)
from scopeflow._src.ops.math.division import (
    div,
    div_no_nan,
    divide,
    divide_no_nan,
    floor_div,
    floordiv,
    floormod,
    mod,
    mod_dispatch,
    realdiv,
    truediv,
    truncatediv,
    truncatemod,
)
from scopeflow._src.ops.math.einsum import einsum
from scopeflow._src.ops.math.index import (
    dynamic_partition,
    dynamic_stitch,
    list_diff,
    parallel_dynamic_stitch,
    setdiff1d,
)
from scopeflow._src.ops.math.linalg import diag, diag_part, eye, qr
from scopeflow._src.ops.math.matmul import mat_mul, matmul, tensordot
from scopeflow._src.ops.math.reduction import (
    count_nonzero,
    reduce_all,
    reduce_any,
    reduce_euclidean_norm,
    reduce_logsumexp,
    reduce_max,
    reduce_mean,
    reduce_min,
    reduce_prod,
    reduce_sum,
    reduced_shape,
)
from scopeflow._src.ops.math.scan import arg_max, arg_min, argmax, argmin, cumprod, cumsum
from scopeflow._src.ops.math.unary import (
    abs,
    ceil,
    complex,
    conj,
    cos,
    exp,
    floor,
    imag,
    is_finite,
    is_inf,
    is_nan,
    log,
    log1p,
    real,
    reciprocal,
    reciprocal_grad,
    round,
    rsqrt,
    rsqrt_grad,
    sigmoid,
    sigmoid_grad,
    sign,
    sin,
    sqrt,
    sqrt_grad,
    square,
    tanh,
    tanh_grad,
)

__all__ = [
    "abs", "accumulate_n", "add", "add_dispatch", "add_n", "and_", "arg_max", "arg_min", "argmax", "argmin",
    "bitwise_and", "bitwise_or", "bitwise_xor", "cast", "ceil", "clip_by_value", "complex", "conj", "cos",
    "count_nonzero", "cumprod", "cumsum", "diag", "diag_part", "div", "div_no_nan", "divide", "divide_no_nan",
    "dynamic_partition", "dynamic_stitch", "einsum", "equal", "exp", "eye", "floor", "floor_div", "floordiv",
    "floormod", "greater",
    "greater_equal", "imag", "invert", "invert_", "is_finite", "is_inf", "is_nan", "less", "less_equal",
    "list_diff", "log", "log1p", "logical_and", "logical_not", "logical_or", "logical_xor", "mat_mul", "matmul",
    "maximum", "minimum", "mod", "mod_dispatch", "mul_dispatch", "multiply", "neg", "negative", "not_equal", "or_",
    "parallel_dynamic_stitch", "pow", "qr", "raw_cast", "real", "realdiv", "reciprocal", "reciprocal_grad",
    "reduce_all", "reduce_any",
    "reduce_euclidean_norm", "reduce_logsumexp", "reduce_max", "reduce_mean", "reduce_min", "reduce_prod",
    "reduce_sum", "reduced_shape", "round", "rsqrt", "rsqrt_grad", "saturate_cast", "scalar_mul", "setdiff1d",
    "sigmoid", "sigmoid_grad", "sign", "sin", "sqrt", "sqrt_grad", "square", "squared_difference", "subtract",
    "tanh", "tanh_grad", "tensordot", "to_bfloat16", "to_complex64", "to_complex128", "to_double", "to_float",
    "to_int32", "to_int64", "truediv", "truncatediv", "truncatemod", "xor_"]
