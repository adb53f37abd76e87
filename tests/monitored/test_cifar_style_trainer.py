"""A CIFAR-10-trainer-style program (as TF1's tutorial writes one): a global step, a custom
``_LoggerHook`` timing its steps, ``StopAtStepHook``, ``NanTensorHook``, a
``MonitoredTrainingSession`` with a checkpoint directory; run twice, the second run resumes."""

import os
import time
from datetime import datetime

import numpy as np

import scopeflow as tf

BATCH = 8
LOG_FREQUENCY = 5


def inference(images):
    with tf.variable_scope("conv1"):
        kernel = tf.get_variable("weights", [3, 3, 3, 4], initializer=tf.truncated_normal_initializer(stddev=0.1))
        biases = tf.get_variable("biases", [4], initializer=tf.constant_initializer(0.1))
        conv1 = tf.nn.relu(tf.nn.bias_add(tf.nn.conv2d(images, kernel, [1, 1, 1, 1], padding="SAME"), biases))
    pool1 = tf.nn.max_pool(conv1, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding="SAME", name="pool1")
    with tf.variable_scope("softmax_linear"):
        reshape = tf.reshape(pool1, [BATCH, -1])
        weights = tf.get_variable("weights", [reshape.shape[1].value, 10],
                                  initializer=tf.truncated_normal_initializer(stddev=0.1))
        biases = tf.get_variable("biases", [10], initializer=tf.zeros_initializer())
        return tf.add(tf.matmul(reshape, weights), biases, name="logits")


def loss_fn(logits, labels):
    cross_entropy = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)
    mean = tf.reduce_mean(cross_entropy, name="cross_entropy")
    tf.add_to_collection("losses", mean)
    return tf.add_n(tf.get_collection("losses"), name="total_loss")


def train(train_dir, max_steps, log):
    tf.reset_default_graph()
    rng = np.random.RandomState(0)
    images_np = rng.rand(64, 8, 8, 3).astype(np.float32)
    labels_np = rng.randint(0, 10, size=64).astype(np.int32)
    with tf.Graph().as_default():
        global_step = tf.train.get_or_create_global_step()
        dataset = tf.data.Dataset.from_tensor_slices((images_np, labels_np)).repeat().batch(BATCH)
        images, labels = tf.data.make_one_shot_iterator(dataset).get_next()
        images.set_shape([BATCH, 8, 8, 3])
        logits = inference(images)
        loss = loss_fn(logits, labels)
        tf.summary.scalar("total_loss", loss)
        lr = tf.train.exponential_decay(0.1, global_step, 100, 0.9, staircase=True)
        train_op = tf.train.GradientDescentOptimizer(lr).minimize(loss, global_step=global_step)

        class _LoggerHook(tf.train.SessionRunHook):
            """Logs loss and runtime."""

            def begin(self):
                self._step = -1
                self._start_time = time.time()

            def before_run(self, run_context):
                self._step += 1
                return tf.train.SessionRunArgs(loss)  # asks for the loss value

            def after_run(self, run_context, run_values):
                if self._step % LOG_FREQUENCY == 0:
                    current_time = time.time()
                    duration = current_time - self._start_time
                    self._start_time = current_time
                    loss_value = run_values.results
                    examples_per_sec = LOG_FREQUENCY * BATCH / max(duration, 1e-9)
                    log.append(("%s: step %d, loss = %.2f (%.1f examples/sec)"
                                % (datetime.now(), self._step, loss_value, examples_per_sec), float(loss_value)))

        steps = []
        with tf.train.MonitoredTrainingSession(
                checkpoint_dir=train_dir,
                hooks=[tf.train.StopAtStepHook(last_step=max_steps), tf.train.NanTensorHook(loss), _LoggerHook()],
                save_checkpoint_steps=10, save_summaries_steps=5, log_step_count_steps=10,
                config=tf.ConfigProto(log_device_placement=False)) as mon_sess:
            while not mon_sess.should_stop():
                _, step = mon_sess.run([train_op, global_step])
                steps.append(int(step))
        return steps


def test_cifar_style_trainer_runs_and_resumes(tmp_path):
    train_dir = str(tmp_path / "cifar10_train")
    log = []
    first = train(train_dir, 12, log)
    assert first == list(range(1, 13))
    assert tf.train.latest_checkpoint(train_dir).endswith("model.ckpt-12")
    files = set(os.listdir(train_dir))
    assert {"checkpoint", "graph.pbtxt", "model.ckpt-0.index", "model.ckpt-10.index", "model.ckpt-12.index",
            "model.ckpt-12.meta"} <= files
    assert any(f.startswith("events.out.tfevents.") for f in files)
    assert [entry[0].split(": ", 1)[1].split(",")[0] for entry in log] == ["step 0", "step 5", "step 10"]

    second = train(train_dir, 25, log)  # resumes at step 12
    assert second == list(range(13, 26))
    assert tf.train.latest_checkpoint(train_dir).endswith("model.ckpt-25")
    assert int(tf.train.load_variable(train_dir, "global_step")) == 25
    losses = [entry[1] for entry in log]
    assert all(np.isfinite(losses))

    tags = set()
    for name in os.listdir(train_dir):
        if name.startswith("events.out.tfevents."):
            for event in tf.train.summary_iterator(os.path.join(train_dir, name)):
                tags.update(v.tag for v in event.summary.value)
    assert tags == {"total_loss_1", "global_step/sec"}  # as TF: the op total_loss holds the name
