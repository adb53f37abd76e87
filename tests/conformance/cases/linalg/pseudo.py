"""``tf.linalg.matrix_rank`` and ``tf.linalg.pinv``: ops, names, values and errors."""

import numpy as np

from tests.conformance.cases._math_helpers import describe
from tests.conformance.cases.linalg._helpers import BATCH, W
from tests.conformance.harness import case, raises

_LOW = np.array([[1.0, 2.0], [2.0, 4.0], [0.0, 1.0], [1.0, 3.0]])


@case
def matrix_rank_values_and_names(tf):
    return describe(tf, [tf.linalg.matrix_rank(tf.constant(W, name="w")),
                         tf.linalg.matrix_rank(tf.constant(np.outer([1.0, 2.0, 3.0], [1.0, -1.0]), name="r1")),
                         tf.linalg.matrix_rank(tf.constant(BATCH, name="b"), name="rk"),
                         tf.linalg.matrix_rank(tf.constant(W.astype(np.float32), name="w32"), tol=5.0)])


@case
def pinv_values_and_names(tf):
    return describe(tf, [tf.linalg.pinv(tf.constant(_LOW, name="low")), tf.linalg.pinv(tf.constant(W.T, name="wt")),
                         tf.linalg.pinv(tf.constant(BATCH.astype(np.float32), name="b"), rcond=1e-3, name="pi")])


@case
def pinv_unknown_sizes(tf):
    p = tf.placeholder(tf.float64, [None, None], name="p")
    pi = tf.linalg.pinv(p)
    with tf.Session() as sess:
        value = sess.run(pi, {p: _LOW})
    return {"shape": pi.shape.as_list(), "value": value}


@case
def rank_and_pinv_errors(tf):
    return [raises(tf.linalg.matrix_rank, tf.constant([1, 2])), raises(tf.linalg.pinv, tf.constant([1.0, 2.0])),
            raises(tf.linalg.pinv, tf.constant([[1, 2]]))]
