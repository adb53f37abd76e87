"""DType attributes: names, reprs, enums, sizes, predicates, min/max, real_dtype, as_numpy_dtype."""

import numpy as np

from tests.conformance.cases.dtypes._helpers import TF1_DTYPES, _ref
from tests.conformance.harness import case, raises

NUMERIC_DTYPES = [
    "float16", "float32", "float64", "int8", "uint8", "uint16", "uint32",
    "uint64", "int16", "int32", "int64",
]


def _flags(d):
    return [d.is_floating, d.is_integer, d.is_complex, d.is_bool, d.is_unsigned]


@case
def module_constants_names(tf):
    return {n: getattr(tf, n).name for n in TF1_DTYPES}


@case
def module_constants_are_as_dtype(tf):
    return {n: getattr(tf, n) is tf.as_dtype(n) for n in TF1_DTYPES}


@case
def aliases_half_double(tf):
    return [tf.half is tf.float16, tf.double is tf.float64, tf.half.name, tf.double.name]


@case
def reprs(tf):
    return {n: repr(getattr(tf, n)) for n in TF1_DTYPES}


@case
def strs(tf):
    return {n: str(getattr(tf, n)) for n in TF1_DTYPES}


@case
def ref_names(tf):
    return {n: _ref(tf, n).name for n in TF1_DTYPES}


@case
def ref_reprs(tf):
    return {n: repr(_ref(tf, n)) for n in TF1_DTYPES}


@case
def ref_strs(tf):
    return {n: str(_ref(tf, n)) for n in TF1_DTYPES}


@case
def base_dtype_of_ref(tf):
    return {n: _ref(tf, n).base_dtype is getattr(tf, n) for n in TF1_DTYPES}


@case
def base_dtype_of_base_is_self(tf):
    return {n: getattr(tf, n).base_dtype is getattr(tf, n) for n in TF1_DTYPES}


@case
def datatype_enums(tf):
    return {n: getattr(tf, n).as_datatype_enum for n in TF1_DTYPES}


@case
def ref_datatype_enums(tf):
    return {n: _ref(tf, n).as_datatype_enum for n in TF1_DTYPES}


@case
def sizes(tf):
    return {n: getattr(tf, n).size for n in TF1_DTYPES}


@case
def ref_sizes(tf):
    return {n: _ref(tf, n).size for n in ["float32", "int64", "bool", "string", "complex128"]}


@case
def predicates(tf):
    return {n: _flags(getattr(tf, n)) for n in TF1_DTYPES}


@case
def ref_predicates(tf):
    return {n: _flags(_ref(tf, n)) for n in TF1_DTYPES}


@case
def is_quantized(tf):
    return {n: getattr(tf, n).is_quantized for n in TF1_DTYPES}


@case
def numeric_min(tf):
    return {n: float(getattr(tf, n).min) if n.startswith("float") else int(getattr(tf, n).min) for n in NUMERIC_DTYPES}


@case
def numeric_max(tf):
    return {n: float(getattr(tf, n).max) if n.startswith("float") else int(getattr(tf, n).max) for n in NUMERIC_DTYPES}


@case
def bfloat16_min_max(tf):
    return [float(tf.bfloat16.min), float(tf.bfloat16.max)]


@case
def ref_min_max(tf):
    return [int(_ref(tf, "int8").min), int(_ref(tf, "uint8").max), float(_ref(tf, "float16").max)]


@case
def min_of_bool_error(tf):
    return raises(lambda: tf.bool.min)


@case
def max_of_string_error(tf):
    return raises(lambda: tf.string.max)


@case
def min_of_complex_error(tf):
    return raises(lambda: tf.complex64.min)


@case
def max_of_quantized_error(tf):
    return raises(lambda: tf.qint8.max)


@case
def min_of_resource_error(tf):
    return raises(lambda: tf.resource.min)


@case
def real_dtype(tf):
    names = ["float32", "float64", "complex64", "complex128", "int32", "bool", "string"]
    return {n: getattr(tf, n).real_dtype for n in names}


@case
def real_dtype_of_refs(tf):
    return [_ref(tf, "float32").real_dtype, _ref(tf, "complex64").real_dtype, _ref(tf, "complex128").real_dtype]


@case
def as_numpy_dtype_names(tf):
    names = ["float16", "float32", "float64", "complex64", "complex128", "int8", "uint8",
             "uint16", "uint32", "uint64", "int16", "int32", "int64", "bool"]
    return {n: np.dtype(getattr(tf, n).as_numpy_dtype).name for n in names}


@case
def as_numpy_dtype_is_numpy_type(tf):
    return [tf.float32.as_numpy_dtype is np.float32, tf.int64.as_numpy_dtype is np.int64,
            tf.bool.as_numpy_dtype is np.bool_, tf.string.as_numpy_dtype is object]
