"""Name rules: TensorFlow's validation regexes and its unique-name algorithm."""

from __future__ import annotations

import re

# TensorFlow's patterns (core/framework/node_def_util.cc): a root name may not start with
# "_", "-", "/" or ">"; a nested scope name may.
VALID_OP_NAME = re.compile(r"^[A-Za-z0-9.][A-Za-z0-9_.\\/>-]*$")
VALID_SCOPE_NAME = re.compile(r"^[A-Za-z0-9_.\\/>-]*$")


# Names already validated (most names repeat: "Const", "add", "MatMul" ...); a set lookup
# is much cheaper than a regex match on graph construction's hottest path.
_VALID_ROOT: set = set()
_VALID_NESTED: set = set()


def check_scope_name(name: str, nested: bool) -> None:
    """Raise TensorFlow's ``ValueError`` if ``name`` may not open a name scope here."""
    if name in _VALID_ROOT or nested and name in _VALID_NESTED:
        return
    _check_scope_name(name, nested)
    _remember(_VALID_NESTED if nested else _VALID_ROOT, name)


def _remember(valid: set, name: str) -> None:
    if len(valid) > 100_000:  # bound the cache for programs that make endless fresh names
        valid.clear()
    valid.add(name)


def _check_scope_name(name: str, nested: bool) -> None:
    if nested:
        if not VALID_SCOPE_NAME.match(name):
            raise ValueError(
                f"'{name}' is not a valid scope name. A scope name has to match the following "
                f"pattern: {VALID_SCOPE_NAME.pattern}")
    elif not VALID_OP_NAME.match(name):
        raise ValueError(
            f"'{name}' is not a valid root scope name. A root scope name has to match the "
            f"following pattern: {VALID_OP_NAME.pattern}")


def valid_component(name: str, nested: bool) -> bool:
    """Whether ``name`` may be the last component of an op name (at the root, or nested)."""
    if name in _VALID_ROOT or nested and name in _VALID_NESTED:
        return True
    pattern = VALID_SCOPE_NAME if nested else VALID_OP_NAME
    if "/" in name or not pattern.match(name):
        return False
    _remember(_VALID_NESTED if nested else _VALID_ROOT, name)
    return True


def check_op_name(name: str) -> None:
    """Raise TensorFlow's ``ValueError`` if ``name`` is not a valid node name."""
    if name in _VALID_ROOT:
        return
    if not VALID_OP_NAME.match(name):
        raise ValueError(
            f"`{name}` is not a valid node name. Accepted names conform to Regex "
            f"/{VALID_OP_NAME}/")
    _remember(_VALID_ROOT, name)


def unique_name(names_in_use: dict, name: str, mark_as_used: bool = True) -> str:
    """TensorFlow's uniquification of ``name`` against ``names_in_use`` (lower-cased keys).

    The first use of ``foo`` gives ``foo``; later uses give ``foo_1``, ``foo_2``..., skipping
    any suffix already taken, so explicit ``foo_1`` names and generated ones never clash.
    """
    key = name.lower()
    i = names_in_use.get(key, 0)
    if mark_as_used:
        names_in_use[key] = i + 1
    if i == 0:
        return name
    base = key
    while key in names_in_use:
        key = f"{base}_{i}"
        i += 1
    if mark_as_used:
        names_in_use[key] = 1
    return f"{name}_{i - 1}"
