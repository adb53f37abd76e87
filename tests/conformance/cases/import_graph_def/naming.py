"""import_graph_def: the names of imported operations and what they return."""

from tests.conformance.cases.import_graph_def._helpers import model_graph_def, names, nodes, small_graph_def
from tests.conformance.harness import case, error_class


@case
def default_prefix(tf):
    tf.import_graph_def(small_graph_def(tf))
    return names(tf.get_default_graph())


@case
def returns_none_without_return_elements(tf):
    return tf.import_graph_def(small_graph_def(tf)) is None


@case
def twice_gets_import_1(tf):
    gd = small_graph_def(tf)
    tf.import_graph_def(gd)
    tf.import_graph_def(gd)
    return names(tf.get_default_graph())


@case
def named_prefix(tf):
    tf.import_graph_def(small_graph_def(tf), name="model")
    tf.import_graph_def(small_graph_def(tf), name="model")
    return names(tf.get_default_graph())


@case
def inside_name_scope(tf):
    with tf.name_scope("outer"):
        tf.import_graph_def(small_graph_def(tf), name="x")
        tf.import_graph_def(small_graph_def(tf))
    return names(tf.get_default_graph())


@case
def empty_name_renames_clashes(tf):
    tf.constant(5.0, name="a")
    tf.import_graph_def(small_graph_def(tf), name="")
    return nodes(tf.get_default_graph().as_graph_def())


@case
def imported_names_are_taken(tf):
    tf.import_graph_def(small_graph_def(tf))
    tf.import_graph_def(small_graph_def(tf), name="")
    with tf.name_scope("import") as scope:
        pass
    return [tf.constant(1.0, name="import/a").name, tf.constant(1.0, name="b").name, scope]


@case
def inputs_are_prefixed(tf):
    tf.import_graph_def(small_graph_def(tf), name="p")
    return nodes(tf.get_default_graph().as_graph_def())


@case
def return_elements_ops_and_tensors(tf):
    out = tf.import_graph_def(small_graph_def(tf), return_elements=["c:0", "b", "a:0", "c"])
    return [[type(e).__name__ in ("Tensor", "SymbolicTensor"), e.name] for e in out]


@case
def return_tensor_shape_and_dtype(tf):
    y, = tf.import_graph_def(model_graph_def(tf), return_elements=["y:0"])
    return [y.name, y.dtype.name, y.shape.as_list()]


@case
def return_elements_bytes(tf):
    out = tf.import_graph_def(small_graph_def(tf), return_elements=[b"c:0"])
    return [e.name for e in out]


@case
def get_tensor_by_name_after_import(tf):
    tf.import_graph_def(model_graph_def(tf), name="m")
    g = tf.get_default_graph()
    return [g.get_tensor_by_name("m/y:0").name, g.get_operation_by_name("m/layer/w").type,
            g.as_graph_element("m/x:0").shape.as_list(), g.as_graph_element("m/init").type]


@case
def imported_variable_attrs(tf):
    tf.import_graph_def(model_graph_def(tf), name="m")
    op = tf.get_default_graph().get_operation_by_name("m/layer/w")
    return [op.get_attr("dtype").name, op.get_attr("container"),
            op.get_attr("shared_name"), op.outputs[0].dtype.name]


@case
def control_inputs_prefixed(tf):
    g = tf.Graph()
    with g.as_default():
        a = tf.constant(1.0, name="a")
        with tf.control_dependencies([a]):
            tf.no_op(name="after")
    tf.import_graph_def(g.as_graph_def())
    op = tf.get_default_graph().get_operation_by_name("import/after")
    return [c.name for c in op.control_inputs]


@case
def outer_control_dependencies_not_added(tf):
    first = tf.no_op(name="first")
    with tf.control_dependencies([first]):
        tf.import_graph_def(small_graph_def(tf))
    g = tf.get_default_graph()
    return [[c.name for c in g.get_operation_by_name(n).control_inputs] for n in ("import/a", "import/c")]


@case
def device_kept(tf):
    g = tf.Graph()
    with g.as_default(), tf.device("/cpu:0"):
        tf.constant(1.0, name="a")
    tf.import_graph_def(g.as_graph_def())
    return tf.get_default_graph().get_operation_by_name("import/a").device


@case
def colocation_prefixed(tf):
    g = tf.Graph()
    with g.as_default():
        a = tf.constant(1.0, name="a")
        with tf.colocate_with(a):
            tf.identity(a, name="b")
    tf.import_graph_def(g.as_graph_def())
    op = tf.get_default_graph().get_operation_by_name("import/b")
    return [op.colocation_groups(), op.get_attr("_class")]


@case
def nodes_in_any_order(tf):
    gd = small_graph_def(tf)
    shuffled = tf.GraphDef()
    shuffled.node.extend(reversed(list(gd.node)))
    c, = tf.import_graph_def(shuffled, return_elements=["c:0"])
    with tf.Session() as sess:
        return [sorted(names(tf.get_default_graph())), float(sess.run(c))]


@case
def graph_def_round_trip(tf):
    gd = model_graph_def(tf)
    tf.import_graph_def(gd, name="")
    again = tf.get_default_graph().as_graph_def()
    return [nodes(gd) == nodes(again), len(again.node)]


@case
def default_attrs_filled_in(tf):
    g = tf.Graph()
    with g.as_default():
        a = tf.constant([[1.0, 2.0]], name="a")
        tf.matmul(a, a, transpose_b=True, name="mm")
    gd = g.as_graph_def()
    for n in gd.node:
        if n.op == "MatMul":
            del n.attr["transpose_a"]
    out, = tf.import_graph_def(gd, return_elements=["mm:0"])
    with tf.Session() as sess:
        return [out.op.get_attr("transpose_a"), out.op.get_attr("transpose_b"), sess.run(out).tolist()]


@case
def cond_imports_in_topological_order(tf):
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [], name="x")
        tf.cond(x > 0, lambda: tf.square(x), lambda: tf.negative(x), name="c")
    tf.import_graph_def(g.as_graph_def())
    return names(tf.get_default_graph())


@case
def while_loop_imports_in_topological_order(tf):
    g = tf.Graph()
    with g.as_default():
        tf.while_loop(lambda i: i < 3, lambda i: i + 1, [tf.constant(0)], name="w")
    tf.import_graph_def(g.as_graph_def())
    return names(tf.get_default_graph())


@case
def error_cycle(tf):
    gd = tf.GraphDef()
    for name, source in (("a", "b"), ("b", "a")):
        n = gd.node.add(name=name, op="Identity", input=[source])
        n.attr["T"].type = 1
    return error_class(tf.import_graph_def, gd)
