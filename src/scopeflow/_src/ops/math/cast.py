"""``Cast`` (``tf.cast``, TF1's ``to_float`` family) and ``raw_cast``, the op as TensorFlow's
generated ``gen_math_ops.cast`` builds it, which the array and math wrappers share."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, errors, op_builder, registry, tensor_util
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.indexed_slices import IndexedSlices
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.ops.common import shape_fns


def _cast_factory(op, state):
    src, dst = op._attrs["SrcT"].base_dtype, op._attrs["DstT"].base_dtype
    if (src == dtypes.string) != (dst == dtypes.string):  # TF has no such kernel
        def unsupported(x):
            raise errors.UnimplementedError(
                None, op, f"Cast {op_builder.type_string(src)} to {op_builder.type_string(dst)} is not supported")
        return unsupported
    np_type = op._attrs["DstT"].as_numpy_dtype
    src_complex = op._attrs["SrcT"].is_complex
    dst_complex = op._attrs["DstT"].is_complex

    def kernel(x):
        x = np.asarray(x)
        if src_complex and not dst_complex:
            x = x.real
        return x.astype(np_type)
    return kernel


def _fold_cast(t):
    value = tensor_util.constant_value(t.op._inputs[0])
    if value is None:
        return None
    with np.errstate(all="ignore"):
        return np.asarray(value).astype(t.dtype.as_numpy_dtype)


def _lower_cast(op, jx):
    np_type = op._attrs["DstT"].as_numpy_dtype
    drop_imaginary = op._attrs["SrcT"].is_complex and not op._attrs["DstT"].is_complex
    return lambda x: (jx.jnp.real(x) if drop_imaginary else x).astype(np_type)


registry.register(OpDef("Cast", inputs=["x: SrcT"], outputs=["y: DstT"], shape=shape_fns.unchanged,
                        factory=_cast_factory, fold=_fold_cast, defaults={"Truncate": False}, lower=_lower_cast))


def raw_cast(x, dtype, name=None):
    """A ``Cast`` of the tensor ``x``, even when the dtype does not change (``gen_math_ops.cast``)."""
    return create_output("Cast", [x], {"DstT": dtype, "Truncate": False}, name=name)


def cast(x, dtype, name=None):
    """``x`` converted to ``dtype`` (a ``Cast`` op); ``x`` itself when it already has it.

    >>> import scopeflow as tf
    >>> tf.cast(tf.constant([1.7, -1.7]), tf.int32).name
    'Cast:0'
    """
    base = dtypes.as_dtype(dtype).base_dtype
    if isinstance(x, Tensor) and x.dtype == base:
        return x
    with name_scope(name, "Cast", [x]) as scope:
        if isinstance(x, IndexedSlices):  # a sparse gradient stays sparse, as in TF
            return IndexedSlices(cast(x.values, base, name=scope), x.indices, x.dense_shape)
        x = convert_to_tensor(x, name="x")
        if x.dtype.base_dtype != base:
            x = raw_cast(x, base, scope)
        return x


def _to(dtype, default_name):
    def convert(x, name=default_name):
        return cast(x, dtype, name=name)
    convert.__doc__ = f"TF1's ``cast(x, {dtype.name})`` with default name ``{default_name}``."
    return convert


to_float = _to(dtypes.float32, "ToFloat")
to_double = _to(dtypes.float64, "ToDouble")
to_int32 = _to(dtypes.int32, "ToInt32")
to_int64 = _to(dtypes.int64, "ToInt64")
to_bfloat16 = _to(dtypes.bfloat16, "ToBFloat16")
to_complex64 = _to(dtypes.complex64, "ToComplex64")
to_complex128 = _to(dtypes.complex128, "ToComplex128")
