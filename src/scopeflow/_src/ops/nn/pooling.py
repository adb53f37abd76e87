"""Max and average pooling and their gradient ops (``MaxPoolGrad``, ``AvgPoolGrad`` ...).

Kernels loop over the window taps (``ksize`` height x width strided views), never over
pixels. Max pooling routes each gradient to the first maximum of its window in row-major
order, as TensorFlow's CPU kernel does; average pooling with ``SAME`` padding divides by
the number of real (unpadded) pixels in each window, as TensorFlow does.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops.common import attr_defaults, dtype_lists
from scopeflow._src.ops.nn import window_lowerings as wl
from scopeflow._src.ops.nn import windows as wu
from scopeflow._src.ops.nn.conv import same_as, sized_by

_MAX_T = dtype_lists.types("float16,bfloat16,float32,float64,int32,int64,uint8,int16,int8,uint16,qint8")


def _dims(shape):
    return shape.as_list() if shape.ndims is not None else [None] * 4


# -- shapes ---------------------------------------------------------------------------------------------
def _pool_shape(inputs, attrs):
    x = inputs[0].shape
    wu.check_rank(x, 4)
    wu.check_explicit(attrs)
    dims = _dims(x)
    ih, iw, ch = wu.spatial(attrs)
    ksize, strides, pad = attrs["ksize"], attrs["strides"], attrs["padding"]
    oh = wu.static_size(dims[ih], ksize[ih], strides[ih], 1, pad, wu.explicit_pair(attrs, ih))
    ow = wu.static_size(dims[iw], ksize[iw], strides[iw], 1, pad, wu.explicit_pair(attrs, iw))
    out = list(dims)
    out[ih], out[iw] = oh, ow
    return TensorShape(out)


# -- kernels (NHWC) --------------------------------------------------------------------------------------
def _plan(attrs, h, w):
    ih, iw, _ = wu.spatial(attrs)
    ksize = attrs["ksize"]
    return wu.Windows(attrs, h, w, ksize[ih], ksize[iw])


def _lowest(dtype):
    return -np.inf if dtype.kind == "f" else np.iinfo(dtype).min


def _argmax(x, plan):
    """The window maxima and, per output pixel, the index of the first tap holding it."""
    xp = plan.pad(x, _lowest(x.dtype))
    best, arg = None, None
    for t, view in plan.taps(xp):
        if best is None:
            best, arg = view.copy(), np.zeros(view.shape, np.int32)
            continue
        better = view > best
        best = np.where(better, view, best)
        arg[better] = t
    return best, arg


def _max_pool(x, attrs):
    plan = _plan(attrs, x.shape[1], x.shape[2])
    tiles = plan.tiles(x)
    if tiles is not None:  # the maximum over each row of windows, then over its rows
        rows = tiles[:, :, :, :, 0]
        for j in range(1, plan.kw):
            rows = np.maximum(rows, tiles[:, :, :, :, j])
        best = rows[:, :, 0].copy() if plan.kh == 1 else np.maximum(rows[:, :, 0], rows[:, :, 1])
        for i in range(2, plan.kh):
            np.maximum(best, rows[:, :, i], out=best)
        return best
    best = None
    for _, view in plan.taps(plan.pad(x, _lowest(x.dtype))):
        best = view.copy() if best is None else np.maximum(best, view, out=best)
    return best


def _max_pool_grad(x, y, grad, attrs):
    """Each window's gradient goes to its first pixel equal to the pooled maximum ``y``
    (one pass over the taps; when ``y`` is not this input's max pooling, TF's recomputed
    argmax is used instead)."""
    n, h, w, c = x.shape
    plan = _plan(attrs, h, w)
    tiles = plan.tiles(x)
    if tiles is not None:
        return _max_pool_grad_tiled(x, tiles, y, grad, plan)
    ph, pw = plan.padded_size(h, w)
    dxp = np.zeros((n, ph, pw, c), dtype=grad.dtype)
    found = np.zeros(y.shape, dtype=bool)
    hit = np.empty(y.shape, dtype=bool)
    share = np.empty(y.shape, dtype=grad.dtype)
    xp = plan.pad(x, _lowest(x.dtype))
    for (_, view), (_, dview) in zip(plan.taps(xp), plan.taps(dxp)):
        np.equal(view, y, out=hit)
        np.greater(hit, found, out=hit)  # a hit, and the window's first one
        found |= hit
        np.multiply(grad, hit, out=share)
        dview += share
    # Recompute TF's argmax when y is not the max pooling of x (or holds NaNs), and when grad
    # is not finite (grad * hit would spread a NaN over the whole window).
    if not found.all() or not np.isfinite(grad).all():
        return _max_pool_grad_argmax(x, grad, plan)
    return np.ascontiguousarray(plan.crop(dxp, h, w))


def _max_pool_grad_tiled(x, tiles, y, grad, plan):
    """``_max_pool_grad`` for windows that tile ``x``: one comparison of the whole input with
    ``y``, then only each window's first hit kept (ReLU outputs tie often, at zero)."""
    n, oh, kh, ow, kw, c = tiles.shape
    hits = np.equal(tiles, y.reshape(n, oh, 1, ow, 1, c))
    found = hits[:, :, 0, :, 0].copy()
    for t in range(1, kh * kw):
        view = hits[:, :, t // kw, :, t % kw]
        np.greater(view, found, out=view)
        found |= view
    if not found.all() or not np.isfinite(grad).all():  # see _max_pool_grad
        return _max_pool_grad_argmax(x, grad, plan)
    out = hits.astype(grad.dtype)  # multiplying by a boolean array casts it on the fly: slower
    return np.multiply(out, grad.reshape(n, oh, 1, ow, 1, c), out=out).reshape(x.shape)


def _max_pool_grad_argmax(x, grad, plan):
    n, h, w, c = x.shape
    _, arg = _argmax(x, plan)
    ph, pw = plan.padded_size(h, w)
    dxp = np.zeros((n, ph, pw, c), dtype=grad.dtype)
    zero = np.zeros((), grad.dtype)
    for t, view in plan.taps(dxp):
        view += np.where(arg == t, grad, zero)
    return np.ascontiguousarray(plan.crop(dxp, h, w))


def _max_pool_grad_grad(x, y, grad, attrs):
    plan = _plan(attrs, x.shape[1], x.shape[2])
    _, arg = _argmax(x, plan)
    out = np.zeros(arg.shape, dtype=grad.dtype)
    for t, view in plan.taps(plan.pad(grad)):
        out += np.where(arg == t, view, np.zeros((), grad.dtype))
    return out


def _counts(plan, h, w, dtype):
    """How many real pixels each output window covers (TF's divisor for average pooling)."""
    top, _, left, _ = plan.pads
    rows = np.arange(plan.oh) * plan.sh - top
    cols = np.arange(plan.ow) * plan.sw - left
    ch = np.minimum(rows + plan.kh, h) - np.maximum(rows, 0)
    cw = np.minimum(cols + plan.kw, w) - np.maximum(cols, 0)
    return np.outer(ch, cw).astype(dtype)[None, :, :, None]


def _avg_pool(x, attrs):
    n, h, w, c = x.shape
    plan = _plan(attrs, h, w)
    total = np.zeros((n, plan.oh, plan.ow, c), dtype=x.dtype)
    for _, view in plan.taps(plan.pad(x)):
        total += view
    return total / _counts(plan, h, w, x.dtype)


def _avg_pool_grad(shape, grad, attrs):
    n, h, w, c = shape
    plan = _plan(attrs, h, w)
    share = grad / _counts(plan, h, w, grad.dtype)
    ph, pw = plan.padded_size(h, w)
    dxp = np.zeros((n, ph, pw, c), dtype=grad.dtype)
    for _, view in plan.taps(dxp):
        view += share
    return np.ascontiguousarray(plan.crop(dxp, h, w))


def _factory(fn, layout):
    """``layout`` flags which inputs are NHWC images (``None`` marks a sizes vector)."""
    def factory(op, state):
        attrs = op._attrs
        wu.check_batch_depth(op, attrs, ("ksize", "strides"), pooling=True)
        nchw = wu.spatial(attrs)[2] == 1

        def kernel(*args):
            if None in layout:
                args = [[int(s) for s in (np.asarray(a)[[0, 2, 3, 1]] if nchw else a)] if flag is None else a
                        for a, flag in zip(args, layout)]
            return fn(*args, attrs)
        run = wu.nhwc(kernel, attrs, [bool(flag) for flag in layout])
        images = [t for t, flag in zip(op._inputs, layout) if flag]
        if all(t.shape.ndims is not None for t in images):  # ranks checked when the graph was built
            return run

        def checking_rank(*args):
            try:
                return run(*args)
            except ValueError:  # words TF's message on the error path only
                for a, flag in zip(args, layout):
                    if flag and np.ndim(a) != 4:
                        raise errors.InvalidArgumentError(None, op, "Input must be 4 or 5-dimensional" if np.ndim(a) < 4
                                                          else "tensor_in must be 4-dimensional") from None
                raise
        return checking_rank
    return factory


_GRAD_T = dtype_lists.REAL
_MAX_POOL_DEFAULTS = {"T": dtypes.float32, "explicit_paddings": (), "data_format": "NHWC"}
registry.register(OpDef("MaxPool", inputs=["input: T"], outputs=["output: T"], attrs={"T": _MAX_T},
                        shape=_pool_shape, factory=_factory(_max_pool, (True,)), defaults=_MAX_POOL_DEFAULTS,
                        lower=lambda op, jx: wl.pool(op, jx, "max")))
registry.register(OpDef("AvgPool", inputs=["value: T"], outputs=["output: T"], attrs={"T": dtype_lists.FLOATING},
                        shape=_pool_shape, factory=_factory(_avg_pool, (True,)), defaults=attr_defaults.NHWC,
                        lower=lambda op, jx: wl.pool(op, jx, "avg")))
registry.register(OpDef("MaxPoolGrad", inputs=["orig_input: T", "orig_output: T", "grad: T"], outputs=["output: T"],
                        attrs={"T": _GRAD_T}, shape=same_as(0, 4),
                        factory=_factory(_max_pool_grad, (True, True, True)), defaults=_MAX_POOL_DEFAULTS,
                        lower=wl.max_pool_grad))
registry.register(OpDef("MaxPoolGradGrad", inputs=["orig_input: T", "orig_output: T", "grad: T"],
                        outputs=["output: T"], attrs={"T": _GRAD_T}, shape=same_as(1, 4),
                        factory=_factory(_max_pool_grad_grad, (True, True, True)), defaults=attr_defaults.NHWC,
                        lower=wl.max_pool_grad_grad))
registry.register(OpDef("AvgPoolGrad", inputs=["orig_input_shape: int32", "grad: T"], outputs=["output: T"],
                        attrs={"T": dtype_lists.FLOATING}, shape=sized_by(0, (1, 4)),
                        factory=_factory(_avg_pool_grad, (None, True)), defaults=attr_defaults.NHWC,
                        lower=wl.avg_pool_grad))


# -- public wrappers ---------------------------------------------------------------------------------------
def _pool_attrs_for(op_type, ksize, strides, padding, data_format, allow_explicit=True):
    data_format = data_format or "NHWC"
    channel_index = 1 if data_format.startswith("NC") else 3
    ksize = wu.get_sequence(ksize, 2, channel_index, "ksize")
    strides = wu.get_sequence(strides, 2, channel_index, "strides")
    attrs = {"ksize": [int(k) for k in ksize], "strides": [int(s) for s in strides], "data_format": data_format}
    if allow_explicit:
        padding, explicit = wu.convert_padding(padding)
        if any(k == 0 for k in ksize):
            raise ValueError(f"`ksize` cannot be zero. Received: ksize={ksize}")
        wu.check_padding(op_type, padding)
        attrs["explicit_paddings"] = [int(p) for p in explicit]
    else:
        wu.check_padding(op_type, padding, ("SAME", "VALID"))
    attrs["padding"] = padding
    return attrs


def max_pool(value, ksize, strides, padding, data_format="NHWC", name=None, input=None):  # noqa: A002
    """Max pooling over 2-D windows (a ``MaxPool`` op).

    >>> import scopeflow as tf
    >>> x = tf.placeholder(tf.float32, [None, 28, 28, 32])
    >>> tf.nn.max_pool(x, ksize=2, strides=2, padding="SAME").shape.as_list()
    [None, 14, 14, 32]
    """
    value = input if input is not None else value
    with name_scope(name, "MaxPool", [value]) as scope:
        attrs = _pool_attrs_for("MaxPool", ksize, strides, padding, data_format)
        return create_output("MaxPool", [value], attrs, name=scope)


def max_pool2d(input, ksize, strides, padding, data_format="NHWC", name=None):  # noqa: A002
    """``tf.nn.max_pool2d``: ``max_pool`` with the default name ``MaxPool2d``."""
    with name_scope(name, "MaxPool2d", [input]) as scope:
        attrs = _pool_attrs_for("MaxPool", ksize, strides, padding, data_format)
        return create_output("MaxPool", [input], attrs, name=scope)


def _rank_n(input, data_format, what):  # noqa: A002
    ndims = getattr(getattr(input, "shape", None), "ndims", None)
    if ndims is not None:
        n = ndims - 2
    elif data_format is not None:
        n = len(data_format) - 2
    else:
        raise ValueError(f"`input` must have a static shape or {what} must be given. Received: "
                         f"input.shape={input.shape} and data_format={data_format}")
    if n != 2:
        raise ValueError(f"`input.shape.rank` must be 4 in scopeflow (TF also takes 3 and 5). Received: "
                         f"input.shape={input.shape} of rank {n + 2}.")


def max_pool_v2(input, ksize, strides, padding, data_format=None, name=None):  # noqa: A002
    """``tf.nn.max_pool_v2`` for 4-D inputs: ``max_pool2d``."""
    _rank_n(input, data_format, "a data format")
    return max_pool2d(input, ksize, strides, padding, data_format=data_format or "NHWC", name=name)


def avg_pool(value, ksize, strides, padding, data_format="NHWC", name=None, input=None):  # noqa: A002
    """Average pooling over 2-D windows (an ``AvgPool`` op); padding is not counted."""
    with name_scope(name, "AvgPool", [value]) as scope:
        value = input if input is not None else value
        attrs = _pool_attrs_for("AvgPool", ksize, strides, padding, data_format, allow_explicit=False)
        return create_output("AvgPool", [value], attrs, name=scope)


avg_pool2d = avg_pool


def avg_pool_v2(input, ksize, strides, padding, data_format=None, name=None):  # noqa: A002
    """``tf.nn.avg_pool_v2`` for 4-D inputs."""
    _rank_n(input, data_format, "`data_format`")
    attrs = _pool_attrs_for("AvgPool", ksize, strides, padding, data_format, allow_explicit=False)
    return create_output("AvgPool", [input], attrs, name=name)


def max_pool_grad(orig_input, orig_output, grad, ksize, strides, padding, data_format="NHWC", name=None):
    """``gen_nn_ops.max_pool_grad``: the ``MaxPoolGrad`` op."""
    attrs = _pool_attrs_for("MaxPoolGrad", ksize, strides, padding, data_format)
    return create_output("MaxPoolGrad", [orig_input, orig_output, grad], attrs, name=name)


def avg_pool_grad(orig_input_shape, grad, ksize, strides, padding, data_format="NHWC", name=None):
    """``gen_nn_ops.avg_pool_grad``: the ``AvgPoolGrad`` op."""
    attrs = _pool_attrs_for("AvgPoolGrad", ksize, strides, padding, data_format, allow_explicit=False)
    return create_output("AvgPoolGrad", [convert_to_tensor(orig_input_shape, dtypes.int32), grad], attrs, name=name)
