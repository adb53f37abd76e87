"""Conformance cases for ``tf.clip_by_norm``, ``tf.global_norm`` and ``tf.clip_by_global_norm``:
values, op names, ``None`` entries, non-finite norms, errors, and gradients through them."""

import numpy as np

from tests.conformance.harness import case, op_summary, raises


def _run(tf, fetches, feed=None):
    with tf.Session() as sess:
        return sess.run(fetches, feed)


@case
def clip_by_norm_values(tf):
    t = tf.constant([[3.0, 4.0], [0.0, 0.0]])
    c = tf.clip_by_norm(t, 2.5)
    small = tf.clip_by_norm(t, 100.0)
    return [c.name, c.shape.as_list(), _run(tf, [c, small])]


@case
def clip_by_norm_ops(tf):
    tf.clip_by_norm(tf.constant([3.0, 4.0], name="t"), 1.0)
    return op_summary(tf.get_default_graph())


@case
def clip_by_norm_axes(tf):
    t = tf.constant([[3.0, 4.0], [6.0, 8.0], [0.0, 0.1]])
    return _run(tf, [tf.clip_by_norm(t, 5.0, axes=[1]), tf.clip_by_norm(t, 5.0, axes=0)])


@case
def clip_by_norm_zero_and_negative(tf):
    t = tf.constant([0.0, 0.0])
    u = tf.constant([1.0, -2.0])
    return _run(tf, [tf.clip_by_norm(t, 1.0), tf.clip_by_norm(u, -1.0)])


@case
def clip_by_norm_tensor_clip_norm(tf):
    norm = tf.placeholder(tf.float32, [], name="norm")
    c = tf.clip_by_norm(tf.constant([3.0, 4.0]), norm, name="clipped")
    with tf.Session() as sess:
        values = [sess.run(c, {norm: n}) for n in (1.0, 10.0, -2.0)]
    return [c.name, values, [n for n, _ in op_summary(tf.get_default_graph())]]


@case
def clip_by_norm_float64(tf):
    c = tf.clip_by_norm(tf.constant([1.0, 2.0, 2.0], tf.float64), 1.5)
    return [c.dtype.name, _run(tf, c)]


@case
def global_norm_values(tf):
    ts = [tf.constant([3.0, 0.0]), None, tf.constant([[4.0]]), tf.constant(12.0)]
    n = tf.global_norm(ts)
    return [n.name, n.shape.as_list(), _run(tf, n)]


@case
def global_norm_ops(tf):
    tf.global_norm([tf.constant([3.0], name="a"), tf.constant([4.0], name="b")], name="gn")
    return op_summary(tf.get_default_graph())


def _without_class(result):
    """TF names its tensor class in the message (``SymbolicTensor``); keep the sentence before it."""
    if "message" in result:
        result["message"] = result["message"].split(" Received")[0]
    return result


@case
def global_norm_not_a_list_error(tf):
    return _without_class(raises(tf.global_norm, tf.constant([1.0])))


@case
def clip_by_global_norm_values(tf):
    ts = [tf.constant([3.0, 0.0]), tf.constant([[4.0]])]
    clipped, norm = tf.clip_by_global_norm(ts, 2.5)
    unclipped, norm2 = tf.clip_by_global_norm(ts, 50.0)
    return [[c.name for c in clipped], norm.name, _run(tf, [clipped, norm, unclipped, norm2])]


@case
def clip_by_global_norm_ops(tf):
    tf.clip_by_global_norm([tf.constant([3.0], name="a"), tf.constant([4.0], name="b")], 1.0)
    return op_summary(tf.get_default_graph())


@case
def clip_by_global_norm_named_with_none(tf):
    clipped, norm = tf.clip_by_global_norm([None, tf.constant([1.0, 1.0]), None, tf.constant([2.0])], 1.0,
                                           name="clip")
    return [[None if c is None else c.name for c in clipped], norm.name, _run(tf, [clipped[1], clipped[3]])]


@case
def clip_by_global_norm_use_norm(tf):
    ts = [tf.constant([3.0, 4.0])]
    clipped, norm = tf.clip_by_global_norm(ts, 1.0, use_norm=tf.constant(10.0))
    return [norm.name, _run(tf, [clipped, norm]), [n for n, _ in op_summary(tf.get_default_graph())]]


@case
def clip_by_global_norm_inf(tf):
    clipped, norm = tf.clip_by_global_norm([tf.constant([np.inf, 1.0]), tf.constant([1.0])], 1.0)
    return _run(tf, [clipped, norm])


@case
def clip_by_global_norm_tuple_input(tf):
    clipped, norm = tf.clip_by_global_norm((tf.constant([6.0]), tf.constant([8.0])), 5.0)
    return [type(clipped).__name__, _run(tf, [clipped, norm])]


@case
def clip_by_global_norm_not_a_list_error(tf):
    return _without_class(raises(tf.clip_by_global_norm, tf.constant([1.0]), 1.0))


@case
def clip_by_global_norm_gradients(tf):
    x = tf.constant([1.0, 2.0])
    y = tf.constant([2.0])
    (cx, cy), _ = tf.clip_by_global_norm([x * 3.0, y * 1.0], 1.0)
    g = tf.gradients(tf.reduce_sum(cx) + tf.reduce_sum(cy), [x, y])
    return _run(tf, g)


@case
def clip_by_norm_gradients(tf):
    x = tf.constant([3.0, 4.0])
    g = tf.gradients(tf.reduce_sum(tf.clip_by_norm(x, 1.0) * tf.constant([1.0, 2.0])), x)
    return _run(tf, g)


@case
def global_norm_float64(tf):
    n = tf.global_norm([tf.constant([1.0, 2.0], tf.float64), tf.constant([2.0], tf.float64)])
    return [n.dtype.name, _run(tf, n)]
