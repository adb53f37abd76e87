"""``tf.dtypes``: TensorFlow's element types."""

__all__ = [
    "as_dtype", "bfloat16", "bool", "cast", "complex128", "complex64", "double", "DType", "float16", "float32",
    "float64", "half", "int16", "int32", "int64", "int8", "qint16", "qint32", "qint8", "QUANTIZED_DTYPES",
    "quint16", "quint8", "resource", "string", "uint16", "uint32", "uint64", "uint8", "variant"]

from scopeflow._src.framework.dtypes import (
    QUANTIZED_DTYPES,
    DType,
    as_dtype,
    bfloat16,
    bool,
    complex64,
    complex128,
    double,
    float16,
    float32,
    float64,
    half,
    int8,
    int16,
    int32,
    int64,
    qint8,
    qint16,
    qint32,
    quint8,
    quint16,
    resource,
    string,
    uint8,
    uint16,
    uint32,
    uint64,
    variant,
)
from scopeflow._src.ops.math_ops import cast
