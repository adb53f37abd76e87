"""Gradients TensorFlow keeps sparse: gather (axis 0), embedding_lookup, gather_nd with one index
column; aggregation of several (``concat``) and with dense ones (``AddN``); where they turn dense."""

import numpy as np

from tests.conformance.harness import case, run, shape_of

_TABLE = np.arange(15, dtype=np.float32).reshape(5, 3) / 10.0


def _describe(g):
    """Type, names and static shapes of a gradient (an IndexedSlices or a tensor)."""
    if g is None:
        return None
    if type(g).__name__ == "IndexedSlices":
        shape = None if g.dense_shape is None else [g.dense_shape.name, shape_of(g.dense_shape)]
        return ["IndexedSlices", g.values.name, shape_of(g.values), g.indices.name, g.indices.dtype.name, shape,
                g.name, shape_of(g.shape)]
    return ["Tensor", g.name, shape_of(g)]


def _plain(v):
    if type(v).__name__ == "IndexedSlicesValue":
        return [v.values, v.indices, v.dense_shape]
    return v


def _grads(tf, loss, xs, prefix="gradients"):
    gs = tf.gradients(loss, xs)
    ops = [[op.name, op.type] for op in tf.get_default_graph().get_operations() if op.name.startswith(prefix)]
    live = [g for g in gs if g is not None]
    got = iter(run(tf, live))
    return [[_describe(g) for g in gs], ops, [None if g is None else _plain(next(got)) for g in gs]]


def _weights(tf, shape):
    w = np.arange(1, 1 + int(np.prod(shape)), dtype=np.float32).reshape(shape) % 4 - 1.5
    return tf.constant(w, name="weights")


@case
def gather_of_a_variable(tf):
    w = tf.Variable(_TABLE, name="w")
    e = tf.gather(w, [1, 3, 1])
    return _grads(tf, tf.reduce_sum(e * _weights(tf, [3, 3])), [w])


@case
def gather_of_a_constant(tf):
    x = tf.constant(_TABLE, name="x")
    e = tf.gather(x, [[0, 4], [4, 2]])
    return _grads(tf, tf.reduce_sum(e * _weights(tf, [2, 2, 3])), [x])


@case
def gather_of_a_placeholder_of_unknown_shape(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    ids = tf.placeholder(tf.int32, [None], name="ids")
    (g,) = tf.gradients(tf.reduce_sum(tf.gather(x, ids)), [x])
    with tf.Session() as sess:
        return [_describe(g), _plain(sess.run(g, {x: _TABLE, ids: [4, 4, 0]}))]


@case
def gather_with_int64_indices(tf):
    w = tf.Variable(_TABLE, name="w")
    e = tf.gather(w, tf.constant([2, 0], tf.int64))
    return _grads(tf, tf.reduce_sum(e), [w])


@case
def gather_along_axis_1_is_dense(tf):
    w = tf.Variable(_TABLE, name="w")
    e = tf.gather(w, [2, 0], axis=1)
    return _grads(tf, tf.reduce_sum(e * _weights(tf, [5, 2])), [w])


@case
def gather_of_a_1d_variable(tf):
    w = tf.Variable([1.0, 2.0, 3.0, 4.0], name="w")
    return _grads(tf, tf.reduce_sum(tf.gather(w, [3, 3, 0]) * tf.constant([1.0, 2.0, 3.0])), [w])


@case
def embedding_lookup_of_a_variable(tf):
    w = tf.Variable(_TABLE, name="emb")
    e = tf.nn.embedding_lookup(w, [[0, 1], [1, 4]])
    return _grads(tf, tf.reduce_sum(e * _weights(tf, [2, 2, 3])), [w])


@case
def two_gathers_concatenate(tf):
    w = tf.Variable(_TABLE, name="w")
    loss = tf.reduce_sum(tf.gather(w, [0, 2])) + tf.reduce_sum(tf.gather(w, [2]) * 3.0)
    return _grads(tf, loss, [w])


@case
def three_gathers_concatenate(tf):
    w = tf.Variable(_TABLE, name="w")
    loss = tf.add_n([tf.reduce_sum(tf.gather(w, [i, 4 - i])) for i in range(3)])
    return _grads(tf, loss, [w])


@case
def gathers_with_int32_and_int64_indices(tf):
    w = tf.Variable(_TABLE, name="w")
    loss = tf.reduce_sum(tf.gather(w, [0, 2])) + tf.reduce_sum(tf.gather(w, tf.constant([1], tf.int64)))
    return _grads(tf, loss, [w])


@case
def gather_and_dense_use_add_n(tf):
    w = tf.Variable(_TABLE, name="w")
    loss = tf.reduce_sum(tf.gather(w, [1, 1])) + tf.reduce_sum(w * w)
    return _grads(tf, loss, [w])


@case
def dense_use_then_gather_use_add_n(tf):
    w = tf.Variable(_TABLE, name="w")
    loss = tf.reduce_sum(tf.square(w)) + tf.reduce_sum(tf.gather(w, [4]))
    return _grads(tf, loss, [w])


@case
def gather_through_identity_stays_sparse(tf):
    w = tf.Variable(_TABLE, name="w")
    e = tf.gather(tf.identity(w), [3])
    return _grads(tf, tf.reduce_sum(e), [w])


@case
def gather_of_a_product_turns_dense(tf):
    w = tf.Variable(_TABLE, name="w")
    e = tf.gather(w * 2.0, [3, 0])
    return _grads(tf, tf.reduce_sum(e * _weights(tf, [2, 3])), [w])


@case
def gather_of_a_gather(tf):
    w = tf.Variable(_TABLE, name="w")
    e = tf.gather(tf.gather(w, [4, 3, 2]), [0, 0, 2])
    return _grads(tf, tf.reduce_sum(e * _weights(tf, [3, 3])), [w])


@case
def gather_nd_with_one_index_column(tf):
    w = tf.Variable(_TABLE, name="w")
    e = tf.gather_nd(w, [[1], [3], [1]])
    return _grads(tf, tf.reduce_sum(e * _weights(tf, [3, 3])), [w])


@case
def gather_nd_with_two_index_columns_is_dense(tf):
    w = tf.Variable(_TABLE, name="w")
    e = tf.gather_nd(w, [[1, 0], [3, 2]])
    return _grads(tf, tf.reduce_sum(e), [w])


@case
def gradient_with_respect_to_the_read_value(tf):
    w = tf.Variable(_TABLE, name="w")
    e = tf.gather(w, [1])
    return _grads(tf, tf.reduce_sum(e), [w.value(), w])


@case
def gradients_of_two_tables(tf):
    a = tf.Variable(_TABLE, name="a")
    b = tf.Variable(_TABLE * 2.0, name="b")
    loss = tf.reduce_sum(tf.gather(a, [0]) * tf.gather(b, [1, 2]))
    return _grads(tf, loss, [a, b])


@case
def unconnected_gradients_zero(tf):
    a = tf.Variable(_TABLE, name="a")
    b = tf.Variable(_TABLE, name="b")
    gs = tf.gradients(tf.reduce_sum(tf.gather(a, [0])), [a, b], unconnected_gradients="zero")
    return [_describe(g) for g in gs]


@case
def gather_gradient_with_grad_ys(tf):
    w = tf.Variable(_TABLE, name="w")
    e = tf.gather(w, [1, 2])
    (g,) = tf.gradients(e, [w], grad_ys=tf.constant(np.ones((2, 3), np.float32) * 0.5))
    return [_describe(g), _plain(run(tf, g))]


@case
def second_gradient_through_a_sparse_gradient(tf):
    w = tf.Variable(_TABLE, name="w")
    e = tf.gather(w, [1, 2])
    (g,) = tf.gradients(tf.reduce_sum(e * e), [w])
    (gg,) = tf.gradients(tf.reduce_sum(g.values * g.values), [w])
    return [_describe(gg), _plain(run(tf, gg))]


@case
def compute_gradients_returns_slices(tf):
    w = tf.Variable(_TABLE, name="w")
    b = tf.Variable([1.0, 2.0, 3.0], name="b")
    loss = tf.reduce_sum(tf.gather(w, [0, 4]) * b)
    gv = tf.train.GradientDescentOptimizer(0.1).compute_gradients(loss)
    return [[_describe(g), v.name] for g, v in gv]


@case
def aggregation_methods_with_slices(tf):
    out = []
    for i, method in enumerate([tf.AggregationMethod.ADD_N, tf.AggregationMethod.EXPERIMENTAL_TREE,
                                tf.AggregationMethod.EXPERIMENTAL_ACCUMULATE_N]):
        w = tf.Variable(_TABLE, name=f"w{i}")
        loss = tf.reduce_sum(tf.gather(w, [0])) + tf.reduce_sum(tf.gather(w, [1])) + tf.reduce_sum(w)
        (g,) = tf.gradients(loss, [w], aggregation_method=method)
        out.append(_describe(g))
    return out


def _sparse_ids(tf):
    return tf.SparseTensor([[0, 0], [0, 1], [1, 0], [2, 0], [2, 1]], tf.constant([1, 3, 1, 4, 1], tf.int64), [3, 2])


@case
def embedding_lookup_sparse_gradients(tf):
    out = []
    for i, combiner in enumerate(("sum", "mean", "sqrtn")):
        w = tf.Variable(_TABLE, name=f"emb_{combiner}")
        e = tf.nn.embedding_lookup_sparse(w, _sparse_ids(tf), None, combiner=combiner)
        out.append(_grads(tf, tf.reduce_sum(e * e), [w], prefix="gradients" if i == 0 else f"gradients_{i}"))
    return out


@case
def embedding_lookup_sparse_with_weights_gradients(tf):
    w = tf.Variable(_TABLE, name="emb")
    ids = tf.placeholder(tf.int64, [5], name="ids")  # fed: TF folds Unique of constant ids into static shapes
    sp_ids = tf.SparseTensor([[0, 0], [0, 1], [1, 0], [2, 0], [2, 1]], ids, [3, 2])
    weights = tf.SparseTensor([[0, 0], [0, 1], [1, 0], [2, 0], [2, 1]], tf.constant([1.0, 2.0, 0.5, 1.0, 3.0]),
                              [3, 2])
    e = tf.nn.embedding_lookup_sparse(w, sp_ids, weights, combiner="mean")
    (g,) = tf.gradients(tf.reduce_sum(e * e), [w])
    return [_describe(g), _plain(run(tf, g, {ids: [1, 3, 1, 4, 1]}))]


@case
def embedding_lookup_sparse_trains_with_adagrad(tf):
    w = tf.Variable(_TABLE, name="emb")
    e = tf.nn.embedding_lookup_sparse(w, _sparse_ids(tf), None, combiner="sqrtn")
    train = tf.train.AdagradOptimizer(0.5).minimize(tf.reduce_sum(tf.square(e - 1.0)))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(2):
            sess.run(train)
        return sess.run(w)


@case
def gather_of_a_reshape_turns_dense_quietly(tf):
    w = tf.Variable(_TABLE, name="w")
    e = tf.gather(tf.reshape(w, [3, 5]), [1, 1])
    return _grads(tf, tf.reduce_sum(e * _weights(tf, [2, 5])), [w])


@case
def gather_of_squeeze_and_expand_dims(tf):
    w = tf.Variable(_TABLE, name="w")
    e = tf.gather(tf.squeeze(tf.expand_dims(w, 0), 0), [4])
    return _grads(tf, tf.reduce_sum(e), [w])


@case
def gather_of_a_cast_stays_sparse(tf):
    w = tf.Variable(_TABLE.astype(np.float64), name="w")
    e = tf.gather(tf.cast(w, tf.float32), [0, 3, 0])
    return _grads(tf, tf.reduce_sum(e * _weights(tf, [3, 3])), [w])


@case
def cast_of_slices(tf):
    s = tf.IndexedSlices(tf.constant([[1.5, 2.5]]), tf.constant([1]), tf.constant([3, 2]))
    c = tf.cast(s, tf.float64, name="c")
    same = tf.cast(s, tf.float32)
    return [type(c).__name__, c.values.name, c.dtype.name, c.indices.name, same.values.name]


@case
def gather_of_a_concat_along_axis_0(tf):
    a = tf.Variable(_TABLE[:2], name="a")
    b = tf.Variable(_TABLE[2:] * 2.0, name="b")
    e = tf.gather(tf.concat([a, b], 0), [0, 3, 4, 3])
    return _grads(tf, tf.reduce_sum(e * _weights(tf, [4, 3])), [a, b])


@case
def gather_of_a_concat_along_axis_1(tf):
    a = tf.Variable(_TABLE, name="a")
    b = tf.Variable(_TABLE[:, :2], name="b")
    e = tf.gather(tf.concat([a, b], 1), [1, 1, 4])
    return _grads(tf, tf.reduce_sum(e * _weights(tf, [3, 5])), [a, b])


@case
def gather_of_a_concat_along_axis_minus_1(tf):
    a = tf.Variable(_TABLE, name="a")
    b = tf.Variable(_TABLE[:, :1], name="b")
    e = tf.gather(tf.concat([a, b, a], -1), [2])
    return _grads(tf, tf.reduce_sum(e * _weights(tf, [1, 7])), [a, b])


@case
def gather_of_a_concat_with_int64_indices(tf):
    a = tf.Variable(_TABLE[:3], name="a")
    b = tf.Variable(_TABLE[3:], name="b")
    e = tf.gather(tf.concat([a, b], 0), tf.constant([4, 0], tf.int64))
    return _grads(tf, tf.reduce_sum(e), [a, b])


@case
def gather_of_a_concat_with_a_placeholder_axis(tf):
    from tests.conformance.harness import raises
    a = tf.Variable(_TABLE, name="a")
    axis = tf.placeholder(tf.int32, [], name="axis")
    e = tf.gather(tf.concat([a, a], axis), [1])
    return raises(lambda: tf.gradients(tf.reduce_sum(e), [a]))


@case
def gated_gradients_keep_slices(tf):
    a = tf.Variable(_TABLE[:2], name="a")
    b = tf.Variable(_TABLE[2:], name="b")
    loss = tf.reduce_sum(tf.gather(tf.concat([a, b], 0), [0, 3, 4, 3]))
    opt = tf.train.AdagradOptimizer(0.1)
    out = []
    for gate in (tf.train.Optimizer.GATE_OP, tf.train.Optimizer.GATE_GRAPH, tf.train.Optimizer.GATE_NONE):
        gv = opt.compute_gradients(loss, gate_gradients=gate)
        out.append([_describe(g) for g, _ in gv])
    ops = [[op.name, op.type, [t.name for t in op.inputs], sorted(c.name for c in op.control_inputs)]
           for op in tf.get_default_graph().get_operations() if "tuple" in op.name]
    return [out, ops]


@case
def tuple_of_slices_and_tensors(tf):
    s = tf.IndexedSlices(tf.constant([[1.0, 2.0]], name="v"), tf.constant([1], name="i"), tf.constant([3, 2]))
    t = tf.constant([1.0], name="t")
    out = tf.tuple([s, None, t])
    with tf.Session() as sess:
        got = sess.run([out[0], out[2]])
    return [_describe(out[0]), out[1], _describe(out[2]), out[0].values.op.control_inputs[0].name,
            _plain(got[0]), got[1]]


@case
def grad_ys_given_as_slices(tf):
    from tests.conformance.harness import raises
    x = tf.Variable(_TABLE[:3, :2], name="x")
    gy = tf.IndexedSlices(tf.constant([[1.0, 1.0]]), tf.constant([2]), tf.constant([3, 2]))
    gs = tf.gradients(x * 2.0, [x], grad_ys=[gy])
    ops = [[op.name, op.type, [t.name for t in op.inputs]] for op in tf.get_default_graph().get_operations()
           if op.name.startswith("gradients/grad_ys")]
    bad = raises(lambda: tf.gradients(tf.gather(x, [0]), [x], grad_ys=gy))
    return [[_describe(g) for g in gs], ops, _plain(run(tf, gs[0])), bad]
