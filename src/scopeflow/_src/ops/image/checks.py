"""The shape checks of the image functions, worded as TensorFlow words them.

A dimension known when the graph is built is checked then (``ValueError``); one known only
when the graph runs is checked by an ``Assert`` op the result depends on.
"""

from __future__ import annotations

from scopeflow._src.framework.operation import Tensor
from scopeflow._src.ops import array_ops
from scopeflow._src.ops.control.assert_op import Assert
from scopeflow._src.ops.control.control_flow_ops import with_dependencies
from scopeflow._src.ops.debugging.binary_asserts import assert_greater_equal, assert_positive


def is_tensor(x) -> bool:
    """Whether ``x`` is a graph value (a tensor or a variable) rather than a Python number."""
    return isinstance(x, Tensor) or hasattr(x, "_as_graph_element")


def image_dimensions(image, rank):
    """The dimensions of ``image``: the static ones as ints, the others as scalar tensors."""
    if image.shape.is_fully_defined():
        return image.shape.as_list()
    static = image.shape.with_rank(rank).as_list()
    dynamic = array_ops.unstack(array_ops.shape(image), rank)
    return [s if s is not None else d for s, d in zip(static, dynamic)]


def check_rank_3_or_4(image, what="image", missing=(None,)):
    """TF's build-time error for an image that is neither 3-D nor 4-D."""
    if image.shape.ndims not in (3, 4) and image.shape.ndims not in missing:
        raise ValueError(f"'{what}' (shape {image.shape}) must have either 3 or 4 dimensions.")


def assert_condition(cond, ex_type, msg):
    """TF's ``_assert``: a Python condition raises ``ex_type`` now, a tensor one becomes an ``Assert``."""
    if is_tensor(cond):
        return [Assert(cond, [msg])]
    if not cond:
        raise ex_type(msg)
    return []


def check_at_least_3d(image, require_static=True):
    """The checks of an image of rank 3 or more (TF's ``_CheckAtLeast3DImage``): static errors
    raised now, the assertions of unknown dimensions returned."""
    try:
        shape = image.shape.with_rank(3) if image.shape.ndims is None else image.shape.with_rank_at_least(3)
    except ValueError:
        raise ValueError(f"'image' (shape {image.shape}) must be at least three-dimensional.") from None
    if require_static and not shape.is_fully_defined():
        raise ValueError("'image' must be fully defined.")
    if any(x == 0 for x in shape.as_list()[-3:]):
        raise ValueError(f"inner 3 dims of 'image.shape' must be > 0: {shape}")
    if shape[-3:].is_fully_defined():
        return []
    return [assert_positive(array_ops.shape(image)[-3:], ["inner 3 dims of 'image.shape' must be > 0."]),
            assert_greater_equal(array_ops.rank(image), 3, message="'image' must be at least three-dimensional.")]


def assert_at_least_3d(image):
    """``image``, depending on the checks of its unknown dimensions."""
    return with_dependencies(check_at_least_3d(image, require_static=False), image)


def check_3d(image, require_static=True):
    """The checks of a 3-D image (TF's ``_Check3DImage``)."""
    try:
        shape = image.shape.with_rank(3)
    except ValueError:
        raise ValueError(f"'image' (shape {image.shape}) must be three-dimensional.") from None
    if require_static and not shape.is_fully_defined():
        raise ValueError(f"'image' (shape {shape}) must be fully defined.")
    if any(x == 0 for x in shape.as_list()):
        raise ValueError(f"all dims of 'image.shape' must be > 0: {shape}")
    if shape.is_fully_defined():
        return []
    return [assert_positive(array_ops.shape(image), ["all dims of 'image.shape' must be > 0."])]
