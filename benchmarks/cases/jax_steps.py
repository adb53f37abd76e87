"""Hand-written ``jax.jit`` steps of the training benchmarks' models: the ``jax`` implementation,
the practical limit of scopeflow's JAX target (issue 25), which runs the same TF1 graphs through
XLA (the ``scopeflow-jax`` implementation).

Each step is what a JAX user would write for the model: one jitted function of (parameters,
batch) with the parameters' buffers donated, returning the new parameters (and the loss).
JAX is imported here only, by the benchmarks that use it.
"""

from __future__ import annotations

import numpy as np


def _jax():
    import jax
    import jax.numpy as jnp
    return jax, jnp


def _sync(tree):
    """Wait for a step's results: JAX dispatches asynchronously."""
    jax, _ = _jax()
    jax.block_until_ready(tree)
    return tree


def mlp_adam_step(params, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    """``step(x, y) -> loss`` for the MLP of ``mlp_train`` (ReLU, softmax cross-entropy, Adam as
    TF's ``ApplyAdam``: ``lr_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t)``)."""
    jax, jnp = _jax()

    def loss_fn(ps, x, y):
        h = x
        for i in range(0, len(ps), 2):
            h = h @ ps[i] + ps[i + 1]
            if i + 2 < len(ps):
                h = jax.nn.relu(h)
        return jnp.mean(-jnp.sum(y * jax.nn.log_softmax(h), axis=1))

    def step(state, x, y):
        ps, ms, vs, t = state
        loss, grads = jax.value_and_grad(loss_fn)(ps, x, y)
        t = t + 1
        lr_t = lr * jnp.sqrt(1 - beta2 ** t) / (1 - beta1 ** t)
        ms = [m + (g - m) * (1 - beta1) for m, g in zip(ms, grads)]
        vs = [v + (g * g - v) * (1 - beta2) for v, g in zip(vs, grads)]
        ps = [p - lr_t * m / (jnp.sqrt(v) + eps) for p, m, v in zip(ps, ms, vs)]
        return (ps, ms, vs, t), loss

    jitted = jax.jit(step, donate_argnums=0)
    state = ([jnp.asarray(p) for p in params], [jnp.zeros_like(p) for p in params],
             [jnp.zeros_like(p) for p in params], jnp.float32(0))
    box = [state]

    def run(x, y):
        box[0], loss = jitted(box[0], x, y)
        return float(_sync(loss))
    return run


def cnn_sgd_step(batch, lr=0.01, seed=0):
    """``step(images, labels)`` for the convnet of ``cnn_train`` (NHWC, SAME 5x5 convolutions,
    2x2 max-pools, dense 1024, sparse softmax cross-entropy, plain SGD)."""
    jax, jnp = _jax()
    rng = np.random.default_rng(seed)

    def glorot(*shape, fan_in, fan_out):
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        return jnp.asarray(rng.uniform(-limit, limit, shape).astype(np.float32))

    params = [glorot(5, 5, 1, 32, fan_in=25, fan_out=800), jnp.zeros(32),
              glorot(5, 5, 32, 64, fan_in=800, fan_out=1600), jnp.zeros(64),
              glorot(7 * 7 * 64, 1024, fan_in=3136, fan_out=1024), jnp.zeros(1024),
              glorot(1024, 10, fan_in=1024, fan_out=10), jnp.zeros(10)]

    def conv(x, w, b):
        y = jax.lax.conv_general_dilated(x, w, (1, 1), "SAME", dimension_numbers=("NHWC", "HWIO", "NHWC"))
        return jax.nn.relu(y + b)

    def pool(x):
        return jax.lax.reduce_window(x, -jnp.inf, jax.lax.max, (1, 2, 2, 1), (1, 2, 2, 1), "VALID")

    def loss_fn(ps, images, labels):
        h = pool(conv(images, ps[0], ps[1]))
        h = pool(conv(h, ps[2], ps[3]))
        h = jax.nn.relu(h.reshape(h.shape[0], -1) @ ps[4] + ps[5])
        logits = h @ ps[6] + ps[7]
        return jnp.mean(-jnp.take_along_axis(jax.nn.log_softmax(logits), labels[:, None], axis=1))

    def step(ps, images, labels):
        grads = jax.grad(loss_fn)(ps, images, labels)
        return [p - lr * g for p, g in zip(ps, grads)]

    jitted = jax.jit(step, donate_argnums=0)
    box = [params]

    def run(images, labels):
        box[0] = _sync(jitted(box[0], images, labels))
    return run


def rnn_steps(steps, features, hidden, seed=0):
    """``(forward(inputs) -> loss, forward_backward(inputs) -> grads)`` for the tanh RNN of
    ``rnn_unrolled``, unrolled ``steps`` times inside the jitted function as the graph is."""
    jax, jnp = _jax()
    rng = np.random.default_rng(seed)
    limit = np.sqrt(6.0 / (features + 2 * hidden))
    params = (jnp.asarray(rng.uniform(-limit, limit, (features + hidden, hidden)).astype(np.float32)),
              jnp.zeros(hidden, jnp.float32))

    def loss_fn(ps, inputs):
        w, b = ps
        h = jnp.zeros((inputs.shape[1], hidden), jnp.float32)
        for t in range(steps):
            h = jnp.tanh(jnp.concatenate([inputs[t], h], axis=1) @ w + b)
        return jnp.mean(jnp.square(h))

    forward = jax.jit(loss_fn)
    backward = jax.jit(jax.grad(loss_fn))
    return (lambda inputs: _sync(forward(params, inputs)), lambda inputs: _sync(backward(params, inputs)))


def lstm_steps(features, units, forget_bias=1.0, seed=0):
    """``(forward(inputs) -> loss, forward_backward(inputs) -> grads)`` for the LSTM of
    ``dynamic_rnn`` (``BasicLSTMCell``: gates i, j, f, o of one matmul), over batch-major inputs
    by ``lax.scan``, as a JAX user writes a loop over time."""
    jax, jnp = _jax()
    rng = np.random.default_rng(seed)
    limit = np.sqrt(6.0 / (features + 5 * units))
    params = (jnp.asarray(rng.uniform(-limit, limit, (features + units, 4 * units)).astype(np.float32)),
              jnp.zeros(4 * units, jnp.float32))

    def loss_fn(ps, inputs):
        w, b = ps

        def cell(carry, x):
            c, h = carry
            i, j, f, o = jnp.split(jnp.concatenate([x, h], axis=1) @ w + b, 4, axis=1)
            c = c * jax.nn.sigmoid(f + forget_bias) + jax.nn.sigmoid(i) * jnp.tanh(j)
            h = jnp.tanh(c) * jax.nn.sigmoid(o)
            return (c, h), h
        zeros = jnp.zeros((inputs.shape[0], units), jnp.float32)
        _, outputs = jax.lax.scan(cell, (zeros, zeros), jnp.swapaxes(inputs, 0, 1))
        return jnp.mean(jnp.square(outputs))

    forward = jax.jit(loss_fn)
    backward = jax.jit(jax.grad(loss_fn))
    return (lambda inputs: _sync(forward(params, inputs)), lambda inputs: _sync(backward(params, inputs)))
