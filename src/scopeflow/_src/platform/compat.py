"""TF's ``tf.compat`` string and type helpers (``tensorflow/python/util/compat.py``): what TF1
programs call to move between ``bytes`` and ``str`` (``tf.compat.as_str(f.read(name))`` in the
word2vec tutorial, ``as_bytes`` for file names and feature values).

>>> as_bytes("héllo")
b'h\\xc3\\xa9llo'
>>> as_str(b"text8")
'text8'
>>> as_str_any(7)
'7'
"""

from __future__ import annotations

import numbers
import os

import numpy as np


def as_bytes(bytes_or_text, encoding="utf-8") -> bytes:
    """``bytes_or_text`` as ``bytes``: text is encoded with ``encoding``; bytes and bytearrays
    are returned as bytes; anything else is TF's ``TypeError``."""
    encoding = _codec(encoding)
    if isinstance(bytes_or_text, bytearray):
        return bytes(bytes_or_text)
    if isinstance(bytes_or_text, str):
        return bytes_or_text.encode(encoding)
    if isinstance(bytes_or_text, bytes):
        return bytes_or_text
    raise TypeError(f"Expected binary or unicode string, got {bytes_or_text!r}")


def as_text(bytes_or_text, encoding="utf-8") -> str:
    """``bytes_or_text`` as ``str``: bytes are decoded with ``encoding`` (errors raise, as TF)."""
    encoding = _codec(encoding)
    if isinstance(bytes_or_text, str):
        return bytes_or_text
    if isinstance(bytes_or_text, bytes):
        return bytes_or_text.decode(encoding)
    raise TypeError(f"Expected binary or unicode string, got {bytes_or_text!r}")


def as_str(bytes_or_text, encoding="utf-8") -> str:
    """``as_text`` (Python 3's ``str`` is text)."""
    return as_text(bytes_or_text, encoding)


def as_str_any(value, encoding="utf-8") -> str:
    """``str(value)``, decoding ``bytes`` with ``encoding`` instead of writing ``b'...'``."""
    if isinstance(value, bytes):
        return as_str(value, encoding=encoding)
    return str(value)


def path_to_str(path):
    """A ``os.PathLike`` as its string; anything else unchanged (as TF)."""
    if hasattr(path, "__fspath__"):
        path = as_str_any(os.fspath(path))
    return path


def _codec(encoding: str) -> str:
    import codecs  # TF looks the codec up first: an unknown encoding is a LookupError

    return codecs.lookup(encoding).name


integral_types = (numbers.Integral, np.integer)
real_types = (numbers.Real, np.integer, np.floating)
complex_types = (numbers.Complex, np.number)
bytes_or_text_types = (bytes, str)
