"""Conformance cases for the layout ops: ``space_to_depth``/``depth_to_space``, TF1's
``space_to_batch``/``batch_to_space``, ``extract_image_patches`` (and ``tf.image.extract_patches``):
op types, names, attributes, static shapes, values, errors and gradients."""

import numpy as np

from tests.conformance.cases._math_helpers import describe, grads
from tests.conformance.harness import case, raises, run_error

_X = np.arange(2 * 4 * 6 * 3, dtype=np.float32).reshape(2, 4, 6, 3) / 10.0
_IMG = (np.arange(1 * 5 * 7 * 2, dtype=np.float32).reshape(1, 5, 7, 2) % 11) - 4.0


def _attrs(t):
    op = t.op
    return {k: op.get_attr(k) for k in ("block_size", "data_format")}


@case
def space_to_depth_names_shapes_values(tf):
    x = tf.constant(_X, name="x")
    outs = [tf.space_to_depth(x, 2), tf.nn.space_to_depth(x, 2, name="s2d")]
    got = describe(tf, outs)
    got["attrs"] = [_attrs(t) for t in outs]
    return got


@case
def depth_to_space_names_shapes_values(tf):
    x = tf.constant(_X.reshape(2, 2, 3, 12), name="x")
    return describe(tf, [tf.depth_to_space(x, 2), tf.nn.depth_to_space(x, 2, name="d2s")])


@case
def nchw_static_shapes(tf):
    s = tf.space_to_depth(tf.constant(_X.transpose(0, 3, 1, 2), name="nchw"), 2, data_format="NCHW")
    d = tf.depth_to_space(tf.constant(_X.reshape(2, 12, 2, 3), name="nchw2"), 2, data_format="NCHW")
    return [s.shape.as_list(), s.op.get_attr("data_format"), d.shape.as_list()]


@case
def space_depth_round_trip_and_ints(tf):
    x = tf.constant(np.arange(2 * 6 * 6 * 1).reshape(2, 6, 6, 1), name="x")
    s = tf.space_to_depth(x, 3)
    return describe(tf, [s, tf.depth_to_space(s, 3)])


@case
def space_to_depth_unknown_dims(tf):
    p = tf.placeholder(tf.float32, [None, 4, None, 3], name="p")
    q = tf.placeholder(tf.float32, name="q")
    return [tf.space_to_depth(p, 2).shape.as_list(), tf.depth_to_space(p, 1 + 1).shape.as_list(),
            tf.space_to_depth(q, 2).shape.ndims]


@case
def space_depth_static_errors(tf):
    x = tf.constant(_X, name="x")
    return [raises(tf.space_to_depth, x, 4), raises(tf.depth_to_space, x, 2),
            raises(tf.space_to_depth, tf.ones([4, 6, 3]), 2), raises(tf.space_to_depth, x, 1)]


@case
def space_depth_runtime_errors(tf):
    p = tf.placeholder(tf.float32, name="p")
    return [run_error(tf, tf.space_to_depth(p, 2), {p: np.ones((1, 3, 4, 1))}),
            run_error(tf, tf.depth_to_space(p, 2), {p: np.ones((1, 2, 2, 3))}),
            run_error(tf, tf.space_to_depth(p, 2), {p: np.ones((2, 2, 2))})]


@case
def space_to_batch_square_blocks(tf):
    x = tf.constant(_X, name="x")
    outs = [tf.space_to_batch(x, [[0, 0], [1, 1]], 2), tf.nn.space_to_batch(x, [[2, 2], [0, 0]], block_size=2,
                                                                             name="stb"),
            tf.space_to_batch(x, paddings=[[0, 0], [0, 0]], block_shape=2)]
    got = describe(tf, outs)
    got["block_dtype"] = [t.op.get_attr("Tblock_shape").name for t in outs]
    return got


@case
def batch_to_space_square_blocks(tf):
    x = tf.constant(_X.reshape(8, 2, 3, 3), name="x")
    return describe(tf, [tf.batch_to_space(x, [[0, 0], [1, 1]], 2), tf.batch_to_space(x, [[1, 1], [0, 0]], 2,
                                                                                       name="bts")])


@case
def space_to_batch_unknown_rank_becomes_four(tf):
    p = tf.placeholder(tf.float32, name="p")
    return [tf.space_to_batch(p, [[0, 0], [0, 0]], 2).shape.as_list(),
            tf.batch_to_space(p, [[0, 0], [0, 0]], 2).shape.as_list()]


@case
def extract_image_patches_same_and_valid(tf):
    img = tf.constant(_IMG, name="img")
    outs = [tf.extract_image_patches(img, [1, 3, 3, 1], [1, 2, 2, 1], [1, 1, 1, 1], "SAME"),
            tf.extract_image_patches(img, ksizes=[1, 2, 3, 1], strides=[1, 1, 2, 1], rates=[1, 2, 1, 1],
                                     padding="VALID", name="patches"),
            tf.image.extract_patches(img, sizes=[1, 2, 2, 1], strides=[1, 3, 3, 1], rates=[1, 1, 1, 1],
                                     padding="SAME"),
            tf.image.extract_image_patches(img, [1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1], "VALID")]
    got = describe(tf, outs)
    got["attrs"] = [[t.op.get_attr(k) for k in ("ksizes", "strides", "rates", "padding")] for t in outs]
    return got


@case
def extract_image_patches_dilated_ints(tf):
    img = tf.constant(np.arange(2 * 6 * 6 * 1, dtype=np.int32).reshape(2, 6, 6, 1), name="img")
    return describe(tf, [tf.extract_image_patches(img, [1, 2, 2, 1], [1, 1, 1, 1], [1, 3, 3, 1], "SAME")])


@case
def extract_image_patches_errors(tf):
    img = tf.constant(_IMG, name="img")
    return [raises(tf.extract_image_patches, img, [1, 3, 3], [1, 1, 1, 1], [1, 1, 1, 1], "SAME"),
            raises(lambda: tf.extract_image_patches(img, [2, 3, 3, 1], [1, 1, 1, 1], [1, 1, 1, 1], "SAME").shape
                   .as_list()),
            raises(tf.extract_image_patches, img, [1, 9, 3, 1], [1, 1, 1, 1], [1, 1, 1, 1], "VALID"),
            raises(tf.extract_image_patches, tf.ones([5, 7, 2]), [1, 3, 3, 1], [1, 1, 1, 1], [1, 1, 1, 1], "SAME")]


@case
def extract_image_patches_unknown_dims(tf):
    p = tf.placeholder(tf.float32, [None, None, 7, 2], name="p")
    return tf.extract_image_patches(p, [1, 3, 3, 1], [1, 2, 2, 1], [1, 1, 1, 1], "VALID").shape.as_list()


@case
def grad_space_depth(tf):
    x = tf.constant(_X, name="x")
    s = tf.space_to_depth(x, 2)
    y = tf.constant(_X.reshape(2, 2, 3, 12), name="y")
    d = tf.depth_to_space(y, 2)
    return grads(tf, [tf.reduce_sum(s * s), tf.reduce_sum(d * tf.constant(2.0))], [x, y])


@case
def grad_space_to_batch(tf):
    x = tf.constant(_X, name="x")
    return grads(tf, tf.reduce_sum(tf.square(tf.space_to_batch(x, [[0, 0], [1, 1]], 2))), [x])


@case
def grad_extract_image_patches(tf):
    img = tf.constant(_IMG, name="img")
    p = tf.extract_image_patches(img, [1, 3, 2, 1], [1, 2, 2, 1], [1, 1, 2, 1], "SAME")
    return grads(tf, tf.reduce_sum(p * p), [img])


@case
def extract_image_patches_batch_or_depth_windows_fail_at_run_time(tf):
    img = tf.constant(_IMG, name="img")
    return [run_error(tf, tf.extract_image_patches(img, [2, 3, 3, 1], [1, 1, 1, 1], [1, 1, 1, 1], "SAME")),
            run_error(tf, tf.extract_image_patches(img, [1, 3, 3, 1], [1, 1, 1, 2], [1, 1, 1, 1], "SAME")),
            run_error(tf, tf.extract_image_patches(img, [1, 3, 3, 1], [1, 1, 1, 1], [2, 1, 1, 1], "SAME"))]
