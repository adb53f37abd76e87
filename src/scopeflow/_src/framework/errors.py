"""``tf.errors``: TensorFlow's ``OpError`` hierarchy with its canonical error codes.

Runtime failures inside ``Session.run`` raise these, naming the op that failed. Errors at
graph-build time are plain ``ValueError``/``TypeError`` as in TensorFlow.
"""

from __future__ import annotations

PUBLIC_MODULE = "scopeflow.errors"  # where users import these from: tracebacks and pickles name it

OK = 0
CANCELLED = 1
UNKNOWN = 2
INVALID_ARGUMENT = 3
DEADLINE_EXCEEDED = 4
NOT_FOUND = 5
ALREADY_EXISTS = 6
PERMISSION_DENIED = 7
RESOURCE_EXHAUSTED = 8
FAILED_PRECONDITION = 9
ABORTED = 10
OUT_OF_RANGE = 11
UNIMPLEMENTED = 12
INTERNAL = 13
UNAVAILABLE = 14
DATA_LOSS = 15
UNAUTHENTICATED = 16


class OperatorNotAllowedInGraphError(TypeError):
    """A Python operation (``bool(t)``, ``iter(t)``) that a symbolic tensor cannot support."""


class InaccessibleTensorError(ValueError):
    """A fetch of a tensor that lives inside a cond branch or a loop body."""


class OpError(Exception):
    """The base class of TensorFlow's runtime errors.

    ``message`` is TensorFlow's text; ``op`` the failing ``Operation`` (or ``None``);
    ``error_code`` one of the module's integer codes.
    """

    def __init__(self, node_def, op, message, error_code, *args):
        super().__init__()
        self._node_def = node_def
        self._op = op
        self._message = message
        self._error_code = error_code
        self._experimental_payloads = args[0] if args else {}

    def __reduce__(self):
        return type(self), (self._node_def, self._op, self._message)

    @property
    def message(self) -> str:
        return self._message

    @property
    def op(self):
        return self._op

    @property
    def error_code(self) -> int:
        return self._error_code

    @property
    def node_def(self):
        return self._node_def

    @property
    def experimental_payloads(self):
        return self._experimental_payloads

    def __str__(self):
        if self._op is None:
            return self._message
        return f"{self._message}\n\nOriginal stack trace for {self._op.name!r}:\n"  # ops keep no traceback


OpError.__module__ = OperatorNotAllowedInGraphError.__module__ = PUBLIC_MODULE


def _error_class(name: str, code: int, doc: str) -> type:
    def __init__(self, node_def, op, message, *args):
        OpError.__init__(self, node_def, op, message, code, *args)

    return type(name, (OpError,), {"__init__": __init__, "__doc__": doc, "__module__": PUBLIC_MODULE})


CancelledError = _error_class("CancelledError", CANCELLED, "An operation or step was cancelled.")
UnknownError = _error_class("UnknownError", UNKNOWN, "An unknown error.")
InvalidArgumentError = _error_class(
    "InvalidArgumentError", INVALID_ARGUMENT, "An op received an invalid argument (e.g. a bad shape).")
DeadlineExceededError = _error_class("DeadlineExceededError", DEADLINE_EXCEEDED, "A deadline expired.")
NotFoundError = _error_class("NotFoundError", NOT_FOUND, "A requested entity (file, key) was not found.")
AlreadyExistsError = _error_class("AlreadyExistsError", ALREADY_EXISTS, "An entity already exists.")
PermissionDeniedError = _error_class("PermissionDeniedError", PERMISSION_DENIED, "Permission denied.")
UnauthenticatedError = _error_class("UnauthenticatedError", UNAUTHENTICATED, "No valid credentials.")
ResourceExhaustedError = _error_class("ResourceExhaustedError", RESOURCE_EXHAUSTED, "Out of a resource.")
FailedPreconditionError = _error_class(
    "FailedPreconditionError", FAILED_PRECONDITION,
    "The system is not in a state to run the op (e.g. an uninitialized variable).")
AbortedError = _error_class("AbortedError", ABORTED, "The operation was aborted.")
OutOfRangeError = _error_class("OutOfRangeError", OUT_OF_RANGE, "An iterator or queue ran past its end.")
UnimplementedError = _error_class("UnimplementedError", UNIMPLEMENTED, "The operation is not implemented.")
InternalError = _error_class("InternalError", INTERNAL, "An internal invariant was broken.")
UnavailableError = _error_class("UnavailableError", UNAVAILABLE, "The runtime is unavailable.")
DataLossError = _error_class(
    "DataLossError", DATA_LOSS, "Unrecoverable data loss or corruption (e.g. a bad checkpoint).")

_CODE_TO_CLASS = {cls(None, None, "").error_code: cls for cls in (
    CancelledError, UnknownError, InvalidArgumentError, DeadlineExceededError, NotFoundError,
    AlreadyExistsError, PermissionDeniedError, UnauthenticatedError, ResourceExhaustedError,
    FailedPreconditionError, AbortedError, OutOfRangeError, UnimplementedError, InternalError,
    UnavailableError, DataLossError)}


def exception_type_from_error_code(error_code: int) -> type:
    return _CODE_TO_CLASS[error_code]


def error_code_from_exception_type(cls: type) -> int:
    return cls(None, None, "").error_code
