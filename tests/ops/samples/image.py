"""Image ops (``tf.image``) against NumPy references on small images whose answers are known
by hand: bilinear between corners, nearest as repeats, area as block means. Values on random
images, every flag, are compared with TensorFlow's in the ``image`` conformance area."""

import numpy as np

from tests.ops.samples import F32, F64, exempt, sample

_CORNERS = np.array([[[[0.0], [2.0]], [[4.0], [6.0]]]], np.float32)
_SMALL = F32(1, 2, 3, 1, seed=3)


def _bilinear_aligned(x):
    rows = np.stack([np.interp([0, 0.5, 1], [0, 1], x[0, :, j, 0]) for j in range(2)], 1)
    return np.stack([np.interp([0, 0.5, 1], [0, 1], r) for r in rows])[None, :, :, None].astype(np.float32)


@sample("ResizeBilinear", [_CORNERS], _bilinear_aligned, grad_tol=1e-2)
def _(tf, x):
    return tf.image.resize_bilinear(x, [3, 3], align_corners=True)


@sample("ResizeBilinearGrad", [F32(1, 2, 2, 1, seed=4)], lambda g: _scatter_every_other(g), grad=False)
def _(tf, g):
    x = tf.zeros([1, 4, 4, 1])
    return tf.gradients(tf.image.resize_bilinear(x, [2, 2]), x, grad_ys=g)[0]


def _scatter_every_other(g):
    out = np.zeros((1, 4, 4, 1), np.float32)
    out[:, ::2, ::2] = g
    return out


@sample("ResizeNearestNeighbor", [_SMALL], lambda x: x.repeat(2, 1).repeat(2, 2), grad_tol=1e-2)
def _(tf, x):
    return tf.image.resize_nearest_neighbor(x, [4, 6])


@sample("ResizeNearestNeighborGrad", [F64(1, 4, 6, 1, seed=5)],
        lambda g: g.reshape(1, 2, 2, 3, 2, 1).sum(axis=(2, 4)), grad=False)
def _(tf, g):
    x = tf.zeros([1, 2, 3, 1], tf.float64)
    return tf.gradients(tf.image.resize_nearest_neighbor(x, [4, 6]), x, grad_ys=g)[0]


@sample("ResizeBicubic", [np.full((1, 3, 2, 2), 3.0, np.float32)], lambda x: np.full((1, 5, 7, 2), 3.0, np.float32),
        grad=False)
def _(tf, x):
    return tf.image.resize_bicubic(x, [5, 7])


@sample("ResizeArea", [F32(2, 4, 6, 3, seed=6)], lambda x: x.reshape(2, 2, 2, 3, 2, 3).mean(axis=(2, 4)),
        grad=False)
def _(tf, x):
    return tf.image.resize_area(x, [2, 3])


@sample("AdjustContrastv2", [F32(2, 3, 4, 3, seed=7)],
        lambda x: (x - x.mean(axis=(1, 2), keepdims=True)) * 1.5 + x.mean(axis=(1, 2), keepdims=True), grad=False)
def _(tf, x):
    return tf.image.adjust_contrast(x, 1.5)


def _png(pixels):
    import scopeflow as tf  # the image ops load on first use

    with tf.Graph().as_default(), tf.Session() as sess:
        return sess.run(tf.image.encode_png(pixels))


_PIXELS = (np.arange(2 * 3 * 3) * 28 % 256).astype(np.uint8).reshape(2, 3, 3)


@sample("EncodePng", [_PIXELS], lambda x: _png(x), grad=False)
def _(tf, x):
    return tf.image.encode_png(x)


@sample("DecodePng", [np.array(_png(_PIXELS), dtype=object)], lambda c: _PIXELS, grad=False, exact_shape=False)
def _(tf, c):
    return tf.image.decode_png(c, channels=3)


@sample("DecodeImage", [np.array(_png(_PIXELS), dtype=object)], lambda c: _PIXELS, grad=False, exact_shape=False)
def _(tf, c):
    return tf.image.decode_image(c)


@sample("DecodeGif", [np.array(_png(_PIXELS), dtype=object)], lambda c: _PIXELS[None], grad=False,
        exact_shape=False)
def _(tf, c):
    return tf.io.decode_gif(c)  # a PNG: one frame, as TF's DecodeGif reads it


def _bmp(pixels):
    """A 24-bit BMP file of RGB ``pixels``, written here (rows bottom-up, BGR, padded to 4 bytes)."""
    import struct

    h, w, _ = pixels.shape
    pad = b"\0" * ((-w * 3) % 4)
    body = b"".join(pixels[y, :, ::-1].tobytes() + pad for y in range(h - 1, -1, -1))
    header = struct.pack("<2sIHHI", b"BM", 54 + len(body), 0, 0, 54)
    return header + struct.pack("<IiiHHIIiiII", 40, w, h, 1, 24, 0, len(body), 2835, 2835, 0, 0) + body


@sample("DecodeBmp", [np.array(_bmp(_PIXELS), dtype=object)], lambda c: _PIXELS, grad=False, exact_shape=False)
def _(tf, c):
    return tf.io.decode_bmp(c)


_BORDER = np.pad(np.zeros((1, 1, 1, 3), np.float32), ((0, 0), (1, 1), (1, 1), (0, 0)), constant_values=1)


@sample("DrawBoundingBoxes", [np.zeros((1, 3, 3, 3), np.float32), np.array([[[0, 0, 1, 1]]], np.float32)],
        lambda images, boxes: _BORDER * np.array([1, 1, 0], np.float32), grad=False)  # TF's first colour: yellow
def _(tf, images, boxes):
    return tf.image.draw_bounding_boxes(images, boxes)


@sample("DrawBoundingBoxesV2", [np.zeros((1, 3, 3, 3), np.float32), np.array([[[0, 0, 1, 1]]], np.float32)],
        lambda images, boxes: _BORDER * np.array([0.25, 0.5, 0.75], np.float32), grad=False)
def _(tf, images, boxes):
    return tf.image.draw_bounding_boxes(images, boxes, colors=[[0.25, 0.5, 0.75, 1.0]])


@sample("EncodeJpeg", [np.full((8, 8, 3), 128, np.uint8)], grad=False)
def _(tf, x):
    return tf.image.encode_jpeg(x)


@sample("DecodeJpeg", [np.full((8, 8, 3), 128, np.uint8)], lambda x: x, grad=False, exact_shape=False, atol=2)
def _(tf, x):
    return tf.image.decode_jpeg(tf.image.encode_jpeg(x))


_RGB = np.array([[[1.0, 0.0, 0.0], [0.0, 0.5, 0.5]], [[0.25, 0.25, 0.25], [0.0, 0.0, 1.0]]], np.float32)
_HSV = np.array([[[0.0, 1.0, 1.0], [0.5, 1.0, 0.5]], [[0.0, 0.0, 0.25], [2 / 3, 1.0, 1.0]]], np.float32)


@sample("RGBToHSV", [_RGB], lambda x: _HSV, grad=False)
def _(tf, x):
    return tf.image.rgb_to_hsv(x)


@sample("HSVToRGB", [_HSV], lambda x: _RGB, grad=False)
def _(tf, x):
    return tf.image.hsv_to_rgb(x)


@sample("AdjustHue", [_RGB], lambda x: x[..., [2, 0, 1]], grad=False, atol=1e-5)
def _(tf, x):
    return tf.image.adjust_hue(x, 1 / 3)


@sample("AdjustSaturation", [_RGB], lambda x: np.repeat(x.max(-1, keepdims=True), 3, -1), grad=False)
def _(tf, x):
    return tf.image.adjust_saturation(x, 0.0)


@sample("ResizeBicubicGrad", [np.ones((1, 4, 4, 1), np.float32)], lambda g: np.full((1, 2, 2, 1), 4.0, np.float32),
        grad=False, atol=1e-5)
def _(tf, g):
    x = tf.zeros([1, 2, 2, 1])
    return tf.gradients(tf.image.resize_bicubic(x, [4, 4], half_pixel_centers=True), x, grad_ys=g)[0]


exempt("SampleDistortedBoundingBoxV2", "random crops (NumPy's random numbers, not TF's): their constraints, shapes and "
                                       "errors are tested by the real_programs conformance area")


_NMS_BOXES = np.array([[0, 0, 1, 1], [0, 0.1, 1, 1.1], [0, 2, 1, 3], [1, 1, 0, 0]], np.float32)


@sample("NonMaxSuppressionV3", [_NMS_BOXES, np.array([0.9, 0.8, 0.7, 0.95], np.float32)],
        lambda boxes, scores: np.array([3, 2], np.int32), grad=False, exact_shape=False)
def _(tf, boxes, scores):
    return tf.image.non_max_suppression(boxes, scores, 3, iou_threshold=0.5)  # box 3 is box 0 with corners swapped
