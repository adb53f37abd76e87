"""SparseTensors through the queue-based batchers and the SparseTensorsMap ops beneath them:
values, the map as a per-session resource, sharing by name, threads adding while others take,
and TF's errors. TF's graphs and messages are compared in the queues conformance area
(``tests/conformance/cases/queues/sparse_batching.py``)."""

import threading

import numpy as np
import pytest

import scopeflow as tf
from scopeflow._src.framework.op_builder import create
from scopeflow._src.ops.sparse import tensors_map


@pytest.fixture(autouse=True)
def _graph():
    with tf.Graph().as_default():
        yield


def _st(indices, values, shape):
    return tf.SparseTensor(np.asarray(indices, np.int64), values, np.asarray(shape, np.int64))


def test_add_then_take_joins_along_a_new_dimension_with_the_largest_shape():
    a = tensors_map.add_sparse_to_tensors_map(_st([[0], [4]], [1.0, 2.0], [5]))
    b = tensors_map.add_sparse_to_tensors_map(_st([[1]], [3.0], [2]), shared_name=a.op.name)
    taken = tensors_map.take_many_sparse_from_tensors_map(a.op, tf.stack([a, b]), rank=2)
    assert taken.indices.shape.as_list() == [None, 2] and taken.dense_shape.shape.as_list() == [2]
    assert taken.indices.op.get_attr("shared_name") == b"AddSparseToTensorsMap"
    with tf.Session() as sess:
        got = sess.run(taken)
    assert got.indices.tolist() == [[0, 0], [0, 4], [1, 1]]
    assert got.values.tolist() == [1.0, 2.0, 3.0]
    assert got.dense_shape.tolist() == [2, 5]


def test_handles_count_per_map_and_per_session():
    a = tensors_map.add_sparse_to_tensors_map(_st([[0]], [1], [1]))
    other = tensors_map.add_sparse_to_tensors_map(_st([[0]], [1], [1]))
    with tf.Session() as sess:
        assert [sess.run(a) for _ in range(3)] == [0, 1, 2]
        assert sess.run(other) == 0
    with tf.Session() as sess:
        assert sess.run(a) == 0


def test_add_many_hands_out_the_rows_with_values_first_then_the_empty_rows():
    handles = tensors_map.add_many_sparse_to_tensors_map(_st([[0, 1], [2, 0], [2, 1]], [1.0, 2.0, 3.0], [4, 3]))
    taken = tensors_map.take_many_sparse_from_tensors_map(handles.op, handles, rank=2)
    assert handles.shape.as_list() == [None]
    with tf.Session() as sess:
        assert sess.run(handles).tolist() == [0, 2, 1, 3]  # rows 0 and 2 have values, rows 1 and 3 are empty
        got = sess.run(taken)  # stores them again (handles 4 to 7) and takes them back
        assert sess.run(handles).tolist() == [8, 10, 9, 11]
    assert got.indices.tolist() == [[0, 1], [2, 0], [2, 1]]
    assert got.dense_shape.tolist() == [4, 3]


def test_a_handle_is_taken_once_and_the_map_names_itself_in_errors():
    h = tensors_map.add_sparse_to_tensors_map(_st([[0]], ["x"], [1]), name="store")
    fed = tf.placeholder(tf.int64, [None])
    taken = tensors_map.take_many_sparse_from_tensors_map(h.op, fed)
    with tf.Session() as sess:
        first = sess.run(h)
        assert sess.run(taken, {fed: [first]}).values.tolist() == [b"x"]
        with pytest.raises(tf.errors.InvalidArgumentError, match=f"Unable to find SparseTensor: {first} in map: store"):
            sess.run(taken, {fed: [first]})


def test_take_checks_the_stored_dtype_and_rank():
    h = tensors_map.add_sparse_to_tensors_map(_st([[0]], [1.5], [1]))
    h2 = tensors_map.add_sparse_to_tensors_map(_st([[0, 0]], [2.5], [1, 1]), shared_name="AddSparseToTensorsMap")
    fed = tf.placeholder(tf.int64, [None])
    as_int = tensors_map.take_many_sparse_from_tensors_map(h.op, fed)
    with tf.Session() as sess:
        with pytest.raises(tf.errors.InvalidArgumentError, match="rank prior to SparseTensor\\[1\\] was: 2 but rank "
                                                                 "of SparseTensor\\[1\\] is: 3"):
            sess.run(as_int, {fed: sess.run([h, h2])})
    wrong = create("TakeManySparseFromTensorsMap", [fed],
                   {"dtype": tf.int32, "container": "", "shared_name": "AddSparseToTensorsMap"})
    with tf.Session() as sess:
        with pytest.raises(tf.errors.InvalidArgumentError,
                           match="Requested SparseTensor of type int32 but SparseTensor\\[0\\].values.dtype\\(\\) == "
                                 "float"):
            sess.run(wrong.outputs[0], {fed: [sess.run(h)]})


def test_take_of_an_op_that_stores_nothing_is_a_type_error():
    with pytest.raises(TypeError, match="sparse_map_op be an Operation"):
        tensors_map.take_many_sparse_from_tensors_map("x", [0])
    with pytest.raises(TypeError, match="Instead, found `Const`"):
        tensors_map.take_many_sparse_from_tensors_map(tf.constant(1).op, [0])


def test_closing_the_session_empties_its_map():
    h = tensors_map.add_sparse_to_tensors_map(_st([[0]], [1.0], [1]))
    sess = tf.Session()
    sess.run(h)
    (the_map,) = sess._state.named_resources.values()
    assert len(the_map._tensors) == 1
    sess.close()
    assert the_map._tensors == {}


def test_threads_add_while_another_takes():
    values = tf.placeholder(tf.int64, [None])
    st = tf.SparseTensor(tf.reshape(tf.range(tf.size(values, out_type=tf.int64)), [-1, 1]), values,
                         tf.reshape(tf.size(values, out_type=tf.int64), [1]))
    h = tensors_map.add_sparse_to_tensors_map(st)
    fed = tf.placeholder(tf.int64, [None])
    taken = tensors_map.take_many_sparse_from_tensors_map(h.op, fed, rank=2)
    handles, lock = [], threading.Lock()
    with tf.Session() as sess:
        def add(start):
            for i in range(start, start + 50):
                got = sess.run(h, {values: [i] * (i % 3 + 1)})
                with lock:
                    handles.append(got)
        threads = [threading.Thread(target=add, args=(k * 50,)) for k in range(4)]
        for t in threads:
            t.start()
        seen = []
        while any(t.is_alive() for t in threads) or handles:
            with lock:
                batch, handles[:] = list(handles), []
            if batch:
                got = sess.run(taken, {fed: batch})
                seen.extend(np.unique(got.values).tolist())
        for t in threads:
            t.join()
    assert sorted(seen) == list(range(200))


def test_batch_of_var_len_features_end_to_end():
    i = tf.train.range_input_producer(5, num_epochs=1, shuffle=False).dequeue()
    i64 = tf.cast(i, tf.int64)
    st = tf.SparseTensor(tf.reshape(tf.range(i64), [-1, 1]), tf.fill([i], i), tf.reshape(i64 + 1, [1]))
    sp, idx = tf.train.batch([st, i], batch_size=2, num_threads=1, allow_smaller_final_batch=True)
    dense = tf.sparse.to_dense(sp)
    assert sp.indices.shape.as_list() == [None, 2] and sp.dense_shape.shape.as_list() == [2]
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        coord = tf.train.Coordinator()
        threads = tf.train.start_queue_runners(sess, coord)
        got = []
        try:
            while True:
                got.append([x.tolist() for x in sess.run([dense, idx])])
        except tf.errors.OutOfRangeError:
            pass
        coord.request_stop()
        coord.join(threads)
    assert got == [[[[0, 0], [1, 0]], [0, 1]], [[[2, 2, 0, 0], [3, 3, 3, 0]], [2, 3]], [[[4, 4, 4, 4, 0]], [4]]]


def test_join_lists_with_sparse_tensors_in_different_places_are_rejected():
    st = _st([[0]], [1.0], [2])
    with pytest.raises(ValueError, match="Inconsistent SparseTensors list"):
        tf.train.batch_join([[st, tf.constant(1)], [tf.constant(2), st]], batch_size=2)
