"""The initializer built before the whole model: the last variable is never initialized."""
from _common import tf, warnings_of

a = tf.get_variable("a", [2])
init = tf.global_variables_initializer()
b = tf.get_variable("b", [2])  # made after init

with tf.Session() as sess:
    warnings_of(lambda: sess.run(init))
    try:
        sess.run(a + b)
    except tf.errors.FailedPreconditionError as e:
        print("FailedPreconditionError:", next(ln for ln in e.message.splitlines() if "uninitialized" in ln))
