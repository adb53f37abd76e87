"""SerializeTensor, ParseTensor and DecodeCompressed against Python's own encoders: the bytes of
a TensorProto built field by field, and zlib/gzip. TF's exact bytes and errors are compared in
the ``io_tensors`` conformance area."""

import gzip
import struct
import zlib

import numpy as np

from tests.ops.samples import sample

_V = np.array([1.0, -2.0], np.float32)


def _proto_bytes(x):
    # dtype (field 1, DT_FLOAT = 1), shape (field 2: one dim, field 2 of TensorShapeProto, size 2),
    # tensor_content (field 4, raw little-endian floats)
    content = struct.pack("<2f", *x.tolist())
    return np.array(b"\x08\x01" + b"\x12\x04\x12\x02\x08\x02" + b'"' + bytes([len(content)]) + content, object)


@sample("SerializeTensor", [_V], _proto_bytes, grad=False)
def _(tf, x):
    return tf.io.serialize_tensor(x)


@sample("ParseTensor", [_V], lambda x: x, grad=False, exact_shape=False)  # its shape is known when it runs
def _(tf, x):
    return tf.io.parse_tensor(tf.io.serialize_tensor(x), tf.float32)


@sample("DecodeCompressed", [np.array([1, 2], np.int32)], lambda _: np.array([b"abc", b"de"], object), grad=False)
def _(tf, _):
    z = tf.io.decode_compressed(tf.constant([zlib.compress(b"abc"), zlib.compress(b"de")]), "ZLIB")
    g = tf.io.decode_compressed(tf.constant([gzip.compress(b"abc"), gzip.compress(b"de")]), "GZIP")
    with tf.control_dependencies([tf.debugging.assert_equal(z, g)]):
        return tf.identity(z)
