"""``CropAndResize`` and its gradient ops ``CropAndResizeGradImage`` / ``CropAndResizeGradBoxes``
(TF's ``crop_and_resize_op.cc``): boxes of normalized ``[y1, x1, y2, x2]`` cut from a batch of
images and sampled (bilinear or nearest) onto a fixed grid; what detection models train through.

The kernels do TF's float32 arithmetic step by step (the single-row case in double, as the C++
does), and accumulate in TF's order, so values match TF's CPU kernel."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import errors, registry
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops.common import dtype_lists
from scopeflow._src.ops.common.arguments import deprecated_argument_lookup
from scopeflow._src.ops.common.lowering import numpy_as_jax, static
from scopeflow._src.ops.common.shape_context import shape_fn

_F = np.float32
_REAL = dtype_lists.types("uint8,uint16,int8,int16,int32,int64,float16,float32,float64")
_FLOATS = dtype_lists.types("float32,float16,float64")


def _dim(dims, i):
    return None if dims is None else dims[i]


def _merge(ctx, a, b):
    if a is not None and b is not None and a != b:
        raise ctx.error(f"Dimensions must be equal, but are {a} and {b}")
    return a if a is not None else b


def _with_value(ctx, dim, value):
    if dim is not None and dim != value:
        raise ctx.error(f"Dimension must be {value} but is {dim}")


@shape_fn
def _crop_shape(ctx, attrs):
    ctx.with_rank(0, 4)
    ctx.with_rank(1, 2)
    ctx.with_rank(2, 1)
    boxes, box_ind = ctx.dims(1), ctx.dims(2)
    num_boxes = _merge(ctx, _dim(boxes, 0), _dim(box_ind, 0))
    _with_value(ctx, _dim(boxes, 1), 4)
    ctx.with_rank(3, 1)
    _with_value(ctx, _dim(ctx.dims(3), 0), 2)
    size = ctx.value(3)
    height, width = (None, None) if size is None else (int(size[0]), int(size[1]))
    return TensorShape([num_boxes, height, width, _dim(ctx.dims(0), 3)])


@shape_fn
def _grad_image_shape(ctx, attrs):
    shape = ctx.shape_input(3)
    if shape.ndims is not None and shape.ndims != 4:
        raise ctx.error(f"Shape must be rank 4 but is rank {shape.ndims}")
    return TensorShape([None] * 4) if shape.ndims is None else shape


@shape_fn
def _grad_boxes_shape(ctx, attrs):
    ctx.with_rank(0, 4)
    ctx.with_rank(1, 4)
    ctx.with_rank(2, 2)
    ctx.with_rank(3, 1)
    return ctx.shape(2)


def _invalid(op, message):
    return errors.InvalidArgumentError(None, op, message)


def _check_boxes(op, boxes, box_ind):
    """TF's ``ParseAndCheckBoxSizes``: the number of boxes."""
    if boxes.size == 0 and box_ind.size == 0:
        return 0
    if boxes.ndim != 2:
        raise _invalid(op, f"boxes must be 2-D{list(boxes.shape)}")
    if boxes.shape[1] != 4:
        raise _invalid(op, "boxes must have 4 columns")
    if box_ind.ndim != 1:
        raise _invalid(op, f"box_index must be 1-D{list(box_ind.shape)}")
    if box_ind.shape[0] != boxes.shape[0]:
        raise _invalid(op, "box_index has incompatible shape")
    return boxes.shape[0]


def _check_box_index(op, box_ind, batch):
    if ((box_ind < 0) | (box_ind >= batch)).any():
        raise errors.OutOfRangeError(None, op, "box_index has values outside [0, batch_size)")


def _grid(lo, hi, size, extent):
    """The sample positions of boxes along one axis (TF's ``in_y``/``in_x``), float32: ``lo`` and
    ``hi`` are float32 coordinates (of one box, or an array of them), the positions one more
    axis of ``size``. Operators and methods only: the JAX lowerings compute them alike."""
    if size > 1:
        scale = (hi - lo) * _F(extent - 1) / _F(size - 1)
        return (lo * _F(extent - 1))[..., None] + np.arange(size, dtype=_F) * scale[..., None]
    return ((lo + hi).astype(np.float64) * 0.5 * (extent - 1)).astype(_F)[..., None]  # y1 + y2 in float, then double


def _inside(pos, extent):
    return (pos >= 0) & (pos <= extent - 1)


def _round(pos):
    """C's ``roundf`` for the non-negative positions here (halves away from zero)."""
    low = np.floor(pos)
    return np.where(pos - low >= 0.5, low + 1, low).astype(np.int64)


def _samples(box, crop_h, crop_w, height, width):
    """The rows and columns of one box's samples that fall inside the image, and their positions."""
    y1, x1, y2, x2 = (_F(v) for v in box)
    in_y, in_x = _grid(y1, y2, crop_h, height), _grid(x1, x2, crop_w, width)
    ok_y, ok_x = np.nonzero(_inside(in_y, height))[0], np.nonzero(_inside(in_x, width))[0]
    return ok_y, ok_x, in_y[ok_y], in_x[ok_x]


def _corners(img, ys, xs):
    """The four neighbours of each sample (top-left, top-right, bottom-left, bottom-right) and the lerps."""
    top, left = np.floor(ys).astype(np.int64), np.floor(xs).astype(np.int64)
    bottom, right = np.ceil(ys).astype(np.int64), np.ceil(xs).astype(np.int64)
    y_lerp, x_lerp = (ys - top.astype(_F))[:, None, None], (xs - left.astype(_F))[None, :, None]
    return (img[np.ix_(top, left)], img[np.ix_(top, right)], img[np.ix_(bottom, left)], img[np.ix_(bottom, right)],
            y_lerp, x_lerp)


def _crop_sizes(op, image, boxes, box_ind, crop_size):
    """TF's checks of ``CropAndResize``'s shapes and crop size: ``(num_boxes, crop_h, crop_w)``.
    They read shapes only (and the known crop size): the JAX lowering runs them on its inputs."""
    if image.ndim != 4:
        raise _invalid(op, f"input image must be 4-D{list(image.shape)}")
    if image.shape[1] <= 0 or image.shape[2] <= 0:
        raise _invalid(op, "image dimensions must be positive")
    if boxes.ndim != 2:
        raise _invalid(op, f"boxes must be 2-D, got: {list(boxes.shape)}")
    if box_ind.ndim != 1:
        raise _invalid(op, f"box_indices must be rank 1 but is shape {list(box_ind.shape)}")
    num_boxes = _check_boxes(op, boxes, box_ind)
    if crop_size.ndim != 1:
        raise _invalid(op, f"crop_size must be 1-D{list(crop_size.shape)}")
    if crop_size.shape[0] != 2:
        raise _invalid(op, f"crop_size must have two elements{list(crop_size.shape)}")
    crop_h, crop_w = int(crop_size[0]), int(crop_size[1])
    if crop_h <= 0 or crop_w <= 0:
        raise _invalid(op, "crop dimensions must be positive")
    return num_boxes, crop_h, crop_w


def _crop_factory(op, state):
    method, extrapolation = _method(op), _F(op._attrs["extrapolation_value"])

    def kernel(image, boxes, box_ind, crop_size):
        num_boxes, crop_h, crop_w = _crop_sizes(op, image, boxes, box_ind, crop_size)
        batch, height, width, depth = image.shape
        _check_box_index(op, box_ind, batch)
        if not np.isfinite(boxes).all():
            raise _invalid(op, "Boxes contains at least one element that is not finite")
        out = np.full((num_boxes, crop_h, crop_w, depth), extrapolation, _F)
        for b in range(num_boxes):
            img = image[box_ind[b]].astype(_F)
            ok_y, ok_x, ys, xs = _samples(boxes[b], crop_h, crop_w, height, width)
            if method == "nearest":
                out[b][np.ix_(ok_y, ok_x)] = img[np.ix_(_round(ys), _round(xs))]
                continue
            tl, tr, bl, br, y_lerp, x_lerp = _corners(img, ys, xs)
            upper = tl + (tr - tl) * x_lerp
            lower = bl + (br - bl) * x_lerp
            out[b][np.ix_(ok_y, ok_x)] = upper + (lower - upper) * y_lerp
        return out
    return kernel


def _check_grads(op, grads):
    if grads.ndim != 4:
        raise _invalid(op, f"grads image must be 4-D{list(grads.shape)}")
    if grads.shape[1] <= 0 or grads.shape[2] <= 0:
        raise _invalid(op, "grads dimensions must be positive")


def _method(op):
    method = op._attrs["method"]
    return method.decode() if isinstance(method, bytes) else method


def _image_sizes(op, grads, boxes, box_ind, image_size):
    """TF's checks of ``CropAndResizeGradImage``'s shapes and image size (shapes only, as
    ``_crop_sizes``): ``(num_boxes, batch, height, width, depth)``."""
    _check_grads(op, grads)
    num_boxes = _check_boxes(op, boxes, box_ind)
    if grads.shape[0] != num_boxes:
        raise _invalid(op, "boxes and grads have incompatible shape")
    if image_size.ndim != 1:
        raise _invalid(op, f"image_size must be 1-D{list(image_size.shape)}")
    if image_size.shape[0] != 4:
        raise _invalid(op, f"image_size must have 4 elements{list(image_size.shape)}")
    batch, height, width, depth = (int(v) for v in image_size)
    if height <= 0 or width <= 0:
        raise _invalid(op, "image dimensions must be positive")
    if grads.shape[3] != depth:
        raise _invalid(op, "image_size and grads are incompatible")
    return num_boxes, batch, height, width, depth


def _grad_image_factory(op, state):
    method, out_dtype = _method(op), op._attrs["T"].as_numpy_dtype

    def kernel(grads, boxes, box_ind, image_size):
        num_boxes, batch, height, width, depth = _image_sizes(op, grads, boxes, box_ind, image_size)
        _check_box_index(op, box_ind, batch)
        out = np.zeros((batch, height, width, depth), out_dtype)
        crop_h, crop_w = grads.shape[1:3]
        for b in range(num_boxes):
            ok_y, ok_x, ys, xs = _samples(boxes[b], crop_h, crop_w, height, width)
            g = grads[b][np.ix_(ok_y, ok_x)].astype(_F)
            ny, nx = len(ys), len(xs)
            if method == "nearest":
                rows = np.broadcast_to(_round(ys)[:, None], (ny, nx))
                cols = np.broadcast_to(_round(xs)[None, :], (ny, nx))
                np.add.at(out[box_ind[b]], (rows, cols), g.astype(out_dtype))
                continue
            top, left = np.floor(ys).astype(np.int64), np.floor(xs).astype(np.int64)
            y_lerp = (ys - top.astype(_F))[:, None, None]
            x_lerp = (xs - left.astype(_F))[None, :, None]
            dtop = (_F(1) - y_lerp) * g
            dbottom = y_lerp * g
            # the four corners of each sample, in TF's order (top-left, top-right, bottom-left, bottom-right)
            parts = [(_F(1) - x_lerp) * dtop, x_lerp * dtop, (_F(1) - x_lerp) * dbottom, x_lerp * dbottom]
            rows = [top, top, np.ceil(ys).astype(np.int64), np.ceil(ys).astype(np.int64)]
            cols = [left, np.ceil(xs).astype(np.int64), left, np.ceil(xs).astype(np.int64)]
            r = np.stack([np.broadcast_to(rr[:, None], (ny, nx)) for rr in rows], -1)
            c = np.stack([np.broadcast_to(cc[None, :], (ny, nx)) for cc in cols], -1)
            v = np.stack(parts, -2).astype(out_dtype)  # [ny, nx, 4, depth]
            np.add.at(out[box_ind[b]], (r.reshape(-1), c.reshape(-1)), v.reshape(-1, depth))
        return out
    return kernel


def _accumulate(terms):
    """Sum float32 terms one after another, as the C++ ``+=`` loop does."""
    return _F(np.cumsum(terms, dtype=_F)[-1]) if terms.size else _F(0)


def _accumulate_double(terms):
    """``float += double`` one term after another (each sum rounded to float32)."""
    acc = _F(0)
    for t in terms.ravel().tolist():
        acc = _F(float(acc) + t)
    return acc


def _box_axis_grads(grad, size, extent, positions, total=_accumulate, total_double=_accumulate_double):
    """The ``(low, high)`` box-coordinate gradients along one axis from the per-sample ``grad``
    (``total`` adds float32 terms, ``total_double`` doubles: the JAX lowering sums per box)."""
    if size > 1:
        ratio = _F(_F(extent - 1) / _F(size - 1))
        steps = positions.astype(_F) * ratio
        return (total(grad * (_F(extent - 1) - steps)), total(grad * steps))
    half = grad.astype(np.float64) * 0.5 * (extent - 1)
    return total_double(half), total_double(half)


def _check_boxes_grads(op, grads, image, boxes, box_ind):
    """TF's checks of ``CropAndResizeGradBoxes``' shapes (shapes only, as ``_crop_sizes``): the number of boxes."""
    _check_grads(op, grads)
    if image.ndim != 4:
        raise _invalid(op, f"input image must be 4-D{list(image.shape)}")
    if image.shape[1] <= 0 or image.shape[2] <= 0:
        raise _invalid(op, "image dimensions must be positive")
    if image.shape[3] != grads.shape[3]:
        raise _invalid(op, "image, grads depth differ")
    num_boxes = _check_boxes(op, boxes, box_ind)
    if grads.shape[0] != num_boxes:
        raise _invalid(op, "boxes and grads have incompatible shape")
    return num_boxes


def _grad_boxes_factory(op, state):
    def kernel(grads, image, boxes, box_ind):
        num_boxes = _check_boxes_grads(op, grads, image, boxes, box_ind)
        crop_h, crop_w = grads.shape[1:3]
        batch, height, width = image.shape[:3]
        _check_box_index(op, box_ind, batch)
        out = np.zeros((num_boxes, 4), _F)
        for b in range(num_boxes):
            ok_y, ok_x, ys, xs = _samples(boxes[b], crop_h, crop_w, height, width)
            tl, tr, bl, br, y_lerp, x_lerp = _corners(image[box_ind[b]].astype(_F), ys, xs)
            g = grads[b][np.ix_(ok_y, ok_x)].astype(_F)
            grad_y = ((_F(1) - x_lerp) * (bl - tl) + x_lerp * (br - tr)) * g
            grad_x = ((_F(1) - y_lerp) * (tr - tl) + y_lerp * (br - bl)) * g
            pos_y = np.broadcast_to(ok_y[:, None, None], grad_y.shape)
            pos_x = np.broadcast_to(ok_x[None, :, None], grad_x.shape)
            out[b, 0], out[b, 2] = _box_axis_grads(grad_y, crop_h, height, pos_y)
            out[b, 1], out[b, 3] = _box_axis_grads(grad_x, crop_w, width, pos_x)
        return out
    return kernel


# -- the JAX lowerings: every box at once, the samples outside the image masked ----------------------------
def _lowered_grid(boxes, crop_h, crop_w, height, width):
    """The positions ``[boxes, crop_h]``, ``[boxes, crop_w]`` of every box's samples and whether
    each sample is inside the image (``[boxes, crop_h, crop_w, 1]``)."""
    ys, xs = _grid(boxes[:, 0], boxes[:, 2], crop_h, height), _grid(boxes[:, 1], boxes[:, 3], crop_w, width)
    return ys, xs, (_inside(ys, height)[:, :, None] & _inside(xs, width)[:, None, :])[..., None]


def _lowered_neighbours(jnp, ys, xs, height, width):
    """The rows (top, bottom: ``[boxes, crop_h, 1]``) and columns (left, right: ``[boxes, 1,
    crop_w]``) around each sample, clamped into the image, and the lerps (as ``_corners``)."""
    top, left = jnp.floor(ys), jnp.floor(xs)
    rows = [jnp.clip(v.astype(np.int64), 0, height - 1)[:, :, None] for v in (top, jnp.ceil(ys))]
    cols = [jnp.clip(v.astype(np.int64), 0, width - 1)[:, None, :] for v in (left, jnp.ceil(xs))]
    return rows, cols, (ys - top)[:, :, None, None], (xs - left)[:, None, :, None]


def _lowered_corners(jnp, image, box_ind, rows, cols):
    """The four neighbours of each sample, ``[boxes, crop_h, crop_w, depth]`` float32 each:
    top-left, top-right, bottom-left, bottom-right."""
    image, b = jnp.asarray(image), jnp.asarray(box_ind)[:, None, None]
    return [image[b, r, c].astype(_F) for r in rows for c in cols]


def _nearest(jx, box_ind, ys, xs, height, width):
    """The index of the pixel each sample rounds to: its box's image, row ``[boxes, crop_h, 1]``
    and column ``[boxes, 1, crop_w]``."""
    rounded, jnp = numpy_as_jax(_round, jx), jx.jnp
    return (jnp.asarray(box_ind)[:, None, None], jnp.clip(rounded(ys), 0, height - 1)[:, :, None],
            jnp.clip(rounded(xs), 0, width - 1)[:, None, :])


def _lower_crop(op, jx):
    """``CropAndResize`` of all boxes as gathers (a box index out of range is clamped, where TF raises)."""
    method, extrapolation, jnp = _method(op), _F(op._attrs["extrapolation_value"]), jx.jnp

    def run(image, boxes, box_ind, crop_size):
        _, crop_h, crop_w = _crop_sizes(op, image, boxes, box_ind, static(crop_size, "crop_size"))
        height, width = image.shape[1:3]
        ys, xs, inside = _lowered_grid(boxes, crop_h, crop_w, height, width)
        if method == "nearest":
            out = jnp.asarray(image)[_nearest(jx, box_ind, ys, xs, height, width)]
            return jnp.where(inside, out.astype(_F), extrapolation)
        rows, cols, y_lerp, x_lerp = _lowered_neighbours(jnp, ys, xs, height, width)
        tl, tr, bl, br = _lowered_corners(jnp, image, box_ind, rows, cols)
        upper = tl + (tr - tl) * x_lerp
        lower = bl + (br - bl) * x_lerp
        return jnp.where(inside, upper + (lower - upper) * y_lerp, extrapolation)
    return run


def _lower_grad_image(op, jx):
    """``CropAndResizeGradImage``: each sample's gradient added to its neighbours by XLA's scatter-add."""
    method, out_dtype, jnp = _method(op), op._attrs["T"].as_numpy_dtype, jx.jnp

    def run(grads, boxes, box_ind, image_size):
        _, batch, height, width, depth = _image_sizes(op, grads, boxes, box_ind, static(image_size, "image_size"))
        ys, xs, inside = _lowered_grid(boxes, grads.shape[1], grads.shape[2], height, width)
        g = jnp.where(inside, jnp.asarray(grads).astype(_F), _F(0))
        out, b = jnp.zeros((batch, height, width, depth), out_dtype), jnp.asarray(box_ind)[:, None, None]
        if method == "nearest":
            return out.at[_nearest(jx, box_ind, ys, xs, height, width)].add(g.astype(out_dtype))
        rows, cols, y_lerp, x_lerp = _lowered_neighbours(jnp, ys, xs, height, width)
        dtop, dbottom = (_F(1) - y_lerp) * g, y_lerp * g
        parts = [(_F(1) - x_lerp) * dtop, x_lerp * dtop, (_F(1) - x_lerp) * dbottom, x_lerp * dbottom]
        for (r, c), part in zip([(r, c) for r in rows for c in cols], parts):
            out = out.at[b, r, c].add(part.astype(out_dtype))
        return out
    return run


def _lower_grad_boxes(op, jx):
    """``CropAndResizeGradBoxes``: the kernel's terms for all boxes, each box's summed at once
    (TF adds them one by one: the sums agree to rounding)."""
    jnp = jx.jnp

    def total(terms):
        return terms.sum(axis=(1, 2, 3)).astype(_F)

    def run(grads, image, boxes, box_ind):
        _check_boxes_grads(op, grads, image, boxes, box_ind)
        (crop_h, crop_w), (height, width) = grads.shape[1:3], image.shape[1:3]
        ys, xs, inside = _lowered_grid(boxes, crop_h, crop_w, height, width)
        rows, cols, y_lerp, x_lerp = _lowered_neighbours(jnp, ys, xs, height, width)
        tl, tr, bl, br = _lowered_corners(jnp, image, box_ind, rows, cols)
        g = jnp.where(inside, jnp.asarray(grads).astype(_F), _F(0))
        grad_y = ((_F(1) - x_lerp) * (bl - tl) + x_lerp * (br - tr)) * g
        grad_x = ((_F(1) - y_lerp) * (tr - tl) + y_lerp * (br - bl)) * g
        y1, y2 = _box_axis_grads(grad_y, crop_h, height, np.arange(crop_h)[:, None, None], total, total)
        x1, x2 = _box_axis_grads(grad_x, crop_w, width, np.arange(crop_w)[:, None], total, total)
        return jnp.stack([y1, x1, y2, x2], axis=1)
    return run


registry.register(OpDef("CropAndResize", inputs=["image: T", "boxes: float", "box_ind: int32", "crop_size: int32"],
                        outputs=["crops: float"], attrs={"T": _REAL},
                        defaults={"method": "bilinear", "extrapolation_value": 0.0},
                        shape=_crop_shape, factory=_crop_factory, lower=_lower_crop))
registry.register(OpDef("CropAndResizeGradImage",
                        inputs=["grads: float", "boxes: float", "box_ind: int32", "image_size: int32"],
                        outputs=["output: T"], attrs={"T": _FLOATS}, defaults={"method": "bilinear"},
                        shape=_grad_image_shape, factory=_grad_image_factory, lower=_lower_grad_image))
registry.register(OpDef("CropAndResizeGradBoxes",
                        inputs=["grads: float", "image: T", "boxes: float", "box_ind: int32"],
                        outputs=["output: float"], attrs={"T": _REAL}, defaults={"method": "bilinear"},
                        shape=_grad_boxes_shape, factory=_grad_boxes_factory, lower=_lower_grad_boxes))


def crop_and_resize(image, boxes, box_ind=None, crop_size=None, method="bilinear", extrapolation_value=0,
                    name=None, box_indices=None):
    """``tf.image.crop_and_resize`` (TF1's signature; ``box_indices`` is the v2 name of ``box_ind``):
    each box ``[y1, x1, y2, x2]`` (normalized) of image ``box_ind[i]`` resampled to ``crop_size``;
    samples outside the image take ``extrapolation_value``.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     out = tf.image.crop_and_resize(tf.ones([1, 4, 4, 3]), [[0., 0., 1., 1.]], [0], [2, 2])
    ...     print(out.name, out.shape)
    CropAndResize:0 (1, 2, 2, 3)
    """
    box_ind = deprecated_argument_lookup("box_indices", box_indices, "box_ind", box_ind)
    if method not in ("bilinear", "nearest"):
        raise ValueError(f"Attr 'method' of 'CropAndResize' Op passed string '{method}' not in: "
                         '"bilinear", "nearest".')
    return create_output("CropAndResize", [image, boxes, box_ind, crop_size],
                         {"method": method, "extrapolation_value": float(extrapolation_value)}, name=name)
