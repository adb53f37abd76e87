"""Image tensors to 8-bit pixels, as TensorFlow's ``ImageSummary`` kernel scales them.

``uint8`` images are kept. A floating-point image is scaled one image at a time, in its own
precision, from the range of its finite pixels: when none is negative, so that the largest
becomes 255; otherwise around 128, so that the largest magnitude becomes 127 away from it.
The result is truncated to ``uint8``; a pixel with any non-finite channel takes ``bad_color``.
"""

from __future__ import annotations

import numpy as np

_ZERO_THRESHOLD = np.float32(1e-6)


def to_uint8(image: np.ndarray, bad_color: np.ndarray) -> np.ndarray:
    """The pixels of one ``[height, width, channels]`` image as ``uint8``.

    >>> to_uint8(np.array([[[-2.0], [0.0], [1.0], [np.nan]]], np.float32), np.array([255, 0, 0, 255], np.uint8))
    array([[[  1],
            [128],
            [191],
            [255]]], dtype=uint8)
    """
    if image.dtype == np.uint8:
        return image
    depth = image.shape[-1]
    finite = np.isfinite(image).all(axis=-1)
    good = image[finite].astype(np.float32)  # TF finds the range in single precision
    low = good.min() if good.size else np.float32(np.inf)
    high = good.max() if good.size else np.float32(-np.inf)
    if low < 0:
        largest = max(abs(low), abs(high))
        scale, offset = (np.float32(0.0) if largest < _ZERO_THRESHOLD else np.float32(127.0) / largest), 128.0
    else:
        scale, offset = (np.float32(0.0) if high < _ZERO_THRESHOLD else np.float32(255.0) / high), 0.0
    kind = image.dtype.type
    with np.errstate(invalid="ignore", over="ignore"):
        scaled = image * kind(scale) + kind(offset)
        out = np.where(finite[..., None], scaled, 0).astype(np.uint8)
    out[~finite] = bad_color[:depth]
    return out
