"""The element-wise assertions (``tf.assert_equal``, ``tf.assert_less``, ``tf.assert_positive``,
``tf.assert_near``...), built as TensorFlow builds them: the condition reduced with ``All``
and handed to ``tf.Assert`` with TF's message data (``Condition x == y did not hold
element-wise:``, ``x (x:0) = ``, x...). When both sides are constants the condition is
checked while building, and a failing one raises ``InvalidArgumentError`` at once, its
message the data joined by newlines, constants printed as NumPy prints them.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import errors
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.tensor_util import constant_value
from scopeflow._src.ops.control.assert_op import Assert
from scopeflow._src.ops.control.control_flow_ops import no_op
from scopeflow._src.ops.debugging.static_checks import message_prefix
from scopeflow._src.ops.math_ops import abs as abs_
from scopeflow._src.ops.math_ops import equal, greater, greater_equal, less, less_equal, not_equal, reduce_all


def _static_text(item) -> str:
    if not isinstance(item, Tensor):
        return str(item)
    value = constant_value(item)
    return item if value is None else str(value)


def _binary_assert(sym, opname, op_func, static_func, x, y, data, summarize, message, name):
    with name_scope(name, opname, [x, y, data]):
        x = convert_to_tensor(x, name="x")
        y = convert_to_tensor(y, name="y")
        if data is None:
            data = [f"Condition x {sym} y did not hold element-wise:", f"x ({x.name}) = ", x,
                    f"y ({y.name}) = ", y]
        if message is not None:
            data = [message] + list(data)
        condition = reduce_all(op_func(x, y))
        x_static, y_static = constant_value(x), constant_value(y)
        if x_static is not None and y_static is not None and not np.all(static_func(x_static, y_static)):
            raise errors.InvalidArgumentError(None, None, "\n".join(_static_text(d) for d in data))
        return Assert(condition, data, summarize=summarize)


def assert_equal(x, y, data=None, summarize=None, message=None, name=None):
    """An op that fails the run unless ``x == y`` element-wise (a ``no_op`` when ``x is y``).

    >>> import scopeflow as tf
    >>> x = tf.placeholder(tf.int32, [2], name="x")
    >>> tf.assert_equal(x, [1, 2]).name
    'assert_equal_1/Assert/Assert'
    """
    with name_scope(name, "assert_equal", [x, y, data]):
        if x is y:
            return no_op()
    return _binary_assert("==", "assert_equal", equal, np.equal, x, y, data, summarize, message, name)


def _comparison_assert(sym, opname, op_func, static_func, example):
    """The public ``assert_<opname>(x, y, data=None, summarize=None, message=None, name=None)``."""
    def check(x, y, data=None, summarize=None, message=None, name=None):
        return _binary_assert(sym, opname, op_func, static_func, x, y, data, summarize, message, name)
    check.__name__ = check.__qualname__ = opname
    check.__doc__ = f"""An op that fails the run unless ``x {sym} y`` element-wise.

    >>> import scopeflow as tf
    >>> x = tf.placeholder(tf.int32, [2], name="x")
    >>> tf.{opname}(x, {example}).name
    '{opname}/Assert/Assert'
    """
    return check


assert_none_equal = _comparison_assert("!=", "assert_none_equal", not_equal, np.not_equal, 0)
assert_less = _comparison_assert("<", "assert_less", less, np.less, 3)
assert_less_equal = _comparison_assert("<=", "assert_less_equal", less_equal, np.less_equal, 3)
assert_greater = _comparison_assert(">", "assert_greater", greater, np.greater, 0)
assert_greater_equal = _comparison_assert(">=", "assert_greater_equal", greater_equal, np.greater_equal, 0)


def _sign_assert(x, data, summarize, message, name, opname, sym, zero_left):
    message = message_prefix(message)
    with name_scope(name, opname, [x, data]):
        x = convert_to_tensor(x, name="x")
        if data is None:
            data = [message, f"Condition x {sym} 0 did not hold element-wise:", f"x ({x.name}) = ", x]
            if sym == "<=":  # TF's list lacks a comma there: the two strings are one item
                data[1:3] = [data[1] + data[2]]
        zero = convert_to_tensor(0, dtype=x.dtype)
        check = assert_less if sym in ("<", ">") else assert_less_equal
        return check(zero, x, data=data, summarize=summarize) if zero_left else \
            check(x, zero, data=data, summarize=summarize)


def assert_negative(x, data=None, summarize=None, message=None, name=None):
    """An op that fails the run unless ``x < 0`` element-wise.

    >>> import scopeflow as tf
    >>> tf.assert_negative(tf.placeholder(tf.float32)).name
    'assert_negative/assert_less/Assert/AssertGuard/Merge'
    """
    return _sign_assert(x, data, summarize, message, name, "assert_negative", "<", False)


def assert_positive(x, data=None, summarize=None, message=None, name=None):
    """An op that fails the run unless ``x > 0`` element-wise.

    >>> import scopeflow as tf
    >>> tf.assert_positive(tf.placeholder(tf.int32)).name
    'assert_positive/assert_less/Assert/Assert'
    """
    return _sign_assert(x, data, summarize, message, name, "assert_positive", ">", True)


def assert_non_negative(x, data=None, summarize=None, message=None, name=None):
    """An op that fails the run unless ``x >= 0`` element-wise.

    >>> import scopeflow as tf
    >>> tf.assert_non_negative(tf.placeholder(tf.int32)).name
    'assert_non_negative/assert_less_equal/Assert/Assert'
    """
    return _sign_assert(x, data, summarize, message, name, "assert_non_negative", ">=", True)


def assert_non_positive(x, data=None, summarize=None, message=None, name=None):
    """An op that fails the run unless ``x <= 0`` element-wise.

    >>> import scopeflow as tf
    >>> tf.assert_non_positive(tf.placeholder(tf.int32)).name
    'assert_non_positive/assert_less_equal/Assert/Assert'
    """
    return _sign_assert(x, data, summarize, message, name, "assert_non_positive", "<=", False)


def assert_near(x, y, rtol=None, atol=None, data=None, summarize=None, message=None, name=None):
    """An op that fails the run unless ``|x - y| < atol + rtol * |y|`` element-wise (both
    tolerances default to ten times the dtype's epsilon).

    >>> import scopeflow as tf
    >>> tf.assert_near(tf.placeholder(tf.float32), 1.0).name
    'assert_near/Assert/AssertGuard/Merge'
    """
    message = message_prefix(message)
    with name_scope(name, "assert_near", [x, y, rtol, atol, data]):
        x = convert_to_tensor(x, name="x")
        y = convert_to_tensor(y, name="y", dtype=x.dtype)
        dtype = x.dtype.real_dtype if x.dtype.is_complex else x.dtype
        eps = np.finfo(dtype.as_numpy_dtype).eps
        rtol = convert_to_tensor(10 * eps if rtol is None else rtol, name="rtol", dtype=dtype)
        atol = convert_to_tensor(10 * eps if atol is None else atol, name="atol", dtype=dtype)
        if data is None:
            data = [message, f"x and y not equal to tolerance rtol = {rtol}, atol = {atol}",
                    f"x ({x.name}) = ", x, f"y ({y.name}) = ", y]
        tol = atol + rtol * abs_(y)
        diff = abs_(x - y)
        return Assert(reduce_all(less(diff, tol)), data, summarize=summarize)
