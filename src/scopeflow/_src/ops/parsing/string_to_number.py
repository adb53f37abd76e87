"""``StringToNumber``: each string parsed as a number (``tf.strings.to_number``)."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.ops.common import dtype_lists, shape_fns
from scopeflow._src.ops.parsing.numbers import parse, text_of

_OUT_TYPES = dtype_lists.types("float32,float64,int32,int64,uint32,uint64")


def _string_to_number_factory(op, state):
    dtype = np.dtype(op._attrs.get("out_type", dtypes.float32).as_numpy_dtype)

    def string_to_number(values):
        out = []
        for text in values.reshape(-1).tolist():
            number = parse(text, dtype)
            if number is None:
                raise errors.InvalidArgumentError(
                    None, op, f"StringToNumberOp could not correctly convert string: {text_of(text)}")
            out.append(number)
        return np.array(out, dtype=np.float64 if dtype.kind == "f" else dtype).astype(dtype).reshape(values.shape)
    return string_to_number


registry.register(OpDef("StringToNumber", inputs=["string_tensor: string"], outputs=["output: out_type"],
                        attrs={"out_type": _OUT_TYPES}, defaults={"out_type": dtypes.float32},
                        shape=shape_fns.unchanged, factory=_string_to_number_factory))


def string_to_number(string_tensor=None, out_type=dtypes.float32, name=None, input=None):  # noqa: A002
    """Each string of ``string_tensor`` as a number of ``out_type`` (float32 by default), parsed
    as TensorFlow does: decimal integers; decimal or hexadecimal floats, ``inf`` and ``nan``.
    ``input`` is TF1's deprecated name of ``string_tensor``.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     t = tf.strings.to_number(["1.5", " 2 "])
    ...     print(t.name, t.dtype.name, tf.Session().run(t).tolist())
    StringToNumber:0 float32 [1.5, 2.0]
    """
    if string_tensor is not None and input is not None:
        raise ValueError("Cannot specify both 'string_tensor' and 'input'.")
    string_tensor = input if string_tensor is None else string_tensor
    out_type = dtypes.as_dtype(out_type)
    dtype_lists.check_allowed("out_type", out_type, _OUT_TYPES)
    return create_output("StringToNumber", [string_tensor], {"out_type": out_type.base_dtype}, name=name)
