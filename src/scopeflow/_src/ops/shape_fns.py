"""Shape functions shared by many op definitions."""

from __future__ import annotations

from scopeflow._src.framework.registry import ShapeError
from scopeflow._src.framework.tensor_shape import TensorShape, UNKNOWN


def unchanged(inputs, attrs):
    """The output has the shape of the first input."""
    return inputs[0].shape


def scalar(inputs, attrs):
    return TensorShape(())


def broadcast(inputs, attrs):
    """NumPy broadcasting of two input shapes, with TensorFlow's error text."""
    return broadcast_shapes(inputs[0].shape, inputs[1].shape)


def broadcast_shapes(a: TensorShape, b: TensorShape) -> TensorShape:
    da, db = a.as_tuple(), b.as_tuple()
    if da is None or db is None:
        return UNKNOWN
    n = max(len(da), len(db))
    da = (1,) * (n - len(da)) + da
    db = (1,) * (n - len(db)) + db
    out = []
    for x, y in zip(da, db):
        if x == 1:
            out.append(y)
        elif y == 1:
            out.append(x)
        elif x is None:
            out.append(y if y is not None and y > 1 else None)
        elif y is None:
            out.append(x if x > 1 else None)
        elif x == y:
            out.append(x)
        else:
            raise ShapeError(f"Dimensions must be equal, but are {x} and {y}")
    return TensorShape(out)


def from_shape_input(index: int):
    """The output shape is the value of input ``index`` (a 1-D shape tensor), when known."""
    def infer(inputs, attrs):
        return shape_from_tensor(inputs[index])
    return infer


def shape_from_tensor(t) -> TensorShape:
    """The shape a 1-D int tensor describes, as far as it is known at build time."""
    from scopeflow._src.framework.tensor_util import constant_value

    value = constant_value(t)
    if value is not None:
        if value.ndim == 0:
            raise ShapeError(f"Shape must be rank 1 but is rank 0")
        return TensorShape([None if v < 0 else int(v) for v in value.tolist()])
    if t.shape.ndims == 1 and t.shape.as_list()[0] is not None:
        return TensorShape([None] * t.shape.as_list()[0])
    return UNKNOWN


def shape_text(shape: TensorShape) -> str:
    """TensorFlow's shape notation in C++ messages: ``[?,3]``."""
    if shape.ndims is None:
        return "?"
    return "[" + ",".join("?" if d is None else str(d) for d in shape.as_list()) + "]"


def merge_shapes(a: TensorShape, b: TensorShape) -> TensorShape:
    """``a.merge_with(b)`` with the messages of TensorFlow's C++ shape inference."""
    if a.ndims is not None and b.ndims is not None:
        if a.ndims != b.ndims:
            raise ShapeError(f"Shapes must be equal rank, but are {a.ndims} and {b.ndims}")
        for i, (x, y) in enumerate(zip(a.as_list(), b.as_list())):
            if x is not None and y is not None and x != y:
                raise ShapeError(f"Dimension {i} in both shapes must be equal, but are {x} and {y}. Shapes are "
                                 f"{shape_text(a)} and {shape_text(b)}.")
    return a.merge_with(b)


merge = merge_shapes
