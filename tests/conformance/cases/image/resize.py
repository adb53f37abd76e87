"""Resize ops: values against TF's on random images and sizes, up and down, every flag."""

import numpy as np

from tests.conformance.cases.image._helpers import graph_of, image, run
from tests.conformance.cases.runtime_errors._helpers import _kernel_error
from tests.conformance.harness import case, raises

_SIZES = [((1, 5, 7, 3), (9, 4)), ((2, 8, 6, 1), (3, 11)), ((1, 4, 4, 2), (8, 8)), ((1, 13, 9, 3), (5, 5)),
          ((1, 1, 6, 1), (3, 7))]
_FLAGS = {"legacy": {}, "align": {"align_corners": True}, "half": {"half_pixel_centers": True}}


def _value_case(op_name, index, flags_key):
    shape, size = _SIZES[index]
    flags = dict(_FLAGS[flags_key])

    def fn(tf):
        ops = {"bilinear": tf.image.resize_bilinear, "nearest": tf.image.resize_nearest_neighbor,
               "bicubic": tf.image.resize_bicubic, "area": tf.image.resize_area}
        dtype = np.uint8 if op_name == "nearest" and index % 2 else np.float32
        images = image(shape, seed=index, dtype=dtype, scale=255.0 if dtype == np.uint8 else 1.0)
        out = ops[op_name](images, size, **flags)
        return {"static": [out.name, out.dtype.name, out.shape.as_list()], "value": run(tf, out)}
    fn.__name__ = f"{op_name}_{flags_key}_{index}"
    return case(fn)


for _op in ("bilinear", "nearest", "bicubic"):
    for _key in _FLAGS:
        for _i in range(len(_SIZES)):
            _value_case(_op, _i, _key)
for _key in ("legacy", "align"):
    for _i in range(len(_SIZES)):
        _value_case("area", _i, _key)


@case
def resize_bilinear_integer_input(tf):
    out = tf.image.resize_bilinear(np.arange(24, dtype=np.int32).reshape(1, 3, 4, 2), [5, 3])
    return {"dtype": out.dtype.name, "value": run(tf, out)}


@case
def resize_images_graph_3d(tf):
    return graph_of(tf.image.resize_images(tf.zeros([4, 5, 3]), [8, 6]))


@case
def resize_images_methods(tf):
    x = image((6, 5, 2), seed=3)
    outs = [tf.image.resize_images(x, [4, 9], method=m) for m in range(4)]
    return [[o.name, o.dtype.name] for o in outs] + [run(tf, outs)]


@case
def resize_images_align_corners(tf):
    out = tf.image.resize_images(image((1, 4, 6, 1), seed=4), [7, 3], align_corners=True)
    return [out.name, run(tf, out)]


@case
def resize_images_same_size_skips(tf):
    x = tf.zeros([4, 5, 3])
    return graph_of(tf.image.resize_images(x, [4, 5]))


@case
def resize_images_preserve_aspect_ratio(tf):
    out = tf.image.resize_images(tf.ones([1, 10, 20, 3]), [8, 8], preserve_aspect_ratio=True)
    return [out.name, out.shape.as_list(), np.shape(run(tf, out))]


@case
def resize_images_unknown_size(tf):
    size = tf.placeholder(tf.int32, [2])
    out = tf.image.resize_images(tf.zeros([2, 4, 4, 3]), size)
    return [out.shape.as_list(), np.shape(run(tf, out, {size: [3, 5]}))]


@case
def resize_images_errors(tf):
    return [raises(tf.image.resize_images, tf.zeros([4, 4]), [2, 2]),
            raises(tf.image.resize_images, tf.placeholder(tf.float32), [2, 2]),
            raises(tf.image.resize_images, tf.zeros([4, 4, 3]), [2, 2, 2]),
            raises(tf.image.resize_images, tf.zeros([4, 4, 3]), [2, 2], method=7)]


@case
def resize_v1_alias(tf):
    return tf.image.resize(tf.zeros([3, 3, 1]), [6, 6]).name


@case
def resize_method_constants(tf):
    m = tf.image.ResizeMethod
    return [m.BILINEAR, m.NEAREST_NEIGHBOR, m.BICUBIC, m.AREA]


@case
def resize_op_static_shape_errors(tf):
    return [raises(tf.image.resize_bilinear, tf.zeros([4, 4, 3]), [2, 2]),
            raises(tf.image.resize_bilinear, tf.zeros([1, 4, 4, 3]), [2, 2, 2])]


@case
def resize_op_attrs(tf):
    out = tf.image.resize_bilinear(tf.zeros([1, 2, 2, 1]), [3, 3], half_pixel_centers=True)
    area = tf.image.resize_area(tf.zeros([1, 2, 2, 1]), [3, 3])
    return [sorted(out.op.node_def.attr), out.op.get_attr("half_pixel_centers"), sorted(area.op.node_def.attr)]


@case
def resize_bilinear_grad_values(tf):
    x = tf.constant(image((1, 5, 4, 2), seed=7))
    for flags in ({}, {"align_corners": True}, {"half_pixel_centers": True}):
        y = tf.image.resize_bilinear(x, [7, 3], **flags)
        g = tf.gradients(y * y, x)[0]
    return [g.name, g.op.type, run(tf, g)]


@case
def resize_nearest_grad_values(tf):
    x = tf.constant(image((1, 5, 4, 1), seed=8))
    grads = []
    for flags in ({}, {"align_corners": True}, {"half_pixel_centers": True}):
        y = tf.image.resize_nearest_neighbor(x, [3, 7], **flags)
        grads.append(tf.gradients(y * tf.constant(image((1, 3, 7, 1), seed=9)), x)[0])
    return [[g.name, g.op.type] for g in grads] + [run(tf, grads)]


@case
def resize_kernel_errors(tf):
    size = tf.placeholder(tf.int32, [2])
    out = tf.image.resize_bilinear(tf.zeros([1, 4, 4, 1]), size)
    both = tf.image.resize_bilinear(tf.zeros([1, 4, 4, 1]), [2, 2], align_corners=True, half_pixel_centers=True)
    return [_kernel_error(tf, out, {size: [0, 3]}), _kernel_error(tf, both)]


@case
def resize_bicubic_grad_values(tf):
    x = tf.constant(image((1, 5, 4, 2), seed=10))
    grads = []
    for flags in ({}, {"align_corners": True}, {"half_pixel_centers": True}):
        y = tf.image.resize_bicubic(x, [7, 3], **flags)
        grads.append(tf.gradients(y * tf.constant(image((1, 7, 3, 2), seed=11)), x)[0])
    return [[g.name, g.op.type] for g in grads] + [run(tf, grads)]


@case
def resize_bicubic_grad_integer_input(tf):
    x = tf.constant(np.ones((1, 3, 3, 1), np.int32))
    return tf.gradients(tf.image.resize_bicubic(x, [5, 5]), x)
