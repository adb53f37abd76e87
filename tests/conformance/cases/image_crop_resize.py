"""tf.image.crop_and_resize (CropAndResize): bilinear and nearest sampling, extrapolation,
single-row crops, integer images, its gradients (CropAndResizeGradImage, CropAndResizeGradBoxes)
and TF's shape and kernel errors."""

import numpy as np

from tests.conformance.cases._math_helpers import describe
from tests.conformance.harness import case, grads, raises, run_error

_RNG = np.random.RandomState(3)
_IMG = _RNG.rand(2, 6, 7, 3).astype(np.float32)
_BOXES = np.array([[0.1, 0.2, 0.8, 0.9], [0.0, 0.0, 1.0, 1.0], [-0.2, 0.3, 0.6, 1.3], [0.9, 0.7, 0.2, 0.1]],
                  np.float32)
_IND = np.array([0, 1, 1, 0], np.int32)


def _inputs(tf):
    return tf.constant(_IMG, name="image"), tf.constant(_BOXES, name="boxes"), tf.constant(_IND, name="ind")


@case
def crop_and_resize_bilinear(tf):
    image, boxes, ind = _inputs(tf)
    return describe(tf, [tf.image.crop_and_resize(image, boxes, ind, [4, 5]),
                         tf.image.crop_and_resize(image, boxes, ind, [3, 3], name="crops")])


@case
def crop_and_resize_nearest_and_extrapolation(tf):
    image, boxes, ind = _inputs(tf)
    return describe(tf, [tf.image.crop_and_resize(image, boxes, ind, [5, 4], method="nearest"),
                         tf.image.crop_and_resize(image, boxes, ind, [4, 4], extrapolation_value=-1.5)])


@case
def crop_and_resize_single_row_and_column(tf):
    image, boxes, ind = _inputs(tf)
    return describe(tf, [tf.image.crop_and_resize(image, boxes, ind, [1, 1]),
                         tf.image.crop_and_resize(image, boxes, ind, [1, 4]),
                         tf.image.crop_and_resize(image, boxes, ind, [3, 1], method="nearest")])


@case
def crop_and_resize_integer_image(tf):
    image = tf.constant((_IMG * 255).astype(np.uint8))
    return describe(tf, [tf.image.crop_and_resize(image, _BOXES, _IND, [3, 4]),
                         tf.image.crop_and_resize(tf.cast(image, tf.int64), _BOXES[:2], _IND[:2], [2, 2])])


@case
def crop_and_resize_box_indices_name(tf):
    image, boxes, ind = _inputs(tf)
    out = tf.image.crop_and_resize(image, boxes, crop_size=[2, 2], box_indices=ind)
    return [describe(tf, [out]), raises(tf.image.crop_and_resize, image, boxes, ind, [2, 2], box_indices=ind)]


@case
def crop_and_resize_static_shapes(tf):
    image = tf.placeholder(tf.float32, [None, None, None, 5])
    boxes = tf.placeholder(tf.float32, [None, 4])
    ind = tf.placeholder(tf.int32, [7])
    size = tf.placeholder(tf.int32, [2])
    return [str(tf.image.crop_and_resize(image, boxes, ind, [3, 2]).shape),
            str(tf.image.crop_and_resize(image, boxes, ind, size).shape)]


@case
def crop_and_resize_gradients(tf):
    image, boxes, ind = _inputs(tf)
    out = tf.image.crop_and_resize(image, boxes, ind, [4, 3])
    return grads(tf, [out * out], [image, boxes])


@case
def crop_and_resize_gradients_nearest_and_single(tf):
    image, boxes, ind = _inputs(tf)
    a = tf.image.crop_and_resize(image, boxes, ind, [3, 5], method="nearest")
    b = tf.image.crop_and_resize(image, boxes, ind, [1, 1])
    return [grads(tf, [a], [image]), grads(tf, [tf.reduce_sum(b * b)], [image, boxes], prefix="gradients_1")]


@case
def crop_and_resize_gradient_unknown_image_shape(tf):
    image = tf.placeholder(tf.float32, [None, None, None, 3])
    out = tf.image.crop_and_resize(image, _BOXES, _IND, [2, 2])
    g = tf.gradients(out, [image])[0]
    with tf.Session() as sess:
        return [str(g.shape), g.op.type, sess.run(g, {image: _IMG})]


@case
def crop_and_resize_integer_image_gradient_boxes_only(tf):
    image = tf.constant((_IMG * 255).astype(np.uint8))
    boxes = tf.constant(_BOXES)
    out = tf.image.crop_and_resize(image, boxes, _IND, [3, 3])
    g = tf.gradients(out, [image, boxes])
    with tf.Session() as sess:
        return [g[0], g[1].op.type, sess.run(g[1])]


@case
def crop_and_resize_box_index_out_of_range(tf):
    image, boxes, _ = _inputs(tf)
    return run_error(tf, tf.image.crop_and_resize(image, boxes, [0, 1, 2, 0], [2, 2]))


@case
def crop_and_resize_bad_crop_size(tf):
    image, boxes, ind = _inputs(tf)
    size = tf.placeholder(tf.int32, [2])
    return run_error(tf, tf.image.crop_and_resize(image, boxes, ind, size), {size: [0, 2]})


@case
def crop_and_resize_shape_errors(tf):
    image, boxes, ind = _inputs(tf)
    return [raises(tf.image.crop_and_resize, image, boxes[:, :3], ind, [2, 2]),
            raises(tf.image.crop_and_resize, image, boxes, ind[:3], [2, 2]),
            raises(tf.image.crop_and_resize, image[0], boxes, ind, [2, 2]),
            raises(tf.image.crop_and_resize, image, boxes, ind, [2, 2, 2])]


@case
def crop_and_resize_bad_method(tf):
    image, boxes, ind = _inputs(tf)
    return raises(tf.image.crop_and_resize, image, boxes, ind, [2, 2], method="bicubic")


@case
def crop_and_resize_nonfinite_boxes(tf):
    image, _, ind = _inputs(tf)
    boxes = tf.constant(np.array([[0, 0, np.inf, 1]] * 4, np.float32))
    return run_error(tf, tf.image.crop_and_resize(image, boxes, ind, [2, 2]))
