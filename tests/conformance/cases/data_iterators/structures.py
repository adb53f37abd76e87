"""Structures given to iterators by hand: shapes as lists, classes, a second dataset for an
initializable iterator, and mismatches caught while building."""

from tests.conformance.cases.data_dataset._helpers import next_values, plain, structure
from tests.conformance.harness import case, raises, shape_of


@case
def from_structure_shapes_as_lists(tf):
    it = tf.data.Iterator.from_structure((tf.int64, tf.float32), ([None], [2]))
    a, b = it.get_next()
    return [shape_of(a), shape_of(b), structure(tf, it),
            plain([it.output_types, it.output_shapes, it.output_classes])]


@case
def initializable_iterator_takes_another_dataset(tf):
    first = tf.data.Dataset.range(3)
    it = tf.data.make_initializable_iterator(first)
    nxt = it.get_next()
    other = it.make_initializer(tf.data.Dataset.range(100, 102))
    with tf.Session() as sess:
        sess.run(other)
        got = next_values(tf, sess, nxt)
        sess.run(it.initializer)
        return [got, next_values(tf, sess, nxt), other.type]


@case
def from_string_handle_structure_mismatch(tf):
    h = tf.placeholder(tf.string, [])
    return [raises(lambda: tf.data.Iterator.from_string_handle(h, (tf.int64, tf.int64), tf.TensorShape([]))),
            raises(lambda: tf.data.Iterator.from_string_handle(h, {"a": tf.int64}, {"a": [2], "b": [3]}))]


@case
def from_structure_bad_types(tf):
    return [raises(lambda: structure(tf, tf.data.Iterator.from_structure("int64"))),
            raises(lambda: structure(tf, tf.data.Iterator.from_structure([tf.int64, tf.int64])))]


@case
def make_initializer_dict_order_and_keys(tf):
    a = tf.data.Dataset.from_tensors({"x": 1, "y": 2.0})
    b = tf.data.Dataset.from_tensors({"y": 5.0, "x": 7})
    c = tf.data.Dataset.from_tensors({"x": 1, "z": 2.0})
    it = tf.data.Iterator.from_structure(a.output_types, a.output_shapes)
    nxt = it.get_next()
    init_b = it.make_initializer(b)
    with tf.Session() as sess:
        sess.run(init_b)
        got = sess.run(nxt)
    return [{k: float(v) for k, v in got.items()}, raises(lambda: it.make_initializer(c).type)]
