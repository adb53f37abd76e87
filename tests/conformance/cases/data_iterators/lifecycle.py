"""Iterator life cycle and odd corners: sessions closed mid-iteration (prefetch and parallel map
threads stopped), empty datasets, several ``get_next()`` ops in one run, the error's code,
handles, and SparseTensor elements through ``get_next()``."""

from tests.conformance.cases.data_dataset._helpers import next_values, plain, structure, value
from tests.conformance.harness import case, raises, raises_last_line, shape_of


@case
def session_closed_mid_iteration(tf):
    ds = tf.data.Dataset.range(50).map(lambda x: x * 2, num_parallel_calls=4).prefetch(8)
    it = tf.data.make_initializable_iterator(ds)
    nxt = it.get_next()
    out = []
    for _ in range(3):
        sess = tf.Session()
        sess.run(it.initializer)
        out.append([int(sess.run(nxt)) for _ in range(3)])
        sess.close()
    with tf.Session() as sess:
        sess.run(it.initializer)
        out.append(len(next_values(tf, sess, nxt)))
    return out


@case
def run_on_a_closed_session(tf):
    nxt = tf.data.make_one_shot_iterator(tf.data.Dataset.range(5).prefetch(2)).get_next()
    sess = tf.Session()
    first = int(sess.run(nxt))
    sess.close()
    return [first, raises(sess.run, nxt)]


@case
def empty_dataset_ends_at_once(tf):
    nxt = tf.data.make_one_shot_iterator(tf.data.Dataset.range(0).batch(4)).get_next()
    with tf.Session() as sess:
        return [raises_last_line(sess.run, nxt), shape_of(nxt)]


@case
def out_of_range_error_details(tf):
    nxt = tf.data.make_one_shot_iterator(tf.data.Dataset.range(0)).get_next()
    with tf.Session() as sess:
        try:
            sess.run(nxt)
        except tf.errors.OutOfRangeError as e:
            return [type(e).__name__, e.error_code, e.op.name if e.op is not None else None,
                    isinstance(e, tf.errors.OpError), e.node_def.op if e.node_def is not None else None]
    return "no error"


@case
def two_get_next_in_one_run(tf):
    it = tf.data.make_one_shot_iterator(tf.data.Dataset.range(4))
    a, b = it.get_next(), it.get_next()
    with tf.Session() as sess:
        first = sorted(int(v) for v in sess.run([a, b]))
        second = sorted(int(v) for v in sess.run([a, b]))
        return [first, second, raises_last_line(sess.run, [a, b])]


@case
def one_shot_has_no_initializer(tf):
    it = tf.data.make_one_shot_iterator(tf.data.Dataset.range(2))
    return raises(lambda: it.initializer)


@case
def string_handle_is_stable(tf):
    it = tf.data.make_one_shot_iterator(tf.data.Dataset.range(2))
    h = it.string_handle()
    with tf.Session() as sess:
        a, b = sess.run(h), sess.run(h)
        return [type(a).__name__, a == b, h.name, shape_of(h)]


@case
def sparse_get_next(tf):
    st = tf.SparseTensor(indices=[[0, 1], [2, 0]], values=["a", "b"], dense_shape=[3, 2])
    it = tf.data.make_one_shot_iterator(tf.data.Dataset.from_tensor_slices(st))
    nxt = it.get_next()
    with tf.Session() as sess:
        got = [value(sess.run(nxt)) for _ in range(3)]
    return {"type": type(nxt).__name__, "indices": nxt.indices.name, "values": nxt.values.name,
            "dense_shape": nxt.dense_shape.name, "shape": shape_of(nxt.shape), "got": got,
            "structure": structure(tf, it)}


@case
def from_structure_with_sparse_classes(tf):
    ds = tf.data.Dataset.from_tensors(tf.SparseTensor([[0]], [1.5], [2]))
    it = tf.data.Iterator.from_structure(ds.output_types, ds.output_shapes, output_classes=ds.output_classes)
    nxt = it.get_next()
    init = it.make_initializer(ds)
    with tf.Session() as sess:
        sess.run(init)
        got = value(sess.run(nxt))
    return {"classes": plain(it.output_classes), "next": type(nxt).__name__, "got": got}


@case
def iterator_in_a_named_scope(tf):
    with tf.name_scope("input"):
        ds = tf.data.Dataset.range(3).batch(2)
        it = tf.data.make_initializable_iterator(ds)
        nxt = it.get_next()
    return [[op.name, op.type] for op in tf.get_default_graph().get_operations()] + [nxt.name]


@case
def get_next_inside_a_while_loop(tf):
    it = tf.data.make_one_shot_iterator(tf.data.Dataset.range(1, 100))

    def body(i, total):
        return i + 1, total + it.get_next()

    _, total = tf.while_loop(lambda i, t: i < 4, body, [tf.constant(0), tf.constant(0, tf.int64)])
    with tf.Session() as sess:
        return [int(sess.run(total)), int(sess.run(total))]


@case
def get_next_inside_a_cond(tf):
    it = tf.data.make_one_shot_iterator(tf.data.Dataset.range(10, 20))
    flag = tf.placeholder(tf.bool, [])
    out = tf.cond(flag, lambda: it.get_next(), lambda: tf.constant(-1, tf.int64))
    with tf.Session() as sess:
        return [int(sess.run(out, {flag: f})) for f in (True, False, True, False, True)]
