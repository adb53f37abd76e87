"""tf.gradients through tf.cond: the ops built under gradients/ (Merge_grad Switches,
Switch_grad Merges, the zeros of the untaken branch), gradient names, shapes and values for both
predicate values; nested conds, variables, stop_gradient, one-branch inputs, second order."""

from tests.conformance.cases.control_cond._helpers import detail, n_ops, pred
from tests.conformance.harness import case, op_summary, shape_of


def _grads(tf, ys, xs, p, feed=None, prefix="gradients", grad_ys=None, full=False):
    """Gradient names, the ops built under ``prefix`` (with inputs when ``full``), static shapes,
    and values with ``p`` fed True then False (None gradients left out of the run)."""
    start = n_ops(tf)
    gs = tf.gradients(ys, xs, grad_ys=grad_ys)
    if full:
        ops = detail(tf, start)
    else:
        ops = [s for s in op_summary(tf.get_default_graph()) if s[0].startswith(prefix)]
    live = [g for g in gs if g is not None]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        got = [sess.run(live, {**(feed or {}), p: b}) for b in (True, False)]
    return {"names": [None if g is None else g.name for g in gs], "ops": ops,
            "shapes": [None if g is None else shape_of(g) for g in gs], "values": got}


@case
def grad_mul_vs_add(tf):
    p = pred(tf)
    x = tf.constant(3.0, name="x")
    r = tf.cond(p, lambda: x * 2.0, lambda: x + 1.0)
    return _grads(tf, r, x, p, full=True)


@case
def grad_placeholder_input(tf):
    p = pred(tf)
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    r = tf.cond(p, lambda: tf.square(x), lambda: tf.sin(x))
    return _grads(tf, tf.reduce_sum(r), x, p, {x: [[1.0, 2.0], [0.5, -1.0]]})


@case
def grad_external_used_several_times(tf):
    p = pred(tf)
    x = tf.constant(2.0, name="x")
    r = tf.cond(p, lambda: x * x + x, lambda: x * x * x)
    return _grads(tf, r, x, p, full=True)


@case
def grad_branch_returns_input_unchanged(tf):
    p = pred(tf)
    x = tf.constant(2.0, name="x")
    r = tf.cond(p, lambda: x, lambda: x * 5.0)
    return _grads(tf, r, x, p, full=True)


@case
def grad_branch_returns_constant(tf):
    p = pred(tf)
    x = tf.constant(2.0, name="x")
    r = tf.cond(p, lambda: tf.constant(7.0), lambda: x * 3.0)
    return _grads(tf, r, x, p, full=True)


@case
def grad_two_inputs_one_per_branch(tf):
    p = pred(tf)
    x = tf.constant(2.0, name="x")
    y = tf.constant(5.0, name="y")
    r = tf.cond(p, lambda: x * 3.0, lambda: y * 4.0)
    return _grads(tf, r, [x, y], p)


@case
def grad_input_only_in_one_branch_with_other_path(tf):
    p = pred(tf)
    x = tf.constant(2.0, name="x")
    y = tf.constant(5.0, name="y")
    r = tf.cond(p, lambda: x * y, lambda: x)
    return _grads(tf, r + y, [x, y], p)


@case
def grad_wrt_pred_and_unrelated(tf):
    p = pred(tf)
    x = tf.constant(2.0, name="x")
    z = tf.constant(1.0, name="z")
    r = tf.cond(p, lambda: x * 2.0, lambda: x)
    gs = tf.gradients(r, [p, z])
    return [g if g is None else g.name for g in gs]


@case
def grad_wrt_tensor_inside_branch(tf):
    p = pred(tf)
    x = tf.constant(2.0, name="x")
    box = {}

    def t():
        box["h"] = x * 3.0
        return box["h"] * box["h"]

    r = tf.cond(p, t, lambda: x)
    gs = tf.gradients(r, box["h"])
    return [[g.name for g in gs], [s for s in op_summary(tf.get_default_graph()) if s[0].startswith("gradients")]]


@case
def grad_nested_cond(tf):
    p, q = pred(tf), pred(tf, "q")
    x = tf.constant(2.0, name="x")
    r = tf.cond(p, lambda: tf.cond(q, lambda: x * x, lambda: x * 3.0), lambda: x + 1.0)
    g = tf.gradients(r, x)
    with tf.Session() as sess:
        vals = [sess.run(g, {p: a, q: b}) for a in (True, False) for b in (True, False)]
    return [[t.name for t in g], [s for s in op_summary(tf.get_default_graph()) if s[0].startswith("gradients")],
            vals]


@case
def grad_variable_loss(tf):
    p = pred(tf)
    v = tf.get_variable("v", [2], initializer=tf.constant_initializer(3.0))
    loss = tf.cond(p, lambda: tf.reduce_sum(v * v), lambda: tf.reduce_sum(3.0 * v))
    return _grads(tf, loss, v, p)


@case
def grad_ref_variable_in_branch(tf):
    p = pred(tf)
    v = tf.Variable([1.0, 2.0], name="v")
    r = tf.cond(p, lambda: tf.reduce_sum(v * 2.0), lambda: tf.reduce_sum(v.read_value()))
    return _grads(tf, r, v, p)


@case
def grad_stop_gradient_in_branch(tf):
    p = pred(tf)
    x = tf.constant(2.0, name="x")
    r = tf.cond(p, lambda: tf.stop_gradient(x * 3.0) * x, lambda: tf.stop_gradient(x))
    return _grads(tf, r, x, p)


@case
def grad_tuple_outputs(tf):
    p = pred(tf)
    x = tf.constant(2.0, name="x")
    a, b = tf.cond(p, lambda: (x * 2.0, x * x), lambda: (x + 1.0, tf.constant(0.0)))
    return _grads(tf, [a, b], x, p, grad_ys=[tf.constant(1.0), tf.constant(10.0)])


@case
def grad_only_one_output_used(tf):
    p = pred(tf)
    x = tf.constant(2.0, name="x")
    a, _ = tf.cond(p, lambda: (x * 2.0, x * x), lambda: (x + 1.0, x * 4.0))
    return _grads(tf, a, x, p)


@case
def grad_second_order(tf):
    p = pred(tf)
    x = tf.constant(2.0, name="x")
    r = tf.cond(p, lambda: x * x * x, lambda: x * x)
    g1 = tf.gradients(r, x)[0]
    return _grads(tf, g1, x, p, prefix="gradients_1")


@case
def grad_matmul_in_branch(tf):
    p = pred(tf)
    w = tf.constant([[1.0, 2.0], [3.0, 4.0]], name="w")
    x = tf.constant([[0.5, -1.0]], name="x")
    r = tf.cond(p, lambda: tf.matmul(x, w), lambda: x * 2.0)
    return _grads(tf, tf.reduce_sum(r), [x, w], p)


@case
def grad_two_conds_same_input(tf):
    p = pred(tf)
    x = tf.constant(2.0, name="x")
    a = tf.cond(p, lambda: x * 2.0, lambda: x)
    b = tf.cond(p, lambda: a * a, lambda: a + 1.0)
    return _grads(tf, b, x, p)


@case
def grad_gradient_descent_step(tf):
    p = pred(tf)
    v = tf.get_variable("v", [], initializer=tf.constant_initializer(1.0))
    loss = tf.cond(p, lambda: v * v, lambda: -v)
    step = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        got = []
        for b in (True, False, True):
            sess.run(step, {p: b})
            got.append(sess.run(v))
    return [step.name, got]
