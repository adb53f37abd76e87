"""``tf.parse_single_sequence_example`` and ``tf.io.parse_sequence_example``."""

from tests.conformance.cases.parse_example._helpers import graph_ops, run, sequence, static
from tests.conformance.harness import case, raises


@case
def parse_single_sequence_example_graph_nodes(tf):
    g = tf.Graph()
    with g.as_default():
        s = tf.placeholder(tf.string, [])
        out = tf.parse_single_sequence_example(
            s, context_features={"a": tf.FixedLenFeature([2], tf.int64), "b": tf.VarLenFeature(tf.float32)},
            sequence_features={"f": tf.FixedLenSequenceFeature([3], tf.float32), "v": tf.VarLenFeature(tf.int64),
                               "m": tf.FixedLenSequenceFeature([], tf.string, allow_missing=True)})
        op = g.get_operation_by_name("ParseSingleSequenceExample/ParseSequenceExample/ParseSequenceExampleV2")
        attrs = {k: op.get_attr(k) for k in ("Ncontext_sparse", "Nfeature_list_sparse", "Nfeature_list_dense")}
    return [graph_ops(g), static(out), attrs, [str(s) for s in op.get_attr("feature_list_dense_shapes")]]


@case
def parse_single_sequence_example_values(tf):
    record = sequence(tf, {"c": [1, 2], "cv": [b"x", b"y"]}, f=[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]],
                      v=[[1], [2, 3], []], s=[[b"a"], [b"b"]])
    out = tf.parse_single_sequence_example(
        record, context_features={"c": tf.FixedLenFeature([2], tf.int64), "cv": tf.VarLenFeature(tf.string),
                                  "d": tf.FixedLenFeature([], tf.float32, default_value=0.5)},
        sequence_features={"f": tf.FixedLenSequenceFeature([2], tf.float32), "v": tf.VarLenFeature(tf.int64),
                           "s": tf.FixedLenSequenceFeature([], tf.string)})
    return run(tf, out)


@case
def parse_single_sequence_example_only_context(tf):
    out = tf.parse_single_sequence_example(sequence(tf, {"c": [1.0]}),
                                           context_features={"c": tf.FixedLenFeature([], tf.float32)})
    return [static(out), run(tf, out)]


@case
def parse_single_sequence_example_missing_list_allowed(tf):
    out = tf.parse_single_sequence_example(sequence(tf, g=[[1]]), sequence_features={
        "f": tf.FixedLenSequenceFeature([2], tf.float32, allow_missing=True), "v": tf.VarLenFeature(tf.int64)})
    return run(tf, out)


@case
def parse_single_sequence_example_named(tf):
    out = tf.parse_single_sequence_example(tf.placeholder(tf.string, []), name="seq",
                                           sequence_features={"f": tf.FixedLenSequenceFeature([], tf.int64)})
    return static(out)


@case
def parse_sequence_example_batch_structure(tf):
    out = tf.io.parse_sequence_example(
        tf.placeholder(tf.string, [None]), context_features={"c": tf.FixedLenFeature([2], tf.int64)},
        sequence_features={"f": tf.FixedLenSequenceFeature([3], tf.float32), "v": tf.VarLenFeature(tf.int64)})
    return static(out)


@case
def parse_sequence_example_batch_values(tf):
    records = [sequence(tf, {"c": [1]}, f=[[1.0, 2.0]], v=[[1, 2], [3]]),
               sequence(tf, {"c": [2]}, f=[[3.0, 4.0], [5.0, 6.0], [7.0, 8.0]], v=[[4]])]
    out = tf.io.parse_sequence_example(records, context_features={"c": tf.FixedLenFeature([], tf.int64)},
                                       sequence_features={"f": tf.FixedLenSequenceFeature([2], tf.float32),
                                                          "v": tf.VarLenFeature(tf.int64)})
    return run(tf, out)


@case
def parse_sequence_example_context_sparse(tf):
    records = [sequence(tf, {"cv": [1.0, 2.0]}), sequence(tf, {"cv": [3.0]})]
    out = tf.io.parse_sequence_example(records, context_features={"cv": tf.VarLenFeature(tf.float32)})
    return [static(out), run(tf, out)]


@case
def parse_sequence_example_needs_features(tf):
    return [raises(lambda: tf.io.parse_sequence_example(tf.placeholder(tf.string, [None]))),
            raises(lambda: tf.parse_single_sequence_example(tf.placeholder(tf.string, [])))]


@case
def parse_sequence_example_list_default_refused(tf):
    return raises(lambda: tf.parse_single_sequence_example(
        tf.placeholder(tf.string, []),
        sequence_features={"f": tf.FixedLenSequenceFeature([], tf.int64, allow_missing=True, default_value=1)}))


@case
def parse_sequence_example_wrong_feature_kinds(tf):
    s = tf.placeholder(tf.string, [])
    return [raises(lambda: tf.parse_single_sequence_example(
                s, context_features={"c": tf.FixedLenSequenceFeature([], tf.int64)})),
            raises(lambda: tf.parse_single_sequence_example(
                s, sequence_features={"f": tf.FixedLenFeature([], tf.int64)}))]


@case
def parse_sequence_example_names_in_errors(tf):
    fl = tf.FixedLenSequenceFeature
    batch = tf.io.parse_sequence_example([sequence(tf, f=[[1.0]]), sequence(tf, g=[[1]])],
                                         sequence_features={"f": fl([1], tf.float32)}, example_names=["a", "b"])
    single = tf.parse_single_sequence_example(sequence(tf, g=[[1]]), sequence_features={"f": fl([1], tf.float32)},
                                              example_name="only")
    return [run(tf, batch), run(tf, single)]


@case
def parse_sequence_example_empty_batch_and_defaults(tf):
    out = tf.io.parse_sequence_example(
        tf.constant([], tf.string), context_features={"c": tf.FixedLenFeature([2], tf.int64, default_value=[1, 2]),
                                                      "cv": tf.VarLenFeature(tf.string)},
        sequence_features={"f": tf.FixedLenSequenceFeature([2], tf.float32), "v": tf.VarLenFeature(tf.int64)})
    return [static(out), run(tf, out)]


@case
def parse_sequence_example_graph_nodes_with_defaults(tf):
    g = tf.Graph()
    with g.as_default():
        tf.io.parse_sequence_example(
            tf.placeholder(tf.string, [None]),
            context_features={"a b": tf.FixedLenFeature([2], tf.int64, default_value=[1, 2]),
                              "c": tf.FixedLenFeature([], tf.string)},
            sequence_features={"f": tf.FixedLenSequenceFeature([], tf.int64, allow_missing=True),
                               "g": tf.FixedLenSequenceFeature([3], tf.float32)}, example_names=["x"], name="seq")
    return graph_ops(g)
