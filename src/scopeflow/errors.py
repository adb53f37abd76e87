"""``tf.errors``: TensorFlow's ``OpError`` hierarchy with its canonical error codes.

Runtime failures inside ``Session.run`` raise these, naming the op that failed. Errors at
graph-build time are plain ``ValueError``/``TypeError`` as in TensorFlow. Only re-exports;
the code lives in ``scopeflow._src.framework.errors``.
"""

__all__ = [
    "ABORTED", "AbortedError", "ALREADY_EXISTS", "AlreadyExistsError", "CANCELLED", "CancelledError", "DATA_LOSS",
    "DataLossError", "DEADLINE_EXCEEDED", "DeadlineExceededError", "error_code_from_exception_type",
    "exception_type_from_error_code", "FAILED_PRECONDITION", "FailedPreconditionError", "INTERNAL", "InternalError",
    "INVALID_ARGUMENT", "InvalidArgumentError", "NOT_FOUND", "NotFoundError", "OK",
    "OperatorNotAllowedInGraphError", "OpError", "OUT_OF_RANGE", "OutOfRangeError", "PERMISSION_DENIED",
    "PermissionDeniedError", "RESOURCE_EXHAUSTED", "ResourceExhaustedError", "UNAUTHENTICATED",
    "UnauthenticatedError", "UNAVAILABLE", "UnavailableError", "UNIMPLEMENTED", "UnimplementedError", "UNKNOWN",
    "UnknownError"]

from scopeflow._src.framework.errors import (
    ABORTED,
    ALREADY_EXISTS,
    CANCELLED,
    DATA_LOSS,
    DEADLINE_EXCEEDED,
    FAILED_PRECONDITION,
    INTERNAL,
    INVALID_ARGUMENT,
    NOT_FOUND,
    OK,
    OUT_OF_RANGE,
    PERMISSION_DENIED,
    RESOURCE_EXHAUSTED,
    UNAUTHENTICATED,
    UNAVAILABLE,
    UNIMPLEMENTED,
    UNKNOWN,
    AbortedError,
    AlreadyExistsError,
    CancelledError,
    DataLossError,
    DeadlineExceededError,
    FailedPreconditionError,
    InternalError,
    InvalidArgumentError,
    NotFoundError,
    OperatorNotAllowedInGraphError,
    OpError,
    OutOfRangeError,
    PermissionDeniedError,
    ResourceExhaustedError,
    UnauthenticatedError,
    UnavailableError,
    UnimplementedError,
    UnknownError,
    error_code_from_exception_type,
    exception_type_from_error_code,
)
