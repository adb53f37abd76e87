"""``UnicodeTranscode`` (``tf.strings.unicode_transcode``): each string decoded from one
encoding and encoded in another (UTF-8, UTF-16-BE or UTF-32-BE), invalid input dropped,
replaced by ``replacement_char`` (one per maximal invalid sequence, as ICU does) or refused.

TF's other ``tf.strings.unicode_*`` functions return ``RaggedTensor``s, which scopeflow lacks.
"""

from __future__ import annotations

import codecs
import re
import threading

from scopeflow._src.framework import errors, registry
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.ops.common import shape_fns
from scopeflow._src.ops.parsing.string_basic import map_strings

_OUTPUTS = ("UTF-8", "UTF-16-BE", "UTF-32-BE")
_ERRORS = ("strict", "replace", "ignore")
_CONTROL = re.compile("[\x00-\x1f]")
_replacement = threading.local()


def _replace_error(exc):
    return _replacement.char, exc.end


codecs.register_error("scopeflow.transcode", _replace_error)


def _check(name, value, allowed):
    if value not in allowed:
        raise ValueError(f"Attr '{name}' of 'UnicodeTranscode' Op passed string '{value}' not in: "
                         + ", ".join(f'"{a}"' for a in allowed) + ".")


def _transcode_factory(op, state):
    a = op._attrs
    source, target, mode = a["input_encoding"], a["output_encoding"].lower(), a.get("errors", "replace")
    char = chr(a.get("replacement_char", 0xFFFD))
    control = a.get("replace_control_characters", False)

    def transcode(s: bytes) -> bytes:
        _replacement.char = char
        try:
            text = s.decode(source, "strict" if mode == "strict" else mode if mode == "ignore" else
                            "scopeflow.transcode")
        except UnicodeDecodeError:
            raise errors.InvalidArgumentError(None, op, "Invalid formatting on input string") from None
        if control:
            text = _CONTROL.sub(char, text)
        return text.encode(target)

    def kernel(values):
        try:
            codecs.lookup(source)
        except LookupError:
            raise errors.InvalidArgumentError(
                None, op, f"Could not create converter for input encoding: {source}") from None
        return map_strings(values, transcode)
    return kernel


registry.register(OpDef("UnicodeTranscode", inputs=["input: string"], outputs=["output: string"],
                        defaults={"errors": "replace", "replacement_char": 65533, "replace_control_characters": False},
                        shape=shape_fns.unchanged, factory=_transcode_factory))


def unicode_transcode(input, input_encoding, output_encoding, errors="replace", replacement_char=65533,  # noqa: A002
                      replace_control_characters=False, name=None):
    """Each string re-encoded from ``input_encoding`` to ``output_encoding`` (``"UTF-8"``,
    ``"UTF-16-BE"`` or ``"UTF-32-BE"``); invalid input is replaced (``errors="replace"``, by
    ``replacement_char``), dropped (``"ignore"``) or an error (``"strict"``).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     t = tf.strings.unicode_transcode([b"a\\xffb"], "UTF-8", "UTF-8", replacement_char=63)
    ...     print(tf.Session().run(t).tolist())
    [b'a?b']
    """
    _check("output_encoding", output_encoding, _OUTPUTS)
    _check("errors", errors, _ERRORS)
    attrs = {"input_encoding": input_encoding, "output_encoding": output_encoding, "errors": errors,
             "replacement_char": int(replacement_char), "replace_control_characters": bool(replace_control_characters)}
    return create_output("UnicodeTranscode", [input], attrs, name=name)
