"""``expect_shared`` and ``expect_new``: say whether the code inside means to share variables.

Under ``reuse=tf.AUTO_REUSE`` a typo in a scope name silently creates a second set of
variables, and a scope name used twice silently shares one. Inside ``expect_shared()`` every
``get_variable`` that would create a variable raises ``SharingExpectationError`` naming it;
inside ``expect_new()`` every one that would return an existing variable does. The innermost
open expectation of the thread applies. Outside both, ``get_variable`` pays one global read.
"""

from __future__ import annotations

import threading

_local = threading.local()
_open = 0  # expectations open in any thread: get_variable looks further only when some are
_open_lock = threading.Lock()
_SHARED, _NEW = "shared", "new"


class SharingExpectationError(ValueError):
    """A ``get_variable`` inside ``expect_shared()`` would create a variable, or one inside
    ``expect_new()`` would share an existing one.

    The message names the variable and says where the existing one was made. Fix the scope
    name (a ``_1`` suffix usually means a second ``variable_scope`` was opened where the first
    was meant), or widen the expectation to the code that means it.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     with tf.variable_scope("enc", reuse=tf.AUTO_REUSE):
    ...         w = tf.get_variable("w", [2])
    ...     with tf.variable_scope("enc", reuse=tf.AUTO_REUSE), tf.expect_shared():
    ...         w2 = tf.get_variable("w", [2])
    ...     w2 is w
    True
    """


SharingExpectationError.__module__ = "scopeflow"


class _Expectation:
    __slots__ = ("_mode",)

    def __init__(self, mode):
        self._mode = mode

    def __enter__(self):
        global _open
        stack = getattr(_local, "stack", None)
        if stack is None:
            stack = _local.stack = []
        stack.append(self)
        with _open_lock:
            _open += 1
        return self

    def __exit__(self, *exc):
        global _open
        stack = _local.stack
        if not stack or stack[-1] is not self:
            raise RuntimeError(f"Improper nesting of expect_{self._mode}.")
        stack.pop()
        with _open_lock:
            _open -= 1
        return False


def expect_shared() -> _Expectation:
    """A context in which ``get_variable`` must return existing variables, never create one.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     with tf.variable_scope("tower", reuse=tf.AUTO_REUSE):
    ...         w = tf.get_variable("w", [2])
    ...     with tf.variable_scope("towr", reuse=tf.AUTO_REUSE), tf.expect_shared():
    ...         tf.get_variable("w", [2])
    Traceback (most recent call last):
    ...
    scopeflow.SharingExpectationError: expect_shared: get_variable would create a new variable towr/w ...
    """
    return _Expectation(_SHARED)


def expect_new() -> _Expectation:
    """A context in which ``get_variable`` must create variables, never share an existing one.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     with tf.variable_scope("a", reuse=tf.AUTO_REUSE), tf.expect_new():
    ...         v = tf.get_variable("v", [2])
    ...     v.name
    'a/v:0'
    """
    return _Expectation(_NEW)


def _mode():
    stack = getattr(_local, "stack", None)
    return stack[-1]._mode if stack else None


def active() -> bool:
    """Whether any thread has an expectation open (the one check outside them)."""
    return _open > 0


def check_create(name: str, existing) -> None:
    """Raise if this thread expects ``name`` to be shared; ``existing``: the store's names."""
    if _mode() != _SHARED:
        return
    import difflib  # loaded when an expectation fails: ``import scopeflow`` stays without it

    close = difflib.get_close_matches(name, list(existing), n=3, cutoff=0.6)
    hint = f" Closest existing names: {', '.join(close)}." if close else ""
    raise SharingExpectationError(
        f"expect_shared: get_variable would create a new variable {name} (no variable of that name exists to "
        f"share).{hint} Fix the variable scope's name, or move the creation out of expect_shared().")


def check_reuse(var) -> None:
    """Raise if this thread expects new variables and ``var`` is being shared."""
    if _mode() != _NEW:
        return
    frames = getattr(var, "_frames", None)
    made = f" (made at {frames[0][0]}:{frames[0][1]})" if frames else ""
    raise SharingExpectationError(
        f"expect_new: get_variable would share the existing variable {var.op.name}{made}. Give the new variable "
        f"its own name or variable scope, or move the sharing out of expect_new().")
