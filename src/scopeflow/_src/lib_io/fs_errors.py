"""An operating system's file errors as TensorFlow's error classes, worded as TensorFlow words them.

TensorFlow's C++ file systems turn ``errno`` into a status code and write ``"<path>; <strerror>"``
(``"/tmp/x; No such file or directory"``); the file functions of ``tf.gfile`` and the remote
file systems raise through :func:`as_tf_error` so that every path gets the same class and text.
"""

from __future__ import annotations

import errno
import os

from scopeflow._src.framework import errors

# errno -> TensorFlow's class, as TF's IOError-to-Status table maps them (anything else is UNKNOWN)
_BY_ERRNO = {
    errno.ENOENT: errors.NotFoundError, errno.ENODEV: errors.NotFoundError, errno.ENXIO: errors.NotFoundError,
    errno.EEXIST: errors.AlreadyExistsError,
    errno.EACCES: errors.PermissionDeniedError, errno.EPERM: errors.PermissionDeniedError,
    errno.EROFS: errors.PermissionDeniedError,
    errno.EISDIR: errors.FailedPreconditionError, errno.ENOTDIR: errors.FailedPreconditionError,
    errno.ENOTEMPTY: errors.FailedPreconditionError, errno.EBUSY: errors.FailedPreconditionError,
    errno.EINVAL: errors.InvalidArgumentError, errno.ENAMETOOLONG: errors.InvalidArgumentError,
    errno.ENOSPC: errors.ResourceExhaustedError, errno.EMFILE: errors.ResourceExhaustedError,
    errno.EFBIG: errors.OutOfRangeError, errno.ENOSYS: errors.UnimplementedError,
}
# exception classes without an errno (fsspec's backends raise these bare)
_BY_CLASS = ((FileNotFoundError, errno.ENOENT), (FileExistsError, errno.EEXIST), (IsADirectoryError, errno.EISDIR),
             (NotADirectoryError, errno.ENOTDIR), (PermissionError, errno.EACCES))


def error_number(exc: OSError) -> int | None:
    """The ``errno`` of ``exc``, or the one its class stands for."""
    if exc.errno is not None:
        return exc.errno
    return next((code for cls, code in _BY_CLASS if isinstance(exc, cls)), None)


def as_tf_error(exc: OSError, path: str) -> errors.OpError:
    """TensorFlow's error for ``exc`` raised on ``path``.

    >>> as_tf_error(FileNotFoundError(2, "No such file or directory"), "/tmp/nope").message
    '/tmp/nope; No such file or directory'
    """
    code = error_number(exc)
    cls = _BY_ERRNO.get(code, errors.UnknownError)
    reason = os.strerror(code) if code is not None else (str(exc) or type(exc).__name__)
    return cls(None, None, f"{path}; {reason}")


def error(cls_name: str, message: str) -> errors.OpError:
    """``errors.<cls_name>(None, None, message)``: an error that names no op."""
    return getattr(errors, cls_name)(None, None, message)
