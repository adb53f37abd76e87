"""The dtype lists of TensorFlow's op definitions, in TensorFlow's order.

A tuple keeps the order in which TF's ``OpDef`` lists the allowed types, so that the
registry's "not in list of allowed values: float32, float64, ..." message matches TF word
for word (a frozenset would be sorted instead).
"""

from __future__ import annotations

from scopeflow._src.framework import dtypes


def types(spec: str) -> tuple:
    """``"float32,float64"`` -> ``(tf.float32, tf.float64)``."""
    return tuple(dtypes.as_dtype(name.strip()) for name in spec.split(","))


_QUANTIZED = "qint8,quint8,qint32,qint16,quint16"

# TF's ``numbertype`` (Sum, Prod, AddN, Cumsum ...).
NUMBER = types("float32,float64,int32,uint8,int16,int8,complex64,int64,qint8,quint8,qint32,bfloat16,qint16,quint16,"
               "uint16,complex128,float16,uint32,uint64")
# TF's ``realnumbertype`` (comparisons) and ``{realnumbertype, quantizedtype}`` (Max, Min).
REAL = types("float32,float64,int32,uint8,int16,int8,int64,bfloat16,uint16,float16,uint32,uint64")
REAL_Q = REAL + types(_QUANTIZED)
INDEX = types("int32,int64")
INDEX16 = types("int16,int32,int64")  # TF's index types that also take int16 (GatherV2, StridedSlice)
FLOAT = types("bfloat16,float16,float32,float64")
FLOATING = types("float16,bfloat16,float32,float64")  # TF's ``floatingpointtype`` (nn ops), half first
FLOAT_COMPLEX = types("bfloat16,float16,float32,float64,complex64,complex128")
SIGNED = types("bfloat16,float16,float32,float64,int8,int16,int32,int64,complex64,complex128")
SIGNED_REAL = types("bfloat16,float16,float32,float64,int8,int16,int32,int64")
INTEGER = types("int8,int16,int32,int64,uint8,uint16,uint32,uint64")
COMPLEX = types("complex64,complex128")

# Binary arithmetic (each op lists its own order).
ADD_V2 = types("bfloat16,float16,float32,float64,uint8,uint16,uint32,uint64,int8,int16,int32,int64,complex64,"
               "complex128")
ADD = types("bfloat16,float16,float32,float64,uint8,int8,int16,int32,int64,complex64,complex128,string")
SUB = types("bfloat16,float16,float32,float64,uint8,int8,uint16,int16,int32,int64,complex64,complex128,uint32,"
            "uint64")
MUL_DIV = types("bfloat16,float16,float32,float64,uint8,int8,uint16,int16,int32,uint32,uint64,int64,complex64,"
                "complex128")
FLOOR_MOD = types("int8,int16,int32,int64,uint8,uint16,uint32,uint64,bfloat16,float16,float32,float64")
POW = types("bfloat16,float32,float16,float64,int8,int16,int32,int64,complex64,complex128")
MAX_MIN = types("bfloat16,float16,float32,float64,int8,uint8,int16,uint16,int32,uint32,int64,uint64")
SQUARED_DIFFERENCE = types("bfloat16,float16,float32,float64,int32,int64,complex64,complex128")
DIV_NO_NAN = types("float16,float32,bfloat16,float64,complex64,complex128")
SQUARE = types("bfloat16,float16,float32,float64,int8,int16,int32,int64,uint8,uint16,uint32,uint64,complex64,"
               "complex128")
MATMUL = types("bfloat16,float16,float32,float64,int32,int64,uint8,uint16,uint32,uint64,complex64,complex128")
BATCH_MATMUL = types("bfloat16,float16,float32,float64,int16,int32,int64,uint8,uint16,uint32,uint64,complex64,"
                     "complex128")
ARG_MINMAX = REAL_Q + types("bool")


def check_allowed(param: str, dtype, allowed: tuple) -> None:
    """TF's ``TypeError`` for a type attribute given outside its op's list (``allowed``, in TF's
    order), as its Python wrappers word it.

    >>> check_allowed("out_type", dtypes.int32, INDEX)
    """
    if dtype.base_dtype not in allowed:
        names = ", ".join(d.name for d in allowed)
        raise TypeError(f"Value passed to parameter '{param}' has DataType {dtype.base_dtype.name} not in list of "
                        f"allowed values: {names}")
