"""``assert_rank``, ``assert_rank_at_least``, ``assert_rank_in``: static results and errors,
and the asserts built when a rank is not known while building."""

from tests.conformance.cases.debugging._helpers import const_strings, graph_ops, run_last_line
from tests.conformance.harness import case, raises


@case
def assert_rank_static_ok(tf):
    check = tf.assert_rank(tf.zeros([2, 3]), 2)
    return [check.name, check.type]


@case
def assert_rank_static_failure(tf):
    return [raises(lambda: tf.assert_rank(tf.zeros([2, 3]), 1)),
            raises(lambda: tf.assert_rank(tf.zeros([2]), 3, message="need 3"))]


@case
def assert_rank_dynamic(tf):
    x = tf.placeholder(tf.float32, name="x")
    check = tf.assert_rank(x, 2)
    return {"name": check.name, "ops": graph_ops(tf), "strings": const_strings(tf),
            "failure": run_last_line(tf, check, {x: [1.0, 2.0]}), "ok": run_last_line(tf, check, {x: [[1.0]]})}


@case
def assert_rank_of_unknown_rank_tensor(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    r = tf.placeholder(tf.int32, name="r")
    check = tf.assert_rank(x, r)
    return {"name": check.name, "ops": graph_ops(tf), "failure": run_last_line(tf, check, {x: [[1, 2, 3]], r: 1}),
            "not_scalar": run_last_line(tf, check, {x: [[1, 2, 3]], r: [2]})}


@case
def assert_rank_rank_not_scalar(tf):
    return raises(lambda: tf.assert_rank(tf.zeros([2]), [1]))


@case
def assert_rank_float_rank(tf):
    return raises(lambda: tf.assert_rank(tf.zeros([2]), 1.0))


@case
def assert_rank_at_least(tf):
    ok = tf.assert_rank_at_least(tf.zeros([2, 3]), 1)
    x = tf.placeholder(tf.int32, name="x")
    dynamic = tf.assert_rank_at_least(x, 2, message="deep")
    return [ok.name, raises(lambda: tf.assert_rank_at_least(tf.zeros([2]), 2)), dynamic.name,
            run_last_line(tf, dynamic, {x: [1]})]


@case
def assert_rank_in(tf):
    ok = tf.assert_rank_in(tf.zeros([2]), (0, 1))
    x = tf.placeholder(tf.int32, name="x")
    dynamic = tf.assert_rank_in(x, [2, 3])
    return [ok.name, raises(lambda: tf.assert_rank_in(tf.zeros([2]), (2, 3), message="m")), dynamic.name,
            const_strings(tf), run_last_line(tf, dynamic, {x: [1]}), run_last_line(tf, dynamic, {x: [[1]]})]


@case
def assert_rank_on_constant_values(tf):
    return [raises(lambda: tf.assert_rank([[1, 2]], 1).name), raises(lambda: tf.assert_rank(5, 0).name)]
