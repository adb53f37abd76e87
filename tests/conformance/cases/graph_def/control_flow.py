"""Control flow nodes: cond (Switch, Merge), while_loop (Enter, Merge, LoopCond, Switch,
NextIteration, Exit) with their attributes, and their gradients."""

from tests.conformance.cases.graph_def._helpers import nodes
from tests.conformance.harness import case


@case
def cond_graph(tf):
    p = tf.placeholder(tf.bool, [], name="p")
    x = tf.placeholder(tf.float32, [2], name="x")
    tf.cond(p, lambda: x * 2.0, lambda: x - 1.0)
    return nodes(tf)


@case
def cond_with_multiple_outputs(tf):
    p = tf.placeholder(tf.bool, [], name="p")
    x = tf.placeholder(tf.float32, [], name="x")
    tf.cond(p, lambda: (x, x + 1.0), lambda: (x * 3.0, tf.constant(0.0)), name="pair")
    return nodes(tf)


@case
def cond_gradients(tf):
    p = tf.placeholder(tf.bool, [], name="p")
    x = tf.placeholder(tf.float32, [2], name="x")
    y = tf.cond(p, lambda: tf.square(x), lambda: x * 3.0)
    tf.gradients(y, x)
    return nodes(tf)


@case
def case_graph(tf):
    i = tf.placeholder(tf.int32, [], name="i")
    tf.case([(tf.equal(i, 0), lambda: tf.constant(10)), (tf.equal(i, 1), lambda: tf.constant(20))],
            default=lambda: tf.constant(-1))
    return nodes(tf)


@case
def while_loop_graph(tf):
    n = tf.placeholder(tf.int32, [], name="n")
    tf.while_loop(lambda i, s: i < n, lambda i, s: (i + 1, s * 2.0), [tf.constant(0), tf.constant(1.0)])
    return nodes(tf)


@case
def while_loop_options(tf):
    x = tf.placeholder(tf.float32, [None], name="x")
    tf.while_loop(lambda i, v: i < 3, lambda i, v: (i + 1, tf.concat([v, v], 0)), [0, x],
                  shape_invariants=[tf.TensorShape([]), tf.TensorShape([None])], parallel_iterations=4,
                  back_prop=False, swap_memory=True, name="grow")
    return nodes(tf)


@case
def while_loop_gradients(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    _, y = tf.while_loop(lambda i, v: i < 3, lambda i, v: (i + 1, v * x), [0, tf.constant(1.0)])
    tf.gradients(y, x)
    return nodes(tf)


@case
def nested_cond_in_loop(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    tf.while_loop(lambda i, v: i < 4,
                  lambda i, v: (i + 1, tf.cond(tf.equal(i % 2, 0), lambda: v + x, lambda: v * x)),
                  [0, tf.constant(0.0)])
    return nodes(tf)


@case
def assert_and_group(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    check = tf.Assert(tf.reduce_all(x > 0), [x, "must be positive"], summarize=5)
    with tf.control_dependencies([check]):
        y = tf.identity(x)
    tf.group(y, check, name="all")
    tf.tuple([x, y])
    return nodes(tf)


@case
def map_fn_and_scan(tf):
    x = tf.placeholder(tf.float32, [3, 2], name="x")
    tf.map_fn(lambda r: r * 2.0, x)
    tf.scan(lambda a, r: a + r, x)
    return nodes(tf)
