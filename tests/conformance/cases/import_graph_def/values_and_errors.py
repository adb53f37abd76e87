"""import_graph_def: input_map, imported graphs computing values, write_graph, and the errors."""

import os
import tempfile

import numpy as np

from tests.conformance.cases.import_graph_def._helpers import model_graph_def, names, small_graph_def
from tests.conformance.harness import case, error_class, raises

X = np.array([[1.0, 0.0, 1.0], [0.5, 0.5, 0.5]], np.float32)


@case
def imported_model_computes(tf):
    y, init = tf.import_graph_def(model_graph_def(tf), return_elements=["y:0", "init"])
    with tf.Session() as sess:
        sess.run(init)
        return sess.run(y, {"import/x:0": X}).tolist()


@case
def imported_model_feed_by_tensor(tf):
    x, y, init = tf.import_graph_def(model_graph_def(tf), return_elements=["x:0", "y:0", "init"], name="net")
    with tf.Session() as sess:
        sess.run(init)
        return sess.run(y, {x: X * 2}).tolist()


@case
def imported_twice_has_own_variables(tf):
    gd = model_graph_def(tf)
    y1, init1 = tf.import_graph_def(gd, return_elements=["y:0", "init"])
    y2, init2, w2 = tf.import_graph_def(gd, return_elements=["y:0", "init", "layer/w:0"])
    with tf.Session() as sess:
        sess.run([init1, init2])
        sess.run(tf.assign(w2, tf.zeros([3, 2])))
        return [sess.run(y1, {"import/x:0": X}).tolist(), sess.run(y2, {"import_1/x:0": X}).tolist()]


@case
def input_map_replaces_placeholder(tf):
    x = tf.constant(X, name="data")
    y, init = tf.import_graph_def(model_graph_def(tf), input_map={"x:0": x}, return_elements=["y:0", "init"])
    with tf.Session() as sess:
        sess.run(init)
        return [y.op.inputs[0].op.inputs[0].name, sess.run(y).tolist()]


@case
def input_map_without_index(tf):
    seven = tf.constant(7.0, name="seven")
    c, = tf.import_graph_def(small_graph_def(tf), input_map={"a": seven}, return_elements=["c:0"])
    with tf.Session() as sess:
        return float(sess.run(c))


@case
def input_map_returns_mapped_tensor(tf):
    seven = tf.constant(7.0, name="seven")
    out = tf.import_graph_def(small_graph_def(tf), input_map={"a:0": seven}, return_elements=["a:0", "c:0", "a"])
    return [e.name for e in out]


@case
def input_map_python_value(tf):
    c, = tf.import_graph_def(small_graph_def(tf), input_map={"a:0": 9.0}, return_elements=["c:0"], name="m")
    with tf.Session() as sess:
        return [names(tf.get_default_graph()), float(sess.run(c))]


@case
def input_map_control_input(tf):
    g = tf.Graph()
    with g.as_default():
        a = tf.constant(1.0, name="a")
        with tf.control_dependencies([a]):
            tf.constant(2.0, name="b")
    mine = tf.constant(0.0, name="mine")
    b, = tf.import_graph_def(g.as_graph_def(), input_map={"^a": mine}, return_elements=["b"])
    return [c.name for c in b.control_inputs]


@case
def imported_while_loop_runs(tf):
    g = tf.Graph()
    with g.as_default():
        i = tf.constant(0, name="i")
        s = tf.constant(1.0, name="s")
        tf.while_loop(lambda i, s: i < 5, lambda i, s: (i + 1, s * 2.0), [i, s], name="loop")
    out = tf.import_graph_def(g.as_graph_def(), return_elements=["loop/Exit:0", "loop/Exit_1:0"])
    with tf.Session() as sess:
        return [[e.name for e in out], [float(v) for v in sess.run(out)]]


@case
def imported_cond_runs(tf):
    g = tf.Graph()
    with g.as_default():
        p = tf.placeholder(tf.bool, [], name="p")
        x = tf.constant(3.0, name="x")
        tf.cond(p, lambda: x * 2.0, lambda: x - 1.0, name="c")
    p, out = tf.import_graph_def(g.as_graph_def(), return_elements=["p:0", "c/Merge:0"])
    with tf.Session() as sess:
        return [float(sess.run(out, {p: True})), float(sess.run(out, {p: False}))]


@case
def write_graph_text(tf):
    g = tf.Graph()
    with g.as_default():
        tf.identity(tf.constant(1.5, name="c"), name="out")
    d = tempfile.mkdtemp()
    path = tf.train.write_graph(g, os.path.join(d, "sub"), "g.pbtxt")
    with open(path) as f:
        text = f.read()
    return [os.path.relpath(path, d), text.count("node {"), 'name: "out"' in text, "float_val: 1.5" in text,
            "versions {" in text]


@case
def write_graph_binary_reads_back(tf):
    g = tf.Graph()
    with g.as_default():
        tf.identity(tf.constant(1.5, name="c"), name="out")
    path = tf.train.write_graph(g.as_graph_def(), tempfile.mkdtemp(), "g.pb", as_text=False)
    gd = tf.GraphDef()
    with open(path, "rb") as f:
        gd.ParseFromString(f.read())
    out, = tf.import_graph_def(gd, return_elements=["out:0"])
    with tf.Session() as sess:
        return [[n.name for n in gd.node], gd.versions.producer > 0, float(sess.run(out))]


@case
def error_unknown_return_node(tf):
    return raises(tf.import_graph_def, small_graph_def(tf), return_elements=["nope"])


@case
def error_unknown_return_tensor(tf):
    return raises(tf.import_graph_def, small_graph_def(tf), return_elements=["nope:0"])


@case
def error_return_output_out_of_range(tf):
    return raises(tf.import_graph_def, small_graph_def(tf), return_elements=["a:3"])


@case
def error_input_map_key_unused(tf):
    a = tf.constant(1.0)
    return raises(tf.import_graph_def, small_graph_def(tf), input_map={"zz:0": a})


@case
def error_input_map_dtype(tf):
    return raises(tf.import_graph_def, small_graph_def(tf), input_map={"a:0": tf.constant(1)})


@case
def error_input_map_value_needs_name(tf):
    return raises(tf.import_graph_def, small_graph_def(tf), input_map={"a:0": 3.0}, name="")


@case
def error_input_map_not_dict(tf):
    return raises(tf.import_graph_def, small_graph_def(tf), input_map=[1])


@case
def error_input_map_keys_not_strings(tf):
    return raises(tf.import_graph_def, small_graph_def(tf), input_map={1: tf.constant(1.0)})


@case
def error_return_elements_not_strings(tf):
    return raises(tf.import_graph_def, small_graph_def(tf), return_elements=[1])


@case
def error_graph_def_not_proto(tf):
    return raises(tf.import_graph_def, "not a graph")


@case
def error_unknown_op_type(tf):
    gd = tf.GraphDef()
    gd.node.add(name="q", op="NoSuchOpAnywhere")
    return error_class(tf.import_graph_def, gd)


@case
def error_unknown_input_node(tf):
    gd = tf.GraphDef()
    n = gd.node.add(name="q", op="Identity", input=["missing"])
    n.attr["T"].type = 1
    return raises(tf.import_graph_def, gd)


@case
def error_wrong_number_of_inputs(tf):
    gd = tf.GraphDef()
    n = gd.node.add(name="q", op="Identity")
    n.attr["T"].type = 1
    return error_class(tf.import_graph_def, gd)


@case
def error_duplicate_node(tf):
    gd = tf.GraphDef()
    gd.node.add(name="q", op="NoOp")
    gd.node.add(name="q", op="NoOp")
    return raises(tf.import_graph_def, gd)


@case
def failed_import_takes_its_scope_name(tf):
    raises(tf.import_graph_def, small_graph_def(tf), return_elements=["nope"])
    tf.import_graph_def(small_graph_def(tf))
    return names(tf.get_default_graph())


@case
def session_graph_def(tf):
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    tf.identity(x, name="y")
    plain = tf.Session().graph_def
    shaped = tf.Session(config=tf.ConfigProto(graph_options=tf.GraphOptions(infer_shapes=True))).graph_def
    return [[n.name for n in plain.node], ["_output_shapes" in n.attr for n in plain.node],
            ["_output_shapes" in n.attr for n in shaped.node],
            [[d.size for d in n.attr["_output_shapes"].list.shape[0].dim] for n in shaped.node]]


@case
def write_graph_of_session_graph_def(tf):
    tf.constant(1.0, name="c")
    with tf.Session() as sess:
        path = tf.train.write_graph(sess.graph_def, tempfile.mkdtemp(), "g.pbtxt")
    with open(path) as f:
        return f.read().splitlines()[:3]
