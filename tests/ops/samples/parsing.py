"""Parsing ops: bytes and text into numbers, against NumPy references (no gradients: their
inputs are strings). TF's parsing rules and errors are tested in ``tests/ops/test_parsing.py``
and the ``parsing`` conformance area."""

import numpy as np

from tests.conformance.cases.parse_example._helpers import example
from tests.ops.samples import sample

_RAW = np.array([np.arange(6, dtype="<i2").tobytes(), np.arange(6, 12, dtype="<i2").tobytes()], dtype=object)
_RAW_BE = np.array([np.linspace(-1, 1, 3).astype(">f8").tobytes()] * 2, dtype=object)
_NUMBERS = np.array([[b"1.5", b" -2", b"1e3"], [b"inf", b"0x10", b".25"]], dtype=object)
_CSV = np.array([b'1,2.5,"a,b"', b',-1.5,c', b'7,,"say ""hi"""'], dtype=object)


@sample("DecodeRaw", [_RAW], lambda x: np.arange(12, dtype=np.int16).reshape(2, 6), grad=False, exact_shape=False)
def _(tf, x):
    return tf.decode_raw(x, tf.int16)


@sample("DecodeRaw", [_RAW_BE], lambda x: np.tile(np.linspace(-1, 1, 3), (2, 1)), grad=False, exact_shape=False)
def _(tf, x):
    return tf.io.decode_raw(x, tf.float64, little_endian=False)


@sample("StringToNumber", [_NUMBERS], lambda x: np.array([[1.5, -2, 1e3], [np.inf, 16, 0.25]], np.float32),
        grad=False)
def _(tf, x):
    return tf.strings.to_number(x)


@sample("StringToNumber", [np.array([b"12", b" -3 ", b"+4"], dtype=object)],
        lambda x: np.array([12, -3, 4], np.int64), grad=False)
def _(tf, x):
    return tf.string_to_number(x, tf.int64)


def _csv_reference(x):
    return [np.array([1, 0, 7], np.int32), np.array([2.5, -1.5, 9.0], np.float64),
            np.array([b"a,b", b"c", b'say "hi"'], dtype=object)]


@sample("DecodeCSV", [_CSV], _csv_reference, grad=False)
def _(tf, x):
    return tf.io.decode_csv(x, [[0], tf.constant([9.0], tf.float64), tf.constant([], tf.string)])


def _example(**features):
    import scopeflow as tf  # the protos load on first use

    return example(tf, **features)


def _sequence(**lists):
    import scopeflow as tf  # the protos load on first use

    return tf.train.SequenceExample(feature_lists=tf.train.FeatureLists(feature_list={
        k: tf.train.FeatureList(feature=[tf.train.Feature(int64_list=tf.train.Int64List(value=f)) for f in v])
        for k, v in lists.items()})).SerializeToString()


_EXAMPLES = np.array([_example(x=[1.5, 2.5], s=[b"a"]), _example(x=[3.0, 4.0])], dtype=object)


@sample("ParseExampleV2", [_EXAMPLES], lambda x: [np.array([[0, 0]]), np.array([b"a"], dtype=object),
                                                  np.array([2, 1]), np.array([[1.5, 2.5], [3.0, 4.0]], np.float32)],
        grad=False, exact_shape=False)
def _(tf, x):
    parsed = tf.io.parse_example(x, {"x": tf.io.FixedLenFeature([2], tf.float32), "s": tf.io.VarLenFeature(tf.string)})
    return [parsed["s"].indices, parsed["s"].values, parsed["s"].dense_shape, parsed["x"]]


@sample("ParseSequenceExampleV2", [np.array(_sequence(t=[[1], [2], [3]]), dtype=object)],
        lambda x: [np.array([1, 2, 3])], grad=False, exact_shape=False)
def _(tf, x):
    return [tf.io.parse_single_sequence_example(x, sequence_features={"t": tf.io.FixedLenSequenceFeature(
        [], tf.int64)})[1]["t"]]


def _tf1_parse_op(tf, op_type, inputs, attrs):
    """A TF1 parse op (only imported graphs hold them: no wrapper builds one)."""
    from scopeflow._src.framework import registry  # the op builder's parts, as the wrappers use them
    from scopeflow._src.framework.op_builder import infer_outputs

    graph = tf.get_default_graph()
    name = graph._op_name(None, op_type)
    if "Tdense" in attrs:
        attrs = dict(attrs, _num_dense=len(attrs["Tdense"]), _num_sparse_types=len(attrs["sparse_types"]))
    return graph._add_op(op_type, name, inputs, attrs, infer_outputs(registry.get(op_type), name, inputs, attrs))


@sample("ParseExample", [_EXAMPLES], lambda x: [np.array([[0, 0]]), np.array([b"a"], dtype=object), np.array([2, 1]),
                                                np.array([[1.5, 2.5], [3.0, 4.0]], np.float32)],
        grad=False, exact_shape=False)
def _(tf, x):
    keys = [tf.constant("s"), tf.constant("x")]
    op = _tf1_parse_op(tf, "ParseExample", [x, tf.constant([], tf.string)] + keys + [tf.constant([], tf.float32)],
                       {"Nsparse": 1, "Ndense": 1, "sparse_types": [tf.string], "Tdense": [tf.float32],
                        "dense_shapes": [tf.TensorShape([2])]})
    return list(op.outputs)


@sample("ParseSingleExample", [_EXAMPLES[0]], lambda x: [np.array([[0]]), np.array([b"a"], dtype=object),
                                                          np.array([1]), np.array([1.5, 2.5], np.float32)],
        grad=False, exact_shape=False)
def _(tf, x):
    op = _tf1_parse_op(tf, "ParseSingleExample", [x, tf.constant([], tf.float32)],
                       {"num_sparse": 1, "sparse_keys": ["s"], "dense_keys": ["x"], "sparse_types": [tf.string],
                        "Tdense": [tf.float32], "dense_shapes": [tf.TensorShape([2])]})
    return list(op.outputs)


def _sequence_attrs(tf, **extra):
    """The attributes of a TF1 sequence parse op of one int64 scalar feature list (and the
    private lengths of its type lists)."""
    attrs = {"Ncontext_sparse": 0, "Ncontext_dense": 0, "Nfeature_list_sparse": 0, "Nfeature_list_dense": 1,
             "context_sparse_types": [], "Tcontext_dense": [], "context_dense_shapes": [],
             "feature_list_sparse_types": [], "feature_list_dense_types": [tf.int64],
             "feature_list_dense_shapes": [tf.TensorShape([])], "_num_context_dense": 0,
             "_num_context_sparse_types": 0, "_num_feature_list_dense_types": 1, "_num_feature_list_sparse_types": 0}
    attrs.update(extra)
    return attrs


@sample("ParseSequenceExample", [np.array([_sequence(t=[[1], [2], [3]])], dtype=object)],
        lambda x: [np.array([[1, 2, 3]]), np.array([3])], grad=False, exact_shape=False)
def _(tf, x):
    op = _tf1_parse_op(tf, "ParseSequenceExample", [x, tf.constant([], tf.string)],
                          _sequence_attrs(tf, feature_list_dense_keys=["t"], context_sparse_keys=[],
                                          context_dense_keys=[], feature_list_sparse_keys=[],
                                          feature_list_dense_missing_assumed_empty=[]))
    return list(op.outputs)


@sample("ParseSingleSequenceExample", [np.array(_sequence(t=[[1], [2]]), dtype=object)],
        lambda x: [np.array([1, 2])], grad=False, exact_shape=False)
def _(tf, x):
    op = _tf1_parse_op(tf, "ParseSingleSequenceExample",
                          [x, tf.constant([], tf.string), tf.constant("t"), tf.constant("")], _sequence_attrs(tf))
    return list(op.outputs)


_B64 = np.array([[b"hello", b"\xff\xfe\x00?"], [b"", b"ab"]], dtype=object)


@sample("EncodeBase64", [_B64], lambda x: np.array([[b"aGVsbG8=", b"__4APw=="], [b"", b"YWI="]], dtype=object),
        grad=False)
def _(tf, x):
    return tf.io.encode_base64(x, pad=True)


@sample("DecodeBase64", [np.array([b"aGVsbG8", b"__4APw==", b""], dtype=object)],
        lambda x: np.array([b"hello", b"\xff\xfe\x00?", b""], dtype=object), grad=False)
def _(tf, x):
    return tf.io.decode_base64(x)
