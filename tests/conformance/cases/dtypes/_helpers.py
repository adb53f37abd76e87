"""Helpers shared by the ``dtypes`` conformance cases (no cases here)."""


# Every TensorFlow 1.x dtype, by its canonical name.
TF1_DTYPES = [
    "float16", "float32", "float64", "bfloat16", "complex64", "complex128",
    "int8", "uint8", "uint16", "uint32", "uint64", "int16", "int32", "int64",
    "bool", "string", "qint8", "quint8", "qint16", "quint16", "qint32",
    "resource", "variant",
]


def _ref(tf, name):
    return tf.as_dtype(name + "_ref")
