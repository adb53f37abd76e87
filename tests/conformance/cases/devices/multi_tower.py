"""A multi-tower program shaped like TF's ``cifar10_multi_gpu_train``: variables on the CPU,
one tower per GPU sharing them through ``reuse_variables()``, gradients averaged on the CPU,
run with soft placement on a CPU-only host."""

import numpy as np

from tests.conformance.harness import case

_GPUS = 2


def _init(n, seed):
    """Initial values fixed here (TF's random initializers draw other numbers than scopeflow's)."""
    return (np.random.RandomState(seed).randn(n) * 0.1).astype(np.float32).tolist()


def _variable_on_cpu(tf, name, shape, initializer):
    with tf.device("/cpu:0"):
        return tf.get_variable(name, shape, initializer=initializer, dtype=tf.float32)


def _tower_loss(tf, scope, images, labels):
    with tf.variable_scope("conv1"):
        kernel = _variable_on_cpu(tf, "weights", [3, 3, 1, 4], tf.constant_initializer(_init(36, 1)))
        biases = _variable_on_cpu(tf, "biases", [4], tf.constant_initializer(0.1))
        conv = tf.nn.relu(tf.nn.bias_add(tf.nn.conv2d(images, kernel, [1, 1, 1, 1], "SAME"), biases))
        tf.summary.scalar("sparsity", tf.nn.zero_fraction(conv))
    pool = tf.nn.max_pool(conv, [1, 3, 3, 1], [1, 2, 2, 1], "SAME", name="pool1")
    norm = tf.nn.lrn(pool, 4, bias=1.0, alpha=0.001 / 9.0, beta=0.75, name="norm1")
    with tf.variable_scope("softmax_linear"):
        flat = tf.reshape(norm, [2, -1])
        weights = _variable_on_cpu(tf, "weights", [64, 3], tf.constant_initializer(_init(192, 2)))
        biases = _variable_on_cpu(tf, "biases", [3], tf.constant_initializer(0.0))
        logits = tf.add(tf.matmul(flat, weights), biases, name="logits")
    xent = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits, name="xent")
    tf.add_to_collection("losses", tf.reduce_mean(xent, name="xent_mean"))
    losses = tf.get_collection("losses", scope)
    return tf.add_n(losses, name="total_loss"), logits


def _average_gradients(tf, tower_grads):
    averaged = []
    for grad_and_vars in zip(*tower_grads):
        grads = [tf.expand_dims(g, 0) for g, _ in grad_and_vars]
        grad = tf.reduce_mean(tf.concat(axis=0, values=grads), 0)
        averaged.append((grad, grad_and_vars[0][1]))
    return averaged


@case
def cifar10_style_multi_gpu_training(tf):
    rng = np.random.RandomState(0)
    data = rng.rand(_GPUS, 2, 8, 8, 1).astype(np.float32)
    labels = np.array([[0, 2], [1, 0]], dtype=np.int32)
    with tf.Graph().as_default() as g, tf.device("/cpu:0"):
        global_step = tf.get_variable("global_step", [], initializer=tf.constant_initializer(0), trainable=False)
        opt = tf.train.GradientDescentOptimizer(0.1)
        tower_grads, losses, in_top = [], [], []
        with tf.variable_scope(tf.get_variable_scope()):
            for i in range(_GPUS):
                with tf.device("/gpu:%d" % i):
                    with tf.name_scope("tower_%d" % i) as scope:
                        loss, logits = _tower_loss(tf, scope, tf.constant(data[i]), tf.constant(labels[i]))
                        tf.get_variable_scope().reuse_variables()
                        tower_grads.append(opt.compute_gradients(loss))
                        losses.append(loss)
                        in_top.append(tf.nn.in_top_k(logits, tf.constant(labels[i]), 1))
        grads = _average_gradients(tf, tower_grads)
        train_op = opt.apply_gradients(grads, global_step=global_step)
        config = tf.ConfigProto(allow_soft_placement=True, log_device_placement=False)
        with tf.Session(config=config) as sess:
            sess.run(tf.global_variables_initializer())
            values = [sess.run([train_op] + losses)[1:] for _ in range(3)]
            final = sess.run([v for _, v in grads] + in_top + [global_step])
        placed = [[op.name, op.device] for op in g.get_operations()
                  if not op.name.startswith(("tower_1/gradients", "tower_0/gradients"))]
        tower_grad_devices = sorted({op.device for op in g.get_operations() if "/gradients/" in op.name})
        return {"values": [[float(x) for x in v] for v in values], "final": [np.asarray(x).tolist() for x in final],
                "placed": placed, "grad_devices": tower_grad_devices,
                "variables": [v.name for v in tf.global_variables()]}
