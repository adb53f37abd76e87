"""The pieces of TensorFlow's C++ shape inference that graph construction shares: the error
shape functions raise, TF's shape notation in messages, and merging two partially known
shapes with TF's wording (``Tensor.set_shape`` and the op definitions both merge)."""

from __future__ import annotations

from scopeflow._src.framework.tensor_shape import TensorShape


class ShapeError(ValueError):
    """Raised by shape functions; ``op_builder.create`` adds TensorFlow's node description.

    ``suffix`` (optional) follows the input shapes, e.g. TF's
    `` and with computed input tensors: input[1] = <5>`` (see ``shape_fns.computed_suffix``).
    """

    def __init__(self, message, suffix=""):
        super().__init__(message)
        self.suffix = suffix


def shape_text(shape: TensorShape) -> str:
    """TensorFlow's shape notation in C++ messages: ``[?,3]``, ``?`` for an unknown rank."""
    if shape.ndims is None:
        return "?"
    return "[" + ",".join("?" if d is None else str(d) for d in shape.as_list()) + "]"


def merge_dim(a, b):
    """Two static dims that must agree (``None`` is unknown), with TF's C++ error."""
    if a is not None and b is not None and a != b:
        raise ShapeError(f"Dimensions must be equal, but are {a} and {b}")
    return a if a is not None else b


def merge_shapes(a: TensorShape, b: TensorShape) -> TensorShape:
    """``a.merge_with(b)`` with the messages of TensorFlow's C++ shape inference."""
    if a._dims == b._dims:
        return a  # already the same: shapes are immutable, so share it (and allocate nothing)
    if a.ndims is not None and b.ndims is not None:
        if a.ndims != b.ndims:
            raise ShapeError(f"Shapes must be equal rank, but are {a.ndims} and {b.ndims}")
        for i, (x, y) in enumerate(zip(a.as_list(), b.as_list())):
            if x is not None and y is not None and x != y:
                raise ShapeError(f"Dimension {i} in both shapes must be equal, but are {x} and {y}. Shapes are "
                                 f"{shape_text(a)} and {shape_text(b)}.")
    return a.merge_with(b)
