"""An optimizer created inside a reused variable scope: its slots go in that scope too."""
from _common import error_of, tf, warnings_of


def model():
    with tf.variable_scope("model"):
        w = tf.get_variable("w", [2])
        return tf.reduce_sum(w * w)


def minimize_under(reuse, loss):
    with tf.variable_scope("model", reuse=reuse):
        return tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss)


with tf.Graph().as_default():  # reuse=True: the slots cannot be made
    loss = model()
    error_of(lambda: minimize_under(True, loss))

with tf.Graph().as_default():  # AUTO_REUSE: they are, where another optimizer would share them
    minimize_under(tf.AUTO_REUSE, model())
    print([v.name for v in tf.global_variables()])
    with tf.Session() as sess:
        warnings_of(lambda: sess.run(tf.global_variables_initializer()))
