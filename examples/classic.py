"""The three classic TensorFlow 1.x variable-sharing examples.

Run with ``python examples/classic.py`` (or ``make demo``). By default this uses scopeflow
(``import scopeflow as tf``); pass ``--tensorflow`` to run the very same code on real
TensorFlow (``tensorflow.compat.v1`` with v2 behaviour disabled) and compare the output.

1. ``name_scope``: ``tf.get_variable`` ignores name scopes, while ``tf.Variable`` and ops
   are prefixed by them.
2. ``variable_scope``: prefixes ``get_variable``, ``tf.Variable`` and ops alike.
3. Sharing: re-entering a variable scope with ``reuse=True`` returns the same variable.
"""

import sys

if "--tensorflow" in sys.argv[1:]:
    import tensorflow.compat.v1 as tf

    tf.disable_v2_behavior()
else:
    import scopeflow as tf


def name_scope_example():
    print("== 1. name_scope ==")
    with tf.name_scope("test_scope"):
        v1 = tf.get_variable("test1", [1])
        v2 = tf.Variable(1.0, name="test2")
        a = tf.add(v1, v2)
    print(v1.name)
    print(v2.name)
    print(a.name)


def variable_scope_example():
    print("== 2. variable_scope ==")
    with tf.variable_scope("test_scope"):
        v1 = tf.get_variable("test1", [1])
        v2 = tf.Variable(1.0, name="test2")
        a = tf.add(v1, v2)
    print(v1.name)
    print(v2.name)
    print(a.name)


def sharing_example():
    print("== 3. sharing with reuse=True ==")
    with tf.variable_scope("share"):
        v = tf.get_variable("v", [1])
    with tf.variable_scope("share", reuse=True):
        v_again = tf.get_variable("v", [1])
    print(v.name)
    print(v_again.name)
    print(v is v_again)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        value, value_again = sess.run([v, v_again])
    print(bool((value == value_again).all()))


def main():
    for example in (name_scope_example, variable_scope_example, sharing_example):
        tf.reset_default_graph()
        example()


if __name__ == "__main__":
    main()
