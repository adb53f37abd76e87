"""``tf.parse_single_example`` and the feature configurations themselves."""

from tests.conformance.cases.parse_example._helpers import example, graph_ops, run, static
from tests.conformance.harness import case, raises


@case
def parse_single_example_graph_nodes(tf):
    g = tf.Graph()
    with g.as_default():
        s = tf.placeholder(tf.string, [])
        out = tf.parse_single_example(s, {"a": tf.FixedLenFeature([2], tf.int64), "b": tf.VarLenFeature(tf.float32)})
    return [graph_ops(g), static(out)]


@case
def parse_single_example_unknown_rank_asserts_scalar(tf):
    g = tf.Graph()
    with g.as_default():
        s = tf.placeholder(tf.string)
        out = tf.io.parse_single_example(s, {"a": tf.FixedLenFeature([], tf.int64)})
    return [graph_ops(g), static(out)]


@case
def parse_single_example_named(tf):
    out = tf.parse_single_example(tf.placeholder(tf.string, []), {"a": tf.FixedLenFeature([], tf.int64)}, name="one")
    return static(out)


@case
def parse_single_example_values(tf):
    record = example(tf, a=[1, 2], b=[1.5, 2.5, 3.5], s=[b"hello"], q=[1.0, 2.0, 3.0, 4.0])
    out = tf.parse_single_example(record, {
        "a": tf.FixedLenFeature([2], tf.int64), "b": tf.VarLenFeature(tf.float32),
        "s": tf.FixedLenFeature([], tf.string), "m": tf.FixedLenFeature([2], tf.float32, default_value=[7.0, 8.0]),
        "q": tf.io.FixedLenSequenceFeature([2], tf.float32, allow_missing=True),
        "v": tf.VarLenFeature(tf.string)})
    return [static(out), run(tf, out)]


@case
def parse_single_example_fed(tf):
    s = tf.placeholder(tf.string, [])
    out = tf.parse_single_example(s, {"a": tf.VarLenFeature(tf.int64)})
    return [run(tf, out, {s: example(tf, a=[5, 6, 7])}), run(tf, out, {s: example(tf)})]


@case
def parse_single_example_vector_input_rejected(tf):
    return raises(lambda: tf.parse_single_example(tf.placeholder(tf.string, [2]),
                                                  {"a": tf.FixedLenFeature([], tf.int64)}))


@case
def parse_single_example_fed_vector_to_unknown_rank(tf):
    s = tf.placeholder(tf.string)
    out = tf.parse_single_example(s, {"a": tf.FixedLenFeature([], tf.int64, default_value=0)})
    return run(tf, out, {s: [example(tf, a=[1])]})


@case
def feature_config_reprs_and_fields(tf):
    f = tf.FixedLenFeature([2], tf.int64)
    v = tf.VarLenFeature(tf.string)
    q = tf.io.FixedLenSequenceFeature([3], tf.float32)
    return [repr(f), repr(v), repr(q), list(f._fields), list(v._fields), list(q._fields),
            repr(tf.io.FixedLenFeature(shape=[], dtype=tf.float32, default_value=1.0)),
            tf.io.FixedLenSequenceFeature([], tf.int64, True, 0).allow_missing,
            tf.FixedLenSequenceFeature is tf.io.FixedLenSequenceFeature, tf.VarLenFeature is tf.io.VarLenFeature]


@case
def parse_single_example_feeds_other_ops(tf):
    record = example(tf, image=[bytes(range(6))], label=[3], w=[0.5, 1.5])
    parsed = tf.parse_single_example(record, {"image": tf.FixedLenFeature([], tf.string),
                                              "label": tf.FixedLenFeature([], tf.int64),
                                              "w": tf.FixedLenFeature([2], tf.float32)})
    image = tf.cast(tf.decode_raw(parsed["image"], tf.uint8), tf.float32) / 255.0
    label = tf.one_hot(tf.cast(parsed["label"], tf.int32), 4)
    return run(tf, [image, label, tf.reduce_sum(parsed["w"]), tf.reshape(parsed["image"], [1])])


@case
def parse_single_sequence_example_feeds_other_ops(tf):
    from tests.conformance.cases.parse_example._helpers import sequence

    record = sequence(tf, {"c": [b"ab"]}, t=[[1], [2], [3]])
    context, lists = tf.parse_single_sequence_example(
        record, {"c": tf.FixedLenFeature([], tf.string)}, {"t": tf.FixedLenSequenceFeature([], tf.int64)})
    return run(tf, [tf.decode_raw(context["c"], tf.uint8), tf.reduce_sum(lists["t"]) + tf.size(lists["t"], tf.int64)])
