"""``word2vec``: skip-gram training steps as TF1's word2vec tutorial writes them.

A 50,000-word vocabulary, 128-wide embeddings (``embedding_lookup`` of a
``[50000, 128]`` variable), batches of 128 (center, context) pairs fed through placeholders,
``tf.nn.nce_loss`` with 64 negative classes from its ``log_uniform_candidate_sampler``, and
one ``GradientDescentOptimizer(1.0)`` step, whose gradients of the embedding and of the NCE
weights are ``IndexedSlices`` (sparse updates of the touched rows). The pairs are drawn
Zipf-like, as words are, and cycled from 64 pre-made batches; the loss is checked to fall.
With ``--jax``: the same code on the JAX target (the sampler's rejection loop compiled too).
"""

import numpy as np

from cases.timing import per_call

NAME = "word2vec"
IMPLS = ("scopeflow", "tensorflow", "scopeflow-jax")  # with --jax: the same code on XLA
METRICS = {"ms_per_step": "ms"}
TARGETS = {"ms_per_step": 1.0}


def _batches(rng, vocab, batch, count):
    """Zipf-distributed (center, context) id pairs, contexts near their centers' ids."""
    ranks = np.minimum(rng.zipf(1.2, size=(count, batch)) - 1, vocab - 1)
    contexts = np.clip(ranks + rng.integers(-3, 4, size=ranks.shape), 0, vocab - 1)
    return [(ranks[i].astype(np.int32), contexts[i].reshape(batch, 1).astype(np.int64)) for i in range(count)]


def build(tf, vocab, dim, batch, sampled):
    """The tutorial's graph: returns ``(inputs, labels, loss, train)``."""
    inputs = tf.placeholder(tf.int32, shape=[batch])
    labels = tf.placeholder(tf.int64, shape=[batch, 1])
    embeddings = tf.Variable(tf.random_uniform([vocab, dim], -1.0, 1.0))
    embed = tf.nn.embedding_lookup(embeddings, inputs)
    nce_weights = tf.Variable(tf.truncated_normal([vocab, dim], stddev=1.0 / np.sqrt(dim)))
    nce_biases = tf.Variable(tf.zeros([vocab]))
    loss = tf.reduce_mean(tf.nn.nce_loss(weights=nce_weights, biases=nce_biases, labels=labels, inputs=embed,
                                         num_sampled=sampled, num_classes=vocab))
    train = tf.train.GradientDescentOptimizer(1.0).minimize(loss)
    return inputs, labels, loss, train


def measure(tf, impl, quick):
    vocab, dim, batch, sampled = (5000, 32, 128, 64) if quick else (50_000, 128, 128, 64)
    rng = np.random.default_rng(0)
    data = _batches(rng, vocab, batch, 64)
    with tf.Graph().as_default():
        tf.set_random_seed(1)
        inputs, labels, loss, train = build(tf, vocab, dim, batch, sampled)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            first = np.mean([sess.run(loss, {inputs: x, labels: y}) for x, y in data[:8]])
            step = iter(range(10**9))

            def one_step():
                x, y = data[next(step) % len(data)]
                sess.run(train, {inputs: x, labels: y})

            seconds = per_call(one_step, 20 if quick else 100, 3 if quick else 5)
            for _ in range(100):
                one_step()
            last = np.mean([sess.run(loss, {inputs: x, labels: y}) for x, y in data[:8]])
            assert last < first, (first, last)
    return {"ms_per_step": seconds * 1e3}
