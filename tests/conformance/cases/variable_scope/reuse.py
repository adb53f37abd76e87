"""tf.variable_scope: reuse, AUTO_REUSE, reuse_variables and get_variable_scope."""

from tests.conformance.harness import case


@case
def vs_reuse_default_false(tf):
    with tf.variable_scope("foo") as s:
        r = s.reuse
    return [r, tf.get_variable_scope().reuse]


@case
def vs_reuse_true_attr(tf):
    with tf.variable_scope("foo", reuse=True) as s:
        return [s.reuse, tf.get_variable_scope().reuse]


@case
def vs_reuse_inherited_by_child(tf):
    with tf.variable_scope("foo", reuse=True):
        with tf.variable_scope("bar") as s:
            return s.reuse


@case
def vs_reuse_false_inside_true_stays_true(tf):
    with tf.variable_scope("foo", reuse=True):
        with tf.variable_scope("bar", reuse=False) as s:
            return s.reuse


@case
def vs_reuse_none_inside_true_stays_true(tf):
    with tf.variable_scope("foo", reuse=True):
        with tf.variable_scope("bar", reuse=None) as s:
            return s.reuse


@case
def vs_reuse_restored_after_exit(tf):
    with tf.variable_scope("foo", reuse=True):
        pass
    with tf.variable_scope("foo") as s:
        return [s.reuse, tf.get_variable_scope().reuse]


@case
def vs_reuse_auto_reuse_attr(tf):
    with tf.variable_scope("foo", reuse=tf.AUTO_REUSE) as s:
        return [s.reuse is tf.AUTO_REUSE, str(s.reuse)]


@case
def vs_auto_reuse_creates_then_shares(tf):
    def make():
        with tf.variable_scope("foo", reuse=tf.AUTO_REUSE):
            return tf.get_variable("v", [1])

    v1 = make()
    v2 = make()
    return [v1.name, v2.name, v1 is v2, len(tf.global_variables())]


@case
def vs_auto_reuse_inherited(tf):
    with tf.variable_scope("foo", reuse=tf.AUTO_REUSE):
        with tf.variable_scope("bar") as s:
            v1 = tf.get_variable("v", [1])
            v2 = tf.get_variable("v", [1])
    return [s.reuse is tf.AUTO_REUSE, v1 is v2, v1.name]


@case
def vs_reuse_true_inside_auto_reuse(tf):
    with tf.variable_scope("foo", reuse=tf.AUTO_REUSE):
        with tf.variable_scope("bar", reuse=True) as s:
            return str(s.reuse)


@case
def vs_auto_reuse_inside_reuse_true(tf):
    with tf.variable_scope("foo", reuse=True):
        with tf.variable_scope("bar", reuse=tf.AUTO_REUSE) as s:
            return str(s.reuse)


@case
def vs_auto_reuse_repr(tf):
    return [repr(tf.AUTO_REUSE), str(tf.AUTO_REUSE)]


@case
def vs_reuse_variables_method(tf):
    with tf.variable_scope("foo") as s:
        before = s.reuse
        v1 = tf.get_variable("v", [1])
        s.reuse_variables()
        after = s.reuse
        v2 = tf.get_variable("v", [1])
        current = tf.get_variable_scope().reuse
    return [before, after, current, v1 is v2]


@case
def vs_reuse_variables_via_get_variable_scope(tf):
    with tf.variable_scope("foo"):
        v1 = tf.get_variable("v", [1])
        tf.get_variable_scope().reuse_variables()
        v2 = tf.get_variable("v", [1])
    return v1 is v2


@case
def vs_reuse_variables_does_not_leak(tf):
    with tf.variable_scope("foo") as s:
        s.reuse_variables()
    with tf.variable_scope("foo") as s2:
        return [s.reuse, s2.reuse]


@case
def vs_reuse_variables_propagates_to_reentry_by_object(tf):
    with tf.variable_scope("foo") as s:
        tf.get_variable("v", [1])
        s.reuse_variables()
    with tf.variable_scope(s) as s2:
        return s2.reuse


@case
def vs_reuse_bad_value(tf):
    with tf.variable_scope("foo", reuse="yes") as s:
        return repr(s.reuse)


@case
def vs_reuse_int_value(tf):
    with tf.variable_scope("foo", reuse=1) as s:
        return repr(s.reuse)


@case
def vs_get_variable_scope_root(tf):
    s = tf.get_variable_scope()
    return [type(s).__name__, s.name, s.original_name_scope, s.reuse]


@case
def vs_get_variable_scope_inside(tf):
    with tf.variable_scope("foo") as s:
        cur = tf.get_variable_scope()
        return [cur.name, cur is s]


@case
def vs_get_variable_scope_nested(tf):
    with tf.variable_scope("foo"):
        with tf.variable_scope("bar"):
            return tf.get_variable_scope().name


@case
def vs_root_scope_object_persists(tf):
    root1 = tf.get_variable_scope()
    with tf.variable_scope("foo"):
        pass
    root2 = tf.get_variable_scope()
    return root1 is root2
