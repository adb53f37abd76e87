"""reduce, scan and window in sessions: state per iteration (a re-initialized scan starts
again), the input read only as far as a window needs, and TensorFlow importing and running
a GraphDef with ReduceDataset, ScanDataset and WindowDataset nodes when it is installed."""

import numpy as np
import pytest

import scopeflow as tf
from tests.data._helpers import TF_PYTHON, drain, run_graph_in_tensorflow


def test_a_reinitialized_scan_starts_from_the_initial_state():
    with tf.Graph().as_default():
        it = tf.data.make_initializable_iterator(tf.data.Dataset.range(4).scan(np.int64(100), lambda s, x: (s + x, s)))
        nxt = it.get_next()
        with tf.Session() as sess:
            sess.run(it.initializer)
            first = [int(sess.run(nxt)) for _ in range(3)]
            sess.run(it.initializer)
            assert first == [100, 100, 101] and int(sess.run(nxt)) == 100


def test_reduce_reads_captured_tensors_and_runs_again_per_run():
    with tf.Graph().as_default():
        scale = tf.placeholder(tf.int64, [], name="scale")
        total = tf.data.Dataset.range(4).reduce(np.int64(0), lambda s, x: s + x * scale)
        with tf.Session() as sess:
            assert [int(sess.run(total, {scale: k})) for k in (1, 10)] == [6, 60]


def test_window_reads_only_what_it_needs_from_an_endless_input():
    with tf.Graph().as_default():
        ds = tf.data.Dataset.range(10 ** 12).window(3, shift=5, stride=2).flat_map(lambda w: w.batch(3))
        nxt = tf.data.make_one_shot_iterator(ds).get_next()
        with tf.Session() as sess:
            assert [sess.run(nxt).tolist() for _ in range(3)] == [[0, 2, 4], [5, 7, 9], [10, 12, 14]]


def test_windows_feed_interleave_and_zip():
    with tf.Graph().as_default():
        ds = tf.data.Dataset.from_tensor_slices((np.arange(6), np.arange(6) * 10)).window(2)
        ds = ds.interleave(lambda a, b: tf.data.Dataset.zip((a, b)), cycle_length=2)
        _, got = drain(ds)
    assert [(int(a), int(b)) for a, b in got] == [(0, 0), (2, 20), (1, 10), (3, 30), (4, 40), (5, 50)]


@pytest.mark.skipif(not TF_PYTHON.exists(), reason="TensorFlow 2.21 is not installed at ~/tfref")
def test_tensorflow_imports_and_runs_reduce_scan_and_window(tmp_path):
    with tf.Graph().as_default() as g:
        w = tf.constant(2, tf.int64, name="w")
        tf.identity(tf.data.Dataset.range(5).reduce(np.int64(0), lambda s, x: s + x * w), name="total")
        scan = tf.data.Dataset.range(4).scan(tf.constant([], tf.int64), lambda s, x: (tf.concat([s, [x]], 0), s))
        tf.data.make_one_shot_iterator(scan).get_next(name="scanned")
        windows = tf.data.Dataset.range(7).window(3, 2).flat_map(lambda x: x.batch(3))
        tf.data.make_one_shot_iterator(windows).get_next(name="windowed")
    out = run_graph_in_tensorflow(g, tmp_path, """
        with tf.Session() as sess:
            print([int(sess.run("total:0")), [sess.run("scanned:0").tolist() for _ in range(3)],
                   [sess.run("windowed:0").tolist() for _ in range(4)]])
    """)
    assert out == "[20, [[], [0], [0, 1]], [[0, 1, 2], [2, 3, 4], [4, 5, 6], [6]]]"
