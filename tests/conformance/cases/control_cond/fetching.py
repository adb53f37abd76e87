"""Fetching and feeding around tf.cond: tensors and ops built inside a branch (and the cond's
own Switch/pivot ops) cannot be fetched, but can be fed; tensors downstream of the untaken
branch have no value; the Merge output can be fed."""

from tests.conformance.cases.control_cond._helpers import pred
from tests.conformance.harness import case, run_error


def _c(tf, v):
    return lambda: tf.constant(v)


@case
def values_feed_merge_output(tf):
    p = pred(tf)
    r = tf.cond(p, lambda: tf.constant(1.0), lambda: tf.constant(2.0))
    y = r * 2.0
    with tf.Session() as sess:
        return [sess.run(y, {r: 10.0}), sess.run(y, {p: True})]


@case
def values_feed_tensor_inside_branch(tf):
    p = pred(tf)
    box = {}

    def t():
        box["y"] = tf.constant(2.0) * 3.0
        return box["y"] + 1.0

    r = tf.cond(p, t, lambda: tf.constant(1.0))
    with tf.Session() as sess:
        return [sess.run(r, {p: True, box["y"]: 10.0}), sess.run(r, {p: False, box["y"]: 10.0})]


@case
def values_fetch_downstream_of_untaken_branch(tf):
    p = pred(tf)
    box = {}

    def t():
        box["y"] = tf.constant(2.0) * 3.0
        return box["y"]

    tf.cond(p, t, lambda: tf.constant(1.0))
    z = box["y"] * 2.0
    return [run_error(tf, z, {p: True}), run_error(tf, z, {p: False})]


@case
def error_fetch_tensor_inside_branch(tf):
    p = pred(tf)
    box = {}

    def t():
        box["y"] = tf.constant(2.0) * 3.0
        return box["y"]

    tf.cond(p, t, _c(tf, 1.0))
    return run_error(tf, box["y"], {p: True})


@case
def error_fetch_op_inside_branch(tf):
    p = pred(tf)
    box = {}

    def t():
        box["op"] = tf.no_op(name="n")
        return tf.constant(1.0)

    tf.cond(p, t, _c(tf, 2.0))
    return run_error(tf, box["op"], {p: True})


@case
def error_fetch_cond_internals(tf):
    p = pred(tf)
    x = tf.constant(3.0, name="x")
    tf.cond(p, lambda: x * 2.0, lambda: x)
    g = tf.get_default_graph()
    names = ["cond/Switch:1", "cond/switch_t:0", "cond/switch_f:0", "cond/pred_id:0", "cond/mul/Switch:1",
             "cond/Switch_1:0", "cond/Merge:1"]
    return [[n, run_error(tf, g.get_tensor_by_name(n), {p: True})] for n in names]


@case
def error_fetch_inside_branch_in_list(tf):
    p = pred(tf)
    box = {}

    def t():
        box["y"] = tf.constant(2.0) + 1.0
        return box["y"]

    r = tf.cond(p, t, _c(tf, 1.0))
    return run_error(tf, [r, box["y"]], {p: True})


@case
def fetchable_flags(tf):
    p = pred(tf)
    x = tf.constant(3.0, name="x")
    tf.cond(p, lambda: x * 2.0, lambda: x)
    g = tf.get_default_graph()
    return [[op.name, g.is_fetchable(op)] for op in g.get_operations()]


@case
def feedable_flags(tf):
    p = pred(tf)
    x = tf.constant(3.0, name="x")
    tf.cond(p, lambda: x * 2.0, lambda: x)
    g = tf.get_default_graph()
    return [[t.name, g.is_feedable(t)] for op in g.get_operations() for t in op.outputs]


@case
def feed_switch_output(tf):
    p = pred(tf)
    x = tf.constant(3.0, name="x")
    r = tf.cond(p, lambda: x * 2.0, lambda: x)
    g = tf.get_default_graph()
    sw = g.get_tensor_by_name("cond/mul/Switch:1")
    with tf.Session() as sess:
        return [sess.run(r, {p: True, sw: 10.0}), sess.run(r, {p: False, sw: 10.0})]
