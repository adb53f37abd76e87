"""tf.io.serialize_tensor / parse_tensor (TensorProto bytes, TF's exact encoding) and
tf.io.decode_compressed (ZLIB, GZIP): op names, static shapes, values and errors."""

import gzip
import zlib

import numpy as np

from tests.conformance.cases._math_helpers import describe
from tests.conformance.harness import case, run_error

_VALUES = [np.array([[1.5, -2.0, 3.25]], np.float32), np.array(7, np.int64), np.array([True, False, True]),
           np.array([[1 + 2j, 3 - 1j]], np.complex64), np.array([], np.float64).reshape(0, 2),
           np.array([3, 200], np.uint8), np.array([1.5, 2.5], np.float16)]


@case
def serialize_tensor_bytes(tf):
    return describe(tf, [tf.io.serialize_tensor(tf.constant(v)) for v in _VALUES])


@case
def serialize_tensor_strings(tf):
    return describe(tf, [tf.serialize_tensor(tf.constant([[b"ab", b""], [b"\xff", b"xyz"]]), name="s"),
                         tf.io.serialize_tensor(tf.constant(b"one"))])


@case
def parse_tensor_round_trip(tf):
    outs = [tf.io.parse_tensor(tf.io.serialize_tensor(tf.constant(v)), tf.as_dtype(v.dtype)) for v in _VALUES]
    return describe(tf, outs)


@case
def parse_tensor_strings_and_shape(tf):
    s = tf.io.serialize_tensor(tf.constant([[b"ab", b""], [b"\xff", b"xyz"]]))
    out = tf.parse_tensor(s, tf.string, name="p")
    return describe(tf, [out])


@case
def parse_tensor_type_mismatch(tf):
    s = tf.io.serialize_tensor(tf.constant([1.0, 2.0]))
    return run_error(tf, tf.io.parse_tensor(s, tf.float64))


@case
def parse_tensor_bad_bytes(tf):
    return run_error(tf, tf.io.parse_tensor(tf.constant(b"\xff\xff\xff"), tf.float32))


@case
def parse_tensor_non_scalar(tf):
    s = tf.io.serialize_tensor(tf.constant(1.0))
    return run_error(tf, tf.io.parse_tensor(tf.stack([s, s]), tf.float32))


@case
def decode_compressed_zlib_gzip(tf):
    texts = [b"hello hello hello", b"", b"\x00\x01binary"]
    z = tf.constant([zlib.compress(t) for t in texts])
    g = tf.constant([[gzip.compress(t, mtime=0) for t in texts]])
    return describe(tf, [tf.io.decode_compressed(z, "ZLIB"), tf.decode_compressed(g, compression_type="GZIP"),
                         tf.io.decode_compressed(tf.constant(texts))])


@case
def decode_compressed_bad_stream(tf):
    return run_error(tf, tf.io.decode_compressed(tf.constant([b"not zlib"]), "ZLIB"))


@case
def decode_compressed_bad_type(tf):
    return run_error(tf, tf.io.decode_compressed(tf.constant([b"x"]), "BZ2"))
