"""Variables' nodes: VariableV2, Assign, read Identity, initializers, get_variable, colocation."""

from tests.conformance.cases.graph_def._helpers import nodes
from tests.conformance.harness import case


@case
def variable_from_value(tf):
    tf.Variable([1.0, 2.0], name="v")
    tf.Variable(3, name="i", trainable=False)
    return nodes(tf)


@case
def variable_from_initializer_tensor(tf):
    tf.Variable(tf.zeros([2, 3]), name="z")
    tf.Variable(tf.random_normal([2], seed=1), name="r")
    return nodes(tf)


@case
def variable_options(tf):
    tf.Variable(1.0, name="nv", validate_shape=False)
    tf.Variable(tf.constant([1, 2], tf.int64), name="i64", dtype=tf.int64)
    return nodes(tf)


@case
def variable_assign_ops(tf):
    v = tf.Variable([1.0, 2.0], name="v")
    v.assign([3.0, 4.0])
    v.assign_add([1.0, 1.0], use_locking=True)
    v.assign_sub([1.0, 1.0])
    tf.assign(v, [0.0, 0.0], validate_shape=False, use_locking=False)
    return nodes(tf)


@case
def variable_read_and_initializers(tf):
    v = tf.Variable(1.0, name="v")
    w = tf.Variable(2.0, name="w")
    tf.global_variables_initializer()
    tf.variables_initializer([v], name="only_v")
    tf.is_variable_initialized(w)
    tf.report_uninitialized_variables()
    return nodes(tf)


@case
def get_variable_initializers(tf):
    tf.get_variable("zeros", [2], initializer=tf.zeros_initializer())
    tf.get_variable("ones", [2], initializer=tf.ones_initializer())
    tf.get_variable("const", [2, 2], initializer=tf.constant_initializer(0.5))
    tf.get_variable("normal", [3], initializer=tf.random_normal_initializer(stddev=0.1, seed=1))
    tf.get_variable("trunc", [3], initializer=tf.truncated_normal_initializer(seed=2))
    tf.get_variable("uniform", [3], initializer=tf.random_uniform_initializer(-1.0, 1.0, seed=3))
    return nodes(tf)


@case
def get_variable_default_glorot(tf):
    tf.get_variable("w", [3, 4])
    tf.get_variable("b", [4], dtype=tf.float64)
    return nodes(tf)


@case
def get_variable_scaling_initializers(tf):
    tf.get_variable("vs", [4, 5], initializer=tf.variance_scaling_initializer(seed=1))
    tf.get_variable("vs_n", [4, 5], initializer=tf.variance_scaling_initializer(2.0, "fan_avg", "normal", seed=2))
    tf.get_variable("gn", [2, 3], initializer=tf.glorot_normal_initializer(seed=3))
    tf.get_variable("orth", [3, 3], initializer=tf.orthogonal_initializer(seed=4))
    return nodes(tf)


@case
def get_variable_with_value_initializer(tf):
    tf.get_variable("from_value", initializer=tf.constant([1.0, 2.0]))
    tf.get_variable("int_var", [2], dtype=tf.int32, initializer=tf.zeros_initializer())
    return nodes(tf)


@case
def get_variable_in_scopes(tf):
    with tf.variable_scope("outer"):
        with tf.variable_scope("inner"):
            tf.get_variable("w", [2])
        tf.get_variable("b", [1], initializer=tf.zeros_initializer())
    with tf.variable_scope("outer", reuse=True):
        tf.get_variable("b")
    return nodes(tf)


@case
def variable_regularizer_and_collections(tf):
    tf.get_variable("w", [2], regularizer=lambda t: tf.reduce_sum(t * t))
    tf.get_variable("local", [1], collections=[tf.GraphKeys.LOCAL_VARIABLES], trainable=False)
    return nodes(tf)


@case
def global_step(tf):
    tf.train.get_or_create_global_step()
    return nodes(tf)


@case
def variable_colocated_ops(tf):
    v = tf.Variable([1.0, 2.0], name="v")
    with tf.colocate_with(v):
        tf.identity(v, name="next_to_v")
    with tf.colocate_with(v.op):
        tf.constant(1.0, name="also_next")
    return nodes(tf)


@case
def variable_on_device(tf):
    with tf.device("/cpu:0"):
        tf.Variable(1.0, name="on_cpu")
    with tf.device("/job:worker/task:1"):
        tf.get_variable("gv", [2])
    return nodes(tf)
