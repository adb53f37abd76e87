"""TF1's ``ParseExample`` and ``ParseSingleExample`` ops, as graphs of older TensorFlow
versions hold them, imported with ``tf.import_graph_def`` and run."""

from tests.conformance.cases.parse_example._helpers import example, run
from tests.conformance.harness import case, raises


def _const(tf, graph_def, name, value, dtype):
    node = graph_def.node.add()
    node.name, node.op = name, "Const"
    node.attr["dtype"].type = dtype.as_datatype_enum
    node.attr["value"].tensor.CopyFrom(tf.make_tensor_proto(value, dtype))


def _parse_node(tf, graph_def, op_type, inputs, sparse_types, dense_types, dense_shapes, **ints):
    node = graph_def.node.add()
    node.name, node.op = "parse", op_type
    node.input.extend(inputs)
    for key, value in ints.items():
        if isinstance(value, int):
            node.attr[key].i = value
        else:
            node.attr[key].list.s.extend(value)
    node.attr["sparse_types"].list.type.extend([t.as_datatype_enum for t in sparse_types])
    node.attr["Tdense"].list.type.extend([t.as_datatype_enum for t in dense_types])
    for dims in dense_shapes:
        shape = node.attr["dense_shapes"].list.shape.add()
        for d in dims:
            shape.dim.add().size = d


def _parse_example_graph(tf, records):
    g = tf.GraphDef()
    _const(tf, g, "serialized", records, tf.string)
    _const(tf, g, "names", [], tf.string)
    for key in ("ids", "w", "seq"):
        _const(tf, g, f"key_{key}", key, tf.string)
    _const(tf, g, "default_w", [0.5, 0.5], tf.float32)
    _const(tf, g, "default_seq", 0, tf.int64)
    _parse_node(tf, g, "ParseExample", ["serialized", "names", "key_ids", "key_w", "key_seq", "default_w",
                                        "default_seq"], [tf.int64], [tf.float32, tf.int64], [[2], [-1]],
                Nsparse=1, Ndense=2)
    return g


@case
def tf1_parse_example_imported_and_run(tf):
    records = [example(tf, ids=[1, 2, 3], w=[1.0, 2.0], seq=[7]), example(tf, seq=[8, 9])]
    tf.import_graph_def(_parse_example_graph(tf, records), name="")
    graph = tf.get_default_graph()
    outs = graph.get_operation_by_name("parse").outputs
    return [[[t.name, t.dtype.name, t.shape.as_list()] for t in outs], run(tf, list(outs))]


@case
def tf1_parse_example_errors(tf):
    def parse(records):
        with tf.Graph().as_default():
            tf.import_graph_def(_parse_example_graph(tf, records), name="")
            return run(tf, list(tf.get_default_graph().get_operation_by_name("parse").outputs))
    return [parse([example(tf, ids=[1.0])]), parse([example(tf, w=[1.0])]), parse([b"garbage\n"]),
            raises(lambda: parse(example(tf)))]


@case
def tf1_parse_single_example_imported_and_run(tf):
    g = tf.GraphDef()
    _const(tf, g, "serialized", example(tf, ids=[4, 5], name=[b"n"]), tf.string)
    _const(tf, g, "default_name", [], tf.string)
    _parse_node(tf, g, "ParseSingleExample", ["serialized", "default_name"], [tf.int64], [tf.string], [[]],
                num_sparse=1, sparse_keys=[b"ids"], dense_keys=[b"name"])
    tf.import_graph_def(g, name="")
    outs = tf.get_default_graph().get_operation_by_name("parse").outputs
    return [[[t.name, t.dtype.name, t.shape.as_list()] for t in outs], run(tf, list(outs))]


def _sequence_attrs(tf, node, context_types=(), context_shapes=(), list_types=(), list_shapes=(), sparse=((), ())):
    for name, value in (("Tcontext_dense", context_types), ("feature_list_dense_types", list_types),
                        ("context_sparse_types", sparse[0]), ("feature_list_sparse_types", sparse[1])):
        node.attr[name].list.type.extend([t.as_datatype_enum for t in value])
    for name, shapes in (("context_dense_shapes", context_shapes), ("feature_list_dense_shapes", list_shapes)):
        for dims in shapes:
            shape = node.attr[name].list.shape.add()
            for d in dims:
                shape.dim.add().size = d


def _sequence_records(tf):
    from tests.conformance.cases.parse_example._helpers import sequence

    return [sequence(tf, {"c": [1, 2], "cv": [0.5]}, t=[[1], [2], [3]], v=[[b"a"], [b"b", b"c"]]),
            sequence(tf, {"c": [3, 4]}, t=[[4]])]


@case
def tf1_parse_sequence_example_imported_and_run(tf):
    g = tf.GraphDef()
    _const(tf, g, "serialized", _sequence_records(tf), tf.string)
    _const(tf, g, "names", [], tf.string)
    _const(tf, g, "default_c", [], tf.int64)
    node = g.node.add()
    node.name, node.op = "parse", "ParseSequenceExample"
    node.input.extend(["serialized", "names", "default_c"])
    for key, value in (("context_sparse_keys", [b"cv"]), ("context_dense_keys", [b"c"]),
                       ("feature_list_sparse_keys", [b"v"]), ("feature_list_dense_keys", [b"t", b"u"]),
                       ("feature_list_dense_missing_assumed_empty", [b"u"])):
        node.attr[key].list.s.extend(value)
    for key, value in (("Ncontext_sparse", 1), ("Ncontext_dense", 1), ("Nfeature_list_sparse", 1),
                       ("Nfeature_list_dense", 2)):
        node.attr[key].i = value
    _sequence_attrs(tf, node, [tf.int64], [[2]], [tf.int64, tf.float32], [[], [3]], ([tf.float32], [tf.string]))
    tf.import_graph_def(g, name="")
    outs = tf.get_default_graph().get_operation_by_name("parse").outputs
    return [[[t.name, t.dtype.name, t.shape.as_list()] for t in outs], run(tf, list(outs))]


@case
def tf1_parse_single_sequence_example_imported_and_run(tf):
    g = tf.GraphDef()
    _const(tf, g, "serialized", _sequence_records(tf)[0], tf.string)
    _const(tf, g, "missing", ["u"], tf.string)
    for key in ("c", "t", "u", "v"):
        _const(tf, g, f"key_{key}", key, tf.string)
    _const(tf, g, "default_c", [], tf.int64)
    _const(tf, g, "name", "", tf.string)
    node = g.node.add()
    node.name, node.op = "parse", "ParseSingleSequenceExample"
    node.input.extend(["serialized", "missing", "key_c", "key_v", "key_t", "key_u", "default_c", "name"])
    for key, value in (("Ncontext_sparse", 0), ("Ncontext_dense", 1), ("Nfeature_list_sparse", 1),
                       ("Nfeature_list_dense", 2)):
        node.attr[key].i = value
    _sequence_attrs(tf, node, [tf.int64], [[2]], [tf.int64, tf.float32], [[], [3]], ((), [tf.string]))
    tf.import_graph_def(g, name="")
    outs = tf.get_default_graph().get_operation_by_name("parse").outputs
    return [[[t.name, t.dtype.name, t.shape.as_list()] for t in outs], run(tf, list(outs))]
