"""Siamese digits: one encoder, two towers, shared weights. scopeflow's flagship example.

A classic TensorFlow 1.x program, run unchanged by ``import scopeflow as tf``:

* an encoder (64 -> 128 -> 32) is built once under ``variable_scope("encoder")`` and
  applied to a second input under ``variable_scope("encoder", reuse=True)``: both towers
  use the same variables, and training updates them with gradients from both;
* a head compares the two embeddings and predicts whether the two images show the same
  digit; Adam trains it on scikit-learn's bundled 8x8 ``load_digits`` images (no download);
* it prints the variable tree by scope, trains with a progress bar, reports held-out
  accuracy (same/different pairs, and digit classes by nearest embedding centroid), and
  saves a checkpoint in TensorFlow's format (``scopeflow ckpt ls`` or TF can read it);
* it writes a TensorBoard run (``tf.summary``: loss and accuracy curves, histograms of the
  weights, the graph, in which each variable scope is one box) and prints the command that
  opens it.

Run ``make demo``, or ``python examples/siamese_digits.py [--steps N] [--checkpoint-dir D]
[--logdir D]``.
``--tensorflow`` runs the very same code on real TensorFlow (``tensorflow.compat.v1``).
"""

import argparse
import os
import sys

import numpy as np
from reporting import print_variable_tree  # examples/reporting.py, beside this script
from sklearn.datasets import load_digits
from tqdm import tqdm

if "--tensorflow" in sys.argv[1:]:
    import tensorflow.compat.v1 as tf

    tf.disable_v2_behavior()
else:
    import scopeflow as tf

BATCH = 128
EMBEDDING = 32


# -- the model --------------------------------------------------------------------------------
def dense(x, units, activation=None):
    """A fully connected layer whose variables live in the current variable scope."""
    w = tf.get_variable("weights", [x.shape[-1], units])  # glorot_uniform, TF's default
    b = tf.get_variable("biases", [units], initializer=tf.zeros_initializer())
    y = tf.matmul(x, w) + b
    return activation(y) if activation is not None else y


def encoder(images):
    with tf.variable_scope("hidden"):
        h = dense(images, 128, tf.nn.relu)
    with tf.variable_scope("embedding"):
        return dense(h, EMBEDDING)


def build_model():
    image_a = tf.placeholder(tf.float32, [None, 64], name="image_a")
    image_b = tf.placeholder(tf.float32, [None, 64], name="image_b")
    same = tf.placeholder(tf.float32, [None], name="same")
    with tf.variable_scope("encoder"):
        emb_a = encoder(image_a)
    with tf.variable_scope("encoder", reuse=True):  # the second tower shares every variable
        emb_b = encoder(image_b)
    with tf.variable_scope("head"):
        logits = tf.squeeze(dense(tf.abs(emb_a - emb_b), 1), axis=1)
    loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=same, logits=logits))
    predicted = tf.cast(logits > 0.0, tf.float32)
    accuracy = tf.reduce_mean(tf.cast(tf.equal(predicted, same), tf.float32))
    global_step = tf.train.get_or_create_global_step()
    train_op = tf.train.AdamOptimizer(2e-3).minimize(loss, global_step=global_step)
    return dict(image_a=image_a, image_b=image_b, same=same, emb=emb_a, loss=loss, accuracy=accuracy,
                train_op=train_op, global_step=global_step)


def add_summaries(model):
    """TensorBoard summaries: the loss and accuracy curves, a histogram of each weight."""
    tf.summary.scalar("loss", model["loss"])
    tf.summary.scalar("accuracy", model["accuracy"])
    with tf.name_scope("weights"):
        for v in tf.trainable_variables():
            tf.summary.histogram(v.op.name, v)
    return tf.summary.merge_all()


# -- data ---------------------------------------------------------------------------------------
def load_data(rng):
    digits = load_digits()
    images = (digits.data / 16.0).astype(np.float32)
    order = rng.permutation(len(images))
    cut = int(0.8 * len(images))
    train, test = order[:cut], order[cut:]
    return (images[train], digits.target[train]), (images[test], digits.target[test])


def sample_pairs(rng, labels, n):
    """``n`` index pairs, half showing the same digit and half different digits."""
    by_class = [np.flatnonzero(labels == c) for c in range(10)]
    first = rng.integers(0, len(labels), n)
    same = np.arange(n) < n // 2
    wanted = np.where(same, labels[first], (labels[first] + rng.integers(1, 10, n)) % 10)
    second = np.array([by_class[c][k % len(by_class[c])] for c, k in zip(wanted, rng.integers(0, 1 << 30, n))])
    return first, second, same.astype(np.float32)


# -- reporting ----------------------------------------------------------------------------------
def centroid_accuracy(sess, model, train, test):
    """Digit-class accuracy on held-out images: nearest class centroid of the embeddings."""
    emb_train = sess.run(model["emb"], {model["image_a"]: train[0]})
    emb_test = sess.run(model["emb"], {model["image_a"]: test[0]})
    centroids = np.stack([emb_train[train[1] == c].mean(axis=0) for c in range(10)])
    distances = np.abs(emb_test[:, None, :] - centroids[None, :, :]).sum(axis=2)
    return float(np.mean(distances.argmin(axis=1) == test[1]))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=1500)
    parser.add_argument("--checkpoint-dir", default="checkpoints/siamese_digits")
    parser.add_argument("--logdir", default="logs/siamese_digits", help="TensorBoard log directory")
    parser.add_argument("--summary-every", type=int, default=25, help="steps between summaries")
    parser.add_argument("--tensorflow", action="store_true", help="run on real TensorFlow instead")
    args = parser.parse_args(argv)

    rng = np.random.default_rng(0)
    tf.set_random_seed(0)
    train, test = load_data(rng)
    model = build_model()
    summaries = add_summaries(model)
    print_variable_tree(tf.trainable_variables(),
                        "Trainable variables (the second tower adds none: it reuses the encoder's):")
    test_a, test_b, test_same = sample_pairs(np.random.default_rng(1), test[1], 2000)
    test_feed = {model["image_a"]: test[0][test_a], model["image_b"]: test[0][test_b], model["same"]: test_same}

    saver = tf.train.Saver()
    with tf.Session() as sess, tf.summary.FileWriter(os.path.join(args.logdir, "train"), sess.graph) as writer:
        sess.run(tf.global_variables_initializer())
        running = None
        with tqdm(range(args.steps), desc="training", unit="step", mininterval=0.5) as bar:  # on stderr
            for step in bar:
                a, b, same = sample_pairs(rng, train[1], BATCH)
                feed = {model["image_a"]: train[0][a], model["image_b"]: train[0][b], model["same"]: same}
                if step % args.summary_every == 0:
                    _, loss, summary = sess.run([model["train_op"], model["loss"], summaries], feed)
                    writer.add_summary(summary, step)
                else:
                    _, loss = sess.run([model["train_op"], model["loss"]], feed)
                running = loss if running is None else 0.95 * running + 0.05 * loss
                if step % 25 == 0:
                    bar.set_postfix(loss=f"{running:.4f}", refresh=False)
        print(f"trained {args.steps} steps (batches of {BATCH} pairs): running loss {running:.4f}")
        pair_accuracy = sess.run(model["accuracy"], test_feed)
        print(f"held-out pairs (same digit or not): accuracy {pair_accuracy:.3f} on {len(test_same)} pairs")
        print(f"held-out digits (nearest embedding centroid): accuracy "
              f"{centroid_accuracy(sess, model, train, test):.3f} on {len(test[1])} images")
        os.makedirs(args.checkpoint_dir, exist_ok=True)
        path = saver.save(sess, os.path.join(args.checkpoint_dir, "model.ckpt"), global_step=model["global_step"])
        print(f"checkpoint: {path} (inspect it with: scopeflow ckpt ls {args.checkpoint_dir})")
    print(f"TensorBoard run: {args.logdir}/train (open it with: tensorboard --logdir {args.logdir})")


if __name__ == "__main__":
    main()
