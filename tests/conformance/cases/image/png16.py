"""16-bit PNGs: ``encode_png`` of ``uint16`` images (TF's bytes) and ``decode_png(dtype=tf.uint16)`` of
multi-channel 16-bit files, with channel conversions."""

import hashlib

import numpy as np

from tests.conformance.harness import case

SHAPES = [(1, 1, 1), (4, 5, 3), (7, 3, 4), (30, 40, 2), (1, 9, 1), (9, 1, 3), (24, 24, 3)]


def _images():
    rng = np.random.RandomState(0)
    for shape in SHAPES:
        yield shape, rng.randint(0, 65536, size=shape).astype(np.uint16)
        yield shape, (np.arange(np.prod(shape)).reshape(shape) * 37 % 65536).astype(np.uint16)


@case
def encode_png_uint16_bytes(tf):
    out = []
    for shape, img in _images():
        with tf.Graph().as_default(), tf.Session() as sess:
            out.append([list(shape), hashlib.md5(sess.run(tf.image.encode_png(tf.constant(img)))).hexdigest()])
    return out


@case
def decode_png_uint16_round_trip(tf):
    out = []
    for _shape, img in _images():
        with tf.Graph().as_default(), tf.Session() as sess:
            png = tf.image.encode_png(tf.constant(img))
            out.append(bool((sess.run(tf.image.decode_png(png, dtype=tf.uint16)) == img).all()))
    return out


@case
def decode_png_uint16_channels(tf):
    rng = np.random.RandomState(1)
    out = []
    for shape in [(5, 6, 3), (6, 5, 4), (4, 4, 2)]:
        img = rng.randint(0, 65536, size=shape).astype(np.uint16)
        for channels in (0, 3, 4):
            with tf.Graph().as_default(), tf.Session() as sess:
                value = sess.run(tf.image.decode_png(tf.image.encode_png(tf.constant(img)), channels=channels,
                                                     dtype=tf.uint16))
                out.append([list(value.shape), value.astype(np.int64).ravel().tolist()])
    return out
