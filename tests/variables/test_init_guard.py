"""The guard on initial values that read variables (``_src/variables/init_guard.py``): what the
conformance area ``real_programs`` cannot show."""

import scopeflow as tf


def test_a_shared_subexpression_is_copied_once():
    with tf.Graph().as_default() as g:
        v = tf.Variable(1.0, name="v")
        a = v * 2.0
        w = tf.Variable(a + a, name="w")
        copies = sorted(op.name for op in g.get_operations() if op.name.endswith("_w"))
        assert copies == ["add_w", "mul_w", "v/read_w"]
        assert [t.name for t in w.initializer.inputs[1].op.inputs] == ["mul_w:0", "mul_w:0"]
        with tf.Session() as sess:
            sess.run(w.initializer)  # v is not initialized: its initial value is read
            assert sess.run(w) == 4.0


def test_initial_values_without_variables_add_no_ops():
    with tf.Graph().as_default() as g:
        tf.Variable(tf.zeros([2]) + 1.0, name="a")
        before = len(g.get_operations())
        tf.get_variable("b", [3], initializer=tf.truncated_normal_initializer())
        names = [op.name for op in g.get_operations()[before:]]
        assert names == ["b/Initializer/truncated_normal/shape", "b/Initializer/truncated_normal/mean",
                         "b/Initializer/truncated_normal/stddev", "b/Initializer/truncated_normal/TruncatedNormal",
                         "b/Initializer/truncated_normal/mul", "b/Initializer/truncated_normal", "b", "b/Assign",
                         "b/read"]


def test_a_long_chain_of_ops_is_rebuilt_without_recursion():
    with tf.Graph().as_default():
        v = tf.Variable(0.0, name="v")
        x = v
        for _ in range(1500):  # deeper than Python's recursion limit allows a recursive walk
            x = x + 1.0
        w = tf.Variable(x, name="w")
        assert w.initializer.inputs[1].name == "add_1499_w:0"
        with tf.Session() as sess:
            sess.run(w.initializer)
            assert sess.run(w) == 1500.0
