"""The element-wise assertions: TF's graphs (``assert_equal_1/Assert/AssertGuard/...``), the
strings they put in the ``Assert``, build-time failures of constants, and run-time messages."""

import numpy as np

from tests.conformance.cases.debugging._helpers import const_strings, graph_ops, run_last_line
from tests.conformance.harness import case, raises


@case
def assert_equal_graph(tf):
    x = tf.placeholder(tf.float32, [None], name="x")
    check = tf.assert_equal(x, tf.constant([1.0, 2.0]))
    return {"name": check.name, "ops": graph_ops(tf), "strings": const_strings(tf)}


@case
def assert_equal_int32_has_no_guard(tf):
    x = tf.placeholder(tf.int32, [2], name="x")
    check = tf.assert_equal(x, [1, 2], name="check")
    return {"name": check.name, "type": check.type, "ops": graph_ops(tf)}


@case
def assert_equal_same_tensor_is_a_no_op(tf):
    x = tf.placeholder(tf.float32, name="x")
    check = tf.assert_equal(x, x)
    return [check.name, check.type]


@case
def assert_equal_fails_at_run_time(tf):
    x = tf.placeholder(tf.float32, [None], name="x")
    check = tf.assert_equal(x, tf.constant([1.0, 2.0]))
    return [run_last_line(tf, check, {x: [1.0, 3.0]}), run_last_line(tf, check, {x: [1.0, 2.0]})]


@case
def assert_equal_summarized_values(tf):
    x = tf.placeholder(tf.int32, [None], name="x")
    check = tf.assert_equal(x, 0, summarize=5)
    return [run_last_line(tf, check, {x: np.arange(8)}), run_last_line(tf, tf.assert_equal(x, 1), {x: np.arange(8)})]


@case
def assert_equal_matrix_values(tf):
    x = tf.placeholder(tf.float64, [None, None], name="x")
    check = tf.assert_equal(x, 0.5, summarize=7)
    return run_last_line(tf, check, {x: [[0.5, 1e-7, 3.25], [2.0, -1.5, 0.1]]})


@case
def assert_equal_static_failure(tf):
    return raises(lambda: tf.assert_equal(tf.constant([1, 2]), tf.constant([1, 3])))


@case
def assert_equal_static_failure_with_message_and_data(tf):
    return raises(lambda: tf.assert_equal(tf.constant(1.5), 2.5, data=["values:", tf.constant([7, 8])],
                                          message="mismatch"))


@case
def assert_equal_static_success_still_builds_an_assert(tf):
    check = tf.assert_equal(tf.constant([1, 2]), [1, 2])
    return [check.name, check.type, run_last_line(tf, check)]


@case
def assert_equal_custom_data(tf):
    x = tf.placeholder(tf.int32, [], name="x")
    check = tf.assert_equal(x, 3, data=["x was", x, "wanted", 3], message="oops")
    return [check.name, const_strings(tf), run_last_line(tf, check, {x: 4})]


@case
def assert_equal_strings(tf):
    x = tf.placeholder(tf.string, [None], name="x")
    check = tf.assert_equal(x, tf.constant(["a", "b"]))
    return [check.name, run_last_line(tf, check, {x: ["a", "c"]})]


@case
def assert_equal_incompatible_shapes(tf):
    return raises(lambda: tf.assert_equal(tf.placeholder(tf.float32, [2]), tf.placeholder(tf.float32, [3])))


@case
def assert_none_equal_fails(tf):
    x = tf.placeholder(tf.int32, [None], name="x")
    check = tf.assert_none_equal(x, 2)
    return [check.name, const_strings(tf), run_last_line(tf, check, {x: [1, 2, 3]}),
            run_last_line(tf, check, {x: [1, 3]})]


@case
def assert_less_float_with_summarize(tf):
    x = tf.placeholder(tf.float32, [None], name="x")
    check = tf.assert_less(x, 1.0, summarize=1)
    return [check.name, run_last_line(tf, check, {x: [0.5, 2.0, 3.0]})]


@case
def assert_less_equal_with_message(tf):
    x = tf.placeholder(tf.int64, [None], name="x")
    check = tf.assert_less_equal(x, tf.constant(2, tf.int64), message="too big")
    return [check.name, const_strings(tf), run_last_line(tf, check, {x: [1, 5]})]


@case
def assert_greater_static_failure(tf):
    return raises(lambda: tf.assert_greater(tf.constant([1, 5]), 2, message="small"))


@case
def assert_greater_equal_broadcasts(tf):
    x = tf.placeholder(tf.int32, [2, 2], name="x")
    y = tf.placeholder(tf.int32, [2], name="y")
    check = tf.assert_greater_equal(x, y)
    return [check.name, run_last_line(tf, check, {x: [[1, 2], [3, 4]], y: [1, 3]}),
            run_last_line(tf, check, {x: [[1, 3], [3, 4]], y: [1, 3]})]


@case
def assert_positive_graph(tf):
    x = tf.placeholder(tf.float32, [None], name="x")
    check = tf.assert_positive(x)
    return {"name": check.name, "strings": const_strings(tf), "failure": run_last_line(tf, check, {x: [1.0, -1.0]})}


@case
def assert_negative_fails(tf):
    x = tf.placeholder(tf.int32, [None], name="x")
    check = tf.assert_negative(x, message="sign")
    return [check.name, const_strings(tf), run_last_line(tf, check, {x: [-1, 0]})]


@case
def assert_non_negative_static(tf):
    ok = tf.assert_non_negative(tf.constant([0, 1]))
    return [ok.name, raises(lambda: tf.assert_non_negative(tf.constant([-2, 1]), name="nn"))]


@case
def assert_non_positive_message(tf):
    x = tf.placeholder(tf.int32, [None], name="x")
    check = tf.assert_non_positive(x)
    return [check.name, const_strings(tf), run_last_line(tf, check, {x: [0, 4]})]


@case
def assert_near_graph(tf):
    x = tf.placeholder(tf.float32, [None], name="x")
    check = tf.assert_near(x, [1.0, 2.0])
    return {"name": check.name, "ops": graph_ops(tf), "strings": const_strings(tf)}


@case
def assert_near_runs(tf):
    x = tf.placeholder(tf.float64, [None], name="x")
    check = tf.assert_near(x, [1.0, 2.0], rtol=0.1, atol=0.01, message="far")
    return [run_last_line(tf, check, {x: [1.05, 2.0]}), run_last_line(tf, check, {x: [1.5, 2.0]})]


@case
def assertions_in_control_dependencies(tf):
    x = tf.placeholder(tf.int32, [None], name="x")
    with tf.control_dependencies([tf.assert_positive(x), tf.assert_less(x, 10)]):
        y = tf.identity(x)
    ops = graph_ops(tf)
    with tf.Session() as sess:
        ok = sess.run(y, {x: [1, 2]}).tolist()
    return [ops[-1], ok, run_last_line(tf, y, {x: [1, 20]}), run_last_line(tf, y, {x: [0, 2]})]
