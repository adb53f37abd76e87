"""``tf.logging``: TensorFlow 1.x's logging functions, over Python's ``logging``.

Messages go to the ``"scopeflow"`` logger, so ``tf.logging.set_verbosity(tf.logging.INFO)``
and ``logging.getLogger("scopeflow")`` control the same thing. As in TF, the levels are
Python's (``DEBUG`` 10 ... ``FATAL`` 50). As TF's ``"tensorflow"`` logger, the logger has no level
of its own until ``set_verbosity``: the verbosity is the root logger's, ``WARN`` by default and
``INFO`` inside ``tf.app.run`` (absl sets the root's level from its ``--verbosity`` flag), so a TF1
trainer run through ``tf.app.run`` shows the INFO lines of its hooks and savers as under TF. Each
record names the caller's file and line (for absl's handler), not this module.

>>> import scopeflow as tf
>>> tf.logging.set_verbosity(tf.logging.INFO)
>>> tf.logging.get_verbosity()
20
>>> tf.logging.set_verbosity(tf.logging.WARN)
"""

from __future__ import annotations

import logging as _logging
import sys

DEBUG, INFO, WARN, ERROR, FATAL = _logging.DEBUG, _logging.INFO, _logging.WARN, _logging.ERROR, _logging.FATAL
_logger = _logging.getLogger("scopeflow")


def _add_handler() -> None:
    """TF's handler: ``LEVEL:name:message`` lines (``logging.BASIC_FORMAT``) on stderr, or on stdout at
    ``INFO`` in an interactive session; none when the root logger already has handlers (no double lines)."""
    if _logger.handlers or _logging.getLogger().handlers:
        return
    interactive = hasattr(sys, "ps1") or bool(sys.flags.interactive)
    if interactive:
        _logger.setLevel(INFO)
    handler = _logging.StreamHandler(sys.stdout if interactive else sys.stderr)
    handler.setFormatter(_logging.Formatter(_logging.BASIC_FORMAT, None))
    _logger.addHandler(handler)


_add_handler()
_counts: dict = {}


def _at_caller(kwargs: dict) -> dict:
    """``kwargs`` with the record attributed to the caller of this module's function."""
    kwargs.setdefault("stacklevel", 2)
    return kwargs


def _caller_depth() -> int:
    """The ``stacklevel`` of the first frame outside this module (``log_every_n`` calls ``log_if``)."""
    frame, depth = sys._getframe(1), 1
    while frame is not None and frame.f_globals.get("__name__") == __name__:
        frame, depth = frame.f_back, depth + 1
    return depth


def set_verbosity(v: int) -> None:
    """Log messages at level ``v`` and above."""
    _logger.setLevel(v)


def get_verbosity() -> int:
    return _logger.getEffectiveLevel()


def log(level: int, msg, *args, **kwargs) -> None:
    _logger.log(level, msg, *args, **_at_caller(kwargs))


def debug(msg, *args, **kwargs) -> None:
    _logger.debug(msg, *args, **_at_caller(kwargs))


def info(msg, *args, **kwargs) -> None:
    _logger.info(msg, *args, **_at_caller(kwargs))


def warning(msg, *args, **kwargs) -> None:
    _logger.warning(msg, *args, **_at_caller(kwargs))


warn = warning


def error(msg, *args, **kwargs) -> None:
    _logger.error(msg, *args, **_at_caller(kwargs))


def fatal(msg, *args, **kwargs) -> None:
    _logger.critical(msg, *args, **_at_caller(kwargs))


def vlog(level: int, msg, *args, **kwargs) -> None:
    _logger.log(level, msg, *args, **_at_caller(kwargs))


def log_if(level: int, msg, condition, *args) -> None:
    if condition:
        _logger.log(level, msg, *args, stacklevel=_caller_depth())


def log_every_n(level: int, msg, n: int, *args) -> None:
    """Log the 1st, (n+1)-th, (2n+1)-th ... call from the same line."""
    key = ("every", msg, n)
    count = _counts.get(key, 0)
    _counts[key] = count + 1
    log_if(level, msg, count % n == 0, *args)


def log_first_n(level: int, msg, n: int, *args) -> None:
    """Log only the first ``n`` calls with this message."""
    key = ("first", msg)
    count = _counts.get(key, 0)
    _counts[key] = count + 1
    log_if(level, msg, count < n, *args)


def flush() -> None:
    for handler in _logger.handlers:
        handler.flush()
