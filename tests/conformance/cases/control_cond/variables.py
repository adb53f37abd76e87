"""Variables and tf.cond: tf.get_variable and tf.Variable created inside branches (names, ops,
initialization, tf.global_variables() order), variables read and assigned in branches,
variable_scope reuse inside a branch, and tf.layers.dense inside a branch."""

from tests.conformance.cases.control_cond._helpers import detail, pred, run_both
from tests.conformance.harness import case, op_summary, raises, static


def _vars(tf):
    return [[v.name, v.op.type, v.shape.as_list()] for v in tf.global_variables()]


@case
def get_variable_in_true_branch(tf):
    p = pred(tf)

    def t():
        v = tf.get_variable("v", [2], initializer=tf.ones_initializer())
        return v * 2.0

    r = tf.cond(p, t, lambda: tf.zeros([2]))
    return [_vars(tf), detail(tf), run_both(tf, r, p)]


@case
def get_variable_in_both_branches(tf):
    p = pred(tf)

    def t():
        return tf.get_variable("a", [], initializer=tf.constant_initializer(1.0)) + 1.0

    def f():
        return tf.get_variable("b", [], initializer=tf.constant_initializer(5.0)) - 1.0

    r = tf.cond(p, t, f)
    return [_vars(tf), [v.name for v in tf.trainable_variables()], run_both(tf, r, p)]


@case
def get_variable_in_branch_uses_outer_variable(tf):
    p = pred(tf)
    v = tf.get_variable("v", [], initializer=tf.zeros_initializer())

    def t():
        w = tf.get_variable("w", [], initializer=tf.ones_initializer())
        return v + w

    r = tf.cond(p, t, lambda: v)
    return [_vars(tf), detail(tf), run_both(tf, r, p)]


@case
def get_variable_in_branch_under_variable_scope(tf):
    p = pred(tf)

    def t():
        with tf.variable_scope("layer"):
            w = tf.get_variable("w", [2], initializer=tf.constant_initializer(3.0))
            return tf.reduce_sum(w)

    with tf.variable_scope("model"):
        r = tf.cond(p, t, lambda: tf.constant(0.0))
    return [_vars(tf), r.name, op_summary(tf.get_default_graph()), run_both(tf, r, p)]


@case
def get_variable_in_branch_created_once(tf):
    p = pred(tf)
    calls = []

    def t():
        calls.append("t")
        with tf.variable_scope("s", reuse=tf.AUTO_REUSE):
            return tf.get_variable("v", [], initializer=tf.ones_initializer()) * 1.0

    def f():
        calls.append("f")
        with tf.variable_scope("s", reuse=tf.AUTO_REUSE):
            return tf.get_variable("v", [], initializer=tf.ones_initializer()) * -1.0

    r = tf.cond(p, t, f)
    return [calls, _vars(tf), run_both(tf, r, p)]


@case
def get_variable_same_name_both_branches_errors(tf):
    p = pred(tf)

    def make():
        return tf.get_variable("v", [], initializer=tf.ones_initializer())

    return raises(lambda: tf.cond(p, make, make).name)


@case
def tf_variable_python_value_in_branch(tf):
    p = pred(tf)

    def t():
        v = tf.Variable(3.0, name="v")
        return v * 2.0

    r = tf.cond(p, t, lambda: tf.zeros([]))
    return [_vars(tf), detail(tf), run_both(tf, r, p)]


@case
def tf_variable_tensor_initializer_in_branch_errors(tf):
    p = pred(tf)

    def t():
        v = tf.Variable(tf.zeros([2]), name="v")
        return v * 2.0

    return raises(lambda: tf.cond(p, t, lambda: tf.zeros([2])).name)


@case
def tf_variable_lambda_initializer_in_branch(tf):
    p = pred(tf)

    def t():
        v = tf.Variable(lambda: tf.fill([2], 7.0), name="v")
        return v + 1.0

    r = tf.cond(p, t, lambda: tf.zeros([2]))
    return [_vars(tf), op_summary(tf.get_default_graph()), run_both(tf, r, p)]


@case
def global_variables_order_with_branches(tf):
    p = pred(tf)
    a = tf.get_variable("a", [], initializer=tf.zeros_initializer())

    def t():
        return tf.get_variable("b", [], initializer=tf.zeros_initializer()) + a

    def f():
        return tf.Variable(2.0, name="c") + a

    tf.cond(p, t, f)
    tf.get_variable("d", [], initializer=tf.zeros_initializer())
    return [_vars(tf), [v.name for v in tf.trainable_variables()], [v.initializer.name for v in tf.global_variables()]]


@case
def variable_read_in_branch(tf):
    p = pred(tf)
    v = tf.Variable([1.0, 2.0], name="v")
    r = tf.cond(p, lambda: v * 2.0, lambda: v.read_value() + 1.0)
    return [detail(tf)[5:], run_both(tf, r, p)]


@case
def variable_assign_in_branch_ops(tf):
    p = pred(tf)
    v = tf.Variable(1.0, name="v")
    r = tf.cond(p, lambda: tf.assign_add(v, 2.0), lambda: tf.assign_sub(v, 1.0))
    return [static(r), detail(tf)[5:]]


@case
def get_variable_assign_in_branch(tf):
    p = pred(tf)
    v = tf.get_variable("v", [2], initializer=tf.zeros_initializer())
    r = tf.cond(p, lambda: v.assign([1.0, 2.0]), lambda: v.assign_add([10.0, 10.0]))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        got = [sess.run(r, {p: b}) for b in [False, True, False]]
    return [r.name, got]


@case
def reuse_variable_inside_branch(tf):
    p = pred(tf)
    with tf.variable_scope("s"):
        v = tf.get_variable("v", [], initializer=tf.constant_initializer(4.0))

    def t():
        with tf.variable_scope("s", reuse=True):
            w = tf.get_variable("v")
        return w * 2.0

    r = tf.cond(p, t, lambda: v)
    return [_vars(tf), op_summary(tf.get_default_graph()), run_both(tf, r, p)]


@case
def reuse_missing_variable_inside_branch_errors(tf):
    p = pred(tf)

    def t():
        with tf.variable_scope("s", reuse=True):
            return tf.get_variable("v", [])

    return raises(lambda: tf.cond(p, t, lambda: tf.constant(0.0)).name)


@case
def dense_layer_in_branch(tf):
    p = pred(tf)
    x = tf.constant([[1.0, 2.0]], name="x")

    def t():
        return tf.layers.dense(x, 3, kernel_initializer=tf.ones_initializer(), name="fc")

    r = tf.cond(p, t, lambda: tf.zeros([1, 3]))
    return [_vars(tf), static(r), op_summary(tf.get_default_graph()), run_both(tf, r, p)]


@case
def dense_layer_shared_in_both_branches(tf):
    p = pred(tf)
    x = tf.constant([[1.0, 2.0]], name="x")

    def t():
        return tf.layers.dense(x, 2, kernel_initializer=tf.ones_initializer(), name="fc")

    def f():
        return tf.layers.dense(x * 2.0, 2, kernel_initializer=tf.ones_initializer(), name="fc", reuse=True)

    r = tf.cond(p, t, f)
    return [_vars(tf), run_both(tf, r, p)]


@case
def variable_initializer_runs_without_pred(tf):
    p = pred(tf)

    def t():
        return tf.get_variable("v", [], initializer=tf.constant_initializer(9.0)) + 0.0

    r = tf.cond(p, t, lambda: tf.constant(0.0))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return [sess.run(tf.global_variables()), sess.run(r, {p: True})]
