"""The NumPy kernels of the 2-D convolution ops, and the factories that bind them to an op
(shared with the depthwise ops in ``depthwise.py``). The ops themselves (shapes,
wrappers) are in ``conv.py``.

Kernels run on BLAS. ``Conv2D`` and the filter gradient are im2col, one piece of the batch
at a time: each piece's windows are copied from the padded input into a
``(n*OH*OW, KH*KW*C)`` matrix small enough to stay in cache, and one product does the rest
(a whole-batch matrix would spill to memory; pieces much smaller than the cache lose BLAS
efficiency); each piece's product is written straight into its rows of the output, with no
copy. The input gradient loops over the
KH*KW window taps with one product each (``dy @ W[i, j].T`` added into the tap's strided
view of the input gradient), which measured faster than materialising columns. No Python
loop runs over pixels; float32 stays float32 throughout.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import errors
from scopeflow._src.ops.common import blas
from scopeflow._src.ops.nn import windows as wu

# -- kernels (NHWC; NCHW is transposed around them) ------------------------------------------------
_PIECE_BYTES = 1 << 22  # about 4 MiB of im2col matrix per piece: BLAS reads it from cache


def _per_piece(plan, c, itemsize) -> int:
    """Examples per piece, so that one piece's im2col matrix stays in cache."""
    return max(1, _PIECE_BYTES // max(1, plan.oh * plan.ow * plan.kh * plan.kw * c * itemsize))


def _pieces(n, step):
    return [(lo, min(n, lo + step)) for lo in range(0, n, step)]


def conv2d(x, w, attrs):
    n, h, wd, c = x.shape
    kh, kw, ci, co = w.shape
    plan = wu.Windows(attrs, h, wd, kh, kw)
    xp = plan.pad(x)
    groups = c // ci
    if groups == 1:
        wm = w.reshape(kh * kw * ci, co)
        ohw = plan.oh * plan.ow
        out = np.empty((n * ohw, co), dtype=np.result_type(x, w))

        for lo, hi in _pieces(n, _per_piece(plan, c, x.itemsize)):
            blas.matmul(plan.patches(xp[lo:hi]), wm, out=out[lo * ohw:hi * ohw])
        return out.reshape(n, plan.oh, plan.ow, co)
    per = co // groups
    outs = [blas.matmul(plan.patches(np.ascontiguousarray(xp[..., g * ci:(g + 1) * ci])),
                        w[..., g * per:(g + 1) * per].reshape(kh * kw * ci, per)) for g in range(groups)]
    return np.concatenate(outs, axis=-1).reshape(n, plan.oh, plan.ow, co)


def conv2d_backprop_input(shape, w, dy, attrs):
    """Per window tap, one product ``dy @ W[i, j].T`` added into the strided view of the padded
    input gradient it belongs to (col2im without materialising the whole column matrix)."""
    n, h, wd, c = shape
    kh, kw, ci, co = w.shape
    plan = wu.Windows(attrs, h, wd, kh, kw)
    groups, per = c // ci, co // max(c // ci, 1)
    ph, pw = plan.padded_size(h, wd)
    dxp = np.zeros((n, ph, pw, c), dtype=dy.dtype)
    dy2 = dy.reshape(-1, co)
    for t, view in plan.taps(dxp):
        tap = w[t // kw, t % kw]
        for g in range(groups):
            part = blas.matmul(dy2[:, g * per:(g + 1) * per], tap[:, g * per:(g + 1) * per].T)
            view[..., g * ci:(g + 1) * ci] += part.reshape(n, plan.oh, plan.ow, ci)
    return np.ascontiguousarray(plan.crop(dxp, h, wd))


def conv2d_backprop_filter(x, fshape, dy, attrs):
    """``patches.T @ dy``, summed over cache-sized pieces of the batch."""
    n, h, wd, c = x.shape
    kh, kw, ci, co = fshape
    plan = wu.Windows(attrs, h, wd, kh, kw)
    xp = plan.pad(x)
    groups, per = c // ci, co // max(c // ci, 1)
    dy2 = dy.reshape(-1, co)
    if groups == 1:
        ohw = plan.oh * plan.ow
        total = None
        for lo, hi in _pieces(n, _per_piece(plan, c, x.itemsize)):
            part = blas.matmul(plan.patches(xp[lo:hi]).T, dy2[lo * ohw:hi * ohw])
            total = part if total is None else np.add(total, part, out=total)
        return total.reshape(kh, kw, ci, co)
    dw = np.empty((kh, kw, ci, co), dtype=dy.dtype)
    for t, view in plan.taps(xp):
        for g in range(groups):
            cols = view[..., g * ci:(g + 1) * ci].reshape(-1, ci)
            dw[t // kw, t % kw, :, g * per:(g + 1) * per] = blas.matmul(cols.T, dy2[:, g * per:(g + 1) * per])
    return dw


def _to_nhwc(sizes, attrs):
    sizes = [int(s) for s in sizes]
    return [sizes[0], sizes[2], sizes[3], sizes[1]] if wu.spatial(attrs)[2] == 1 else sizes


def _full_sizes(sizes, other, attrs):
    """Input sizes given as 2 values (spatial only) completed from the other operands."""
    if len(sizes) == 4:
        return _to_nhwc(sizes, attrs)
    n, c = other
    return [n, int(sizes[0]), int(sizes[1]), c]


def _check_depth(op, x, w, depthwise):
    """TF's depth checks. Its (oneDNN) depthwise kernel words a depth that does not divide as
    ``Conv2D`` does; one that divides but differs gets the portable kernel's text here."""
    if w.shape[2] == 0 or x.shape[3] % w.shape[2]:
        raise errors.InvalidArgumentError(None, op, f"input depth must be evenly divisible by filter depth: "
                                                    f"{x.shape[3]} vs {w.shape[2]}")
    if depthwise and x.shape[3] != w.shape[2]:
        raise errors.InvalidArgumentError(None, op, f"input and filter must have the same depth: {x.shape[3]} "
                                                    f"vs {w.shape[2]}")


def _checked_attrs(op):
    attrs = op._attrs
    wu.check_batch_depth(op, attrs, ("strides", "dilations"))
    return attrs


def forward_factory(fn, depthwise=False):
    """A factory for ``fn(x, w, attrs)`` on NHWC arrays (NCHW ones are transposed around it)."""
    def factory(op, state):
        attrs = _checked_attrs(op)

        def kernel(x, w):
            _check_depth(op, x, w, depthwise)
            return fn(x, w, attrs)
        return wu.nhwc(kernel, attrs, (True, False))
    return factory


def input_factory(fn):
    """A factory for ``fn(input_sizes, w, dy, attrs)``, the sizes read as NHWC."""
    def factory(op, state):
        attrs = _checked_attrs(op)

        def kernel(sizes, w, dy):
            return fn(_full_sizes(sizes, (dy.shape[0], w.shape[2]), attrs), w, dy, attrs)
        return wu.nhwc(kernel, attrs, (False, False, True))
    return factory


def filter_factory(fn):
    """A factory for ``fn(x, filter_sizes, dy, attrs)`` (the filter has no data format)."""
    def factory(op, state):
        attrs = _checked_attrs(op)

        def kernel(x, sizes, dy):
            return fn(x, [int(s) for s in sizes], dy, attrs)
        return wu.nhwc(kernel, attrs, (True, False, True), out_format=False)
    return factory
