"""TensorFlow's ``_assert_scalar`` for the parse wrappers that take one record: a tensor of
known rank must be a scalar (``ValueError`` otherwise); one of unknown rank gets an
``Assert`` on its rank that runs before it is used."""

from __future__ import annotations

from scopeflow._src.ops.array.shapes import rank
from scopeflow._src.ops.control.assert_op import Assert
from scopeflow._src.ops.control.control_flow_ops import with_dependencies
from scopeflow._src.ops.math.comparison import equal


def assert_scalar(value, name: str):
    """``value`` itself when it is a scalar, else checked to be one when it runs.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     checked = assert_scalar(tf.placeholder(tf.string), "serialized")
    ...     print(checked.name, checked.shape)
    serializedDependencies:0 ()
    """
    value_rank = value.shape.ndims
    if value_rank == 0:
        return value
    if value_rank is not None:
        raise ValueError(f"Input {name} must be a scalar")
    check = Assert(equal(rank(value), 0), [f"Input {name} must be a scalar"], name=f"{name.capitalize()}IsScalar")
    result = with_dependencies([check], value, name=f"{name}Dependencies")
    result.set_shape([])
    return result
