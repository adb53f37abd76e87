"""Clipping into a range: ``ClipByValue`` (``tf.clip_by_value`` builds ``Minimum`` and
``Maximum`` as TensorFlow does) and ``saturate_cast``, a cast that clamps first."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.indexed_slices import IndexedSlices
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.ops.common import dtype_lists, shape_fns
from scopeflow._src.ops.math.arithmetic import maximum, minimum
from scopeflow._src.ops.math.cast import cast
from scopeflow._src.ops.math.unary import real

registry.register(OpDef("ClipByValue", inputs=["t: T", "clip_value_min: T", "clip_value_max: T"],
                        outputs=["output: T"], attrs={"T": dtype_lists.NUMBER}, shape=shape_fns.unchanged,
                        kernel=lambda t, low, high: np.minimum(np.maximum(t, low), high).astype(np.asarray(t).dtype),
                        lower=lambda op, jx: lambda t, low, high: jx.jnp.minimum(jx.jnp.maximum(t, low), high)))


def clip_by_value(t, clip_value_min, clip_value_max, name=None):
    """``min(max(t, clip_value_min), clip_value_max)`` as TF builds it (``Minimum`` then a
    ``Maximum`` named ``clip_by_value``); refuses bounds that would broadcast ``t``. An
    ``IndexedSlices`` is clipped through its values and stays one, as in TF."""
    with name_scope(name, "clip_by_value", [t, clip_value_min, clip_value_max]) as scope:
        values = convert_to_tensor(t.values if isinstance(t, IndexedSlices) else t, name="t")
        t_min = minimum(values, clip_value_max)
        values.shape.assert_is_compatible_with(t_min.shape)
        t_max = maximum(t_min, clip_value_min, name=scope)
        values.shape.assert_is_compatible_with(t_max.shape)
        if isinstance(t, IndexedSlices):
            t_max = IndexedSlices(t_max, t.indices, t.dense_shape)
    return t_max


def saturate_cast(value, dtype, name=None):
    """Cast ``value`` to ``dtype``, first clipping it into ``dtype``'s range (``clamp``)."""
    with name_scope(name, "saturate_cast", [value]) as scope:
        value = convert_to_tensor(value, name="value")
        dtype = dtypes.as_dtype(dtype).base_dtype
        in_dtype = value.dtype.base_dtype
        if in_dtype.is_complex and not dtype.is_complex:
            value = real(value)
            in_dtype = in_dtype.real_dtype
        if not in_dtype.is_complex:
            low, high = _saturation_limits(in_dtype, dtype.real_dtype if dtype.is_complex else dtype)
            value = create_output("ClipByValue", [value, convert_to_tensor(low, dtype=in_dtype),
                                                  convert_to_tensor(high, dtype=in_dtype)], name="clamp")
        return cast(value, dtype, name=scope)


def _saturation_limits(in_dtype, out_dtype):
    np_type = in_dtype.as_numpy_dtype
    try:
        promoted = np.promote_types(np_type, out_dtype.as_numpy_dtype)
    except TypeError:
        promoted = float
    low = np_type(np.maximum(in_dtype.min, out_dtype.min))
    pair = np.array([low, out_dtype.min], dtype=promoted)
    if pair[0] < pair[1]:
        low = np.nextafter(low, np_type(0), dtype=np_type)
    high = np_type(np.minimum(float(in_dtype.max), float(out_dtype.max)))
    pair = np.array([high, out_dtype.max], dtype=promoted)
    if pair[0] > pair[1]:
        high = np.nextafter(high, np_type(0), dtype=np_type)
    return low, high
