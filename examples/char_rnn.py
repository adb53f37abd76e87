"""Char-RNN: a character-level LSTM language model, with a sampler that shares its weights.

A classic TensorFlow 1.x program, run unchanged by ``import scopeflow as tf``:

* the training graph is built under ``variable_scope("model")``: a character embedding
  (``get_variable`` + ``embedding_lookup``), a ``MultiRNNCell`` of two ``BasicLSTMCell``s
  unrolled by ``dynamic_rnn`` over [batch, steps] windows, and a softmax layer; Adam trains
  it on the cross-entropy of the next character, with gradients clipped by global norm;
* the sampling graph is built again under ``variable_scope("model", reuse=True)``: it shares
  every weight, reads one character per ``Session.run`` and feeds the LSTM state back in
  through ``placeholder_with_default`` placeholders; NumPy draws the next character from the
  softmax (with a temperature), before training and after;
* the text is the "Compound statements" chapter of the Python Language Reference (about
  50 KB of English with some grammar and code), as CPython ships it in ``pydoc_data.topics``
  for ``help("if")``: no download; the last tenth is held out to measure the loss;
* it prints the variable tree by scope, trains with a progress bar, and saves a checkpoint in
  TensorFlow's format (``scopeflow ckpt ls`` or TF can read it).

Run ``python examples/char_rnn.py [--steps N] [--checkpoint-dir D] [--seed S]``.
``--tensorflow`` runs the very same code on real TensorFlow (``tensorflow.compat.v1``).
"""

import argparse
import os
import sys
import textwrap
from pydoc_data.topics import topics

import numpy as np
from reporting import print_variable_tree  # examples/reporting.py, beside this script
from tqdm import tqdm

if "--tensorflow" in sys.argv[1:]:
    os.environ["TF_USE_LEGACY_KERAS"] = "1"  # TF 2.16+ keeps tf.nn.rnn_cell in tf_keras
    import tensorflow.compat.v1 as tf

    tf.disable_v2_behavior()
else:
    import scopeflow as tf

EMBEDDING = 64  # size of a character's embedding
HIDDEN = 128  # units in each LSTM layer
LAYERS = 2
BATCH = 32  # windows per training step
STEPS = 50  # characters per window: how far back the gradient reaches
LEARNING_RATE = 5e-3
MAX_GRADIENT_NORM = 5.0
TEMPERATURE = 0.7  # below 1 sharpens the softmax when sampling
PRIME = "The "  # samples start from this text


# -- the model --------------------------------------------------------------------------------
def stacked_lstm():
    return tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.BasicLSTMCell(HIDDEN) for _ in range(LAYERS)])


def language_model(inputs, vocab_size, cell, initial_state=None):
    """Next-character logits [batch * steps, vocab_size] and the final LSTM state.

    ``inputs`` holds character ids, [batch, steps]; the LSTM starts from ``initial_state``, or
    from zeros. The variables live in the current variable scope.
    """
    embedding = tf.get_variable("embedding", [vocab_size, EMBEDDING])
    embedded = tf.nn.embedding_lookup(embedding, inputs)  # [batch, steps, EMBEDDING]
    outputs, final_state = tf.nn.dynamic_rnn(cell, embedded, initial_state=initial_state, dtype=tf.float32)
    with tf.variable_scope("softmax"):
        w = tf.get_variable("weights", [HIDDEN, vocab_size])
        b = tf.get_variable("biases", [vocab_size], initializer=tf.zeros_initializer())
    logits = tf.matmul(tf.reshape(outputs, [-1, HIDDEN]), w) + b
    return logits, final_state


def build_training_graph(vocab_size):
    inputs = tf.placeholder(tf.int32, [None, STEPS], name="inputs")
    targets = tf.placeholder(tf.int32, [None, STEPS], name="targets")  # inputs shifted by one
    with tf.variable_scope("model"):
        logits, _ = language_model(inputs, vocab_size, stacked_lstm())
    loss = tf.reduce_mean(
        tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.reshape(targets, [-1]), logits=logits))
    variables = tf.trainable_variables()
    gradients, _ = tf.clip_by_global_norm(tf.gradients(loss, variables), MAX_GRADIENT_NORM)
    global_step = tf.train.get_or_create_global_step()
    train_op = tf.train.AdamOptimizer(LEARNING_RATE).apply_gradients(
        zip(gradients, variables), global_step=global_step)
    return dict(inputs=inputs, targets=targets, loss=loss, train_op=train_op, global_step=global_step)


def build_sampling_graph(vocab_size):
    """One character per run; the state goes out of one run and is fed back into the next."""
    inputs = tf.placeholder(tf.int32, [1, 1], name="sample_input")
    with tf.variable_scope("model", reuse=True):  # the sampler shares every variable
        cell = stacked_lstm()
        # Each (c, h) of each layer is a placeholder that holds zeros unless fed.
        state_in = tuple(
            tf.nn.rnn_cell.LSTMStateTuple(tf.placeholder_with_default(c, [1, HIDDEN], name=f"c{layer}"),
                                          tf.placeholder_with_default(h, [1, HIDDEN], name=f"h{layer}"))
            for layer, (c, h) in enumerate(cell.zero_state(1, tf.float32)))
        logits, state_out = language_model(inputs, vocab_size, cell, state_in)
    return dict(inputs=inputs, state_in=state_in, logits=logits, state_out=state_out)


# -- data ---------------------------------------------------------------------------------------
def load_text():
    """The "Compound statements" chapter of the Python Language Reference, shipped with CPython."""
    return topics["compound"]


def random_windows(rng, data, n):
    """``n`` random windows of ``STEPS`` characters, and the same windows one character later."""
    starts = rng.integers(0, len(data) - STEPS - 1, n)
    windows = data[starts[:, None] + np.arange(STEPS + 1)]
    return windows[:, :-1], windows[:, 1:]


def all_windows(data):
    """Every non-overlapping window of ``data``, for measuring the held-out loss."""
    n = (len(data) - 1) // STEPS
    return data[:n * STEPS].reshape(n, STEPS), data[1:n * STEPS + 1].reshape(n, STEPS)


# -- sampling -----------------------------------------------------------------------------------
def sample(sess, sampler, vocab, rng, length=400, temperature=TEMPERATURE):
    """``PRIME`` and ``length`` characters drawn one at a time from the model's softmax."""
    char_ids = {char: i for i, char in enumerate(vocab)}
    state = sess.run(sampler["state_in"])  # nothing fed: the zero state of the defaults
    text = PRIME
    for char in PRIME[:-1]:  # read the prime, keeping only the state
        state = sess.run(sampler["state_out"], {sampler["inputs"]: [[char_ids[char]]], sampler["state_in"]: state})
    char = PRIME[-1]
    for _ in range(length):
        feed = {sampler["inputs"]: [[char_ids[char]]], sampler["state_in"]: state}
        logits, state = sess.run([sampler["logits"], sampler["state_out"]], feed)
        scaled = logits[0].astype(np.float64) / temperature
        probabilities = np.exp(scaled - scaled.max())
        char = vocab[rng.choice(len(vocab), p=probabilities / probabilities.sum())]
        text += char
    return text


def print_sample(title, text):
    print(f"{title} (temperature {TEMPERATURE}, primed with {PRIME!r}):")
    print(textwrap.indent(text, "  | ", lambda line: True))


# -- reporting ----------------------------------------------------------------------------------
def held_out_loss(sess, model, held_out):
    inputs, targets = held_out
    return sess.run(model["loss"], {model["inputs"]: inputs, model["targets"]: targets})


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=500)
    parser.add_argument("--checkpoint-dir", default="checkpoints/char_rnn")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--tensorflow", action="store_true", help="run on real TensorFlow instead")
    args = parser.parse_args(argv)

    rng = np.random.default_rng(args.seed)
    tf.set_random_seed(args.seed)
    text = load_text()
    vocab = sorted(set(text))
    data = np.array([vocab.index(char) for char in text], dtype=np.int32)
    cut = int(0.9 * len(data))
    train, held_out = data[:cut], all_windows(data[cut:])
    print(f"text: {len(text):,} characters of the Python Language Reference "
          f"(\"Compound statements\"), {len(vocab)} distinct; the last {len(data) - cut:,} held out")

    model = build_training_graph(len(vocab))
    sampler = build_sampling_graph(len(vocab))
    print_variable_tree(tf.trainable_variables(),
                        "Trainable variables (the sampling graph adds none: it reuses the training graph's):",
                        count_width=8)

    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        print_sample("sample before training", sample(sess, sampler, vocab, rng))
        loss_before = held_out_loss(sess, model, held_out)
        running = None
        with tqdm(range(args.steps), desc="training", unit="step", mininterval=0.5) as bar:  # on stderr
            for _ in bar:
                inputs, targets = random_windows(rng, train, BATCH)
                feed = {model["inputs"]: inputs, model["targets"]: targets}
                _, loss = sess.run([model["train_op"], model["loss"]], feed)
                running = loss if running is None else 0.95 * running + 0.05 * loss
                bar.set_postfix(loss=f"{running:.3f}", refresh=False)
        print(f"trained {args.steps} steps (batches of {BATCH} windows of {STEPS} characters): "
              f"running loss {running:.3f}")
        loss_after = held_out_loss(sess, model, held_out)
        print(f"held-out loss: {loss_before:.3f} before training, {loss_after:.3f} after "
              f"({loss_after / np.log(2):.2f} bits per character, on {held_out[0].size:,} characters)")
        print_sample("sample after training", sample(sess, sampler, vocab, rng))
        os.makedirs(args.checkpoint_dir, exist_ok=True)
        path = saver.save(sess, os.path.join(args.checkpoint_dir, "model.ckpt"), global_step=model["global_step"])
        print(f"checkpoint: {path} (inspect it with: scopeflow ckpt ls {args.checkpoint_dir})")


if __name__ == "__main__":
    main()
