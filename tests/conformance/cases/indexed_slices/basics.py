"""``tf.IndexedSlices``: its parts, dense conversion (with TF's warning), sessions."""

import warnings

import numpy as np

from tests.conformance.harness import case, raises, run_error, shape_of


def _slices(tf, dense_shape=True):
    values = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], name="values")
    indices = tf.constant([2, 0, 2], name="indices")
    shape = tf.constant([4, 2], name="dense_shape") if dense_shape else None
    return tf.IndexedSlices(values, indices, shape)


def _value(v):
    """An ``IndexedSlicesValue`` as plain data."""
    return [type(v).__name__, v.values, v.indices, v.dense_shape]


@case
def properties(tf):
    s = _slices(tf)
    return [s.name, s.dtype.name, s.op.name, s.op.type, s.values.name, s.indices.name, s.dense_shape.name,
            shape_of(s.shape), s.device, s.graph is tf.get_default_graph(), isinstance(s, tf.IndexedSlices)]


@case
def properties_without_dense_shape(tf):
    s = _slices(tf, dense_shape=False)
    return [s.dense_shape, shape_of(s.shape), s.name]


@case
def str_of_slices(tf):
    return [str(_slices(tf)), str(_slices(tf, dense_shape=False))]


@case
def negation(tf):
    s = -_slices(tf)
    with tf.Session() as sess:
        return [type(s).__name__, s.values.name, s.values.op.type, s.indices.name, _value(sess.run(s))]


@case
def dense_conversion(tf):
    d = tf.convert_to_tensor(_slices(tf))
    ops = [[op.name, op.type] for op in tf.get_default_graph().get_operations()]
    with tf.Session() as sess:
        return [d.name, d.dtype.name, shape_of(d), ops, sess.run(d)]


@case
def dense_conversion_named(tf):
    d = tf.convert_to_tensor(_slices(tf), name="dense")
    return [d.name, [op.name for op in tf.get_default_graph().get_operations()]]


@case
def dense_conversion_of_unknown_shape(tf):
    shape = tf.placeholder(tf.int32, [2], name="shape")
    s = tf.IndexedSlices(tf.ones([2, 3]), tf.constant([1, 1]), shape)
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        d = tf.convert_to_tensor(s)
    with tf.Session() as sess:
        return [d.name, shape_of(d), [str(w.message) for w in seen if "IndexedSlices" in str(w.message)],
                sess.run(d, {shape: [3, 3]})]


@case
def dense_conversion_warns_when_huge(tf):
    s = tf.IndexedSlices(tf.ones([2, 3]), tf.constant([0, 1]), tf.constant([100000000, 3]))
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        d = tf.convert_to_tensor(s)
    return [d.name, [[w.category.__name__, str(w.message)] for w in seen if "IndexedSlices" in str(w.message)]]


@case
def dense_conversion_just_below_the_warning(tf):
    s = tf.IndexedSlices(tf.ones([2, 3]), tf.constant([0, 1]), tf.constant([33333333, 3]))
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        tf.convert_to_tensor(s)
    return [str(w.message) for w in seen if "IndexedSlices" in str(w.message)]


@case
def dense_conversion_errors(tf):
    return [raises(lambda: tf.convert_to_tensor(_slices(tf, dense_shape=False))),
            raises(lambda: tf.convert_to_tensor(_slices(tf), dtype=tf.int32)),
            raises(lambda: tf.convert_to_tensor(_slices(tf), dtype=tf.float32).name)]


@case
def dense_conversion_out_of_range_at_run_time(tf):
    s = tf.IndexedSlices(tf.ones([2, 2]), tf.constant([0, 5]), tf.constant([3, 2]))
    return run_error(tf, tf.convert_to_tensor(s))


@case
def convert_to_tensor_or_indexed_slices(tf):
    s = _slices(tf)
    t = tf.convert_to_tensor_or_indexed_slices([1.0, 2.0])
    return [tf.convert_to_tensor_or_indexed_slices(s) is s, t.name, t.dtype.name,
            raises(lambda: tf.convert_to_tensor_or_indexed_slices(s, dtype=tf.int32))]


@case
def ops_convert_slices_given_as_inputs(tf):
    s = _slices(tf)
    outs = [tf.multiply(s, 2.0), tf.add_n([s, tf.ones([4, 2])]), tf.reduce_sum(s), tf.identity(s)]
    with tf.Session() as sess:
        return [[o.name for o in outs], [[i.name for i in o.op.inputs] for o in outs], sess.run(outs)]


@case
def add_n_of_one_slices(tf):
    d = tf.add_n([_slices(tf)])
    return [d.name, d.op.type]


@case
def session_fetch(tf):
    s = _slices(tf)
    with tf.Session() as sess:
        v = sess.run(s)
        nested = sess.run({"s": s, "l": [s, s.values]})
        return [_value(v), _value(nested["s"]), _value(nested["l"][0]), nested["l"][1],
                v._fields, type(v).__name__]


@case
def session_fetch_without_dense_shape(tf):
    with tf.Session() as sess:
        return _value(sess.run(_slices(tf, dense_shape=False)))


@case
def session_feed(tf):
    values = tf.placeholder(tf.float32, [None, 2], name="v")
    indices = tf.placeholder(tf.int32, [None], name="i")
    shape = tf.placeholder(tf.int32, [2], name="s")
    s = tf.IndexedSlices(values, indices, shape)
    d = tf.convert_to_tensor(s)
    with tf.Session() as sess:
        fetched = sess.run(s, {s: ([[7.0, 8.0]], [2], [3, 2])})
        return [sess.run(d, {s: ([[1.0, 2.0]], [1], [3, 2])}),
                sess.run(d, {s: ([[1.0, 2.0], [3.0, 4.0]], [0, 0], [2, 2])}),
                _value(fetched), _value(sess.run(d, {s: fetched}) is not None and fetched),
                sess.run(d, {s: type(fetched)([[5.0, 5.0]], [0], [1, 2])})]


@case
def session_feed_without_dense_shape(tf):
    values = tf.placeholder(tf.float32, [None], name="v")
    indices = tf.placeholder(tf.int32, [None], name="i")
    s = tf.IndexedSlices(values, indices)
    doubled = s.values * 2.0
    with tf.Session() as sess:
        return sess.run([doubled, s.indices], {s: ([1.0, 2.0], [4, 5])})


@case
def indexed_slices_value_is_not_public(tf):
    with tf.Session() as sess:
        v = sess.run(_slices(tf))
    made = type(v)(values=np.ones((1, 2)), indices=[3], dense_shape=[5, 2])
    return [hasattr(tf, "IndexedSlicesValue"), v._fields, made.indices, repr(made).split("(")[0]]
