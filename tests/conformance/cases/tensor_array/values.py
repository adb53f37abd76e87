"""Values and static shapes of TensorArray reads: write/read, stack, unstack, gather, scatter,
concat, split, size, dynamic size growth, ``clear_after_read=False``, element shapes and
``infer_shape``."""

import numpy as np

from tests.conformance.cases.tensor_array._helpers import run, sig
from tests.conformance.harness import case, shape_of


def _ta(tf, **kwargs):
    kwargs.setdefault("size", 3)
    return tf.TensorArray(tf.float32, **kwargs)


@case
def write_read_values(tf):
    ta = _ta(tf).write(0, [1.0, 2.0]).write(1, [3.0, 4.0]).write(2, [5.0, 6.0])
    return run(tf, [ta.read(2), ta.read(0)])


@case
def stack_values(tf):
    ta = _ta(tf).write(0, 1.0).write(1, 2.0).write(2, 3.0)
    s = ta.stack()
    return [sig(s), run(tf, s)]


@case
def unstack_read_values(tf):
    ta = _ta(tf, size=0, dynamic_size=True).unstack(tf.constant([[1, 2], [3, 4], [5, 6]], tf.float32))
    r = ta.read(1)
    return [sig(r), run(tf, [r, ta.size()])]


@case
def unstack_stack_round_trip(tf):
    x = np.arange(12, dtype=np.float32).reshape(3, 2, 2)
    s = _ta(tf).unstack(x).stack()
    return [sig(s), run(tf, s)]


@case
def gather_values(tf):
    ta = _ta(tf, size=4).unstack(tf.constant([10.0, 11.0, 12.0, 13.0]))
    g = ta.gather([3, 1])
    return [sig(g), run(tf, g)]


@case
def scatter_stack_values(tf):
    ta = _ta(tf, size=4, element_shape=[2]).scatter([3, 0], tf.constant([[1.0, 2.0], [3.0, 4.0]]))
    s = ta.stack()
    return [sig(s), run(tf, s)]


@case
def concat_values_varying_lengths(tf):
    ta = _ta(tf, infer_shape=False).write(0, [1.0]).write(1, [2.0, 3.0]).write(2, [4.0, 5.0, 6.0])
    c = ta.concat()
    return [sig(c), run(tf, c)]


@case
def concat_matrices(tf):
    ta = _ta(tf, size=2).write(0, [[1.0, 2.0]]).write(1, [[3.0, 4.0]])
    c = ta.concat()
    return [sig(c), run(tf, c)]


@case
def split_read_values(tf):
    ta = _ta(tf, size=3, infer_shape=False).split(tf.constant([1.0, 2.0, 3.0, 4.0, 5.0, 6.0]), [1, 2, 3])
    rs = [ta.read(k) for k in range(3)]
    return [[sig(r) for r in rs], run(tf, rs)]


@case
def split_then_concat(tf):
    ta = _ta(tf, size=2).split(tf.constant([[1.0], [2.0], [3.0], [4.0]]), [2, 2])
    c = ta.concat()
    return [sig(c), run(tf, c)]


@case
def size_values(tf):
    n = tf.placeholder(tf.int32, [], name="n")
    a = _ta(tf, size=n)
    b = _ta(tf, size=0, dynamic_size=True).write(4, 1.0)
    with tf.Session() as sess:
        return [sess.run(a.size(), {n: 7}), sess.run(b.size())]


@case
def dynamic_size_growth(tf):
    ta = _ta(tf, size=1, dynamic_size=True, element_shape=[])
    ta = ta.write(0, 1.0).write(1, 2.0).write(4, 5.0)
    s = ta.stack()
    return [sig(s), run(tf, [s, ta.size()])]


@case
def clear_after_read_false_twice(tf):
    ta = _ta(tf, size=2, clear_after_read=False).write(0, 7.0).write(1, 8.0)
    a = ta.read(0)
    b = ta.read(0)
    return run(tf, [a, b, a + b])


@case
def int_and_bool_arrays(tf):
    ti = tf.TensorArray(tf.int32, size=2).write(0, 3).write(1, 4)
    tb = tf.TensorArray(tf.bool, size=2).write(0, True).write(1, False)
    return [sig(ti.stack()), run(tf, [ti.stack(), tb.stack()])]


@case
def unwritten_full_shape_reads_zeros(tf):
    ta = _ta(tf, size=3, element_shape=[2]).write(1, [1.0, 2.0])
    return run(tf, ta.stack())


@case
def element_shape_static_shapes(tf):
    ta = _ta(tf, size=3, element_shape=[2, 3])
    return [sig(ta.read(0)), sig(ta.stack()), sig(ta.gather([0, 1])), sig(ta.concat())]


@case
def inferred_shape_from_write(tf):
    ta = _ta(tf).write(0, tf.zeros([4, 2]))
    return [shape_of(ta.element_shape), sig(ta.read(0)), sig(ta.stack())]


@case
def infer_shape_false(tf):
    ta = _ta(tf, infer_shape=False).write(0, tf.zeros([4, 2]))
    return [shape_of(ta.element_shape), sig(ta.read(0)), sig(ta.stack())]


@case
def unknown_shape_before_write(tf):
    ta = _ta(tf)
    return [shape_of(ta.element_shape), sig(ta.read(0)), sig(ta.stack()), sig(ta.concat())]


@case
def partial_element_shape_merged(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    ta = _ta(tf, element_shape=[2, None]).write(0, x)
    return [shape_of(ta.element_shape), sig(ta.read(0)), sig(ta.stack())]


@case
def dynamic_stack_shape(tf):
    ta = _ta(tf, size=0, dynamic_size=True).write(0, [1.0, 2.0])
    n = tf.placeholder(tf.int32, [], name="n")
    tb = _ta(tf, size=n).write(0, [1.0, 2.0])
    return [sig(ta.stack()), sig(tb.stack()), sig(ta.gather([0]))]


@case
def unstack_infers_element_shape(tf):
    ta = _ta(tf).unstack(tf.zeros([3, 5, 2]))
    return [shape_of(ta.element_shape), sig(ta.read(0))]


@case
def scatter_infers_element_shape(tf):
    ta = _ta(tf, size=5).scatter([0, 4], tf.zeros([2, 7]))
    return [shape_of(ta.element_shape), sig(ta.read(1))]


@case
def close_then_run(tf):
    ta = _ta(tf, size=1).write(0, 2.0)
    r = ta.read(0)
    with tf.control_dependencies([r]):
        c = ta.close()
    with tf.Session() as sess:
        got = sess.run([r, c])
    return [c.name, got]
