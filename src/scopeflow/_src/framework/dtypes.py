"""TensorFlow's data types: frozen ``DType`` objects, their ``_ref`` twins and ``as_dtype``.

Every TF1 dtype exists with TensorFlow's name, enum value (``as_datatype_enum``) and
properties. Reference types (``float32_ref``, the dtype of a ``tf.Variable``) have enum
values offset by 100, as in TensorFlow's ``types.proto``.

Where we differ: ``bfloat16.as_numpy_dtype`` needs the optional ``ml_dtypes`` package
(TensorFlow ships it); without it the property raises a ``TypeError`` that says so.
"""

from __future__ import annotations

import builtins

import numpy as np

_REF_OFFSET = 100


class DType:
    """A TensorFlow element type, e.g. ``tf.float32`` or ``tf.float32_ref``.

    >>> import scopeflow as tf
    >>> tf.float32.name, tf.float32._as_ref.name, tf.float32._as_ref.base_dtype.name
    ('float32', 'float32_ref', 'float32')
    """

    __slots__ = ("_enum", "_name", "_np", "_kind", "_size", "_base")

    def __init__(self, type_enum: int):
        spec = _SPEC_BY_ENUM.get(type_enum)
        if spec is None:
            raise TypeError(f"{type_enum} does not correspond to a valid tensorflow::DataType")
        enum, name, np_type, kind, size = spec
        object.__setattr__(self, "_enum", enum)
        object.__setattr__(self, "_name", name)
        object.__setattr__(self, "_np", np_type)
        object.__setattr__(self, "_kind", kind)
        object.__setattr__(self, "_size", size)
        object.__setattr__(self, "_base", _BY_ENUM[enum - _REF_OFFSET] if enum > _REF_OFFSET else self)  # as TF's

    def __setattr__(self, key, value):
        raise AttributeError("DType objects are immutable")

    # -- identity -------------------------------------------------------------------------
    @property
    def name(self) -> str:
        return self._name

    @property
    def as_datatype_enum(self) -> int:
        return self._enum

    @property
    def _type_enum(self) -> int:
        return self._enum

    @property
    def _is_ref_dtype(self) -> bool:
        return self._enum > _REF_OFFSET

    @property
    def _as_ref(self) -> "DType":
        return self if self._is_ref_dtype else _BY_ENUM[self._enum + _REF_OFFSET]

    @property
    def base_dtype(self) -> "DType":
        return self._base

    @property
    def real_dtype(self) -> "DType":
        return {complex64: float32, complex128: float64}.get(self.base_dtype, self)

    # -- classification -------------------------------------------------------------------
    @property
    def is_floating(self) -> bool:
        return self._kind == "f"

    @property
    def is_integer(self) -> bool:
        return self._kind in ("i", "u")

    @property
    def is_unsigned(self) -> bool:
        return self._kind == "u"

    @property
    def is_complex(self) -> bool:
        return self._kind == "c"

    @property
    def is_bool(self) -> bool:
        return self._kind == "b"

    @property
    def is_quantized(self) -> bool:
        return self._kind == "q"

    @property
    def is_numpy_compatible(self) -> bool:
        return self.base_dtype._kind not in ("r", "v")

    @property
    def size(self) -> int:
        return self._size

    @property
    def as_numpy_dtype(self):
        base = self.base_dtype
        if base._np is None:
            raise TypeError(f"{base!s} has no NumPy equivalent")
        if base._np == "bfloat16":
            try:
                import ml_dtypes  # an optional dependency: the 'bfloat16' extra
            except ImportError:  # pragma: no cover - depends on the environment
                raise TypeError(
                    "bfloat16 needs the 'ml_dtypes' package for NumPy arrays; "
                    "install it with `pip install 'scopeflow[bfloat16]'`") from None
            return ml_dtypes.bfloat16
        return base._np

    @property
    def min(self):
        return self._limit("minimum", 0)

    @property
    def max(self):
        return self._limit("maximum", 1)

    def _limit(self, which: str, index: int):
        base = self.base_dtype
        if base._kind == "q":
            raise TypeError(f"Cannot find {which} value of {self} with quantized type {base}.")
        if base._kind == "f" and base._np != "bfloat16":
            info = np.finfo(base._np)
            return (info.min, info.max)[index]
        if base._kind == "f":
            return (-3.38953e38, 3.38953e38)[index]
        if base._kind in ("i", "u"):
            info = np.iinfo(base._np)
            return (info.min, info.max)[index]
        if base._kind in ("r", "v"):
            raise TypeError(f"Cannot find {which} value of {self}.")
        raise TypeError(f"Cannot find {which} value of {self} with type {base}.")

    @property
    def limits(self):
        return (self.min, self.max)

    def is_compatible_with(self, other) -> bool:
        """True when a value of ``other`` can be used where ``self`` is expected."""
        other = as_dtype(other)
        return self._enum in (other._enum, other.base_dtype._enum)

    # -- python protocol ------------------------------------------------------------------
    def __eq__(self, other):
        if isinstance(other, DType):
            return self._enum == other._enum
        if other is None:
            return False
        try:
            return self._enum == as_dtype(other)._enum
        except TypeError:
            return False

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        return self._enum

    def __repr__(self):
        return f"tf.{self._name}"

    def __str__(self):
        return f"<dtype: '{self._name}'>"

    def __reduce__(self):
        return as_dtype, (self._name,)


# (enum, name, numpy type, kind, size); kind: f float, i int, u uint, c complex, b bool,
# s string, q quantized, r resource, v variant.
_SPECS = [
    (1, "float32", np.float32, "f", 4),
    (2, "float64", np.float64, "f", 8),
    (3, "int32", np.int32, "i", 4),
    (4, "uint8", np.uint8, "u", 1),
    (5, "int16", np.int16, "i", 2),
    (6, "int8", np.int8, "i", 1),
    (7, "string", object, "s", 0),
    (8, "complex64", np.complex64, "c", 8),
    (9, "int64", np.int64, "i", 8),
    (10, "bool", np.bool_, "b", 1),
    (11, "qint8", np.dtype([("qint8", np.int8)]), "q", 1),
    (12, "quint8", np.dtype([("quint8", np.uint8)]), "q", 1),
    (13, "qint32", np.dtype([("qint32", np.int32)]), "q", 4),
    (14, "bfloat16", "bfloat16", "f", 2),
    (15, "qint16", np.dtype([("qint16", np.int16)]), "q", 2),
    (16, "quint16", np.dtype([("quint16", np.uint16)]), "q", 2),
    (17, "uint16", np.uint16, "u", 2),
    (18, "complex128", np.complex128, "c", 16),
    (19, "float16", np.float16, "f", 2),
    (20, "resource", None, "r", 0),
    (21, "variant", None, "v", 0),
    (22, "uint32", np.uint32, "u", 4),
    (23, "uint64", np.uint64, "u", 8),
]

_SPEC_BY_ENUM = {}
for _enum, _name, _np_type, _kind, _size in _SPECS:
    _SPEC_BY_ENUM[_enum] = (_enum, _name, _np_type, _kind, _size)
    _SPEC_BY_ENUM[_enum + _REF_OFFSET] = (_enum + _REF_OFFSET, _name + "_ref", _np_type, _kind, _size)

_BY_ENUM: dict[int, DType] = {}
_BY_NAME: dict[str, DType] = {}
for _enum in _SPEC_BY_ENUM:
    _dt = DType(_enum)
    _BY_ENUM[_dt.as_datatype_enum] = _dt
    _BY_NAME[_dt.name] = _dt

float16 = half = _BY_NAME["float16"]
float32 = _BY_NAME["float32"]
float64 = double = _BY_NAME["float64"]
bfloat16 = _BY_NAME["bfloat16"]
int8 = _BY_NAME["int8"]
int16 = _BY_NAME["int16"]
int32 = _BY_NAME["int32"]
int64 = _BY_NAME["int64"]
uint8 = _BY_NAME["uint8"]
uint16 = _BY_NAME["uint16"]
uint32 = _BY_NAME["uint32"]
uint64 = _BY_NAME["uint64"]
bool = _BY_NAME["bool"]  # noqa: A001 - TensorFlow's public name
string = _BY_NAME["string"]
complex64 = _BY_NAME["complex64"]
complex128 = _BY_NAME["complex128"]
qint8 = _BY_NAME["qint8"]
quint8 = _BY_NAME["quint8"]
qint16 = _BY_NAME["qint16"]
quint16 = _BY_NAME["quint16"]
qint32 = _BY_NAME["qint32"]
resource = _BY_NAME["resource"]
variant = _BY_NAME["variant"]

_ALIASES = {"half": float16, "float": float32, "double": float64}

_FROM_NUMPY = {
    np.dtype(np.float16): float16, np.dtype(np.float32): float32, np.dtype(np.float64): float64,
    np.dtype(np.int8): int8, np.dtype(np.int16): int16, np.dtype(np.int32): int32,
    np.dtype(np.int64): int64, np.dtype(np.uint8): uint8, np.dtype(np.uint16): uint16,
    np.dtype(np.uint32): uint32, np.dtype(np.uint64): uint64, np.dtype(np.bool_): bool,
    np.dtype(np.complex64): complex64, np.dtype(np.complex128): complex128,
    np.dtype(np.object_): string,
    **{np.dtype(spec[2]): _BY_NAME[spec[1]] for spec in _SPECS if spec[3] == "q"},  # one-field records
}

_FROM_PYTHON = {
    builtins.float: float32, builtins.bool: bool, builtins.object: string,
}


def as_dtype(type_value) -> DType:
    """Convert a DType, name, enum, NumPy dtype or Python type to a ``DType``.

    >>> import numpy as np, scopeflow as tf
    >>> tf.as_dtype("float"), tf.as_dtype(np.int64), tf.as_dtype(float)
    (tf.float32, tf.int64, tf.float32)
    """
    if isinstance(type_value, DType):
        return type_value
    if isinstance(type_value, str):
        found = _BY_NAME.get(type_value) or _ALIASES.get(type_value)
        if found is not None:
            return found
    elif isinstance(type_value, int) and not isinstance(type_value, builtins.bool):
        found = _BY_ENUM.get(type_value)
        if found is not None:
            return found
    elif isinstance(type_value, type) and type_value in _FROM_PYTHON:
        return _FROM_PYTHON[type_value]
    elif isinstance(type_value, np.dtype) or isinstance(type_value, type) and issubclass(type_value, np.generic):
        try:
            np_dtype = np.dtype(type_value)
        except (TypeError, ValueError):
            np_dtype = None
        if np_dtype is not None:
            if np_dtype.kind in ("U", "S"):
                return string
            if np_dtype.byteorder not in ("=", "|"):
                np_dtype = np_dtype.newbyteorder("=")
            found = _FROM_NUMPY.get(np_dtype)
            if found is not None:
                return found
            if np_dtype.name == "bfloat16":
                return bfloat16
    if hasattr(type_value, "as_datatype_enum"):
        return _BY_ENUM[type_value.as_datatype_enum]
    raise TypeError(f"Cannot convert the argument `type_value`: {type_value!r} to a TensorFlow DType.")


QUANTIZED_DTYPES = frozenset(d for d in _BY_NAME.values() if d._kind == "q")
