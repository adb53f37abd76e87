"""Optimizer behaviour beyond the conformance goldens: graphs, subclasses, and the values
of a long run against a NumPy reference."""

from __future__ import annotations

import threading

import numpy as np
import pytest

import scopeflow as tf


def _adam_reference(w, grads, lr=0.1, b1=0.9, b2=0.999, eps=1e-8):
    """As TF: Python hyper-parameters become float32 constants and the beta powers float32
    variables, cast to the variable's dtype when used."""
    lr, b1, b2, eps = (float(np.float32(x)) for x in (lr, b1, b2, eps))
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    b1p, b2p = np.float32(b1), np.float32(b2)
    for g in grads:
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        w = w - lr * np.sqrt(1 - np.float64(b2p)) / (1 - np.float64(b1p)) * m / (np.sqrt(v) + eps)
        b1p, b2p = b1p * np.float32(b1), b2p * np.float32(b2)
    return w


def test_adam_fifty_steps_match_numpy_in_float64():
    rng = np.random.default_rng(3)
    w0 = rng.uniform(-1, 1, (4, 3))
    grads = [rng.uniform(-1, 1, (4, 3)) for _ in range(50)]
    w = tf.Variable(w0, name="w")
    g = tf.placeholder(tf.float64, [4, 3])
    train = tf.train.AdamOptimizer(0.1).apply_gradients([(g, w)])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for grad in grads:
            sess.run(train, {g: grad})
        np.testing.assert_allclose(sess.run(w), _adam_reference(w0, grads), rtol=1e-10)


def test_one_optimizer_in_two_graphs_keeps_separate_variables():
    opt = tf.train.AdamOptimizer(0.1)
    made = []
    for _ in range(2):
        with tf.Graph().as_default() as graph:
            w = tf.Variable([1.0, 2.0], name="w")
            opt.apply_gradients([(tf.constant([1.0, 1.0]), w)])
            made.append((graph, [v.name for v in opt.variables()]))
            assert all(v.graph is graph for v in opt.variables())
    assert made[0][1] == made[1][1] == ["beta1_power:0", "beta2_power:0", "w/Adam:0", "w/Adam_1:0"]


def test_get_slot_of_unknown_variable_is_none():
    opt = tf.train.MomentumOptimizer(0.1, 0.9)
    w = tf.Variable([1.0], name="w")
    other = tf.Variable([1.0], name="other")
    opt.apply_gradients([(tf.constant([1.0]), w)])
    assert opt.get_slot(other, "momentum") is None
    assert opt.get_slot(w, "nothing") is None
    assert opt.get_slot(w, "momentum").name == "w/Momentum:0"


def test_train_op_collected_once():
    w = tf.Variable([1.0], name="w")
    opt = tf.train.GradientDescentOptimizer(0.1)
    op = opt.apply_gradients([(tf.constant([1.0]), w)])
    assert tf.get_collection(tf.GraphKeys.TRAIN_OP) == [op]


class _SignSGD(tf.train.Optimizer):
    """A TF1-style custom optimizer: a slot, a hyper-parameter tensor, ordinary ops."""

    def __init__(self, lr, name="SignSGD"):
        super().__init__(False, name)
        self._lr = lr

    def _create_slots(self, var_list):
        for v in var_list:
            self._zeros_slot(v, "steps", self._name)

    def _prepare(self):
        self._lr_t = tf.convert_to_tensor(self._lr, name="lr")

    def _apply_dense(self, grad, var):
        steps = self.get_slot(var, "steps")
        count = tf.assign_add(steps, tf.ones_like(steps))
        with tf.control_dependencies([count]):
            return tf.assign_sub(var, self._lr_t * tf.sign(grad)).op


def test_custom_optimizer_subclass():
    w = tf.Variable([1.0, -1.0, 0.5], name="w")
    opt = _SignSGD(0.25)
    train = opt.apply_gradients([(tf.constant([3.0, -0.1, 0.0]), w)], global_step=tf.train.get_or_create_global_step())
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train)
        sess.run(train)
        assert sess.run(w).tolist() == [0.5, -0.5, 0.5]
        assert sess.run(opt.get_slot(w, "steps")).tolist() == [2.0, 2.0, 2.0]
        assert sess.run(tf.train.get_global_step()) == 2
    assert train.name == "SignSGD" and opt.get_slot(w, "steps").name == "w/SignSGD:0"


def test_fetched_values_are_not_changed_by_later_steps():
    w = tf.Variable([1.0, 2.0], name="w")
    train = tf.train.GradientDescentOptimizer(0.5).apply_gradients([(tf.constant([1.0, 1.0]), w)])
    with tf.Session() as sess:
        sess.run(w.initializer)
        before = sess.run(w)
        sess.run(train)
        assert before.tolist() == [1.0, 2.0]
        assert sess.run(w).tolist() == [0.5, 1.5]


def test_sessions_train_separately():
    w = tf.Variable([1.0], name="w")
    train = tf.train.MomentumOptimizer(1.0, 0.5).apply_gradients([(tf.constant([1.0]), w)])
    a, b = tf.Session(), tf.Session()
    for sess in (a, b):
        sess.run(tf.global_variables_initializer())
    a.run(train)
    a.run(train)
    b.run(train)
    assert a.run(w).tolist() == [-1.5] and b.run(w).tolist() == [0.0]


def test_concurrent_steps_with_locking_count_every_update():
    w = tf.Variable(np.zeros(1000), name="w")
    train = tf.train.GradientDescentOptimizer(1.0, use_locking=True).apply_gradients(
        [(tf.constant(np.ones(1000)), w)])
    with tf.Session() as sess:
        sess.run(w.initializer)

        def worker():
            for _ in range(50):
                sess.run(train)
        threads = [threading.Thread(target=worker) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sess.run(w).tolist() == [-200.0] * 1000


def test_apply_gradients_rejects_non_variables():
    with pytest.raises(NotImplementedError, match="Trying to update a Tensor"):
        tf.train.GradientDescentOptimizer(0.1).apply_gradients([(tf.constant([1.0]), tf.constant([2.0]))])
    with pytest.raises(AttributeError):
        tf.train.GradientDescentOptimizer(0.1).apply_gradients([(tf.constant([1.0]), "w")])
