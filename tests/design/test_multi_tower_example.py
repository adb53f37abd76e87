"""A short multi-tower trainer written the way TF1's ``cifar10_multi_gpu_train.py`` is: variables
pinned to the CPU, one tower per GPU sharing them through ``reuse_variables()``, the towers'
gradients averaged on the CPU, moving averages of the weights, and a session with soft placement
on a host without GPUs. The program is ours; the assertions are what TF records for it."""

import numpy as np
import pytest

import scopeflow as tf

NUM_GPUS = 2
BATCH = 16
TOWER = "tower"


def _variable_on_cpu(name, shape, initializer):
    with tf.device("/cpu:0"):
        return tf.get_variable(name, shape, initializer=initializer)


def _inference(images):
    with tf.variable_scope("hidden"):
        weights = _variable_on_cpu("weights", [4, 8], tf.truncated_normal_initializer(stddev=0.5, seed=1))
        biases = _variable_on_cpu("biases", [8], tf.constant_initializer(0.1))
        tf.add_to_collection("losses", tf.multiply(tf.nn.l2_loss(weights), 1e-3, name="weight_loss"))
        hidden = tf.nn.relu(tf.matmul(images, weights) + biases, name="hidden")
    with tf.variable_scope("softmax_linear"):
        weights = _variable_on_cpu("weights", [8, 3], tf.truncated_normal_initializer(stddev=0.5, seed=2))
        biases = _variable_on_cpu("biases", [3], tf.constant_initializer(0.0))
        return tf.add(tf.matmul(hidden, weights), biases, name="logits")


def _tower_loss(scope, images, labels):
    logits = _inference(images)
    xent = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits, name="xent")
    tf.add_to_collection("losses", tf.reduce_mean(xent, name="cross_entropy"))
    return tf.add_n(tf.get_collection("losses", scope), name="total_loss")


def _average_gradients(tower_grads):
    averaged = []
    for grad_and_vars in zip(*tower_grads):
        grad = tf.reduce_mean(tf.concat([tf.expand_dims(g, 0) for g, _ in grad_and_vars], 0), 0)
        averaged.append((grad, grad_and_vars[0][1]))
    return averaged


def _build():
    """The trainer's graph: returns (graph, train_op, per-tower losses, the EMA)."""
    graph = tf.Graph()
    with graph.as_default(), tf.device("/cpu:0"):
        global_step = tf.get_variable("global_step", [], initializer=tf.constant_initializer(0), trainable=False)
        lr = tf.train.exponential_decay(0.5, global_step, 100, 0.5, staircase=True)
        opt = tf.train.GradientDescentOptimizer(lr)
        images = tf.placeholder(tf.float32, [NUM_GPUS * BATCH, 4], name="images")
        labels = tf.placeholder(tf.int32, [NUM_GPUS * BATCH], name="labels")
        image_splits, label_splits = tf.split(images, NUM_GPUS), tf.split(labels, NUM_GPUS)
        tower_grads, losses = [], []
        with tf.variable_scope(tf.get_variable_scope()):
            for i in range(NUM_GPUS):
                with tf.device("/gpu:%d" % i), tf.name_scope("%s_%d" % (TOWER, i)) as scope:
                    losses.append(_tower_loss(scope, image_splits[i], label_splits[i]))
                    tf.get_variable_scope().reuse_variables()
                    tower_grads.append(opt.compute_gradients(losses[-1]))
        apply_op = opt.apply_gradients(_average_gradients(tower_grads), global_step=global_step)
        ema = tf.train.ExponentialMovingAverage(0.9, global_step)
        train_op = tf.group(apply_op, ema.apply(tf.trainable_variables()), name="train")
    return graph, train_op, losses, ema


def _data(rng):
    x = rng.randn(NUM_GPUS * BATCH, 4).astype(np.float32)
    y = (np.argmax(x[:, :3], axis=1)).astype(np.int32)
    return {"images:0": x, "labels:0": y}


def test_variables_are_shared_and_placed_on_the_cpu():
    graph, _, _, ema = _build()
    with graph.as_default():
        names = [v.name for v in tf.trainable_variables()]
        assert names == ["hidden/weights:0", "hidden/biases:0", "softmax_linear/weights:0",
                         "softmax_linear/biases:0"]
        assert {v.device for v in tf.global_variables()} == {"/device:CPU:0"}
        shadows = [ema.average_name(v) for v in tf.trainable_variables()]
        assert shadows[0] == "hidden/weights/ExponentialMovingAverage"
    assert graph.get_operation_by_name("tower_1/hidden/MatMul").inputs[1].name == "hidden/weights/read:0"


def test_towers_run_on_their_gpus_and_the_update_on_the_cpu():
    graph, _, _, _ = _build()
    device = {op.name: op.device for op in graph.get_operations()}
    assert device["tower_0/hidden/MatMul"] == "/device:GPU:0"
    assert device["tower_1/softmax_linear/logits"] == "/device:GPU:1"
    assert device["tower_1/gradients/tower_1/hidden/MatMul_grad/MatMul"] == "/device:GPU:1"
    assert device["tower_0/total_loss"] == "/device:GPU:0"
    assert device["concat"] == "/device:CPU:0" and device["Mean"] == "/device:CPU:0"
    assert device["GradientDescent/update_hidden/weights/ApplyGradientDescent"] == "/device:CPU:0"
    # each tower's losses collection holds its own terms only
    with graph.as_default():
        assert [t.name for t in tf.get_collection("losses", "tower_1")] == [
            "tower_1/hidden/weight_loss:0", "tower_1/cross_entropy:0"]


def test_soft_placement_trains_and_the_loss_falls():
    graph, train_op, losses, ema = _build()
    rng = np.random.RandomState(0)
    config = tf.ConfigProto(allow_soft_placement=True)
    with graph.as_default(), tf.Session(config=config) as sess:
        sess.run(tf.global_variables_initializer())
        feed = _data(rng)
        first = sess.run(losses, feed)
        for _ in range(60):
            sess.run(train_op, _data(rng))
        last = sess.run(losses, feed)
        step = sess.run("global_step:0")  # a float, as get_variable made it
        weights = tf.trainable_variables()[0]
        shadow, value = sess.run([ema.average(weights), weights])
    assert step == 60
    assert max(last) < 0.6 * min(first), (first, last)
    assert not np.allclose(shadow, value)  # the moving average lags the trained weights


def test_without_soft_placement_gpu_ops_fail_as_in_tf():
    graph, train_op, _, _ = _build()
    with graph.as_default(), tf.Session() as sess:
        with pytest.raises(tf.errors.InvalidArgumentError, match="Cannot assign a device for operation"):
            sess.run(tf.global_variables_initializer())
            sess.run(train_op, _data(np.random.RandomState(0)))
