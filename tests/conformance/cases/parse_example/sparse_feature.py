"""``tf.io.SparseFeature``: index and value features merged into one ``SparseTensor``."""

from tests.conformance.cases.parse_example._helpers import example, graph_ops, run, static
from tests.conformance.harness import case, raises


@case
def sparse_feature_graph_and_values(tf):
    g = tf.Graph()
    with g.as_default():
        records = [example(tf, ix=[3, 1], val=[0.5, 1.5]), example(tf, ix=[2], val=[7.0]), example(tf)]
        out = tf.io.parse_example(records, {"sp": tf.io.SparseFeature("ix", "val", tf.float32, 5),
                                            "ix": tf.io.VarLenFeature(tf.int64)})
        got = run(tf, out)
    return [graph_ops(g), static(out), got]


@case
def sparse_feature_already_sorted_and_single_example(tf):
    g = tf.Graph()
    with g.as_default():
        out = tf.parse_single_example(example(tf, i=[1, 4], v=[b"a", b"b"]),
                                      {"s": tf.SparseFeature("i", "v", tf.string, 6, already_sorted=True)})
        got = run(tf, out)
    return [graph_ops(g), static(out), got]


@case
def sparse_feature_of_two_index_keys(tf):
    records = [example(tf, r=[0, 1], c=[2, 0], v=[10, 20]), example(tf, r=[1], c=[1], v=[30])]
    out = tf.io.parse_example(records, {"m": tf.io.SparseFeature(["r", "c"], "v", tf.int64, [2, 3])})
    return [static(out), run(tf, out)]


@case
def sparse_feature_size_as_tensor(tf):
    out = tf.io.parse_example([example(tf, i=[1], v=[2.0])],
                              {"s": tf.io.SparseFeature("i", "v", tf.float32, tf.constant(4))})
    return [static(out), run(tf, out)]


@case
def sparse_feature_build_errors(tf):
    s = tf.placeholder(tf.string, [None])
    configs = [tf.io.SparseFeature("", "v", tf.float32, 3), tf.io.SparseFeature("i", "", tf.float32, 3),
               tf.io.SparseFeature("i", "v", None, 3), tf.io.SparseFeature(["a", "b"], "v", tf.float32, [3]),
               tf.io.SparseFeature("i", "v", tf.float32, [3]), tf.io.SparseFeature("i", "v", tf.float32, "3")]
    out = [raises(lambda c=c: tf.parse_example(s, {"x": c})) for c in configs]
    out.append(raises(lambda: tf.parse_example(s, {"x": tf.io.SparseFeature("i", "v", tf.float32, 3),
                                                   "i": tf.VarLenFeature(tf.float32)})))
    out.append(raises(lambda: tf.parse_example(s, {"x": tf.io.SparseFeature("i", "v", tf.float32, 3),
                                                   "i": tf.FixedLenFeature([], tf.int64)})))
    return out


@case
def sparse_feature_runtime_error_of_unmatched_lengths(tf):
    out = tf.io.parse_example([example(tf, i=[1, 2], v=[2.0])], {"s": tf.io.SparseFeature("i", "v", tf.float32, 4)})
    return run(tf, out)
