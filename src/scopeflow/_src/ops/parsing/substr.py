"""``Substr`` (``tf.strings.substr``: a piece of each string, in bytes or UTF-8 characters) and
``AsString`` (``tf.as_string``: numbers and booleans as text, formatted as C's ``printf``)."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.ops.common import dtype_lists, shape_fns
from scopeflow._src.ops.parsing.string_basic import map_strings


def _escaped(s: bytes) -> str:
    return repr(s)[2:-1]


def _utf8_starts(s: bytes) -> list:
    return [i for i, b in enumerate(s) if b & 0xC0 != 0x80] + [len(s)]


def _piece(op, s: bytes, pos: int, length: int, utf8: bool, index: int) -> bytes:
    starts = _utf8_starts(s) if utf8 else None
    size = len(starts) - 1 if utf8 else len(s)
    if pos > size or pos < -size:
        raise errors.InvalidArgumentError(None, op, f"pos {pos} out of range for string b'{_escaped(s)}' at index "
                                                    f"{index}")
    start = pos + size if pos < 0 else pos
    stop = min(start + max(length, 0), size)
    return s[starts[start]:starts[stop]] if utf8 else s[start:stop]


def _substr_factory(op, state):
    utf8 = op._attrs.get("unit", "BYTE") == "UTF8_CHAR"

    def substr(values, pos, length):
        if pos.shape != length.shape:
            raise errors.InvalidArgumentError(None, op, "pos and len should have the same shape, got: "
                                                        f"{shape_fns.dims_text(pos.shape)} vs. "
                                                        f"{shape_fns.dims_text(length.shape)}")
        v, p, n = np.broadcast_arrays(np.asarray(values, dtype=object), pos, length)
        out = np.empty(v.shape, dtype=object)
        flat = out.reshape(-1)
        for i, (s, a, b) in enumerate(zip(v.reshape(-1).tolist(), p.reshape(-1).tolist(), n.reshape(-1).tolist())):
            flat[i] = _piece(op, s, a, b, utf8, i)
        return out
    return substr


def _substr_shape(inputs, attrs):
    return shape_fns.broadcast_shapes(shape_fns.broadcast_shapes(inputs[0].shape, inputs[1].shape),
                                      inputs[2].shape)


registry.register(OpDef("Substr", inputs=["input: string", "pos: T", "len: T"], outputs=["output: string"],
                        attrs={"T": dtype_lists.INDEX}, defaults={"unit": "BYTE"}, shape=_substr_shape,
                        factory=_substr_factory))


def substr(input, pos, len, name=None, unit="BYTE"):  # noqa: A002
    """``len`` bytes (or UTF-8 characters, ``unit="UTF8_CHAR"``) of each string from ``pos``
    (negative: from the end); ``pos`` and ``len`` broadcast against ``input``.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     print(tf.Session().run(tf.strings.substr(["hello", "world"], 1, 3)).tolist())
    [b'ell', b'orl']
    """
    if unit not in ("BYTE", "UTF8_CHAR"):
        raise ValueError(f"Attr 'unit' of 'Substr' Op passed string '{unit}' not in: \"BYTE\", \"UTF8_CHAR\".")
    return create_output("Substr", [input, pos, len], {"unit": unit}, name=name)


_AS_STRING_TYPES = dtype_lists.types("float32,float64,int32,uint8,int16,int8,int64,bfloat16,uint16,float16,uint32,"
                                     "uint64,complex64,complex128,bool,variant,string")


def _spec(op, dtype):
    a = op._attrs
    precision, scientific, shortest = a.get("precision", -1), a.get("scientific", False), a.get("shortest", False)
    width, fill = a.get("width", -1), a.get("fill", "")
    if scientific and shortest:
        raise errors.InvalidArgumentError(None, op, "Cannot select both scientific and shortest notation")
    if len(fill) > 1:
        raise errors.InvalidArgumentError(None, op, "Fill string must be one or fewer characters")
    if fill and fill not in " +-0#":
        raise errors.InvalidArgumentError(None, op, f'Fill argument not supported: "{fill}"')
    spec = "%" + fill + (str(width) if width > -1 else "")
    if dtype.is_floating or dtype.is_complex:
        spec += (f".{precision}" if precision > -1 else "") + ("g" if shortest else "e" if scientific else "f")
        return f"({spec},{spec})" if dtype.is_complex else spec
    return spec + ("s" if dtype in (dtypes.string, dtypes.bool) else "d")


def _as_string_factory(op, state):
    dtype = op._attrs["T"]

    def as_string(values):
        spec = _spec(op, dtype)
        if dtype == dtypes.bool:
            return map_strings(values, lambda v: (spec % ("true" if v else "false")).encode())
        if dtype == dtypes.string:
            return map_strings(values, lambda v: (spec % v.decode("latin-1")).encode("latin-1"))
        if dtype.is_complex:
            return map_strings(values, lambda v: (spec % (v.real, v.imag)).encode())
        return map_strings(values, lambda v: (spec % v).encode())
    return as_string


registry.register(OpDef("AsString", inputs=["input: T"], outputs=["output: string"], attrs={"T": _AS_STRING_TYPES},
                        defaults={"precision": -1, "scientific": False, "shortest": False, "width": -1, "fill": ""},
                        shape=shape_fns.unchanged, factory=_as_string_factory))


def as_string(input, precision=-1, scientific=False, shortest=False, width=-1, fill="", name=None):  # noqa: A002
    """Each element as text, as C's ``printf`` writes it: ``precision`` digits after the point,
    ``scientific`` (``%e``) or ``shortest`` (``%g``) notation for floats, padded to ``width``
    with ``fill`` (one of ``" +-0#"``, a ``printf`` flag); booleans as ``true``/``false``.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     print(tf.Session().run(tf.as_string([1.5, 2.0], precision=2)).tolist())
    [b'1.50', b'2.00']
    """
    attrs = {"precision": int(precision), "scientific": bool(scientific), "shortest": bool(shortest),
             "width": int(width), "fill": fill}
    return create_output("AsString", [input], attrs, name=name)
