"""Session behaviour: fetch structures and execution."""

import collections

from tests.conformance.cases.session_runtime._helpers import _type_and_value
from tests.conformance.harness import case, raises


# -- fetch structures ----------------------------------------------------------------------------
@case
def fetch_namedtuple(tf):
    Pair = collections.namedtuple("Pair", "a b")
    a, b = tf.constant(1.0), tf.constant([2, 3])
    with tf.Session() as sess:
        out = sess.run(Pair(a, [b, a]))
    return [type(out).__name__, out._fields, float(out.a), out.b[0].tolist(), float(out.b[1])]


@case
def fetch_ordered_dict(tf):
    a, b = tf.constant(1), tf.constant(2)
    with tf.Session() as sess:
        out = sess.run(collections.OrderedDict([("z", a), ("a", b)]))
    return [type(out).__name__, list(out.items())]


@case
def fetch_defaultdict_keeps_factory(tf):
    fetch = collections.defaultdict(list)
    fetch["x"] = tf.constant(3)
    with tf.Session() as sess:
        out = sess.run(fetch)
    return [type(out).__name__, out["x"], out["missing"]]


@case
def fetch_dict_with_op_and_duplicates(tf):
    a = tf.constant(1.0)
    n = tf.no_op(name="n")
    with tf.Session() as sess:
        out = sess.run({"op": n, "v": [a, a], "t": (a, n)})
    return [out["op"], out["v"], type(out["t"]).__name__, list(out["t"])]


@case
def fetch_variable_object(tf):
    v = tf.Variable([1.0, 2.0], name="v")
    with tf.Session() as sess:
        sess.run(v.initializer)
        out = sess.run(v)
        by_name = sess.run("v:0")
    return [_type_and_value(out), _type_and_value(by_name)]


@case
def fetch_result_types(tf):
    with tf.Session() as sess:
        out = sess.run([tf.constant(1.5), tf.constant(2, tf.int64), tf.constant([1, 2], tf.int8),
                        tf.constant(True), tf.constant("s"), tf.constant([b"a", b"b"])])
    return [[type(v).__name__, str(getattr(v, "dtype", ""))] for v in out]


@case
def fetch_results_are_copies(tf):
    c = tf.constant([1.0, 2.0])
    v = tf.Variable([3.0, 4.0])
    with tf.Session() as sess:
        sess.run(v.initializer)
        got_c, got_v, got_read = sess.run([c, v, v.value()])
        got_c[0] = got_v[0] = got_read[1] = 99.0
        return sess.run([c, v]) + [sess.run(v.value())]


@case
def fetch_set_error(tf):
    a = tf.constant(1)
    with tf.Session() as sess:
        return raises(sess.run, {a})


@case
def fetch_float_error(tf):
    tf.constant(1)
    with tf.Session() as sess:
        return raises(sess.run, 1.5)


@case
def fetch_bad_tensor_name_error(tf):
    tf.constant(1, name="c")
    with tf.Session() as sess:
        return [raises(sess.run, "c:1"), raises(sess.run, "a:b:c"), raises(sess.run, "missing")]


@case
def fetch_nested_none_error(tf):
    a = tf.constant(1)
    with tf.Session() as sess:
        return raises(sess.run, {"a": [a, None]})


# -- execution ------------------------------------------------------------------------------------
@case
def run_targets_only_returns_none(tf):
    v = tf.Variable(0, name="v")
    inc = tf.assign_add(v, 1)
    with tf.Session() as sess:
        sess.run(v.initializer)
        out = [sess.run(inc.op), sess.run([inc.op, inc.op]), sess.run(v)]
    return out


@case
def run_each_fetch_runs_stateful_op_once(tf):
    v = tf.Variable(0, name="v")
    inc = tf.assign_add(v, 1)
    with tf.Session() as sess:
        sess.run(v.initializer)
        out = sess.run([inc, inc, inc.op])
        return [out[0], out[1], out[2], sess.run(v)]


@case
def run_identity_after_assign_reads_new_value(tf):
    v = tf.Variable(1.0, name="v")
    with tf.Session() as sess:
        sess.run(v.initializer)
        a = tf.assign(v, 5.0)
        with tf.control_dependencies([a]):
            r = tf.identity(v)
        return [float(sess.run(r)), float(sess.run(v))]


@case
def run_ops_added_after_first_run(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    y = x * 2.0
    with tf.Session() as sess:
        first = float(sess.run(y, feed_dict={x: 1.0}))
        z = y + 10.0
        return [first, float(sess.run(y, feed_dict={x: 2.0})), float(sess.run(z, feed_dict={x: 3.0}))]


@case
def run_unused_unfed_placeholder_is_pruned(tf):
    tf.placeholder(tf.float32, [], name="unused")
    c = tf.constant(2.0) * 3.0
    with tf.Session() as sess:
        return float(sess.run(c))


@case
def run_float_division_by_zero_is_inf(tf):
    a = tf.placeholder(tf.float32, [], name="a")
    b = tf.placeholder(tf.float32, [], name="b")
    with tf.Session() as sess:
        return [str(v) for v in sess.run([a / b, b / b], feed_dict={a: 1.0, b: 0.0})]


@case
def run_options_and_metadata_accepted(tf):
    c = tf.constant(3.0)
    meta = tf.RunMetadata()
    with tf.Session() as sess:
        out = sess.run(c, options=tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE), run_metadata=meta)
        bad_options = raises(sess.run, c, options=3)
        bad_meta = raises(sess.run, c, run_metadata="m")
    return [float(out), bad_options, bad_meta]
