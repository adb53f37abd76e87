"""CropAndResize and its gradient ops against NumPy references worked by hand: a whole-image box
on a grid that hits every pixel is the image itself; values on random boxes, both methods and
the gradients' values are compared with TensorFlow's in the ``image_crop_resize`` area."""

import numpy as np

from tests.ops.samples import F32, sample

_IMG = F32(1, 3, 4, 2, seed=7)
_WHOLE = np.array([[0.0, 0.0, 1.0, 1.0]], np.float32)


@sample("CropAndResize", [_IMG], lambda x: x, grad_tol=1e-2)
def _(tf, x):
    return tf.image.crop_and_resize(x, _WHOLE, [0], [3, 4])


@sample("CropAndResizeGradImage", [F32(1, 3, 4, 2, seed=8)], lambda g: g, grad=False)
def _(tf, g):
    x = tf.zeros([1, 3, 4, 2])
    return tf.gradients(tf.image.crop_and_resize(x, _WHOLE, [0], [3, 4]), x, grad_ys=g)[0]


_BOX = np.array([[0.25, 0.2, 0.75, 0.9]], np.float64)


def _crop64(image, box):
    """A float64 bilinear crop to 2x3, written from the definition (positions y1*(h-1) + i*step)."""
    (y1, x1, y2, x2), (h, w) = box, image.shape[1:3]
    out = np.zeros((2, 3, image.shape[3]))
    for i in range(2):
        for j in range(3):
            y, x = y1 * (h - 1) + i * (y2 - y1) * (h - 1), x1 * (w - 1) + j * (x2 - x1) * (w - 1) / 2
            t, b, left, r = int(np.floor(y)), int(np.ceil(y)), int(np.floor(x)), int(np.ceil(x))
            top = image[0, t, left] + (image[0, t, r] - image[0, t, left]) * (x - left)
            bottom = image[0, b, left] + (image[0, b, r] - image[0, b, left]) * (x - left)
            out[i, j] = top + (bottom - top) * (y - t)
    return out


def _box_grads(image):
    """Central differences of the float64 crop's sum in each box coordinate (it is linear there)."""
    image, eps, grads = image.astype(np.float64), 1e-4, []
    for k in range(4):
        step = np.zeros(4)
        step[k] = eps
        grads.append((_crop64(image, _BOX[0] + step).sum() - _crop64(image, _BOX[0] - step).sum()) / (2 * eps))
    return np.array([grads], np.float32)


@sample("CropAndResizeGradBoxes", [_IMG], _box_grads, grad=False, rtol=1e-3, atol=1e-4)
def _(tf, x):
    boxes = tf.constant(_BOX.astype(np.float32))
    return tf.gradients(tf.image.crop_and_resize(x, boxes, [0], [2, 3]), boxes)[0]
