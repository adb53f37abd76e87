"""Nested tf.cond (in one or both branches, several levels deep, inner conds on outer tensors),
conds chained on other conds' results, and tf.group/tf.tuple/tf.control_dependencies/
tf.identity/tf.no_op inside branches."""

import itertools

from tests.conformance.cases.control_cond._helpers import detail, pred, run_both
from tests.conformance.harness import case, op_summary, static


def _all_combos(tf, fetches, preds, feed=None):
    out = []
    with tf.Session() as sess:
        for combo in itertools.product([True, False], repeat=len(preds)):
            out.append([list(combo), sess.run(fetches, {**(feed or {}), **dict(zip(preds, combo))})])
    return out


@case
def nested_in_true_branch(tf):
    p, q = pred(tf), pred(tf, "q")
    x = tf.constant(3.0, name="x")
    r = tf.cond(p, lambda: tf.cond(q, lambda: x * 2.0, lambda: x + 1.0), lambda: -x)
    return [r.name, detail(tf), _all_combos(tf, r, [p, q])]


@case
def nested_in_false_branch(tf):
    p, q = pred(tf), pred(tf, "q")
    x = tf.constant(3.0, name="x")
    r = tf.cond(p, lambda: -x, lambda: tf.cond(q, lambda: x * 2.0, lambda: x + 1.0))
    return [r.name, detail(tf), _all_combos(tf, r, [p, q])]


@case
def nested_in_both_branches(tf):
    p, q = pred(tf), pred(tf, "q")
    x = tf.constant(3.0, name="x")
    r = tf.cond(p, lambda: tf.cond(q, lambda: x * 2.0, lambda: x + 1.0),
                lambda: tf.cond(q, lambda: x * 5.0, lambda: x - 1.0))
    return [r.name, op_summary(tf.get_default_graph()), _all_combos(tf, r, [p, q])]


@case
def nested_same_pred(tf):
    p = pred(tf)
    x = tf.constant(3.0, name="x")
    r = tf.cond(p, lambda: tf.cond(p, lambda: x * 2.0, lambda: x + 1.0), lambda: -x)
    return [detail(tf), run_both(tf, r, p)]


@case
def nested_inner_pred_computed_in_branch(tf):
    p = pred(tf)
    x = tf.placeholder(tf.float32, [], name="x")

    def t():
        y = x * 2.0
        return tf.cond(y > 5.0, lambda: y - 5.0, lambda: y)

    r = tf.cond(p, t, lambda: x)
    feeds = [{p: True, x: 4.0}, {p: True, x: 1.0}, {p: False, x: 4.0}]
    with tf.Session() as sess:
        got = [sess.run(r, f) for f in feeds]
    return [detail(tf), got]


@case
def nested_three_levels(tf):
    p, q, s = pred(tf), pred(tf, "q"), pred(tf, "s")
    x = tf.constant(2.0, name="x")
    r = tf.cond(p, lambda: tf.cond(q, lambda: tf.cond(s, lambda: x * 10.0, lambda: x * 20.0), lambda: x),
                lambda: x + 100.0)
    return [r.name, op_summary(tf.get_default_graph()), _all_combos(tf, r, [p, q, s])]


@case
def nested_inner_tuple(tf):
    p, q = pred(tf), pred(tf, "q")
    x = tf.constant(3.0, name="x")
    out = tf.cond(p, lambda: tf.cond(q, lambda: (x, x * 2.0), lambda: (x * 3.0, x * 4.0)),
                  lambda: (x - 1.0, x - 2.0))
    return [[t.name for t in out], _all_combos(tf, list(out), [p, q])]


@case
def cond_on_other_cond_result(tf):
    p, q = pred(tf), pred(tf, "q")
    x = tf.constant(3.0, name="x")
    a = tf.cond(p, lambda: x * 2.0, lambda: x)
    b = tf.cond(q, lambda: a + 1.0, lambda: a - 1.0)
    return [b.name, detail(tf), _all_combos(tf, [a, b], [p, q])]


@case
def cond_pred_from_other_cond(tf):
    p = pred(tf)
    x = tf.constant(3.0, name="x")
    flag = tf.cond(p, lambda: tf.constant(False), lambda: tf.constant(True))
    r = tf.cond(flag, lambda: x * 10.0, lambda: x)
    return [r.name, op_summary(tf.get_default_graph()), run_both(tf, [flag, r], p)]


@case
def inner_tensor_used_outside_cond(tf):
    p = pred(tf)
    box = {}

    def t():
        box["y"] = tf.constant(2.0) * 3.0
        return box["y"]

    tf.cond(p, t, lambda: tf.constant(1.0))
    z = box["y"] * 2.0
    with tf.Session() as sess:
        got = sess.run(z, {p: True})
    return [z.name, detail(tf)[-2:], got]


@case
def group_in_branch(tf):
    p = pred(tf)
    v = tf.Variable(0.0, name="v")
    w = tf.Variable(0.0, name="w")

    def t():
        with tf.control_dependencies([tf.group(tf.assign_add(v, 1.0), tf.assign_add(w, 2.0), name="upd")]):
            return tf.constant(1.0)

    r = tf.cond(p, t, lambda: tf.constant(0.0))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        got = [sess.run(r, {p: True}), sess.run(r, {p: False}), sess.run(r, {p: True}), sess.run([v, w])]
    return [op_summary(tf.get_default_graph()), got]


@case
def tuple_in_branch(tf):
    p = pred(tf)
    x = tf.constant(2.0, name="x")

    def t():
        a, b = tf.tuple([x * 2.0, x * 3.0])
        return a + b

    r = tf.cond(p, t, lambda: x)
    return [detail(tf), run_both(tf, r, p)]


@case
def identity_in_branches(tf):
    p = pred(tf)
    x = tf.constant(2.0, name="x")
    r = tf.cond(p, lambda: tf.identity(x), lambda: tf.identity(x, name="fid"))
    return [detail(tf), run_both(tf, r, p)]


@case
def no_op_in_branch(tf):
    p = pred(tf)
    x = tf.constant(2.0, name="x")

    def t():
        n = tf.no_op(name="n")
        with tf.control_dependencies([n]):
            return tf.identity(x)

    r = tf.cond(p, t, lambda: x + 1.0)
    return [detail(tf), run_both(tf, r, p)]


@case
def control_dependencies_inner_in_branch(tf):
    p = pred(tf)
    v = tf.Variable(1.0, name="v")

    def t():
        upd = tf.assign(v, 10.0)
        with tf.control_dependencies([upd]):
            return tf.identity(v.read_value())

    r = tf.cond(p, t, lambda: tf.constant(-1.0))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        got = [sess.run(r, {p: False}), sess.run(v), sess.run(r, {p: True}), sess.run(v)]
    return [detail(tf)[8:], got]


@case
def control_dependencies_external_in_branch(tf):
    p = pred(tf)
    a = tf.no_op(name="a")
    x = tf.constant(1.0, name="x")

    def t():
        with tf.control_dependencies([a]):
            return tf.constant(2.0, name="c") + tf.identity(x)

    tf.cond(p, t, lambda: tf.constant(1.0))
    return detail(tf)


@case
def control_dependencies_on_external_tensor_in_branch(tf):
    p = pred(tf)
    x = tf.constant(1.0, name="x")
    y = tf.constant(5.0, name="y")

    def t():
        with tf.control_dependencies([y]):
            return x * 2.0

    tf.cond(p, t, lambda: x)
    return detail(tf)


@case
def op_with_inner_control_input(tf):
    p = pred(tf)
    x = tf.constant(1.0, name="x")

    def t():
        a = x * 2.0
        with tf.control_dependencies([a]):
            b = tf.constant(3.0, name="b")
        return a + b

    r = tf.cond(p, t, lambda: x)
    return [detail(tf), run_both(tf, r, p)]


@case
def cond_inside_control_dependencies_of_cond(tf):
    p = pred(tf)
    x = tf.constant(1.0, name="x")
    a = tf.cond(p, lambda: x * 2.0, lambda: x)
    with tf.control_dependencies([a]):
        b = tf.cond(p, lambda: tf.constant(5.0), lambda: tf.constant(6.0))
    return [detail(tf)[-8:], run_both(tf, b, p)]


@case
def cond_results_combined(tf):
    p = pred(tf)
    x = tf.placeholder(tf.float32, [None], name="x")
    a = tf.cond(p, lambda: x * 2.0, lambda: x)
    b = tf.cond(tf.logical_not(p), lambda: x * 3.0, lambda: x)
    r = a + b
    return [static([a, b, r]), run_both(tf, r, p, {x: [1.0, 2.0]})]
