"""Gradients through TensorArray ops, outside and inside tf.while_loop: write/read, stack,
unstack, gather, scatter, concat and split (values and the names of the returned gradients)."""

import numpy as np

from tests.conformance.cases.tensor_array._helpers import grad_info
from tests.conformance.harness import case

X = np.array([[1.0, 2.0], [3.0, -1.0], [0.5, 4.0]], np.float32)


def _x(tf):
    return tf.constant(X, name="x")


@case
def grad_write_read(tf):
    a = tf.constant(3.0, name="a")
    b = tf.constant(4.0, name="b")
    ta = tf.TensorArray(tf.float32, size=2).write(0, a).write(1, b)
    y = ta.read(0) * ta.read(1)
    return grad_info(tf, y, [a, b])


@case
def grad_write_stack(tf):
    a = tf.constant([1.0, 2.0], name="a")
    ta = tf.TensorArray(tf.float32, size=2).write(0, a * a).write(1, a * 3.0)
    s = ta.stack()
    return grad_info(tf, tf.reduce_sum(s * tf.constant([[1.0, 1.0], [2.0, 2.0]])), a)


@case
def grad_unstack_stack(tf):
    x = _x(tf)
    s = tf.TensorArray(tf.float32, size=3).unstack(x).stack()
    return grad_info(tf, tf.reduce_sum(s * s), x)


@case
def grad_unstack_read(tf):
    x = _x(tf)
    ta = tf.TensorArray(tf.float32, size=3).unstack(x)
    return grad_info(tf, tf.reduce_sum(ta.read(1) * 5.0), x)


@case
def grad_gather(tf):
    x = _x(tf)
    g = tf.TensorArray(tf.float32, size=3).unstack(x).gather([2, 0])
    return grad_info(tf, tf.reduce_sum(g * tf.constant([[1.0, 2.0], [3.0, 4.0]])), x)


@case
def grad_scatter(tf):
    v = tf.constant([[1.0, 2.0], [3.0, 4.0]], name="v")
    s = tf.TensorArray(tf.float32, size=3).scatter([2, 0], v).stack()
    return grad_info(tf, tf.reduce_sum(s * _x(tf)), v)


@case
def grad_concat(tf):
    a = tf.constant([1.0, 2.0], name="a")
    b = tf.constant([3.0], name="b")
    c = tf.TensorArray(tf.float32, size=2, infer_shape=False).write(0, a).write(1, b).concat()
    return grad_info(tf, tf.reduce_sum(c * tf.constant([1.0, 2.0, 3.0])), [a, b])


@case
def grad_split(tf):
    v = tf.constant([1.0, 2.0, 3.0, 4.0], name="v")
    ta = tf.TensorArray(tf.float32, size=2, infer_shape=False).split(v, [3, 1])
    y = tf.reduce_sum(ta.read(0) * 2.0) + tf.reduce_sum(ta.read(1) * 10.0)
    return grad_info(tf, y, v)


@case
def grad_unread_element_zero(tf):
    x = _x(tf)
    ta = tf.TensorArray(tf.float32, size=3).unstack(x)
    return grad_info(tf, tf.reduce_sum(ta.read(0)), x)


@case
def grad_loop_accumulate(tf):
    w = tf.constant(2.0, name="w")

    def body(i, ta):
        return i + 1, ta.write(i, w * tf.cast(i + 1, tf.float32))

    _, ta = tf.while_loop(lambda i, ta: i < 4, body, [tf.constant(0), tf.TensorArray(tf.float32, size=4)])
    s = ta.stack()
    return grad_info(tf, tf.reduce_sum(s * s), w)


@case
def grad_loop_read_square_write(tf):
    x = _x(tf)
    inp = tf.TensorArray(tf.float32, size=3).unstack(x)

    def body(t, out):
        return t + 1, out.write(t, tf.square(inp.read(t)))

    _, out = tf.while_loop(lambda t, out: t < 3, body, [tf.constant(0), tf.TensorArray(tf.float32, size=3)])
    return grad_info(tf, tf.reduce_sum(out.stack()), x)


@case
def grad_loop_rnn_like(tf):
    x = _x(tf)
    w = tf.Variable(np.array([[0.5, -0.3], [0.2, 0.8]], np.float32), name="w")
    inp = tf.TensorArray(tf.float32, size=3).unstack(x)

    def body(t, h, out):
        h = tf.tanh(tf.reshape(inp.read(t), [1, 2]) + tf.matmul(h, w))
        return t + 1, h, out.write(t, h)

    _, h, out = tf.while_loop(lambda t, h, out: t < 3, body,
                              [tf.constant(0), tf.zeros([1, 2]), tf.TensorArray(tf.float32, size=3)])
    loss = tf.reduce_sum(out.stack()) + tf.reduce_sum(h)
    return grad_info(tf, loss, [w, x])


@case
def grad_loop_dynamic_size(tf):
    a = tf.constant(1.5, name="a")

    def body(i, v, ta):
        return i + 1, v * a, ta.write(i, v)

    _, _, ta = tf.while_loop(lambda i, v, ta: i < 3, body,
                             [tf.constant(0), tf.constant(1.0), tf.TensorArray(tf.float32, size=0, dynamic_size=True)])
    return grad_info(tf, tf.reduce_sum(ta.stack()), a)


@case
def grad_loop_gather_after(tf):
    x = tf.constant([1.0, 2.0, 3.0], name="x")

    def body(i, ta):
        return i + 1, ta.write(i, x[i] * x[i])

    _, ta = tf.while_loop(lambda i, ta: i < 3, body, [tf.constant(0), tf.TensorArray(tf.float32, size=3)])
    return grad_info(tf, tf.reduce_sum(ta.gather([0, 2])), x)
