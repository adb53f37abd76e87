"""extract_sub_graph, remove_training_nodes, must_run_on_cpu and tensor_shape_from_node_def_name,
on hand-written GraphDefs and on graphs the library builds."""

from tests.conformance.cases.graph_util._models import X, dense, listing, parse, plain, run_imported
from tests.conformance.harness import case, raises

CHAIN = """
  node { name: "a" op: "Const" }
  node { name: "b" op: "Identity" input: "a" }
  node { name: "side" op: "Const" }
  node { name: "c" op: "Identity" input: "b:0" input: "^side" }
  node { name: "colocated" op: "Const" }
  node { name: "d" op: "Identity" input: "a" attr { key: "_class" value { list { s: "loc:@colocated" } } } }
  node { name: "e" op: "Identity" input: "ghost" }
  versions { producer: 27 min_consumer: 12 }
"""


def _names(graph_def):
    return [n.name for n in graph_def.node]


@case
def extract_keeps_graph_order(tf):
    return [_names(tf.graph_util.extract_sub_graph(parse(tf, CHAIN), dest)) for dest in (["c"], ["d", "b"], [])]


@case
def extract_follows_control_inputs_and_colocation(tf):
    sub = tf.graph_util.extract_sub_graph(parse(tf, CHAIN), ("c", "d"))
    return [listing(sub), sub.versions.producer, sub.versions.min_consumer]


@case
def extract_from_a_built_graph(tf):
    x, y = dense(tf)
    tf.reduce_sum(y, name="total")
    tf.global_variables_initializer()
    graph_def = tf.get_default_graph().as_graph_def()
    return [listing(tf.graph_util.extract_sub_graph(graph_def, [name])) for name in ("y", "dense/w/read", "init")]


@case
def extract_a_missing_input(tf):
    return raises(tf.graph_util.extract_sub_graph, parse(tf, CHAIN), ["e"])


@case
def extract_a_missing_node(tf):
    return raises(tf.graph_util.extract_sub_graph, parse(tf, CHAIN), ["c", "zz"])


@case
def extract_a_tensor_name(tf):
    return raises(tf.graph_util.extract_sub_graph, parse(tf, CHAIN), ["c:0"])


@case
def extract_from_a_string(tf):
    return raises(tf.graph_util.extract_sub_graph, "node {}", ["c"])


@case
def extract_with_a_single_string(tf):
    return raises(tf.graph_util.extract_sub_graph, parse(tf, CHAIN), "c")


TRAINING = """
  node { name: "a" op: "Const" }
  node { name: "check" op: "CheckNumerics" input: "a" }
  node { name: "i1" op: "Identity" input: "a" }
  node { name: "i2" op: "Identity" input: "i1" }
  node { name: "stop" op: "StopGradient" input: "i2:0" }
  node { name: "with_control" op: "Identity" input: "a" input: "^a" }
  node { name: "as_control" op: "Identity" input: "a" }
  node { name: "colocated" op: "Identity" input: "a" }
  node { name: "out" op: "AddN" input: "stop" input: "check" input: "with_control" input: "colocated"
         input: "^as_control" input: "^check" attr { key: "_class" value { list { s: "loc:@colocated" } } } }
  versions { producer: 27 }
"""


@case
def remove_training_nodes_rules(tf):
    out = tf.graph_util.remove_training_nodes(parse(tf, TRAINING))
    return [listing(out), out.HasField("versions")]


@case
def remove_training_nodes_protected(tf):
    graph_def = parse(tf, TRAINING)
    return [listing(tf.graph_util.remove_training_nodes(graph_def, protected_nodes=names))
            for names in (["i2"], ["check", "stop"], ["out"])]


@case
def remove_training_nodes_of_a_built_graph(tf):
    x, y = dense(tf)
    tf.identity(tf.stop_gradient(tf.identity(y)), name="out")
    return plain(tf, tf.graph_util.remove_training_nodes(tf.get_default_graph().as_graph_def()))


@case
def remove_training_nodes_of_a_frozen_graph_still_computes(tf):
    x, y = dense(tf)
    tf.identity(tf.stop_gradient(y), name="out")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        frozen = tf.graph_util.convert_variables_to_constants(sess, sess.graph.as_graph_def(), ["out"])
        want = sess.run("out:0", {x: X})
    pruned = tf.graph_util.remove_training_nodes(frozen, protected_nodes=["out"])
    return [listing(pruned), want, run_imported(tf, pruned, "out:0", {"x:0": X})]


@case
def must_run_on_cpu_of_ops(tf):
    i = tf.constant([1, 2], name="i")
    f = tf.constant(1.0, name="f")
    s = tf.constant("text", name="s")
    v = tf.get_variable("v", [2])
    ops = [i.op, f.op, s.op, tf.cast(i, tf.float32).op, tf.cast(f, tf.int32).op, v.op, v.initializer,
           tf.dynamic_stitch([[0], [1]], [[1], [2]]).op, tf.dynamic_stitch([[0]], [[1.0]]).op]
    return [[op.name, tf.graph_util.must_run_on_cpu(op), tf.graph_util.must_run_on_cpu(op, True),
             tf.graph_util.must_run_on_cpu(op.node_def)] for op in ops]


@case
def must_run_on_cpu_of_a_name(tf):
    return raises(tf.graph_util.must_run_on_cpu, "Const")


@case
def tensor_shape_from_node_def_name_cases(tf):
    tf.split(tf.zeros([4, 6]), [2, 4], axis=1, name="parts")
    tf.placeholder(tf.float32, [None, 3], name="p")
    g = tf.get_default_graph()
    return [tf.graph_util.tensor_shape_from_node_def_name(g, name) for name in ("parts", "parts:1", "p")]


@case
def tensor_shape_from_an_unknown_name(tf):
    tf.constant(1.0, name="c")
    return raises(tf.graph_util.tensor_shape_from_node_def_name, tf.get_default_graph(), "d")
