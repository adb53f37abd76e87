"""Ops built inside the training loop: the graph grows at every step."""
from _common import tf, warnings_of

step = tf.Variable(0.0, name="step")
increment = tf.assign_add(step, 1.0)

with tf.Session() as sess:
    sess.run(step.initializer)

    def loop():
        for _ in range(5):
            sess.run(increment)
            tf.summary.scalar("step", step)  # a new summary op every iteration
    warnings_of(loop)
