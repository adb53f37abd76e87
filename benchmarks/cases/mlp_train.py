"""``mlp_train``: one Adam step of a 784-512-512-10 ReLU MLP, batch 256, fed data.

Three implementations of the same step, from the same initial weights and batch:

* ``scopeflow`` and ``tensorflow``: the same TF1 code (``matmul + b``, ``tf.nn.relu``,
  ``softmax_cross_entropy_with_logits_v2``, ``reduce_mean``, ``AdamOptimizer.minimize``),
  run with ``sess.run([train_op, loss], feed_dict)``;
* ``numpy``: a hand-written forward, backward and Adam step in NumPy (float32, in place
  where NumPy allows), the practical limit the issue names for a NumPy engine. It skips the
  gradient with respect to the input batch, as TensorFlow's runtime does: TF1 graphs build
  it (``minimize``'s default ``GATE_OP`` makes it a control input of the first layer's
  gradient ``tuple``) but TF's graph optimizer prunes it, and so does scopeflow's executor.

The targets are issue 4's: at least TensorFlow's steps per second, and within 15% of the
NumPy step. With ``--jax``: the JAX target runs the same TF1 code, within 10% of a hand-written
``jax.jit`` step (``jax_steps.py``).
"""

import numpy as np

from cases import jax_steps
from cases.timing import first_and_per_call

NAME = "mlp_train"
IMPLS = ("scopeflow", "tensorflow", "numpy", "scopeflow-jax", "jax")
METRICS = {"ms_per_step": "ms", "first_step_ms": "ms"}  # the first: plan building, or XLA compiling
TARGETS = {"ms_per_step": 1.0, "numpy:ms_per_step": round(1 / 1.15, 2)}
JAX_TARGETS = {"jax:ms_per_step": round(1 / 1.1, 2)}
SIZES = (784, 512, 512, 10)


def make_data(batch, n_batches, seed=0):
    rng = np.random.default_rng(seed)
    xs = rng.standard_normal((n_batches, batch, SIZES[0])).astype(np.float32)
    labels = rng.integers(0, SIZES[-1], size=(n_batches, batch))
    ys = np.eye(SIZES[-1], dtype=np.float32)[labels]
    return xs, ys


def init_params(seed=1):
    """Glorot-uniform weights and zero biases, as ``[w1, b1, w2, b2, w3, b3]``."""
    rng = np.random.default_rng(seed)
    params = []
    for fan_in, fan_out in zip(SIZES[:-1], SIZES[1:]):
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        params.append(rng.uniform(-limit, limit, (fan_in, fan_out)).astype(np.float32))
        params.append(np.zeros(fan_out, np.float32))
    return params


# -- the graph implementation (scopeflow and TensorFlow share the code) --------------------------
def graph_step(tf, batch, lr):
    """Build the model; return (a step function ``f(x, y) -> loss``, the session)."""
    x = tf.placeholder(tf.float32, [None, SIZES[0]], name="x")
    y = tf.placeholder(tf.float32, [None, SIZES[-1]], name="y")
    h = x
    params = init_params()
    for i in range(3):
        with tf.variable_scope(f"layer{i}"):
            w = tf.get_variable("w", initializer=tf.constant(params[2 * i]))
            b = tf.get_variable("b", initializer=tf.constant(params[2 * i + 1]))
            h = tf.matmul(h, w) + b
            if i < 2:
                h = tf.nn.relu(h)
    loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=y, logits=h))
    train = tf.train.AdamOptimizer(lr).minimize(loss)
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())

    def step(xb, yb):
        return sess.run([train, loss], {x: xb, y: yb})[1]
    return step, sess


# -- the hand-written NumPy step ----------------------------------------------------------------
class NumpyMLP:
    """Forward, backward and Adam for the same MLP, written directly in NumPy."""

    def __init__(self, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        self.params = init_params()
        self.m = [np.zeros_like(p) for p in self.params]
        self.v = [np.zeros_like(p) for p in self.params]
        self.lr, self.beta1, self.beta2, self.eps = np.float32(lr), np.float32(beta1), np.float32(beta2), \
            np.float32(eps)
        self.b1p, self.b2p = np.float32(beta1), np.float32(beta2)

    def step(self, x, y):
        w1, b1, w2, b2, w3, b3 = self.params
        h1 = x @ w1
        h1 += b1
        np.maximum(h1, 0, out=h1)
        h2 = h1 @ w2
        h2 += b2
        np.maximum(h2, 0, out=h2)
        logits = h2 @ w3
        logits += b3
        logits -= logits.max(axis=1, keepdims=True)
        e = np.exp(logits)
        s = e.sum(axis=1, keepdims=True)
        loss = float(np.mean(np.log(s[:, 0]) - np.sum(logits * y, axis=1)))
        e /= s
        e -= y
        e *= np.float32(1.0 / x.shape[0])  # d loss / d logits
        grads = [None] * 6
        grads[4] = h2.T @ e
        grads[5] = e.sum(axis=0)
        d2 = e @ w3.T
        d2 *= h2 > 0
        grads[2] = h1.T @ d2
        grads[3] = d2.sum(axis=0)
        d1 = d2 @ w2.T
        d1 *= h1 > 0
        grads[0] = x.T @ d1
        grads[1] = d1.sum(axis=0)
        self._adam(grads)
        return loss

    def _adam(self, grads):
        one = np.float32(1)
        alpha = self.lr * np.sqrt(one - self.b2p) / (one - self.b1p)
        for p, g, m, v in zip(self.params, grads, self.m, self.v):
            t = np.subtract(g, m)
            t *= one - self.beta1
            m += t
            np.square(g, out=t)
            t -= v
            t *= one - self.beta2
            v += t
            np.sqrt(v, out=t)
            t += self.eps
            np.divide(m, t, out=t)
            t *= alpha
            p -= t
        self.b1p *= self.beta1
        self.b2p *= self.beta2


def measure(tf, impl, quick):
    batch, steps, repeat = (16, 2, 2) if quick else (256, 10, 5)
    xs, ys = make_data(batch, 1)
    x, y = xs[0], ys[0]
    if impl in ("numpy", "jax"):
        step = NumpyMLP(1e-3).step if impl == "numpy" else jax_steps.mlp_adam_step(init_params(), 1e-3)
        return _rows(first_and_per_call(lambda: step(x, y), steps, repeat))
    with tf.Graph().as_default():
        step, sess = graph_step(tf, batch, 1e-3)
    with sess:
        return _rows(first_and_per_call(lambda: step(x, y), steps, repeat))


def _rows(timed):
    first, each = timed
    return {"ms_per_step": each * 1e3, "first_step_ms": first * 1e3}
