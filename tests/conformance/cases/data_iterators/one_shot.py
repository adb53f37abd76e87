"""One-shot iterators: the ops they add, ``get_next()``'s names and static shapes, the end of the
data, a fresh start per session, and what they refuse to capture."""

from tests.conformance.cases.data_dataset._helpers import graph_ops, next_values, structure
from tests.conformance.harness import case, names, raises, raises_last_line, shape_of


def _next_info(nxt):
    """Names and static shapes of a ``get_next()`` structure (dicts by key)."""
    if isinstance(nxt, dict):
        return {k: _next_info(v) for k, v in nxt.items()}
    if isinstance(nxt, (tuple, list)):
        return [_next_info(v) for v in nxt]
    return [nxt.name, nxt.dtype.name, shape_of(nxt)]


@case
def one_shot_graph_ops_and_names(tf):
    ds = tf.data.Dataset.from_tensor_slices(([1, 2, 3], [[1.0], [2.0], [3.0]]))
    start = len(tf.get_default_graph().get_operations())
    it = tf.data.make_one_shot_iterator(ds)
    nxt = it.get_next()
    return {"ops": graph_ops(tf, start), "next": _next_info(nxt)}


@case
def one_shot_method_and_dict_names(tf):
    ds = tf.data.Dataset.from_tensor_slices({"b": [1, 2], "a": [[1.0, 2.0], [3.0, 4.0]], "c": ["x", "y"]}).batch(2)
    it = ds.make_one_shot_iterator()
    return {"next": _next_info(it.get_next()), "ops": graph_ops(tf)}


@case
def one_shot_get_next_name_argument(tf):
    it = tf.data.make_one_shot_iterator(tf.data.Dataset.range(3))
    a = it.get_next(name="element")
    b = it.get_next()
    return [_next_info(a), _next_info(b), graph_ops(tf)[-3:]]


@case
def one_shot_two_iterators_in_one_graph(tf):
    x = tf.data.make_one_shot_iterator(tf.data.Dataset.range(2)).get_next()
    y = tf.data.make_one_shot_iterator(tf.data.Dataset.range(5, 7)).get_next()
    with tf.Session() as sess:
        got = [sess.run([x, y]), sess.run([x, y])]
    return {"names": names([x, y]), "values": got, "ops": graph_ops(tf)}


@case
def one_shot_end_of_sequence_stays(tf):
    nxt = tf.data.make_one_shot_iterator(tf.data.Dataset.range(1)).get_next()
    with tf.Session() as sess:
        return [int(sess.run(nxt)), raises_last_line(sess.run, nxt), raises_last_line(sess.run, nxt)]


@case
def one_shot_restarts_in_a_new_session(tf):
    nxt = tf.data.make_one_shot_iterator(tf.data.Dataset.range(3)).get_next()
    out = []
    for take in (2, 4):
        with tf.Session() as sess:
            out.append(next_values(tf, sess, nxt, take))
    return out


@case
def one_shot_structure_of_iterator(tf):
    ds = tf.data.Dataset.from_tensor_slices((["a"], {"n": [[1, 2]]})).batch(1, drop_remainder=True)
    it = tf.data.make_one_shot_iterator(ds)
    props = [it.output_types, it.output_shapes, it.output_classes]
    from tests.conformance.cases.data_dataset._helpers import plain  # only this case reads properties

    return {"functions": structure(tf, it), "properties": plain(props)}


@case
def one_shot_cannot_capture_variable(tf):
    v = tf.Variable(1, dtype=tf.int64)
    return raises(lambda: tf.data.make_one_shot_iterator(tf.data.Dataset.range(2).map(lambda x: x + v)))


@case
def one_shot_cannot_capture_placeholder(tf):
    p = tf.placeholder(tf.int64, [])
    return raises(lambda: tf.data.make_one_shot_iterator(tf.data.Dataset.range(2).map(lambda x: x + p)))


@case
def one_shot_runs_with_other_fetches(tf):
    nxt = tf.data.make_one_shot_iterator(tf.data.Dataset.range(10, 13)).get_next()
    total = tf.Variable(0, dtype=tf.int64)
    add = tf.assign_add(total, nxt)
    with tf.Session() as sess:
        sess.run(total.initializer)
        got = [sess.run(add) for _ in range(3)]
        return [got, raises_last_line(sess.run, add), int(sess.run(total))]
