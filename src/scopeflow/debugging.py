"""``tf.debugging``: assertions (``assert_equal``, ``assert_rank``...), numeric checks
(``check_numerics``, ``assert_all_finite``, ``is_finite``...) and ``Assert``.

Only re-exports; the code lives in ``scopeflow._src.ops.debugging``. Loaded on first use
(``tf.debugging``), with the debugging ops.
"""

__all__ = ["Assert", "assert_all_finite", "assert_equal", "assert_greater", "assert_greater_equal", "assert_integer",
           "assert_less", "assert_less_equal", "assert_near", "assert_negative", "assert_non_negative",
           "assert_non_positive", "assert_none_equal", "assert_positive", "assert_proper_iterable", "assert_rank",
           "assert_rank_at_least", "assert_rank_in", "assert_same_float_dtype", "assert_scalar", "assert_type",
           "check_numerics", "is_finite", "is_inf", "is_nan", "is_numeric_tensor"]

from scopeflow._src.ops.control.api import Assert
from scopeflow._src.ops.debugging.api import (
    assert_equal,
    assert_greater,
    assert_greater_equal,
    assert_integer,
    assert_less,
    assert_less_equal,
    assert_near,
    assert_negative,
    assert_non_negative,
    assert_non_positive,
    assert_none_equal,
    assert_positive,
    assert_proper_iterable,
    assert_rank,
    assert_rank_at_least,
    assert_rank_in,
    assert_same_float_dtype,
    assert_scalar,
    assert_type,
    check_numerics,
    is_numeric_tensor,
)
from scopeflow._src.ops.debugging.api import verify_tensor_all_finite as assert_all_finite
from scopeflow._src.ops.math_ops import is_finite, is_inf, is_nan
