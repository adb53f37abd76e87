"""TensorArrays inside tf.while_loop: the accumulate-per-step pattern, reading an unstacked input
per step, dynamic size with a data-dependent trip count, several arrays, and the ops and names the
loop builds around them."""

import numpy as np

from tests.conformance.cases.tensor_array._helpers import detail, run, sig
from tests.conformance.harness import case, shape_of


def _squares(tf, n=4, **kwargs):
    ta = tf.TensorArray(tf.float32, size=n, **kwargs)

    def body(i, ta):
        return i + 1, ta.write(i, tf.cast(i * i, tf.float32))

    return tf.while_loop(lambda i, ta: i < n, body, [tf.constant(0, name="i"), ta])


@case
def accumulate_detail(tf):
    i, ta = _squares(tf)
    return [type(ta).__name__, i.name, ta.flow.name, ta.handle.name, detail(tf)]


@case
def accumulate_stack(tf):
    _, ta = _squares(tf)
    s = ta.stack()
    return [sig(s), s.op.name, run(tf, s)]


@case
def accumulate_element_shape_through_loop(tf):
    _, ta = _squares(tf)
    _, tb = _squares(tf, element_shape=[])
    return [shape_of(ta.element_shape), shape_of(tb.element_shape), sig(ta.stack()), sig(tb.stack())]


@case
def read_unstacked_input_per_step(tf):
    x = tf.constant(np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], np.float32), name="x")
    inp = tf.TensorArray(tf.float32, size=3).unstack(x)
    out = tf.TensorArray(tf.float32, size=3)

    def body(t, acc, out):
        acc = acc + inp.read(t)
        return t + 1, acc, out.write(t, acc)

    t, acc, out = tf.while_loop(lambda t, acc, out: t < 3, body, [tf.constant(0), tf.zeros([2]), out])
    s = out.stack()
    g = tf.get_default_graph()
    enters = [op.name for op in g.get_operations() if op.type == "Enter"]
    return [sig(s), enters, run(tf, [acc, s])]


@case
def dynamic_size_data_dependent(tf):
    ta = tf.TensorArray(tf.int32, size=0, dynamic_size=True)

    def body(n, k, ta):
        return tf.where(tf.equal(n % 2, 0), n // 2, 3 * n + 1), k + 1, ta.write(k, n)

    n, k, ta = tf.while_loop(lambda n, k, ta: n > 1, body, [tf.constant(6), tf.constant(0), ta])
    s = ta.stack()
    return [sig(s), run(tf, [k, s])]


@case
def dynamic_size_loop_ops(tf):
    ta = tf.TensorArray(tf.float32, size=0, dynamic_size=True)
    n = tf.placeholder(tf.int32, [], name="n")
    _, ta = tf.while_loop(lambda i, ta: i < n, lambda i, ta: (i + 1, ta.write(i, tf.cast(i, tf.float32))),
                          [tf.constant(0), ta])
    s = ta.stack()
    with tf.Session() as sess:
        got = [sess.run(s, {n: 3}), sess.run(s, {n: 5})]
    return [[op.name for op in tf.get_default_graph().get_operations() if "TensorArray" in op.type], got]


@case
def two_arrays_in_loop(tf):
    ta = tf.TensorArray(tf.float32, size=3)
    tb = tf.TensorArray(tf.int32, size=3)

    def body(i, ta, tb):
        return i + 1, ta.write(i, tf.cast(i, tf.float32) * 0.5), tb.write(i, i * 10)

    _, ta, tb = tf.while_loop(lambda i, ta, tb: i < 3, body, [tf.constant(0), ta, tb])
    return [ta.flow.name, tb.flow.name, run(tf, [ta.stack(), tb.stack()])]


@case
def write_vector_per_step(tf):
    ta = tf.TensorArray(tf.float32, size=3)
    w = tf.constant([1.0, -1.0], name="w")
    _, ta = tf.while_loop(lambda i, ta: i < 3, lambda i, ta: (i + 1, ta.write(i, w * tf.cast(i, tf.float32))),
                          [tf.constant(0), ta])
    s = ta.stack()
    c = ta.concat()
    return [sig(s), sig(c), run(tf, s)]


@case
def array_in_nested_loop(tf):
    ta = tf.TensorArray(tf.int32, size=6)

    def outer(i, ta):
        def inner(j, ta):
            return j + 1, ta.write(i * 3 + j, i * 10 + j)

        _, ta = tf.while_loop(lambda j, ta: j < 3, inner, [tf.constant(0), ta])
        return i + 1, ta

    _, ta = tf.while_loop(lambda i, ta: i < 2, outer, [tf.constant(0), ta])
    return [ta.flow.name, run(tf, ta.stack())]


@case
def array_passed_through_loop_unchanged(tf):
    ta = tf.TensorArray(tf.float32, size=2).write(0, 1.0).write(1, 2.0)
    i, tb = tf.while_loop(lambda i, ta: i < 3, lambda i, ta: (i + 1, ta), [tf.constant(0), ta])
    return [tb.flow.name, run(tf, tb.stack())]


@case
def unstack_inside_loop_body(tf):
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]], name="x")

    def body(i, acc):
        ta = tf.TensorArray(tf.float32, size=2).unstack(x * tf.cast(i + 1, tf.float32))
        return i + 1, acc + ta.read(1)

    r = tf.while_loop(lambda i, acc: i < 3, body, [tf.constant(0), tf.zeros([2])])
    return [[op.name for op in tf.get_default_graph().get_operations() if "TensorArray" in op.type], run(tf, r)]
