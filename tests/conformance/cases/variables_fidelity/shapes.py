"""Variables whose shape is left unknown on purpose (``shape=`` and ``validate_shape=False``)."""

from tests.conformance.harness import case, raises


def _run_error(fn, *args):
    """A run-time error as its class and last line (TF's message also names the Python frames)."""
    got = raises(fn, *args)
    if "message" in got:
        got["message"] = got["message"].splitlines()[-1]
    return got


def _run(sess, t):
    got = _run_error(sess.run, t)
    return got


@case
def shape_none_gives_an_unknown_variable_shape(tf):
    v = tf.Variable([1.0, 2.0], shape=tf.TensorShape(None), name="v")
    return [str(v.shape), str(v.get_shape()), str(v.value().shape), str(v.initial_value.shape),
            v.initializer.get_attr("validate_shape"), str(v.op.get_attr("shape")).replace("\n", " ")]


@case
def validate_shape_false_gives_an_unknown_variable_shape(tf):
    w = tf.Variable([1.0, 2.0], validate_shape=False, name="w")
    return [str(w.shape), str(w.value().shape), w.initializer.get_attr("validate_shape")]


@case
def shape_given_fully(tf):
    v = tf.Variable([1.0, 2.0], shape=[2], name="v")
    u = tf.Variable([[1.0, 2.0]], shape=tf.TensorShape([1, 2]), name="u")
    return [str(v.shape), str(u.shape)]


@case
def shape_given_partially(tf):
    v = tf.Variable([1.0, 2.0], shape=[None], name="v")
    with tf.Session() as sess:
        return [str(v.shape), _run_error(sess.run, v.initializer)]


@case
def shape_given_that_does_not_match(tf):
    return raises(tf.Variable, [1.0, 2.0], shape=[3], name="bad")


@case
def unknown_shape_variable_assign_builds(tf):
    v = tf.Variable([1.0, 2.0], shape=tf.TensorShape(None), name="v")
    a = v.assign([1.0, 2.0, 3.0])
    b = tf.assign(v, [[1.0]], validate_shape=False)
    return [a.name, str(a.shape), b.name, str(b.shape)]


@case
def unknown_shape_variable_assign_validated_at_run_time(tf):
    v = tf.Variable([1.0, 2.0], shape=tf.TensorShape(None), validate_shape=False, name="v")
    a = v.assign([1.0, 2.0, 3.0])
    with tf.Session() as sess:
        sess.run(v.initializer)
        return [_run(sess, a), sess.run(v).tolist()]


@case
def unknown_shape_variable_changes_shape(tf):
    v = tf.Variable([1.0, 2.0], shape=tf.TensorShape(None), validate_shape=False, name="v")
    a = tf.assign(v, [5.0, 6.0, 7.0], validate_shape=False)
    b = tf.assign(v, [[1.0], [2.0]], validate_shape=False)
    with tf.Session() as sess:
        sess.run(v.initializer)
        first = sess.run(v).tolist()
        second = sess.run(a).tolist()
        third = sess.run(b).tolist()
        return [first, second, third, sess.run(v.value()).tolist(), sess.run(tf.shape(v)).tolist()]


@case
def validate_shape_false_assign_changes_shape(tf):
    w = tf.Variable([1.0, 2.0], validate_shape=False, name="w")
    b = tf.assign(w, [[1.0, 2.0, 3.0]], validate_shape=False)
    y = w * 2.0
    with tf.Session() as sess:
        sess.run(w.initializer)
        return [sess.run(y).tolist(), sess.run(b).tolist(), sess.run(y).tolist(), str(y.shape)]


@case
def validate_shape_false_with_a_placeholder_initial_value(tf):
    p = tf.placeholder(tf.float32, [None], name="p")
    w = tf.Variable(p, validate_shape=False, name="w")
    with tf.Session() as sess:
        sess.run(w.initializer, {p: [1.0, 2.0, 3.0]})
        return [str(w.shape), sess.run(w).tolist()]


@case
def validate_shape_true_with_a_placeholder_initial_value(tf):
    p = tf.placeholder(tf.float32, [None], name="p")
    return raises(tf.Variable, p, name="w")


@case
def get_variable_validate_shape_false(tf):
    v = tf.get_variable("v", initializer=tf.constant([1.0, 2.0]), validate_shape=False)
    b = tf.assign(v, [3.0], validate_shape=False)
    with tf.Session() as sess:
        sess.run(v.initializer)
        return [str(v.shape), sess.run(b).tolist()]


@case
def known_shape_variable_refuses_other_shapes(tf):
    v = tf.Variable([1.0, 2.0], name="v")
    return [raises(v.assign, [1.0, 2.0, 3.0]), raises(tf.assign, v, [[1.0]])]


@case
def known_shape_variable_assign_without_validation(tf):
    v = tf.Variable([1.0, 2.0], name="v")
    b = tf.assign(v, [1.0, 2.0, 3.0], validate_shape=False)
    with tf.Session() as sess:
        sess.run(v.initializer)
        return [str(b.shape), sess.run(b).tolist(), str(v.shape)]


@case
def variable_set_shape(tf):
    v = tf.Variable([1.0, 2.0], shape=tf.TensorShape(None), name="v")
    v.set_shape([2])
    return [str(v.shape), raises(v.set_shape, [3])]


@case
def unknown_rank_variable_validated_initializer(tf):
    v = tf.Variable([1.0, 2.0], shape=tf.TensorShape(None), name="v")
    u = tf.Variable(3.0, shape=tf.TensorShape(None), name="u")
    with tf.Session() as sess:
        before = sess.run(tf.is_variable_initialized(v))
        sess.run(u.initializer)
        return [bool(before), _run(sess, v.initializer), float(sess.run(u)),
                sess.run(tf.report_uninitialized_variables()).tolist()]


@case
def unknown_rank_variable_initialized_without_validation_then_validated(tf):
    w = tf.Variable([1.0, 2.0], shape=tf.TensorShape(None), name="w")
    grow = tf.assign(w, [1.0, 2.0, 3.0], validate_shape=False)
    same = tf.assign(w, [4.0, 5.0, 6.0])
    with tf.Session() as sess:
        first = sess.run(grow).tolist()
        second = sess.run(same).tolist()
        return [first, second, _run(sess, w.initializer), sess.run(w).tolist()]
