"""``SparseTensor``s through the queue-based batchers: the graphs TF builds (the
``SparseTensorsMap`` ops, their attributes and colocation, the ``control_dependency`` gates,
static shapes with and without ``enqueue_many``, ``dynamic_pad``, ``allow_smaller_final_batch``,
``maybe_`` and ``_join`` forms), the values of whole pipelines (a TFRecord file parsed with a
``VarLenFeature`` and batched), and the map kernels' errors."""

import os

import numpy as np

from tests.conformance.cases.queues._helpers import attrs, error, run_to_end, temp_dir, value
from tests.conformance.harness import case, raises, shape_of

_MAP_OPS = ("AddSparseToTensorsMap", "AddManySparseToTensorsMap", "TakeManySparseFromTensorsMap")


def _ops(tf, start=0):
    """Each op from ``start``: name, type, inputs, control inputs, colocation and (for the map
    ops and the gates) attributes."""
    out = []
    for op in tf.get_default_graph().get_operations()[start:]:
        row = [op.name, op.type, [t.name for t in op.inputs], sorted(c.name for c in op.control_inputs)]
        if op.type in _MAP_OPS:
            row.append(attrs(op))
        if op.type in _MAP_OPS or op.type == "Identity":
            row.append([g.decode() if isinstance(g, bytes) else g for g in op.colocation_groups()])
        out.append(row)
    return out


def _sparse(t):
    return [[x.name, shape_of(x)] for x in (t.indices, t.values, t.dense_shape)]


def _out(result):
    """Names and static shapes of a batcher's result (a list, a dict, a tensor or a sparse one)."""
    if isinstance(result, dict):
        return {k: _out(v) for k, v in sorted(result.items())}
    if isinstance(result, (list, tuple)):
        return [_out(v) for v in result]
    if hasattr(result, "dense_shape"):
        return _sparse(result)
    return [result.name, shape_of(result)]


def _st(tf):
    return tf.SparseTensor([[0], [2]], [1.0, 2.0], [5])


def _st2(tf):
    return tf.SparseTensor([[0, 0], [2, 1]], [1.0, 2.0], [3, 4])


def _run(tf, fetch):
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        return run_to_end(tf, sess, fetch)


@case
def sparse_batch_graph(tf):
    st, d = _st(tf), tf.constant([1, 2])
    start = len(tf.get_default_graph().get_operations())
    out = tf.train.batch([st, d], batch_size=3)
    return {"ops": _ops(tf, start), "out": _out(out)}


@case
def sparse_batch_enqueue_many_graph(tf):
    st, d = _st2(tf), tf.constant([1, 2, 3])
    start = len(tf.get_default_graph().get_operations())
    out = tf.train.batch([st, d], batch_size=2, enqueue_many=True)
    return {"ops": _ops(tf, start), "out": _out(out)}


@case
def sparse_maybe_batch_graphs(tf):
    start = len(tf.get_default_graph().get_operations())
    scalar = tf.train.maybe_batch([_st(tf), tf.constant(1)], tf.placeholder(tf.bool, []), batch_size=2)
    many = tf.train.maybe_batch([_st2(tf), tf.constant([1, 2, 3])], tf.placeholder(tf.bool, []), batch_size=2,
                                enqueue_many=True)
    ops = [op for op in _ops(tf, start) if "fifo_queue" not in op[0] and not op[0].endswith("_full")]
    return {"ops": ops, "out": [_out(scalar), _out(many)]}


@case
def sparse_batch_static_shapes(tf):
    def out(fn, args, **kwargs):
        with tf.Graph().as_default():
            return _out(fn(*args(), **kwargs))
    return {
        "one": out(tf.train.batch, lambda: [[_st(tf)], 3]),
        "dict": out(tf.train.batch, lambda: [{"a": _st(tf), "b": tf.constant(1)}, 3]),
        "dict_one": out(tf.train.batch, lambda: [{"a": _st(tf)}, 3]),
        "smaller": out(tf.train.batch, lambda: [[_st(tf), tf.constant(1)], 2], allow_smaller_final_batch=True),
        "pad": out(tf.train.batch, lambda: [[_st(tf), tf.constant([1])], 2], dynamic_pad=True),
        "unknown_rank": out(tf.train.batch, lambda: [[tf.sparse_placeholder(tf.float32)], 2]),
        "unknown_rank_many": out(tf.train.batch, lambda: [[tf.sparse_placeholder(tf.float32)], 2],
                                 enqueue_many=True),
        "shuffle": out(tf.train.shuffle_batch, lambda: [[_st(tf)], 2, 10, 2]),
        "join": out(tf.train.batch_join, lambda: [[[_st(tf), tf.constant(1)], [_st(tf), tf.constant(2)]], 2]),
        "shuffle_join": out(tf.train.shuffle_batch_join, lambda: [[[_st(tf)], [_st(tf)]], 2, 10, 2]),
        "maybe_shuffle": out(tf.train.maybe_shuffle_batch, lambda: [[_st(tf)], 2, 10, 2, tf.constant(True)]),
        "maybe_join": out(tf.train.maybe_batch_join, lambda: [[[_st2(tf)], [_st2(tf)]], tf.constant(True), 2],
                          enqueue_many=True),
    }


@case
def sparse_batch_join_graph(tf):
    start = len(tf.get_default_graph().get_operations())
    out = tf.train.batch_join([[_st(tf), tf.constant(1)], [_st(tf), tf.constant(2)]], batch_size=2)
    return {"ops": _ops(tf, start), "out": _out(out)}


@case
def sparse_batch_build_errors(tf):
    def bad_join():
        return tf.train.batch_join([[_st(tf), tf.constant(1)], [tf.constant(1), _st(tf)]], batch_size=2)

    def rank_join():
        return tf.train.batch_join([[_st(tf)], [_st2(tf)]], batch_size=2)
    return {"mixed": raises(bad_join)["error"], "ranks": raises(rank_join)["error"],
            "never_kept": raises(tf.train.maybe_batch, [_st(tf)], False, batch_size=2)}


@case
def sparse_batch_enqueue_many_values(tf):
    x = tf.train.limit_epochs(tf.constant([[1, 0, 2], [0, 0, 3], [4, 5, 0], [0, 0, 0], [6, 0, 0]]), num_epochs=1)
    out = tf.train.batch([tf.sparse.from_dense(x), x], batch_size=2, enqueue_many=True,
                         allow_smaller_final_batch=True)
    return _run(tf, out)


def _ragged_rows(tf, n):
    """Element ``i`` of a range producer as a sparse vector ``[i] * i`` of dense shape ``[i + 1]``."""
    i = tf.train.range_input_producer(n, num_epochs=1, shuffle=False).dequeue()
    i64 = tf.cast(i, tf.int64)
    return i, tf.SparseTensor(tf.reshape(tf.range(i64), [-1, 1]), tf.fill([i], i), tf.reshape(i64 + 1, [1]))


@case
def sparse_batch_ragged_values(tf):
    i, st = _ragged_rows(tf, 5)
    sp, idx = tf.train.batch([st, i], batch_size=2, allow_smaller_final_batch=True)
    return {"dense": _run(tf, [tf.sparse_tensor_to_dense(sp), idx]), "sparse": _run(tf, [sp, idx])}


@case
def sparse_batch_dynamic_pad_values(tf):
    i, st = _ragged_rows(tf, 4)
    seq = tf.range(i)
    sp, padded = tf.train.batch([st, seq], batch_size=2, dynamic_pad=True)
    return _run(tf, [sp, padded])


@case
def sparse_maybe_batch_values(tf):
    i = tf.train.range_input_producer(6, num_epochs=1, shuffle=False).dequeue()
    st = tf.SparseTensor([[0, 0]], tf.reshape(i, [1]), [1, 2])
    scalar = tf.train.maybe_batch([st, i], tf.equal(i % 2, 0), batch_size=2, allow_smaller_final_batch=True)
    return _run(tf, scalar)


@case
def sparse_maybe_batch_vector_values(tf):
    x = tf.train.limit_epochs(tf.constant([[1, 0], [0, 2], [3, 4]]), num_epochs=1)
    out = tf.train.maybe_batch([tf.sparse.from_dense(x), x], tf.constant([True, False, True]), batch_size=2,
                               enqueue_many=True, allow_smaller_final_batch=True)
    return _run(tf, out)


@case
def sparse_join_and_shuffle_values(tf):
    a = tf.train.limit_epochs(tf.constant([[1, 0], [0, 2]]), num_epochs=1)
    b = tf.train.limit_epochs(tf.constant([[7, 7], [0, 8]]), num_epochs=1)
    joined = tf.train.batch_join([[tf.sparse.from_dense(a)], [tf.sparse.from_dense(b)]], batch_size=4,
                                 enqueue_many=True, allow_smaller_final_batch=True)
    got = _run(tf, tf.sparse_tensor_to_dense(joined))
    x = tf.train.limit_epochs(tf.constant([[1, 0], [0, 2], [3, 4], [5, 0]]), num_epochs=1)
    shuffled = tf.train.shuffle_batch([tf.sparse.from_dense(x)], batch_size=4, capacity=8, min_after_dequeue=1,
                                      enqueue_many=True, seed=1, allow_smaller_final_batch=True)
    got2 = _run(tf, tf.sparse_tensor_to_dense(shuffled))
    return {"joined": sorted(row for batch in got["values"] for row in batch), "joined_end": got["end"],
            "shuffled": sorted(row for batch in got2["values"] for row in batch), "shuffled_end": got2["end"]}


def _write_records(tf, path):
    with tf.io.TFRecordWriter(path) as writer:
        for i, tokens in enumerate([[3, 1], [], [7, 7, 7, 2], [5], [9, 4, 6]]):
            example = tf.train.Example(features=tf.train.Features(feature={
                "id": tf.train.Feature(int64_list=tf.train.Int64List(value=[i])),
                "tokens": tf.train.Feature(int64_list=tf.train.Int64List(value=tokens)),
                "word": tf.train.Feature(bytes_list=tf.train.BytesList(value=[b"w%d" % t for t in tokens]))}))
            writer.write(example.SerializeToString())


@case
def sparse_tfrecord_pipeline(tf):
    """The classic TF1 pipeline: TFRecord file -> reader -> parse_single_example with
    VarLenFeatures -> tf.train.batch -> sparse_tensor_to_dense, run with a Coordinator."""
    tmp = temp_dir()
    path = os.path.join(tmp, "data.tfrecord")
    _write_records(tf, path)
    files = tf.train.string_input_producer([path], num_epochs=1, shuffle=False)
    _, serialized = tf.TFRecordReader().read(files)
    parsed = tf.parse_single_example(serialized, {"id": tf.FixedLenFeature([], tf.int64),
                                                  "tokens": tf.VarLenFeature(tf.int64),
                                                  "word": tf.VarLenFeature(tf.string)})
    batch = tf.train.batch(parsed, batch_size=2, allow_smaller_final_batch=True)
    dense = tf.sparse_tensor_to_dense(batch["tokens"], default_value=-1)
    words = tf.sparse.to_dense(batch["word"], default_value="")
    static = {k: _out(v) for k, v in sorted(batch.items())}
    got = _run(tf, [batch["id"], dense, words, batch["tokens"].indices])
    return {"static": static, "dense": [dense.name, shape_of(dense)], "run": got}


@case
def sparse_map_kernel_errors(tf):
    """The map kernels' errors, reached through a batcher's graph: a handle taken twice, ranks
    that differ within a batch, stored tensors whose parts disagree, a batch out of order."""
    sp = tf.sparse_placeholder(tf.float32)
    out = tf.train.batch([sp], batch_size=2, allow_smaller_final_batch=True)
    handle = tf.get_default_graph().get_tensor_by_name("batch/AddSparseToTensorsMap:0")
    squeezed = tf.get_default_graph().get_tensor_by_name("batch/Squeeze:0")
    v1 = tf.SparseTensorValue([[0]], [1.0], [2])
    v2 = tf.SparseTensorValue([[0, 1]], [2.0], [2, 2])
    bad = tf.SparseTensorValue([[0], [1]], [1.0], [2])
    many = tf.sparse_placeholder(tf.float32)
    tf.train.batch([many], batch_size=2, enqueue_many=True)  # batch_1: its AddManySparseToTensorsMap is run below
    with tf.Session() as sess:
        h1 = sess.run(handle, {sp: v1})
        h2 = sess.run(handle, {sp: v2})
        h3 = sess.run(handle, {sp: v1})
        h4 = sess.run(handle, {sp: v1})
        got = {"handles": value([h1, h2, h3, h4]),
               "ranks": error(sess.run, out, {squeezed: [h1, h2]}),
               "taken": error(sess.run, out, {squeezed: [h1]}),
               "twice": error(sess.run, out, {squeezed: [h3, h3]}),
               "after_twice": error(sess.run, out, {squeezed: [h3]}),
               "ok": value(list(sess.run(out, {squeezed: [h4]}))),
               "empty": error(sess.run, out, {squeezed: np.zeros([0], np.int64)}),
               "parts": error(sess.run, handle, {sp: bad}),
               "order": error(sess.run, "batch_1/AddManySparseToTensorsMap:0",
                              {many: tf.SparseTensorValue([[1, 0], [0, 0]], [1.0, 2.0], [2, 2])}),
               "rank_one": error(sess.run, "batch_1/AddManySparseToTensorsMap:0",
                                 {many: tf.SparseTensorValue([[1]], [1.0], [2])}),
               "many_ok": value(sess.run("batch_1/AddManySparseToTensorsMap:0",
                                         {many: tf.SparseTensorValue([[2, 1]], [1.0], [4, 2])})),
               "bounds": error(sess.run, "batch_1/AddManySparseToTensorsMap:0",
                               {many: tf.SparseTensorValue([[0, 0], [5, 0]], [1.0, 2.0], [3, 3])})}
    return got


@case
def maybe_batch_vector_keep_input_graph(tf):
    """A vector ``keep_input`` (with ``enqueue_many``): the sparse input's entries of dropped
    rows are retained away, then each stored tensor is partitioned by the cast mask."""
    keep = tf.placeholder(tf.bool, [3])
    start = len(tf.get_default_graph().get_operations())
    out = tf.train.maybe_batch([_st2(tf), tf.constant([1, 2, 3])], keep, batch_size=2, enqueue_many=True)
    joined = tf.train.maybe_shuffle_batch_join([[tf.constant([1, 2, 3])], [tf.constant([4, 5, 6])]], 2, 10, 1, keep,
                                               enqueue_many=True)
    ops = [op for op in _ops(tf, start) if op[1] in ("Cast", "DynamicPartition", "QueueEnqueueManyV2",
                                                     "SparseRetain", "GatherV2", "AddManySparseToTensorsMap")]
    return {"ops": ops, "out": [_out(out), _out(joined)]}
