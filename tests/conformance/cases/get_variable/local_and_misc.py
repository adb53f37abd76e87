"""tf.get_variable: get_local_variable, values after initialization, and more reuse cases."""

from tests.conformance.cases.get_variable._helpers import _init_and_run
from tests.conformance.harness import case, error_class, op_names, op_summary, raises


@case
def gv_get_local_variable(tf):
    v = tf.get_local_variable("lv", [2], initializer=tf.zeros_initializer())
    return [v.name, v.trainable, [x.name for x in tf.local_variables()],
            [x.name for x in tf.global_variables()], [x.name for x in tf.trainable_variables()]]


@case
def gv_get_local_variable_ops(tf):
    tf.get_local_variable("lv", [2], initializer=tf.zeros_initializer())
    return op_summary(tf.get_default_graph())


@case
def gv_get_local_variable_extra_collections(tf):
    tf.get_local_variable("lv", [1], collections=["mine"])
    return [[x.name for x in tf.get_collection("mine")], [x.name for x in tf.local_variables()]]


@case
def gv_get_local_variable_in_scope_and_reuse(tf):
    with tf.variable_scope("s"):
        v1 = tf.get_local_variable("lv", [1])
    with tf.variable_scope("s", reuse=True):
        v2 = tf.get_local_variable("lv", [1])
    return [v1.name, v1 is v2]


@case
def gv_get_local_variable_trainable_arg_ignored(tf):
    v = tf.get_local_variable("lv", [1], trainable=True)
    return [v.trainable, [x.name for x in tf.trainable_variables()]]


@case
def gv_values_after_init_constant(tf):
    v = tf.get_variable("w", [2, 2], initializer=tf.constant_initializer([1.0, 2.0, 3.0, 4.0]))
    return _init_and_run(tf, v)


@case
def gv_read_before_init_error(tf):
    v = tf.get_variable("w", [1])
    with tf.Session() as sess:
        sess.run(v)
    return "unreachable"


@case
def gv_read_before_init_error_class(tf):
    v = tf.get_variable("w", [1])
    with tf.Session() as sess:
        return error_class(sess.run, v)


@case
def gv_reuse_ignores_trainable_arg(tf):
    tf.get_variable("w", [1], trainable=False)
    tf.get_variable_scope().reuse_variables()
    v = tf.get_variable("w", [1], trainable=True)
    return [v.trainable, [x.name for x in tf.trainable_variables()]]


@case
def gv_auto_reuse_shape_mismatch(tf):
    with tf.variable_scope("s", reuse=tf.AUTO_REUSE):
        tf.get_variable("w", [1])
        tf.get_variable("w", [2])
    return "unreachable"


@case
def gv_variable_store_across_graphs(tf):
    tf.get_variable("w", [1])
    g = tf.Graph()
    with g.as_default():
        v = tf.get_variable("w", [1])
    return [v.name, len(g.get_collection(tf.GraphKeys.GLOBAL_VARIABLES))]


@case
def gv_shape_negative(tf):
    tf.get_variable("w", [-1, 2])
    return "unreachable"


@case
def gv_initializer_dtype_from_initializer_object(tf):
    v = tf.get_variable("w", [2], initializer=tf.zeros_initializer(dtype=tf.int32))
    return [v.dtype] + _init_and_run(tf, v)


@case
def gv_get_variable_is_same_object_through_collection(tf):
    v = tf.get_variable("w", [1])
    return tf.global_variables()[0] is v


@case
def gv_reuse_constant_initializer_dtype_mismatch(tf):
    with tf.variable_scope("s"):
        tf.get_variable("v", initializer=tf.constant([1.0, 2.0]))
    with tf.variable_scope("s", reuse=True):
        got = raises(tf.get_variable, "v", dtype=tf.int32, initializer=[1, 2])
    return [got, op_names(tf.get_default_graph())]


@case
def gv_reuse_lookup_builds_nothing(tf):
    with tf.variable_scope("s"):
        v = tf.get_variable("v", [2], initializer=tf.zeros_initializer())
    before = op_names(tf.get_default_graph())
    with tf.variable_scope("s", reuse=True):
        again = [tf.get_variable("v", [2]), tf.get_variable("v"), tf.get_variable("v", [2], dtype=tf.float32)]
    return [all(a is v for a in again), op_names(tf.get_default_graph())[len(before):]]


@case
def gv_reuse_with_callable_and_partitioner(tf):
    with tf.variable_scope("s"):
        v = tf.get_variable("v", [4], initializer=tf.zeros_initializer())
    with tf.variable_scope("s", reuse=True):
        same = tf.get_variable("v", [4], initializer=tf.ones_initializer()) is v
        partitioned = error_class(tf.get_variable, "v", [4], partitioner=lambda shape, dtype: [2])
    return [same, partitioned]
