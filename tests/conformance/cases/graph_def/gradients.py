"""tf.gradients graphs: math, array and broadcasting rules, aggregation, stop_gradient."""

from tests.conformance.cases.graph_def._helpers import nodes
from tests.conformance.harness import case


@case
def broadcasting_arithmetic_gradients(tf):
    x = tf.placeholder(tf.float32, [2, 3], name="x")
    y = tf.placeholder(tf.float32, [3], name="y")
    tf.gradients((x + y) * (x - y) / y, [x, y])
    return nodes(tf)


@case
def matmul_gradients(tf):
    a = tf.placeholder(tf.float32, [2, 3], name="a")
    b = tf.placeholder(tf.float32, [3, 4], name="b")
    tf.gradients(tf.matmul(a, b, transpose_b=False), [a, b])
    return nodes(tf)


@case
def reduction_gradients(tf):
    x = tf.placeholder(tf.float32, [2, 3], name="x")
    tf.gradients([tf.reduce_sum(x, 1), tf.reduce_mean(x), tf.reduce_max(x, 0), tf.reduce_prod(x, 1)], x)
    return nodes(tf)


@case
def aggregated_gradients(tf):
    x = tf.placeholder(tf.float32, [3], name="x")
    y = x * x + tf.sin(x) + tf.exp(x)
    tf.gradients(y, x)
    return nodes(tf)


@case
def array_op_gradients(tf):
    x = tf.placeholder(tf.float32, [4, 3], name="x")
    ys = [tf.reshape(x, [12]), tf.transpose(x), tf.concat([x, x], 0), x[1:3], tf.tile(x, [2, 1]),
          tf.pad(x, [[1, 0], [0, 1]]), tf.expand_dims(x, 0)]
    tf.gradients(ys, x)
    return nodes(tf)


@case
def gather_gradient_along_axis_1(tf):
    """Along axis 0 TensorFlow's gradient is an IndexedSlices, which scopeflow makes dense."""
    x = tf.placeholder(tf.float32, [4, 3], name="x")
    tf.gradients(tf.gather(x, [0, 2], axis=1), x)
    return nodes(tf)


@case
def unary_math_gradients(tf):
    x = tf.placeholder(tf.float32, [3], name="x")
    ys = [tf.tanh(x), tf.sigmoid(x), tf.sqrt(x), tf.rsqrt(x), tf.log(x), tf.reciprocal(x), tf.square(x), tf.abs(x)]
    tf.gradients(ys, x)
    return nodes(tf)


@case
def gradients_with_grad_ys_and_stop(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    y = x * tf.stop_gradient(x * 2.0)
    tf.gradients(y, x, grad_ys=tf.constant([1.0, 0.5]))
    tf.gradients(y, x, name="other")
    return nodes(tf)


@case
def cast_select_and_where_gradients(tf):
    x = tf.placeholder(tf.float32, [3], name="x")
    c = tf.placeholder(tf.bool, [3], name="c")
    y = tf.where(c, x * 2.0, tf.cast(tf.cast(x, tf.float64), tf.float32))
    tf.gradients(y, x)
    return nodes(tf)


@case
def second_order_gradients(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    g = tf.gradients(x * x * x, x)[0]
    tf.gradients(g, x)
    return nodes(tf)


@case
def gradient_override_map(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    with tf.get_default_graph().gradient_override_map({"Identity": "StopGradient"}):
        y = tf.identity(x)
    tf.gradients(y * 2.0, x)
    return nodes(tf)
