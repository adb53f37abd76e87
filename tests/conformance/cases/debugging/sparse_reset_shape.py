"""``tf.sparse.reset_shape``: its graph, and the assertions TF builds when the new shape is
not known while building (``assert_equal`` on the ranks, ``assert_less_equal`` on the sizes)."""

from tests.conformance.cases.debugging._helpers import graph_ops, run_last_line
from tests.conformance.harness import case, raises


def _sp(tf):
    return tf.SparseTensor([[0, 1], [2, 0]], [1.5, 2.5], [5, 6])


@case
def reset_shape_tightest(tf):
    out = tf.sparse.reset_shape(_sp(tf))
    with tf.Session() as sess:
        shape = sess.run(out.dense_shape).tolist()
    return {"ops": graph_ops(tf), "shape": shape, "names": [out.indices.name, out.values.name, out.dense_shape.name]}


@case
def reset_shape_known_new_shape(tf):
    out = tf.sparse_reset_shape(_sp(tf), [7, 8])
    with tf.Session() as sess:
        shape = sess.run(out.dense_shape).tolist()
    return [out.dense_shape.name, shape, raises(lambda: tf.sparse.reset_shape(_sp(tf), [4, 8])),
            raises(lambda: tf.sparse.reset_shape(_sp(tf), [4, 8, 1])),
            raises(lambda: tf.sparse.reset_shape(_sp(tf), 4))]


@case
def reset_shape_fed_new_shape(tf):
    new_shape = tf.placeholder(tf.int32, [None], name="new_shape")
    out = tf.sparse.reset_shape(_sp(tf), new_shape)
    with tf.Session() as sess:
        ok = sess.run(out.dense_shape, {new_shape: [6, 6]}).tolist()
    return {"ops": graph_ops(tf), "ok": ok, "small": run_last_line(tf, out.dense_shape, {new_shape: [4, 8]}),
            "rank": run_last_line(tf, out.dense_shape, {new_shape: [9, 9, 9]})}


@case
def reset_shape_of_a_placeholder(tf):
    sp = tf.sparse_placeholder(tf.float32, name="sp")
    out = tf.sparse.reset_shape(sp, [3, 3])
    feed = {sp: tf.SparseTensorValue([[0, 0]], [1.0], [4, 2])}
    return [out.dense_shape.name, run_last_line(tf, out.dense_shape, feed)]
