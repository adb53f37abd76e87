"""``tf.nn.convolution``, ``atrous_conv2d``, ``pool``, ``max_pool1d``/``avg_pool1d`` and
``conv1d_transpose``/``conv_transpose``: N-D convolution and pooling (N = 1, 2, 3) chosen
by rank, dilated through ``with_space_to_batch`` as TensorFlow builds them (``dilated_convolution``
is also what the ``tf.layers`` convolutions use for a ``dilation_rate`` above 1). Loaded on first
use, with the 3-D ops (``volumetric.py``).
"""

from __future__ import annotations

from collections.abc import Sized

import numpy as np

from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.ops import array_ops
from scopeflow._src.ops.nn import conv3d as conv3d_ops
from scopeflow._src.ops.nn import windows as wu
from scopeflow._src.ops.nn.conv import conv1d, conv2d, conv2d_backprop_input, conv2d_transpose
from scopeflow._src.ops.nn.pooling import avg_pool, max_pool
from scopeflow._src.ops.nn.space_batch import with_space_to_batch

_CHANNELS_LAST = ("NWC", "NHC", "NHWC", "NWHC", "NDHWC", "NDWHC", "NHDWC", "NHWDC", "NWDHC", "NWHDC")


def _strides_and_rates(n, strides, dilation_rate):
    """TF's ``_get_strides_and_dilation_rate``: ``n`` spatial values each, checked."""
    if dilation_rate is None:
        dilation_rate = [1] * n
    elif len(dilation_rate) != n:
        raise ValueError(f"`len(dilation_rate)` should be {n}. Received: dilation_rate={dilation_rate} of length "
                         f"{len(dilation_rate)}")
    dilation_rate = np.array(dilation_rate, dtype=np.int32)
    if np.any(dilation_rate < 1):
        raise ValueError(f"all values of `dilation_rate` must be positive. Received: dilation_rate={dilation_rate}")
    if strides is None:
        strides = [1] * n
    elif len(strides) != n:
        raise ValueError(f"`len(strides)` should be {n}. Received: strides={strides} of length {len(strides)}")
    strides = np.array(strides, dtype=np.int32)
    if np.any(strides < 1):
        raise ValueError(f"all values of `strides` must be positive. Received: strides={strides}")
    if np.any(strides > 1) and np.any(dilation_rate > 1):
        raise ValueError(f"`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: "
                         f"strides={strides} and dilation_rate={dilation_rate}")
    return strides, dilation_rate


def _conv_op(n, input, filter, strides, padding, data_format, dilations, name):  # noqa: A002
    """The undilated convolution of rank ``n``; ``strides``/``dilations`` have ``n + 2`` values."""
    if n == 1:
        return conv1d(input, filter, stride=strides, padding=padding, data_format=data_format, name=name,
                      dilations=dilations)
    if n == 2:
        return conv2d(input, filter, strides, padding, data_format=data_format or "NHWC", dilations=dilations,
                      name=name)
    return conv3d_ops.conv3d_expanded_batch(input, filter, strides, padding, data_format=data_format or "NDHWC",
                                            dilations=dilations, name=name)


def dilated_convolution(input, filter, strides, dilation_rate, padding, data_format, scope):  # noqa: A002
    """TF's ``Convolution`` object: the undilated op named ``scope`` between ``SpaceToBatchND`` and
    ``BatchToSpaceND``; ``strides`` and ``dilation_rate`` give the spatial dimensions only."""
    n = len(dilation_rate)
    first = data_format is not None and data_format.startswith("NC")
    spatial_dims = list(range(2, n + 2)) if first else list(range(1, n + 1))
    strides, dilation_rate = _strides_and_rates(n, strides, dilation_rate)
    full = [1, 1, *strides] if first else [1, *strides, 1]
    ones = [1] * (n + 2)
    filter_shape = filter.shape.as_list() if filter.shape.ndims is not None else None

    def op(inp, _, pad):
        return _conv_op(n, inp, filter, full, pad, data_format, ones, scope)
    return with_space_to_batch(input, dilation_rate, padding, op, filter_shape=filter_shape,
                               spatial_dims=spatial_dims, data_format=data_format)


def convolution(input, filter=None, padding=None, strides=None, dilation_rate=None, name=None,  # noqa: A002
                data_format=None, filters=None, dilations=None):
    """An N-D convolution (``Conv2D``, ``conv1d``'s ops or ``Conv3D`` by the filter's rank),
    dilated through ``SpaceToBatchND``/``BatchToSpaceND``.

    >>> import scopeflow as tf
    >>> x = tf.placeholder(tf.float32, [None, 10, 3])
    >>> y = tf.nn.convolution(x, tf.ones([3, 3, 2]), "VALID", dilation_rate=[2])
    >>> y.name, y.shape.as_list()
    ('convolution/BatchToSpaceND:0', [None, 6, 2])
    """
    filter = filters if filters is not None else filter
    dilation_rate = dilations if dilations is not None else dilation_rate
    if not hasattr(filter, "shape") or not hasattr(filter, "op"):
        with name_scope("convolution_internal"):
            filter = convert_to_tensor(filter, name="filters")
    if not hasattr(input, "op"):
        with name_scope("convolution_internal"):
            input = convert_to_tensor(input, name="input")
    filters_rank, inputs_rank = filter.shape.ndims, input.shape.ndims
    if filters_rank:
        n = filters_rank - 2
    elif inputs_rank:
        n = inputs_rank - 2
    else:
        raise ValueError(f"Unable to infer num_spatial_dims from filters.shape.rank ({filters_rank}) or "
                         f"input.shape.rank ({inputs_rank}). Please provide num_spatial_dims.")
    if n not in (1, 2, 3):
        raise ValueError(f"`num_spatial_dims` must be 1, 2, or 3. Received: num_spatial_dims={n}.")
    batch_dims = inputs_rank - n - 1 if inputs_rank else 1
    channel_index = batch_dims + n if data_format is None or data_format in _CHANNELS_LAST else batch_dims
    dilated = dilation_rate is not None and any(int(r) != 1 for r in np.atleast_1d(dilation_rate))
    full_dilations = wu.get_sequence(dilation_rate, n, channel_index, "dilations")
    full_strides = wu.get_sequence(strides, n, channel_index, "strides")
    with name_scope(name, "convolution", [input, filter]) as scope:
        if not dilated:
            return _conv_op(n, input, filter, full_strides, padding, data_format, full_dilations, scope)
        if channel_index == 1:
            spatial_strides, spatial_rates = full_strides[2:], full_dilations[2:]
        else:
            spatial_strides, spatial_rates = full_strides[1:-1], full_dilations[1:-1]
        return dilated_convolution(input, filter, spatial_strides, spatial_rates, padding, data_format, scope)


def pool(input, window_shape, pooling_type, padding, dilation_rate=None, strides=None, name=None,  # noqa: A002
         data_format=None, dilations=None):
    """N-D max or average pooling (``pooling_type`` ``"MAX"`` or ``"AVG"``), dilated through
    ``SpaceToBatchND``/``BatchToSpaceND``.

    >>> import scopeflow as tf
    >>> x = tf.placeholder(tf.float32, [None, 8, 8, 3])
    >>> tf.nn.pool(x, [2, 2], "MAX", "VALID", strides=[2, 2]).name
    'max_pool:0'
    """
    dilation_rate = dilations if dilations is not None else dilation_rate
    with name_scope(name, f"{pooling_type.lower()}_pool", [input]) as scope:
        input = convert_to_tensor(input, name="input")
        n = len(window_shape)
        if n < 1 or n > 3:
            raise ValueError(f"`len(window_shape)` must be 1, 2, or 3. Received: window_shape={window_shape} of "
                             f"length {n}")
        input.shape.with_rank(n + 2)
        strides, dilation_rate = _strides_and_rates(n, strides, dilation_rate)
        if padding == "SAME" and np.any(dilation_rate > 1):
            raise ValueError(f"pooling with 'SAME' padding is not implemented for `dilation_rate` > 1. Received: "
                             f"padding={padding} and dilation_rate={dilation_rate}")
        if np.any(strides > window_shape):
            raise ValueError(f"`strides` > `window_shape` not supported due to inconsistency between CPU and GPU "
                             f"implementations. Received: strides={strides} and window_shape={window_shape}")
        if pooling_type not in ("MAX", "AVG"):
            raise ValueError(f"{n}-D {pooling_type} pooling is not supported.")
        first = data_format is not None and data_format.startswith("NC")
        window = [1, 1, *window_shape] if first else [1, *window_shape, 1]
        steps = [1, 1, *strides] if first else [1, *strides, 1]
        spatial_dims = list(range(2, n + 2)) if first else list(range(1, n + 1))
        if n == 1:
            if data_format not in (None, "NWC", "NCW"):
                raise ValueError(f"data_format must be either 'NWC' or 'NCW'. Received: data_format={data_format}")
            fmt = "NCHW" if data_format == "NCW" else "NHWC"
            window, steps = [1, *window], [1, *steps]
        else:
            fmt = data_format

        def op(inp, _, pad):
            if n == 1:
                inp = array_ops.expand_dims(inp, spatial_dims[0])
            if n == 3:
                fn = conv3d_ops.max_pool3d if pooling_type == "MAX" else conv3d_ops.avg_pool3d
                result = fn(inp, window, [int(s) for s in steps], pad, data_format=fmt or "NDHWC", name=scope)
            else:
                fn = max_pool if pooling_type == "MAX" else avg_pool
                result = fn(inp, window, [int(s) for s in steps], pad, data_format=fmt or "NHWC", name=scope)
            if n == 1:
                result = array_ops.squeeze(result, [spatial_dims[0]])
            return result
        return with_space_to_batch(input, dilation_rate, padding, op, filter_shape=window_shape,
                                   spatial_dims=spatial_dims)


def atrous_conv2d(value, filters, rate, padding, name=None):
    """A 2-D convolution dilated by ``rate`` in both dimensions: ``convolution`` with
    ``dilation_rate=[rate, rate]``."""
    return convolution(value, filters, padding, dilation_rate=np.broadcast_to(rate, (2,)), name=name)


def _one_d(data_format):
    """``(expanding_dim, 2-D data format)`` for a 1-D op's ``NWC``/``NCW`` data format."""
    if data_format is None or data_format == "NWC":
        return 1, "NHWC"
    return 2, "NCHW"


def max_pool1d(input, ksize, strides, padding, data_format="NWC", name=None):  # noqa: A002
    """1-D max pooling: a ``MaxPool`` named ``MaxPool1d`` between ``ExpandDims`` and ``Squeeze``."""
    with name_scope(name, "MaxPool1d", [input]) as scope:
        channel_index = 1 if (data_format or "NWC").startswith("NC") else 2
        ksize = [1] + wu.get_sequence(ksize, 1, channel_index, "ksize")
        strides = [1] + wu.get_sequence(strides, 1, channel_index, "strides")
        if isinstance(padding, (list, tuple)):
            if len(padding) != 3:
                raise ValueError(f"When padding is a list, it must be of size 3. Received: padding={padding} of "
                                 f"size {len(padding)}")
            padding = [[0, 0]] + [list(p) for p in padding]
        expanding_dim, fmt = _one_d(data_format)
        result = max_pool(array_ops.expand_dims(input, expanding_dim), ksize, strides, padding, data_format=fmt,
                          name=scope)
        return array_ops.squeeze(result, expanding_dim)


def avg_pool1d(input, ksize, strides, padding, data_format="NWC", name=None):  # noqa: A002
    """1-D average pooling: an ``AvgPool`` named ``AvgPool1D`` between ``ExpandDims`` and ``Squeeze``."""
    with name_scope(name, "AvgPool1D", [input]) as scope:
        channel_index = 1 if (data_format or "NWC").startswith("NC") else 2
        ksize = [1] + wu.get_sequence(ksize, 1, channel_index, "ksize")
        strides = [1] + wu.get_sequence(strides, 1, channel_index, "strides")
        expanding_dim, fmt = _one_d(data_format)
        result = avg_pool(array_ops.expand_dims(input, expanding_dim), ksize, strides, padding, data_format=fmt,
                          name=scope)
        return array_ops.squeeze(result, expanding_dim)


def conv1d_transpose(input, filters, output_shape, strides, padding="SAME", data_format="NWC",  # noqa: A002
                     dilations=None, name=None):
    """The transpose of ``conv1d``: a ``Conv2DBackpropInput`` named ``conv1d_transpose`` between
    ``ExpandDims`` and ``Squeeze``."""
    with name_scope(name, "conv1d_transpose", [input, filters, output_shape]) as scope:
        if data_format not in (None, "NWC", "NCW"):
            raise ValueError(f"`data_format` must be 'NWC' or 'NCW'. Received: data_format={data_format}")
        spatial_start, fmt = _one_d(data_format)
        channel_index = 1 if fmt == "NCHW" else 2
        strides = [1] + wu.get_sequence(strides, 1, channel_index, "stride")
        dilations = [1] + wu.get_sequence(dilations, 1, channel_index, "dilations")
        input = array_ops.expand_dims(input, spatial_start)
        filters = array_ops.expand_dims(filters, 0)
        if not hasattr(output_shape, "op"):
            output_shape = list(output_shape)
        output_shape = array_ops.concat([output_shape[:spatial_start], [1], output_shape[spatial_start:]], 0)
        result = conv2d_backprop_input(output_shape, filters, input, strides, padding, data_format=fmt,
                                       dilations=dilations, name=scope)
        return array_ops.squeeze(result, spatial_start)


def conv_transpose(input, filters, output_shape, strides, padding="SAME", data_format=None,  # noqa: A002
                   dilations=None, name=None):
    """``conv1d_transpose``, ``conv2d_transpose`` or ``conv3d_transpose`` by ``output_shape``'s length."""
    with name_scope(name, "conv_transpose", [input, filters, output_shape]) as scope:
        if hasattr(output_shape, "op"):
            n = output_shape.shape.as_list()[0] - 2
        elif isinstance(output_shape, Sized):
            n = len(output_shape) - 2
        else:
            raise ValueError(f"`output_shape` must be a tensor or sized collection. Received: "
                             f"output_shape={output_shape}")
        if not 1 <= n <= 3:
            raise ValueError(f"`output_shape` must be of length 3, 4 or 5. Received: output_shape={output_shape} of "
                             f"length {n + 2}.")
        if n == 1:
            return conv1d_transpose(input, filters, output_shape, strides, padding=padding,
                                    data_format=data_format or "NWC", dilations=dilations, name=scope)
        if n == 2:
            return conv2d_transpose(input, filters, output_shape, strides, padding=padding,
                                    data_format=data_format or "NHWC", dilations=dilations, name=scope)
        return conv3d_ops.conv3d_transpose(input, filters, output_shape, strides, padding=padding,
                                           data_format=data_format or "NDHWC", dilations=dilations, name=scope)
