"""GIF and BMP files as TF1 image programs read them (``label_image.py``:
``tf.squeeze(tf.io.decode_gif(file_reader))``, ``tf.io.decode_bmp``), and ``decode_image`` on an
animated GIF (every frame unless ``expand_animations=False``)."""

import io

import numpy as np

from tests.conformance.harness import case, raises


def _files():
    from PIL import Image  # both sides write the same bytes with the same Pillow

    frames = [Image.fromarray(np.full((4, 5, 3), v, np.uint8)) for v in (0, 128, 255)]
    gif = io.BytesIO()
    frames[0].save(gif, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    bmp = io.BytesIO()
    Image.fromarray(np.arange(60, dtype=np.uint8).reshape(4, 5, 3)).save(bmp, "BMP")
    return gif.getvalue(), bmp.getvalue()


def _run(sess, t):
    got = raises(sess.run, t)
    if "error" in got:
        return [got["error"], got["message"].splitlines()[-1]]
    value = np.asarray(sess.run(t))
    return [list(value.shape), str(value.dtype), value.reshape(-1)[::7].tolist()]


@case
def decode_gif_and_bmp(tf):
    gif, bmp = _files()
    with tf.Graph().as_default():
        g, b = tf.constant(gif), tf.constant(bmp)
        tensors = {"gif": tf.io.decode_gif(g, name="gif_reader"), "squeezed": tf.squeeze(tf.image.decode_gif(g)),
                   "bmp": tf.io.decode_bmp(b, name="bmp_reader"), "bmp4": tf.image.decode_bmp(b, channels=4),
                   "bmp1": tf.io.decode_bmp(b, channels=1), "gif_as_bmp": tf.io.decode_bmp(g),
                   "bmp_as_gif": tf.io.decode_gif(b), "png_as_gif": tf.io.decode_gif(tf.image.encode_png(
                       tf.zeros([2, 2, 1], tf.uint8))), "junk": tf.io.decode_gif(tf.constant(b"junkjunk"))}
        with tf.Session() as sess:
            return {k: [t.name, t.shape.as_list() if t.shape.ndims is not None else None, _run(sess, t)]
                    for k, t in tensors.items()}


@case
def decode_image_of_an_animated_gif(tf):
    gif, _ = _files()
    with tf.Graph().as_default():
        g = tf.constant(gif)
        tensors = [tf.image.decode_image(g), tf.image.decode_image(g, expand_animations=False),
                   tf.image.decode_image(g, dtype=tf.float32), tf.image.decode_image(g, channels=3),
                   tf.image.decode_image(g, channels=1)]
        with tf.Session() as sess:
            return [[t.name, _run(sess, t)] for t in tensors]


@case
def gif_and_bmp_build_time_checks(tf):
    with tf.Graph().as_default():
        return [raises(tf.io.decode_gif, tf.constant([b"a", b"b"])), raises(tf.io.decode_bmp, tf.constant([[b"a"]])),
                tf.io.decode_bmp(tf.placeholder(tf.string), channels=3).shape.as_list()]
