"""``tf.nn`` functions that TF1 programs use for summaries and losses: ``zero_fraction``
(graph, values, placeholders), ``weighted_moments``, ``crelu``, ``log_poisson_loss``, and
``lrn``/``in_top_k`` as CIFAR-10 calls them."""

import numpy as np

from tests.conformance.harness import case, raises

_X = [[0.0, 1.5, 0.0], [2.0, 0.0, -1.0]]


def _run(tf, *fetches, feed=None):
    with tf.Session() as sess:
        return [np.asarray(v).tolist() for v in sess.run(list(fetches), feed)]


@case
def zero_fraction_graph(tf):
    with tf.Graph().as_default() as g:
        z = tf.nn.zero_fraction(tf.constant(_X))
        return [z.name, z.dtype.name, z.shape.as_list(), [[op.name, op.type] for op in g.get_operations()]]


@case
def zero_fraction_values(tf):
    with tf.Graph().as_default():
        cases = [tf.constant(_X), tf.zeros([4]), tf.ones([2, 2], tf.int32), tf.constant([True, False, False]),
                 tf.constant([[1.0]], tf.float64)]
        return _run(tf, *[tf.nn.zero_fraction(c) for c in cases])


@case
def zero_fraction_of_a_placeholder(tf):
    with tf.Graph().as_default():
        p = tf.placeholder(tf.float32, [None, 3])
        z = tf.nn.zero_fraction(p, name="zf")
        return [z.name, _run(tf, z, feed={p: np.array([[0, 1, 2], [0, 0, 3]], np.float32)})]


@case
def zero_fraction_of_relu_in_a_summary(tf):
    with tf.Graph().as_default():
        x = tf.nn.relu(tf.constant([-1.0, 2.0, -3.0, 4.0]))
        s = tf.summary.scalar("sparsity", tf.nn.zero_fraction(x))
        return [s.name, _run(tf, tf.nn.zero_fraction(x))]


@case
def weighted_moments_values(tf):
    with tf.Graph().as_default():
        m, v = tf.nn.weighted_moments(tf.constant(_X), [1], [[1.0, 2.0, 3.0]])
        mk, vk = tf.nn.weighted_moments(tf.constant(_X), [0, 1], 2.0, keepdims=True)
        m0, v0 = tf.nn.weighted_moments(tf.constant(_X), [0], [[0.0, 0.0, 0.0]])
        return [m.name, v.name, mk.shape.as_list(), _run(tf, m, v, mk, vk, m0, v0)]


@case
def weighted_moments_half(tf):
    with tf.Graph().as_default():
        m, v = tf.nn.weighted_moments(tf.constant(_X, tf.float16), [0], [[1.0, 1.0, 1.0], [3.0, 1.0, 0.0]])
        return [m.dtype.name, _run(tf, m, v)]


@case
def crelu_values_and_names(tf):
    with tf.Graph().as_default():
        c = tf.nn.crelu(tf.constant(_X))
        c0 = tf.nn.crelu(tf.constant(_X), axis=0, name="cr")
        return [c.name, c.shape.as_list(), c0.name, c0.shape.as_list(), _run(tf, c, c0)]


@case
def crelu_gradient(tf):
    with tf.Graph().as_default():
        x = tf.constant(_X)
        return _run(tf, tf.gradients(tf.reduce_sum(tf.nn.crelu(x) * 2.0), x)[0])


@case
def log_poisson_loss_values(tf):
    with tf.Graph().as_default():
        t = tf.constant([[0.5, 2.0, 3.0], [1.0, 0.0, 4.0]])
        a = tf.nn.log_poisson_loss(t, tf.constant(_X))
        b = tf.nn.log_poisson_loss(t, tf.constant(_X), compute_full_loss=True)
        return [a.name, b.name, _run(tf, a, b)]


@case
def log_poisson_loss_shape_error(tf):
    with tf.Graph().as_default():
        return raises(tf.nn.log_poisson_loss, tf.constant([1.0, 2.0]), tf.constant([1.0, 2.0, 3.0]))


@case
def lrn_as_cifar10_calls_it(tf):
    with tf.Graph().as_default():
        x = tf.constant(np.linspace(-1, 1, 2 * 3 * 3 * 5).reshape(2, 3, 3, 5).astype(np.float32))
        n = tf.nn.lrn(x, 4, bias=1.0, alpha=0.001 / 9.0, beta=0.75, name="norm1")
        g = tf.gradients(tf.reduce_sum(n * n), x)[0]
        return [n.name, _run(tf, n, g)]


@case
def in_top_k_as_cifar10_eval_calls_it(tf):
    with tf.Graph().as_default():
        logits = tf.constant([[0.1, 0.8, 0.1], [0.5, 0.2, 0.3], [0.2, 0.2, 0.6]])
        top1 = tf.nn.in_top_k(logits, tf.constant([1, 1, 2]), 1)
        top2 = tf.nn.in_top_k(logits, tf.constant([1, 1, 0]), 2)
        return [top1.name, _run(tf, top1, top2, tf.reduce_sum(tf.cast(top1, tf.int32)))]
