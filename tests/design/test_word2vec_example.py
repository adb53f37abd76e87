"""word2vec as TF1's tutorials write it (skip-gram pairs from a text, an embedding looked up by
center word, ``tf.nn.nce_loss`` against the context word, gradient descent, cosine similarity
of normalised embeddings): it runs unchanged and learns."""

import collections

import numpy as np

import scopeflow as tf

_TEXT = ("the king rules the land and the queen rules the land . the man works the field and the woman "
         "works the field . a king and a queen live in the castle . a man and a woman live in the village . ")


def _dataset(words, vocabulary_size):
    count = [["UNK", -1]] + collections.Counter(words).most_common(vocabulary_size - 1)
    dictionary = {word: i for i, (word, _) in enumerate(count)}
    data = [dictionary.get(word, 0) for word in words]
    return data, dictionary, {i: w for w, i in dictionary.items()}


def _skip_gram_batches(data, batch_size, skip_window, rng):
    """Endless batches of (center, context) pairs within ``skip_window`` words."""
    pairs = [(data[i], data[j]) for i in range(len(data))
             for j in range(max(0, i - skip_window), min(len(data), i + skip_window + 1)) if j != i]
    pairs = np.array(pairs)
    while True:
        pick = pairs[rng.integers(0, len(pairs), batch_size)]
        yield pick[:, 0].astype(np.int32), pick[:, 1:].astype(np.int64)


def test_word2vec_skip_gram_trains():
    words = (_TEXT * 30).split()
    vocabulary_size, embedding_size, batch_size, num_sampled = 24, 16, 32, 8
    data, dictionary, _ = _dataset(words, vocabulary_size)
    graph = tf.Graph()
    with graph.as_default():
        tf.set_random_seed(0)
        train_inputs = tf.placeholder(tf.int32, shape=[batch_size])
        train_labels = tf.placeholder(tf.int64, shape=[batch_size, 1])
        valid_dataset = tf.constant([dictionary["king"], dictionary["man"]], dtype=tf.int32)
        with tf.name_scope("embeddings"):
            embeddings = tf.Variable(tf.random_uniform([vocabulary_size, embedding_size], -1.0, 1.0))
            embed = tf.nn.embedding_lookup(embeddings, train_inputs)
        with tf.name_scope("weights"):
            nce_weights = tf.Variable(tf.truncated_normal([vocabulary_size, embedding_size],
                                                          stddev=1.0 / np.sqrt(embedding_size)))
        with tf.name_scope("biases"):
            nce_biases = tf.Variable(tf.zeros([vocabulary_size]))
        with tf.name_scope("loss"):
            loss = tf.reduce_mean(tf.nn.nce_loss(weights=nce_weights, biases=nce_biases, labels=train_labels,
                                                 inputs=embed, num_sampled=num_sampled,
                                                 num_classes=vocabulary_size))
        tf.summary.scalar("loss", loss)
        with tf.name_scope("optimizer"):
            optimizer = tf.train.GradientDescentOptimizer(1.0).minimize(loss)
        norm = tf.sqrt(tf.reduce_sum(tf.square(embeddings), 1, keepdims=True))
        normalized_embeddings = embeddings / norm
        valid_embeddings = tf.nn.embedding_lookup(normalized_embeddings, valid_dataset)
        similarity = tf.matmul(valid_embeddings, normalized_embeddings, transpose_b=True)
        init = tf.global_variables_initializer()

    batches = _skip_gram_batches(data, batch_size, 1, np.random.default_rng(0))
    with tf.Session(graph=graph) as session:
        init.run()
        losses = []
        for _ in range(400):
            inputs, labels = next(batches)
            _, loss_val = session.run([optimizer, loss], feed_dict={train_inputs: inputs, train_labels: labels})
            losses.append(loss_val)
        sim = similarity.eval()
    assert loss.name == "loss/Mean:0" and embed.name == "embeddings/embedding_lookup/Identity:0"
    assert np.mean(losses[-50:]) < 0.75 * np.mean(losses[:50])  # TF: 3.60 -> 2.23
    assert sim.shape == (2, vocabulary_size) and np.allclose(np.diag(sim[:, [dictionary["king"], dictionary["man"]]]),
                                                             1.0, atol=1e-5)


def test_sampled_softmax_trains_on_sharded_weights():
    """The other sampled loss, its output layer split in two ``div`` shards."""
    rng = np.random.default_rng(1)
    classes, dim = 40, 8
    with tf.Graph().as_default():
        tf.set_random_seed(2)
        x = tf.placeholder(tf.float32, [None, dim])
        y = tf.placeholder(tf.int64, [None, 1])
        shards = [tf.get_variable(f"softmax_w_{i}", [classes // 2, dim]) for i in range(2)]
        b = tf.get_variable("softmax_b", [classes], initializer=tf.zeros_initializer())
        loss = tf.reduce_mean(tf.nn.sampled_softmax_loss(shards, b, y, x, 10, classes, partition_strategy="div"))
        train = tf.train.AdamOptimizer(0.05).minimize(loss)
        centers = rng.normal(size=(classes, dim)).astype(np.float32)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            losses = []
            for _ in range(150):
                labels = rng.integers(0, classes, 64)
                feed = {x: centers[labels] + 0.1 * rng.normal(size=(64, dim)).astype(np.float32),
                        y: labels[:, None]}
                losses.append(sess.run([train, loss], feed)[1])
    assert np.mean(losses[-20:]) < 0.5 * np.mean(losses[:20])
