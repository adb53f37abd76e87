"""The model of the sparse optimizer cases (no cases here): a table trained through ``gather``
with repeated indices, beside a dense bias, for a few steps."""

import numpy as np

OPTIMIZERS = {
    "gd": lambda tf: tf.train.GradientDescentOptimizer(0.1),
    "momentum": lambda tf: tf.train.MomentumOptimizer(0.1, momentum=0.9),
    "nesterov": lambda tf: tf.train.MomentumOptimizer(0.1, momentum=0.9, use_nesterov=True),
    "adagrad": lambda tf: tf.train.AdagradOptimizer(0.3),
    "adam": lambda tf: tf.train.AdamOptimizer(0.1),
    "rmsprop": lambda tf: tf.train.RMSPropOptimizer(0.05),
    "rmsprop_momentum": lambda tf: tf.train.RMSPropOptimizer(0.05, decay=0.8, momentum=0.5, epsilon=1e-6),
    "rmsprop_centered": lambda tf: tf.train.RMSPropOptimizer(0.05, momentum=0.5, centered=True),
    "adadelta": lambda tf: tf.train.AdadeltaOptimizer(1.0, rho=0.9, epsilon=1e-6),
    "proximal": lambda tf: tf.train.ProximalGradientDescentOptimizer(0.1, l1_regularization_strength=0.05,
                                                                      l2_regularization_strength=0.1),
    "proximal_l2_only": lambda tf: tf.train.ProximalGradientDescentOptimizer(0.1, l2_regularization_strength=0.1),
}

# the ids of each step: repeats within a step, rows shared between steps, rows never touched
STEP_IDS = ([1, 3, 1], [0, 3], [3, 3, 3, 5])


def table(dtype):
    return (np.arange(18).reshape(6, 3) / 9.0 - 0.8).astype(dtype)


def model(tf, dtype="float32", lookup="gather"):
    """(table variable, bias variable, ids placeholder, loss)."""
    dt = getattr(tf, dtype)
    w = tf.Variable(table(dtype), name="w")
    b = tf.Variable(np.array([0.5, -0.25, 1.0], dtype), name="b")
    ids = tf.placeholder(tf.int32, [None], name="ids")
    rows = tf.nn.embedding_lookup(w, ids) if lookup == "embedding" else tf.gather(w, ids)
    target = tf.constant(np.array([0.25, -0.5, 0.75], dtype), dtype=dt)
    squares = tf.square(rows * b - target)
    if dtype == "float16":  # TF sums float16 elements in float16, in Eigen's order: sum in float32
        squares = tf.cast(squares, tf.float32)
    loss = tf.reduce_sum(squares)
    return w, b, ids, loss


def train(tf, opt, train_op, w, b, ids, loss, steps=None):
    """Values of w, b and the loss after each step, and every slot after the last."""
    out = {"w": [], "b": [], "loss": []}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for step_ids in steps or STEP_IDS:
            out["loss"].append(sess.run(loss, {ids: step_ids}))
            sess.run(train_op, {ids: step_ids})
            out["w"].append(sess.run(w))
            out["b"].append(sess.run(b))
        out["slots"] = {f"{name}:{v.op.name}": sess.run(opt.get_slot(v, name))
                        for name in opt.get_slot_names() for v in (w, b)}
        out["variables"] = {v.name: sess.run(v) for v in opt.variables()}
    return out
