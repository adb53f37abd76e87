"""Feedable iterators: ``Iterator.from_string_handle`` fed the ``string_handle()`` of other
iterators, switching between them, and a handle that is not one."""

from tests.conformance.cases.data_dataset._helpers import graph_ops, structure, value
from tests.conformance.harness import case, raises, raises_last_line, shape_of


def _feedable(tf, ds):
    handle = tf.placeholder(tf.string, shape=[], name="handle")
    it = tf.data.Iterator.from_string_handle(handle, tf.data.get_output_types(ds), tf.data.get_output_shapes(ds))
    return handle, it


@case
def feedable_graph_ops_and_names(tf):
    ds = tf.data.Dataset.range(4).batch(2, drop_remainder=True)
    start = len(tf.get_default_graph().get_operations())
    handle, it = _feedable(tf, ds)
    nxt = it.get_next()
    source = tf.data.make_one_shot_iterator(ds)
    h = source.string_handle()
    named = source.string_handle(name="my_handle")
    return {"ops": graph_ops(tf, start), "next": [nxt.name, shape_of(nxt)], "handles": [h.name, named.name],
            "handle_shape": shape_of(h), "handle_dtype": h.dtype.name, "structure": structure(tf, it)}


@case
def feedable_switches_between_iterators(tf):
    train = tf.data.Dataset.range(100).repeat()
    valid = tf.data.Dataset.range(1000, 1003)
    handle, it = _feedable(tf, train)
    nxt = it.get_next()
    train_it = tf.data.make_one_shot_iterator(train)
    valid_it = tf.data.make_initializable_iterator(valid)
    with tf.Session() as sess:
        th, vh = sess.run([train_it.string_handle(), valid_it.string_handle()])
        out = [value(sess.run(nxt, {handle: th})) for _ in range(3)]
        sess.run(valid_it.initializer)
        out.append([raises_last_line(sess.run, nxt, {handle: vh}) for _ in range(4)])
        out.append(value(sess.run(nxt, {handle: th})))
        sess.run(valid_it.initializer)
        out.append(value(sess.run(nxt, {handle: vh})))
    return [type(th).__name__, out]


@case
def feedable_handle_is_not_a_handle(tf):
    handle, it = _feedable(tf, tf.data.Dataset.range(2))
    nxt = it.get_next()
    with tf.Session() as sess:
        return raises_last_line(sess.run, nxt, {handle: b"not a handle"})


@case
def feedable_handle_of_other_structure(tf):
    handle, it = _feedable(tf, tf.data.Dataset.range(2))
    nxt = it.get_next()
    other = tf.data.make_one_shot_iterator(tf.data.Dataset.from_tensor_slices([1.0, 2.0]))
    with tf.Session() as sess:
        h = sess.run(other.string_handle())
        return raises_last_line(sess.run, nxt, {handle: h})


@case
def feedable_handle_must_be_string(tf):
    return raises(lambda: tf.data.Iterator.from_string_handle(tf.constant(1), tf.int64))


@case
def feedable_uninitialized_source(tf):
    ds = tf.data.Dataset.range(2)
    handle, it = _feedable(tf, ds)
    nxt = it.get_next()
    source = tf.data.make_initializable_iterator(ds)
    with tf.Session() as sess:
        h = sess.run(source.string_handle())
        return raises_last_line(sess.run, nxt, {handle: h})


@case
def feedable_dict_structure(tf):
    ds = tf.data.Dataset.from_tensor_slices({"img": [[1, 2], [3, 4]], "label": ["a", "b"]})
    handle = tf.placeholder(tf.string, [])
    it = tf.data.Iterator.from_string_handle(handle, ds.output_types, ds.output_shapes, ds.output_classes)
    nxt = it.get_next()
    src = tf.data.make_one_shot_iterator(ds)
    with tf.Session() as sess:
        h = sess.run(src.string_handle())
        got = [value(sess.run(nxt, {handle: h})), value(sess.run(nxt, {handle: h}))]
    return {"names": {k: v.name for k, v in nxt.items()}, "values": got}
