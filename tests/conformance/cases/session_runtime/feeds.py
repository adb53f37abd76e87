"""Session behaviour: feeds."""

import numpy as np

from tests.conformance.cases.session_runtime._helpers import _op_error, _type_and_value
from tests.conformance.harness import case, raises


# -- feeds ----------------------------------------------------------------------------------------
@case
def feed_fetch_fed_tensor_returns_array(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    y = x * 2.0
    with tf.Session() as sess:
        out = sess.run([x, y], feed_dict={x: 1.5})
    return [_type_and_value(out[0]), _type_and_value(out[1])]


@case
def feed_fetch_fed_array_is_same_object(tf):
    x = tf.placeholder(tf.float64, [2], name="x")
    value = np.array([1.0, 2.0])
    with tf.Session() as sess:
        return sess.run(x, feed_dict={x: value}) is value


@case
def feed_value_cast_to_placeholder_dtype(tf):
    f = tf.placeholder(tf.float32, [2], name="f")
    i = tf.placeholder(tf.int32, [2], name="i")
    b = tf.placeholder(tf.bool, [], name="b")
    with tf.Session() as sess:
        out = sess.run([f + 0, i + 0, tf.logical_not(b)],
                       feed_dict={f: np.array([1, 2], np.int64), i: [1.7, -2.7], b: 0.0})
    return [[str(v.dtype), v.tolist()] for v in out]


@case
def feed_python_int_overflow_error(tf):
    x = tf.placeholder(tf.int8, [], name="x")
    with tf.Session() as sess:
        return [raises(sess.run, x, feed_dict={x: 300}), raises(sess.run, x, feed_dict={x: -129})]


@case
def feed_int_into_uint8_and_bool_error(tf):
    u = tf.placeholder(tf.uint8, [], name="u")
    b = tf.placeholder(tf.bool, [], name="b")
    with tf.Session() as sess:
        return [raises(sess.run, u, feed_dict={u: -1}), raises(sess.run, b, feed_dict={b: 2})]


@case
def feed_int_into_string_error(tf):
    s = tf.placeholder(tf.string, [], name="s")
    with tf.Session() as sess:
        return raises(sess.run, s, feed_dict={s: 3})


@case
def feed_numpy_int_wraps_silently(tf):
    x = tf.placeholder(tf.int32, [], name="x")
    with tf.Session() as sess:
        return _type_and_value(sess.run(x + 0, feed_dict={x: np.int64(2 ** 32 + 5)}))


@case
def feed_string_to_float_error(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    with tf.Session() as sess:
        return raises(sess.run, x, feed_dict={x: "abc"})


@case
def feed_ragged_list_error(tf):
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    with tf.Session() as sess:
        return raises(sess.run, x, feed_dict={x: [[1.0, 2.0], [3.0]]})


@case
def feed_none_as_float_is_nan(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    with tf.Session() as sess:
        return str(sess.run(x + 0, feed_dict={x: None}))


@case
def feed_shape_errors(tf):
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    s = tf.placeholder(tf.float32, [], name="s")
    c = tf.constant([1.0, 2.0], name="c")
    with tf.Session() as sess:
        return [raises(sess.run, x, feed_dict={x: [[1.0, 2.0, 3.0]]}),
                raises(sess.run, s, feed_dict={s: [1.0]}),
                raises(sess.run, c * 2.0, feed_dict={c: [1.0]})]


@case
def feed_unknown_rank_any_shape(tf):
    x = tf.placeholder(tf.float32, name="x")
    with tf.Session() as sess:
        return [sess.run(x * 2.0, feed_dict={x: 3.0}).tolist(), sess.run(x * 2.0, feed_dict={x: [[1.0]]}).tolist()]


@case
def feed_key_errors(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    y = x + 1.0
    with tf.Session() as sess:
        return [raises(sess.run, y, feed_dict={3: 1.0}), raises(sess.run, y, feed_dict={y.op: 1.0}),
                raises(sess.run, y, feed_dict={"x": 1.0}), raises(sess.run, y, feed_dict={"x:5": 1.0})]


@case
def feed_value_is_tensor_error(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    with tf.Session() as sess:
        return raises(sess.run, x, feed_dict={x: tf.constant(1.0, name="k")})


@case
def feed_dict_not_a_mapping_error(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    with tf.Session() as sess:
        return raises(sess.run, x, feed_dict=[(x, 1.0)])


@case
def feed_tuple_keys(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    y = tf.placeholder(tf.float32, [], name="y")
    with tf.Session() as sess:
        ok = sess.run(x - y, feed_dict={(x, y): (5.0, 2.0)})
        short = raises(sess.run, x - y, feed_dict={(x, y): (5.0,)})
        dup = raises(sess.run, x - y, feed_dict={(x, y): (5.0, 2.0), x: 1.0})
    return [float(ok), short, dup]


@case
def feed_name_and_tensor_last_wins(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    with tf.Session() as sess:
        return float(sess.run(x * 1.0, feed_dict={"x:0": 1.0, x: 7.0}))


@case
def feed_variable_replaces_its_value(tf):
    v = tf.Variable(1.0, name="v")
    with tf.Session() as sess:
        return [float(sess.run(v.value() * 2.0, feed_dict={v: 5.0})), _type_and_value(sess.run(v, feed_dict={v: 4.0}))]


@case
def feed_intermediate_tensor_skips_upstream(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    h = x * 3.0
    out = h + 1.0
    with tf.Session() as sess:
        return float(sess.run(out, feed_dict={h: 10.0}))


@case
def feed_strings(tf):
    s = tf.placeholder(tf.string, [None], name="s")
    with tf.Session() as sess:
        computed = sess.run(tf.identity(s), feed_dict={s: ["ab", b"c", "\u00e9"]})
        fed = sess.run(s, feed_dict={s: np.array(["ab", "c"])})
    return [computed.tolist(), [type(v).__name__ for v in fed]]


@case
def feed_ints_into_string_runtime_error(tf):
    s = tf.placeholder(tf.string, [None], name="s")
    with tf.Session() as sess:
        return _op_error(sess.run, tf.identity(s), feed_dict={s: [1, 2]})
