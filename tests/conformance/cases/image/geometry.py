"""Flips, transposes, rotations, crops and pads: graphs (names), static shapes, values, errors."""

import numpy as np

from tests.conformance.cases.image._helpers import graph_of, image, run
from tests.conformance.cases.runtime_errors._helpers import _kernel_error
from tests.conformance.harness import case, raises


@case
def flip_left_right_3d(tf):
    x = image((3, 4, 2), seed=1)
    out = tf.image.flip_left_right(x)
    return [graph_of(out), run(tf, out)]


@case
def flip_up_down_4d(tf):
    out = tf.image.flip_up_down(image((2, 3, 4, 1), seed=2))
    return [graph_of(out), run(tf, out)]


@case
def flip_unknown_rank(tf):
    x = tf.placeholder(tf.float32)
    out = tf.image.flip_left_right(x)
    return [out.shape.as_list() if out.shape.ndims is not None else None,
            run(tf, out, {x: image((2, 3, 1), seed=3)})]


@case
def flip_errors(tf):
    return [raises(tf.image.flip_left_right, tf.zeros([2, 2])),
            raises(tf.image.flip_up_down, tf.zeros([1, 2, 2, 2, 1])),
            raises(tf.image.flip_left_right, tf.zeros([0, 2, 1]))]


@case
def flip_gradient(tf):
    x = tf.constant(image((2, 3, 1), seed=4))
    g = tf.gradients(tf.image.flip_left_right(x) * tf.constant(image((2, 3, 1), seed=5)), x)[0]
    return [g.name, run(tf, g)]


@case
def random_flip_graph(tf):
    out = tf.image.random_flip_left_right(tf.zeros([4, 5, 3]), seed=3)
    return graph_of(out)


@case
def random_flip_batch_graph(tf):
    out = tf.image.random_flip_up_down(tf.zeros([2, 4, 5, 3]), seed=3)
    return graph_of(out)


@case
def random_flip_values_are_flips(tf):
    x = image((3, 4, 1), seed=6)
    out = tf.image.random_flip_left_right(x, seed=7)
    with tf.Session() as sess:
        got = [sess.run(out) for _ in range(8)]
    return all(np.array_equal(g, x) or np.array_equal(g, x[:, ::-1]) for g in got)


@case
def transpose_image_graph(tf):
    x = image((2, 3, 1), seed=8)
    out = tf.image.transpose_image(x)
    return [graph_of(out), run(tf, out), tf.image.transpose(tf.zeros([1, 2, 3, 4])).shape.as_list()]


@case
def rot90_values(tf):
    x = image((2, 3, 1), seed=9)
    outs = [tf.image.rot90(x, k) for k in range(5)]
    return [[o.name, o.shape.as_list()] for o in outs] + [run(tf, outs)]


@case
def rot90_batch(tf):
    out = tf.image.rot90(image((2, 2, 3, 1), seed=10), 3)
    return [out.name, out.shape.as_list(), run(tf, out)]


@case
def crop_to_bounding_box_graph(tf):
    x = image((4, 5, 2), seed=11)
    out = tf.image.crop_to_bounding_box(x, 1, 2, 2, 3)
    return [graph_of(out), run(tf, out)]


@case
def crop_to_bounding_box_errors(tf):
    x = tf.zeros([4, 5, 2])
    return [raises(tf.image.crop_to_bounding_box, x, -1, 0, 2, 2),
            raises(tf.image.crop_to_bounding_box, x, 0, 0, 5, 2),
            raises(tf.image.crop_to_bounding_box, x, 0, 4, 2, 2),
            raises(tf.image.crop_to_bounding_box, x, 0, 0, 0, 2),
            raises(tf.image.crop_to_bounding_box, tf.zeros([4, 5]), 0, 0, 1, 1)]


@case
def crop_to_bounding_box_dynamic(tf):
    x = tf.placeholder(tf.float32, [None, None, 3])
    out = tf.image.crop_to_bounding_box(x, 1, 1, 2, 2)
    return [out.shape.as_list(), run(tf, out, {x: image((4, 4, 3), seed=12)}),
            _kernel_error(tf, out, {x: np.zeros((2, 2, 3))})["error"]]


@case
def pad_to_bounding_box_graph(tf):
    x = image((2, 3, 1), seed=13)
    out = tf.image.pad_to_bounding_box(x, 1, 2, 4, 6)
    return [graph_of(out), run(tf, out)]


@case
def pad_to_bounding_box_errors(tf):
    x = tf.zeros([4, 5, 2])
    return [raises(tf.image.pad_to_bounding_box, x, -1, 0, 6, 6),
            raises(tf.image.pad_to_bounding_box, x, 0, 0, 3, 6),
            raises(tf.image.pad_to_bounding_box, x, 0, 2, 6, 6)]


@case
def resize_image_with_crop_or_pad_graph(tf):
    out = tf.image.resize_image_with_crop_or_pad(image((5, 6, 1), seed=14), 3, 8)
    return [graph_of(out), run(tf, out)]


@case
def resize_image_with_crop_or_pad_batch(tf):
    out = tf.image.resize_image_with_crop_or_pad(image((2, 4, 4, 1), seed=15), 7, 2)
    return [out.name, out.shape.as_list(), run(tf, out)]


@case
def resize_image_with_crop_or_pad_cifar(tf):
    out = tf.image.resize_image_with_crop_or_pad(tf.zeros([32, 32, 3]), 24, 24)
    return [out.name, out.shape.as_list(), raises(tf.image.resize_image_with_crop_or_pad, out, 0, 4)]


@case
def central_crop_values(tf):
    x = image((10, 8, 1), seed=16)
    outs = [tf.image.central_crop(x, f) for f in (0.5, 0.33, 1.0)]
    return [[o.name, o.shape.as_list()] for o in outs] + [run(tf, outs[:2]),
                                                          raises(tf.image.central_crop, x, 0.0),
                                                          raises(tf.image.central_crop, x, 1.5)]


@case
def central_crop_batch(tf):
    out = tf.image.central_crop(image((2, 6, 6, 1), seed=17), 0.5)
    return [out.name, out.shape.as_list(), run(tf, out)]


@case
def random_crop_graph(tf):
    out = tf.random_crop(tf.zeros([32, 32, 3]), [24, 24, 3], seed=1)
    return [graph_of(out), tf.image.random_crop is tf.random_crop]


@case
def random_crop_values_are_crops(tf):
    x = np.arange(6 * 5, dtype=np.float32).reshape(6, 5)
    out = tf.random_crop(x, [3, 2], seed=4)
    with tf.Session() as sess:
        got = [sess.run(out) for _ in range(6)]
    windows = [x[i:i + 3, j:j + 2] for i in range(4) for j in range(4)]
    return [g.shape for g in got] == [(3, 2)] * 6 and all(any(np.array_equal(g, w) for w in windows) for g in got)


@case
def random_crop_too_big(tf):
    out = tf.random_crop(tf.zeros([4, 4]), [5, 2], seed=1)
    return _kernel_error(tf, out)["error"]


@case
def dynamic_shape_checks_graph(tf):
    x = tf.placeholder(tf.float32, [None, None, 3])
    out = tf.image.flip_left_right(x)
    gray = tf.image.grayscale_to_rgb(tf.placeholder(tf.float32, [None, None, None]))
    return [graph_of(out), graph_of(gray)["ops"], run(tf, out, {x: image((2, 2, 3), seed=20)}),
            _kernel_error(tf, out, {x: np.zeros((0, 2, 3))})]
