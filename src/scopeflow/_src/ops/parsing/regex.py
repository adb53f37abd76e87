"""The regular-expression ops: ``RegexReplace``/``StaticRegexReplace`` and
``RegexFullMatch``/``StaticRegexFullMatch`` (the ``Static`` ones take the pattern as an
attribute, built when the pattern is a Python string), with ``tf.strings.regex_replace`` and
``tf.strings.regex_full_match``.

TensorFlow uses RE2. Python's ``re`` runs the patterns the two share with the same meaning; the
Perl constructs RE2 refuses (lookarounds, backreferences) are refused with RE2's message, and
RE2's rewrite strings (``\\0``..``\\9``, ``\\\\``) are read as RE2 reads them: a rewrite naming a
group the pattern lacks leaves the string unchanged, as RE2's ``Replace`` does. Strings are
matched as UTF-8 text (``.`` is one character).
"""

from __future__ import annotations

import functools
import re

import numpy as np

from scopeflow._src.framework import errors, registry
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.ops.common import shape_fns
from scopeflow._src.ops.parsing.string_basic import map_strings

_PERL = re.compile(r"\(\?(<=|<!|=|!|>)")
_BACKREF = re.compile(r"(?<!\\)(?:\\\\)*(\\[1-9])")
_RE_ERRORS = (("missing ), unterminated subpattern", "missing ): {p}"), ("unbalanced parenthesis", "unexpected ): {p}"),
              ("unterminated character set", "missing ]: {p}"), ("nothing to repeat", "missing argument to repetition "
                                                                                       "operator: {p}"))


def _text(s: bytes) -> str:
    return s.decode("utf-8", "surrogateescape")


@functools.lru_cache(maxsize=256)
def compile_re2(pattern: str):
    """``pattern`` compiled, or the RE2 message for a pattern RE2 refuses (a ``str``)."""
    m = _PERL.search(pattern)
    if m:
        return f"invalid perl operator: {m.group(0)[:3]}" if m.group(1).startswith("<") else \
            f"invalid perl operator: {m.group(0)}"
    m = _BACKREF.search(pattern)
    if m:
        return f"invalid escape sequence: {m.group(1)}"
    try:
        return re.compile(pattern.replace(r"\z", r"\Z"))
    except re.error as e:
        return next((fmt.format(p=pattern) for text, fmt in _RE_ERRORS if e.msg.startswith(text)), e.msg)


def _compiled(op, pattern):
    pattern = _text(pattern) if isinstance(pattern, bytes) else pattern
    regex = compile_re2(pattern)
    if isinstance(regex, str):
        raise errors.InvalidArgumentError(None, op, f"Invalid pattern: {pattern}, error: {regex}")
    return regex


def _rewriter(regex, rewrite: str):
    """RE2's rewrite as a ``re.sub`` function, or ``None`` when RE2 would refuse it."""
    parts, i = [], 0
    while i < len(rewrite):
        c = rewrite[i]
        if c != "\\":
            parts.append(c)
        elif i + 1 < len(rewrite) and rewrite[i + 1] == "\\":
            parts.append("\\")
            i += 1
        elif i + 1 < len(rewrite) and rewrite[i + 1].isdigit() and int(rewrite[i + 1]) <= regex.groups:
            parts.append(int(rewrite[i + 1]))
            i += 1
        else:
            return None
        i += 1
    return lambda m: "".join(p if isinstance(p, str) else (m.group(p) or "") for p in parts)


def _replace(op, values, pattern, rewrite, replace_global):
    regex = _compiled(op, pattern)
    fn = _rewriter(regex, _text(rewrite) if isinstance(rewrite, bytes) else rewrite)
    if fn is None:
        return np.array(values, dtype=object)
    count = 0 if replace_global else 1
    return map_strings(values, lambda s: regex.sub(fn, _text(s), count=count).encode("utf-8", "surrogateescape"))


def _full_match(op, values, pattern):
    regex = _compiled(op, pattern)
    return map_strings(values, lambda s: regex.fullmatch(_text(s)) is not None, np.bool_)


def _static_replace_factory(op, state):
    a = op._attrs
    return lambda values: _replace(op, values, a["pattern"], a["rewrite"], a.get("replace_global", True))


def _replace_factory(op, state):
    glob = op._attrs.get("replace_global", True)
    return lambda values, pattern, rewrite: _replace(op, values, pattern.item(), rewrite.item(), glob)


def _static_match_factory(op, state):
    return lambda values: _full_match(op, values, op._attrs["pattern"])


def _match_factory(op, state):
    return lambda values, pattern: _full_match(op, values, pattern.item())


registry.register(OpDef("RegexReplace", inputs=["input: string", "pattern: string", "rewrite: string"],
                        outputs=["output: string"], defaults={"replace_global": True}, shape=shape_fns.unchanged,
                        factory=_replace_factory))
registry.register(OpDef("StaticRegexReplace", inputs=["input: string"], outputs=["output: string"],
                        defaults={"replace_global": True}, shape=shape_fns.unchanged, factory=_static_replace_factory))
registry.register(OpDef("RegexFullMatch", inputs=["input: string", "pattern: string"], outputs=["output: bool"],
                        shape=shape_fns.unchanged, factory=_match_factory))
registry.register(OpDef("StaticRegexFullMatch", inputs=["input: string"], outputs=["output: bool"],
                        shape=shape_fns.unchanged, factory=_static_match_factory))


def _as_text(value):
    return value.decode("utf-8") if isinstance(value, bytes) else value


def regex_replace(input, pattern, rewrite, replace_global=True, name=None):  # noqa: A002
    """Each string with the matches of ``pattern`` (RE2 syntax) replaced by ``rewrite``
    (``\\1`` names a group): every match, or only the first when ``replace_global`` is false.
    Python strings for ``pattern`` and ``rewrite`` build ``StaticRegexReplace``.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     t = tf.strings.regex_replace(["a1b22"], r"(\\d+)", r"<\\1>")
    ...     print(t.op.type, tf.Session().run(t).tolist())
    StaticRegexReplace [b'a<1>b<22>']
    """
    if isinstance(pattern, (str, bytes)) and isinstance(rewrite, (str, bytes)):
        attrs = {"pattern": _as_text(pattern), "rewrite": _as_text(rewrite), "replace_global": bool(replace_global)}
        return create_output("StaticRegexReplace", [input], attrs, name=name)
    return create_output("RegexReplace", [input, pattern, rewrite], {"replace_global": bool(replace_global)},
                         name=name)


def regex_full_match(input, pattern, name=None):  # noqa: A002
    """Whether each string matches ``pattern`` (RE2 syntax) as a whole. A Python string builds ``StaticRegexFullMatch``.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     print(tf.Session().run(tf.strings.regex_full_match(["ab", "abc"], "a.")).tolist())
    [True, False]
    """
    if isinstance(pattern, (str, bytes)):
        return create_output("StaticRegexFullMatch", [input], {"pattern": _as_text(pattern)}, name=name)
    return create_output("RegexFullMatch", [input, pattern], name=name)

