"""Optimizers on a partitioned variable: slot names and three steps of values, with dense
gradients (through the concatenation) and sparse ones (through ``embedding_lookup``)."""

import numpy as np

from tests.conformance.harness import case

_OPTIMIZERS = {
    "gd": lambda tf: tf.train.GradientDescentOptimizer(0.1),
    "momentum": lambda tf: tf.train.MomentumOptimizer(0.1, 0.9),
    "adam": lambda tf: tf.train.AdamOptimizer(0.1),
    "rmsprop": lambda tf: tf.train.RMSPropOptimizer(0.1),
    "adagrad": lambda tf: tf.train.AdagradOptimizer(0.1),
    "adadelta": lambda tf: tf.train.AdadeltaOptimizer(1.0),
    "ftrl": lambda tf: tf.train.FtrlOptimizer(0.1),
}


def _train(tf, make, sparse):
    value = np.linspace(-1, 1, 14, dtype=np.float32).reshape(7, 2)
    w = tf.get_variable("w", initializer=tf.constant(value), partitioner=tf.fixed_size_partitioner(3))
    if sparse:
        loss = tf.reduce_sum(tf.square(tf.nn.embedding_lookup(w, [0, 3, 3, 6])))
    else:
        loss = tf.reduce_sum(tf.square(tf.matmul(tf.ones([1, 7]), w)))
    step = make(tf).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            sess.run(step)
        return [sorted(v.name for v in tf.global_variables()),
                sorted([v.name, v._save_slice_info.full_name] for v in tf.global_variables() if v._save_slice_info),
                sess.run(w.as_tensor())]


def _register(name, fn):
    fn.__name__ = name
    case(fn)


for _name, _make in _OPTIMIZERS.items():
    _register(f"train_dense_{_name}", lambda tf, m=_make: _train(tf, m, False))
    _register(f"train_sparse_{_name}", lambda tf, m=_make: _train(tf, m, True))
