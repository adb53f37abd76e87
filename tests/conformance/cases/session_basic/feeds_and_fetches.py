"""A first tf.Session: running, feeding and fetch structures."""

import numpy as np

from tests.conformance.harness import case, raises
from tests.conformance.harness import raises_last_line as _run_error


@case
def run_constant(tf):
    c = tf.constant([1.0, 2.0])
    with tf.Session() as sess:
        return sess.run(c)


@case
def run_scalar_types(tf):
    with tf.Session() as sess:
        out = sess.run([tf.constant(1), tf.constant(1.5), tf.constant(True)])
    return [[type(v).__name__, v] for v in out]


@case
def run_string_constant(tf):
    with tf.Session() as sess:
        return [sess.run(tf.constant("hi")), sess.run(tf.constant(["a", "bc"]))]


@case
def run_arithmetic(tf):
    a = tf.constant([1.0, 2.0])
    b = tf.constant([3.0, 4.0])
    with tf.Session() as sess:
        return sess.run([a + b, a - b, a * b, a / b, -a, tf.matmul([[1.0, 2.0]], [[3.0], [4.0]])])


@case
def run_int_division_ops(tf):
    a = tf.constant([7, -7])
    with tf.Session() as sess:
        return sess.run([a // 2, a % 3, a / 2])


@case
def run_cast_fill_zeros_ones(tf):
    with tf.Session() as sess:
        return sess.run([tf.cast(tf.constant([1.7, -1.7]), tf.int32), tf.fill([2], 3.0), tf.zeros([2], tf.int64),
                         tf.ones([1, 2])])


@case
def feed_placeholder_by_tensor(tf):
    x = tf.placeholder(tf.float32, [None])
    y = x * 2.0
    with tf.Session() as sess:
        return sess.run(y, feed_dict={x: [1.0, 2.0, 3.0]})


@case
def feed_placeholder_by_name(tf):
    tf.placeholder(tf.float32, [2], name="x")
    y = tf.identity(tf.get_default_graph().get_tensor_by_name("x:0")) + 1.0
    with tf.Session() as sess:
        return sess.run(y, feed_dict={"x:0": [1.0, 2.0]})


@case
def feed_converts_dtype(tf):
    x = tf.placeholder(tf.float32, [2])
    with tf.Session() as sess:
        return sess.run(x, feed_dict={x: [1, 2]})


@case
def feed_numpy_array(tf):
    x = tf.placeholder(tf.int32, [2, 2])
    with tf.Session() as sess:
        return sess.run(x + 1, feed_dict={x: np.arange(4, dtype=np.int32).reshape(2, 2)})


@case
def feed_non_placeholder_tensor(tf):
    a = tf.constant(1.0)
    b = a * 10.0
    with tf.Session() as sess:
        return [sess.run(b), sess.run(b, feed_dict={a: 2.0})]


@case
def placeholder_with_default_run(tf):
    d = tf.placeholder_with_default(tf.constant([1.0, 2.0]), [None])
    with tf.Session() as sess:
        return [sess.run(d), sess.run(d, feed_dict={d: [5.0]})]


@case
def feed_wrong_shape_error(tf):
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    with tf.Session() as sess:
        return raises(sess.run, x, feed_dict={x: [1.0, 2.0]})


@case
def feed_wrong_shape_fixed_dims_error(tf):
    x = tf.placeholder(tf.float32, [3], name="x")
    with tf.Session() as sess:
        return raises(sess.run, x, feed_dict={x: [1.0, 2.0]})


@case
def unfed_placeholder_error(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    with tf.Session() as sess:
        return _run_error(sess.run, x * 2.0)


@case
def unfed_placeholder_error_class(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    with tf.Session() as sess:
        try:
            sess.run(x)
        except tf.errors.InvalidArgumentError as exc:
            return [type(exc).__name__, exc.error_code, isinstance(exc, tf.errors.OpError)]
    return "no error"


@case
def fetch_list(tf):
    a = tf.constant(1)
    b = tf.constant(2)
    with tf.Session() as sess:
        out = sess.run([a, b])
    return [type(out).__name__, out]


@case
def fetch_tuple(tf):
    a = tf.constant(1)
    b = tf.constant(2)
    with tf.Session() as sess:
        out = sess.run((a, b))
    return [type(out).__name__, list(out)]


@case
def fetch_dict(tf):
    a = tf.constant(1)
    b = tf.constant(2.0)
    with tf.Session() as sess:
        out = sess.run({"a": a, "b": b})
    return [type(out).__name__, out]


@case
def fetch_nested(tf):
    a = tf.constant(1)
    b = tf.constant(2)
    with tf.Session() as sess:
        out = sess.run({"x": [a, (b, a)], "y": {"z": b}})
    return [out["x"][0], type(out["x"][1]).__name__, list(out["x"][1]), out["y"]["z"]]


@case
def fetch_same_tensor_twice(tf):
    a = tf.constant(3)
    with tf.Session() as sess:
        return sess.run([a, a])


@case
def fetch_by_name(tf):
    tf.constant(4.0, name="c")
    with tf.Session() as sess:
        return sess.run("c:0")


@case
def fetch_operation_returns_none(tf):
    n = tf.no_op()
    with tf.Session() as sess:
        return [sess.run(n), sess.run([n, tf.constant(1)])]


@case
def fetch_op_by_name_returns_none(tf):
    tf.no_op(name="n")
    with tf.Session() as sess:
        return sess.run("n")


@case
def fetch_none_error(tf):
    tf.constant(1)
    with tf.Session() as sess:
        return raises(sess.run, None)


@case
def fetch_none_in_list_error(tf):
    with tf.Session() as sess:
        return raises(sess.run, [tf.constant(1), None])


@case
def fetch_int_error(tf):
    tf.constant(1)
    with tf.Session() as sess:
        return raises(sess.run, 3)


@case
def fetch_missing_name_error(tf):
    tf.constant(1)
    with tf.Session() as sess:
        return raises(sess.run, "nope:0")


@case
def fetch_empty_list(tf):
    tf.constant(1)
    with tf.Session() as sess:
        return [sess.run([]), sess.run({}), sess.run(())]


@case
def run_on_empty_graph_error(tf):
    with tf.Session() as sess:
        return raises(sess.run, [])


@case
def feed_dict_key_not_in_graph_error(tf):
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, name="x")
    y = tf.constant(1.0)
    with tf.Session() as sess:
        return raises(sess.run, y, feed_dict={x: 1.0})


@case
def feed_dict_missing_name_error(tf):
    y = tf.constant(1.0)
    with tf.Session() as sess:
        return raises(sess.run, y, feed_dict={"nope:0": 1.0})


@case
def fetch_operation_name_vs_tensor_name(tf):
    tf.constant(1.0, name="c")
    with tf.Session() as sess:
        return [sess.run("c"), sess.run("c:0")]
