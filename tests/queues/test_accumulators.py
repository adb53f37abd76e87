"""Conditional accumulators: what the conformance area cannot show (a session closing under a
waiting take, run deadlines, an accumulator per session, graphs read back from a GraphDef)."""

import threading

import numpy as np
import pytest

import scopeflow as tf


def test_closing_the_session_cancels_a_waiting_take():
    with tf.Graph().as_default():
        acc = tf.ConditionalAccumulator(tf.float32, shape=[])
        take = acc.take_grad(2)
        sess = tf.Session()
        sess.run(acc.apply_grad(1.0))
        errors = []

        def waiting():
            try:
                sess.run(take)
            except tf.errors.CancelledError as e:
                errors.append(e.message)

        thread = threading.Thread(target=waiting)
        thread.start()
        thread.join(0.2)
        assert thread.is_alive()
        sess.close()
        thread.join(10)
        assert len(errors) == 1 and "TakeGrad operation was cancelled" in errors[0]


def test_a_run_deadline_ends_a_waiting_take():
    with tf.Graph().as_default():
        acc = tf.SparseConditionalAccumulator(tf.float32, shape=[3, 1])
        with tf.Session() as sess:
            with pytest.raises(tf.errors.DeadlineExceededError):
                sess.run(acc.take_grad(1), options=tf.RunOptions(timeout_in_ms=20))
            sess.run(acc.apply_grad([2], [[4.0]]))
            indices, values, shape = sess.run(acc.take_grad(1))
    assert indices.tolist() == [2] and values.tolist() == [[4.0]] and shape.tolist() == [3, 1]


def test_each_session_has_its_own_accumulator():
    with tf.Graph().as_default():
        acc = tf.ConditionalAccumulator(tf.float64, shape=[2])
        apply = acc.apply_grad([1.0, 2.0])
        n = acc.num_accumulated()
        with tf.Session() as a, tf.Session() as b:
            a.run(apply)
            a.run(apply)
            b.run(apply)
            assert (a.run(n), b.run(n)) == (2, 1)


def test_many_threads_apply_and_one_takes_the_mean():
    with tf.Graph().as_default():
        acc = tf.ConditionalAccumulator(tf.float32, shape=[4])
        p = tf.placeholder(tf.float32, [4])
        apply = acc.apply_grad(p)
        take = acc.take_grad(8)
        with tf.Session() as sess:
            threads = [threading.Thread(target=sess.run, args=(apply, {p: np.full(4, float(i))})) for i in range(8)]
            for t in threads:
                t.start()
            mean = sess.run(take)
            for t in threads:
                t.join()
    np.testing.assert_allclose(mean, np.full(4, 3.5))


def test_accumulator_ops_survive_a_graph_def_round_trip():
    with tf.Graph().as_default() as g:
        acc = tf.SparseConditionalAccumulator(tf.float32, shape=[None, 2], name="acc")
        acc.apply_grad([1, 0], [[1.0, 2.0], [3.0, 4.0]], name="apply")
        acc.take_grad(1, name="take")
        graph_def = g.as_graph_def()
    with tf.Graph().as_default():
        tf.import_graph_def(graph_def, name="")
        with tf.Session() as sess:
            sess.run("apply")
            indices, values, shape = sess.run(["take:0", "take:1", "take:2"])
    assert indices.tolist() == [1, 0] and values.tolist() == [[1.0, 2.0], [3.0, 4.0]] and shape.tolist() == [-1, 2]
