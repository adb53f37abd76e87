"""``tf.Print`` and ``tf.print``: graphs, attributes, and the text written to file
descriptors 2 and 1."""

import sys

import numpy as np

from tests.conformance.cases.debugging._helpers import graph_ops, printed
from tests.conformance.harness import case, raises


def _attrs(op):
    out = {}
    for k in sorted(op.node_def.attr):
        v = op.get_attr(k)
        if isinstance(v, list):
            v = [t.name for t in v]
        elif hasattr(v, "as_numpy_dtype"):
            v = v.name
        elif isinstance(v, bytes):
            v = v.decode()
        out[k] = v
    return out


@case
def print_graph(tf):
    x = tf.placeholder(tf.float32, [None], name="x")
    p = tf.Print(x, [x, "hi", tf.constant([[1, 2], [3, 4]])], message="msg: ", first_n=2, summarize=2)
    return {"name": p.name, "shape": p.shape.as_list(), "ops": graph_ops(tf), "attrs": _attrs(p.op)}


@case
def print_defaults(tf):
    p = tf.Print(tf.constant(1), [])
    return [p.name, _attrs(p.op), printed(tf, p)]


@case
def print_first_n(tf):
    x = tf.placeholder(tf.float32, [None], name="x")
    p = tf.Print(x, [x, "hi", tf.constant([[1, 2], [3, 4]])], message="msg: ", first_n=2, summarize=2)
    return printed(tf, p, {x: [1.0, 2.0, 3.0]}, times=3)


@case
def print_values(tf):
    x = tf.placeholder(tf.float32, [None], name="x")
    p = tf.Print(x, [x])
    q = tf.Print(tf.constant(True), [tf.constant([True, False]), tf.constant([[["a"]]]), tf.constant(1.5, tf.float64),
                                     tf.zeros([0, 2]), tf.reshape(tf.range(12), [2, 3, 2])], summarize=5)
    return [printed(tf, p, {x: [0.5, 1e-7, 3.0] * 3}), printed(tf, q)]


@case
def print_in_a_chain(tf):
    x = tf.constant([1, 2, 3])
    y = tf.Print(x, [x], "first: ") * 2
    z = tf.Print(y, [y], "second: ", summarize=-1)
    return [z.name, printed(tf, z)]


@case
def tf_print_graph(tf):
    x = tf.placeholder(tf.float32, [None], name="x")
    p = tf.print("a:", x, {"k": x}, [1, x], 3, summarize=2, sep="|", end="!\n")
    ops = tf.get_default_graph().get_operations()
    return {"name": p.name, "type": p.type, "ops": graph_ops(tf), "attrs": [_attrs(op) for op in ops[1:]],
            "text": printed(tf, p, {x: [1.0, 2.0, 3.0]})}


@case
def tf_print_to_stdout(tf):
    p = tf.print(tf.constant([[1, 2, 3], [4, 5, 6], [7, 8, 9]]), tf.constant(["a", "b\n"]), tf.constant(True),
                 tf.constant(2.5, tf.float64), output_stream=sys.stdout)
    return [p.get_attr("output_stream").decode(), printed(tf, p, fd=1)]


@case
def tf_print_summarize(tf):
    cube = tf.reshape(tf.range(24), [2, 3, 4])
    every = tf.print(tf.zeros([2, 0]), tf.range(10), cube, summarize=-1)
    default = tf.print(cube, tf.range(10), tf.reshape(tf.range(64), [8, 8]))
    one = tf.print(tf.reshape(tf.range(24), [4, 6]), summarize=1)
    return [printed(tf, every), printed(tf, default), printed(tf, one)]


@case
def tf_print_floats(tf):
    p = tf.print(tf.constant([0.1, 1e-7, 1e10, -0.0, np.nan, np.inf]), tf.constant(0.30000001, tf.float64),
                 tf.constant([1.5], tf.float16), tf.constant(1e100, tf.float64), tf.constant([-2.5e-300], tf.float64))
    return printed(tf, p)


@case
def tf_print_scalars_and_strings(tf):
    s = tf.constant("just a string")
    p = tf.print(s)
    q = tf.print("text", s, tf.constant(7), tf.constant(["x'y", "tab\t"]), [], {"b": 1, "a": s})
    ops = tf.get_default_graph().get_operations()
    return [[op.type for op in ops], printed(tf, p), printed(tf, q)]


@case
def tf_print_named(tf):
    p = tf.print("v", tf.constant([1]), name="show")
    return [op.name for op in tf.get_default_graph().get_operations()] + [p.name]


@case
def tf_print_placeholder_clash(tf):
    p = tf.print("{}", tf.constant([1]), "{}5", tf.constant(2))
    fmt = [op for op in tf.get_default_graph().get_operations() if op.type == "StringFormat"][0]
    return [fmt.get_attr("placeholder").decode(), fmt.get_attr("template").decode(), printed(tf, p)]


@case
def tf_print_streams(tf):
    streams = [tf.logging.info, tf.logging.warning, tf.logging.warn, tf.logging.error, tf.logging.INFO,
               tf.logging.WARN, tf.logging.ERROR, sys.stderr, "file:///tmp/nowhere.txt"]
    return [tf.print("x", output_stream=s).get_attr("output_stream").decode() for s in streams]


@case
def tf_print_bad_arguments(tf):
    return [raises(lambda: tf.print("x", output_stream=5)), raises(lambda: tf.print("x", foo=1)),
            raises(lambda: tf.print("x", output_stream="stdout"))]


@case
def tf_print_to_file(tf):
    import os
    import tempfile
    handle, path = tempfile.mkstemp()
    os.close(handle)
    p = tf.print("line", tf.constant([1, 2]), output_stream="file://" + path)
    with tf.Session() as sess:
        sess.run(p)
        sess.run(p)
    with open(path) as f:
        text = f.read()
    os.remove(path)
    return text


@case
def tf_print_sparse(tf):
    sp = tf.SparseTensor([[0, 1]], [5], [2, 3])
    p = tf.print("sp", sp)
    fmt = [op for op in tf.get_default_graph().get_operations() if op.type == "StringFormat"][0]
    return [fmt.get_attr("template").decode(), printed(tf, p)]


@case
def tf_print_as_control_dependency(tf):
    x = tf.placeholder(tf.int32, [None], name="x")
    with tf.control_dependencies([tf.print("x is", x)]):
        y = x + 1
    return printed(tf, y, {x: [4, 5]})


@case
def strings_format(tf):
    x = tf.placeholder(tf.float32, [None], name="x")
    s = tf.strings.format("x={} y={}!", [x, "s"], summarize=1)
    t = tf.strings.format("{{}} and <>", tf.constant([[1, 2], [3, 4]]), placeholder="<>", name="fmt")
    with tf.Session() as sess:
        got = sess.run([s, t], {x: [1.0, 2.0, 3.0]})
    return {"ops": graph_ops(tf), "values": got, "shape": s.shape.as_list(),
            "mismatch": raises(lambda: tf.strings.format("{} {}", [x])),
            "none": raises(lambda: tf.strings.format("no placeholder", [x]))}
