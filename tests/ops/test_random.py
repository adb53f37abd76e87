"""Seeding and distributions of the random ops (values cannot match TensorFlow's, so they
are checked for TensorFlow's *behaviour*: what repeats, what differs, and the statistics)."""

from __future__ import annotations

import numpy as np
import pytest

import scopeflow as tf


def _run(t, sess=None):
    if sess is not None:
        return sess.run(t)
    with tf.Session(graph=t.graph) as s:
        return s.run(t)


@pytest.fixture(autouse=True)
def _fresh_graph():
    with tf.Graph().as_default() as g:
        yield g


def test_graph_seed_repeats_across_sessions_and_graphs():
    tf.set_random_seed(3)
    first = _run(tf.random_uniform([6]))
    with tf.Graph().as_default():
        tf.set_random_seed(3)
        again = _run(tf.random_uniform([6]))
    np.testing.assert_array_equal(first, again)


def test_op_seed_alone_repeats_and_equal_op_seeds_agree():
    a, b = tf.random_normal([5], seed=9), tf.random_normal([5], seed=9)
    with tf.Session() as sess:
        va, vb = sess.run([a, b])
    np.testing.assert_array_equal(va, vb)  # TF: same (default graph seed, op seed) -> same stream
    np.testing.assert_array_equal(va, _run(a))


def test_different_ops_under_one_graph_seed_differ():
    tf.set_random_seed(1)
    a, b = tf.random_uniform([8]), tf.random_uniform([8])
    assert a.op.get_attr("seed2") != b.op.get_attr("seed2")
    with tf.Session() as sess:
        va, vb = sess.run([a, b])
    assert not np.array_equal(va, vb)


def test_stream_continues_within_a_session_and_restarts_in_a_new_one():
    tf.set_random_seed(4)
    x = tf.random_uniform([4])
    with tf.Session() as s1:
        r1, r2 = s1.run(x), s1.run([x, x * 2.0])[0]  # another fetch set draws from the same stream
    with tf.Session() as s2:
        q1, q2 = s2.run(x), s2.run(x)
    assert not np.array_equal(r1, r2)
    np.testing.assert_array_equal(r1, q1)
    np.testing.assert_array_equal(r2, q2)


def test_unseeded_ops_differ_between_sessions():
    x = tf.random_uniform([16])
    assert (x.op.get_attr("seed"), x.op.get_attr("seed2")) == (0, 0)
    assert not np.array_equal(_run(x), _run(x))


def test_seed_attributes_follow_tensorflow_rules():
    a = tf.random_uniform([2], seed=7)
    assert (a.op.get_attr("seed"), a.op.get_attr("seed2")) == (87654321, 7)
    tf.set_random_seed(5)
    b = tf.truncated_normal([2], seed=3)
    rnd = b.op.inputs[0].op.inputs[0].op
    assert rnd.type == "TruncatedNormal"
    assert (rnd.get_attr("seed"), rnd.get_attr("seed2")) == (5, 3)


def test_uniform_range_and_moments():
    tf.set_random_seed(11)
    v = _run(tf.random_uniform([40000], minval=-2.0, maxval=6.0))
    assert v.dtype == np.float32 and v.min() >= -2.0 and v.max() < 6.0
    assert abs(v.mean() - 2.0) < 0.05 and abs(v.std() - 8 / np.sqrt(12)) < 0.05


def test_uniform_int_covers_range():
    tf.set_random_seed(12)
    v = _run(tf.random_uniform([4000], minval=3, maxval=8, dtype=tf.int32))
    assert v.dtype == np.int32 and sorted(set(v.tolist())) == [3, 4, 5, 6, 7]


def test_normal_and_truncated_normal_moments():
    tf.set_random_seed(13)
    n = _run(tf.random_normal([40000], mean=1.0, stddev=3.0, dtype=tf.float64))
    t = _run(tf.truncated_normal([40000], stddev=2.0))
    assert n.dtype == np.float64 and abs(n.mean() - 1.0) < 0.06 and abs(n.std() - 3.0) < 0.06
    assert t.dtype == np.float32 and np.abs(t).max() <= 4.0 and abs(t.std() - 2 * 0.8796) < 0.03


def test_shuffle_permutes_rows():
    tf.set_random_seed(14)
    v = _run(tf.random_shuffle(tf.constant(np.arange(60).reshape(30, 2))))
    assert sorted(v[:, 0].tolist()) == list(range(0, 60, 2)) and (v[:, 1] - v[:, 0] == 1).all()
    assert v[:, 0].tolist() != list(range(0, 60, 2))


def test_multinomial_frequencies():
    tf.set_random_seed(15)
    logits = np.log(np.array([[0.1, 0.6, 0.3], [1.0, 1e-30, 1e-30]]))
    v = _run(tf.multinomial(tf.constant(logits), 6000))
    assert v.shape == (2, 6000) and v.dtype == np.int64
    freq = np.bincount(v[0], minlength=3) / 6000
    np.testing.assert_allclose(freq, [0.1, 0.6, 0.3], atol=0.03)
    assert (v[1] == 0).all()


def test_dropout_scales_kept_values_and_repeats_with_seed():
    tf.set_random_seed(16)
    y = tf.nn.dropout(tf.fill([100, 100], 3.0), rate=0.75)
    with tf.Session() as s1:
        a = s1.run(y)
    with tf.Session() as s2:
        b = s2.run(y)
    np.testing.assert_array_equal(a, b)
    assert set(np.unique(a).tolist()) == {0.0, 12.0}
    assert 0.2 < np.mean(a != 0) < 0.3


def test_stateless_multinomial_is_a_function_of_its_seed():
    from scopeflow._src.framework.op_builder import create  # no public wrapper: sample_from_datasets builds the op

    with tf.Graph().as_default():
        seed = tf.placeholder(tf.int64, [2])
        logits = tf.constant([[0.0, np.log(3.0), -np.inf]])
        out = create("StatelessMultinomial", [logits, tf.constant(4000), seed], {"output_dtype": tf.int64})._outputs[0]
        with tf.Session() as sess:
            a, b, c = (sess.run(out, {seed: s}) for s in ([1, 2], [1, 2], [3, 4]))
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c) and a.shape == (1, 4000) and a.dtype == np.int64
    assert set(np.unique(a).tolist()) == {0, 1} and 0.72 < np.mean(a == 1) < 0.78
