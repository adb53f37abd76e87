"""Window arithmetic and NumPy kernels for the 3-D convolution and pooling ops (``conv3d.py``,
``pool3d.py``), on NDHWC arrays (NCDHW ones are transposed around them).

Kernels loop over the window taps (``kd * kh * kw`` strided views of the padded input),
never over voxels: a convolution is one matrix product per tap, a pooling one elementwise
step per tap.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import errors
from scopeflow._src.ops.nn import windows as wu

_TO_LAST = (0, 2, 3, 4, 1)
_TO_FIRST = (0, 4, 1, 2, 3)


def channels_first(attrs) -> bool:
    return attrs.get("data_format", "NDHWC").startswith("NC")


def spatial_axes(attrs) -> tuple:
    """The indices of depth, height and width in the op's ``data_format``."""
    return (2, 3, 4) if channels_first(attrs) else (1, 2, 3)


def channel_axis(attrs) -> int:
    return 1 if channels_first(attrs) else 4


class Plan:
    """The padding and output size of a 3-D window op for one input size (NDHWC)."""

    def __init__(self, attrs, sizes, ksizes, window="dilations"):
        axes = spatial_axes(attrs)
        self.ksizes = list(ksizes)
        self.strides = [attrs["strides"][a] for a in axes]
        self.dilations = [attrs.get(window, [1] * 5)[a] for a in axes] if window else [1, 1, 1]
        geometry = [wu.geometry(size, k, s, d, attrs["padding"])
                    for size, k, s, d in zip(sizes, self.ksizes, self.strides, self.dilations)]
        self.outs = [g[0] for g in geometry]
        self.pads = [(g[1], g[2]) for g in geometry]
        self.sizes = list(sizes)

    def pad(self, x, value=0):
        if not any(b or a for b, a in self.pads):
            return x
        return np.pad(x, [(0, 0), *self.pads, (0, 0)], constant_values=value)

    def padded_shape(self, n, c):
        return (n, *[s + b + a for s, (b, a) in zip(self.sizes, self.pads)], c)

    def crop(self, xp):
        return xp[(slice(None), *[slice(b, b + s) for s, (b, _) in zip(self.sizes, self.pads)])]

    def taps(self, xp):
        """``(tap index, view)``: what one window position sees across every output voxel."""
        for t, idx in enumerate(np.ndindex(*self.ksizes)):
            view = (slice(None),) + tuple(slice(i * d, i * d + (o - 1) * s + 1, s) for i, d, o, s in
                                          zip(idx, self.dilations, self.outs, self.strides))
            yield t, idx, xp[view]

    def counts(self, dtype):
        """How many real (unpadded) voxels each output window covers: average pooling's divisor."""
        total = np.ones((), dtype=np.int64)
        for k, s, o, (before, _), size in zip(self.ksizes, self.strides, self.outs, self.pads, self.sizes):
            starts = np.arange(o) * s - before
            counts = np.minimum(starts + k, size) - np.maximum(starts, 0)
            total = np.multiply.outer(total, counts)
        return total.astype(dtype)[None, ..., None]


def ndhwc(kernel, attrs, in_formats, out_format=True):
    """Wrap an NDHWC ``kernel`` for ``data_format="NCDHW"``: transpose flagged inputs in and the output back."""
    if not channels_first(attrs):
        return kernel

    def wrapped(*args):
        args = [np.transpose(a, _TO_LAST) if flag else a for a, flag in zip(args, in_formats)]
        out = kernel(*args)
        return np.ascontiguousarray(np.transpose(out, _TO_FIRST)) if out_format else out
    return wrapped


def ndhwc_sizes(sizes, attrs):
    """An ``input_sizes`` vector in the op's format, read as NDHWC."""
    sizes = [int(s) for s in sizes]
    return [sizes[i] for i in _TO_LAST] if channels_first(attrs) else sizes


def check_conv(op, attrs):
    """TF's runtime refusals of convolution strides or dilations over batch or depth."""
    c = channel_axis(attrs)
    strides, dilations = attrs["strides"], attrs.get("dilations", [1] * 5)
    if strides[0] != 1 or strides[c] != 1:
        raise errors.UnimplementedError(
            None, op, "Current implementation does not yet support strides in the batch and depth dimensions.")
    if dilations[0] != 1 or dilations[c] != 1:
        raise errors.InvalidArgumentError(
            None, op, "Current implementation does not yet support dilations rates in the batch and depth dimensions.")


def check_pool(op, attrs):
    """TF's runtime refusals of pooling windows or strides over batch or depth."""
    c = channel_axis(attrs)
    ksize, strides = attrs["ksize"], attrs["strides"]
    if ksize[0] != 1 or strides[0] != 1:
        raise errors.UnimplementedError(None, op, "Pooling is not yet supported on the batch dimension.")
    if op.type == "AvgPool3D" and ksize[c] != 1 and any(ksize[a] != 1 for a in spatial_axes(attrs)):
        raise errors.UnimplementedError(None, op, "AvgPooling3D supports exactly one of pooling across depth or "
                                                  "pooling across depth/width/height.")
    if ksize[c] != 1 or strides[c] != 1:
        raise errors.UnimplementedError(None, op, "Pooling is not yet supported on the depth dimension.")


# -- accumulation ---------------------------------------------------------------------------------------
def _wide(dtype):
    """Sums over taps and voxels run in float64 for narrower floats: TF's own float32 sums are
    ordered differently, and only a wider sum stays within float32 rounding of them."""
    return np.float64 if np.dtype(dtype).kind == "f" and np.dtype(dtype).itemsize < 8 else np.dtype(dtype)


# -- convolutions ---------------------------------------------------------------------------------------
def _check_depth(op, c, ci):
    if ci == 0 or c % ci:
        raise errors.InvalidArgumentError(None, op, f"Input depth must be evenly divisible by filter depth: "
                                                    f"{c} vs {ci}")


def conv3d(op, attrs, x, w):
    n, c = x.shape[0], x.shape[4]
    kd, kh, kw, ci, co = w.shape
    _check_depth(op, c, ci)
    plan = Plan(attrs, x.shape[1:4], (kd, kh, kw))
    groups, per = c // ci, co // max(c // ci, 1)
    dtype = np.result_type(x, w)
    out = np.zeros((n, *plan.outs, co), dtype=_wide(dtype))
    for _, idx, view in plan.taps(plan.pad(x)):
        tap = w[idx].astype(out.dtype)
        for g in range(groups):
            out[..., g * per:(g + 1) * per] += view[..., g * ci:(g + 1) * ci] @ tap[:, g * per:(g + 1) * per]
    return out.astype(dtype, copy=False)


def conv3d_backprop_input(op, attrs, sizes, w, dy):
    n, d, h, wd, c = sizes
    kd, kh, kw, ci, co = w.shape
    _check_depth(op, c, ci)
    plan = Plan(attrs, (d, h, wd), (kd, kh, kw))
    groups, per = c // ci, co // max(c // ci, 1)
    dxp = np.zeros(plan.padded_shape(n, c), dtype=_wide(dy.dtype))
    for _, idx, view in plan.taps(dxp):
        tap = w[idx].astype(dxp.dtype)
        for g in range(groups):
            view[..., g * ci:(g + 1) * ci] += dy[..., g * per:(g + 1) * per] @ tap[:, g * per:(g + 1) * per].T
    return np.ascontiguousarray(plan.crop(dxp), dtype=dy.dtype)


def conv3d_backprop_filter(op, attrs, x, fsizes, dy):
    kd, kh, kw, ci, co = fsizes
    c = x.shape[4]
    _check_depth(op, c, ci)
    plan = Plan(attrs, x.shape[1:4], (kd, kh, kw))
    groups, per = c // ci, co // max(c // ci, 1)
    dw = np.zeros((kd, kh, kw, ci, co), dtype=dy.dtype)
    wide = _wide(dy.dtype)
    dy2 = dy.reshape(-1, co).astype(wide)
    for _, idx, view in plan.taps(plan.pad(x)):
        for g in range(groups):
            cols = view[..., g * ci:(g + 1) * ci].reshape(-1, ci).astype(wide)
            dw[idx][:, g * per:(g + 1) * per] = cols.T @ dy2[:, g * per:(g + 1) * per]
    return dw


# -- pooling -------------------------------------------------------------------------------------------------
def _pool_plan(attrs, sizes):
    axes = spatial_axes(attrs)
    return Plan(attrs, sizes, [attrs["ksize"][a] for a in axes], window=None)


def _lowest(dtype):
    return -np.inf if dtype.kind == "f" else np.iinfo(dtype).min


def max_pool3d(attrs, x):
    plan = _pool_plan(attrs, x.shape[1:4])
    best = None
    for _, _, view in plan.taps(plan.pad(x, _lowest(x.dtype))):
        best = view.copy() if best is None else np.maximum(best, view, out=best)
    return best


def avg_pool3d(attrs, x):
    plan = _pool_plan(attrs, x.shape[1:4])
    total = np.zeros((x.shape[0], *plan.outs, x.shape[4]), dtype=x.dtype)
    for _, _, view in plan.taps(plan.pad(x)):
        total += view
    return (total / plan.counts(x.dtype)).astype(x.dtype)


def max_pool3d_grad(attrs, x, y, grad):
    """Each window's gradient goes to every voxel equal to its maximum (TF's CPU kernel
    gives ties the whole gradient each, unlike the 2-D ``MaxPoolGrad``)."""
    plan = _pool_plan(attrs, x.shape[1:4])
    dxp = np.zeros(plan.padded_shape(x.shape[0], x.shape[4]), dtype=grad.dtype)
    xp = plan.pad(x, _lowest(x.dtype))
    for (_, _, view), (_, _, dview) in zip(plan.taps(xp), plan.taps(dxp)):
        dview += np.where(view == y, grad, np.zeros((), grad.dtype))
    return np.ascontiguousarray(plan.crop(dxp))


def max_pool3d_grad_grad(attrs, x, y, grad):
    """Each window's value of ``grad`` at its first maximum (window order: depth, height, width),
    as TF's CPU kernel picks it (ties do not add up here, unlike in ``max_pool3d_grad``)."""
    plan = _pool_plan(attrs, x.shape[1:4])
    out = np.zeros(y.shape, dtype=grad.dtype)
    found = np.zeros(y.shape, dtype=bool)
    xp = plan.pad(x, _lowest(x.dtype))
    for (_, _, view), (_, _, gview) in zip(plan.taps(xp), plan.taps(plan.pad(grad))):
        first = (view == y) & ~found
        out += np.where(first, gview, np.zeros((), grad.dtype))
        found |= first
    return out


def avg_pool3d_grad(attrs, sizes, grad):
    n, d, h, w, c = sizes
    plan = _pool_plan(attrs, (d, h, w))
    share = grad / plan.counts(grad.dtype)
    dxp = np.zeros(plan.padded_shape(n, c), dtype=grad.dtype)
    for _, _, view in plan.taps(dxp):
        view += share
    return np.ascontiguousarray(plan.crop(dxp))
