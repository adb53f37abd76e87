"""Static shapes: ``Dimension`` and ``TensorShape`` with TensorFlow 1.x semantics.

A dimension may be unknown (``None``, printed ``?``) and a shape may have unknown rank
(printed ``<unknown>``). Both are immutable. As in TF1 (``disable_v2_behavior``), indexing a
shape gives ``Dimension`` objects, and comparisons with an unknown dimension give ``None``.
"""

from __future__ import annotations

import operator


class Dimension:
    """One dimension of a shape; ``value`` is an int or ``None`` when unknown.

    >>> import scopeflow as tf
    >>> str(tf.Dimension(None)), tf.Dimension(3) + 1, tf.Dimension(3) == 3
    ('?', Dimension(4), True)
    """

    __slots__ = ("_value",)

    def __init__(self, value):
        if value is None or isinstance(value, int) and not isinstance(value, bool):
            v = value
        elif isinstance(value, Dimension):
            v = value._value
        else:
            try:
                v = operator.index(value)
            except TypeError:
                raise TypeError(
                    f"Dimension value must be integer or None or have an __index__ method, "
                    f"got value '{value!r}' with type '{type(value)}'") from None
        if v is not None and v < 0:
            raise ValueError(f"Dimension {v} must be >= 0")
        object.__setattr__(self, "_value", v)

    def __setattr__(self, key, value):
        raise AttributeError("Dimension objects are immutable")

    @property
    def value(self):
        return self._value

    def __repr__(self):
        return f"Dimension({self._value!r})"

    def __str__(self):
        return "?" if self._value is None else str(self._value)

    def __int__(self):
        return self._value

    def __index__(self):
        return self._value

    __hash__ = None  # TensorFlow's Dimension is unhashable (== may return None)

    def __bool__(self):
        return bool(self._value)

    def is_compatible_with(self, other) -> bool:
        other = as_dimension(other)
        return self._value is None or other._value is None or self._value == other._value

    def assert_is_compatible_with(self, other) -> None:
        if not self.is_compatible_with(other):
            raise ValueError(f"Dimensions {self} and {other} are not compatible")

    def merge_with(self, other) -> "Dimension":
        other = as_dimension(other)
        self.assert_is_compatible_with(other)
        return Dimension(other._value if self._value is None else self._value)

    def _compare(self, other, op):
        try:
            other = as_dimension(other)
        except (TypeError, ValueError):
            return NotImplemented
        if self._value is None or other._value is None:
            return None
        return op(self._value, other._value)

    def __eq__(self, other):
        return self._compare(other, operator.eq)

    def __ne__(self, other):
        return self._compare(other, operator.ne)

    def __lt__(self, other):
        return self._compare(other, operator.lt)

    def __le__(self, other):
        return self._compare(other, operator.le)

    def __gt__(self, other):
        return self._compare(other, operator.gt)

    def __ge__(self, other):
        return self._compare(other, operator.ge)

    def _arith(self, other, op, reverse=False):
        try:
            other = as_dimension(other)
        except (TypeError, ValueError):
            return NotImplemented
        if self._value is None or other._value is None:
            return Dimension(None)
        a, b = (other._value, self._value) if reverse else (self._value, other._value)
        return Dimension(op(a, b))

    def __add__(self, other):
        return self._arith(other, operator.add)

    def __radd__(self, other):
        return self._arith(other, operator.add, True)

    def __sub__(self, other):
        return self._arith(other, operator.sub)

    def __rsub__(self, other):
        return self._arith(other, operator.sub, True)

    def __mul__(self, other):
        return self._arith(other, operator.mul)

    def __rmul__(self, other):
        return self._arith(other, operator.mul, True)

    def __truediv__(self, other):
        raise TypeError(f"unsupported operand type(s) for /: 'Dimension' and '{type(other).__name__}', please use "
                        f"// instead")

    def __rtruediv__(self, other):
        raise TypeError(f"unsupported operand type(s) for /: '{type(other).__name__}' and 'Dimension', please use "
                        f"// instead")

    def __floordiv__(self, other):
        return self._arith(other, operator.floordiv)

    def __rfloordiv__(self, other):
        return self._arith(other, operator.floordiv, True)

    def __mod__(self, other):
        return self._arith(other, operator.mod)

    def __rmod__(self, other):
        return self._arith(other, operator.mod, True)

    def __reduce__(self):
        return Dimension, (self._value,)


def as_dimension(value) -> Dimension:
    """``value`` as a ``Dimension`` (an int, ``None`` or a ``Dimension``)."""
    return value if isinstance(value, Dimension) else Dimension(value)


def dimension_value(dim):
    """The int (or ``None``) inside ``dim``, which may be a ``Dimension`` or an int."""
    return dim._value if isinstance(dim, Dimension) else dim


def _plain_dims(dims):
    """``dims`` as a tuple of ints and ``None``s (a fast path for the common case)."""
    for x in dims:
        if not (x is None or type(x) is int and x >= 0):
            return tuple(dimension_value(as_dimension(x)) for x in dims)
    return tuple(dims)


class TensorShape:
    """The static shape of a tensor, possibly partially known.

    >>> import scopeflow as tf
    >>> s = tf.TensorShape([None, 3])
    >>> str(s), s.as_list(), s.merge_with([2, None]).as_list()
    ('(?, 3)', [None, 3], [2, 3])
    """

    __slots__ = ("_dims",)

    def __init__(self, dims):
        if isinstance(dims, TensorShape):
            d = dims._dims
        elif dims is None:
            d = None
        elif type(dims) is tuple or type(dims) is list:
            d = _plain_dims(dims)
        elif type(dims).__name__ == "TensorShapeProto":  # scopeflow's or TensorFlow's message
            d = None if dims.unknown_rank else tuple(None if x.size == -1 else x.size for x in dims.dim)
        elif isinstance(dims, str) and not dims:
            d = ()  # TF iterates a string: an empty one is a scalar's shape
        elif isinstance(dims, (str, bytes)):  # TF names the first element it failed to convert
            first = dims[:1] if isinstance(dims, str) else dims
            raise TypeError(
                f"Failed to convert '{dims!r}' to a shape: '{first!r}'could not be converted to a dimension. A shape "
                f"should either be single dimension (e.g. 10), or an iterable of dimensions (e.g. [1, 10, None]).")
        else:
            try:
                it = iter(dims)
            except TypeError:
                d = (dimension_value(as_dimension(dims)),)
            else:
                d = tuple(dimension_value(as_dimension(x)) for x in it)
        object.__setattr__(self, "_dims", d)

    def __setattr__(self, key, value):
        raise AttributeError("TensorShape objects are immutable")

    # -- queries --------------------------------------------------------------------------
    @property
    def dims(self):
        return None if self._dims is None else [Dimension(v) for v in self._dims]

    @property
    def ndims(self):
        return None if self._dims is None else len(self._dims)

    @property
    def rank(self):
        return self.ndims

    def as_list(self):
        if self._dims is None:
            raise ValueError("as_list() is not defined on an unknown TensorShape.")
        return list(self._dims)

    def as_tuple(self):  # convenience used internally
        return self._dims

    def num_elements(self):
        if not self.is_fully_defined():
            return None
        n = 1
        for v in self._dims:
            n *= v
        return n

    def is_fully_defined(self) -> bool:
        return self._dims is not None and None not in self._dims

    def assert_is_fully_defined(self):
        if not self.is_fully_defined():
            raise ValueError(f"Shape {self} is not fully defined")

    # -- compatibility --------------------------------------------------------------------
    def is_compatible_with(self, other) -> bool:
        other = as_shape(other)
        if self._dims is None or other._dims is None:
            return True
        if len(self._dims) != len(other._dims):
            return False
        return all(a is None or b is None or a == b for a, b in zip(self._dims, other._dims))

    def assert_is_compatible_with(self, other) -> None:
        if not self.is_compatible_with(other):
            raise ValueError(f"Shapes {self} and {other} are incompatible")

    def merge_with(self, other) -> "TensorShape":
        other = as_shape(other)
        if self._dims is None:
            return other
        if other._dims is None:
            return self
        if len(self._dims) != len(other._dims) or not self.is_compatible_with(other):
            raise ValueError(f"Shapes {self} and {other} are not compatible")
        return TensorShape([b if a is None else a for a, b in zip(self._dims, other._dims)])

    def most_specific_compatible_shape(self, other) -> "TensorShape":
        other = as_shape(other)
        if self._dims is None or other._dims is None or len(self._dims) != len(other._dims):
            return TensorShape(None)
        return TensorShape([a if a == b else None for a, b in zip(self._dims, other._dims)])

    def concatenate(self, other) -> "TensorShape":
        other = as_shape(other)
        if self._dims is None or other._dims is None:
            return TensorShape(None)
        return TensorShape(self._dims + other._dims)

    def with_rank(self, rank: int) -> "TensorShape":
        if self._dims is None:
            return TensorShape([None] * rank)
        if len(self._dims) != rank:
            raise ValueError(f"Shape {self} must have rank {rank}")
        return self

    def with_rank_at_least(self, rank: int) -> "TensorShape":
        if self._dims is not None and len(self._dims) < rank:
            raise ValueError(f"Shape {self} must have rank at least {rank}")
        return self

    def with_rank_at_most(self, rank: int) -> "TensorShape":
        if self._dims is not None and len(self._dims) > rank:
            raise ValueError(f"Shape {self} must have rank at most {rank}")
        return self

    def assert_has_rank(self, rank: int) -> None:
        if self._dims is not None and len(self._dims) != rank:
            raise ValueError(f"Shape {self} must have rank {rank}")

    def assert_same_rank(self, other) -> None:
        other = as_shape(other)
        if self._dims is not None and other._dims is not None and len(self._dims) != len(other._dims):
            raise ValueError(f"Shapes {self} and {other} must have the same rank")

    # -- python protocol ------------------------------------------------------------------
    def __len__(self):
        if self._dims is None:
            raise ValueError("Cannot take the length of shape with unknown rank.")
        return len(self._dims)

    def __iter__(self):
        if self._dims is None:
            raise ValueError("Cannot iterate over a shape with unknown rank.")
        return iter([Dimension(v) for v in self._dims])

    def __getitem__(self, key):
        if self._dims is not None:
            if isinstance(key, slice):
                return TensorShape(self._dims[key])
            try:
                return Dimension(self._dims[key])
            except IndexError:
                raise IndexError("list index out of range") from None
        if isinstance(key, slice):
            start, stop = key.start, key.stop
            if key.step is not None:
                raise ValueError("Steps are not yet handled")
            if key.step is not None or (start is not None and start < 0) or (stop is not None and stop < 0):
                return TensorShape(None)
            if stop is None:
                return TensorShape(None)
            return TensorShape([None] * (stop - (start or 0)))
        return Dimension(None)

    def __bool__(self):
        return self._dims is not None

    def __eq__(self, other):
        try:
            other = as_shape(other)
        except TypeError:
            return NotImplemented
        return self._dims == other._dims

    def __ne__(self, other):
        eq = self.__eq__(other)
        return eq if eq is NotImplemented else not eq

    def __hash__(self):
        return hash(self._dims)

    def __add__(self, other):
        return self.concatenate(other)

    def __radd__(self, other):
        return as_shape(other).concatenate(self)

    def __repr__(self):
        if self._dims is None:
            return "TensorShape(None)"
        return f"TensorShape([{', '.join(repr(Dimension(v)) for v in self._dims)}])"

    def __str__(self):
        if self._dims is None:
            return "<unknown>"
        if len(self._dims) == 1:
            return f"({_dim_str(self._dims[0])},)"
        return "(" + ", ".join(_dim_str(v) for v in self._dims) + ")"

    def __reduce__(self):
        return TensorShape, (self._dims,)


def _dim_str(v):
    return "?" if v is None else str(v)


def as_shape(shape) -> TensorShape:
    """``shape`` as a ``TensorShape`` (a list, tuple, int, ``None`` or ``TensorShape``)."""
    return shape if isinstance(shape, TensorShape) else TensorShape(shape)


def unknown_shape(rank=None) -> TensorShape:
    """A shape of unknown rank, or of known ``rank`` with every dimension unknown."""
    return TensorShape(None if rank is None else [None] * rank)


def scalar() -> TensorShape:
    return TensorShape(())


UNKNOWN = TensorShape(None)
SCALAR = TensorShape(())


def dimension_at_index(shape, index) -> Dimension:
    """``shape[index]`` as a ``Dimension``; unknown when the rank is unknown."""
    shape = as_shape(shape)
    if shape.ndims is None:
        return Dimension(None)
    return shape[index]


# One shared object per distinct static shape: shapes are immutable, and a graph holds
# thousands of equal ones, each of which the garbage collector would otherwise walk.
_SHAPES: dict = {}


def interned(shape: TensorShape) -> TensorShape:
    """The shared ``TensorShape`` equal to ``shape`` (graph construction gives every op's outputs one)."""
    dims = shape._dims
    known = _SHAPES.get(dims)
    if known is not None:
        return known
    if len(_SHAPES) > 50_000:  # bound the table for programs with endlessly new shapes
        _SHAPES.clear()
    _SHAPES[dims] = shape
    return shape
