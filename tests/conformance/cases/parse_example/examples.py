"""``tf.parse_example`` / ``tf.io.parse_example``: the graph built, static shapes, values,
defaults, sparse results and padded sequence features."""

import numpy as np

from tests.conformance.cases.parse_example._helpers import example, graph_ops, run, static
from tests.conformance.harness import case


@case
def parse_example_graph_nodes(tf):
    g = tf.Graph()
    with g.as_default():
        s = tf.placeholder(tf.string, [None])
        tf.parse_example(s, {"a": tf.FixedLenFeature([2], tf.int64), "b": tf.VarLenFeature(tf.float32),
                             "c": tf.FixedLenFeature([], tf.string, default_value="x"),
                             "d": tf.io.FixedLenSequenceFeature([], tf.int64, allow_missing=True)})
        op = g.get_operation_by_name("ParseExample/ParseExampleV2")
        attrs = {k: op.get_attr(k) for k in ("num_sparse", "Tdense", "sparse_types", "ragged_value_types",
                                             "ragged_split_types")}
        attrs = {k: v if isinstance(v, int) else [d.name for d in v] for k, v in attrs.items()}
        shapes = [str(s) for s in op.get_attr("dense_shapes")]
    return [graph_ops(g), attrs, shapes]


@case
def parse_example_result_structure(tf):
    s = tf.placeholder(tf.string, [None])
    out = tf.io.parse_example(s, {"z": tf.FixedLenFeature([2, 3], tf.float32), "y": tf.VarLenFeature(tf.string),
                                  "x": tf.VarLenFeature(tf.int64), "w": tf.FixedLenFeature([], tf.int64)})
    return static(out)


@case
def parse_example_static_shapes_of_a_fixed_batch(tf):
    s = tf.placeholder(tf.string, [4])
    out = tf.parse_example(s, {"a": tf.FixedLenFeature([3], tf.float32), "v": tf.VarLenFeature(tf.float32),
                               "q": tf.io.FixedLenSequenceFeature([2], tf.float32, allow_missing=True)})
    return static(out)


@case
def parse_example_unknown_rank_input(tf):
    s = tf.placeholder(tf.string)
    out = tf.parse_example(s, {"a": tf.FixedLenFeature([3], tf.float32), "v": tf.VarLenFeature(tf.float32)})
    return static(out)


@case
def parse_example_named(tf):
    out = tf.parse_example(tf.placeholder(tf.string, [None]), {"a": tf.FixedLenFeature([], tf.int64)}, name="parse")
    out2 = tf.parse_example(tf.placeholder(tf.string, [None]), {"a": tf.FixedLenFeature([], tf.int64)}, name="parse")
    return [static(out), static(out2)]


@case
def parse_example_values_each_type(tf):
    records = [example(tf, i=[1, -2, 2**40], f=[0.5, -1.25, 3.0], s=[b"a", b"", b"\x00\xff"]),
               example(tf, i=[7, 8, 9], f=[1.0, 2.0, 3.0], s=[b"x", b"y", b"z"])]
    out = tf.parse_example(records, {"i": tf.FixedLenFeature([3], tf.int64), "f": tf.FixedLenFeature([3], tf.float32),
                                     "s": tf.FixedLenFeature([3], tf.string)})
    return run(tf, out)


@case
def parse_example_matrix_shaped_feature(tf):
    records = [example(tf, m=[1.0, 2.0, 3.0, 4.0, 5.0, 6.0])]
    return run(tf, tf.parse_example(records, {"m": tf.FixedLenFeature([2, 3], tf.float32)}))


@case
def parse_example_defaults_fill_missing(tf):
    records = [example(tf, a=[1]), example(tf, b=[2.5]), example(tf)]
    out = tf.parse_example(records, {"a": tf.FixedLenFeature([], tf.int64, default_value=-1),
                                     "b": tf.FixedLenFeature([1], tf.float32, default_value=[9.0]),
                                     "c": tf.FixedLenFeature([2], tf.string, default_value=["p", "q"])})
    return run(tf, out)


@case
def parse_example_default_nodes(tf):
    g = tf.Graph()
    with g.as_default():
        tf.parse_example(tf.placeholder(tf.string, [None]), {
            "a b": tf.FixedLenFeature([2], tf.int64, default_value=[1, 2]),
            "c": tf.FixedLenFeature([2, 1], tf.float32, default_value=[[1.0], [2.0]]),
            "d": tf.io.FixedLenSequenceFeature([], tf.int64, allow_missing=True, default_value=5)})
    return graph_ops(g)


@case
def parse_example_default_as_tensor(tf):
    d = tf.constant([4, 5], tf.int64)
    out = tf.parse_example([example(tf)], {"a": tf.FixedLenFeature([2], tf.int64, default_value=d)})
    return [static(out), run(tf, out)]


@case
def parse_example_varlen_sparse_values(tf):
    records = [example(tf, v=[1, 2, 3]), example(tf), example(tf, v=[4]), example(tf, v=[])]
    out = tf.parse_example(records, {"v": tf.VarLenFeature(tf.int64)})
    return run(tf, out)


@case
def parse_example_varlen_strings_and_floats(tf):
    records = [example(tf, s=[b"a", b"bc"], f=[1.5]), example(tf, s=[b"d"], f=[2.5, 3.5, 4.5])]
    out = tf.parse_example(records, {"s": tf.VarLenFeature(tf.string), "f": tf.VarLenFeature(tf.float32)})
    return run(tf, out)


@case
def parse_example_varlen_all_missing(tf):
    out = tf.parse_example([example(tf), example(tf)], {"v": tf.VarLenFeature(tf.float32)})
    return run(tf, out)


@case
def parse_example_empty_batch(tf):
    out = tf.parse_example(tf.constant([], tf.string), {"v": tf.VarLenFeature(tf.int64),
                                                        "a": tf.FixedLenFeature([2], tf.float32)})
    return run(tf, out)


@case
def parse_example_sequence_feature_padding(tf):
    records = [example(tf, q=[1, 2, 3, 4]), example(tf, q=[5, 6]), example(tf)]
    out = tf.parse_example(records, {"q": tf.io.FixedLenSequenceFeature([2], tf.int64, allow_missing=True)})
    return run(tf, out)


@case
def parse_example_sequence_feature_default_padding(tf):
    records = [example(tf, q=[b"a", b"b"]), example(tf, q=[b"c"])]
    out = tf.parse_example(records, {"q": tf.io.FixedLenSequenceFeature([], tf.string, allow_missing=True,
                                                                         default_value="-")})
    return run(tf, out)


@case
def parse_example_fed_records(tf):
    s = tf.placeholder(tf.string, [None])
    out = tf.parse_example(s, {"a": tf.FixedLenFeature([], tf.float32), "v": tf.VarLenFeature(tf.int64)})
    records = [example(tf, a=[float(i)], v=list(range(i))) for i in range(4)]
    return run(tf, out, {s: records})


@case
def parse_example_with_example_names(tf):
    records = [example(tf, a=[1.0]), example(tf, a=[2.0])]
    out = tf.parse_example(records, {"a": tf.FixedLenFeature([], tf.float32)}, example_names=["r0", "r1"])
    return run(tf, out)


@case
def parse_example_scalar_records_input(tf):
    out = tf.parse_example(example(tf, a=[3], v=[1.0, 2.0]), {"a": tf.FixedLenFeature([], tf.int64),
                                                              "v": tf.VarLenFeature(tf.float32)})
    return [static(out), run(tf, out)]


@case
def parse_example_unknown_fields_and_merged_records(tf):
    first, second = example(tf, a=[1]), example(tf, b=[2.0])
    unknown = b"\x10\x05" + first + b"\x1a\x02hi"  # a varint field 2 and a bytes field 3 around the features
    out = tf.parse_example([first + second, unknown], {"a": tf.FixedLenFeature([], tf.int64),
                                                       "b": tf.FixedLenFeature([], tf.float32, default_value=0.0)})
    return run(tf, out)


@case
def parse_example_unpacked_encodings(tf):
    # the Feature lists written without packing: int64 tag 0x08, float tag 0x0d
    ints = b"\x1a\x04\x08\x03\x08\x04"
    floats = b"\x12\x0a\x0d" + np.float32(1.5).tobytes() + b"\x0d" + np.float32(-2).tobytes()

    def record(key, feature):
        entry = b"\x0a" + bytes([len(key)]) + key + b"\x12" + bytes([len(feature)]) + feature
        features = b"\x0a" + bytes([len(entry)]) + entry
        return b"\x0a" + bytes([len(features)]) + features
    out = tf.parse_example([record(b"i", ints) + record(b"f", floats)],
                           {"i": tf.FixedLenFeature([2], tf.int64), "f": tf.VarLenFeature(tf.float32)})
    return run(tf, out)


@case
def parse_example_big_batch_values(tf):
    records = [example(tf, img=[bytes([i % 256]) * 7], label=[i % 10], w=[i * 0.25]) for i in range(300)]
    out = tf.parse_example(records, {"img": tf.FixedLenFeature([], tf.string),
                                     "label": tf.FixedLenFeature([], tf.int64),
                                     "w": tf.FixedLenFeature([1], tf.float32)})
    got = run(tf, out)["ok"]
    return [got["img"][:5], got["img"][-3:], got["label"].sum(), got["w"].sum(), got["label"][:12]]


@case
def parse_example_key_order_of_results(tf):
    out = tf.parse_example(tf.placeholder(tf.string, [None]), {
        "b": tf.FixedLenFeature([], tf.int64), "a": tf.VarLenFeature(tf.int64), "d": tf.VarLenFeature(tf.int64),
        "c": tf.FixedLenFeature([], tf.int64)})
    return list(out)


@case
def parse_example_varlen_large_int64_with_missing_records(tf):
    records = [example(tf, v=[2**62 + 1, -(2**63) + 7]), example(tf), example(tf, v=[2**53 + 1])]
    out = tf.parse_example(records, {"v": tf.VarLenFeature(tf.int64)})
    got = run(tf, out)["ok"]["v"]
    return [got["values"].dtype.name, [str(v) for v in got["values"].tolist()], got["indices"].tolist()]
