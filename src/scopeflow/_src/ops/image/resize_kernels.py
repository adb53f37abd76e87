"""The NumPy sampling of TensorFlow's resize kernels (``ResizeBilinear``, ``ResizeNearestNeighbor``,
``ResizeBicubic``, ``ResizeArea`` and the gradients of the first two), in float32 with TF's formulas.

The scale of an axis is ``in / out``, or ``(in - 1) / (out - 1)`` with ``align_corners`` (and
``out > 1``). An output index ``i`` samples the input at ``i * scale`` (TF's legacy scaler) or,
with ``half_pixel_centers``, at ``(i + 0.5) * scale - 0.5`` (nearest neighbour: without the
``- 0.5``). Bilinear interpolates the two neighbours of that position (``floor``/``ceil``,
clamped; the weight ``pos - floor(pos)`` unclamped); nearest rounds (``align_corners``) or
floors; bicubic uses Keys' kernel tabulated at 1025 points (``a = -0.75``; ``-0.5`` with
half-pixel centers, whose taps outside the image get weight 0 and the rest renormalized);
area averages the input pixels each output pixel covers, weighted by the overlap.
"""

from __future__ import annotations

import numpy as np

_F = np.float32
_TABLE_SIZE = 1024


def add_at(out, index, values):
    """``np.add.at``, returning ``out``: how the gradients add into their output (the JAX
    target passes its scatter-add instead)."""
    np.add.at(out, index, values)
    return out


def resize_scale(in_size: int, out_size: int, align_corners: bool) -> np.float32:
    """TF's ``CalculateResizeScale``, in float32."""
    if align_corners and out_size > 1:
        return _F(in_size - 1) / _F(out_size - 1)
    return _F(in_size) / _F(out_size)


def _positions(out_size, scale, half_pixel, shift=0.5):
    i = np.arange(out_size, dtype=_F)
    if half_pixel:
        return (i + _F(0.5)) * scale - _F(shift)
    return i * scale


def _linear_taps(in_size, out_size, align_corners, half_pixel):
    pos = _positions(out_size, resize_scale(in_size, out_size, align_corners), half_pixel)
    floor = np.floor(pos)
    lower = np.maximum(floor.astype(np.int64), 0)
    upper = np.minimum(np.ceil(pos).astype(np.int64), in_size - 1)
    return lower, upper, (pos - floor).astype(_F)


def resize_bilinear(images, size, align_corners=False, half_pixel_centers=False):
    """``ResizeBilinear`` of a ``[batch, height, width, channels]`` array to ``size``, as float32."""
    images = images.astype(_F, copy=False)
    (h, w), (oh, ow) = images.shape[1:3], size
    y0, y1, ly = _linear_taps(h, oh, align_corners, half_pixel_centers)
    x0, x1, lx = _linear_taps(w, ow, align_corners, half_pixel_centers)
    top, bottom = images[:, y0], images[:, y1]
    lx = lx[:, None]
    top_left, top_right = top[:, :, x0], top[:, :, x1]
    bottom_left, bottom_right = bottom[:, :, x0], bottom[:, :, x1]
    top = top_left + (top_right - top_left) * lx
    bottom = bottom_left + (bottom_right - bottom_left) * lx
    return top + (bottom - top) * ly[:, None, None]


def resize_bilinear_grad(grads, original_shape, align_corners=False, half_pixel_centers=False, add_at=add_at):
    """``ResizeBilinearGrad``: each output's gradient spread over its four input pixels, as float32."""
    grads = grads.astype(_F, copy=False)
    n, h, w, c = original_shape
    oh, ow = grads.shape[1:3]
    y0, y1, ly = _linear_taps(h, oh, align_corners, half_pixel_centers)
    x0, x1, lx = _linear_taps(w, ow, align_corners, half_pixel_centers)
    rows = add_at(np.zeros((n, h, ow, c), _F), (slice(None), y0), grads * (_F(1) - ly)[:, None, None])
    rows = add_at(rows, (slice(None), y1), grads * ly[:, None, None])
    out = add_at(np.zeros((n, h, w, c), _F), (slice(None), slice(None), x0), rows * (_F(1) - lx)[:, None])
    return add_at(out, (slice(None), slice(None), x1), rows * lx[:, None])


def nearest_indices(in_size, out_size, align_corners, half_pixel_centers):
    """The input index each output index of ``ResizeNearestNeighbor`` copies."""
    pos = _positions(out_size, resize_scale(in_size, out_size, align_corners), half_pixel_centers, shift=0)
    index = np.sign(pos) * np.floor(np.abs(pos) + _F(0.5)) if align_corners else np.floor(pos)
    index = np.minimum(index.astype(np.int64), in_size - 1)
    return np.maximum(index, 0) if half_pixel_centers else index


def resize_nearest(images, size, align_corners=False, half_pixel_centers=False):
    """``ResizeNearestNeighbor``: each output pixel a copy of one input pixel (dtype kept)."""
    (h, w), (oh, ow) = images.shape[1:3], size
    ys = nearest_indices(h, oh, align_corners, half_pixel_centers)
    xs = nearest_indices(w, ow, align_corners, half_pixel_centers)
    return images[:, ys][:, :, xs]


def resize_nearest_grad(grads, size, align_corners=False, half_pixel_centers=False, add_at=add_at):
    """``ResizeNearestNeighborGrad``: each gradient added to the input pixel its output copied."""
    n, gh, gw, c = grads.shape
    h, w = size
    ys = nearest_indices(h, gh, align_corners, half_pixel_centers)
    xs = nearest_indices(w, gw, align_corners, half_pixel_centers)
    rows = add_at(np.zeros((n, h, gw, c), grads.dtype), (slice(None), ys), grads)
    return add_at(np.zeros((n, h, w, c), grads.dtype), (slice(None), slice(None), xs), rows)


def _cubic_table(a):
    x = np.arange(_TABLE_SIZE + 1, dtype=_F) * _F(1.0 / _TABLE_SIZE)
    a = _F(a)
    near = ((a + _F(2)) * x - (a + _F(3))) * x * x + _F(1)
    x = x + _F(1)
    far = ((a * x - _F(5) * a) * x + _F(8) * a) * x - _F(4) * a
    return near, far


_TABLES = {False: _cubic_table(-0.75), True: _cubic_table(-0.5)}


def _cubic_taps(in_size, out_size, align_corners, half_pixel):
    pos = _positions(out_size, resize_scale(in_size, out_size, align_corners), half_pixel)
    base = np.floor(pos)
    offset = np.rint((pos - base) * _F(_TABLE_SIZE)).astype(np.int64)
    near, far = _TABLES[half_pixel]
    weights = np.stack([far[offset], near[offset], near[_TABLE_SIZE - offset], far[_TABLE_SIZE - offset]], 1)
    raw = base.astype(np.int64)[:, None] + np.arange(-1, 3)
    index = np.clip(raw, 0, in_size - 1)
    if half_pixel:
        weights = np.where(raw == index, weights, _F(0))
        total = weights[:, 0] + weights[:, 1] + weights[:, 2] + weights[:, 3]
        scale = np.where(np.abs(total) >= _F(1000) * np.finfo(_F).tiny, _F(1) / total, _F(1)).astype(_F)
        weights = weights * scale[:, None]
    return index, weights.astype(_F)


def resize_bicubic(images, size, align_corners=False, half_pixel_centers=False):
    """``ResizeBicubic``: four taps across, then four down, as float32."""
    images = images.astype(_F, copy=False)
    (h, w), (oh, ow) = images.shape[1:3], size
    yi, yw = _cubic_taps(h, oh, align_corners, half_pixel_centers)
    xi, xw = _cubic_taps(w, ow, align_corners, half_pixel_centers)
    out = None
    for j in range(4):
        rows = images[:, yi[:, j]]
        across = (rows[:, :, xi[:, 0]] * xw[:, 0, None] + rows[:, :, xi[:, 1]] * xw[:, 1, None]
                  + rows[:, :, xi[:, 2]] * xw[:, 2, None] + rows[:, :, xi[:, 3]] * xw[:, 3, None])
        term = across * yw[:, j, None, None]
        out = term if out is None else out + term
    return out


def _area_weights(in_size, out_size, scale):
    """The ``[out, in]`` overlaps of ``ResizeArea`` (TF's per-pixel scales, indices clamped)."""
    weights = np.zeros((out_size, in_size), _F)
    if scale == 0:  # align_corners on an axis of one pixel: TF copies it
        weights[:, 0] = _F(1)
        return weights
    for o in range(out_size):
        start, end = _F(o) * scale, _F(o + 1) * scale
        for i in range(int(np.floor(start)), int(np.ceil(end))):
            if i < start:
                share = scale if i + 1 > end else _F(i + 1) - start
            else:
                share = end - _F(i) if i + 1 > end else _F(1)
            weights[o, min(i, in_size - 1)] += share
    return weights


def resize_area(images, size, align_corners=False):
    """``ResizeArea``: each output pixel the overlap-weighted mean of the input it covers, as float32."""
    images = images.astype(_F, copy=False)
    (h, w), (oh, ow) = images.shape[1:3], size
    sy, sx = resize_scale(h, oh, align_corners), resize_scale(w, ow, align_corners)
    wy, wx = _area_weights(h, oh, sy), _area_weights(w, ow, sx)
    out = np.einsum("yh,nhwc->nywc", wy, images)
    out = np.einsum("xw,nywc->nyxc", wx, out)
    return (out * (_F(1) / ((sy or _F(1)) * (sx or _F(1))))).astype(_F)


def resize_bicubic_grad(grads, original_shape, align_corners=False, half_pixel_centers=False, add_at=add_at):
    """``ResizeBicubicGrad``: each output's gradient spread over its 4x4 taps with their weights."""
    grads = grads.astype(_F, copy=False)
    n, h, w, c = original_shape
    oh, ow = grads.shape[1:3]
    yi, yw = _cubic_taps(h, oh, align_corners, half_pixel_centers)
    xi, xw = _cubic_taps(w, ow, align_corners, half_pixel_centers)
    rows = np.zeros((n, h, ow, c), _F)
    for j in range(4):
        rows = add_at(rows, (slice(None), yi[:, j]), grads * yw[:, j, None, None])
    out = np.zeros((n, h, w, c), _F)
    for k in range(4):
        out = add_at(out, (slice(None), slice(None), xi[:, k]), rows * xw[:, k, None])
    return out
