"""Iterator state belongs to a session; string handles; functions traced once."""

import threading

import numpy as np
import pytest

import scopeflow as tf
from tests.data._helpers import run_threads


def test_two_sessions_on_one_graph_iterate_separately():
    with tf.Graph().as_default():
        nxt = tf.data.make_one_shot_iterator(tf.data.Dataset.range(5)).get_next()
        a, b = tf.Session(), tf.Session()
        assert [int(a.run(nxt)) for _ in range(3)] == [0, 1, 2]
        assert [int(b.run(nxt)) for _ in range(2)] == [0, 1]
        assert int(a.run(nxt)) == 3
        a.close()
        assert int(b.run(nxt)) == 2
        b.close()


def test_initializable_iterators_are_per_session_too():
    with tf.Graph().as_default():
        n = tf.placeholder(tf.int64, [])
        it = tf.data.make_initializable_iterator(tf.data.Dataset.range(n))
        nxt = it.get_next()
        with tf.Session() as a, tf.Session() as b:
            a.run(it.initializer, {n: 2})
            with pytest.raises(tf.errors.FailedPreconditionError, match="has not been initialized"):
                b.run(nxt)
            b.run(it.initializer, {n: 5})
            assert [int(a.run(nxt)) for _ in range(2)] == [0, 1]
            with pytest.raises(tf.errors.OutOfRangeError):
                a.run(nxt)
            assert int(b.run(nxt)) == 0


def test_a_handle_from_another_session_is_not_found_in_this_one():
    with tf.Graph().as_default():
        it = tf.data.make_one_shot_iterator(tf.data.Dataset.range(3))
        handle = tf.placeholder(tf.string, [])
        feedable = tf.data.Iterator.from_string_handle(handle, tf.int64, [])
        nxt = feedable.get_next()
        with tf.Session() as a:
            h = a.run(it.string_handle())
            assert int(a.run(nxt, {handle: h})) == 0
            assert int(a.run(nxt, {handle: h})) == 1


def test_the_map_function_is_traced_once_and_runs_as_a_graph():
    calls = []

    def fn(x):
        calls.append(x)
        return tf.square(x) + 1

    with tf.Graph().as_default() as g:
        ds = tf.data.Dataset.range(4).map(fn)
        nxt = tf.data.make_one_shot_iterator(ds).get_next()
        with tf.Session() as sess:
            assert [int(sess.run(nxt)) for _ in range(4)] == [1, 2, 5, 10]
        assert len(calls) == 1
        assert calls[0].name == "args_0:0" and calls[0].graph is not g
        assert not [op for op in g.get_operations() if op.type == "Square"]


def test_captured_tensors_are_inputs_of_the_dataset_op():
    with tf.Graph().as_default() as g:
        scale = tf.placeholder(tf.float32, [], name="scale")
        ds = tf.data.Dataset.from_tensor_slices(np.array([1.0, 2.0], np.float32)).map(lambda x: x * scale)
        it = tf.data.make_initializable_iterator(ds)
        nxt = it.get_next()
        op = g.get_operation_by_name("MapDataset")
        assert [t.name for t in op.inputs] == ["TensorSliceDataset:0", "scale:0"]
        with tf.Session() as sess:
            sess.run(it.initializer, {scale: 10.0})
            assert float(sess.run(nxt)) == 10.0
            sess.run(it.initializer, {scale: -1.0})
            assert [float(sess.run(nxt)) for _ in range(2)] == [-1.0, -2.0]


def test_an_elementwise_map_before_batch_runs_once_per_batch():
    from scopeflow._src.data.functions import DataFunction
    from scopeflow._src.data.structure import Structure

    with tf.Graph().as_default():
        spec = Structure((0, 0), [tf.uint8, tf.int64], [tf.TensorShape([28, 28]), tf.TensorShape([])])
        normalise = DataFunction(lambda x, y: (tf.cast(x, tf.float32) / 255.0, y), spec, "Dataset.map()")
        reshape = DataFunction(lambda x, y: (tf.reshape(x, [784]), y), spec, "Dataset.map()")
        assert normalise.elementwise and not reshape.elementwise


def test_several_threads_share_one_iterator_and_see_each_element_once():
    with tf.Graph().as_default():
        nxt = tf.data.make_one_shot_iterator(tf.data.Dataset.range(2000).map(lambda x: x * 2).prefetch(8)).get_next()
        seen, lock = [], threading.Lock()
        with tf.Session() as sess:
            def pull():
                mine = []
                while True:
                    try:
                        mine.append(int(sess.run(nxt)))
                    except tf.errors.OutOfRangeError:
                        break
                with lock:
                    seen.extend(mine)

            run_threads(pull, 4)
    assert sorted(seen) == [2 * i for i in range(2000)]
