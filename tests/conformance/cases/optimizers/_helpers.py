"""Helpers shared by the ``optimizers`` conformance cases (no cases here)."""


X = [[1.0, 2.0], [3.0, 4.0], [-1.0, 0.5]]
Y = [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]
W0 = [[0.5, -0.3], [0.2, 0.8]]
B0 = [0.1, -0.2]


def _model(tf, dtype=None, scope=None):
    dtype = dtype or tf.float32
    w = tf.get_variable("w", initializer=tf.constant(W0, dtype=dtype))
    b = tf.get_variable("b", initializer=tf.constant(B0, dtype=dtype))
    pred = tf.matmul(tf.constant(X, dtype=dtype), w) + b
    loss = tf.reduce_mean(tf.square(pred - tf.constant(Y, dtype=dtype)))
    return w, b, loss
