"""tf.gradients through tf.while_loop: values and the names of the returned gradient tensors,
w.r.t. loop inputs, loop invariants and variables read in a body; many iterations, nested loops,
conds in a body, ``tf.stop_gradient``, ``back_prop=False`` and unused or unconnected loop vars."""

import numpy as np

from tests.conformance.cases.control_while._helpers import grad_info, names, run
from tests.conformance.harness import case, raises


def _pow_loop(tf, x, times=5):
    """x squared ``times`` times."""
    return tf.while_loop(lambda i, v: i < times, lambda i, v: (i + 1, v * v), [tf.constant(0), x])[1]


@case
def grad_square_five_times(tf):
    x = tf.constant(1.02, name="x")
    y = _pow_loop(tf, x)
    return [y.name, grad_info(tf, y, x)]


@case
def grad_square_five_times_vector(tf):
    x = tf.constant([0.9, 1.0, 1.03], name="x")
    y = tf.reduce_sum(_pow_loop(tf, x))
    return grad_info(tf, y, x)


@case
def grad_simple_doubling(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    r = tf.while_loop(lambda i, v: i < 4, lambda i, v: (i + 1, v * 2.0), [tf.constant(0), x])
    return grad_info(tf, r[1], x, {x: 3.0})


@case
def grad_loop_invariant_weight(tf):
    x = tf.constant(1.0, name="x")
    w = tf.constant(1.5, name="w")
    r = tf.while_loop(lambda i, v: i < 3, lambda i, v: (i + 1, v * w), [tf.constant(0), x])
    return grad_info(tf, r[1], [x, w])


@case
def grad_invariant_added(tf):
    b = tf.constant([1.0, 2.0], name="b")
    r = tf.while_loop(lambda i, v: i < 6, lambda i, v: (i + 1, v + b * b), [tf.constant(0), tf.zeros([2])])
    return grad_info(tf, tf.reduce_sum(r[1]), b)


@case
def grad_matrix_weight_twenty_times(tf):
    w = tf.Variable(np.array([[0.9, 0.1, 0.0], [0.0, 0.8, 0.2], [0.1, 0.0, 0.95]], np.float32), name="W")
    x = tf.constant(np.array([[1.0], [2.0], [-1.0]], np.float32), name="x")
    r = tf.while_loop(lambda i, v: i < 20, lambda i, v: (i + 1, tf.matmul(w, v)), [tf.constant(0), x])
    return grad_info(tf, tf.reduce_sum(r[1]), [w, x])


@case
def grad_variable_in_body(tf):
    v = tf.Variable(1.1, name="v")
    x = tf.constant(2.0, name="x")
    r = tf.while_loop(lambda i, a: i < 4, lambda i, a: (i + 1, a * v + 1.0), [tf.constant(0), x])
    return grad_info(tf, r[1], [v, x])


@case
def grad_get_variable_in_body(tf):
    def body(i, a):
        w = tf.get_variable("w", [2], initializer=tf.constant_initializer([0.5, 2.0]))
        return i + 1, a * w

    r = tf.while_loop(lambda i, a: i < 3, body, [tf.constant(0), tf.constant([1.0, 1.0], name="a")])
    w = tf.global_variables()[0]
    return grad_info(tf, tf.reduce_sum(r[1]), [w])


@case
def grad_two_loop_outputs(tf):
    x = tf.constant(2.0, name="x")
    y = tf.constant(3.0, name="y")
    r = tf.while_loop(lambda i, a, b: i < 3, lambda i, a, b: (i + 1, a * b, b + 1.0), [tf.constant(0), x, y])
    return [grad_info(tf, r[1], [x, y]), grad_info(tf, [r[1], r[2]], [x, y])]


@case
def grad_second_loop_var_unused(tf):
    x = tf.constant(2.0, name="x")
    y = tf.constant(3.0, name="y")
    r = tf.while_loop(lambda i, a, b: i < 3, lambda i, a, b: (i + 1, a * 2.0, b), [tf.constant(0), x, y])
    return [grad_info(tf, r[1], [x, y]), grad_info(tf, r[2], [x, y])]


@case
def grad_wrt_tensor_only_in_cond(tf):
    x = tf.constant(2.0, name="x")
    lim = tf.constant(50.0, name="lim")
    r = tf.while_loop(lambda v: v < lim, lambda v: v * 3.0, [x])
    return grad_info(tf, r, [x, lim])


@case
def grad_with_count_placeholder(tf):
    n = tf.placeholder(tf.int32, [], name="n")
    x = tf.constant(1.5, name="x")
    r = tf.while_loop(lambda i, v: i < n, lambda i, v: (i + 1, v * x), [tf.constant(0), tf.constant(1.0)])
    g = tf.gradients(r[1], x)
    with tf.Session() as sess:
        return [names(g), [sess.run(g, {n: k}) for k in (0, 1, 3)]]


@case
def grad_zero_iterations(tf):
    x = tf.constant(4.0, name="x")
    r = tf.while_loop(lambda i, v: i < 0, lambda i, v: (i + 1, v * v), [tf.constant(0), x])
    return grad_info(tf, r[1], x)


@case
def grad_with_grad_ys(tf):
    x = tf.constant([1.0, 2.0], name="x")
    r = tf.while_loop(lambda i, v: i < 2, lambda i, v: (i + 1, v * v), [tf.constant(0), x])
    return grad_info(tf, r[1], x, grad_ys=tf.constant([1.0, -1.0]))


@case
def grad_stop_gradient_in_body(tf):
    x = tf.constant(2.0, name="x")
    r = tf.while_loop(lambda i, v: i < 3, lambda i, v: (i + 1, v + tf.stop_gradient(v * v)), [tf.constant(0), x])
    return grad_info(tf, r[1], x)


@case
def grad_stop_gradient_whole_update(tf):
    x = tf.constant(2.0, name="x")
    w = tf.constant(3.0, name="w")
    r = tf.while_loop(lambda i, v: i < 3, lambda i, v: (i + 1, tf.stop_gradient(v * w)), [tf.constant(0), x])
    return grad_info(tf, r[1] * w, [x, w])


@case
def grad_back_prop_false(tf):
    x = tf.constant(2.0, name="x")
    r = tf.while_loop(lambda i, v: i < 3, lambda i, v: (i + 1, v * v), [tf.constant(0), x], back_prop=False)
    return raises(lambda: names(tf.gradients(r[1], x)))


@case
def grad_back_prop_false_plus_direct_path(tf):
    x = tf.constant(2.0, name="x")
    r = tf.while_loop(lambda i, v: i < 3, lambda i, v: (i + 1, v * v), [tf.constant(0), x], back_prop=False)
    return raises(lambda: grad_info(tf, r[1] + x * 5.0, x))


@case
def grad_nested_loops(tf):
    x = tf.constant(1.1, name="x")

    def body(i, v):
        return i + 1, tf.while_loop(lambda k, u: k < 2, lambda k, u: (k + 1, u * x), [tf.constant(0), v])[1]

    r = tf.while_loop(lambda i, v: i < 3, body, [tf.constant(0), tf.constant(1.0)])
    return grad_info(tf, r[1], x)


@case
def grad_nested_loops_loop_var(tf):
    x = tf.constant(1.1, name="x")

    def body(i, v):
        return i + 1, tf.while_loop(lambda k, u: k < 2, lambda k, u: (k + 1, u * u), [tf.constant(0), v])[1]

    r = tf.while_loop(lambda i, v: i < 2, body, [tf.constant(0), x])
    return grad_info(tf, r[1], x)


@case
def grad_cond_in_body(tf):
    x = tf.constant(1.5, name="x")

    def body(i, v):
        return i + 1, tf.cond(tf.equal(i % 2, 0), lambda: v * v, lambda: v + 1.0)

    r = tf.while_loop(lambda i, v: i < 4, body, [tf.constant(0), x])
    return grad_info(tf, r[1], x)


@case
def grad_loop_in_cond(tf):
    p = tf.placeholder(tf.bool, [], name="p")
    x = tf.constant(1.5, name="x")
    r = tf.cond(p, lambda: tf.while_loop(lambda v: v < 10.0, lambda v: v * x, [x]), lambda: x * x)
    g = tf.gradients(r, x)
    with tf.Session() as sess:
        return [names(g), sess.run(g, {p: True}), sess.run(g, {p: False})]


@case
def grad_maximum_iterations(tf):
    x = tf.constant(1.2, name="x")
    r = tf.while_loop(lambda v: v < 1e6, lambda v: v * x, [x], maximum_iterations=3)
    return grad_info(tf, r, x)


@case
def grad_data_dependent_trip_count(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    r = tf.while_loop(lambda v: v < 100.0, lambda v: v * 2.0 + 1.0, [x])
    g = tf.gradients(r, x)
    with tf.Session() as sess:
        return [names(g), [sess.run([r, g[0]], {x: v}) for v in (1.0, 30.0, 200.0)]]


@case
def grad_nonlinear_ops_in_body(tf):
    x = tf.constant([0.3, -0.2], name="x")
    r = tf.while_loop(lambda i, v: i < 5, lambda i, v: (i + 1, tf.tanh(v) + tf.sin(v) * 0.5),
                      [tf.constant(0), x])
    return grad_info(tf, tf.reduce_sum(r[1]), x)


@case
def grad_two_gradients_calls(tf):
    x = tf.constant(1.5, name="x")
    r = tf.while_loop(lambda i, v: i < 3, lambda i, v: (i + 1, v * x), [tf.constant(0), x])
    g1 = tf.gradients(r[1], x)
    g2 = tf.gradients(r[1] * 2.0, x)
    return [names(g1), names(g2), run(tf, g1 + g2)]


@case
def grad_second_order(tf):
    x = tf.constant(1.5, name="x")
    r = tf.while_loop(lambda i, v: i < 3, lambda i, v: (i + 1, v * x), [tf.constant(0), tf.constant(1.0)])
    g = tf.gradients(r[1], x)[0]
    return raises(lambda: grad_info(tf, g, x))


@case
def grad_of_int_loop_var(tf):
    x = tf.constant(2.0, name="x")
    r = tf.while_loop(lambda i, v: i < 3, lambda i, v: (i + 1, v * 2.0), [tf.constant(0, name="i0"), x])
    return raises(lambda: names(tf.gradients(r[0], [x])))


@case
def grad_matmul_loop_placeholder(tf):
    w = tf.Variable(np.array([[0.5, -0.25], [0.25, 0.5]], np.float32), name="w")
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    r = tf.while_loop(lambda i, h: i < 4, lambda i, h: (i + 1, tf.tanh(tf.matmul(h, w))), [tf.constant(0), x])
    loss = tf.reduce_mean(tf.square(r[1]))
    return grad_info(tf, loss, [w, x], {x: np.array([[1.0, 2.0], [-1.0, 0.5], [0.0, 3.0]], np.float32)})
