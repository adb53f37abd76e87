"""PNG and JPEG: decoded pixels (PNG exactly, JPEG within a level or two: libjpeg builds
differ), encoded PNG bytes, graphs and static shapes. Needs Pillow under scopeflow."""

import numpy as np

from tests.conformance.cases.image._helpers import image, run
from tests.conformance.harness import case


def _png_of(tf, pixels):
    with tf.Session() as sess:
        return sess.run(tf.image.encode_png(tf.constant(pixels)))


@case
def encode_png_bytes(tf):
    outs = []
    for shape in ((3, 5, 1), (4, 2, 3), (6, 7, 4), (2, 9, 2)):
        outs.append(_png_of(tf, image(shape, seed=sum(shape), dtype=np.uint8, scale=255)).hex())
    return outs


@case
def decode_png_values(tf):
    pixels = image((5, 4, 3), seed=1, dtype=np.uint8, scale=255)
    png = _png_of(tf, pixels)
    outs = [tf.image.decode_png(png), tf.image.decode_png(png, channels=4), tf.image.decode_png(png, dtype=tf.uint16)]
    return [[o.name, o.dtype.name, o.shape.as_list()] for o in outs] + [run(tf, outs)]


@case
def decode_png_gray_alpha(tf):
    gray = _png_of(tf, image((3, 4, 1), seed=2, dtype=np.uint8, scale=255))
    rgba = _png_of(tf, image((3, 4, 4), seed=3, dtype=np.uint8, scale=255))
    outs = [tf.image.decode_png(gray, channels=3), tf.image.decode_png(rgba, channels=3),
            tf.image.decode_png(rgba)]
    return run(tf, outs)


@case
def decode_image_graph(tf):
    png = _png_of(tf, image((2, 3, 3), seed=4, dtype=np.uint8, scale=255))
    outs = [tf.image.decode_image(png), tf.image.decode_image(png, dtype=tf.float32),
            tf.image.decode_image(png, channels=3, expand_animations=False)]
    return [[o.name, o.dtype.name, None if o.shape.ndims is None else o.shape.as_list()] for o in outs] + [
        run(tf, outs)]


@case
def jpeg_round_trip(tf):
    pixels = np.tile(np.linspace(0, 255, 16, dtype=np.uint8)[None, :, None], (16, 1, 3))
    jpeg = tf.image.encode_jpeg(pixels, quality=95)
    out = tf.image.decode_jpeg(jpeg)
    with tf.Session() as sess:
        value = sess.run(out)
    return [jpeg.name, out.name, out.shape.as_list(), value.shape, bool(np.abs(value.astype(int) - pixels).max() <= 16)]


@case
def decode_jpeg_values(tf):
    pixels = image((8, 16, 3), seed=5, dtype=np.uint8, scale=255)
    with tf.Session() as sess:
        jpeg = sess.run(tf.image.encode_jpeg(pixels, quality=90))
    # the encoded bytes come from this run's own library: decode them with TF's ops in each
    return [np.asarray(run(tf, tf.image.decode_jpeg(jpeg, channels=1))).shape,
            np.asarray(run(tf, tf.image.decode_jpeg(jpeg, ratio=2))).shape]
