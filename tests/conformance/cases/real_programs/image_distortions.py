"""The colour distortions of TF1's Inception/slim preprocessing (``distort_color``): random
brightness, saturation, hue and contrast in the order those programs apply them."""

import numpy as np

from tests.conformance.harness import case, raises


@case
def distort_color_graph(tf):
    with tf.Graph().as_default() as g:
        image = tf.placeholder(tf.float32, [8, 8, 3], name="image")
        with tf.name_scope("distort_color"):
            x = tf.image.random_brightness(image, max_delta=32. / 255.)
            x = tf.image.random_saturation(x, lower=0.5, upper=1.5)
            x = tf.image.random_hue(x, max_delta=0.2)
            x = tf.image.random_contrast(x, lower=0.5, upper=1.5)
            x = tf.clip_by_value(x, 0.0, 1.0)
        return {"out": [x.name, x.shape.as_list()],
                "ops": [[op.name, op.type, [t.name for t in op.inputs]] for op in g.get_operations()]}


@case
def random_hue_and_saturation_values(tf):
    pixels = np.random.RandomState(0).rand(4, 4, 3).astype(np.float32)
    with tf.Graph().as_default():
        image = tf.constant(pixels)
        same_hue = tf.image.random_hue(image, 0.0)
        gray = tf.image.random_saturation(image, 0.0, 1e-7)
        uint8 = tf.image.random_hue(tf.constant((pixels * 255).astype(np.uint8)), 0.1, seed=3)
        with tf.Session() as sess:
            a, b, c = sess.run([same_hue, gray, uint8])
        return {"hue_0": bool(np.abs(a - pixels).max() < 1e-5), "gray": bool(np.ptp(b, axis=-1).max() < 1e-4),
                "uint8": [str(c.dtype), list(c.shape)]}


@case
def random_hue_and_saturation_errors(tf):
    with tf.Graph().as_default():
        x = tf.zeros([2, 2, 3])
        return [raises(tf.image.random_hue, x, 0.6), raises(tf.image.random_hue, x, -0.1),
                raises(tf.image.random_saturation, x, 1.0, 1.0), raises(tf.image.random_saturation, x, -1.0, 1.0),
                raises(lambda: tf.image.random_hue(tf.zeros([2, 2, 4]), 0.1).shape.as_list())]
