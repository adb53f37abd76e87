"""``tf.SparseTensor`` / ``tf.SparseTensorValue``: construction, static shapes, session fetches and
feeds, ``tf.sparse_placeholder``."""

import numpy as np

from tests.conformance.cases.sparse._helpers import ops, plain, run, static
from tests.conformance.harness import case, error_class, raises


@case
def sparse_tensor_constructor_names_and_shapes(tf):
    a = tf.SparseTensor([[0, 0], [1, 2]], [1.0, 2.0], [3, 4])
    b = tf.SparseTensor([[0, 0]], [1], [3, 4])
    with tf.name_scope("scope"):
        c = tf.sparse.SparseTensor(np.array([[0, 1, 2]]), np.array([True]), np.array([2, 3, 4], np.int32))
    return [static(a), static(b), static(c), repr(a), a.op.name, a.graph is tf.get_default_graph(),
            ops(tf.get_default_graph())]


@case
def sparse_tensor_static_shape_from_dense_shape(tf):
    p = tf.placeholder(tf.int64, [None])
    q = tf.placeholder(tf.int64, [3])
    r = tf.placeholder(tf.int64, [2])
    stacked = tf.SparseTensor([[0, 0]], [1], tf.stack([tf.constant(5, tf.int64), r[0]]))
    out = [tf.SparseTensor([[0, 0]], [1], p).shape, tf.SparseTensor([[0, 0, 0]], [1], q).shape,
           stacked.get_shape(), tf.SparseTensor(tf.zeros([0, 2], tf.int64), tf.zeros([0]), [0, 0]).shape]
    return [None if s.ndims is None else s.as_list() for s in out]


@case
def sparse_tensor_constructor_errors(tf):
    p = tf.placeholder(tf.int32, [None, 2])
    return [raises(tf.SparseTensor, [[0, 0]], [1], [[3, 4]]),
            raises(tf.SparseTensor, [[0, 0]], [1, 2], [3, 4]),
            raises(tf.SparseTensor, [0, 0], [1], [3, 4]),
            raises(tf.SparseTensor, [[0.5, 0]], [1], [3, 4]),
            raises(tf.SparseTensor, [[0, 0]], [[1]], [3, 4]),
            raises(tf.SparseTensor, [[0, 0, 0]], [1], [3, 4]),
            raises(tf.SparseTensor, p, [1], [3, 4]),
            raises(tf.SparseTensor.from_value, [[0]])]


@case
def sparse_tensor_value_namedtuple(tf):
    v = tf.SparseTensorValue([[0, 1]], [5], [2, 3])
    st = tf.SparseTensor.from_value(v)
    return [repr(v), list(v._fields), v.indices, v.dense_shape, static(st),
            type(tf.SparseTensor.from_value(st)).__name__]


@case
def sparse_tensor_set_shape_and_with_values(tf):
    p = tf.placeholder(tf.int64, [2])
    st = tf.SparseTensor([[0, 0]], [1.0], p)
    before = st.shape.as_list()
    st.set_shape([3, None])
    after = st.shape.as_list()
    err = raises(st.set_shape, [4, 4])
    w = st.with_values(tf.constant([7], tf.int64))
    return [before, after, err, static(w), w.indices is st.indices]


@case
def sparse_tensor_consumers(tf):
    st = tf.SparseTensor([[0, 0], [1, 1]], [1.0, 2.0], [2, 2])
    d = tf.sparse.to_dense(st)
    s = tf.sparse.reduce_sum(st)
    return sorted(op.name for op in st.consumers()) + [d.op.name, s.op.name]  # TF's order is a set's


@case
def session_fetches_sparse_tensor_in_structures(tf):
    st = tf.SparseTensor([[0, 0], [1, 2]], [1.0, 2.0], [3, 4])
    d = tf.sparse.to_dense(st)
    with tf.Session() as sess:
        one = sess.run(st)
        nested = sess.run({"a": [st, d], "b": (st.values, st)})
        ev = st.eval(session=sess)
    return [type(one).__name__, plain(one), plain(nested), plain(ev)]


@case
def session_feeds_sparse_tensor(tf):
    sp = tf.sparse_placeholder(tf.float32, shape=[3, 4])
    d = tf.sparse.to_dense(sp)
    v = tf.SparseTensorValue([[0, 0], [2, 3]], [1.0, 2.0], [3, 4])
    return [run(tf, d, {sp: v}),
            run(tf, [d, sp], {sp: ([[1, 1]], [5.0], [3, 4])}),
            run(tf, d, {sp: ([[1, 1]], [5.0])}),
            run(tf, sp.values, {sp.values: [3.0], sp.indices: [[0, 1]]}),
            run(tf, {"x": sp}, {sp: (np.array([[0, 0]]), np.array([9.0], np.float32), np.array([3, 4]))})]


@case
def session_feed_errors_with_sparse_tensor(tf):
    sp = tf.sparse_placeholder(tf.float32, shape=[3, 4])
    with tf.Session() as sess:
        return [raises(sess.run, sp, {sp: 5}),
                raises(sess.run, sp.values, {sp: ([[0, 0]], [[1.0]], [3, 4])}),
                raises(sess.run, sp.values, {sp: ([[0, 0, 0]], [1.0], [3, 4])})]


@case
def sparse_placeholder_names_and_shapes(tf):
    a = tf.sparse_placeholder(tf.float32)
    b = tf.sparse_placeholder(tf.float32, shape=[3, 4], name="x")
    c = tf.sparse_placeholder(tf.int32, shape=[None, 4])
    d = tf.sparse.placeholder(tf.int32, shape=np.array([3, -1]), name="y")
    e = tf.sparse_placeholder(tf.string, shape=tf.constant([2, 5], tf.int64))
    return [static(x) for x in (a, b, c, d, e)] + [ops(tf.get_default_graph())]


@case
def sparse_placeholder_default_dense_shape_runs(tf):
    sp = tf.sparse_placeholder(tf.float32, shape=[2, 3])
    return [run(tf, sp, {sp.indices: [[1, 2]], sp.values: [4.0]}),
            run(tf, sp.dense_shape, {sp: ([[0, 0]], [1.0], [5, 5])})]


@case
def make_callable_with_sparse_feed_and_fetch(tf):
    sp = tf.sparse_placeholder(tf.float32)
    total = tf.sparse.reduce_sum(sp)
    v = tf.SparseTensorValue([[0, 0], [1, 1]], [1.0, 2.0], [2, 2])
    with tf.Session() as sess:
        f = sess.make_callable([total, sp], [sp])
        first, second = f(v), f(([[0, 1]], [5.0], [1, 3]))
        g = sess.make_callable(sp)
        shaped = tf.sparse_placeholder(tf.float32, shape=[2, 2])
        h = sess.make_callable(shaped, [shaped])
        return [plain(first), plain(second), error_class(lambda: g()), plain(h(([[1, 1]], [3.0])))]
