"""Argument checks and convolution arithmetic shared by the layers (tf-keras's ``conv_utils``).

The messages are tf-keras's (``conv_utils.normalize_tuple`` and friends), word for word.
"""

from __future__ import annotations


def normalize_tuple(value, n: int, name: str, allow_zero: bool = False) -> tuple:
    """An int or an iterable of ``n`` ints as a tuple of ``n`` ints, with tf-keras's checks."""
    error_msg = f"The `{name}` argument must be a tuple of {n} integers. Received: {value}"
    if isinstance(value, int):
        value_tuple = (value,) * n
    else:
        try:
            value_tuple = tuple(value)
        except TypeError:
            raise ValueError(error_msg) from None
        if len(value_tuple) != n:
            raise ValueError(error_msg)
        for single_value in value_tuple:
            try:
                int(single_value)
            except (ValueError, TypeError):
                raise ValueError(error_msg + f"including element {single_value} of type {type(single_value)}") \
                    from None
    if allow_zero:
        bad, requirement = {v for v in value_tuple if v < 0}, ">= 0"
    else:
        bad, requirement = {v for v in value_tuple if v <= 0}, "> 0"
    if bad:
        raise ValueError(error_msg + f" including {bad} that does not satisfy the requirement `{requirement}`.")
    return value_tuple


def normalize_padding(value) -> str:
    if isinstance(value, (list, tuple)):
        return value
    padding = value.lower()
    if padding not in {"valid", "same", "causal"}:
        raise ValueError('The `padding` argument must be a list/tuple or one of "valid", "same" (or "causal", '
                         f"only for `Conv1D). Received: {padding}")
    return padding


def normalize_data_format(value) -> str:
    if value is None:
        value = "channels_last"
    data_format = value.lower()
    if data_format not in {"channels_first", "channels_last"}:
        raise ValueError(f'The `data_format` argument must be one of "channels_first", "channels_last". '
                         f"Received: {value}")
    return data_format


def convert_data_format(data_format: str, ndim: int) -> str:
    """``channels_last`` / ``channels_first`` as TF's ``NHWC`` / ``NCHW`` strings."""
    formats = {"channels_last": {3: "NWC", 4: "NHWC", 5: "NDHWC"},
               "channels_first": {3: "NCW", 4: "NCHW", 5: "NCDHW"}}
    if data_format not in formats:
        raise ValueError(f"Invalid data_format: {data_format}")
    if ndim not in formats[data_format]:
        raise ValueError(f"Input rank not supported: {ndim}. Expected values are [3, 4, 5]")
    return formats[data_format][ndim]


def conv_output_length(input_length, filter_size, padding, stride, dilation=1):
    """Length of a convolution's output along one axis (``None`` stays ``None``)."""
    if input_length is None:
        return None
    dilated = filter_size + (filter_size - 1) * (dilation - 1)
    if padding in ("same", "causal"):
        length = input_length
    elif padding == "valid":
        length = input_length - dilated + 1
    else:  # "full"
        length = input_length + dilated - 1
    return (length + stride - 1) // stride


def deconv_output_length(input_length, filter_size, padding, output_padding=None, stride=0, dilation=1):
    """Length of a transposed convolution's output along one axis (``None`` stays ``None``)."""
    if input_length is None:
        return None
    filter_size = filter_size + (filter_size - 1) * (dilation - 1)
    if output_padding is None:
        if padding == "valid":
            return input_length * stride + max(filter_size - stride, 0)
        if padding == "full":
            return input_length * stride - (stride + filter_size - 2)
        return input_length * stride
    pad = {"same": filter_size // 2, "valid": 0, "full": filter_size - 1}[padding]
    return (input_length - 1) * stride + filter_size - 2 * pad + output_padding
