"""py_funcs in conds, loops and ``tf.data`` maps; gradients; GraphDefs and imports."""

import numpy as np

from tests.conformance.cases.py_func._helpers import attrs, no_token, run_err
from tests.conformance.harness import case, op_summary, shape_of


@case
def in_cond_branches(tf):
    p = tf.placeholder(tf.bool, [])
    x = tf.constant(2.0)
    calls = []

    def branch(tag, factor):
        def f(v):
            calls.append(tag)
            return v * np.float32(factor)
        return lambda: tf.py_func(f, [x], tf.float32)

    y = tf.cond(p, branch("true", 10), branch("false", 100))
    with tf.Session() as sess:
        got = [float(sess.run(y, {p: True})), float(sess.run(y, {p: False}))]
    return [got, calls, op_summary(tf.get_default_graph()), shape_of(y)]


@case
def in_while_loop(tf):
    seen = []

    def step(i, acc):
        seen.append(int(i))
        return acc + np.int64(i)

    def body(i, acc):
        acc2 = tf.py_func(step, [i, acc], tf.int64)
        acc2.set_shape([])
        return i + 1, acc2

    _, total = tf.while_loop(lambda i, acc: i < 4, body, [tf.constant(0), tf.constant(0, tf.int64)])
    with tf.Session() as sess:
        return [int(sess.run(total)), seen, [n for n, t in op_summary(tf.get_default_graph()) if "PyFunc" in t]]


@case
def in_dataset_map(tf):
    ds = tf.data.Dataset.range(4).map(lambda x: tf.py_func(lambda v: v * 10, [x], tf.int64))
    nxt = tf.data.make_one_shot_iterator(ds).get_next()
    with tf.Session() as sess:
        got = [int(sess.run(nxt)) for _ in range(4)]
    return [got, repr(tf.data.get_output_types(ds)), repr(tf.data.get_output_shapes(ds))]


@case
def in_dataset_map_several_outputs(tf):
    def f(x):
        a, b = tf.numpy_function(lambda v: (v * 2, str(v).encode()), [x], [tf.int64, tf.string])
        a.set_shape([])
        return a, b

    ds = tf.data.Dataset.range(3).map(f).batch(2)
    nxt = tf.data.make_one_shot_iterator(ds).get_next()
    with tf.Session() as sess:
        got = [sess.run(nxt) for _ in range(2)]
    return [got, repr(tf.data.get_output_shapes(ds))]


@case
def in_dataset_map_reading_a_captured_tensor(tf):
    scale = tf.constant(3, tf.int64)
    ds = tf.data.Dataset.range(3).map(lambda x: tf.py_function(lambda v, s: v * s, [x, scale], tf.int64))
    nxt = tf.data.make_one_shot_iterator(ds).get_next()
    with tf.Session() as sess:
        return [int(sess.run(nxt)) for _ in range(3)]


@case
def no_gradient_without_override(tf):
    x = tf.constant([1.0, 2.0])
    y = tf.py_func(lambda v: v * 2, [x], tf.float32)
    z = tf.py_func(lambda v: v * 2, [x], tf.float32, stateful=False)
    return [tf.gradients(y, x), tf.gradients(z, x), tf.gradients(y + x, x)[0].name]


@case
def gradient_override_map(tf):
    @tf.RegisterGradient("PyFuncConformanceSquareGrad")
    def _grad(op, grad):
        return grad * 2 * op.inputs[0]

    x = tf.constant([1.0, 3.0])
    g = tf.get_default_graph()
    with g.gradient_override_map({"PyFunc": "PyFuncConformanceSquareGrad",
                                  "PyFuncStateless": "PyFuncConformanceSquareGrad"}):
        y = tf.py_func(np.square, [x], tf.float32)
        z = tf.py_func(np.square, [x], tf.float32, stateful=False)
    y.set_shape(x.shape)
    gy, gz = tf.gradients(y, x)[0], tf.gradients(z, x)[0]
    with tf.Session() as sess:
        return [gy.name, gz.name, shape_of(gy), sess.run([y, gy, gz]),
                y.op.get_attr("_gradient_op_type")]


@case
def gradient_override_map_with_a_py_func_gradient(tf):
    @tf.RegisterGradient("PyFuncConformanceNumpyGrad")
    def _grad(op, grad):
        return tf.py_func(lambda x, g: (np.cos(x) * g).astype(np.float32), [op.inputs[0], grad], tf.float32)

    x = tf.constant([0.0, 1.0])
    with tf.get_default_graph().gradient_override_map({"PyFunc": "PyFuncConformanceNumpyGrad"}):
        y = tf.py_func(lambda v: np.sin(v).astype(np.float32), [x], tf.float32)
    g = tf.gradients(y, x)[0]
    with tf.Session() as sess:
        return [g.name, sess.run(g), op_summary(tf.get_default_graph())]


@case
def graph_def_nodes(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    tf.py_func(lambda v: v, [x, 1], [tf.float32], name="f")
    tf.py_func(lambda v: v, [x], tf.float32, stateful=False, name="g")
    tf.py_function(lambda v: v, [x], [], name="h")
    gd = tf.get_default_graph().as_graph_def()
    return no_token([[n.name, n.op, list(n.input), sorted(n.attr), str(n.attr["token"].s)] for n in gd.node])


@case
def import_graph_def_in_the_same_process(tf):
    with tf.Graph().as_default() as g1:
        x = tf.placeholder(tf.float32, [2], name="x")
        tf.py_func(lambda v: v * 3, [x], tf.float32, name="f")
        tf.py_function(lambda v: v + 1, [x], tf.float32, name="e")
    with tf.Graph().as_default():
        tf.import_graph_def(g1.as_graph_def(), name="imported")
        g2 = tf.get_default_graph()
        f = g2.get_tensor_by_name("imported/f:0")
        with tf.Session() as sess:
            got = sess.run([f, "imported/e:0"], {"imported/x:0": [1.0, 2.0]})
        return [got, attrs(f.op), shape_of(f)]


@case
def unknown_token_fails_when_run(tf):
    with tf.Graph().as_default() as g1:
        x = tf.placeholder(tf.float32, [2], name="x")
        tf.py_func(lambda v: v, [x], tf.float32, name="f")
        tf.py_func(lambda v: v, [x], tf.float32, stateful=False, name="g")
        tf.py_function(lambda v: v, [x], tf.float32, name="e")
    gd = g1.as_graph_def()
    for node in gd.node:
        if "token" in node.attr:
            node.attr["token"].s = b"pyfunc_987654321"
    with tf.Graph().as_default():
        tf.import_graph_def(gd, name="")
        feed = {"x:0": [1.0, 2.0]}
        return [run_err(tf, "f:0", feed), run_err(tf, "g:0", feed), run_err(tf, "e:0", feed)]


def _generator_functions(tf):
    """The ``from_generator`` functions of the GraphDef's library: name (no number), the script
    ops in it with their ``Tin``/``Tout``."""
    gd = tf.get_default_graph().as_graph_def()
    out = []
    for f in gd.library.function:
        name = f.signature.name.rstrip("0123456789").rstrip("_")
        if "from_generator" not in name:
            continue
        nodes = [[n.op, [tf.as_dtype(d).name for d in n.attr["Tin"].list.type],
                  [tf.as_dtype(d).name for d in n.attr["Tout"].list.type]] for n in f.node_def if "PyFunc" in n.op]
        out.append([name, nodes])
    return sorted(out)


@case
def from_generator_calls_the_generator_through_py_funcs(tf):
    def gen(n):
        yield from range(n)

    ds = tf.data.Dataset.from_generator(gen, tf.int64, [], args=(tf.constant(3),))
    nxt = tf.data.make_one_shot_iterator(ds).get_next()
    with tf.Session() as sess:
        values = [int(sess.run(nxt)) for _ in range(3)]
    return [values, _generator_functions(tf)]


@case
def from_generator_with_output_signature_functions(tf):
    tf.data.Dataset.from_generator(lambda: iter([(1, "a")]),
                                   output_signature=(tf.TensorSpec([], tf.int32), tf.TensorSpec([], tf.string)))
    return _generator_functions(tf)
