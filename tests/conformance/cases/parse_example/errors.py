"""Errors of the parse functions: bad configurations while building, bad records while running."""

from tests.conformance.cases.parse_example._helpers import example, run, sequence
from tests.conformance.harness import case, raises


def _batch(tf, records, features, names=None):
    return run(tf, tf.parse_example(records, features, example_names=names))


def _single(tf, record, features):
    return run(tf, tf.parse_single_example(record, features))


@case
def build_errors_of_feature_configurations(tf):
    s = tf.placeholder(tf.string, [None])
    configs = [
        {},
        None,
        {"a": tf.FixedLenFeature(None, tf.int64)},
        {"a": tf.FixedLenFeature([None, 2], tf.int64)},
        {"a": tf.FixedLenFeature([2, None], tf.int64)},
        {"a": tf.FixedLenFeature([2], None)},
        {"a": tf.VarLenFeature(None)},
        {"a": tf.io.FixedLenSequenceFeature([2], tf.int64)},
        {"a": tf.io.FixedLenSequenceFeature(None, tf.int64, allow_missing=True)},
        {"a": (2, tf.int64)},
        {"a": tf.FixedLenFeature([2], tf.int32)},
        {"a": tf.VarLenFeature(tf.float64)},
    ]
    return [raises(lambda c=c: tf.parse_example(s, c)) for c in configs]


@case
def build_errors_of_default_values(tf):
    s = tf.placeholder(tf.string, [None])
    configs = [
        {"a": tf.FixedLenFeature([2], tf.int64, default_value=[1, 2, 3])},
        {"a": tf.FixedLenFeature([], tf.int64, default_value="x")},
        {"a": tf.FixedLenFeature([2], tf.float32, default_value=1.0)},
        {"a": tf.io.FixedLenSequenceFeature([], tf.int64, allow_missing=True, default_value=[1, 2])},
    ]
    return [raises(lambda c=c: tf.parse_example(s, c)) for c in configs]


@case
def build_errors_of_inputs(tf):
    f = {"a": tf.FixedLenFeature([], tf.int64)}
    return [raises(lambda: tf.parse_example(tf.constant([1.0]), f)),
            raises(lambda: tf.parse_example(tf.placeholder(tf.string, [2, 2]), f)),
            raises(lambda: tf.parse_single_example(tf.placeholder(tf.string, []), {})),
            raises(lambda: tf.parse_single_example(tf.placeholder(tf.string, []), None))]


@case
def runtime_error_missing_required_feature(tf):
    f = {"a": tf.FixedLenFeature([2], tf.int64)}
    return [_batch(tf, [example(tf, a=[1, 2]), example(tf, b=[1])], f),
            _batch(tf, [example(tf, a=[1, 2]), example(tf, b=[1])], f, names=["first", "second"]),
            _single(tf, example(tf, b=[1]), f),
            _batch(tf, [example(tf, a=[])], {"a": tf.FixedLenFeature([], tf.string)})]


@case
def runtime_error_wrong_dtype_dense(tf):
    return [_batch(tf, [example(tf, a=[1, 2])], {"a": tf.FixedLenFeature([2], tf.float32)}),
            _batch(tf, [example(tf, a=[b"x"])], {"a": tf.FixedLenFeature([], tf.int64)}),
            _single(tf, example(tf, a=[1.0]), {"a": tf.FixedLenFeature([], tf.int64)}),
            _single(tf, example(tf, a=[1.0]), {"a": tf.io.FixedLenSequenceFeature([], tf.string,
                                                                                   allow_missing=True)})]


@case
def runtime_error_wrong_dtype_sparse(tf):
    return [_batch(tf, [example(tf, a=[1]), example(tf, a=[1.0])], {"a": tf.VarLenFeature(tf.int64)}),
            _single(tf, example(tf, a=[b"q"]), {"a": tf.VarLenFeature(tf.float32)})]


@case
def runtime_error_wrong_number_of_values(tf):
    return [_batch(tf, [example(tf, a=[1])], {"a": tf.FixedLenFeature([2], tf.int64)}),
            _batch(tf, [example(tf, a=[1.0, 2.0, 3.0])], {"a": tf.FixedLenFeature([2], tf.float32)}),
            _batch(tf, [example(tf, a=[b"a"])], {"a": tf.FixedLenFeature([2, 2], tf.string)}),
            _single(tf, example(tf, a=[1, 2, 3]), {"a": tf.FixedLenFeature([2], tf.int64)}),
            _single(tf, example(tf, a=[b"a"]), {"a": tf.FixedLenFeature([2], tf.string)})]


@case
def runtime_error_sequence_stride(tf):
    f = {"a": tf.io.FixedLenSequenceFeature([2], tf.int64, allow_missing=True)}
    return [_batch(tf, [example(tf, a=[1, 2]), example(tf, a=[1, 2, 3])], f),
            _single(tf, example(tf, a=[1, 2, 3]), f)]


@case
def runtime_error_records_that_do_not_parse(tf):
    f = {"a": tf.FixedLenFeature([], tf.int64, default_value=0)}
    return [_batch(tf, [example(tf, a=[1]), b"garbage\n"], f),
            _single(tf, b"garbage\n", f),
            _batch(tf, [b"\x0a\x05"], f),
            _batch(tf, [b""], f),
            _batch(tf, [b"\x0a\x04\x0a\x02\x0aA"], f)]


@case
def runtime_error_names_shape(tf):
    f = {"a": tf.FixedLenFeature([], tf.int64, default_value=0)}
    return _batch(tf, [example(tf), example(tf)], f, names=["only one"])


@case
def runtime_error_fed_matrix_to_unknown_rank(tf):
    s = tf.placeholder(tf.string)
    out = tf.parse_example(s, {"a": tf.VarLenFeature(tf.int64)})
    return run(tf, out, {s: [[example(tf, a=[1])]]})


@case
def runtime_errors_of_sequence_examples(tf):
    def single(record, context=None, lists=None):
        return run(tf, tf.parse_single_sequence_example(record, context, lists))
    fl, cf = tf.FixedLenSequenceFeature, tf.FixedLenFeature
    return [
        single(sequence(tf, {}, f=[[1.0, 2.0]]), {"c": cf([2], tf.int64)}),
        single(sequence(tf, {"c": [1.0, 2.0]}), {"c": cf([2], tf.int64)}),
        single(sequence(tf, {"c": [1, 2, 3]}), {"c": cf([2], tf.int64)}),
        single(sequence(tf, g=[[1]]), None, {"f": fl([2], tf.float32)}),
        single(sequence(tf, f=[[1.0, 2.0], [3.0]]), None, {"f": fl([2], tf.float32)}),
        single(sequence(tf, f=[[1, 2]]), None, {"f": fl([2], tf.float32)}),
        single(sequence(tf, f=[[1.0]]), None, {"f": tf.VarLenFeature(tf.int64)}),
        single(sequence(tf, {"c": [1.0]}), {"c": tf.VarLenFeature(tf.int64)}),
        single(b"garbage\n", {"c": tf.VarLenFeature(tf.int64)}),
        single(sequence(tf, f=[[b"a"], []]), None, {"f": fl([], tf.string)}),
    ]


@case
def runtime_errors_of_sequence_batches(tf):
    def batch(records, lists):
        return run(tf, tf.io.parse_sequence_example(records, sequence_features=lists))
    fl = tf.FixedLenSequenceFeature
    return [batch([sequence(tf, f=[[1.0, 2.0]]), sequence(tf, f=[[1.0, 2.0], [3, 4]])], {"f": fl([2], tf.float32)}),
            batch([sequence(tf, v=[[1.0, 2.0]]), sequence(tf, v=[[1.0], [3, 4, 5]])],
                  {"v": tf.VarLenFeature(tf.float32)}),
            batch([sequence(tf, f=[[1.0]]), sequence(tf, g=[[1]])], {"f": fl([1], tf.float32)})]


@case
def build_errors_of_sequence_feature_types(tf):
    s = tf.placeholder(tf.string, [])
    configs = [({"c": tf.FixedLenFeature([], tf.int32)}, None), ({"c": tf.VarLenFeature(tf.float64)}, None),
               (None, {"f": tf.FixedLenSequenceFeature([], tf.int32)}), (None, {"f": tf.VarLenFeature(tf.bool)})]
    return [raises(lambda c=c, f=f: tf.parse_single_sequence_example(s, c, f)) for c, f in configs]


def _entry(key, feature):
    entry = b"\x0a" + bytes([len(key)]) + key + b"\x12" + bytes([len(feature)]) + feature
    return b"\x0a" + bytes([len(entry)]) + entry


def _record(*entries):
    features = b"".join(entries)
    return b"\x0a" + bytes([len(features)]) + features


@case
def hand_written_records_duplicate_keys_and_odd_features(tf):
    one, two = b"\x1a\x03\x0a\x01\x01", b"\x1a\x03\x0a\x01\x02"
    dup = _record(_entry(b"a", one), _entry(b"a", two))
    fixed, varlen = {"a": tf.FixedLenFeature([], tf.int64)}, {"a": tf.VarLenFeature(tf.int64)}
    return [_batch(tf, [dup], fixed), _batch(tf, [dup], varlen), _batch(tf, [dup] * 40, fixed),
            _single(tf, dup, fixed), _single(tf, dup, varlen),
            _batch(tf, [_record(_entry(b"a", one)) + _record(_entry(b"a", two))], fixed),
            _batch(tf, [_record(_entry(b"a", b"\x1a\x00"))], fixed),
            _batch(tf, [_record(_entry(b"a", b"\x22\x00"))], {"a": tf.FixedLenFeature([], tf.int64, default_value=4)}),
            _single(tf, _record(_entry(b"a", b"\x22\x00")), varlen),
            _batch(tf, [_record(_entry(b"a", b"\x1a\x02\x08\x07"))], fixed),
            _batch(tf, [_record(_entry(b"a", b"\x1a\x03\x0a\x01\x80"))], fixed),
            _single(tf, _record(_entry(b"a", b"\x1a\x03\x0a\x01\x80")), fixed),
            _batch(tf, [_record(_entry(b"a", b"\x0a\x03\x0a\x05\x80"))], {"a": tf.FixedLenFeature([], tf.string)})]
