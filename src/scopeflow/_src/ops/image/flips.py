"""Flips, transposes and quarter turns of images (``tf.image.flip_left_right`` and kin),
built from ``ReverseV2`` and ``Transpose`` as TensorFlow builds them, so their gradients are
those ops' gradients."""

from __future__ import annotations

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.control.case import case
from scopeflow._src.ops.control.cond import cond
from scopeflow._src.ops.image.checks import assert_at_least_3d
from scopeflow._src.ops.random import random_ops


def _fix_flip_shape(image, result):
    result.set_shape([None, None, None] if image.shape.ndims is None else image.shape)
    return result


def _by_rank(image, f_rank3, f_rank4, gap=" "):
    ndims = image.shape.ndims
    if ndims is None:
        return cond(math_ops.equal(array_ops.rank(image), 3), f_rank3, f_rank4)
    if ndims == 3:
        return f_rank3()
    if ndims == 4:
        return f_rank4()
    raise ValueError(f"'image' (shape {image.shape}){gap}must have either 3 or 4 dimensions.")


def _flip(image, flip_index, scope_name):
    with name_scope(None, scope_name, [image]):
        image = assert_at_least_3d(convert_to_tensor(image, name="image"))
        return _by_rank(image, lambda: _fix_flip_shape(image, array_ops.reverse(image, [flip_index])),
                        lambda: array_ops.reverse(image, [flip_index + 1]), gap="")


def flip_left_right(image):
    """``image`` (``[height, width, channels]`` or a batch of them) mirrored left to right.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     t = tf.image.flip_left_right([[[1], [2]]])
    ...     print(t.name, tf.Session().run(t).tolist())
    flip_left_right/ReverseV2:0 [[[2], [1]]]
    """
    return _flip(image, 1, "flip_left_right")


def flip_up_down(image):
    """``image`` mirrored top to bottom.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     print(tf.Session().run(tf.image.flip_up_down([[[1]], [[2]]])).tolist())
    [[[2]], [[1]]]
    """
    return _flip(image, 0, "flip_up_down")


def _random_flip(image, flip_index, seed, scope_name):
    with name_scope(None, scope_name, [image]) as scope:
        image = assert_at_least_3d(convert_to_tensor(image, name="image"))

        def f_rank3():
            uniform = random_ops.random_uniform([], 0, 1.0, seed=seed)
            result = cond(math_ops.less(uniform, .5), lambda: array_ops.reverse(image, [flip_index]),
                          lambda: image, name=scope)
            return _fix_flip_shape(image, result)

        def f_rank4():
            batch_size = array_ops.shape(image)[0]
            uniform = random_ops.random_uniform([batch_size], 0, 1.0, seed=seed)
            flips = math_ops.cast(math_ops.round(array_ops.reshape(uniform, [batch_size, 1, 1, 1])), image.dtype)
            flipped = array_ops.reverse(image, [flip_index + 1])
            return flips * flipped + (1 - flips) * image
        return _by_rank(image, f_rank3, f_rank4)


def random_flip_left_right(image, seed=None):
    """``image`` mirrored left to right with probability 1/2 (each image of a batch on its own).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     print(tf.image.random_flip_left_right(tf.zeros([2, 3, 1]), seed=1).shape)
    (2, 3, 1)
    """
    return _random_flip(image, 1, seed, "random_flip_left_right")


def random_flip_up_down(image, seed=None):
    """``image`` mirrored top to bottom with probability 1/2 (each image of a batch on its own).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     print(tf.image.random_flip_up_down(tf.zeros([2, 3, 1]), seed=1).shape)
    (2, 3, 1)
    """
    return _random_flip(image, 0, seed, "random_flip_up_down")


def transpose_image(image, name=None):
    """``image`` with height and width swapped (``tf.image.transpose``).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     print(tf.image.transpose_image(tf.zeros([2, 3, 1])).shape)
    (3, 2, 1)
    """
    with name_scope(name, "transpose", [image]):
        image = assert_at_least_3d(convert_to_tensor(image, name="image"))
        return _by_rank(image, lambda: array_ops.transpose(image, [1, 0, 2], name=name),
                        lambda: array_ops.transpose(image, [0, 2, 1, 3], name=name))


def _rot90(image, k, scope, axis):
    perm = [1, 0, 2] if axis == 0 else [0, 2, 1, 3]
    cases = [(math_ops.equal(k, 1), lambda: array_ops.transpose(array_ops.reverse_v2(image, [axis + 1]), perm)),
             (math_ops.equal(k, 2), lambda: array_ops.reverse_v2(image, [axis, axis + 1])),
             (math_ops.equal(k, 3), lambda: array_ops.reverse_v2(array_ops.transpose(image, perm), [axis + 1]))]
    result = case(cases, default=lambda: image, exclusive=True, name=scope)
    shape = result.shape if axis else image.shape
    result.set_shape([None, None, shape[2]] if axis == 0 else [shape[0], None, None, shape[3]])
    return result


def rot90(image, k=1, name=None):
    """``image`` turned ``k`` quarter turns counter-clockwise.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     print(tf.Session().run(tf.image.rot90([[[1], [2]]])).tolist())
    [[[2]], [[1]]]
    """
    with name_scope(name, "rot90", [image, k]) as scope:
        image = assert_at_least_3d(convert_to_tensor(image, name="image"))
        k = convert_to_tensor(k, dtype=dtypes.int32, name="k")
        k.shape.assert_has_rank(0)
        k = math_ops.mod(k, 4)
        return _by_rank(image, lambda: _rot90(image, k, scope, 0), lambda: _rot90(image, k, scope, 1))
