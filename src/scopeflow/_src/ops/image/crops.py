"""Cropping and padding images to a box (``tf.image.crop_to_bounding_box`` and kin) and
``tf.random_crop``, built as TensorFlow builds them: an image of rank 3 becomes a batch of
one, a bound known when the graph is built is checked then, one known later by an ``Assert``."""

from __future__ import annotations

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.tensor_util import constant_value
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.control.assert_op import Assert
from scopeflow._src.ops.control.control_flow_ops import with_dependencies
from scopeflow._src.ops.image.checks import assert_condition, check_at_least_3d, image_dimensions, is_tensor
from scopeflow._src.ops.random import random_ops


def _as_batch(image):
    image = convert_to_tensor(image, name="image")
    ndims = image.shape.ndims
    if ndims == 4:
        return image, True
    if ndims not in (3, None):
        raise ValueError(f"'image' (shape {image.shape}) must have either 3 or 4 dimensions.")
    image = array_ops.expand_dims(image, 0)
    if ndims is None:
        image.set_shape([None] * 4)
    return image, False


def _unbatch(result, is_batch):
    return result if is_batch else array_ops.squeeze(result, axis=[0])


def crop_to_bounding_box(image, offset_height, offset_width, target_height, target_width):
    """The ``target_height x target_width`` box of ``image`` whose top left corner is at
    (``offset_height``, ``offset_width``).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     t = tf.image.crop_to_bounding_box(tf.zeros([4, 5, 3]), 1, 1, 2, 3)
    ...     print(t.name, t.shape)
    crop_to_bounding_box/Squeeze:0 (2, 3, 3)
    """
    with name_scope(None, "crop_to_bounding_box", [image]):
        image, is_batch = _as_batch(image)
        checks = check_at_least_3d(image, require_static=False)
        batch, height, width, depth = image_dimensions(image, rank=4)
        checks += assert_condition(offset_width >= 0, ValueError, "offset_width must be >= 0.")
        checks += assert_condition(offset_height >= 0, ValueError, "offset_height must be >= 0.")
        checks += assert_condition(target_width > 0, ValueError, "target_width must be > 0.")
        checks += assert_condition(target_height > 0, ValueError, "target_height must be > 0.")
        checks += assert_condition(width >= (target_width + offset_width), ValueError,
                                   "width must be >= target + offset.")
        checks += assert_condition(height >= (target_height + offset_height), ValueError,
                                   "height must be >= target + offset.")
        image = with_dependencies(checks, image)
        cropped = array_ops.slice(image, array_ops.stack([0, offset_height, offset_width, 0]),
                                  array_ops.stack([array_ops.shape(image)[0], target_height, target_width,
                                                   array_ops.shape(image)[3]]))
        cropped.set_shape([None if is_tensor(i) else i for i in (batch, target_height, target_width, depth)])
        return _unbatch(cropped, is_batch)


def pad_to_bounding_box(image, offset_height, offset_width, target_height, target_width):
    """``image`` padded with zeros to ``target_height x target_width``, its top left corner at
    (``offset_height``, ``offset_width``).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     t = tf.image.pad_to_bounding_box(tf.ones([1, 1, 1]), 1, 0, 2, 2)
    ...     print(t.name, tf.Session().run(t)[..., 0].tolist())
    pad_to_bounding_box/Squeeze:0 [[0.0, 0.0], [1.0, 0.0]]
    """
    with name_scope(None, "pad_to_bounding_box", [image]):
        image, is_batch = _as_batch(image)
        batch, height, width, depth = image_dimensions(image, rank=4)
        after_width = target_width - offset_width - width
        after_height = target_height - offset_height - height
        checks = check_at_least_3d(image, require_static=False)
        checks += assert_condition(offset_height >= 0, ValueError, "offset_height must be >= 0")
        checks += assert_condition(offset_width >= 0, ValueError, "offset_width must be >= 0")
        checks += assert_condition(after_width >= 0, ValueError, "width must be <= target - offset")
        checks += assert_condition(after_height >= 0, ValueError, "height must be <= target - offset")
        image = with_dependencies(checks, image)
        paddings = array_ops.reshape(array_ops.stack([0, 0, offset_height, after_height, offset_width, after_width,
                                                      0, 0]), [4, 2])
        padded = array_ops.pad(image, paddings)
        padded.set_shape([None if is_tensor(i) else i for i in (batch, target_height, target_width, depth)])
        return _unbatch(padded, is_batch)


def _pick(python_fn, tensor_fn):
    def pick(x, y):
        return tensor_fn(x, y) if is_tensor(x) or is_tensor(y) else python_fn(x, y)
    return pick


_max, _min = _pick(max, math_ops.maximum), _pick(min, math_ops.minimum)
_equal = _pick(lambda x, y: x == y, math_ops.equal)


def resize_image_with_crop_or_pad(image, target_height, target_width):
    """``image`` cropped or padded with zeros, about its centre, to ``target_height x target_width``.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     t = tf.image.resize_image_with_crop_or_pad(tf.ones([32, 32, 3]), 24, 40)
    ...     print(t.name, t.shape)
    resize_image_with_crop_or_pad/Squeeze:0 (24, 40, 3)
    """
    with name_scope(None, "resize_image_with_crop_or_pad", [image]):
        image, is_batch = _as_batch(image)
        checks = check_at_least_3d(image, require_static=False)
        checks += assert_condition(target_width > 0, ValueError, "target_width must be > 0.")
        checks += assert_condition(target_height > 0, ValueError, "target_height must be > 0.")
        image = with_dependencies(checks, image)
        if is_tensor(target_height):
            target_height = with_dependencies(checks, target_height)
        if is_tensor(target_width):
            target_width = with_dependencies(checks, target_width)
        _, height, width, _ = image_dimensions(image, rank=4)
        width_diff, height_diff = target_width - width, target_height - height
        cropped = crop_to_bounding_box(image, _max(-height_diff // 2, 0), _max(-width_diff // 2, 0),
                                       _min(target_height, height), _min(target_width, width))
        resized = pad_to_bounding_box(cropped, _max(height_diff // 2, 0), _max(width_diff // 2, 0),
                                      target_height, target_width)
        _, resized_height, resized_width, _ = image_dimensions(resized, rank=4)
        checks = assert_condition(_equal(resized_height, target_height), ValueError, "resized height is not correct.")
        checks += assert_condition(_equal(resized_width, target_width), ValueError, "resized width is not correct.")
        return _unbatch(with_dependencies(checks, resized), is_batch)


def _static_fraction_start(size, fraction):
    return int((float(size) - float(size) * fraction) / 2)


def _dynamic_fraction_start(size, fraction):
    size = math_ops.cast(size, dtypes.float64)
    return math_ops.cast((size - size * math_ops.cast(fraction, dtypes.float64)) / 2, dtypes.int32)


def central_crop(image, central_fraction):
    """The central ``central_fraction`` (in (0, 1]) of ``image``'s height and width.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     print(tf.image.central_crop(tf.zeros([10, 8, 3]), 0.5).shape)
    (6, 4, 3)
    """
    with name_scope(None, "central_crop", [image]):
        image = convert_to_tensor(image, name="image")
        fraction = constant_value(central_fraction) if is_tensor(central_fraction) else central_fraction
        if fraction is not None:
            if fraction <= 0.0 or fraction > 1.0:
                raise ValueError("central_fraction must be within (0, 1]")
            if fraction == 1.0:
                return image
        else:
            checks = assert_condition(math_ops.logical_or(central_fraction > 0.0, central_fraction <= 1.0),
                                      ValueError, "central_fraction must be within (0, 1]")
            image = with_dependencies(checks, image)
        check_at_least_3d(image, require_static=False)
        rank = image.shape.ndims
        if rank not in (3, 4):
            raise ValueError(f"`image` should either be a Tensor with rank = 3 or rank = 4. Had rank = {rank}.")
        return _central_slice(image, rank, fraction, central_fraction)


def _central_slice(image, rank, fraction, central_fraction):
    first = rank - 3
    sizes, dynamic, starts = [], [], []
    for axis in (first, first + 1):
        static = image.shape.dims[axis].value
        size = array_ops.shape(image)[axis] if static is None else static
        is_dynamic = static is None or fraction is None
        sizes.append(size)
        dynamic.append(is_dynamic)
        starts.append(_dynamic_fraction_start(size, central_fraction) if is_dynamic
                      else _static_fraction_start(size, fraction))
    box = [sizes[0] - starts[0] * 2, sizes[1] - starts[1] * 2]
    lead = [0] * first
    result = array_ops.slice(image, array_ops.stack(lead + starts + [0]),
                             array_ops.stack([-1] * first + box + [-1]))
    shape = image.shape.as_list() if image.shape.ndims else []
    result.set_shape(shape[:first] + [None if d else b for d, b in zip(dynamic, box)] + [image.shape[-1]])
    return result


def random_crop(value, size, seed=None, name=None):
    """A ``size`` slice of ``value`` at a random offset (``tf.random_crop``).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     t = tf.random_crop(tf.zeros([32, 32, 3]), [24, 24, 3], seed=1)
    ...     print(t.name, tf.Session().run(t).shape)
    random_crop:0 (24, 24, 3)
    """
    with name_scope(name, "random_crop", [value, size]) as name:
        value = convert_to_tensor(value, name="value")
        size = convert_to_tensor(size, dtype=dtypes.int32, name="size")
        shape = array_ops.shape(value)
        check = Assert(math_ops.reduce_all(shape >= size), ["Need value.shape >= size, got ", shape, size],
                       summarize=1000)
        shape = with_dependencies([check], shape)
        limit = shape - size + 1
        offset = random_ops.random_uniform(array_ops.shape(shape), dtype=size.dtype, maxval=size.dtype.max,
                                           seed=seed) % limit
        return array_ops.slice(value, offset, size, name=name)
