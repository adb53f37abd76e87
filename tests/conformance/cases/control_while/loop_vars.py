"""tf.while_loop loop variables and options: structures (single tensor, list, tuple, dict,
namedtuple, nested), ``return_same_structure``, shape invariants and the static shapes of the
results, ``maximum_iterations``, ``back_prop``, ``parallel_iterations`` and ``swap_memory``."""

import collections

import numpy as np

from tests.conformance.cases.control_while._helpers import detail, first_line, loop_ops, names, run
from tests.conformance.harness import case, shape_of, static

Pair = collections.namedtuple("Pair", ["count", "total"])


def _count(tf, n=3):
    return tf.constant(0, name="i"), lambda i: i < n


@case
def single_tensor_loop_var(tf):
    i, cond = _count(tf)
    return first_line(tf.while_loop, cond, lambda i: i + 1, i)


@case
def list_of_one_loop_var(tf):
    i, cond = _count(tf)
    r = tf.while_loop(cond, lambda i: [i + 1], [i])
    return [type(r).__name__, names(r), run(tf, r)]


@case
def list_of_one_same_structure(tf):
    i, cond = _count(tf)
    r = tf.while_loop(cond, lambda i: [i + 1], [i], return_same_structure=True)
    return [type(r).__name__, names(r), run(tf, r)]


@case
def tuple_of_one_same_structure(tf):
    i, cond = _count(tf)
    r = tf.while_loop(cond, lambda i: (i + 1,), (i,), return_same_structure=True)
    return [type(r).__name__, names(r), run(tf, r)]


@case
def python_number_not_in_list(tf):
    return [first_line(tf.while_loop, lambda i: i < 3, lambda i: i + 1, 0),
            first_line(tf.while_loop, lambda i: i < 3, lambda i: i + 1, 1)]


@case
def tuple_loop_vars(tf):
    i = tf.constant(0, name="i")
    x = tf.constant(1.0, name="x")
    r = tf.while_loop(lambda i, x: i < 4, lambda i, x: (i + 1, x * 3.0), (i, x))
    return [type(r).__name__, names(r), run(tf, list(r))]


@case
def list_loop_vars_body_returns_tuple(tf):
    i = tf.constant(0, name="i")
    x = tf.constant(1.0, name="x")
    r = tf.while_loop(lambda i, x: i < 4, lambda i, x: (i + 1, x * 3.0), [i, x])
    return [type(r).__name__, names(r), run(tf, list(r))]


@case
def dict_loop_vars(tf):
    lv = {"i": tf.constant(0, name="i"), "acc": tf.constant(0.0, name="acc")}
    r = tf.while_loop(lambda d: d["i"] < 5,
                      lambda d: [{"i": d["i"] + 1, "acc": d["acc"] + tf.cast(d["i"], tf.float32)}], [lv])
    return [type(r).__name__, type(r[0]).__name__, sorted(r[0]), names(r), run(tf, r)]


@case
def dict_loop_vars_exit_order(tf):
    lv = {"b": tf.constant(1.0, name="b"), "a": tf.constant(0, name="a")}
    r = tf.while_loop(lambda d: d["a"] < 2, lambda d: [{"a": d["a"] + 1, "b": d["b"] * 2.0}], [lv])
    return [names(r), loop_ops(tf)]


@case
def namedtuple_loop_vars(tf):
    p = Pair(tf.constant(0, name="c"), tf.constant(0, name="t"))
    r = tf.while_loop(lambda p: p.count < 4, lambda p: [Pair(p.count + 1, p.total + p.count)], [p])
    return [type(r).__name__, type(r[0]).__name__, r[0]._fields, names(r), run(tf, list(r[0]))]


@case
def namedtuple_as_args(tf):
    p = Pair(tf.constant(0, name="c"), tf.constant(0, name="t"))
    r = tf.while_loop(lambda c, t: c < 4, lambda c, t: Pair(c + 1, t + c), p)
    return [type(r).__name__, names(r), run(tf, list(r))]


@case
def nested_loop_vars(tf):
    i = tf.constant(0, name="i")
    a = tf.constant(1.0, name="a")
    b = tf.constant([1, 1], name="b")
    r = tf.while_loop(lambda i, ab: i < 3, lambda i, ab: (i + 1, (ab[0] * 2.0, ab[1] + i)), (i, (a, b)))
    return [names(r), static([r[0], r[1][0], r[1][1]]), run(tf, r)]


@case
def three_loop_vars_exits(tf):
    vs = [tf.constant(k, name=f"v{k}") for k in range(3)]
    r = tf.while_loop(lambda a, b, c: a < 2, lambda a, b, c: (a + 1, b * 2, c + b), vs)
    return [names(r), [op.name for op in tf.get_default_graph().get_operations() if op.type in ("Exit", "Enter")]]


@case
def second_loop_var_unused(tf):
    i = tf.constant(0, name="i")
    x = tf.constant(5.0, name="x")
    r = tf.while_loop(lambda i, x: i < 3, lambda i, x: (i + 1, x), [i, x])
    return [names(r), run(tf, r)]


@case
def int64_and_float64_loop_vars(tf):
    i = tf.constant(0, tf.int64, name="i")
    x = tf.constant(1.0, tf.float64, name="x")
    r = tf.while_loop(lambda i, x: i < 3, lambda i, x: (i + 1, x / 2.0), [i, x])
    return [static(r), run(tf, r)]


@case
def bool_loop_var(tf):
    i = tf.constant(0, name="i")
    b = tf.constant(True, name="b")
    r = tf.while_loop(lambda i, b: i < 3, lambda i, b: (i + 1, tf.logical_not(b)), [i, b])
    return [static(r), run(tf, r)]


@case
def static_shape_kept(tf):
    i = tf.constant(0, name="i")
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]], name="x")
    r = tf.while_loop(lambda i, x: i < 2, lambda i, x: (i + 1, tf.matmul(x, x)), [i, x])
    g = tf.get_default_graph()
    return [static(r), shape_of(g.get_tensor_by_name("while/Merge_1:0")),
            shape_of(g.get_tensor_by_name("while/Identity_1:0"))]


@case
def placeholder_shape_kept(tf):
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    r = tf.while_loop(lambda x: tf.reduce_sum(x) < 10.0, lambda x: x + 1.0, [x])
    return [static(r), shape_of(tf.get_default_graph().get_tensor_by_name("while/Merge:0"))]


@case
def shape_invariant_unknown_dim(tf):
    i = tf.constant(0, name="i")
    x = tf.constant([1.0, 2.0], name="x")
    r = tf.while_loop(lambda i, x: i < 2, lambda i, x: (i + 1, x * 2.0), [i, x],
                      shape_invariants=[i.get_shape(), tf.TensorShape([None])])
    g = tf.get_default_graph()
    return [static(r), shape_of(g.get_tensor_by_name("while/Merge_1:0")),
            shape_of(g.get_tensor_by_name("while/Enter_1:0")), run(tf, r)]


@case
def shape_invariant_growing_tensor(tf):
    i = tf.constant(0, name="i")
    x = tf.constant([1], name="x")
    r = tf.while_loop(lambda i, x: i < 3, lambda i, x: (i + 1, tf.concat([x, x * 2], 0)), [i, x],
                      shape_invariants=[tf.TensorShape([]), tf.TensorShape([None])])
    return [static(r), run(tf, r)]


@case
def shape_invariant_unknown_rank(tf):
    i = tf.constant(0, name="i")
    x = tf.constant([[1.0]], name="x")
    r = tf.while_loop(lambda i, x: i < 2, lambda i, x: (i + 1, tf.expand_dims(x, 0)), [i, x],
                      shape_invariants=[tf.TensorShape([]), tf.TensorShape(None)])
    return [static(r), shape_of(tf.get_default_graph().get_tensor_by_name("while/Identity_1:0")),
            run(tf, r[1]).shape]


@case
def shape_invariant_partial(tf):
    i = tf.constant(0, name="i")
    x = tf.zeros([1, 2], name="x")
    r = tf.while_loop(lambda i, x: i < 3, lambda i, x: (i + 1, tf.concat([x, x + 1.0], 0)), [i, x],
                      shape_invariants=[tf.TensorShape([]), tf.TensorShape([None, 2])])
    return [static(r), run(tf, r[1]).shape]


@case
def shape_invariant_dict(tf):
    lv = {"i": tf.constant(0, name="i"), "x": tf.constant([0], name="x")}
    r = tf.while_loop(lambda d: d["i"] < 3, lambda d: [{"i": d["i"] + 1, "x": tf.concat([d["x"], [d["i"]]], 0)}],
                      [lv], shape_invariants=[{"i": tf.TensorShape([]), "x": tf.TensorShape([None])}])
    return [static([r[0]["i"], r[0]["x"]]), run(tf, r)]


@case
def shape_invariant_list_of_one(tf):
    x = tf.constant([1.0], name="x")
    r = tf.while_loop(lambda x: tf.size(x) < 4, lambda x: tf.concat([x, x], 0), [x],
                      shape_invariants=[tf.TensorShape([None])])
    return [static(r), run(tf, r)]


@case
def shape_invariant_more_specific_placeholder(tf):
    x = tf.placeholder(tf.float32, [None], name="x")
    r = tf.while_loop(lambda x: tf.reduce_sum(x) < 10.0, lambda x: x + 1.0, [x],
                      shape_invariants=[tf.TensorShape(None)])
    return [static(r), run(tf, r, {x: [1.0, 2.0]})]


@case
def maximum_iterations_ops(tf):
    i = tf.constant(0, name="i")
    r = tf.while_loop(lambda i: i < 10, lambda i: i + 1, [i], maximum_iterations=4)
    return [static(r), detail(tf), run(tf, r)]


@case
def maximum_iterations_named(tf):
    i = tf.constant(0, name="i")
    r = tf.while_loop(lambda i: i < 10, lambda i: i + 1, [i], maximum_iterations=4, name="capped")
    return [r.name, [op.name for op in tf.get_default_graph().get_operations()], run(tf, r)]


@case
def maximum_iterations_two_vars(tf):
    i = tf.constant(0, name="i")
    x = tf.constant(1.0, name="x")
    r = tf.while_loop(lambda i, x: x < 1000.0, lambda i, x: [i + 1, x * 2.0], [i, x], maximum_iterations=3)
    return [names(r), run(tf, r)]


@case
def maximum_iterations_body_tuple_for_list(tf):
    i = tf.constant(0, name="i")
    x = tf.constant(1.0, name="x")
    with_cap = first_line(tf.while_loop, lambda i, x: x < 1000.0, lambda i, x: (i + 1, x * 2.0), [i, x],
                          maximum_iterations=3)
    with_cap_tuple = first_line(lambda: names(tf.while_loop(lambda i, x: x < 1000.0, lambda i, x: (i + 1, x * 2.0),
                                                            (i, x), maximum_iterations=3, name="second")))
    return [with_cap, with_cap_tuple]


@case
def maximum_iterations_not_reached(tf):
    i = tf.constant(0, name="i")
    r = tf.while_loop(lambda i: i < 2, lambda i: i + 1, [i], maximum_iterations=100)
    return run(tf, r)


@case
def maximum_iterations_zero(tf):
    x = tf.constant(5.0, name="x")
    r = tf.while_loop(lambda x: x < 100.0, lambda x: x * 2.0, [x], maximum_iterations=0)
    return run(tf, r)


@case
def maximum_iterations_placeholder(tf):
    m = tf.placeholder(tf.int32, [], name="m")
    x = tf.constant(1.0, name="x")
    r = tf.while_loop(lambda x: x < 1e9, lambda x: x * 3.0, [x], maximum_iterations=m)
    with tf.Session() as sess:
        got = [sess.run(r, {m: k}) for k in (0, 1, 4)]
    return [r.name, got]


@case
def maximum_iterations_int64(tf):
    i = tf.constant(0, name="i")
    r = tf.while_loop(lambda i: i < 10, lambda i: i + 1, [i], maximum_iterations=tf.constant(2, tf.int64))
    return [names(r), run(tf, r)]


@case
def back_prop_false_graph(tf):
    i = tf.constant(0, name="i")
    r = tf.while_loop(lambda i: i < 3, lambda i: i + 1, [i], back_prop=False)
    return [r.name, detail(tf), run(tf, r)]


@case
def parallel_iterations_one(tf):
    i = tf.constant(0, name="i")
    n = tf.constant(4, name="n")
    r = tf.while_loop(lambda i: i < n, lambda i: i + 1, [i], parallel_iterations=1)
    g = tf.get_default_graph()
    attrs = [op.get_attr("parallel_iterations") for op in g.get_operations() if op.type == "Enter"]
    return [attrs, run(tf, r)]


@case
def swap_memory_accepted(tf):
    x = tf.constant(np.arange(3, dtype=np.float32), name="x")
    r = tf.while_loop(lambda i, x: i < 3, lambda i, x: (i + 1, x * 2.0), [tf.constant(0), x], swap_memory=True)
    ctx = tf.get_collection(tf.GraphKeys.WHILE_CONTEXT)[0]
    return [ctx.swap_memory, names(r), run(tf, r)]


@case
def variable_as_loop_var(tf):
    v = tf.Variable(1.0, name="v")
    r = tf.while_loop(lambda x: x < 10.0, lambda x: x * 2.0, [v])
    return [static(r), [op.name for op in tf.get_default_graph().get_operations() if op.type.endswith("Enter")],
            run(tf, r)]
