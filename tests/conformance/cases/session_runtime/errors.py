"""Session behaviour: the class, node and wording of runtime errors."""

import numpy as np

from tests.conformance.cases.session_runtime._helpers import _frame_only, _op_error
from tests.conformance.harness import case


# -- runtime errors -------------------------------------------------------------------------------
@case
def error_unfed_placeholder_structure(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    y = tf.placeholder(tf.float32, [2], name="y")
    with tf.Session() as sess:
        return _op_error(sess.run, x + y, feed_dict={x: [1.0, 2.0]})


@case
def error_uninitialized_variable_read(tf):
    v = tf.Variable([1.0, 2.0], name="v")
    with tf.Session() as sess:
        return _op_error(sess.run, v * 2.0)


@case
def error_uninitialized_variable_fetch_retval(tf):
    v = tf.Variable(1.0, name="scope_v")
    c = tf.constant(1.0, name="c")
    with tf.Session() as sess:
        return [_op_error(sess.run, v), _op_error(sess.run, [c, v]), _op_error(sess.run, [v, c, c + 1.0])]


@case
def error_uninitialized_variable_assign_add(tf):
    v = tf.Variable([1.0, 2.0], name="v")
    inc = tf.assign_add(v, [1.0, 1.0], name="inc")
    with tf.Session() as sess:
        return _op_error(sess.run, inc)


@case
def error_assign_shape_at_runtime(tf):
    v = tf.Variable([1.0, 2.0], name="v")
    p = tf.placeholder(tf.float32, None, name="p")
    a = tf.assign(v, p, name="a")
    with tf.Session() as sess:
        sess.run(v.initializer)
        return _op_error(sess.run, a, feed_dict={p: [1.0, 2.0, 3.0]})


@case
def error_reshape_at_runtime_frame(tf):
    x = tf.placeholder(tf.float32, [None], name="x")
    r = tf.reshape(x, [2, 3], name="r")
    with tf.Session() as sess:
        return _frame_only(_op_error(sess.run, r, feed_dict={x: np.zeros(5)}))


@case
def error_matmul_at_runtime_frame(tf):
    a = tf.placeholder(tf.float32, None, name="a")
    b = tf.placeholder(tf.float32, None, name="b")
    m = tf.matmul(a, b, name="mm")
    with tf.Session() as sess:
        return _frame_only(_op_error(sess.run, m, feed_dict={a: np.zeros((2, 3)), b: np.zeros((4, 5))}))


@case
def error_gather_out_of_range_frame(tf):
    p = tf.placeholder(tf.float32, [None, 2], name="p")
    i = tf.placeholder(tf.int32, [None], name="i")
    g = tf.gather(p, i, name="g")
    with tf.Session() as sess:
        return _frame_only(_op_error(sess.run, g, feed_dict={p: np.zeros((3, 2)), i: [0, 5]}))


@case
def error_broadcast_at_runtime_frame(tf):
    a = tf.placeholder(tf.float32, None, name="a")
    b = tf.placeholder(tf.float32, None, name="b")
    s = tf.add(a, b, name="s")
    with tf.Session() as sess:
        return _frame_only(_op_error(sess.run, s, feed_dict={a: np.zeros((2, 3)), b: np.zeros(4)}))


@case
def error_is_caught_as_op_error(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    with tf.Session() as sess:
        try:
            sess.run(x)
        except tf.errors.OpError as e:
            return [isinstance(e, tf.errors.InvalidArgumentError), e.error_code, e.op.type,
                    e.node_def.name, e.node_def.op]
    return "no error"


@case
def error_session_usable_after_runtime_error(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    with tf.Session() as sess:
        first = _op_error(sess.run, x * 2.0)["error"]
        return [first, float(sess.run(x * 2.0, feed_dict={x: 2.0}))]
