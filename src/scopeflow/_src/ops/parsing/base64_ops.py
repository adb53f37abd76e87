"""``EncodeBase64`` and ``DecodeBase64`` (``tf.io.encode_base64``, ``tf.io.decode_base64``):
web-safe base64 (``-`` and ``_``), padding optional, decoded as TF's ``Base64Decode`` reads it
(groups of four, a last group of two to four characters with its ``=`` padding, TF's two errors)."""

from __future__ import annotations

import base64

from scopeflow._src.framework import errors, registry
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.ops.parsing.string_basic import map_strings

_ALPHABET = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
_BAD_CHARACTER = "Invalid character found in base64."


def _decode_one(op, data: bytes) -> bytes:
    if not data:
        return b""
    body_end = 4 * ((len(data) - 1) // 4)  # TF decodes four at a time while more than four remain
    body, tail = data[:body_end], data[body_end:]
    if any(c not in _ALPHABET for c in body):
        raise errors.InvalidArgumentError(None, op, _BAD_CHARACTER)
    if len(tail) == 4 and tail[3:] == b"=":
        tail = tail[:2] if tail[2:3] == b"=" else tail[:3]
    if len(tail) == 1:
        raise errors.InvalidArgumentError(None, op, "Base64 string length cannot be 1 modulo 4.")
    if any(c not in _ALPHABET for c in tail):
        raise errors.InvalidArgumentError(None, op, _BAD_CHARACTER)
    return base64.urlsafe_b64decode(body + tail + b"=" * (-len(tail) % 4))


def _encode_factory(op, state):
    pad = bool(op.get_attr("pad"))

    def encode(values):
        def one(s):
            out = base64.urlsafe_b64encode(s)
            return out if pad else out.rstrip(b"=")
        return map_strings(values, one)
    return encode


def _decode_factory(op, state):
    return lambda values: map_strings(values, lambda s: _decode_one(op, s))


registry.register(OpDef("EncodeBase64", inputs=["input: string"], outputs=["output: string"], defaults={"pad": False},
                        shape=lambda inputs, attrs: inputs[0].shape, factory=_encode_factory))
registry.register(OpDef("DecodeBase64", inputs=["input: string"], outputs=["output: string"],
                        shape=lambda inputs, attrs: inputs[0].shape, factory=_decode_factory))


def encode_base64(input, pad=False, name=None):  # noqa: A002 - TF's argument name
    """Each string in web-safe base64, ``=`` padding only with ``pad``.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     print(tf.Session().run(tf.io.encode_base64([b"hello", b"\\xff\\xfe"])).tolist())
    [b'aGVsbG8', b'__4']
    """
    return create_output("EncodeBase64", [input], {"pad": bool(pad)}, name=name)


def decode_base64(input, name=None):  # noqa: A002 - TF's argument name
    """Each web-safe base64 string decoded (with or without its ``=`` padding)."""
    return create_output("DecodeBase64", [input], {}, name=name)
