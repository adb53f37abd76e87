"""tf.get_variable: creation, fetching with reuse and sharing errors."""

from tests.conformance.harness import case, op_names, op_summary, raises, shape_of


@case
def gv_create_name(tf):
    v = tf.get_variable("w", [2, 3])
    return [v.name, v.op.name, shape_of(v), v.dtype]


@case
def gv_create_returns_refvariable(tf):
    v = tf.get_variable("w", [1])
    return type(v).__name__


@case
def gv_create_op_summary_default_initializer(tf):
    tf.get_variable("w", [2, 3])
    return op_summary(tf.get_default_graph())


@case
def gv_create_then_fetch_with_reuse(tf):
    with tf.variable_scope("s"):
        v1 = tf.get_variable("w", [1])
    with tf.variable_scope("s", reuse=True):
        v2 = tf.get_variable("w")
    return [v1 is v2, v2.name]


@case
def gv_fetch_with_reuse_creates_no_ops(tf):
    with tf.variable_scope("s"):
        tf.get_variable("w", [1], initializer=tf.zeros_initializer())
    n = len(op_names(tf.get_default_graph()))
    with tf.variable_scope("s", reuse=True):
        tf.get_variable("w")
    return [n, len(op_names(tf.get_default_graph()))]


@case
def gv_reuse_true_missing(tf):
    with tf.variable_scope("s", reuse=True):
        tf.get_variable("missing", [1])
    return "unreachable"


@case
def gv_reuse_true_missing_root(tf):
    tf.get_variable_scope().reuse_variables()
    tf.get_variable("missing", [1])
    return "unreachable"


@case
def gv_reuse_true_tf_variable_not_found(tf):
    with tf.variable_scope("s"):
        tf.Variable(1.0, name="v")
    with tf.variable_scope("s", reuse=True):
        tf.get_variable("v", [])
    return "unreachable"


@case
def gv_create_twice(tf):
    tf.get_variable("w", [1])
    tf.get_variable("w", [1])
    return "unreachable"


@case
def gv_create_twice_in_scope(tf):
    with tf.variable_scope("a"):
        tf.get_variable("w", [1])
        tf.get_variable("w", [1])
    return "unreachable"


@case
def gv_create_twice_error_class(tf):
    tf.get_variable("w", [1])
    return raises(tf.get_variable, "w", [1])["error"]


@case
def gv_name_collides_with_tf_variable(tf):
    v = tf.Variable(1.0, name="w")
    g = tf.get_variable("w", [1])
    return [v.name, g.name]


@case
def gv_tf_variable_after_get_variable(tf):
    g = tf.get_variable("w", [1])
    v = tf.Variable(1.0, name="w")
    return [g.name, v.name]


@case
def gv_shape_mismatch_on_reuse(tf):
    with tf.variable_scope("s"):
        tf.get_variable("w", [2, 3])
    with tf.variable_scope("s", reuse=True):
        tf.get_variable("w", [3, 2])
    return "unreachable"


@case
def gv_shape_rank_mismatch_on_reuse(tf):
    tf.get_variable("w", [2])
    tf.get_variable_scope().reuse_variables()
    tf.get_variable("w", [2, 1])
    return "unreachable"


@case
def gv_reuse_without_shape_ok(tf):
    v1 = tf.get_variable("w", [2, 3])
    tf.get_variable_scope().reuse_variables()
    v2 = tf.get_variable("w")
    return [v1 is v2, shape_of(v2)]


@case
def gv_reuse_with_compatible_partial_shape(tf):
    v1 = tf.get_variable("w", [2, 3])
    tf.get_variable_scope().reuse_variables()
    return raises(lambda: tf.get_variable("w", [None, 3]) is v1)


@case
def gv_dtype_mismatch_on_reuse(tf):
    tf.get_variable("w", [1], dtype=tf.float32)
    tf.get_variable_scope().reuse_variables()
    tf.get_variable("w", [1], dtype=tf.float64)
    return "unreachable"


@case
def gv_dtype_mismatch_int_on_reuse(tf):
    tf.get_variable("w", [1], dtype=tf.float32)
    tf.get_variable_scope().reuse_variables()
    tf.get_variable("w", [1], dtype=tf.int32)
    return "unreachable"
