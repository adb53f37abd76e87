"""``sparse_train``: training steps fed with ``SparseTensor``s, the two shapes TF1 programs
take them in.

* ``gcn_ms_per_step``: a two-layer graph convolution on a Cora-sized graph (2,708 nodes,
  ~13,000 edges, 1,433 sparse bag-of-words features ~1.3% dense, 16 hidden units, 7
  classes): ``sparse_tensor_dense_matmul`` for the features and the adjacency, fed through
  ``tf.sparse_placeholder``, softmax cross-entropy and one Adam step;
* ``bow_ms_per_step``: a bag-of-words classifier with ``tf.nn.embedding_lookup_sparse``
  (10,000-word vocabulary, 64-wide embeddings, batches of 256 documents of 40 words,
  ``combiner="mean"``), fed a ``SparseTensorValue`` of ids, one gradient-descent step.

Both run ``sess.run([train, loss], feed_dict)`` on the same data in scopeflow and
TensorFlow; the losses are checked to fall.
"""

import numpy as np

from cases.timing import per_call

NAME = "sparse_train"
IMPLS = ("scopeflow", "tensorflow")
METRICS = {"gcn_ms_per_step": "ms", "bow_ms_per_step": "ms"}
TARGETS = {}


def _random_sparse(rng, rows, cols, nnz):
    flat = np.unique(rng.integers(0, rows * cols, size=nnz))
    indices = np.stack([flat // cols, flat % cols], axis=1).astype(np.int64)
    return indices, rng.random(len(indices)).astype(np.float32)


def _gcn(tf, quick):
    rng = np.random.default_rng(0)
    n, f, hidden, classes = (500, 300, 16, 7) if quick else (2708, 1433, 16, 7)
    features = _random_sparse(rng, n, f, int(n * f * 0.013))
    adjacency = _random_sparse(rng, n, n, 13_000 if not quick else 2_500)
    labels = np.eye(classes, dtype=np.float32)[rng.integers(0, classes, n)]
    with tf.Graph().as_default():
        x = tf.sparse_placeholder(tf.float32)
        a = tf.sparse_placeholder(tf.float32)
        y = tf.placeholder(tf.float32, [None, classes])
        w1 = tf.get_variable("w1", [f, hidden])
        w2 = tf.get_variable("w2", [hidden, classes])
        h = tf.nn.relu(tf.sparse_tensor_dense_matmul(a, tf.sparse_tensor_dense_matmul(x, w1)))
        logits = tf.sparse_tensor_dense_matmul(a, tf.matmul(h, w2))
        loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=y, logits=logits))
        train = tf.train.AdamOptimizer(0.01).minimize(loss)
        feed = {x: tf.SparseTensorValue(*features, [n, f]), a: tf.SparseTensorValue(*adjacency, [n, n]), y: labels}
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            first = sess.run(loss, feed)
            seconds = per_call(lambda: sess.run([train, loss], feed), 3 if quick else 10, 3 if quick else 5)
            assert sess.run(loss, feed) < first
    return seconds


def _bow(tf, quick):
    rng = np.random.default_rng(1)
    vocab, dim, batch, words = (1000, 16, 64, 10) if quick else (10_000, 64, 256, 40)
    indices = np.array([[b, w] for b in range(batch) for w in range(words)], np.int64)
    ids = rng.integers(0, vocab, len(indices)).astype(np.int64)
    labels = rng.integers(0, 2, batch).astype(np.float32)
    with tf.Graph().as_default():
        sp = tf.sparse_placeholder(tf.int64)
        y = tf.placeholder(tf.float32, [None])
        emb = tf.get_variable("emb", [vocab, dim])
        w = tf.get_variable("w", [dim, 1])
        doc = tf.nn.embedding_lookup_sparse(emb, sp, None, combiner="mean")
        logits = tf.reshape(tf.matmul(doc, w), [-1])
        loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=logits))
        train = tf.train.GradientDescentOptimizer(1.0).minimize(loss)
        feed = {sp: tf.SparseTensorValue(indices, ids, [batch, words]), y: labels}
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            first = sess.run(loss, feed)
            seconds = per_call(lambda: sess.run([train, loss], feed), 5 if quick else 20, 3 if quick else 5)
            assert sess.run(loss, feed) < first
    return seconds


def measure(tf, impl, quick):
    return {"gcn_ms_per_step": _gcn(tf, quick) * 1e3, "bow_ms_per_step": _bow(tf, quick) * 1e3}
