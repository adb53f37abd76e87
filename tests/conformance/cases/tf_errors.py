"""Conformance cases for the tf.errors exception classes and status codes."""

from tests.conformance.harness import case

ERROR_CLASSES = [
    "CancelledError", "UnknownError", "InvalidArgumentError", "DeadlineExceededError", "NotFoundError",
    "AlreadyExistsError", "PermissionDeniedError", "ResourceExhaustedError", "FailedPreconditionError",
    "AbortedError", "OutOfRangeError", "UnimplementedError", "InternalError", "UnavailableError",
    "DataLossError", "UnauthenticatedError",
]
CODE_NAMES = [
    "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
    "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE",
    "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
]


def _make(tf, name, message="msg"):
    return getattr(tf.errors, name)(None, None, message)


@case
def module_level_codes(tf):
    return {n: int(getattr(tf.errors, n)) for n in CODE_NAMES}


@case
def class_error_codes(tf):
    return {n: int(_make(tf, n).error_code) for n in ERROR_CLASSES}


@case
def class_names(tf):
    return [getattr(tf.errors, n).__name__ for n in ERROR_CLASSES]


@case
def subclasses_of_operror(tf):
    return {n: issubclass(getattr(tf.errors, n), tf.errors.OpError) for n in ERROR_CLASSES}


@case
def operror_is_exception(tf):
    return [issubclass(tf.errors.OpError, Exception), tf.errors.OpError.__name__]


@case
def errors_not_subclasses_of_each_other(tf):
    e = tf.errors
    return [issubclass(e.NotFoundError, e.InvalidArgumentError), issubclass(e.OutOfRangeError, e.InvalidArgumentError),
            issubclass(e.InvalidArgumentError, ValueError), issubclass(e.NotFoundError, LookupError)]


@case
def construct_and_read_fields(tf):
    e = tf.errors.NotFoundError(None, None, "could not find it")
    return [e.message, e.op is None, e.node_def is None, e.error_code, str(e)]


@case
def construct_with_op(tf):
    c = tf.constant(1.0, name="c")
    e = tf.errors.InvalidArgumentError(None, c.op, "bad value")
    return [e.message, e.op is c.op, e.op.name, e.error_code]


@case
def str_with_op_starts_with_message(tf):
    c = tf.constant(1.0, name="c")
    e = tf.errors.InvalidArgumentError(None, c.op, "bad value")
    return str(e).startswith("bad value")


@case
def operror_direct_construction(tf):
    e = tf.errors.OpError(None, None, "generic", tf.errors.INTERNAL)
    return [e.message, e.error_code, str(e)]


@case
def raise_and_catch_as_operror(tf):
    try:
        raise tf.errors.OutOfRangeError(None, None, "end of sequence")
    except tf.errors.OpError as exc:
        return [type(exc).__name__, exc.message, exc.error_code]


@case
def exception_type_from_error_code(tf):
    return [tf.errors.exception_type_from_error_code(c).__name__ for c in range(1, 17)]


@case
def error_code_from_exception_type(tf):
    return [tf.errors.error_code_from_exception_type(getattr(tf.errors, n)) for n in ERROR_CLASSES]


@case
def empty_message(tf):
    e = tf.errors.UnknownError(None, None, "")
    return [e.message, str(e)]


@case
def errors_are_distinct_classes(tf):
    return len({getattr(tf.errors, n) for n in ERROR_CLASSES})


@case
def error_args_are_empty(tf):
    e = tf.errors.NotFoundError(None, None, "msg")
    return [list(e.args), isinstance(e, Exception)]
