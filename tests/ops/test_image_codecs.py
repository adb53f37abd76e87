"""The image codecs without Pillow: PNG encoding still works (scopeflow's own encoder), the
Pillow-backed functions refuse with an error naming the ``images`` extra. Their values against
TensorFlow are in the ``image`` conformance area."""

import sys

import numpy as np
import pytest

import scopeflow as tf


@pytest.fixture
def no_pillow(monkeypatch):
    monkeypatch.setitem(sys.modules, "PIL", None)


def test_encode_png_needs_no_pillow(no_pillow):
    with tf.Graph().as_default():
        png = tf.Session().run(tf.image.encode_png(np.zeros((2, 3, 1), np.uint8)))
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("fn", ["decode_png", "decode_jpeg", "decode_image"])
def test_decoders_name_the_extra_without_pillow(no_pillow, fn):
    with tf.Graph().as_default(), pytest.raises(ImportError, match=r"pip install scopeflow\[images\]"):
        getattr(tf.image, fn)(tf.constant(b""))


def test_encode_jpeg_names_the_extra_without_pillow(no_pillow):
    with tf.Graph().as_default(), pytest.raises(ImportError, match=r"scopeflow\[images\]"):
        tf.image.encode_jpeg(tf.zeros([2, 2, 3], tf.uint8))


def test_undecodable_contents_are_tfs_error():
    pytest.importorskip("PIL")
    with tf.Graph().as_default():
        t = tf.image.decode_png(tf.constant(b"not an image"))
        with pytest.raises(tf.errors.InvalidArgumentError, match="Unknown image file format"):
            tf.Session().run(t)
