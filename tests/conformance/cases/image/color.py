"""Pixel values: dtype conversion, brightness, contrast, standardization, grayscale."""

import numpy as np

from tests.conformance.cases.image._helpers import graph_of, image, run
from tests.conformance.harness import case, raises


@case
def convert_image_dtype_float_to_uint8(tf):
    x = np.array([-0.2, 0.0, 0.25, 0.5, 0.999, 1.0, 1.3], np.float32)
    outs = [tf.image.convert_image_dtype(x, tf.uint8), tf.image.convert_image_dtype(x, tf.uint8, saturate=True)]
    return [[o.name, o.op.type] for o in outs] + [run(tf, outs[1:])]


@case
def convert_image_dtype_integers(tf):
    x = np.array([0, 1, 127, 128, 255], np.uint8)
    outs = [tf.image.convert_image_dtype(x, tf.int32), tf.image.convert_image_dtype(x, tf.float32),
            tf.image.convert_image_dtype(np.array([0, 2 ** 20, 2 ** 31 - 1], np.int32), tf.uint8),
            tf.image.convert_image_dtype(np.array([0, 300, 32767], np.int16), tf.uint16, saturate=True)]
    return [[o.name, o.dtype.name] for o in outs] + [run(tf, outs)]


@case
def convert_image_dtype_same_and_errors(tf):
    x = tf.zeros([2], tf.float32)
    return [tf.image.convert_image_dtype(x, tf.float32).op.type,
            tf.image.convert_image_dtype(x, tf.float64, name="conv").name,
            raises(tf.image.convert_image_dtype, x, tf.string),
            raises(tf.image.convert_image_dtype, tf.constant([True]), tf.float32)]


@case
def adjust_brightness_float(tf):
    out = tf.image.adjust_brightness(image((2, 3, 3), seed=1), 0.3)
    return [graph_of(out), run(tf, out)]


@case
def adjust_brightness_uint8(tf):
    out = tf.image.adjust_brightness(image((2, 3, 3), seed=2, dtype=np.uint8, scale=255), 0.4)
    return [graph_of(out), run(tf, out)]


@case
def adjust_contrast_float(tf):
    out = tf.image.adjust_contrast(image((3, 4, 3), seed=3), 1.7)
    return [graph_of(out), run(tf, out)]


@case
def adjust_contrast_batch_uint8(tf):
    out = tf.image.adjust_contrast(image((2, 3, 4, 3), seed=4, dtype=np.uint8, scale=255), 0.4)
    return [out.name, out.dtype.name, run(tf, out)]


@case
def random_brightness_graph(tf):
    out = tf.image.random_brightness(tf.zeros([4, 4, 3]), 63, seed=2)
    return [graph_of(out), raises(tf.image.random_brightness, tf.zeros([2, 2, 3]), -1.0)]


@case
def random_brightness_range(tf):
    out = tf.image.random_brightness(tf.zeros([2, 2, 1]), 0.25, seed=5)
    with tf.Session() as sess:
        got = [sess.run(out) for _ in range(20)]
    return all(np.all(g == g.flat[0]) and -0.25 <= g.flat[0] < 0.25 for g in got)


@case
def random_contrast_graph(tf):
    out = tf.image.random_contrast(tf.zeros([4, 4, 3]), 0.2, 1.8, seed=2)
    return [graph_of(out), raises(tf.image.random_contrast, out, 1.0, 0.5),
            raises(tf.image.random_contrast, out, -1.0, 0.5)]


@case
def per_image_standardization_values(tf):
    out = tf.image.per_image_standardization(image((4, 5, 3), seed=6, scale=255.0))
    return [graph_of(out), run(tf, out)]


@case
def per_image_standardization_uint8_batch(tf):
    x = image((2, 3, 3, 1), seed=7, dtype=np.uint8, scale=255)
    x[1] = 9
    out = tf.image.per_image_standardization(x)
    return [out.name, out.dtype.name, run(tf, out)]


@case
def cifar10_distortions(tf):
    x = tf.placeholder(tf.float32, [32, 32, 3])
    d = tf.random_crop(x, [24, 24, 3], seed=1)
    d = tf.image.random_flip_left_right(d, seed=2)
    d = tf.image.random_brightness(d, max_delta=63, seed=3)
    d = tf.image.random_contrast(d, lower=0.2, upper=1.8, seed=4)
    d = tf.image.per_image_standardization(d)
    value = np.asarray(run(tf, d, {x: image((32, 32, 3), seed=8, scale=255.0)}))
    return [d.name, d.shape.as_list(), round(float(value.mean()), 4), round(float(value.std()), 3)]


@case
def rgb_to_grayscale_values(tf):
    outs = [tf.image.rgb_to_grayscale(image((2, 3, 3), seed=9)),
            tf.image.rgb_to_grayscale(image((2, 2, 3), seed=10, dtype=np.uint8, scale=255))]
    return [graph_of(outs[0]), [o.name for o in outs], run(tf, outs)]


@case
def grayscale_to_rgb_values(tf):
    out = tf.image.grayscale_to_rgb(tf.constant(image((2, 3, 1), seed=11)))
    return [graph_of(out), run(tf, out), raises(tf.image.grayscale_to_rgb, tf.zeros([2, 3, 2]))]
