"""Moving graph element names into and out of a name scope, as meta graphs do on export and
import (TensorFlow's ``ops.strip_name_scope`` and ``ops.prepend_name_scope``).

A name may be an op name (``a/b``), a tensor name (``a/b:0``), a control input (``^a/b``) or a
colocation entry (``loc:@a/b``); the scope goes after the ``^`` or ``loc:@``.
"""

from __future__ import annotations

import re

_MARKER = r"(\^|loc:@|^)"


def strip_name_scope(name: str, export_scope: str | None) -> str:
    """``name`` without its leading ``export_scope/`` (unchanged when it has none).

    >>> strip_name_scope("outer/inner/w:0", "outer")
    'inner/w:0'
    >>> strip_name_scope("^outer/x", "outer/"), strip_name_scope("other/x", "outer")
    ('^x', 'other/x')
    """
    if not export_scope:
        return name
    scope = export_scope[:-1] if export_scope.endswith("/") else export_scope
    return re.sub(_MARKER + re.escape(scope) + r"/+(.*)", r"\1\2", _text(name), count=1)


def prepend_name_scope(name: str, import_scope: str | None) -> str:
    """``name`` moved under ``import_scope/``.

    >>> prepend_name_scope("w:0", "imported"), prepend_name_scope("loc:@w", "imported/")
    ('imported/w:0', 'loc:@imported/w')
    """
    if not import_scope:
        return name
    scope = import_scope[:-1] if import_scope.endswith("/") else import_scope
    return re.sub(_MARKER + "(.*)", lambda m: f"{m.group(1)}{scope}/{m.group(2)}", _text(name), count=1)


def _text(name) -> str:
    return name.decode("utf-8") if isinstance(name, bytes) else name
