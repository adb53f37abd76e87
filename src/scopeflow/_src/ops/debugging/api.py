"""The debugging ops, loaded on first use (``import scopeflow`` does not load them): importing
this module registers ``CheckNumerics``, ``Print``, ``StringFormat`` and ``PrintV2`` with
their wrappers and the assertions built on ``tf.Assert``, and their gradient rules (``grads``
imports the ops it differentiates), as ``ops/__init__`` does for the rest of the op library.
"""

from scopeflow._src.ops.debugging import grads  # noqa: F401 - gradient rules
from scopeflow._src.ops.debugging.binary_asserts import (
    assert_equal,
    assert_greater,
    assert_greater_equal,
    assert_less,
    assert_less_equal,
    assert_near,
    assert_negative,
    assert_non_negative,
    assert_non_positive,
    assert_none_equal,
    assert_positive,
)
from scopeflow._src.ops.debugging.numerics import add_check_numerics_ops, check_numerics, verify_tensor_all_finite
from scopeflow._src.ops.debugging.print_op import Print
from scopeflow._src.ops.debugging.print_v2 import print_v2, string_format
from scopeflow._src.ops.debugging.rank_asserts import assert_rank, assert_rank_at_least, assert_rank_in
from scopeflow._src.ops.debugging.static_checks import (
    assert_integer,
    assert_proper_iterable,
    assert_same_float_dtype,
    assert_scalar,
    assert_type,
    is_numeric_tensor,
)

__all__ = ["add_check_numerics_ops", "assert_equal", "assert_greater", "assert_greater_equal", "assert_integer",
           "assert_less", "assert_less_equal", "assert_near", "assert_negative", "assert_non_negative",
           "assert_non_positive", "assert_none_equal", "assert_positive", "assert_proper_iterable", "assert_rank",
           "assert_rank_at_least", "assert_rank_in", "assert_same_float_dtype", "assert_scalar", "assert_type",
           "check_numerics", "is_numeric_tensor", "Print", "print_v2", "string_format",
           "verify_tensor_all_finite"]
