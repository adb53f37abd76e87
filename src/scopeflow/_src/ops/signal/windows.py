"""The raised-cosine windows of ``tf.signal``: ``hann_window`` and ``hamming_window``, built as
TensorFlow's ``window_ops`` builds them (a ``cond`` on the length when it is not known)."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, tensor_util
from scopeflow._src.framework.constant_op import constant, convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.array.creation import range as range_op
from scopeflow._src.ops.control.cond import cond


def _raised_cosine_window(name, default_name, window_length, periodic, dtype, a, b):
    dtype = dtypes.as_dtype(dtype)
    if not dtype.is_floating:
        raise ValueError(f"dtype must be a floating point type. Found {dtype}")
    with name_scope(name, default_name, [window_length, periodic]):
        window_length = convert_to_tensor(window_length, dtype=dtypes.int32, name="window_length")
        window_length.shape.assert_has_rank(0)
        window_length_const = tensor_util.constant_value(window_length)
        if window_length_const == 1:
            return array_ops.ones([1], dtype=dtype)
        periodic = math_ops.cast(convert_to_tensor(periodic, dtype=dtypes.bool, name="periodic"), dtypes.int32)
        periodic.shape.assert_has_rank(0)
        even = 1 - math_ops.mod(window_length, 2, name="mod")  # TF's math_ops.mod names its op "mod"
        n = math_ops.cast(window_length + periodic * even - 1, dtype=dtype)
        count = math_ops.cast(range_op(window_length), dtype)
        cos_arg = constant(2 * np.pi, dtype=dtype) * count / n
        if window_length_const is not None:
            return math_ops.cast(a - b * math_ops.cos(cos_arg), dtype=dtype)
        return cond(math_ops.equal(window_length, 1), lambda: array_ops.ones([window_length], dtype=dtype),
                    lambda: math_ops.cast(a - b * math_ops.cos(cos_arg), dtype=dtype))


def hann_window(window_length, periodic=True, dtype=dtypes.float32, name=None):
    """The Hann window of ``window_length`` (``0.5 - 0.5 cos(2 pi n / N)``; ``periodic``: the
    window of a length one longer, without its last point).

    >>> import scopeflow as tf
    >>> with tf.Session() as sess:
    ...     sess.run(tf.signal.hann_window(4)).tolist()
    [0.0, 0.5, 1.0, 0.5]
    """
    return _raised_cosine_window(name, "hann_window", window_length, periodic, dtype, 0.5, 0.5)


def hamming_window(window_length, periodic=True, dtype=dtypes.float32, name=None):
    """The Hamming window of ``window_length`` (``0.54 - 0.46 cos(2 pi n / N)``)."""
    return _raised_cosine_window(name, "hamming_window", window_length, periodic, dtype, 0.54, 0.46)
