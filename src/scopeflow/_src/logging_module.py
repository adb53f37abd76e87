"""``tf.logging``: TensorFlow 1.x's logging functions, over Python's ``logging``.

Messages go to the ``"scopeflow"`` logger, so ``tf.logging.set_verbosity(tf.logging.INFO)``
and ``logging.getLogger("scopeflow")`` control the same thing. As in TF, the levels are
Python's (``DEBUG`` 10 ... ``FATAL`` 50) and the default verbosity is ``WARN``.

>>> import scopeflow as tf
>>> tf.logging.set_verbosity(tf.logging.INFO)
>>> tf.logging.get_verbosity()
20
>>> tf.logging.set_verbosity(tf.logging.WARN)
"""

from __future__ import annotations

import logging as _logging

DEBUG, INFO, WARN, ERROR, FATAL = _logging.DEBUG, _logging.INFO, _logging.WARN, _logging.ERROR, _logging.FATAL
_logger = _logging.getLogger("scopeflow")
_logger.setLevel(WARN)
if not _logger.handlers:
    _logger.addHandler(_logging.StreamHandler())
_counts: dict = {}


def set_verbosity(v: int) -> None:
    """Log messages at level ``v`` and above."""
    _logger.setLevel(v)


def get_verbosity() -> int:
    return _logger.getEffectiveLevel()


def log(level: int, msg, *args, **kwargs) -> None:
    _logger.log(level, msg, *args, **kwargs)


def debug(msg, *args, **kwargs) -> None:
    _logger.debug(msg, *args, **kwargs)


def info(msg, *args, **kwargs) -> None:
    _logger.info(msg, *args, **kwargs)


def warning(msg, *args, **kwargs) -> None:
    _logger.warning(msg, *args, **kwargs)


warn = warning


def error(msg, *args, **kwargs) -> None:
    _logger.error(msg, *args, **kwargs)


def fatal(msg, *args, **kwargs) -> None:
    _logger.critical(msg, *args, **kwargs)


def vlog(level: int, msg, *args, **kwargs) -> None:
    _logger.log(level, msg, *args, **kwargs)


def log_if(level: int, msg, condition, *args) -> None:
    if condition:
        _logger.log(level, msg, *args)


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
