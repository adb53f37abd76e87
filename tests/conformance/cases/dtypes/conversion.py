"""tf.as_dtype conversions, the DType constructor, compatibility, equality and hashing."""

import numpy as np

from tests.conformance.cases.dtypes._helpers import TF1_DTYPES, _ref
from tests.conformance.harness import case, raises


@case
def as_dtype_from_canonical_strings(tf):
    return {n: tf.as_dtype(n).name for n in TF1_DTYPES}


@case
def as_dtype_from_alias_strings(tf):
    return {s: tf.as_dtype(s) for s in ["float", "double", "half"]}


@case
def as_dtype_from_ref_strings(tf):
    return {s: tf.as_dtype(s) for s in ["float32_ref", "int32_ref", "string_ref", "bool_ref"]}


@case
def as_dtype_from_numpy_types(tf):
    types = [np.float16, np.float32, np.float64, np.int8, np.int16, np.int32, np.int64,
             np.uint8, np.uint16, np.uint32, np.uint64, np.bool_, np.complex64, np.complex128]
    return [tf.as_dtype(t) for t in types]


@case
def as_dtype_from_numpy_dtype_objects(tf):
    return [tf.as_dtype(np.dtype("float32")), tf.as_dtype(np.dtype(">f4")),
            tf.as_dtype(np.dtype("int64")), tf.as_dtype(np.dtype("bool"))]


@case
def as_dtype_from_numpy_string_types(tf):
    return [tf.as_dtype(np.object_), tf.as_dtype(np.str_), tf.as_dtype(np.bytes_),
            tf.as_dtype(np.dtype("S3")), tf.as_dtype(np.dtype("U5"))]


@case
def as_dtype_from_python_float(tf):
    return tf.as_dtype(float)


@case
def as_dtype_from_python_bool(tf):
    return tf.as_dtype(bool)


@case
def as_dtype_from_python_object(tf):
    return tf.as_dtype(object)


@case
def as_dtype_from_python_int_error(tf):
    return raises(tf.as_dtype, int)


@case
def as_dtype_from_python_str_error(tf):
    return raises(tf.as_dtype, str)


@case
def as_dtype_from_python_complex_error(tf):
    return raises(tf.as_dtype, complex)


@case
def as_dtype_from_enum_ints(tf):
    return [tf.as_dtype(1), tf.as_dtype(3), tf.as_dtype(7), tf.as_dtype(101), tf.as_dtype(109)]


@case
def as_dtype_of_dtype_is_identity(tf):
    return [tf.as_dtype(tf.float32) is tf.float32, tf.as_dtype(_ref(tf, "int32")) is _ref(tf, "int32")]


@case
def as_dtype_unknown_string_error(tf):
    return raises(tf.as_dtype, "foo")


@case
def as_dtype_int_string_error(tf):
    return raises(tf.as_dtype, "int")


@case
def as_dtype_case_sensitive_error(tf):
    return raises(tf.as_dtype, "Float32")


@case
def as_dtype_empty_string_error(tf):
    return raises(tf.as_dtype, "")


@case
def as_dtype_none_error(tf):
    return raises(tf.as_dtype, None)


@case
def as_dtype_float_value_error(tf):
    return raises(tf.as_dtype, 1.5)


@case
def as_dtype_list_error(tf):
    return raises(tf.as_dtype, [1])


@case
def as_dtype_bad_enum_error(tf):
    return raises(tf.as_dtype, 999)


@case
def as_dtype_zero_enum_error(tf):
    return raises(tf.as_dtype, 0)


@case
def as_dtype_structured_numpy_error(tf):
    return raises(tf.as_dtype, np.dtype([("a", "i1")]))


@case
def dtype_constructor_from_enum(tf):
    return [tf.DType(1), tf.DType(9), tf.DType(101)]


@case
def dtype_constructor_bad_enum_error(tf):
    return raises(tf.DType, 999)


@case
def is_compatible_with_same_and_ref(tf):
    f, fr = tf.float32, _ref(tf, "float32")
    return [f.is_compatible_with(f), f.is_compatible_with(fr), fr.is_compatible_with(f), fr.is_compatible_with(fr)]


@case
def is_compatible_with_other_type(tf):
    return [tf.float32.is_compatible_with(tf.int32), tf.int32.is_compatible_with(tf.int64),
            tf.float32.is_compatible_with(tf.float64)]


@case
def is_compatible_with_string_and_numpy(tf):
    return [tf.float32.is_compatible_with("float32"), tf.float32.is_compatible_with(np.float32),
            tf.int32.is_compatible_with(np.dtype("int32")), tf.int32.is_compatible_with("int64")]


@case
def is_compatible_with_bad_string_error(tf):
    return raises(tf.float32.is_compatible_with, "foo")


@case
def equality_with_strings(tf):
    return [tf.float32 == "float32", tf.float32 == "float", tf.float32 != "int32",
            tf.float64 == "double", tf.float32 == "float64"]


@case
def equality_with_numpy(tf):
    return [tf.float32 == np.float32, tf.float32 == np.dtype("float32"), tf.int64 == np.int64,
            tf.int32 == np.int64, tf.bool == np.bool_]


@case
def equality_with_enum_int(tf):
    return [tf.float32 == 1, tf.int32 == 3, tf.float32 == 3]


@case
def equality_with_unconvertible(tf):
    return [tf.float32 == "foo", tf.float32 == None, tf.float32 == [], tf.float32 != "foo"]  # noqa: E711


@case
def equality_base_vs_ref(tf):
    return [tf.float32 == _ref(tf, "float32"), tf.float32 != _ref(tf, "float32"),
            _ref(tf, "float32") == "float32_ref"]


@case
def dtype_hashable_as_dict_key(tf):
    d = {tf.float32: "a", tf.int32: "b", _ref(tf, "float32"): "c"}
    return [d[tf.as_dtype("float32")], d[tf.as_dtype(np.int32)], d[tf.as_dtype("float32_ref")], len(d)]


@case
def dtype_ordering_error(tf):
    return raises(lambda: tf.float32 < tf.int32)


@case
def dtypes_module_constants(tf):
    return [tf.dtypes.float32 is tf.float32, tf.dtypes.as_dtype("int8") is tf.int8,
            tf.dtypes.DType is tf.DType]


@case
def is_numpy_compatible(tf):
    return {n: getattr(tf, n).is_numpy_compatible for n in ["float32", "string", "qint8", "resource", "variant"]}


@case
def ref_of_ref_name_error(tf):
    return raises(tf.as_dtype, "float32_ref_ref")


@case
def constructed_dtype_builds_ops(tf):
    """A ``DType`` built from its enum is a full dtype: ops take it, and its base is the constant."""
    x = tf.placeholder(tf.DType(1), [2], name="x")
    y = tf.tanh(x) + x
    v = tf.Variable(tf.zeros([2], dtype=tf.DType(1)), name="v")
    ref = tf.DType(101)
    return [y.name, y.dtype.name, v.name, v.dtype.name, ref.base_dtype is tf.float32, ref._is_ref_dtype,
            tf.DType(1).base_dtype is tf.float32]
