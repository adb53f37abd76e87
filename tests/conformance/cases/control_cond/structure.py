"""tf.cond graph structure: the Switch/Merge ops, their names, inputs and control inputs, names
under name_scope/variable_scope, several conds in one graph, and the op attributes."""

import numpy as np

from tests.conformance.cases.control_cond._helpers import detail, pred
from tests.conformance.harness import case, op_summary, static


@case
def cond_simple_ops(tf):
    p = pred(tf)
    x = tf.constant(3.0, name="x")
    r = tf.cond(p, lambda: x * 2.0, lambda: x + 1.0)
    return [static(r), op_summary(tf.get_default_graph())]


@case
def cond_simple_detail(tf):
    p = pred(tf)
    x = tf.constant(3.0, name="x")
    tf.cond(p, lambda: x * 2.0, lambda: x + 1.0)
    return detail(tf)


@case
def cond_merge_outputs(tf):
    p = pred(tf)
    r = tf.cond(p, lambda: tf.constant(1.0), lambda: tf.constant(2.0))
    m = r.op
    return [m.name, m.type, static(m.outputs), [t.name for t in m.inputs], r.value_index]


@case
def cond_op_attrs(tf):
    p = pred(tf)
    x = tf.constant([1, 2], name="x")
    r = tf.cond(p, lambda: x * 2, lambda: x - 1)
    g = tf.get_default_graph()
    sw = g.get_operation_by_name("cond/Switch")
    xs = g.get_operation_by_name("cond/mul/Switch")
    return [sw.get_attr("T").name, xs.get_attr("T").name, r.op.get_attr("T").name, r.op.get_attr("N"),
            xs.colocation_groups(), sw.colocation_groups()]


@case
def cond_switch_outputs(tf):
    p = pred(tf)
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    tf.cond(p, lambda: x * 2.0, lambda: x)
    g = tf.get_default_graph()
    return [static(g.get_operation_by_name(n).outputs)
            for n in ["cond/Switch", "cond/switch_t", "cond/switch_f", "cond/pred_id", "cond/mul/Switch"]]


@case
def cond_named(tf):
    p = pred(tf)
    x = tf.constant(3.0, name="x")
    r = tf.cond(p, lambda: x * 2.0, lambda: x + 1.0, name="my_cond")
    return [r.name, op_summary(tf.get_default_graph())]


@case
def cond_named_twice(tf):
    p = pred(tf)
    a = tf.cond(p, lambda: tf.constant(1.0), lambda: tf.constant(2.0), name="c")
    b = tf.cond(p, lambda: tf.constant(1.0), lambda: tf.constant(2.0), name="c")
    return [a.name, b.name, op_summary(tf.get_default_graph())]


@case
def cond_named_with_slash(tf):
    p = pred(tf)
    with tf.name_scope("outer"):
        r = tf.cond(p, lambda: tf.constant(1.0), lambda: tf.constant(2.0), name="abs/")
    return [r.name, op_summary(tf.get_default_graph())]


@case
def cond_in_name_scope(tf):
    p = pred(tf)
    x = tf.constant(3.0, name="x")
    with tf.name_scope("outer"):
        r = tf.cond(p, lambda: x * 2.0, lambda: x + 1.0)
        c = tf.constant(0.0, name="after")
    return [r.name, c.name, op_summary(tf.get_default_graph())]


@case
def cond_in_variable_scope(tf):
    p = pred(tf)
    x = tf.constant(3.0, name="x")
    with tf.variable_scope("vs"):
        r = tf.cond(p, lambda: x * 2.0, lambda: x + 1.0)
    return [r.name, op_summary(tf.get_default_graph())]


@case
def cond_name_scope_in_branch(tf):
    p = pred(tf)
    x = tf.constant(3.0, name="x")

    def true_fn():
        with tf.name_scope("inner"):
            return tf.square(x, name="sq")

    r = tf.cond(p, true_fn, lambda: tf.identity(x, name="id"))
    return [r.name, detail(tf)]


@case
def two_conds_one_graph(tf):
    p = pred(tf)
    x = tf.constant(3.0, name="x")
    a = tf.cond(p, lambda: x * 2.0, lambda: x + 1.0)
    b = tf.cond(p, lambda: x * 3.0, lambda: x - 1.0)
    return [a.name, b.name, detail(tf)]


@case
def two_conds_different_preds(tf):
    p = pred(tf)
    q = pred(tf, "q")
    x = tf.constant(3.0, name="x")
    a = tf.cond(p, lambda: x * 2.0, lambda: x)
    b = tf.cond(q, lambda: a * 3.0, lambda: a)
    return [b.name, detail(tf)]


@case
def cond_after_op_named_cond(tf):
    p = pred(tf)
    c = tf.constant(1.0, name="cond")
    r = tf.cond(p, lambda: c + 1.0, lambda: c)
    return [r.name, op_summary(tf.get_default_graph())]


@case
def branch_returns_external_tensor(tf):
    p = pred(tf)
    x = tf.constant(3.0, name="x")
    y = tf.constant(4.0, name="y")
    r = tf.cond(p, lambda: x, lambda: y)
    return [r.name, detail(tf)]


@case
def branch_returns_same_external_both(tf):
    p = pred(tf)
    x = tf.constant(3.0, name="x")
    r = tf.cond(p, lambda: x, lambda: x)
    return [r.name, detail(tf)]


@case
def branch_returns_constant(tf):
    p = pred(tf)
    r = tf.cond(p, lambda: tf.constant(1.0, name="one"), lambda: tf.constant(2.0))
    return [r.name, detail(tf)]


@case
def branch_returns_python_numbers(tf):
    p = pred(tf)
    r = tf.cond(p, lambda: 1.5, lambda: 2.5)
    return [static(r), detail(tf)]


@case
def branch_returns_numpy_array(tf):
    p = pred(tf)
    r = tf.cond(p, lambda: np.array([1, 2], np.int64), lambda: np.array([3, 4], np.int64))
    return [static(r), op_summary(tf.get_default_graph())]


@case
def branch_constant_only_subgraph(tf):
    p = pred(tf)
    tf.cond(p, lambda: tf.constant(2.0) * 3.0, lambda: tf.constant(1.0))
    return detail(tf)


@case
def branch_uses_pred(tf):
    p = pred(tf)
    r = tf.cond(p, lambda: tf.cast(p, tf.float32), lambda: tf.cast(tf.logical_not(p), tf.float32))
    return [r.name, detail(tf)]


@case
def external_used_twice_in_branch(tf):
    p = pred(tf)
    x = tf.constant(3.0, name="x")
    tf.cond(p, lambda: x * x + x, lambda: -x)
    return detail(tf)


@case
def external_used_in_both_branches(tf):
    p = pred(tf)
    x = tf.constant(3.0, name="x")
    y = tf.constant(5.0, name="y")
    tf.cond(p, lambda: x * y, lambda: y - x)
    return detail(tf)


@case
def external_placeholder_shapes(tf):
    p = pred(tf)
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    w = tf.constant([[1.0], [2.0]], name="w")
    r = tf.cond(p, lambda: tf.matmul(x, w), lambda: tf.reduce_sum(x, 1, keepdims=True))
    return [static(r), detail(tf)]


@case
def cond_under_outer_control_dependencies(tf):
    p = pred(tf)
    a = tf.no_op(name="a")
    x = tf.constant(1.0, name="x")
    with tf.control_dependencies([a]):
        tf.cond(p, lambda: x * 2.0, lambda: tf.constant(1.0))
    return detail(tf)


@case
def cond_pred_is_constant_tensor(tf):
    r = tf.cond(tf.constant(True), lambda: tf.constant(1.0), lambda: tf.constant(2.0))
    return [r.name, detail(tf)]


@case
def cond_pred_is_numpy_bool(tf):
    r = tf.cond(np.bool_(False), lambda: tf.constant(1.0), lambda: tf.constant(2.0))
    return [r.name, detail(tf)]


@case
def cond_pred_from_less(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    r = tf.cond(tf.less(x, 0.0), lambda: -x, lambda: x)
    return [r.name, detail(tf)]


@case
def cond_context_collection(tf):
    p = pred(tf)
    tf.cond(p, lambda: tf.constant(1.0), lambda: tf.constant(2.0))
    ctxts = tf.get_collection(tf.GraphKeys.COND_CONTEXT)
    return [[c.name, c.pred.name, c.pivot.name, c.branch] for c in ctxts]


@case
def cond_context_collection_nested(tf):
    p = pred(tf)
    q = pred(tf, "q")
    tf.cond(p, lambda: tf.cond(q, lambda: tf.constant(1.0), lambda: tf.constant(2.0)), lambda: tf.constant(3.0))
    return [[c.name, c.pred.name, c.pivot.name, c.branch] for c in tf.get_collection(tf.GraphKeys.COND_CONTEXT)]


@case
def cond_graph_def_nodes(tf):
    p = pred(tf)
    x = tf.constant(3.0, name="x")
    tf.cond(p, lambda: x * 2.0, lambda: x)
    gd = tf.get_default_graph().as_graph_def()
    return [[n.name, n.op, list(n.input)] for n in gd.node]
