"""Optimizers' ``minimize`` graphs: gradients, slots, Apply* ops and the global step."""

from tests.conformance.cases.graph_def._helpers import nodes
from tests.conformance.harness import case


def _loss(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    w = tf.get_variable("w", [3, 2], initializer=tf.ones_initializer())
    b = tf.get_variable("b", [2], initializer=tf.zeros_initializer())
    return tf.reduce_mean(tf.square(tf.matmul(x, w) + b))


@case
def sgd_minimize(tf):
    tf.train.GradientDescentOptimizer(0.1).minimize(_loss(tf))
    return nodes(tf)


@case
def sgd_with_global_step(tf):
    step = tf.train.get_or_create_global_step()
    tf.train.GradientDescentOptimizer(0.1).minimize(_loss(tf), global_step=step)
    return nodes(tf)


@case
def momentum_minimize(tf):
    tf.train.MomentumOptimizer(0.1, 0.9).minimize(_loss(tf))
    return nodes(tf)


@case
def momentum_nesterov_locking(tf):
    tf.train.MomentumOptimizer(0.1, 0.9, use_locking=True, use_nesterov=True).minimize(_loss(tf))
    return nodes(tf)


@case
def adam_minimize(tf):
    tf.train.AdamOptimizer(0.01).minimize(_loss(tf))
    return nodes(tf)


@case
def rmsprop_minimize(tf):
    tf.train.RMSPropOptimizer(0.01).minimize(_loss(tf))
    return nodes(tf)


@case
def rmsprop_centered_momentum(tf):
    tf.train.RMSPropOptimizer(0.01, momentum=0.5, centered=True).minimize(_loss(tf))
    return nodes(tf)


@case
def adagrad_minimize(tf):
    tf.train.AdagradOptimizer(0.1).minimize(_loss(tf))
    return nodes(tf)


@case
def adadelta_minimize(tf):
    tf.train.AdadeltaOptimizer(1.0).minimize(_loss(tf))
    return nodes(tf)


@case
def compute_and_apply_clipped(tf):
    opt = tf.train.GradientDescentOptimizer(0.5)
    grads_and_vars = opt.compute_gradients(_loss(tf))
    clipped = [(tf.clip_by_value(g, -1.0, 1.0), v) for g, v in grads_and_vars]
    opt.apply_gradients(clipped, name="apply")
    return nodes(tf)


@case
def learning_rate_schedule(tf):
    step = tf.train.get_or_create_global_step()
    lr = tf.train.exponential_decay(0.1, step, 100, 0.96, staircase=True)
    tf.train.GradientDescentOptimizer(lr).minimize(_loss(tf), global_step=step)
    return nodes(tf)
