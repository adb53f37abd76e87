"""Reinitializable iterators: ``Iterator.from_structure`` + ``make_initializer`` switching
datasets, their ops and names, and structure mismatches."""

from tests.conformance.cases.data_dataset._helpers import graph_ops, next_values, structure
from tests.conformance.harness import case, raises, raises_last_line, shape_of


@case
def from_structure_graph_ops(tf):
    train = tf.data.Dataset.range(3).batch(2)
    start = len(tf.get_default_graph().get_operations())
    it = tf.data.Iterator.from_structure(tf.data.get_output_types(train), tf.data.get_output_shapes(train))
    nxt = it.get_next()
    init = it.make_initializer(train)
    named = it.make_initializer(train, name="use_train")
    return {"ops": graph_ops(tf, start), "next": [nxt.name, shape_of(nxt)], "inits": [init.name, named.name],
            "structure": structure(tf, it)}


@case
def from_structure_switches_datasets(tf):
    train = tf.data.Dataset.range(5).map(lambda x: (x, tf.cast(x, tf.float32)))
    valid = tf.data.Dataset.from_tensor_slices(([100, 200], [0.5, 0.25])).map(lambda a, b: (tf.cast(a, tf.int64), b))
    it = tf.data.Iterator.from_structure(train.output_types, train.output_shapes)
    nxt = it.get_next()
    to_train, to_valid = it.make_initializer(train), it.make_initializer(valid)
    out = []
    with tf.Session() as sess:
        sess.run(to_train)
        out.append(next_values(tf, sess, nxt, 2))
        sess.run(to_valid)
        out.append(next_values(tf, sess, nxt))
        sess.run(to_train)
        out.append(next_values(tf, sess, nxt))
    return out


@case
def from_structure_less_specific_shapes(tf):
    it = tf.data.Iterator.from_structure(tf.int64, tf.TensorShape([None]))
    nxt = it.get_next()
    a = tf.data.Dataset.range(5).batch(2)
    b = tf.data.Dataset.range(3).batch(3, drop_remainder=True)
    ia, ib = it.make_initializer(a), it.make_initializer(b)
    with tf.Session() as sess:
        sess.run(ib)
        got_b = next_values(tf, sess, nxt)
        sess.run(ia)
        return [shape_of(nxt), got_b, next_values(tf, sess, nxt)]


@case
def from_structure_without_shapes(tf):
    it = tf.data.Iterator.from_structure((tf.int64, tf.string))
    x, s = it.get_next()
    return [shape_of(x), shape_of(s), structure(tf, it)]


@case
def from_structure_dict_and_names(tf):
    ds = tf.data.Dataset.from_tensor_slices({"x": [[1.0, 2.0]], "y": [3]})
    it = tf.data.Iterator.from_structure(ds.output_types, ds.output_shapes, shared_name="shared",
                                         output_classes=ds.output_classes)
    nxt = it.get_next()
    return {k: [v.name, shape_of(v)] for k, v in nxt.items()}


@case
def from_structure_type_mismatch(tf):
    it = tf.data.Iterator.from_structure(tf.int64, tf.TensorShape([]))
    return [raises(lambda: it.make_initializer(tf.data.Dataset.from_tensor_slices([1.0, 2.0]))),
            raises(lambda: it.make_initializer(tf.data.Dataset.zip((tf.data.Dataset.range(2),) * 2)))]


@case
def from_structure_shape_mismatch(tf):
    it = tf.data.Iterator.from_structure(tf.int64, tf.TensorShape([2]))
    nxt = it.get_next()
    out = []
    for ds in (tf.data.Dataset.range(4).batch(3, drop_remainder=True), tf.data.Dataset.range(4).batch(3)):
        init = raises(lambda d=ds: it.make_initializer(d).type)
        if "error" in init:
            out.append(init)
            continue
        with tf.Session() as sess:
            sess.run(it.make_initializer(ds))
            out.append([init, raises_last_line(sess.run, nxt), raises_last_line(sess.run, nxt)])
    return out


@case
def from_structure_not_initialized(tf):
    it = tf.data.Iterator.from_structure(tf.float32, tf.TensorShape([]))
    nxt = it.get_next()
    with tf.Session() as sess:
        return raises_last_line(sess.run, nxt)


@case
def from_structure_mismatched_shapes_argument(tf):
    return [raises(lambda: tf.data.Iterator.from_structure((tf.int64, tf.int64), tf.TensorShape([]))),
            raises(lambda: tf.data.Iterator.from_structure({"a": tf.int64}, {"b": tf.TensorShape([])}))]
