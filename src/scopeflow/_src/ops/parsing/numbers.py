"""One text field as a number, by the rules of TensorFlow's ``safe_strto32``/``safe_strtof``
(the parsers of ``DecodeCSV`` and ``StringToNumber``).

Integers: ASCII whitespace around, an optional sign (no ``-`` for unsigned types), decimal
digits only, in range. Floats: whitespace around, an optional sign, a decimal or hexadecimal
(``0x1A``) number, ``inf``/``infinity``/``nan`` in any case; too large is ``inf``.
"""

from __future__ import annotations

import re

import numpy as np

_SPACE = b" \t\n\v\f\r"
_INT = re.compile(rb"[+-]?[0-9]+\Z")
_DECIMAL = re.compile(rb"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?\Z")
_HEX = re.compile(rb"[+-]?0[xX]([0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)([pP][+-]?[0-9]+)?\Z")
_SPECIAL = {b"inf": np.inf, b"infinity": np.inf, b"nan": np.nan}


def parse_int(text: bytes, dtype: np.dtype):
    """``text`` as an integer of ``dtype``, or ``None`` when TF would refuse it.

    >>> parse_int(b" -12 ", np.dtype(np.int32)), parse_int(b"1.5", np.dtype(np.int32))
    (-12, None)
    """
    text = text.strip(_SPACE)
    if not _INT.match(text) or (dtype.kind == "u" and text[:1] == b"-"):
        return None
    value = int(text)
    info = np.iinfo(dtype)
    return value if info.min <= value <= info.max else None


def parse_float(text: bytes):
    """``text`` as a Python float (``inf`` when too large), or ``None`` when TF would refuse it.

    >>> parse_float(b"0x1A"), parse_float(b" 1e400"), parse_float(b"1,5")
    (26.0, inf, None)
    """
    text = text.strip(_SPACE)
    if _DECIMAL.match(text):
        return float(text)
    if _HEX.match(text):
        try:
            return float.fromhex(text.decode("ascii"))
        except OverflowError:
            return -np.inf if text[:1] == b"-" else np.inf
    sign = -1.0 if text[:1] == b"-" else 1.0
    special = _SPECIAL.get((text[1:] if text[:1] in (b"+", b"-") else text).lower())
    return None if special is None else sign * special


def parse(text: bytes, dtype: np.dtype):
    """``text`` as a number of ``dtype`` (integer or floating), or ``None``.

    >>> parse(b"3.", np.dtype(np.float32)), parse(b"3.", np.dtype(np.int64))
    (3.0, None)
    """
    return parse_int(text, dtype) if dtype.kind in "iu" else parse_float(text)


def text_of(value: bytes) -> str:
    """A field as TF's messages print it (its bytes, read as UTF-8)."""
    return value.decode("utf-8", "replace")
