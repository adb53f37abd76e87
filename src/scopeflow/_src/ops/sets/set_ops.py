"""``SetSize`` and ``DenseToDenseSetOperation``, ``DenseToSparseSetOperation``,
``SparseToSparseSetOperation``: sets along the last dimension of a tensor (``tf.sets``).

A *group* is one index of all dimensions but the last; its set holds the distinct values of
that row (for a sparse tensor, the values present in it). The set operations give a
``SparseTensor`` whose row ``g`` lists the sorted result of ``a-b``, ``b-a``,
``intersection`` or ``union`` of group ``g``'s two sets; its last dimension is the largest
result set. Checks and messages are those of TF's ``set_kernels.cc``.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry
from scopeflow._src.framework.op_builder import create
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.sparse_tensor import SparseTensor, convert_to_tensor_or_sparse_tensor
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops.common.shape_context import shape_fn
from scopeflow._src.ops.sparse.common import check_indices, dims_text

_TYPES = tuple(dtypes.as_dtype(n) for n in ("int8", "int16", "int32", "int64", "uint8", "uint16", "string"))
_VALID_DTYPES = frozenset(_TYPES)
_SPARSE = ["indices: int64", "values: T", "shape: int64"]
_OUTPUTS = ["result_indices: int64", "result_values: T", "result_shape: int64"]
_OPERATIONS = {"a-b": lambda a, b: a - b, "b-a": lambda a, b: b - a, "intersection": lambda a, b: a & b,
               "union": lambda a, b: a | b}


# -- shapes ----------------------------------------------------------------------------------------
def _validate_sparse(ctx, first):
    """TF's ``ValidateSparseTensor`` of inputs ``first``, ``first + 1``, ``first + 2``."""
    ctx.with_rank(first, 2)
    ctx.with_rank(first + 1, 1)
    ctx.with_rank(first + 2, 1)
    indices, values, shape = ctx.dims(first), ctx.dims(first + 1), ctx.dims(first + 2)
    if indices[0] is not None and values[0] is not None and indices[0] != values[0]:
        raise ctx.error(f"Number of elements in index ({indices[0]}) and values ({values[0]}) do not match.")
    if indices[1] is not None and shape[0] is not None and indices[1] != shape[0]:
        raise ctx.error(f"Index rank ({indices[1]}) and shape rank ({shape[0]}) do not match.")
    return shape[0]


def _outputs(rank):
    return [TensorShape([None, rank]), TensorShape([None]), TensorShape([rank])]


@shape_fn
def _dense_dense_shape(ctx, attrs):
    ctx.with_rank_at_least(0, 2)
    rank0 = ctx.shape(0).ndims
    if rank0 is None:
        ctx.with_rank_at_least(1, 2)
        return _outputs(ctx.shape(1).ndims)
    ctx.with_rank(1, rank0)
    if ctx.shape(1).ndims is not None:
        groups = [TensorShape(ctx.dims(i)[:-1]) for i in (0, 1)]
        for d, (x, y) in enumerate(zip(groups[0].as_list(), groups[1].as_list())):
            if x is not None and y is not None and x != y:
                raise ctx.error(f"Dimension {d} in both shapes must be equal, but are {x} and {y}. Shapes are "
                                f"{_text(groups[0])} and {_text(groups[1])}.")
    return _outputs(rank0)


def _text(shape):
    return "[" + ",".join("?" if d is None else str(d) for d in shape.as_list()) + "]"


@shape_fn
def _dense_sparse_shape(ctx, attrs):
    rank1 = _validate_sparse(ctx, 1)
    ctx.with_rank_at_least(0, 2)
    rank0 = ctx.shape(0).ndims
    if rank0 is not None:
        if rank1 is not None and rank1 != rank0:
            raise ctx.error(f"Dimension must be {rank0} but is {rank1}")
        return _outputs(rank0)
    return _outputs(rank1)


@shape_fn
def _sparse_sparse_shape(ctx, attrs):
    rank0 = _validate_sparse(ctx, 0)
    rank1 = _validate_sparse(ctx, 3)
    if rank0 is not None:
        if rank0 < 2:
            raise ctx.error(f"Input 0, expected rank >= 2, got {rank0}.")
        if rank1 is not None and rank1 != rank0:
            raise ctx.error(f"Dimension must be {rank0} but is {rank1}")
        return _outputs(rank0)
    if rank1 is not None and rank1 < 2:
        raise ctx.error(f"Input 1, expected rank >= 2, got {rank1}.")
    return _outputs(rank1)


# -- kernels ---------------------------------------------------------------------------------------
def _fail(op, message):
    raise errors.InvalidArgumentError(None, op, message)


def _group_shape(op, shape):
    shape = tuple(int(d) for d in shape)
    if len(shape) < 2:
        _fail(op, f"Shape {dims_text(shape)} has rank {len(shape)} < 2")
    return shape[:-1]


def _common_group_shape(op, shape1, shape2):
    group1, group2 = _group_shape(op, shape1), _group_shape(op, shape2)
    if group1 != group2:
        _fail(op, f"Mismatched shapes {dims_text(group1)} vs {dims_text(group2)}")
    return group1


def _sparse_input(op, validate, indices, values, shape):
    """The components of a sparse input, checked as TF's ``SparseTensorFromContext``."""
    indices, values, shape = np.asarray(indices), np.asarray(values), np.asarray(shape)
    if shape.ndim != 1:
        _fail(op, "Shape must be a 1D tensor.")
    if len(shape) < 2:
        _fail(op, f"Invalid rank {len(shape)}.")
    if indices.ndim != 2:
        _fail(op, f"Indices must be a matrix, got shape {dims_text(indices.shape)}")
    if values.ndim != 1 or len(values) != len(indices):
        _fail(op, f"Values must be a vector of the indices' length, got shape {dims_text(values.shape)}")
    if validate:
        check_indices(op, indices, shape)
    return indices, values, shape


def _sparse_groups(indices, values):
    """``(group index, set of values)`` for each run of equal group indices, in order."""
    groups = []
    for row, value in zip(indices[:, :-1].tolist(), values.tolist(), strict=True):
        key = tuple(row)
        if groups and groups[-1][0] == key:
            groups[-1][1].add(value)
        else:
            groups.append((key, {value}))
    return groups


def _dense_sets(values):
    """The set of each group (row of the last dimension) of a dense input, in row-major order."""
    rows = np.asarray(values).reshape(-1, np.shape(values)[-1]).tolist()
    return [set(r) for r in rows]


def _group_keys(group_shape):
    return [tuple(k) for k in np.ndindex(*group_shape)] if group_shape else [()]


def _output(group_shape, results, dtype):
    """The result ``SparseTensor`` components from ``(group index, result set)`` pairs."""
    indices, values, width = [], [], 0
    for key, result in results:
        if not result:
            continue
        ordered = sorted(result)
        width = max(width, len(ordered))
        for j, v in enumerate(ordered):
            indices.append(list(key) + [j])
            values.append(v)
    rank = len(group_shape) + 1
    out_indices = np.array(indices, np.int64).reshape(len(indices), rank)
    out_values = np.array(values, dtype=object if dtype == dtypes.string else dtype.as_numpy_dtype)
    return out_indices, out_values.reshape(len(values)), np.array(list(group_shape) + [width], np.int64)


def _operation(op):
    name = op._attrs["set_operation"].lower()
    if name not in _OPERATIONS:
        _fail(op, f"Invalid set_operation {name}.")
    return _OPERATIONS[name]


def _distinct_sorted(rows):
    """Each row sorted, and a mask of the first occurrence of each value in it."""
    rows = np.sort(rows, axis=1)
    first = np.ones(rows.shape, bool)
    first[:, 1:] = rows[:, 1:] != rows[:, :-1]
    return rows, first


def _contains(rows, others):
    """Whether each entry of ``rows`` occurs in the same row of ``others``."""
    return (rows[:, :, None] == others[:, None, :]).any(axis=2)


def _numeric_dense_dense(name, set1, set2, group_shape):
    """The set operation on numeric dense inputs with whole-array NumPy operations: the same
    output as ``_output`` of the per-group Python sets."""
    n = int(np.prod(group_shape, dtype=np.int64))
    a = np.asarray(set1).reshape(n, np.shape(set1)[-1])
    b = np.asarray(set2).reshape(n, np.shape(set2)[-1])
    if name == "b-a":
        name, a, b = "a-b", b, a
    if name == "union":
        values, keep = _distinct_sorted(np.concatenate([a, b], axis=1))
    else:
        values, keep = _distinct_sorted(a)
        inside = _contains(values, b) if b.shape[1] else np.zeros(values.shape, bool)
        keep &= inside if name == "intersection" else ~inside
    sizes = keep.sum(axis=1)
    rows = np.repeat(np.arange(len(values)), sizes)
    positions = np.cumsum(keep, axis=1)[keep] - 1
    groups = np.array(list(np.ndindex(*group_shape)), np.int64).reshape(len(values), len(group_shape))
    indices = np.concatenate([groups[rows], positions[:, None]], axis=1).astype(np.int64)
    width = int(sizes.max()) if sizes.size else 0
    return indices, values[keep], np.array(list(group_shape) + [width], np.int64)


def _dense_dense_factory(op, state):
    dtype = op.outputs[1].dtype

    def dense_to_dense_set_operation(set1, set2):
        apply = _operation(op)
        group_shape = _common_group_shape(op, np.shape(set1), np.shape(set2))
        if dtype != dtypes.string:
            return _numeric_dense_dense(op._attrs["set_operation"].lower(), set1, set2, group_shape)
        pairs = zip(_group_keys(group_shape), _dense_sets(set1), _dense_sets(set2), strict=True)
        return _output(group_shape, [(k, apply(a, b)) for k, a, b in pairs], dtype)
    return dense_to_dense_set_operation


def _dense_sparse_factory(op, state):
    dtype, validate = op.outputs[1].dtype, op._attrs["validate_indices"]

    def dense_to_sparse_set_operation(set1, indices, values, shape):
        apply = _operation(op)
        indices, values, shape = _sparse_input(op, validate, indices, values, shape)
        group_shape = _common_group_shape(op, np.shape(set1), shape)
        sparse = _sparse_groups(indices, values)
        results, position = [], 0
        for key, a in zip(_group_keys(group_shape), _dense_sets(set1), strict=True):
            b = set()
            if position < len(sparse) and sparse[position][0] == key:
                b = sparse[position][1]
                position += 1
            results.append((key, apply(a, b)))
        return _output(group_shape, results, dtype)
    return dense_to_sparse_set_operation


def _sparse_sparse_factory(op, state):
    dtype, validate = op.outputs[1].dtype, op._attrs["validate_indices"]

    def sparse_to_sparse_set_operation(indices1, values1, shape1, indices2, values2, shape2):
        apply = _operation(op)
        first = _sparse_input(op, validate, indices1, values1, shape1)
        second = _sparse_input(op, validate, indices2, values2, shape2)
        group_shape = _common_group_shape(op, first[2], second[2])
        groups1, groups2 = _sparse_groups(first[0], first[1]), _sparse_groups(second[0], second[1])
        results, i, j = [], 0, 0
        while i < len(groups1) or j < len(groups2):  # a merge of the two ordered group lists
            key1 = groups1[i][0] if i < len(groups1) else None
            key2 = groups2[j][0] if j < len(groups2) else None
            a = b = set()
            if key2 is None or (key1 is not None and key1 <= key2):
                a, key, i = groups1[i][1], key1, i + 1
            if key1 is None or (key2 is not None and key2 <= key1):
                b, key, j = groups2[j][1], key2, j + 1
            results.append((key, apply(a, b)))
        return _output(group_shape, results, dtype)
    return sparse_to_sparse_set_operation


def _numeric_set_sizes(indices, values, group_shape, out):
    """The distinct values of each group counted with whole-array NumPy operations, when the
    groups are in row-major order and in range (else ``False``: the per-group path decides)."""
    keys = indices[:, :-1]
    if values.dtype.kind not in "iu" or not len(values) or (keys < 0).any() or (keys >= group_shape).any():
        return False
    flat = np.ravel_multi_index(tuple(keys.T), group_shape)
    if (np.diff(flat) < 0).any():
        return False
    order = np.lexsort((values, flat))
    flat, values = flat[order], values[order]
    new = np.ones(len(flat), bool)
    new[1:] = (flat[1:] != flat[:-1]) | (values[1:] != values[:-1])
    np.add.at(out.reshape(-1), flat[new], 1)
    return True


def _set_size_factory(op, state):
    validate = op._attrs["validate_indices"]

    def set_size(indices, values, shape):
        indices, values, shape = _sparse_input(op, validate, indices, values, shape)
        group_shape = _group_shape(op, shape)
        out = np.zeros(group_shape, np.int32)
        if not _numeric_set_sizes(indices, values, group_shape, out):
            for key, group in _sparse_groups(indices, values):
                out[key] = len(group)
        return out
    return set_size


_ATTRS = {"T": _TYPES}
_DEFAULTS = {"validate_indices": True}
registry.register(OpDef("SetSize", inputs=["set_indices: int64", "set_values: T", "set_shape: int64"],
                        outputs=["size: int32"], attrs=_ATTRS, defaults=_DEFAULTS,
                        shape=lambda inputs, attrs: [TensorShape(None)], factory=_set_size_factory))
registry.register(OpDef("DenseToDenseSetOperation", inputs=["set1: T", "set2: T"], outputs=_OUTPUTS, attrs=_ATTRS,
                        defaults=_DEFAULTS, shape=_dense_dense_shape, factory=_dense_dense_factory))
registry.register(OpDef("DenseToSparseSetOperation", inputs=["set1: T"] + [f"set2_{s}" for s in _SPARSE],
                        outputs=_OUTPUTS, attrs=_ATTRS, defaults=_DEFAULTS, shape=_dense_sparse_shape,
                        factory=_dense_sparse_factory))
registry.register(OpDef("SparseToSparseSetOperation",
                        inputs=[f"set1_{s}" for s in _SPARSE] + [f"set2_{s}" for s in _SPARSE], outputs=_OUTPUTS,
                        attrs=_ATTRS, defaults=_DEFAULTS, shape=_sparse_sparse_shape, factory=_sparse_sparse_factory))


# -- wrappers --------------------------------------------------------------------------------------
def set_size(a, validate_indices=True):
    """The number of distinct values in each row (last dimension) of the ``SparseTensor`` ``a``.

    >>> import scopeflow as tf
    >>> st = tf.SparseTensor([[0, 0], [0, 1], [1, 0]], [3, 3, 5], [2, 2])
    >>> tf.Session().run(tf.sets.size(st)).tolist()
    [1, 1]
    """
    a = convert_to_tensor_or_sparse_tensor(a, name="a")
    if not isinstance(a, SparseTensor):
        raise TypeError(f"Expected `SparseTensor`, got {a}.")
    if a.values.dtype.base_dtype not in _VALID_DTYPES:
        raise TypeError(f"Invalid dtype `{a.values.dtype}` not in supported dtypes: `{_VALID_DTYPES}`.")
    return create("SetSize", [a.indices, a.values, a.dense_shape],
                  {"validate_indices": bool(validate_indices)}).outputs[0]


def _convert(a, b):
    a = convert_to_tensor_or_sparse_tensor(a, name="a")
    if a.dtype.base_dtype not in _VALID_DTYPES:
        raise TypeError(f"'a' has invalid dtype `{a.dtype}` not in supported dtypes: `{_VALID_DTYPES}`.")
    b = convert_to_tensor_or_sparse_tensor(b, name="b")
    if b.dtype.base_dtype != a.dtype.base_dtype:
        raise TypeError(f"Types don't match, {a.dtype} vs {b.dtype}.")
    if isinstance(a, SparseTensor) and not isinstance(b, SparseTensor):
        return b, a, True
    return a, b, False


def _set_operation(a, b, set_operation, validate_indices):
    attrs = {"set_operation": set_operation, "validate_indices": bool(validate_indices)}
    if isinstance(a, SparseTensor):
        if not isinstance(b, SparseTensor):
            raise ValueError("Sparse,Dense is not supported, but Dense,Sparse is. Please flip the order of your "
                             "inputs.")
        op = create("SparseToSparseSetOperation", [a.indices, a.values, a.dense_shape, b.indices, b.values,
                                                   b.dense_shape], attrs)
    elif isinstance(b, SparseTensor):
        op = create("DenseToSparseSetOperation", [a, b.indices, b.values, b.dense_shape], attrs)
    else:
        op = create("DenseToDenseSetOperation", [a, b], attrs)
    return SparseTensor(*op.outputs)


def set_intersection(a, b, validate_indices=True):
    """The sorted values each row (last dimension) of ``a`` and ``b`` share, as a ``SparseTensor``.

    >>> import scopeflow as tf
    >>> st = tf.sets.intersection([[1, 2, 3], [4, 5, 6]], [[3, 2, 9], [7, 8, 9]])
    >>> tf.Session().run(st).values.tolist()
    [2, 3]
    """
    a, b, _ = _convert(a, b)
    return _set_operation(a, b, "intersection", validate_indices)


def set_difference(a, b, aminusb=True, validate_indices=True):
    """The sorted values of each row of ``a`` not in ``b`` (``b`` not in ``a`` unless
    ``aminusb``), as a ``SparseTensor``.

    >>> import scopeflow as tf
    >>> st = tf.sets.difference([[1, 2, 3]], [[3, 2, 9]])
    >>> tf.Session().run(st).values.tolist()
    [1]
    """
    a, b, flipped = _convert(a, b)
    if flipped:
        aminusb = not aminusb
    return _set_operation(a, b, "a-b" if aminusb else "b-a", validate_indices)


def set_union(a, b, validate_indices=True):
    """The sorted values in either row of ``a`` and ``b``, as a ``SparseTensor``.

    >>> import scopeflow as tf
    >>> st = tf.sets.union([[1, 2]], [[3, 2]])
    >>> tf.Session().run(st).values.tolist()
    [1, 2, 3]
    """
    a, b, _ = _convert(a, b)
    return _set_operation(a, b, "union", validate_indices)
