"""2-D convolutions (``Conv2D``) and their backprop ops: shapes and TF's wrappers
(depthwise convolutions, which share the shape functions and kernel plumbing, are in
``depthwise.py``; the NumPy kernels are in ``conv_kernels.py``).
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import registry, tensor_util
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.shape_inference import ShapeError
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops import array_ops
from scopeflow._src.ops.common import attr_defaults, dtype_lists
from scopeflow._src.ops.nn import conv_kernels as ck
from scopeflow._src.ops.nn import window_lowerings as wl
from scopeflow._src.ops.nn import windows as wu

_CONV_T = dtype_lists.types("float16,bfloat16,float32,float64,int32")


def _dims(shape, n=4):
    return shape.as_list() if shape.ndims is not None else [None] * n


# -- shape functions ----------------------------------------------------------------------------
def _out_spatial(attrs, in_dims, kh, kw):
    ih, iw, _ = wu.spatial(attrs)
    strides, dil = attrs["strides"], attrs.get("dilations", [1, 1, 1, 1])
    pad = attrs["padding"]
    oh = wu.static_size(in_dims[ih], kh, strides[ih], dil[ih], pad, wu.explicit_pair(attrs, ih))
    ow = wu.static_size(in_dims[iw], kw, strides[iw], dil[iw], pad, wu.explicit_pair(attrs, iw))
    return oh, ow


def _assemble(attrs, batch, oh, ow, depth):
    if wu.spatial(attrs)[2] == 1:
        return TensorShape([batch, depth, oh, ow])
    return TensorShape([batch, oh, ow, depth])


def conv_shape(inputs, attrs, depthwise=False):
    x, f = inputs[0].shape, inputs[1].shape
    wu.check_rank(x, 4)
    wu.check_rank(f, 4)
    wu.check_explicit(attrs)
    xd, fd = _dims(x), _dims(f)
    c = xd[wu.spatial(attrs)[2]]
    if depthwise:
        if c is not None and fd[2] is not None and c != fd[2]:
            raise ShapeError(f"Dimensions must be equal, but are {c} and {fd[2]}")
        depth = None if fd[2] is None or fd[3] is None else fd[2] * fd[3]
        if depth is None and c is not None and fd[3] is not None:
            depth = c * fd[3]
    else:
        if c is not None and fd[2] is not None and c % fd[2]:
            raise ShapeError(f"Depth of input ({c}) is not a multiple of input depth of filter ({fd[2]})")
        depth = fd[3]
    oh, ow = _out_spatial(attrs, xd, fd[0], fd[1])
    return _assemble(attrs, xd[0], oh, ow, depth)


def sizes_shape(t, index):
    """The shape a sizes input (``input_sizes``/``filter_sizes``) describes at build time:
    its value when constant, the shape of a ``Shape``/``ShapeN`` op's input, else unknown."""
    value = tensor_util.constant_value(t)
    if value is not None:
        return [int(v) for v in np.atleast_1d(value)], value
    if t.op.type in ("Shape", "ShapeN"):
        return _dims(t.op.inputs[t.value_index].shape), None
    n = t.shape.as_list()[0] if t.shape.ndims == 1 else None
    return [None] * (n or 4), None


def sized_by(index, ranks):
    """A shape function: input ``i`` of rank ``ranks[i]``, the output the shape that the sizes input
    ``index`` describes (``sizes_shape``), of the images' rank."""
    rank = max(ranks)

    def shape(inputs, attrs):
        for t, r in zip(inputs, ranks):
            wu.check_rank(t.shape, r)
        sizes, _ = sizes_shape(inputs[index], index)
        if len(sizes) != rank:
            raise ShapeError(f"Shape must be rank {rank} but is rank {len(sizes)}")
        return TensorShape(sizes)
    return shape


def same_as(index, rank):
    """A shape function: every input of rank ``rank``, the output the shape of input ``index``."""
    def shape(inputs, attrs):
        for t in inputs:
            wu.check_rank(t.shape, rank)
        return inputs[index].shape
    return shape


def _partial(index, dims):
    return f" and with input tensors computed as partial shapes: input[{index}] = [{','.join(str(d) for d in dims)}]"


def backprop_input_shape(inputs, attrs, depthwise=False):
    sizes_t, f, dy = inputs[0], inputs[1].shape, inputs[2].shape
    wu.check_rank(sizes_t.shape, 1)
    wu.check_rank(f, 4)
    wu.check_rank(dy, 4)
    wu.check_explicit(attrs)
    fd, dyd = _dims(f), _dims(dy)
    ch = wu.spatial(attrs)[2]
    out_depth = fd[2] * fd[3] if depthwise and None not in (fd[2], fd[3]) else (None if depthwise else fd[3])
    if dyd[ch] is not None and out_depth is not None and dyd[ch] != out_depth:
        raise ShapeError(f"Dimensions must be equal, but are {dyd[ch]} and {out_depth}")
    sizes, value = sizes_shape(sizes_t, 0)
    op_type = "DepthwiseConv2dNativeBackpropInput" if depthwise else "Conv2DBackpropInput"
    if len(sizes) == 2:
        ih, iw, _ = wu.spatial(attrs)
        full = [None] * 4
        full[0], full[ih], full[iw], full[ch] = dyd[0], sizes[0], sizes[1], fd[2]
        return TensorShape(full)
    if len(sizes) != 4:
        raise ShapeError(f"{op_type} requires input_sizes to contain 4 values or 2 values, but got: {len(sizes)}")
    if sizes[0] is not None and dyd[0] is not None and sizes[0] != dyd[0]:
        raise ShapeError(f"Dimensions must be equal, but are {sizes[0]} and {dyd[0]}", _partial(0, sizes))
    return TensorShape([dyd[0]] + sizes[1:])


def backprop_filter_shape(inputs, attrs):
    wu.check_rank(inputs[0].shape, 4)
    wu.check_rank(inputs[1].shape, 1)
    wu.check_rank(inputs[2].shape, 4)
    wu.check_explicit(attrs)
    sizes, _ = sizes_shape(inputs[1], 1)
    if len(sizes) != 4:
        raise ShapeError(f"Shape must be rank 4 but is rank {len(sizes)}")
    return TensorShape(sizes)


_BP_FILTER_T = dtype_lists.FLOATING
_DEFAULTS = {"use_cudnn_on_gpu": True, **attr_defaults.CONV}
registry.register(OpDef("Conv2D", inputs=["input: T", "filter: T"], outputs=["output: T"], attrs={"T": _CONV_T},
                        shape=conv_shape, factory=ck.forward_factory(ck.conv2d), defaults=_DEFAULTS,
                        lower=wl.conv))
registry.register(OpDef("Conv2DBackpropInput", inputs=["input_sizes: int32", "filter: T", "out_backprop: T"],
                        outputs=["output: T"], attrs={"T": _CONV_T}, shape=backprop_input_shape,
                        factory=ck.input_factory(ck.conv2d_backprop_input), defaults=_DEFAULTS,
                        lower=wl.conv_backprop_input))
registry.register(OpDef("Conv2DBackpropFilter", inputs=["input: T", "filter_sizes: int32", "out_backprop: T"],
                        outputs=["output: T"], attrs={"T": _BP_FILTER_T}, shape=backprop_filter_shape,
                        factory=ck.filter_factory(ck.conv2d_backprop_filter), defaults=_DEFAULTS,
                        lower=wl.conv_backprop_filter))


# -- public wrappers ---------------------------------------------------------------------------------
_GEN_NAMES = {"Conv2D": "conv2d", "Conv2DBackpropInput": "conv2d_backprop_input",
              "Conv2DBackpropFilter": "conv2d_backprop_filter", "DepthwiseConv2dNative": "depthwise_conv2d_native",
              "DepthwiseConv2dNativeBackpropInput": "depthwise_conv2d_native_backprop_input",
              "DepthwiseConv2dNativeBackpropFilter": "depthwise_conv2d_native_backprop_filter"}


def attr_values(op_name, strides, padding, explicit, data_format, dilations, cudnn=None):
    data_format = data_format or "NHWC"
    gen = _GEN_NAMES[op_name]
    strides = wu.check_int_list(gen, "strides", strides)
    wu.check_padding(op_name, padding)
    attrs = {"strides": strides, "padding": padding, "explicit_paddings": [int(p) for p in explicit],
             "data_format": data_format,
             "dilations": wu.check_int_list(gen, "dilations", [1, 1, 1, 1] if dilations is None else dilations)}
    if cudnn is not None:
        attrs["use_cudnn_on_gpu"] = bool(cudnn)
    return attrs


def create_conv(op_type, inputs, strides, padding, data_format, dilations, cudnn=None, name=None):
    """A convolution-family op from its public arguments (``padding`` a string or explicit pairs)."""
    padding, explicit = wu.convert_padding(padding)
    attrs = attr_values(op_type, strides, padding, explicit, data_format, list(dilations), cudnn)
    return create_output(op_type, inputs, attrs, name=name)


def sequences(strides, dilations, data_format):
    channel_index = 1 if (data_format or "NHWC").startswith("NC") else 3
    return (wu.get_sequence(strides, 2, channel_index, "strides"),
            wu.get_sequence(dilations, 2, channel_index, "dilations"))


def conv2d(input, filter=None, strides=None, padding=None, use_cudnn_on_gpu=True, data_format="NHWC",  # noqa: A002
           dilations=(1, 1, 1, 1), name=None, filters=None):
    """A 2-D convolution (a ``Conv2D`` op), NHWC by default.

    ``padding`` is ``"SAME"``, ``"VALID"`` or a list of four ``[before, after]`` pairs;
    ``strides`` and ``dilations`` take 1, 2 or 4 values; inputs of rank 5 and more have their
    leading batch dimensions folded into one around the op, as in TF.

    >>> import scopeflow as tf
    >>> x = tf.placeholder(tf.float32, [None, 28, 28, 1])
    >>> tf.nn.conv2d(x, tf.ones([5, 5, 1, 32]), strides=2, padding="SAME").shape
    TensorShape([Dimension(None), Dimension(14), Dimension(14), Dimension(32)])
    """
    if filters is not None:
        if filter is not None:
            raise ValueError("Cannot specify both 'filter' and 'filters'.")
        filter = filters
    padding, explicit = wu.convert_padding(padding)
    strides, dilations = sequences(strides, dilations, data_format)
    attrs = attr_values("Conv2D", strides, padding, explicit, data_format, dilations, use_cudnn_on_gpu)
    ndims = getattr(getattr(input, "shape", None), "ndims", None)
    if ndims is None or ndims <= 4:
        return create_output("Conv2D", [input, filter], attrs, name=name)
    return squeeze_batch_dims(input, lambda x: create_output("Conv2D", [x, filter], dict(attrs)), 3, name=name)


def squeeze_batch_dims(inp, op, inner_rank, name=None):
    """Apply the 4-D ``op`` to an input with several batch dimensions: fold them into one,
    run ``op``, unfold (TF's ``squeeze_batch_dims``, same ops and names)."""
    with name_scope(name, "squeeze_batch_dims", [inp]):
        inp = convert_to_tensor(inp, name="input")
        dims = inp.shape.as_list()
        inner = dims[-inner_rank:] if None not in dims[-inner_rank:] else array_ops.shape(inp)[-inner_rank:]
        batch = dims[:-inner_rank] if None not in dims[:-inner_rank] else array_ops.shape(inp)[:-inner_rank]
        if isinstance(inner, list):
            reshaped = array_ops.reshape(inp, [-1] + inner)
        else:
            reshaped = array_ops.reshape(inp, array_ops.concat(([-1], inner), axis=-1))
        out = op(reshaped)
        out_dims = out.shape.as_list() if out.shape.ndims is not None else [None] * inner_rank
        out_inner = out_dims[-inner_rank:]
        if None in out_inner:
            out_inner = array_ops.shape(out)[-inner_rank:]
        result = array_ops.reshape(out, array_ops.concat((batch, out_inner), axis=-1))
        result.set_shape(dims[:-inner_rank] + out_dims[-inner_rank:])
        return result


def conv2d_backprop_input(input_sizes, filter=None, out_backprop=None, strides=None, padding=None,  # noqa: A002
                          use_cudnn_on_gpu=True, data_format="NHWC", dilations=(1, 1, 1, 1), name=None,
                          filters=None):
    """The gradient of ``conv2d`` with respect to its input (a ``Conv2DBackpropInput`` op)."""
    filter = filters if filters is not None else filter
    return create_conv("Conv2DBackpropInput", [input_sizes, filter, out_backprop], strides, padding, data_format,
                       dilations, use_cudnn_on_gpu, name)


def conv2d_backprop_filter(input, filter_sizes, out_backprop, strides, padding, use_cudnn_on_gpu=True,  # noqa: A002
                           data_format="NHWC", dilations=(1, 1, 1, 1), name=None):
    """The gradient of ``conv2d`` with respect to its filter (a ``Conv2DBackpropFilter`` op)."""
    return create_conv("Conv2DBackpropFilter", [input, filter_sizes, out_backprop], strides, padding, data_format,
                       dilations, use_cudnn_on_gpu, name)


def conv2d_transpose(value=None, filter=None, output_shape=None, strides=None, padding="SAME",  # noqa: A002
                     data_format="NHWC", name=None, input=None, filters=None, dilations=None):  # noqa: A002
    """The transpose of ``conv2d``: a ``Conv2DBackpropInput`` named ``conv2d_transpose``."""
    value = input if input is not None else value
    filter = filters if filters is not None else filter
    with name_scope(name, "conv2d_transpose", [value, filter, output_shape]) as scope:
        strides, dilations = sequences(strides, dilations, data_format)
        padding, explicit = wu.convert_padding(padding)
        attrs = attr_values("Conv2DBackpropInput", strides, padding, explicit, data_format, dilations, True)
        return create_output("Conv2DBackpropInput", [output_shape, filter, value], attrs, name=scope)


def conv1d(value=None, filters=None, stride=None, padding=None, use_cudnn_on_gpu=None, data_format=None,
           name=None, input=None, dilations=None):  # noqa: A002
    """A 1-D convolution, built as TF builds it: ``ExpandDims``, a ``Conv2D`` named ``conv1d``
    and a ``Squeeze`` (data formats ``NWC`` and ``NCW``)."""
    value = input if input is not None else value
    with name_scope(name, "conv1d", [value, filters]) as scope:
        if data_format in (None, "NHWC", "NWC"):
            data_format, spatial_start, channel_index = "NHWC", -3, 2
        elif data_format in ("NCHW", "NCW"):
            data_format, spatial_start, channel_index = "NCHW", -2, 1
        else:
            raise ValueError(f"`data_format` must be 'NWC' or 'NCW'. Received: data_format={data_format}")
        strides = [1] + wu.get_sequence(stride, 1, channel_index, "stride")
        dilations = [1] + wu.get_sequence(dilations, 1, channel_index, "dilations")
        value = array_ops.expand_dims(value, spatial_start)
        filters = array_ops.expand_dims(filters, 0)
        padding, explicit = wu.convert_padding(padding, expected_length=3)
        attrs = attr_values("Conv2D", strides, padding, explicit, data_format, dilations,
                            True if use_cudnn_on_gpu is None else use_cudnn_on_gpu)
        if value.shape.ndims is None or value.shape.ndims <= 4:
            result = create_output("Conv2D", [value, filters], attrs, name=scope)
        else:
            result = squeeze_batch_dims(value, lambda x: create_output("Conv2D", [x, filters], dict(attrs)), 3,
                                        name=scope)
        return array_ops.squeeze(result, [spatial_start])
