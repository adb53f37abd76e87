"""3-D convolution and pooling ops: ``Conv3D``, ``Conv3DBackpropInputV2``,
``Conv3DBackpropFilterV2``, ``MaxPool3D``, ``AvgPool3D``, ``MaxPool3DGrad``,
``MaxPool3DGradGrad``, ``AvgPool3DGrad`` (shapes here, kernels in ``volumes.py``), and TF's
wrappers ``tf.nn.conv3d``, ``conv3d_transpose``, ``max_pool3d``, ``avg_pool3d``.

They load on first use, with their gradient rules (``ops/nn/volumetric.py``).
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, registry
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.shape_inference import ShapeError
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops.common import dtype_lists
from scopeflow._src.ops.nn import volumes as vk
from scopeflow._src.ops.nn import window_lowerings as wl
from scopeflow._src.ops.nn import windows as wu
from scopeflow._src.ops.nn.conv import same_as, sized_by, squeeze_batch_dims

_FLOATING = dtype_lists.FLOATING
_MAX_T = dtype_lists.types("float16,bfloat16,float32")
_DEFAULTS = {"data_format": "NDHWC", "dilations": (1, 1, 1, 1, 1)}
_POOL_DEFAULTS = {"data_format": "NDHWC"}


def _dims(shape):
    return shape.as_list() if shape.ndims is not None else [None] * 5


def _check_lists(attrs, names):
    for name in names:
        if name in attrs and len(attrs[name]) != 5:
            raise ShapeError(f"{name} attribute must contain 5 values, but got: {len(attrs[name])}")


def _spatial_out(attrs, dims, ksizes, window="dilations"):
    axes = vk.spatial_axes(attrs)
    dil = attrs.get(window, [1] * 5) if window else [1] * 5
    return [wu.static_size(dims[a], k, attrs["strides"][a], dil[a], attrs["padding"]) for a, k in zip(axes, ksizes)]


def _assemble(attrs, batch, spatial, depth):
    if vk.channels_first(attrs):
        return TensorShape([batch, depth, *spatial])
    return TensorShape([batch, *spatial, depth])


def _conv_shape(inputs, attrs):
    x, f = inputs[0].shape, inputs[1].shape
    wu.check_rank(x, 5)
    wu.check_rank(f, 5)
    _check_lists(attrs, ("strides", "dilations"))
    xd, fd = _dims(x), _dims(f)
    c = xd[vk.channel_axis(attrs)]
    if c is not None and fd[3] is not None and fd[3] and c % fd[3]:
        raise ShapeError(f"Depth of input ({c}) is not a multiple of input depth of filter ({fd[3]})")
    return _assemble(attrs, xd[0], _spatial_out(attrs, xd, fd[:3]), fd[4])


def _pool_shape(inputs, attrs):
    x = inputs[0].shape
    wu.check_rank(x, 5)
    _check_lists(attrs, ("ksize", "strides"))
    dims = _dims(x)
    axes = vk.spatial_axes(attrs)
    out = list(dims)
    for a, size in zip(axes, _spatial_out(attrs, dims, [attrs["ksize"][a] for a in axes], window=None)):
        out[a] = size
    return TensorShape(out)


# -- kernels bound to ops ----------------------------------------------------------------------------------
def _factory(fn, layout, check=vk.check_conv, out_format=True):
    """``layout`` flags the NDHWC-image inputs; ``None`` marks a sizes vector (read as NDHWC)."""
    def factory(op, state):
        attrs = op._attrs
        check(op, attrs)

        def kernel(*args):
            args = [vk.ndhwc_sizes(a, attrs) if flag is None else a for a, flag in zip(args, layout)]
            return fn(op, attrs, *args)
        return vk.ndhwc(kernel, attrs, [bool(flag) for flag in layout], out_format)
    return factory


def _pool_factory(fn, layout):
    def bound(op, attrs, *args):
        return fn(attrs, *args)
    return _factory(bound, layout, check=vk.check_pool)


def _filter_sizes(op, attrs, x, sizes, dy):
    return vk.conv3d_backprop_filter(op, attrs, x, [int(s) for s in sizes], dy)


registry.register(OpDef("Conv3D", inputs=["input: T", "filter: T"], outputs=["output: T"], attrs={"T": _FLOATING},
                        shape=_conv_shape, factory=_factory(vk.conv3d, (True, False)), defaults=_DEFAULTS,
                        lower=wl.conv))
registry.register(OpDef("Conv3DBackpropInputV2", inputs=["input_sizes: Tshape", "filter: T", "out_backprop: T"],
                        outputs=["output: T"], attrs={"T": _FLOATING, "Tshape": dtype_lists.INDEX},
                        shape=sized_by(0, (1, 5, 5)),
                        factory=_factory(vk.conv3d_backprop_input, (None, False, True)),
                        defaults={**_DEFAULTS, "Tshape": dtypes.int32},
                        lower=wl.conv_backprop_input))
registry.register(OpDef("Conv3DBackpropFilterV2", inputs=["input: T", "filter_sizes: int32", "out_backprop: T"],
                        outputs=["output: T"], attrs={"T": _FLOATING}, shape=sized_by(1, (5, 1, 5)),
                        factory=_factory(_filter_sizes, (True, False, True), out_format=False), defaults=_DEFAULTS,
                        lower=wl.conv_backprop_filter))
registry.register(OpDef("MaxPool3D", inputs=["input: T"], outputs=["output: T"], attrs={"T": _MAX_T},
                        shape=_pool_shape, factory=_pool_factory(vk.max_pool3d, (True,)), defaults=_POOL_DEFAULTS,
                        lower=lambda op, jx: wl.pool(op, jx, "max")))
registry.register(OpDef("AvgPool3D", inputs=["input: T"], outputs=["output: T"], attrs={"T": _FLOATING},
                        shape=_pool_shape, factory=_pool_factory(vk.avg_pool3d, (True,)), defaults=_POOL_DEFAULTS,
                        lower=lambda op, jx: wl.pool(op, jx, "avg")))
registry.register(OpDef("MaxPool3DGrad", inputs=["orig_input: TInput", "orig_output: TInput", "grad: T"],
                        outputs=["output: T"], attrs={"T": _MAX_T, "TInput": _MAX_T}, shape=same_as(0, 5),
                        factory=_pool_factory(vk.max_pool3d_grad, (True, True, True)),
                        defaults={**_POOL_DEFAULTS, "T": dtypes.float32, "TInput": dtypes.float32},
                        lower=wl.max_pool_grad))
registry.register(OpDef("MaxPool3DGradGrad", inputs=["orig_input: T", "orig_output: T", "grad: T"],
                        outputs=["output: T"], attrs={"T": dtype_lists.REAL}, shape=same_as(1, 5),
                        factory=_pool_factory(vk.max_pool3d_grad_grad, (True, True, True)),
                        defaults=_POOL_DEFAULTS,
                        lower=wl.max_pool_grad_grad))
registry.register(OpDef("AvgPool3DGrad", inputs=["orig_input_shape: int32", "grad: T"], outputs=["output: T"],
                        attrs={"T": _FLOATING}, shape=sized_by(0, (1, 5)),
                        factory=_pool_factory(vk.avg_pool3d_grad, (None, True)), defaults=_POOL_DEFAULTS,
                        lower=wl.avg_pool_grad))


# -- public wrappers ---------------------------------------------------------------------------------------
_GEN_NAMES = {"Conv3D": "conv3d", "Conv3DBackpropInputV2": "conv3d_backprop_input_v2",
              "Conv3DBackpropFilterV2": "conv3d_backprop_filter_v2", "MaxPool3D": "max_pool3d",
              "AvgPool3D": "avg_pool3d"}


def _int_list(op_type, attr, value):
    """TF's ``_apply_op_helper`` checks of a ``list(int)`` attribute with a minimum length of 5."""
    value = wu.check_int_list(_GEN_NAMES[op_type], attr, value)
    if len(value) < 5:
        raise ValueError(f"Attr '{attr}' of '{op_type}' Op passed list of length {len(value)} less than minimum 5.")
    return value


def _create(op_type, inputs, name, strides, padding, data_format, dilations=None, ksize=None):
    """Build ``op_type`` as TF's generated wrapper does: the op's name scope is taken first,
    then its attributes are checked in the op definition's order (an error still uses the name)."""
    with name_scope(name or op_type) as scope:
        attrs = {}
        if ksize is not None:
            attrs["ksize"] = _int_list(op_type, "ksize", ksize)
        attrs["strides"] = _int_list(op_type, "strides", strides)
        wu.check_padding(op_type, padding, ("SAME", "VALID"))
        attrs["padding"] = padding
        attrs["data_format"] = data_format or "NDHWC"
        if dilations is not None:
            attrs["dilations"] = wu.check_int_list(_GEN_NAMES[op_type], "dilations", dilations)
        return create_output(op_type, inputs, attrs, name=scope)


def conv3d(input, filter=None, strides=None, padding=None, data_format="NDHWC",  # noqa: A002
           dilations=(1, 1, 1, 1, 1), name=None, filters=None):
    """A 3-D convolution (a ``Conv3D`` op); ``strides`` and ``dilations`` have 5 values.

    >>> import scopeflow as tf
    >>> x = tf.placeholder(tf.float32, [None, 8, 8, 8, 1])
    >>> tf.nn.conv3d(x, tf.ones([3, 3, 3, 1, 4]), [1, 2, 2, 2, 1], "SAME").shape.as_list()
    [None, 4, 4, 4, 4]
    """
    if filters is not None:
        if filter is not None:
            raise ValueError("Cannot specify both 'filter' and 'filters'.")
        filter = filters
    return _create("Conv3D", [input, filter], name, strides, padding, data_format, list(dilations))


def conv3d_expanded_batch(input, filter, strides, padding, data_format="NDHWC",  # noqa: A002
                          dilations=(1, 1, 1, 1, 1), name=None):
    """``conv3d`` folding several leading batch dimensions into one around the op, as
    ``tf.nn.convolution`` does (TF's ``_conv3d_expanded_batch``)."""
    ndims = getattr(getattr(input, "shape", None), "ndims", None)
    if ndims is None or ndims <= 5:
        return conv3d(input, filter, strides, padding, data_format=data_format, dilations=dilations, name=name)
    return squeeze_batch_dims(input, lambda x: conv3d(x, filter, strides, padding, data_format=data_format,
                                                      dilations=dilations), 4, name=name)


def conv3d_backprop_input_v2(input_sizes, filter, out_backprop, strides, padding,  # noqa: A002
                             data_format="NDHWC", dilations=(1, 1, 1, 1, 1), name=None):
    """The gradient of ``conv3d`` with respect to its input (a ``Conv3DBackpropInputV2`` op)."""
    return _create("Conv3DBackpropInputV2", [input_sizes, filter, out_backprop], name, strides, padding,
                   data_format, list(dilations))


def conv3d_backprop_filter_v2(input, filter_sizes, out_backprop, strides, padding,  # noqa: A002
                              data_format="NDHWC", dilations=(1, 1, 1, 1, 1), name=None):
    """The gradient of ``conv3d`` with respect to its filter (a ``Conv3DBackpropFilterV2`` op)."""
    return _create("Conv3DBackpropFilterV2", [input, filter_sizes, out_backprop], name, strides, padding,
                   data_format, list(dilations))


def conv3d_transpose(value=None, filter=None, output_shape=None, strides=None, padding="SAME",  # noqa: A002
                     data_format="NDHWC", name=None, input=None, filters=None, dilations=None):  # noqa: A002
    """The transpose of ``conv3d``: a ``Conv3DBackpropInputV2`` named ``conv3d_transpose``."""
    value = input if input is not None else value
    filter = filters if filters is not None else filter
    with name_scope(name, "conv3d_transpose", [value, filter, output_shape]) as scope:
        data_format = data_format or "NDHWC"
        channel_index = 1 if data_format.startswith("NC") else 4
        strides = _sequence(strides, channel_index, "strides")
        dilations = _sequence(dilations, channel_index, "dilations")
        return conv3d_backprop_input_v2(output_shape, filter, value, strides, padding, data_format=data_format,
                                        dilations=dilations, name=scope)


def _sequence(value, channel_index, name):
    """TF's ``_get_sequence(value, 3, channel_index, name)``: 1, 3 or 5 values as 5."""
    if value is None:
        return [1] * 5
    value = list(value) if isinstance(value, (list, tuple, np.ndarray)) else [value]
    if len(value) == 5:
        return value
    if len(value) == 1:
        value = value * 3
    elif len(value) != 3:
        raise ValueError(f"{name} should be of length 1, 3 or 5. Received: {name}={value} of length {len(value)}")
    return [1, 1] + value if channel_index == 1 else [1] + value + [1]


def max_pool3d(input, ksize, strides, padding, data_format="NDHWC", name=None):  # noqa: A002
    """Max pooling over 3-D windows (a ``MaxPool3D`` op).

    >>> import scopeflow as tf
    >>> x = tf.placeholder(tf.float32, [None, 4, 4, 4, 3])
    >>> tf.nn.max_pool3d(x, 2, 2, "VALID").shape.as_list()
    [None, 2, 2, 2, 3]
    """
    with name_scope(name, "MaxPool3D", [input]) as scope:
        data_format = data_format or "NDHWC"
        channel_index = 1 if data_format.startswith("NC") else 4
        return _create("MaxPool3D", [input], scope, _sequence(strides, channel_index, "strides"), padding,
                       data_format, ksize=_sequence(ksize, channel_index, "ksize"))


def avg_pool3d(input, ksize, strides, padding, data_format="NDHWC", name=None):  # noqa: A002
    """Average pooling over 3-D windows (an ``AvgPool3D`` op); padding is not counted."""
    with name_scope(name, "AvgPool3D", [input]) as scope:
        data_format = data_format or "NDHWC"
        channel_index = 1 if data_format.startswith("NC") else 4
        return _create("AvgPool3D", [input], scope, _sequence(strides, channel_index, "strides"), padding,
                       data_format, ksize=_sequence(ksize, channel_index, "ksize"))


def pool_attrs(op) -> dict:
    """The attributes a pooling op's gradient op takes from it."""
    return {k: op._attrs[k] for k in ("ksize", "strides", "padding", "data_format")}


def conv_attrs(op) -> dict:
    return {k: op._attrs[k] for k in ("strides", "padding", "data_format", "dilations")}
