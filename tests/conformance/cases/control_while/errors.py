"""tf.while_loop errors: shape invariants violated or incompatible, structure and dtype mismatches
between loop vars and body results, bad cond results, bad arguments, and fetching or feeding a
tensor that lives inside a loop."""

import collections

from tests.conformance.cases.control_while._helpers import first_line, names
from tests.conformance.harness import case, raises, raises_last_line, run_error, static

Pair = collections.namedtuple("Pair", ["count", "total"])


def _loop(tf, **kwargs):
    i = tf.constant(0, name="i")
    return tf.while_loop(lambda i: i < 3, lambda i: i + 1, [i], **kwargs)


@case
def shape_invariant_violated(tf):
    i = tf.constant(0, name="i")
    x = tf.constant([1.0], name="x")
    return raises(tf.while_loop, lambda i, x: i < 3, lambda i, x: (i + 1, tf.concat([x, x], 0)), [i, x])


@case
def shape_invariant_violated_rank(tf):
    x = tf.constant([1.0, 2.0], name="x")
    return raises(tf.while_loop, lambda x: tf.reduce_sum(x) < 10.0, lambda x: tf.expand_dims(x, 0), [x])


@case
def shape_invariant_violated_given_invariant(tf):
    i = tf.constant(0, name="i")
    x = tf.zeros([2, 3], name="x")
    return raises(tf.while_loop, lambda i, x: i < 3, lambda i, x: (i + 1, tf.concat([x, x], 1)), [i, x],
                  shape_invariants=[tf.TensorShape([]), tf.TensorShape([None, 3])])


@case
def shape_invariant_incompatible_initial(tf):
    i = tf.constant(0, name="i")
    x = tf.constant([1.0, 2.0], name="x")
    return raises(tf.while_loop, lambda i, x: i < 3, lambda i, x: (i + 1, x), [i, x],
                  shape_invariants=[tf.TensorShape([]), tf.TensorShape([3])])


@case
def shape_invariant_incompatible_rank(tf):
    x = tf.constant([1.0, 2.0], name="x")
    return raises(tf.while_loop, lambda x: tf.reduce_sum(x) < 3.0, lambda x: x + 1.0, [x],
                  shape_invariants=[tf.TensorShape([None, None])])


@case
def shape_invariants_structure_mismatch(tf):
    i = tf.constant(0, name="i")
    x = tf.constant(1.0, name="x")
    return first_line(tf.while_loop, lambda i, x: i < 3, lambda i, x: (i + 1, x), [i, x],
                      shape_invariants=[tf.TensorShape([])])


@case
def body_returns_too_many(tf):
    i = tf.constant(0, name="i")
    return first_line(tf.while_loop, lambda i: i < 3, lambda i: (i + 1, i), [i])


@case
def body_returns_too_few(tf):
    i = tf.constant(0, name="i")
    x = tf.constant(1.0, name="x")
    return first_line(tf.while_loop, lambda i, x: i < 3, lambda i, x: [i + 1], [i, x])


@case
def body_returns_dict_for_list(tf):
    i = tf.constant(0, name="i")
    x = tf.constant(1.0, name="x")
    return first_line(lambda: names(tf.while_loop(lambda i, x: i < 3, lambda i, x: {"i": i + 1, "x": x}, [i, x])))


@case
def body_returns_bare_dict(tf):
    lv = {"a": tf.constant(0, name="a")}
    return first_line(tf.while_loop, lambda d: d["a"] < 3, lambda d: {"a": d["a"] + 1}, [lv])


@case
def body_returns_bare_namedtuple(tf):
    p = Pair(tf.constant(0, name="c"), tf.constant(0, name="t"))
    return first_line(tf.while_loop, lambda p: p.count < 4, lambda p: Pair(p.count + 1, p.total), [p])


@case
def body_returns_wrong_dict_keys(tf):
    lv = {"a": tf.constant(0, name="a")}
    return first_line(tf.while_loop, lambda d: d["a"] < 3, lambda d: [{"b": d["a"] + 1}], [lv])


@case
def body_returns_none(tf):
    i = tf.constant(0, name="i")
    return first_line(tf.while_loop, lambda i: i < 3, lambda i: None, [i])


@case
def body_changes_dtype(tf):
    i = tf.constant(0, name="i")
    r = tf.while_loop(lambda i: i < 3, lambda i: tf.cast(i, tf.float32) + 1.0, [i])
    g = tf.get_default_graph()
    merge = g.get_operation_by_name("while/Merge")
    return [static(r), [t.dtype.name for t in merge.inputs], static(merge.outputs), run_error(tf, r)]


@case
def cond_returns_int(tf):
    i = tf.constant(0, name="i")
    return raises(tf.while_loop, lambda i: i + 1, lambda i: i + 1, [i])


@case
def cond_returns_float(tf):
    x = tf.constant(0.0, name="x")
    return raises(tf.while_loop, lambda x: x * 2.0, lambda x: x + 1.0, [x])


@case
def cond_returns_vector_bool(tf):
    x = tf.constant([0.0, 1.0], name="x")
    return raises(tf.while_loop, lambda x: x < 5.0, lambda x: x + 1.0, [x])


@case
def cond_not_callable(tf):
    i = tf.constant(0, name="i")
    return raises(tf.while_loop, i < 3, lambda i: i + 1, [i])


@case
def body_not_callable(tf):
    i = tf.constant(0, name="i")
    return raises(tf.while_loop, lambda i: i < 3, i + 1, [i])


@case
def parallel_iterations_zero(tf):
    return raises(_loop, tf, parallel_iterations=0)


@case
def parallel_iterations_negative(tf):
    return raises(_loop, tf, parallel_iterations=-2)


@case
def loop_vars_empty(tf):
    return raises(tf.while_loop, lambda: True, lambda: [], [])


@case
def loop_vars_none(tf):
    return raises(tf.while_loop, lambda i: i < 3, lambda i: i + 1, None)


@case
def cond_wrong_arity(tf):
    i = tf.constant(0, name="i")
    x = tf.constant(1.0, name="x")
    return raises(tf.while_loop, lambda i: i < 3, lambda i, x: (i + 1, x), [i, x])


@case
def maximum_iterations_not_scalar(tf):
    return raises(_loop, tf, maximum_iterations=tf.constant([1, 2]))


@case
def maximum_iterations_float(tf):
    r = _loop(tf, maximum_iterations=tf.constant(2.0))
    return [static(r), run_error(tf, r)]


@case
def fetch_identity_in_loop(tf):
    _loop(tf)
    return run_error(tf, "while/Identity:0")


@case
def fetch_merge_switch_in_loop(tf):
    _loop(tf)
    return [run_error(tf, "while/Merge:0"), run_error(tf, "while/Switch:1"), run_error(tf, "while/add:0"),
            run_error(tf, "while/LoopCond:0")]


@case
def fetch_in_loop_op_as_target(tf):
    _loop(tf)
    return run_error(tf, tf.get_default_graph().get_operation_by_name("while/NextIteration"))


@case
def fetch_enter_in_loop(tf):
    _loop(tf)
    return run_error(tf, "while/Enter:0")


@case
def fetch_in_loop_with_exit(tf):
    r = _loop(tf)
    return run_error(tf, [r, "while/add:0"])


@case
def feed_in_loop_tensor(tf):
    r = _loop(tf)
    return run_error(tf, r, {"while/Identity:0": 5})


@case
def feed_in_loop_add_tensor(tf):
    r = _loop(tf)
    return run_error(tf, r, {"while/add:0": 5})


@case
def run_time_error_in_body(tf):
    x = tf.constant(1.0, name="x")
    r = tf.while_loop(lambda i, v: i < 3, lambda i, v: (i + 1, tf.debugging.check_numerics(v / 0.0, "bad")),
                      [tf.constant(0), x])
    return run_error(tf, r)


@case
def gradients_of_in_loop_tensor(tf):
    x = tf.constant(2.0, name="x")
    tf.while_loop(lambda v: v < 10.0, lambda v: v * x, [x])
    inside = tf.get_default_graph().get_tensor_by_name("while/mul:0")
    return raises_last_line(tf.gradients, inside, x)


@case
def use_in_loop_tensor_outside(tf):
    x = tf.constant(2.0, name="x")
    tf.while_loop(lambda v: v < 10.0, lambda v: v * x, [x])
    inside = tf.get_default_graph().get_tensor_by_name("while/mul:0")
    return raises_last_line(lambda: (inside + 1.0).name)
