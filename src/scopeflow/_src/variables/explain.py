"""Help after TensorFlow's ``get_variable`` errors: what the scopes did, and the fix.

TensorFlow's sentence stays first and unchanged (ported code matches on it); scopeflow adds a
short block after it, starting with ``HELP_MARK``::

    Variable enc/weight does not exist, or was not created with tf.get_variable(). ...

    scopeflow help:
      closest existing names: enc/weights
      get_variable("weight") at train.py:14
      variable scopes, outermost first:
        enc  opened at train.py:12  reuse=True (set there)
      fix: ...

The bookkeeping is cheap and done as things happen: a variable scope keeps the file and line
where it was opened (``opened_at``), its parent, and where its ``reuse`` was set; a variable
keeps the frames where it was made (``Variable._frames``). The text is written only when an
error is raised.
"""

from __future__ import annotations

import os
import sys

HELP_MARK = "\n\nscopeflow help:"
_MISSING, _EXISTS, _SHAPE, _DTYPE = "missing", "exists", "shape", "dtype"
_INTERNAL: dict = {}  # code object -> whether it belongs to scopeflow (asked once per function)


def _is_internal(code) -> bool:
    inside = _INTERNAL.get(code)
    if inside is None:
        inside = _INTERNAL[code] = "/scopeflow/" in code.co_filename.replace("\\", "/")
    return inside


def call_site(depth: int = 1):
    """``(file, line)`` of the first frame outside scopeflow, from ``depth`` frames above the
    caller; ``None`` when there is none. Two attribute reads per frame, no formatting."""
    f = sys._getframe(depth + 1)
    while f is not None and _is_internal(f.f_code):
        f = f.f_back
    return None if f is None else (f.f_code.co_filename, f.f_lineno)


def sharing_error(kind: str, message: str, name: str, found=None, shape=None, dtype=None) -> ValueError:
    """TensorFlow's ``ValueError`` with what the public ``get_variable`` needs to explain it."""
    error = ValueError(message)
    error._sharing = (kind, name, found, shape, dtype)
    return error


def add_help(error: BaseException, requested: str, scope, store, graph) -> None:
    """Append the help block to ``error`` (raised under the public ``get_variable`` in
    ``scope`` for the name ``requested``) when it is one of the sharing errors and has none yet."""
    details = getattr(error, "_sharing", None)
    if details is None or not error.args or HELP_MARK in str(error.args[0]):
        return
    kind, name, found, shape, dtype = details
    site = call_site(2)
    lines = []
    if kind == _MISSING:
        import difflib  # loaded when an error is explained: ``import scopeflow`` stays without it

        close = difflib.get_close_matches(name, list(store._vars), n=3, cutoff=0.6)
        if close:
            lines.append("closest existing names: " + ", ".join(close))
        lines.append(f"get_variable(\"{requested}\") at {_where(site)}")
        lines += _scope_lines(scope)
        if name.endswith("/"):  # slot_creator's get_variable("") in a scope named after the slot
            lines.append("note: an optimizer makes its slots with get_variable in the current variable scope, "
                         "where reuse=True finds none")
            lines.append("fix: create the optimizer and call minimize() outside the reused variable scope")
        else:
            lines.append(_missing_fix(name, close))
    elif kind == _EXISTS:
        lines.append(f"get_variable(\"{requested}\") at {_where(site)}, in "
                     f"{_describe_scope(scope)}")
        lines.append(f"{name} was first made at {_where(_made_at(found))}")
        lines.append(_exists_fix(scope))
    else:
        asked, had = (shape, found.get_shape()) if kind == _SHAPE else (dtype.name, found.dtype.base_dtype.name)
        lines.append(f"{name} was made with {kind} {had} at {_where(_made_at(found))}")
        lines.append(f"this call asks for {kind} {asked} at {_where(site)}")
        lines.append(f"fix: pass the {kind} it was made with, or give the new variable its own name")
    hint = _name_scope_hint(graph.get_name_scope(), scope, name)
    if hint:
        lines.append(hint)
    error.args = (error.args[0].rstrip("\n") + HELP_MARK + "".join(f"\n  {line}" for line in lines),) + error.args[1:]


def _where(site) -> str:
    if site is None:
        return "an unknown place"
    path = site[0]
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        relative = path
    return f"{path if relative.startswith('..') else relative}:{site[1]}"


def _made_at(var):
    frames = getattr(var, "_frames", None)
    return frames[0][:2] if frames else None


def _chain(scope):
    """The open variable scopes from the outermost named one to ``scope``."""
    chain = []
    while scope is not None and scope.name:
        chain.append(scope)
        scope = scope._parent
    return chain[::-1]


def _reuse_text(scope) -> str:
    reuse = scope.reuse
    if reuse is not True and reuse is not False and reuse is not None:
        reuse = "tf.AUTO_REUSE"
    if not reuse:
        return "reuse not set"
    origin = scope._reuse_at
    if origin is None:
        return f"reuse={reuse} (inherited)"
    if origin == scope._opened_at:
        return f"reuse={reuse} (set there)"
    return f"reuse={reuse} (set at {_where(origin)})"


def _scope_lines(scope) -> list:
    chain = _chain(scope)
    if not chain:
        return ["variable scope: the root scope (no variable_scope is open)"]
    width = max(len(s.name) for s in chain)
    return ["variable scopes, outermost first:"] + [
        f"  {s.name:<{width}}  opened at {_where(s._opened_at)}  {_reuse_text(s)}" for s in chain]


def _describe_scope(scope) -> str:
    if not scope.name:
        return "the root variable scope"
    return f"variable scope {scope.name} opened at {_where(scope._opened_at)} ({_reuse_text(scope)})"


def _missing_fix(name, close) -> str:
    if close:
        return f"fix: use the existing name, or create {name} first (reuse=tf.AUTO_REUSE creates it when missing)"
    return f"fix: create {name} first in a scope without reuse, or open the scope with reuse=tf.AUTO_REUSE"


def _exists_fix(scope) -> str:
    if scope.name and scope._opened_at is not None:
        return (f"fix: tf.variable_scope(\"{scope.name.rsplit('/', 1)[-1]}\", reuse=True) at "
                f"{_where(scope._opened_at)} to share it (reuse=tf.AUTO_REUSE: create or share)")
    return "fix: open a tf.variable_scope(..., reuse=True) to share it (reuse=tf.AUTO_REUSE: create or share)"


def _name_scope_hint(current, scope, name) -> str | None:
    """A note when a ``name_scope`` opened inside the variable scope (whose own name scope may
    be ``model_1``) was meant to name the variable."""
    own = scope.original_name_scope.rstrip("/") if scope.name else ""
    extra = current[len(own) + 1:] if own and current.startswith(own + "/") else "" if current == own else current
    if not extra:
        return None
    return (f"note: name_scope \"{extra}\" does not prefix get_variable names (this one is {name}); "
            f"tf.variable_scope(\"{extra.rsplit('/', 1)[-1]}\") names variables")
