"""Conformance cases for the ``tf.gradients`` driver: names, aggregation, seeds, options, errors.

Per-op gradient values live with each op area (``math_grads``, ``array_grads``, ``nn_*``).
"""

import numpy as np

from tests.conformance.harness import case, op_summary, raises


def _names(grads):
    return [None if g is None else g.name for g in grads]


def _run(tf, fetches, feed=None):
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(fetches, feed)


def _grad_ops(tf, prefix="gradients"):
    return [s for s in op_summary(tf.get_default_graph()) if s[0].startswith(prefix)]


@case
def seed_and_aggregation_ops(tf):
    v = tf.Variable(2.0, name="v")
    z = v * v + v
    g = tf.gradients(z, v)
    return [_names(g), _grad_ops(tf), _run(tf, g)]


@case
def second_call_scope(tf):
    x = tf.constant(3.0, name="x")
    y = x * x
    return [_names(tf.gradients(y, x)), _names(tf.gradients(y, x)), _names(tf.gradients(y, x, name="mygrads"))]


@case
def several_ys_summed(tf):
    x = tf.constant(2.0, name="x")
    y1 = x * 3.0
    y2 = x * x
    g = tf.gradients([y1, y2], x)
    return [_names(g), _run(tf, g)]


@case
def same_y_twice(tf):
    x = tf.constant(2.0, name="x")
    z = x * x
    g = tf.gradients([z, z], x)
    return [_names(g), _grad_ops(tf), _run(tf, g)]


@case
def grad_ys_python_value(tf):
    x = tf.constant(2.0, name="x")
    y = x * x
    g = tf.gradients(y, x, grad_ys=3.0)
    return [_names(g), _grad_ops(tf), _run(tf, g)]


@case
def grad_ys_tensor(tf):
    x = tf.constant([1.0, 2.0], name="x")
    y = x * x
    g = tf.gradients(y, x, grad_ys=tf.constant([1.0, 10.0]))
    return [_names(g), _run(tf, g)]


@case
def grad_ys_length_mismatch_error(tf):
    x = tf.constant(2.0)
    return raises(tf.gradients, x * x, x, grad_ys=[1.0, 2.0])


@case
def grad_ys_wrong_type_error(tf):
    x = tf.constant(2.0)
    return raises(tf.gradients, x * x, x, grad_ys=tf.constant(True))


@case
def unconnected_is_none(tf):
    x = tf.constant(1.0, name="x")
    u = tf.constant(2.0, name="u")
    return _names(tf.gradients(x * 2.0, [x, u]))


@case
def unconnected_zero(tf):
    x = tf.constant(1.0, name="x")
    u = tf.constant([2.0, 3.0], name="u")
    g = tf.gradients(x * 2.0, [x, u], unconnected_gradients="zero")
    return [_names(g), _run(tf, g)]


@case
def unconnected_bad_value_error(tf):
    x = tf.constant(1.0)
    return raises(tf.gradients, x * 2.0, x, unconnected_gradients="sometimes")


@case
def wrt_itself(tf):
    x = tf.constant([1.0, 2.0], name="x")
    g = tf.gradients(x, x)
    return [_names(g), _run(tf, g)]


@case
def wrt_variable_ref(tf):
    w = tf.get_variable("w", initializer=tf.constant([[1.0, 2.0], [3.0, 4.0]]))
    x = tf.constant([[1.0, 1.0]], name="x")
    y = tf.matmul(x, w)
    g = tf.gradients(y, [w, x])
    return [_names(g), [str(t.dtype.name) for t in g], _grad_ops(tf), _run(tf, g)]


@case
def shared_variable_two_towers(tf):
    def tower(x):
        with tf.variable_scope("tower", reuse=tf.AUTO_REUSE):
            w = tf.get_variable("w", initializer=tf.constant([[2.0], [3.0]]))
            return tf.matmul(x, w)

    a = tower(tf.constant([[1.0, 2.0]], name="a"))
    b = tower(tf.constant([[10.0, 20.0]], name="b"))
    w = tf.trainable_variables()[0]
    g = tf.gradients(a + b, w)
    return [w.name, _names(g), _grad_ops(tf), _run(tf, g)]


@case
def stop_gradients_argument(tf):
    a = tf.constant(0.0, name="a")
    b = 2.0 * a
    g = tf.gradients(a + b, [a, b], stop_gradients=[a, b])
    return [_names(g), _run(tf, g)]


@case
def stop_gradients_intermediate(tf):
    x = tf.constant(3.0, name="x")
    h = x * x
    y = h * x
    g = tf.gradients(y, x, stop_gradients=[h])
    return [_names(g), _run(tf, g)]


@case
def integer_input_gives_none(tf):
    i = tf.constant(3, name="i")
    f = tf.cast(i, tf.float32) * 2.0
    return _names(tf.gradients(f, i))


@case
def gate_gradients_tuple_names(tf):
    v = tf.Variable(2.0, name="v")
    z = v * v + v
    g = tf.gradients(z, v, gate_gradients=True)
    return [_names(g), _grad_ops(tf), _run(tf, g)]


@case
def aggregation_tree(tf):
    x = tf.constant(2.0, name="x")
    y = x * x + x * 3.0 + x
    g = tf.gradients(y, x, aggregation_method=tf.AggregationMethod.EXPERIMENTAL_TREE)
    return [_names(g), _grad_ops(tf), _run(tf, g)]


@case
def aggregation_invalid_error(tf):
    x = tf.constant(2.0)
    return raises(tf.gradients, x * x, x, aggregation_method=7)


@case
def broadcast_add_bias(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    b = tf.constant([1.0, 2.0, 3.0], name="b")
    y = x + b
    g = tf.gradients(y, [x, b])
    feed = {x: np.ones((4, 3), np.float32)}
    return [_names(g), [t.shape.as_list() for t in g], _grad_ops(tf), _run(tf, g, feed)]


@case
def broadcast_mul_unknown_dims(tf):
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    y = tf.placeholder(tf.float32, [None, 1], name="y")
    z = x * y
    g = tf.gradients(z, [x, y])
    feed = {x: np.arange(6, dtype=np.float32).reshape(3, 2), y: np.array([[1.0], [2.0], [3.0]], np.float32)}
    return [_names(g), _grad_ops(tf), _run(tf, g, feed)]


@case
def broadcast_scalar_times_matrix(tf):
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]], name="x")
    s = tf.constant(3.0, name="s")
    g = tf.gradients(s * x, [s, x])
    return [_names(g), _grad_ops(tf), _run(tf, g)]


@case
def broadcast_float64_mul_equal_shapes(tf):
    x = tf.constant([1.0, 2.0], tf.float64, name="x")
    y = tf.constant([3.0, 4.0], tf.float64, name="y")
    g = tf.gradients(x * y, [x, y])
    return [_names(g), _grad_ops(tf), _run(tf, g)]


@case
def broadcast_rank_only(tf):
    x = tf.constant([1.0, 2.0, 3.0], name="x")
    y = tf.constant([[1.0, 1.0, 1.0]], name="y")
    g = tf.gradients(x + y, [x, y])
    return [_names(g), [t.shape.as_list() for t in g], _grad_ops(tf), _run(tf, g)]


@case
def no_gradient_lookup_error(tf):
    x = tf.constant([1.0, 2.0])
    with tf.get_default_graph().gradient_override_map({"Identity": "ScopeflowNoSuchGradient"}):
        y = tf.identity(x, name="y")
    return raises(tf.gradients, y, x)


@case
def not_differentiable_registered(tf):
    x = tf.constant([1.0, 2.0], name="x")
    y = tf.cast(tf.greater(x, 1.5), tf.float32) * x
    g = tf.gradients(y, x)
    return [_names(g), _run(tf, g)]


@case
def register_gradient_override(tf):
    @tf.RegisterGradient("ScopeflowConformanceDoubleGrad")
    def _double(op, grad):
        return [grad * 2.0]

    x = tf.constant(3.0, name="x")
    with tf.get_default_graph().gradient_override_map({"Identity": "ScopeflowConformanceDoubleGrad"}):
        y = tf.identity(x, name="y")
    g = tf.gradients(y, x)
    return [y.op.get_attr("_gradient_op_type").decode() if isinstance(y.op.get_attr("_gradient_op_type"), bytes)
            else y.op.get_attr("_gradient_op_type"), _names(g), _run(tf, g)]


@case
def register_gradient_twice_error(tf):
    def register():
        @tf.RegisterGradient("ScopeflowConformanceTwice")
        def _a(op, grad):
            return grad

        @tf.RegisterGradient("ScopeflowConformanceTwice")
        def _b(op, grad):
            return grad

    got = raises(register)
    got["message"] = got.get("message", "").split(" (Previous registration")[0]
    return got


@case
def gradients_of_gradients(tf):
    x = tf.constant(3.0, name="x")
    y = x * x * x
    (g,) = tf.gradients(y, x)
    (gg,) = tf.gradients(g, x)
    return [g.name, gg.name, _run(tf, [g, gg])]


@case
def grad_of_variable_ys(tf):
    v = tf.Variable([1.0, 2.0], name="v")
    g = tf.gradients(v, v)
    return [_names(g), _run(tf, g)]
