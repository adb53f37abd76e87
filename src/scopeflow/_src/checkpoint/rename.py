"""Rename rules: how checkpoint names map to the names a graph uses now.

Rules turn an *old* name (in the checkpoint) into a *new* one (in the graph). Each rule is
an ``(old, new)`` pair:

* ``old`` a string: a scope or name prefix that must end at a ``/`` boundary. ``"dense"``
  renames ``dense`` and ``dense/kernel`` but not ``dense_1/kernel``; ``""`` or ``"/"``
  matches every name, so ``("", "model/")`` adds an outer scope.
* ``old`` a compiled regular expression: ``pattern.sub(new, name)`` (every match), so
  ``(re.compile(r"/biases$"), "/bias")`` renames a trailing component.

Rules apply in order, each to the result of the previous one, like a ``sed`` script. A
callable ``f(old_name) -> new_name`` is also accepted as the whole rule set.

Optimizer slots follow their variable: when ``w`` and ``w/Adam`` are both in the
checkpoint, ``w/Adam`` becomes ``<new name of w>/Adam`` whatever the rules say about it.

>>> import re
>>> rules = RenameRules([("", "model/"), (re.compile(r"/biases$"), "/bias")])
>>> rules.map_names(["dense/biases", "dense/biases/Adam", "step"])
{'model/dense/bias': 'dense/biases', 'model/dense/bias/Adam': 'dense/biases/Adam', 'model/step': 'step'}
"""

from __future__ import annotations

import re
from typing import Callable, Iterable


class RenameRules:
    """An ordered list of rename rules (see the module docstring)."""

    def __init__(self, rules=None):
        self._fn: Callable | None = None
        self._rules: list = []
        if rules is None:
            return
        if isinstance(rules, RenameRules):
            self._fn, self._rules = rules._fn, list(rules._rules)
        elif callable(rules) and not isinstance(rules, (dict, list, tuple)):
            self._fn = rules
        else:
            pairs = rules.items() if isinstance(rules, dict) else rules
            for pair in pairs:
                if not isinstance(pair, (list, tuple)) or len(pair) != 2:
                    raise TypeError(f"a rename rule is an (old, new) pair, got {pair!r}")
                self._rules.append(_check_rule(*pair))

    def __bool__(self) -> bool:
        return self._fn is not None or bool(self._rules)

    def __repr__(self) -> str:
        if self._fn is not None:
            return f"RenameRules({self._fn!r})"
        shown = ", ".join(f"({(o.pattern if isinstance(o, re.Pattern) else o)!r}, {n!r})" for o, n in self._rules)
        return f"RenameRules([{shown}])"

    def apply(self, name: str) -> str:
        """The new name of ``name`` under these rules (slots not considered)."""
        if self._fn is not None:
            out = self._fn(name)
            if not isinstance(out, str):
                raise TypeError(f"the rename function returned {out!r} for {name!r}; it must return a str")
            return out
        for old, new in self._rules:
            if isinstance(old, re.Pattern):
                name = old.sub(new, name)
            elif old in ("", "/"):
                name = (new if not new or new.endswith("/") else new + "/") + name
            else:
                name = _replace_prefix(name, old.rstrip("/"), new.rstrip("/"))
        return name

    def map_names(self, names: Iterable[str]) -> dict[str, str]:
        """``{new name: old name}`` for checkpoint ``names``, slots following their variable.

        Raises ``ValueError`` when two old names would get the same new name.
        """
        names = list(names)
        known = set(names)
        new_of: dict[str, str] = {}

        def rename(name):
            found = new_of.get(name)
            if found is None:
                base = owner(name, known)
                found = rename(base) + name[len(base):] if base else self.apply(name)
                new_of[name] = found
            return found

        out: dict[str, str] = {}
        for name in names:
            new = rename(name)
            if new in out:
                raise ValueError(f"Rename rules {self!r} give the checkpoint names '{out[new]}' and '{name}' the "
                                 f"same new name '{new}'")
            out[new] = name
        return out


def _check_rule(old, new):
    if not isinstance(new, str):
        raise TypeError(f"the new name of a rename rule must be a str, got {new!r}")
    if isinstance(old, str) or isinstance(old, re.Pattern):
        return old, new
    raise TypeError(f"the old name of a rename rule must be a str (a scope or name prefix) or a compiled "
                    f"re.Pattern, got {old!r}")


def _replace_prefix(name: str, stem: str, new_stem: str) -> str:
    if name != stem and not name.startswith(stem + "/"):
        return name
    rest = name[len(stem):]  # "" or "/..."
    return new_stem + rest if new_stem else rest[1:]


def owner(name: str, known: set) -> str | None:
    """The longest proper '/'-prefix of ``name`` that is itself a name (a slot's variable)."""
    pos = name.rfind("/")
    while pos > 0:
        if name[:pos] in known:
            return name[:pos]
        pos = name.rfind("/", 0, pos)
    return None


def parse_rule(text: str, regex: bool = False):
    """An ``(old, new)`` rule from the command line's ``OLD=NEW`` (split at the first ``=``)."""
    old, sep, new = text.partition("=")
    if not sep:
        raise ValueError(f"a rule must look like OLD=NEW, got {text!r}")
    if regex:
        try:
            pattern = re.compile(old)
        except re.error as e:
            raise ValueError(f"bad regular expression {old!r} in rule {text!r}: {e}") from None
        try:  # the replacement is parsed here, not at the first match: \2, \q, \g<name>
            pattern.sub(new, "")
        except (re.error, IndexError) as e:
            raise ValueError(f"bad replacement {new!r} in rule {text!r}: {e}") from None
        return pattern, new
    return old, new
