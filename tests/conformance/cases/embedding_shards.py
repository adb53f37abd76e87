"""``tf.nn.embedding_lookup`` over a list of shards (``mod`` and ``div``), ``max_norm``, and
``tf.nn.embedding_lookup_sparse`` over shards: graphs, names, static shapes, values, gradients
(as dense values: TF's are ``IndexedSlices``) and errors."""

import numpy as np

from tests.conformance.cases._nn_helpers import describe, static
from tests.conformance.harness import case, op_summary, raises, run_error


def _shards(tf, rows=(4, 3, 3), dim=2, dtype=np.float32):
    return [tf.constant(np.arange(r * dim, dtype=dtype).reshape(r, dim) + 100 * i, name=f"shard{i}")
            for i, r in enumerate(rows)]


def _fed_shards(tf, rows=(4, 3, 3), dim=2, shape=None):
    return [tf.placeholder_with_default(np.arange(r * dim, dtype=np.float32).reshape(r, dim) + 100 * i,
                                        shape or [r, dim], name=f"shard{i}") for i, r in enumerate(rows)]


@case
def mod_three_shards_2d_ids(tf):
    ids = tf.placeholder(tf.int32, [None, 2], name="ids")
    return describe(tf, tf.nn.embedding_lookup(_shards(tf), ids), {ids: [[0, 5], [9, 3], [7, 1]]})


@case
def div_uneven_shards_int64_ids(tf):
    ids = tf.constant([0, 5, 9, 3, 4, 6], tf.int64)
    return describe(tf, tf.nn.embedding_lookup(_shards(tf), ids, partition_strategy="div"))


@case
def div_even_shards(tf):
    return describe(tf, tf.nn.embedding_lookup(_shards(tf, (3, 3)), [5, 0, 3, 2], partition_strategy="div",
                                               name="lookup"))


@case
def div_unknown_shard_sizes(tf):
    shards = _fed_shards(tf, (4, 3), shape=[None, 2])
    return describe(tf, tf.nn.embedding_lookup(shards, [1, 6, 4, 3], partition_strategy="div"))


@case
def mod_unknown_row_shape(tf):
    shards = _fed_shards(tf, (4, 3), shape=[None, None])
    return describe(tf, tf.nn.embedding_lookup(shards, tf.constant([[1, 6], [4, 3]])))


@case
def mod_scalar_id(tf):
    return describe(tf, tf.nn.embedding_lookup(_shards(tf), 7))


@case
def two_shards_of_3d_rows(tf):
    shards = [tf.constant(np.arange(12, dtype=np.float64).reshape(3, 2, 2) * (i + 1)) for i in range(2)]
    return describe(tf, tf.nn.embedding_lookup(shards, [[5, 0], [1, 2]]))


@case
def max_norm_one_table(tf):
    params = np.arange(12, dtype=np.float32).reshape(4, 3)
    return describe(tf, tf.nn.embedding_lookup(params, [3, 0, 1], max_norm=2.0))


@case
def max_norm_shards(tf):
    ids = tf.constant([[0, 5], [8, 3]])
    return describe(tf, tf.nn.embedding_lookup(_shards(tf), ids, partition_strategy="div", max_norm=5.0))


@case
def max_norm_unknown_rank_ids(tf):
    ids = tf.placeholder(tf.int32, None, name="ids")
    return describe(tf, tf.nn.embedding_lookup(_shards(tf), ids, max_norm=3.0), {ids: [[1, 2, 3]]})


@case
def numpy_table_named_params_0(tf):
    return describe(tf, tf.nn.embedding_lookup(np.ones((4, 2), np.float32), [1, 2]))


@case
def variable_shards(tf):
    shards = [tf.get_variable(f"emb_{i}", initializer=np.arange(6, dtype=np.float32).reshape(3, 2) + 10 * i)
              for i in range(3)]
    y = tf.nn.embedding_lookup(shards, [8, 0, 4, 2])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        v = sess.run(y)
    return {"ops": op_summary(tf.get_default_graph()), "outs": static(y), "value": v}


def _dense_grads(tf, loss, xs):
    gs = [tf.convert_to_tensor(g) for g in tf.gradients(loss, xs)]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(gs)


@case
def gradient_values_mod(tf):
    shards = _shards(tf)
    y = tf.nn.embedding_lookup(shards, [[0, 5], [9, 0]])
    loss = tf.reduce_sum(y * tf.constant(np.arange(8, dtype=np.float32).reshape(2, 2, 2)))
    return _dense_grads(tf, loss, shards)


@case
def gradient_values_div_max_norm(tf):
    shards = _shards(tf)
    y = tf.nn.embedding_lookup(shards, [1, 5, 9, 1], partition_strategy="div", max_norm=4.0)
    return _dense_grads(tf, tf.reduce_sum(y * y), shards)


@case
def train_sharded_embedding(tf):
    shards = [tf.get_variable(f"w{i}", initializer=np.full((3, 2), float(i + 1), np.float32)) for i in range(2)]
    loss = tf.reduce_sum(tf.square(tf.nn.embedding_lookup(shards, [0, 3, 5, 0])))
    step = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            sess.run(step)
        return sess.run(shards + [loss])


@case
def bad_partition_strategy(tf):
    return raises(tf.nn.embedding_lookup, _shards(tf), [1], partition_strategy="bogus")


@case
def empty_params_list(tf):
    return raises(tf.nn.embedding_lookup, [], [1])


@case
def params_none(tf):
    return raises(tf.nn.embedding_lookup, None, [1])


@case
def shard_ids_out_of_range(tf):
    return run_error(tf, tf.nn.embedding_lookup(_fed_shards(tf, (2, 2)), [9]))


# -- embedding_lookup_sparse over shards --------------------------------------------------------------------
def _sp_ids(tf):  # fed values: TF's shape inference would fold a constant graph's Unique and stitch
    return tf.SparseTensor([[0, 0], [0, 1], [1, 0], [2, 0], [2, 1], [2, 2]],
                           tf.placeholder_with_default(np.array([1, 6, 3, 0, 9, 4], np.int64), [6]), [3, 3])


@case
def sparse_mod_shards_mean(tf):
    return describe(tf, tf.nn.embedding_lookup_sparse(_shards(tf), _sp_ids(tf), None))


@case
def sparse_div_shards_sum(tf):
    return describe(tf, tf.nn.embedding_lookup_sparse(_shards(tf), _sp_ids(tf), None, combiner="sum",
                                                      partition_strategy="div"))


@case
def sparse_shards_weighted_sqrtn(tf):
    weights = tf.SparseTensor([[0, 0], [0, 1], [1, 0], [2, 0], [2, 1], [2, 2]],
                              tf.constant([1.0, 2.0, 0.5, 1.0, 3.0, 2.0]), [3, 3])
    return describe(tf, tf.nn.embedding_lookup_sparse(_shards(tf), _sp_ids(tf), weights, combiner="sqrtn"))


@case
def sparse_shards_max_norm(tf):
    return describe(tf, tf.nn.embedding_lookup_sparse(_shards(tf), _sp_ids(tf), None, max_norm=3.0))


@case
def sparse_shards_gradient_values(tf):
    shards = _shards(tf)
    y = tf.nn.embedding_lookup_sparse(shards, _sp_ids(tf), None, combiner="sum")
    return _dense_grads(tf, tf.reduce_sum(y * y), shards)


# -- a PartitionedVariable as params ---------------------------------------------------------------------------
@case
def partitioned_variable_lookup_and_nce_step(tf):
    p = tf.get_variable("p", [10, 2], initializer=tf.ones_initializer(), partitioner=tf.fixed_size_partitioner(3))
    shards = list(p)
    y = tf.nn.embedding_lookup(p, [[9, 0], [4, 5]], partition_strategy="div")
    loss = tf.reduce_sum(tf.nn.nce_loss(p, tf.zeros([10]), tf.constant([[1], [2]], tf.int64), tf.ones([2, 2]), 3, 10,
                                        sampled_values=(tf.constant([1, 4, 7], tf.int64), tf.ones([2, 1]),
                                                        tf.ones([3]))))
    step = tf.train.GradientDescentOptimizer(0.5).minimize(loss + tf.reduce_sum(y))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for i, v in enumerate(shards):
            sess.run(v.assign(v + tf.reshape(tf.range(tf.size(v), dtype=tf.float32), tf.shape(v)) * (i + 1)))
        before = sess.run([y, loss])
        sess.run(step)
        after = sess.run(shards)
    return {"y": static(y), "before": before, "after": after,
            "ops": [o for o in op_summary(tf.get_default_graph()) if o[0].startswith("embedding_lookup")]}


# -- what counts as a list of shards ----------------------------------------------------------------------------
@case
def tuple_is_one_table(tf):
    a, b = tf.constant([[1.0, 2.0], [3.0, 4.0]]), tf.constant([[5.0, 6.0], [7.0, 8.0]])
    return describe(tf, tf.nn.embedding_lookup((a, b), [1, 0]))


@case
def nested_list_is_shards_of_rows(tf):
    return describe(tf, tf.nn.embedding_lookup([[1.0, 2.0], [3.0, 4.0]], [1, 0]))


@case
def shards_of_different_row_shapes(tf):
    return raises(tf.nn.embedding_lookup, [tf.constant([[1.0, 2.0]]), tf.constant([[1.0, 2.0, 3.0]])], [1, 0])


@case
def sparse_nested_list_is_shards(tf):
    ids = tf.SparseTensor([[0, 0], [0, 1], [1, 0]], tf.constant([0, 2, 1], tf.int64), [2, 2])
    return describe(tf, tf.nn.embedding_lookup_sparse([[1.0], [2.0], [4.0]], ids, None, combiner="sum"))


@case
def sparse_tuple_is_one_table(tf):
    a, b = tf.constant([[1.0, 2.0], [3.0, 4.0]]), tf.constant([[5.0, 6.0], [7.0, 8.0]])
    ids = tf.SparseTensor([[0, 0], [0, 1], [1, 0]], tf.constant([0, 1, 1], tf.int64), [2, 2])
    return describe(tf, tf.nn.embedding_lookup_sparse((a, b), ids, None))


@case
def sparse_partitioned_variable(tf):
    p = tf.get_variable("p", [6, 2], initializer=tf.ones_initializer(), partitioner=tf.fixed_size_partitioner(2))
    ids = tf.SparseTensor([[0, 0], [0, 1], [1, 0]], tf.constant([0, 5, 3], tf.int64), [2, 2])
    e = tf.nn.embedding_lookup_sparse(p, ids, None, combiner="sum")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        value = sess.run(e)
    return {"ops": [o for o in op_summary(tf.get_default_graph()) if o[0].startswith("embedding_lookup_sparse")],
            "outs": static(e), "value": value}


# -- safe_embedding_lookup_sparse -------------------------------------------------------------------------------
def _safe_inputs(tf):
    indices = [[0, 0, 0], [0, 0, 1], [1, 1, 0], [1, 0, 1], [0, 1, 0]]
    ids = tf.SparseTensor(indices, tf.constant([3, -1, 9, 2, 4], tf.int64), [2, 2, 2])
    weights = tf.SparseTensor(indices, tf.constant([1.0, 2.0, 0.0, 3.0, -1.0]), [2, 2, 2])
    return ids, weights


@case
def safe_shards_weighted_mean(tf):
    ids, weights = _safe_inputs(tf)
    return describe(tf, tf.nn.safe_embedding_lookup_sparse(_shards(tf, (6, 4)), ids, weights))


@case
def safe_shards_weighted_sum_keeps_nonpositive_weights(tf):
    ids, weights = _safe_inputs(tf)
    return describe(tf, tf.nn.safe_embedding_lookup_sparse(_shards(tf, (5, 5)), ids, weights, combiner="sum"))


@case
def safe_one_table_no_weights_default_id(tf):
    ids, _ = _safe_inputs(tf)
    table = tf.constant(np.arange(20, dtype=np.float32).reshape(10, 2))
    e = tf.nn.safe_embedding_lookup_sparse(table, ids, None, default_id=7, combiner="sqrtn", name="safe")
    got = describe(tf, e)
    # TF's shape inference evaluates the Slice of the Cast of the constant dense shape (2, 2, 2);
    # scopeflow folds no Slice at build time (nor does TF's Python constant_value), so (?, ?, 2)
    return {"ops": got["ops"], "name": e.name, "values": got["values"]}


@case
def safe_2d_ids_unknown_shape(tf):
    ids = tf.sparse_placeholder(tf.int64, name="ids")
    e = tf.nn.safe_embedding_lookup_sparse(tf.constant(np.arange(20, dtype=np.float32).reshape(10, 2)), ids)
    feed = {ids: tf.SparseTensorValue([[0, 0], [2, 1]], np.array([4, 1], np.int64), [3, 2])}
    return describe(tf, e, feed)


@case
def safe_gradient_values(tf):
    shards = _shards(tf, (6, 4))
    ids, weights = _safe_inputs(tf)
    y = tf.nn.safe_embedding_lookup_sparse(shards, ids, weights, max_norm=5.0)
    return _dense_grads(tf, tf.reduce_sum(y * y), shards)


@case
def safe_missing_weights(tf):
    ids, _ = _safe_inputs(tf)
    return [raises(tf.nn.safe_embedding_lookup_sparse, None, ids), raises(tf.nn.safe_embedding_lookup_sparse, [], ids)]


@case
def div_some_shard_sizes_unknown(tf):
    shards = [tf.constant(np.arange(8, dtype=np.float32).reshape(4, 2)),
              tf.placeholder_with_default(np.arange(6, dtype=np.float32).reshape(3, 2) + 100, [None, 2]),
              tf.constant(np.arange(6, dtype=np.float32).reshape(3, 2) + 200)]
    ids = tf.constant([[0, 9], [4, 6]], tf.int64)
    return describe(tf, tf.nn.embedding_lookup(shards, ids, partition_strategy="div"))
