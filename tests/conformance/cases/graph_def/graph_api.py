"""Graph-level GraphDef behaviour: node order, control inputs, devices, colocation,
``from_version``, ``add_shapes``, versions, ``Operation.node_def`` and ``str(op)``."""

from tests.conformance.cases.graph_def._helpers import nodes, nodes_of
from tests.conformance.harness import case


@case
def empty_graph(tf):
    gd = tf.Graph().as_graph_def()
    return [len(gd.node), gd.versions.producer > 0, gd.versions.min_consumer, list(gd.versions.bad_consumers),
            gd.HasField("library")]


@case
def versions_producer(tf):
    g = tf.Graph()
    return [g.as_graph_def().versions.producer, g.graph_def_versions.producer, g.graph_def_versions.min_consumer]


@case
def node_order_is_creation_order(tf):
    b = tf.constant(2.0, name="b")
    a = tf.constant(1.0, name="a")
    with tf.name_scope("z"):
        tf.add(b, a)
    tf.multiply(a, b, name="m")
    return [n[0] for n in nodes(tf)]


@case
def control_dependencies_nodes(tf):
    a = tf.constant(1.0, name="a")
    b = tf.constant(2.0, name="b")
    with tf.control_dependencies([b, a]):
        c = tf.identity(a, name="c")
        tf.no_op(name="n")
    with tf.control_dependencies([c]):
        tf.add(a, b, name="d")
    return nodes(tf)


@case
def control_inputs_sorted_in_graph_def_only(tf):
    z = tf.constant(0.0, name="z")
    y = tf.constant(0.0, name="y")
    with tf.control_dependencies([z, y]):
        n = tf.no_op(name="n")
    return [list(n.node_def.input), nodes(tf)[-1][2]]


@case
def nested_control_dependencies_and_reset(tf):
    a = tf.constant(1.0, name="a")
    with tf.control_dependencies([a]):
        b = tf.constant(2.0, name="b")
        with tf.control_dependencies(None):
            tf.constant(3.0, name="free")
        with tf.control_dependencies([b]):
            tf.constant(4.0, name="both")
    return nodes(tf)


@case
def devices_on_nodes(tf):
    with tf.device("/cpu:0"):
        a = tf.constant(1.0, name="a")
        with tf.device("/job:ps/task:2"):
            b = tf.constant(2.0, name="b")
        with tf.device(None):
            tf.add(a, b, name="nowhere")
    with tf.device("/device:GPU:1"):
        tf.multiply(a, b, name="gpu")
    with tf.device("/job:worker/replica:0/task:3/device:CPU:1"):
        tf.identity(a, name="full")
    return nodes(tf)


@case
def colocation_nodes(tf):
    a = tf.constant(1.0, name="a")
    b = tf.constant(2.0, name="b")
    with tf.colocate_with(a):
        c = tf.identity(b, name="c")
        with tf.colocate_with(b):
            tf.identity(c, name="both")
        with tf.colocate_with(b, ignore_existing=True):
            tf.identity(c, name="only_b")
    with tf.colocate_with(c):
        tf.identity(c, name="with_c")
    return nodes(tf)


@case
def colocation_takes_device(tf):
    with tf.device("/gpu:0"):
        a = tf.constant(1.0, name="a")
    with tf.device("/cpu:0"):
        with tf.colocate_with(a):
            tf.identity(a, name="follows_a")
            with tf.device("/cpu:1"):
                tf.identity(a, name="still_a")
    b = tf.constant(1.0, name="b")
    with tf.device("/cpu:0"):
        with tf.colocate_with(b):
            tf.identity(b, name="no_device")
    return nodes(tf)


@case
def from_version(tf):
    g = tf.get_default_graph()
    tf.constant(1.0, name="a")
    v = g.version
    tf.constant(2.0, name="b")
    return [[n[0] for n in nodes(tf, from_version=v)], [n[0] for n in nodes(tf, from_version=0)]]


@case
def add_shapes(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    y = tf.placeholder(tf.float32, name="y")
    tf.split(x, 3, axis=1)
    tf.reduce_sum(x, 1)
    tf.add(x, y)
    tf.no_op(name="nothing")
    tf.unique(tf.constant([1, 1, 2]))
    return nodes(tf, add_shapes=True)


@case
def add_shapes_variables_and_loops(tf):
    tf.Variable([[1.0, 2.0]], name="v")
    tf.while_loop(lambda i: i < 3, lambda i: i + 1, [0])
    return nodes(tf, add_shapes=True)


@case
def operation_node_def(tf):
    x = tf.placeholder(tf.float32, [2, 2], name="x")
    y = tf.matmul(x, x, transpose_a=True, name="mm")
    with tf.control_dependencies([y]):
        z = tf.identity(y, name="z")
    return nodes_of(tf, [x, y, z])


@case
def operation_str(tf):
    x = tf.placeholder(tf.float32, [2, None], name="x")
    y = tf.nn.relu(x, name="r")
    s = tf.constant("hi", name="s")
    with tf.device("/cpu:0"):
        m = tf.reduce_max(y, axis=1, keepdims=True, name="m")
    return [str(x.op), str(y.op), str(s.op), str(m.op)]


@case
def node_def_is_a_copy(tf):
    c = tf.constant(1.0, name="c")
    nd = c.op.node_def
    nd.name = "changed"
    return [c.op.name, c.op.node_def.name, type(nd).__name__]


@case
def graph_def_node_fields(tf):
    tf.constant([1, 2], name="c")
    node = tf.get_default_graph().as_graph_def().node[0]
    return [sorted(f[0].name for f in node.ListFields()), sorted(node.attr.keys())]


@case
def graph_def_round_trip_bytes(tf):
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    tf.nn.softmax(tf.matmul(x, tf.constant([[1.0, 2.0], [3.0, 4.0]])))
    gd = tf.get_default_graph().as_graph_def()
    again = tf.GraphDef()
    again.ParseFromString(gd.SerializeToString())
    return [again == gd, len(again.node), [n.op for n in again.node]]
