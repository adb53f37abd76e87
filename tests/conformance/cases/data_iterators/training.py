"""Training from an iterator: small models whose steps read their batches from ``tf.data``
(deterministic data, no shuffle), and the values they reach after a number of steps."""

import numpy as np

from tests.conformance.harness import case


def _regression_data():
    x = np.linspace(-1.0, 1.0, 16, dtype=np.float32).reshape(16, 1)
    return x, (3.0 * x - 0.5).astype(np.float32)


@case
def train_linear_regression_one_shot(tf):
    x, y = _regression_data()
    features, labels = tf.data.make_one_shot_iterator(
        tf.data.Dataset.from_tensor_slices((x, y)).batch(4).repeat()).get_next()
    w = tf.get_variable("w", [1, 1], initializer=tf.zeros_initializer())
    b = tf.get_variable("b", [1], initializer=tf.zeros_initializer())
    loss = tf.reduce_mean(tf.square(tf.matmul(features, w) + b - labels))
    train = tf.train.GradientDescentOptimizer(0.3).minimize(loss)
    losses = []
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(40):
            losses.append(sess.run([train, loss])[1])
        return {"w": sess.run(w), "b": sess.run(b), "losses": losses[::8], "shapes": [features.shape.as_list()]}


@case
def train_epochs_until_out_of_range(tf):
    x, y = _regression_data()
    it = tf.data.make_initializable_iterator(tf.data.Dataset.from_tensor_slices((x, y)).batch(5))
    features, labels = it.get_next()
    w = tf.Variable([[0.0]], name="w")
    loss = tf.reduce_mean(tf.square(tf.matmul(features, w) - labels))
    train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
    steps = []
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            sess.run(it.initializer)
            n = 0
            while True:
                try:
                    sess.run(train)
                except tf.errors.OutOfRangeError:
                    break
                n += 1
            steps.append(n)
        return {"steps": steps, "w": sess.run(w)}


@case
def train_softmax_classifier_from_dict_batches(tf):
    rng = np.random.RandomState(0)
    feats = rng.randn(24, 3).astype(np.float32)
    classes = (feats[:, 0] > feats[:, 1]).astype(np.int64) + (feats[:, 2] > 0.5)
    ds = tf.data.Dataset.from_tensor_slices({"x": feats, "y": classes}).batch(6, drop_remainder=True).repeat(4)
    batch = tf.data.make_one_shot_iterator(ds).get_next()
    logits = tf.layers.dense(batch["x"], 3, kernel_initializer=tf.ones_initializer(), name="dense")
    loss = tf.losses.sparse_softmax_cross_entropy(batch["y"], logits)
    step = tf.train.get_or_create_global_step()
    train = tf.train.AdamOptimizer(0.05).minimize(loss, global_step=step)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        seen = []
        try:
            while True:
                seen.append(sess.run([train, loss])[1])
        except tf.errors.OutOfRangeError:
            pass
        kernel = tf.trainable_variables()[0]
        return {"steps": int(sess.run(step)), "first_last": [seen[0], seen[-1]], "kernel": sess.run(kernel),
                "batch_shapes": {k: v.shape.as_list() for k, v in batch.items()}}


@case
def train_with_feedable_train_and_eval(tf):
    x, y = _regression_data()
    train_ds = tf.data.Dataset.from_tensor_slices((x, y)).batch(8).repeat()
    eval_ds = tf.data.Dataset.from_tensor_slices((x, y)).batch(16)
    handle = tf.placeholder(tf.string, [])
    features, labels = tf.data.Iterator.from_string_handle(
        handle, train_ds.output_types, train_ds.output_shapes).get_next()
    w = tf.Variable([[1.0]])
    loss = tf.reduce_mean(tf.square(tf.matmul(features, w) - labels))
    train = tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss)
    train_it, eval_it = tf.data.make_one_shot_iterator(train_ds), tf.data.make_initializable_iterator(eval_ds)
    evals = []
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        th, eh = sess.run([train_it.string_handle(), eval_it.string_handle()])
        for _ in range(3):
            for _ in range(5):
                sess.run(train, {handle: th})
            sess.run(eval_it.initializer)
            evals.append(sess.run(loss, {handle: eh}))
        return {"evals": evals, "w": sess.run(w)}
