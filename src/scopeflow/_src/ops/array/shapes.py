"""Ops that read or change a tensor's shape: ``Shape``/``ShapeN``/``Size``/``Rank``, ``Reshape``,
``ExpandDims`` and ``Squeeze``, with their static shapes. (``Identity`` and the placeholders
are in ``identity.py``; ``BroadcastTo`` is in ``broadcast.py``.)"""

from __future__ import annotations

import math

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry
from scopeflow._src.framework.constant_op import constant, convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create, create_output
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.sparse_tensor import SparseTensor, SparseTensorValue
from scopeflow._src.framework.tensor_shape import UNKNOWN, TensorShape
from scopeflow._src.ops.common import dtype_lists, shape_fns
from scopeflow._src.ops.common.lowering import checked, static_ints
from scopeflow._src.ops.common.shape_context import evaluate_constant, shape_fn, shape_text
from scopeflow._src.ops.math.cast import raw_cast


# -- Shape, ShapeN, Size, Rank ------------------------------------------------------------------
def _shape_fold(t):
    shape = t.op.inputs[0].shape
    if shape.is_fully_defined():
        return np.array(shape.as_list(), dtype=t.dtype.as_numpy_dtype)
    return None


def _shape_factory(op, state):
    np_type = op._attrs["out_type"].as_numpy_dtype
    return lambda x: np.array(np.shape(x), dtype=np_type)


def _shape_n_factory(op, state):
    np_type = op._attrs["out_type"].as_numpy_dtype
    return lambda *xs: tuple(np.array(np.shape(x), dtype=np_type) for x in xs)


def _size_fold(t):
    n = t.op.inputs[0].shape.num_elements()
    return None if n is None else np.array(n, dtype=t.dtype.as_numpy_dtype)


def _size_factory(op, state):
    np_type = op._attrs["out_type"].as_numpy_dtype
    return lambda x: np.array(np.size(x), dtype=np_type)


def _rank_fold(t):
    ndims = t.op.inputs[0].shape.ndims
    return None if ndims is None else np.array(ndims, dtype=np.int32)


_OUT_TYPE = {"out_type": dtypes.int32}
registry.register(OpDef("Shape", inputs=["input: T"], outputs=["output: out_type"],
                        attrs={"out_type": dtype_lists.INDEX},
                        shape=lambda inputs, attrs: TensorShape([inputs[0].shape.ndims]),
                        factory=_shape_factory, fold=_shape_fold, reads_shape_only=True, defaults=_OUT_TYPE,
                        lower=_shape_factory))  # JAX knows shapes when compiling: the kernels lower as they are
registry.register(OpDef("ShapeN", inputs=["input: N*T"], outputs=["output: N*out_type"],
                        attrs={"out_type": dtype_lists.INDEX},
                        shape=lambda inputs, attrs: [TensorShape([t.shape.ndims]) for t in inputs],
                        factory=_shape_n_factory, reads_shape_only=True, defaults=_OUT_TYPE, lower=_shape_n_factory))
registry.register(OpDef("Size", inputs=["input: T"], outputs=["output: out_type"],
                        attrs={"out_type": dtype_lists.INDEX},
                        shape=shape_fns.scalar, factory=_size_factory, fold=_size_fold, reads_shape_only=True,
                        defaults=_OUT_TYPE, lower=_size_factory))
registry.register(OpDef("Rank", inputs=["input: T"], outputs=["output: int32"], shape=shape_fns.scalar,
                        kernel=lambda x: np.int32(np.ndim(x)), fold=_rank_fold, reads_shape_only=True,
                        lower=lambda op, jx: lambda x: np.int32(np.ndim(x))))


def as_tensor_input(input):  # noqa: A002
    """``input`` as a tensor: a variable's value (``value()``), anything else converted."""
    if hasattr(input, "_as_graph_element") and not isinstance(input, Tensor):
        return input.value()
    return convert_to_tensor(input)


def shape_internal(input, name=None, optimize=True, out_type=None):  # noqa: A002
    """TF's ``shape_internal``: a ``Const`` for a fully known shape (named ``shape_as_tensor``
    inside the scope when ``out_type`` is ``None``), else a ``Shape`` op."""
    with name_scope(name, "Shape", [input]) as scope:
        if isinstance(input, (SparseTensor, SparseTensorValue)):  # the dense shape, cast
            return raw_cast(input.dense_shape, dtypes.int32 if out_type is None else dtypes.as_dtype(out_type))
        input = as_tensor_input(input)
        if optimize and input.shape.is_fully_defined():
            if out_type is None:
                return constant(input.shape.as_list(), dtype=dtypes.int32, name="shape_as_tensor")
            return constant(input.shape.as_list(), dtype=out_type, name=scope)
        out_type = dtypes.int32 if out_type is None else dtypes.as_dtype(out_type)
        return create_output("Shape", [input], {"out_type": out_type}, name=scope)


def shape(input, name=None, out_type=None):  # noqa: A002
    """``tf.shape`` in TF1: a ``Const`` when the shape is fully known, else a ``Shape`` op.

    >>> import scopeflow as tf
    >>> tf.shape(tf.zeros([2, 3])).op.type
    'Const'
    """
    return shape_internal(input, name, optimize=True, out_type=dtypes.int32 if out_type is None else out_type)


def shape_n(input, out_type=dtypes.int32, name=None):  # noqa: A002
    """The shapes of several tensors, from one ``ShapeN`` op (outputs ``:0``, ``:1`` ...)."""
    return create("ShapeN", [list(input)], {"out_type": dtypes.as_dtype(out_type)}, name=name).outputs


def size_internal(input, name=None, optimize=True, out_type=dtypes.int32):  # noqa: A002
    """TF's ``size_internal``: a ``Const`` when known (or when a dimension is 0) and ``optimize``."""
    out_type = dtypes.as_dtype(out_type)
    with name_scope(name, "Size", [input]) as scope:
        if isinstance(input, (SparseTensor, SparseTensorValue)):  # the product of the dense shape
            return create_output("Prod", [raw_cast(input.dense_shape, out_type), 0], {"keep_dims": False},
                                 name=scope)
        input = as_tensor_input(input)
        dims = input.shape.as_tuple()
        if optimize and input.shape.is_fully_defined():
            return constant(input.shape.num_elements(), out_type, name=scope)
        if optimize and dims and 0 in dims:
            return constant(0, out_type, name=scope)
        return create_output("Size", [input], {"out_type": out_type}, name=scope)


def size(input, name=None, out_type=None):  # noqa: A002
    """The number of elements: a ``Const`` when known (or when a dimension is 0), else ``Size``."""
    return size_internal(input, name, optimize=True, out_type=dtypes.int32 if out_type is None else out_type)


def rank_internal(input, name=None, optimize=True):  # noqa: A002
    """TF's ``rank_internal``: a ``Const`` when the rank is known and ``optimize``, else ``Rank``."""
    with name_scope(name, "Rank", [input]) as scope:
        if isinstance(input, (SparseTensor, SparseTensorValue)):  # the length of the dense shape
            return create_output("Size", [input.dense_shape], {"out_type": dtypes.int32}, name=scope)
        input = as_tensor_input(input)
        if optimize and input.shape.ndims is not None:
            return constant(input.shape.ndims, dtypes.int32, name=scope)
        return create_output("Rank", [input], name=scope)


def rank(input, name=None):  # noqa: A002
    """The number of dimensions: a ``Const`` when the rank is known, else a ``Rank`` op."""
    return rank_internal(input, name, optimize=True)


# -- Reshape --------------------------------------------------------------------------------------
def _known_product(dims):
    """(product of the known dims, index of the one unknown dim or -1, more than one unknown)."""
    prod, unknown = 1, -1
    for i, d in enumerate(dims):
        if d is None:
            if unknown >= 0:
                return prod, unknown, True
            unknown = i
        else:
            prod *= d
    return prod, unknown, False


@shape_fn
def _reshape_shape(ctx, attrs):
    inputs = ctx.inputs
    out = ctx.shape_input(1)
    src = inputs[0].shape.as_tuple()
    dims = out.as_tuple()
    if dims is None or src is None:
        return out
    out_known, out_unknown, many_out = _known_product(dims)
    in_known, in_unknown, many_in = _known_product(src)
    if many_out or many_in:
        return out
    if in_unknown < 0 and out_unknown < 0:
        if in_known != out_known:
            raise ctx.error(f"Cannot reshape a tensor with {in_known} elements to shape {shape_text(out)} "
                            f"({out_known} elements)")
    elif in_unknown < 0 and out_known > 0:
        if in_known % out_known:
            raise ctx.error(f"Dimension size must be evenly divisible by {out_known} but is {in_known}")
        dims = dims[:out_unknown] + (in_known // out_known,) + dims[out_unknown + 1:]
    elif in_unknown >= 0 and out_unknown < 0 and in_known != 0:
        if out_known % in_known:
            raise ctx.error(f"Dimension size must be evenly divisible by {in_known} but is {out_known}")
    elif in_unknown >= 0 and out_unknown >= 0 and in_known == out_known:
        dims = dims[:out_unknown] + (src[in_unknown],) + dims[out_unknown + 1:]
    return TensorShape(dims)


def _reshape_factory(op, state):
    # A shape known when the graph was built was checked for sizes below -1 then; otherwise
    # check here, as NumPy takes any negative size for -1.
    checked = evaluate_constant(op._inputs[1]) is not None

    def reshape(x, s):
        x = np.asarray(x)
        target = s.tolist() if s.ndim == 1 else [int(d) for d in np.reshape(s, -1)]
        if not checked and target and min(target) < -1:
            return _reshape_as_tf(op, x, target)
        try:
            return x.reshape(target)
        except ValueError:  # NumPy refuses: TF's rules decide (they infer more around 0 sizes)
            return _reshape_as_tf(op, x, target)
    return reshape


def _reshape_as_tf(op, x, target):
    """TensorFlow's ``Reshape`` rules: the reshaped ``x``, or TF's error. The slow path, run
    only when NumPy refused (or a size is below -1)."""
    def fail(message):
        raise errors.InvalidArgumentError(None, op, message)

    dims, unknown, product = list(target), None, 1
    for i, d in enumerate(target):
        if d == -1:
            if unknown is not None:
                fail(f"Only one input size may be -1, not both {unknown} and {i}")
            unknown = i
        elif d < 0:
            fail(f"Size {i} must be non-negative, not {d}")
        elif d:
            product *= d  # zero sizes are left out, so the others can still be inferred
    if unknown is not None:
        zero_sizes = 0 in target
        n = math.prod(d for d in x.shape if d or not zero_sizes)
        if n % product and not (zero_sizes and 0 in x.shape):
            fail(f"Input to reshape is a tensor with {x.size} values, but the requested shape requires a multiple "
                 f"of {product}")
        dims[unknown] = n // product
    if math.prod(dims) != x.size:
        fail(f"Input to reshape is a tensor with {x.size} values, but the requested shape has {math.prod(dims)}")
    return x.reshape(dims)


registry.register(OpDef("Reshape", inputs=["tensor: T", "shape: Tshape"], outputs=["output: T"],
                        attrs={"Tshape": dtype_lists.INDEX}, shape=_reshape_shape, factory=_reshape_factory,
                        reshapes=True, defaults={"Tshape": dtypes.int32},
                        lower=checked(lambda op, jx: lambda x, s: jx.jnp.reshape(x, static_ints(s)))))


def reshape(tensor, shape, name=None):  # noqa: A002 - TensorFlow's argument names
    """``tensor`` with a new ``shape`` (one dimension may be ``-1``), a ``Reshape`` op.

    >>> import scopeflow as tf
    >>> tf.reshape(tf.zeros([2, 3]), [-1]).shape.as_list()
    [6]
    """
    return create_output("Reshape", [tensor, shape], name=name)


# -- ExpandDims, Squeeze ------------------------------------------------------------------------------
@shape_fn
def _expand_dims_shape(ctx, attrs):
    inputs = ctx.inputs
    value = ctx.value(1)
    dims = inputs[0].shape.as_tuple()
    if value is None or dims is None:
        return UNKNOWN
    if np.size(value) != 1:
        raise ctx.error("'dim' input must be a tensor with a single value")
    dim = int(np.reshape(value, -1)[0])
    rank = len(dims)
    if dim < -rank - 1 or dim > rank:
        raise ctx.error(f"dim {dim} not in the interval [{-rank - 1}, {rank}].")
    if dim < 0:
        dim += rank + 1
    return TensorShape(dims[:dim] + (1,) + dims[dim:])


def _expand_dims_factory(op, state):
    def expand(x, dim):
        x = np.asarray(x)
        d = int(np.reshape(dim, -1)[0])
        if d < -x.ndim - 1 or d > x.ndim:
            raise errors.InvalidArgumentError(None, op, f"Tried to expand dim index {d} for tensor with {x.ndim} "
                                                        f"dimensions.")
        return np.expand_dims(x, d)
    return expand


registry.register(OpDef("ExpandDims", inputs=["input: T", "dim: Tdim"], outputs=["output: T"],
                        attrs={"Tdim": dtype_lists.INDEX}, shape=_expand_dims_shape, factory=_expand_dims_factory,
                        defaults={"Tdim": dtypes.int32},
                        lower=checked(lambda op, jx: lambda x, d: jx.jnp.expand_dims(x, static_ints(d)[0]))))


def expand_dims(input, axis=None, name=None, dim=None):  # noqa: A002
    """``input`` with a new dimension of size 1 inserted at ``axis`` (``ExpandDims``)."""
    if axis is not None and dim is not None:
        raise ValueError("Cannot specify both 'axis' and 'dim'")
    axis = dim if axis is None else axis
    if axis is None:
        raise ValueError("Must specify an axis argument to tf.expand_dims()")
    return create_output("ExpandDims", [input, axis], name=name)


@shape_fn
def _squeeze_shape(ctx, attrs):
    inputs = ctx.inputs
    dims = inputs[0].shape.as_tuple()
    if dims is None:
        return UNKNOWN
    rank = len(dims)
    wanted = set()
    for i, a in enumerate(attrs["squeeze_dims"]):
        if a < -rank or a >= rank:
            raise ctx.error(f"squeeze_dims[{i}] not in [{-rank},{rank}).")
        wanted.add(a % rank)
    out = []
    for i, d in enumerate(dims):
        if wanted:
            if i in wanted:
                if d is not None and d != 1:
                    raise ctx.error(f"Can not squeeze dim[{i}], expected a dimension of 1, got {d}")
                continue
        elif d is None:
            return UNKNOWN
        elif d == 1:
            continue
        out.append(d)
    return TensorShape(out)


def _squeeze_factory(op, state):
    axes = tuple(op._attrs["squeeze_dims"])

    def squeeze_kernel(x):
        x = np.asarray(x)
        if not axes:
            return np.squeeze(x)
        for a in axes:
            if a < -x.ndim or a >= x.ndim:
                raise errors.InvalidArgumentError(None, op, f"Tried to squeeze dim index {a} for tensor with "
                                                            f"{x.ndim} dimensions.")
            if x.shape[a] != 1:
                raise errors.InvalidArgumentError(None, op, f"Can not squeeze dim[{a % x.ndim}], expected a "
                                                            f"dimension of 1, got {x.shape[a]}")
        return np.squeeze(x, axis=tuple(a % x.ndim for a in axes))
    return squeeze_kernel


def _lower_squeeze(op, jx):
    axes = tuple(op._attrs["squeeze_dims"])
    return lambda x: jx.jnp.squeeze(x, axis=axes or tuple(i for i, d in enumerate(x.shape) if d == 1))


registry.register(OpDef("Squeeze", inputs=["input: T"], outputs=["output: T"], shape=_squeeze_shape,
                        factory=_squeeze_factory, defaults={"squeeze_dims": ()}, lower=checked(_lower_squeeze)))


def squeeze(input, axis=None, name=None, squeeze_dims=None):  # noqa: A002
    """``input`` without its size-1 dimensions (only those in ``axis`` when given)."""
    if axis is not None and squeeze_dims is not None:
        raise ValueError("Cannot specify both 'axis' and 'squeeze_dims'")
    axis = squeeze_dims if axis is None else axis
    if np.isscalar(axis):
        axis = [axis]
    return create_output("Squeeze", [input], {"squeeze_dims": [int(a) for a in (axis or [])]}, name=name)
