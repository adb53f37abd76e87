"""``check_numerics``, ``verify_tensor_all_finite``, ``add_check_numerics_ops`` and the
gradients through ``CheckNumerics`` and ``Print``."""

import numpy as np

from tests.conformance.cases.debugging._helpers import graph_ops, run_last_line
from tests.conformance.harness import case, grad_info, raises


@case
def check_numerics_node(tf):
    x = tf.placeholder(tf.float32, [None], name="x")
    c = tf.check_numerics(x, "bad x")
    return [c.name, c.shape.as_list(), c.op.get_attr("message"), c.op.get_attr("T").name]


@case
def check_numerics_errors(tf):
    x = tf.placeholder(tf.float64, [None], name="x")
    c = tf.check_numerics(x, "bad x", name="checked")
    return [run_last_line(tf, c, {x: v}) for v in ([1.0, np.nan], [np.inf, 1.0], [-np.inf, np.nan], [1.0, 2.0])]


@case
def check_numerics_half(tf):
    x = tf.placeholder(tf.float16, [None], name="x")
    return run_last_line(tf, tf.check_numerics(x, "h"), {x: [np.inf]})


@case
def check_numerics_integer_input(tf):
    return raises(lambda: tf.check_numerics(tf.constant([1, 2]), "ints"))


@case
def verify_tensor_all_finite(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    v = tf.verify_tensor_all_finite(x, "must be finite")
    w = tf.verify_tensor_all_finite(x=x, message="again", name="vf")
    return {"names": [v.name, w.name], "shape": v.shape.as_list(), "ops": graph_ops(tf),
            "failure": run_last_line(tf, v, {x: [1.0, np.nan]})}


@case
def verify_tensor_all_finite_both_spellings(tf):
    x = tf.constant([1.0])
    return raises(lambda: tf.verify_tensor_all_finite(t=x, x=x, msg="a"))


@case
def add_check_numerics_ops_graph(tf):
    a = tf.constant([1.0, 2.0], name="a")
    b = tf.placeholder(tf.float64, name="b")
    _ = tf.constant([1, 2], name="ints")
    c = tf.square(a, name="c")
    check = tf.add_check_numerics_ops()
    ops = graph_ops(tf)
    with tf.Session() as sess:
        sess.run(check, {b: 1.0})
    return {"name": check.name, "ops": ops, "msgs": [op.get_attr("message") for op in tf.get_default_graph().
                                                      get_operations() if op.type == "CheckNumerics"],
            "failure": run_last_line(tf, [check, c], {b: np.nan})}


@case
def add_check_numerics_ops_with_cond(tf):
    p = tf.placeholder(tf.bool, name="p")
    tf.cond(p, lambda: tf.constant(1.0), lambda: tf.constant(2.0))
    return raises(tf.add_check_numerics_ops)


@case
def check_numerics_gradient(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    y = tf.check_numerics(x * 2.0, "fwd")
    info = grad_info(tf, tf.reduce_sum(y), [x], {x: [1.0, 2.0]})
    grads_ops = [op for op in tf.get_default_graph().get_operations() if op.name.startswith("gradients")]
    return [info, [[op.name, op.type] for op in grads_ops],
            [op.get_attr("message") for op in grads_ops if op.type == "CheckNumerics"]]


@case
def print_gradient(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    y = tf.Print(x * 3.0, [x, "s"])
    return grad_info(tf, tf.reduce_sum(y), [x], {x: [1.0, 2.0]})
