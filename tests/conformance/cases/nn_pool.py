"""Pooling: max_pool, avg_pool and their variants; MaxPoolGrad/AvgPoolGrad in gradients."""

import numpy as np

from tests.conformance.cases._nn_helpers import arr, describe, fed, grads, run_error, static, values
from tests.conformance.harness import case, op_summary, raises, shape_of

_IMG = arr(2, 7, 6, 3, seed=41)


def _x(tf, shape=(None, 28, 28, 1)):
    return tf.placeholder(tf.float32, list(shape) if shape is not None else None, name="x")


@case
def max_pool_graph(tf):
    y = tf.nn.max_pool(_x(tf), ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding="SAME")
    return {"ops": op_summary(tf.get_default_graph()), "outs": static(y),
            "attrs": [y.op.get_attr(a) for a in ("ksize", "strides", "padding", "data_format", "explicit_paddings")]}


@case
def avg_pool_graph(tf):
    y = tf.nn.avg_pool(_x(tf), ksize=[1, 3, 3, 1], strides=[1, 2, 2, 1], padding="SAME")
    return {"ops": op_summary(tf.get_default_graph()), "outs": static(y),
            "attrs": [y.op.get_attr(a) for a in ("ksize", "strides", "padding", "data_format")]}


@case
def pool_variant_names(tf):
    x = tf.ones([1, 4, 4, 1])
    outs = [tf.nn.max_pool2d(x, ksize=3, strides=2, padding="VALID"),
            tf.nn.max_pool_v2(x, ksize=2, strides=2, padding="VALID"),
            tf.nn.avg_pool2d(x, ksize=3, strides=2, padding="SAME"),
            tf.nn.avg_pool_v2(x, ksize=2, strides=2, padding="VALID"),
            tf.nn.max_pool(x, ksize=2, strides=2, padding="VALID", name="mp"),
            tf.nn.avg_pool(x, ksize=2, strides=2, padding="VALID", name="ap"),
            tf.nn.max_pool(x, 2, 2, "VALID")]
    return {"ops": op_summary(tf.get_default_graph()), "outs": static(outs)}


@case
def pool_static_shapes(tf):
    x = _x(tf)
    return [shape_of(tf.nn.max_pool(x, ksize=2, strides=2, padding="VALID")),
            shape_of(tf.nn.max_pool(x, ksize=3, strides=2, padding="VALID")),
            shape_of(tf.nn.max_pool(x, ksize=3, strides=2, padding="SAME")),
            shape_of(tf.nn.max_pool(x, ksize=[1, 2, 2, 1], strides=[1, 3, 1, 1], padding="SAME")),
            shape_of(tf.nn.max_pool(x, ksize=2, strides=1, padding=[[0, 0], [1, 1], [1, 1], [0, 0]])),
            shape_of(tf.nn.avg_pool(x, ksize=5, strides=3, padding="VALID")),
            shape_of(tf.nn.max_pool(_x(tf, None), ksize=2, strides=2, padding="SAME")),
            shape_of(tf.nn.avg_pool(_x(tf, (None, None, None, 3)), ksize=2, strides=2, padding="SAME")),
            shape_of(tf.nn.max_pool(tf.ones([1, 3, 4, 4]), ksize=2, strides=2, padding="SAME", data_format="NCHW"))]


@case
def pool_errors(tf):
    return [raises(lambda: tf.nn.max_pool(tf.ones([1, 2, 2]), ksize=2, strides=2, padding="VALID")),
            raises(lambda: tf.nn.max_pool(tf.ones([1, 2, 2, 1]), ksize=3, strides=1, padding="VALID")),
            raises(lambda: tf.nn.max_pool(tf.ones([1, 4, 4, 1]), ksize=[2, 2, 2], strides=1, padding="VALID")),
            raises(lambda: tf.nn.max_pool(tf.ones([1, 4, 4, 1]), ksize=2, strides=2, padding="FOO")),
            raises(lambda: tf.nn.avg_pool(tf.ones([1, 4, 4, 1]), ksize=2, strides=2, padding="FOO")),
            raises(lambda: tf.nn.avg_pool(tf.ones([1, 4, 4, 1], tf.int32), ksize=2, strides=2, padding="VALID")),
            raises(lambda: tf.nn.avg_pool(tf.ones([1, 4, 4, 1]), ksize=2, strides=1,
                                          padding=[[0, 0], [1, 1], [1, 1], [0, 0]]))]


@case
def max_pool_batch_runtime_error(tf):
    return run_error(tf, tf.nn.max_pool(fed(tf, np.ones([1, 4, 4, 1])), ksize=[2, 2, 2, 1], strides=1,
                                        padding="VALID"))


@case
def max_pool_depth_and_space_runtime_error(tf):
    return run_error(tf, tf.nn.max_pool(fed(tf, np.ones([1, 4, 4, 2])), ksize=[1, 2, 2, 2], strides=[1, 2, 2, 2],
                                        padding="SAME"))


def _pool_values(tf, fn, **kw):
    return values(tf, fn(fed(tf, _IMG), **kw))


@case
def max_pool_values_valid(tf):
    return _pool_values(tf, tf.nn.max_pool, ksize=2, strides=2, padding="VALID")


@case
def max_pool_values_same_overlapping(tf):
    return _pool_values(tf, tf.nn.max_pool, ksize=3, strides=2, padding="SAME")


@case
def max_pool_values_explicit(tf):
    return _pool_values(tf, tf.nn.max_pool, ksize=[1, 2, 3, 1], strides=[1, 1, 2, 1],
                        padding=[[0, 0], [1, 0], [2, 1], [0, 0]])


@case
def max_pool_values_int32(tf):
    x = fed(tf, (np.arange(32).reshape(1, 4, 8, 1) * 7 % 11).astype(np.int32))
    return values(tf, tf.nn.max_pool(x, ksize=2, strides=2, padding="SAME"))


@case
def avg_pool_values_valid(tf):
    return _pool_values(tf, tf.nn.avg_pool, ksize=2, strides=2, padding="VALID")


@case
def avg_pool_values_same_excludes_padding(tf):
    return _pool_values(tf, tf.nn.avg_pool, ksize=3, strides=2, padding="SAME")


@case
def avg_pool_values_rect(tf):
    return _pool_values(tf, tf.nn.avg_pool, ksize=[1, 3, 2, 1], strides=[1, 1, 3, 1], padding="SAME")


@case
def pool_values_nchw(tf):
    x = fed(tf, np.transpose(np.round(_IMG * 2).astype(np.float32), (0, 3, 1, 2)))
    return values(tf, [tf.nn.max_pool(x, ksize=2, strides=2, padding="SAME", data_format="NCHW"),
                       tf.nn.avg_pool(x, ksize=3, strides=2, padding="SAME", data_format="NCHW")])


@case
def max_pool_gradient(tf):
    x = tf.placeholder(tf.float64, [2, 7, 6, 3], name="x")
    return grads(tf, tf.nn.max_pool(x, ksize=2, strides=2, padding="SAME"), x, {x: _IMG})


@case
def max_pool_gradient_overlapping_ties(tf):
    x = fed(tf, np.array([[1, 3, 3, 0], [3, 2, 1, 3], [0, 3, 3, 1], [2, 1, 0, 2]], np.float64).reshape(1, 4, 4, 1))
    y = tf.nn.max_pool(x, ksize=3, strides=1, padding="SAME")
    return values(tf, [y, tf.gradients(tf.reduce_sum(y * tf.constant(arr(1, 4, 4, 1, seed=3))), x)[0]])


@case
def avg_pool_gradient(tf):
    x = tf.placeholder(tf.float64, [2, 7, 6, 3], name="x")
    return grads(tf, tf.nn.avg_pool(x, ksize=3, strides=2, padding="SAME"), x, {x: _IMG})


@case
def avg_pool_gradient_unknown_batch(tf):
    x = tf.placeholder(tf.float64, [None, 7, 6, 3], name="x")
    return grads(tf, tf.nn.avg_pool(x, ksize=2, strides=2, padding="VALID") * 1.0, x, {x: _IMG}, weighted=False)


@case
def max_pool_second_order(tf):
    x = fed(tf, _IMG, name="x")
    g = tf.gradients(tf.nn.max_pool(x, ksize=2, strides=2, padding="VALID") ** 2, x)[0]
    gg = tf.gradients(g * tf.constant(arr(2, 7, 6, 3, seed=5)), x)[0]
    return {"ops": [s for s in op_summary(tf.get_default_graph()) if s[0].startswith("gradients_1")],
            "value": values(tf, gg)}


@case
def pool_then_conv_graph(tf):
    x = _x(tf)
    h = tf.nn.relu(tf.nn.conv2d(x, tf.ones([5, 5, 1, 8]), strides=1, padding="SAME"))
    h = tf.nn.max_pool(h, ksize=2, strides=2, padding="SAME")
    return describe(tf, h, {x: np.ones((1, 28, 28, 1), np.float32) * 0.01})
