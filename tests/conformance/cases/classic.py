"""The three classic name_scope / variable_scope / sharing examples from the TF 1.x docs."""

from tests.conformance.harness import case, op_names


@case
def classic_name_scope_example(tf):
    with tf.name_scope("test_scope"):
        v1 = tf.get_variable("test1", [1], dtype=tf.float32)
        v2 = tf.Variable(1, name="test2", dtype=tf.float32)
        a = tf.add(v1, v2)
    return [v1.name, v2.name, a.name]


@case
def classic_variable_scope_example(tf):
    with tf.variable_scope("test_scope"):
        v1 = tf.get_variable("test1", [1], dtype=tf.float32)
        v2 = tf.Variable(1, name="test2", dtype=tf.float32)
        a = tf.add(v1, v2)
    return [v1.name, v2.name, a.name]


@case
def classic_sharing_example(tf):
    with tf.variable_scope("test_scope"):
        v1 = tf.get_variable("test1", [1], dtype=tf.float32)
    with tf.variable_scope("test_scope", reuse=True):
        v2 = tf.get_variable("test1", [1], dtype=tf.float32)
    return [v1.name, v2.name, v1 is v2]


@case
def classic_name_scope_example_ops(tf):
    with tf.name_scope("test_scope"):
        v1 = tf.get_variable("test1", [1], dtype=tf.float32)
        v2 = tf.Variable(1, name="test2", dtype=tf.float32)
        tf.add(v1, v2)
    return op_names(tf.get_default_graph())


@case
def classic_variable_scope_example_ops(tf):
    with tf.variable_scope("test_scope"):
        v1 = tf.get_variable("test1", [1], dtype=tf.float32)
        v2 = tf.Variable(1, name="test2", dtype=tf.float32)
        tf.add(v1, v2)
    return op_names(tf.get_default_graph())


@case
def classic_sharing_example_ops(tf):
    with tf.variable_scope("test_scope"):
        v1 = tf.get_variable("test1", [1], dtype=tf.float32)
    with tf.variable_scope("test_scope", reuse=True):
        v2 = tf.get_variable("test1", [1], dtype=tf.float32)
        tf.add(v1, v2)
    return op_names(tf.get_default_graph())


@case
def classic_sharing_example_collection(tf):
    with tf.variable_scope("test_scope"):
        tf.get_variable("test1", [1], dtype=tf.float32)
    with tf.variable_scope("test_scope", reuse=True):
        tf.get_variable("test1", [1], dtype=tf.float32)
    return [v.name for v in tf.global_variables()]


@case
def classic_sharing_via_reuse_variables(tf):
    with tf.variable_scope("test_scope") as scope:
        v1 = tf.get_variable("test1", [1], dtype=tf.float32)
        scope.reuse_variables()
        v2 = tf.get_variable("test1", [1], dtype=tf.float32)
    return [v1.name, v2.name, v1 is v2]


@case
def classic_sharing_without_reuse_fails(tf):
    with tf.variable_scope("test_scope"):
        tf.get_variable("test1", [1], dtype=tf.float32)
    with tf.variable_scope("test_scope"):
        tf.get_variable("test1", [1], dtype=tf.float32)
    return "unreachable"


@case
def classic_both_examples_in_one_graph(tf):
    with tf.name_scope("test_scope"):
        v1 = tf.get_variable("test1", [1], dtype=tf.float32)
        v2 = tf.Variable(1, name="test2", dtype=tf.float32)
        a = tf.add(v1, v2)
    with tf.variable_scope("test_scope"):
        v3 = tf.get_variable("test1", [1], dtype=tf.float32)
        v4 = tf.Variable(1, name="test2", dtype=tf.float32)
        b = tf.add(v3, v4)
    return [v1.name, v2.name, a.name, v3.name, v4.name, b.name]
