"""``Transpose`` (``tf.transpose``, ``tf.matrix_transpose``): static shapes, folding of
constant inputs, TF's run-time errors. Its gradient builds ``InvertPermutation``
(``broadcast.py``)."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry, tensor_util
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.shape_inference import ShapeError
from scopeflow._src.framework.tensor_shape import UNKNOWN, TensorShape
from scopeflow._src.ops.common import dtype_lists, shape_fns
from scopeflow._src.ops.common.lowering import checked, static_ints
from scopeflow._src.ops.common.shape_fns import dims_text


def _transpose_shape(inputs, attrs):
    """TF's ``TransposeShapeFn``."""
    dims, perm_shape = inputs[0].shape.as_tuple(), inputs[1].shape
    perm = shape_fns.evaluate_constant(inputs[1])
    n_perm = perm_shape.num_elements()
    if dims is None and n_perm is None and perm is None:
        return UNKNOWN
    rank = len(dims) if dims is not None else n_perm if n_perm is not None else perm.size
    if dims is None and rank < 2:
        return inputs[0].shape
    if perm_shape.ndims is not None and perm_shape.ndims != 1:
        raise ShapeError(f"Shape must be rank 1 but is rank {perm_shape.ndims}")
    if n_perm is not None and n_perm != rank:
        raise ShapeError(f"Dimension must be {rank} but is {n_perm}")
    if perm is None:
        return TensorShape([None] * rank)
    out = []
    for p in perm.tolist():
        if p >= rank or p < -rank:
            raise ShapeError(f"perm dim {p} is out of range of input rank {rank}",
                             shape_fns.computed_suffix(1, perm))
        out.append(None if dims is None else dims[p])
    return TensorShape(out)


def _transpose_fold(t):
    value = tensor_util.constant_value(t.op._inputs[0])
    perm = tensor_util.constant_value(t.op._inputs[1])
    return None if value is None or perm is None else np.transpose(value, perm.tolist())


def _transpose_kernel(x, perm):
    try:
        return np.transpose(x, tuple(int(p) for p in perm))
    except (ValueError, TypeError):  # words TF's message on the error path only
        raise errors.InvalidArgumentError(None, None, _transpose_message(np.ndim(x), np.asarray(perm))) from None


def _transpose_message(rank, perm):
    if perm.ndim != 1:
        return f"perm must be rank 1, got shape {dims_text(perm.shape)}"
    if perm.size != rank:
        return f"transpose expects a vector of size {rank}. But input(1) is a vector of size {perm.size}"
    for p in perm.tolist():
        if not -rank <= p < rank:
            return f"{p + rank if p < 0 else p} is out of range [0 .. {rank})"
    seen = set(p % rank for p in perm.tolist())
    missing = next(i for i in range(rank) if i not in seen)
    return f"{missing} is missing from {{{','.join(map(str, perm.tolist()))}}}."


registry.register(OpDef("Transpose", inputs=["x: T", "perm: Tperm"], outputs=["y: T"],
                        attrs={"Tperm": dtype_lists.INDEX}, shape=_transpose_shape, kernel=_transpose_kernel,
                        fold=_transpose_fold, defaults={"Tperm": dtypes.int32},
                        lower=checked(lambda op, jx: lambda x, perm: jx.jnp.transpose(x, static_ints(perm)))))


def transpose(a, perm=None, name="transpose", conjugate=False):
    """``a`` with its dimensions permuted by ``perm`` (reversed by default): a ``Transpose``.

    >>> import scopeflow as tf
    >>> tf.transpose(tf.ones([2, 3])).shape.as_list()
    [3, 2]
    """
    with name_scope(name, "transpose", [a]) as scope:
        if not isinstance(a, Tensor):
            a = convert_to_tensor(a, name="a")
        if conjugate and a.dtype.is_complex:
            a = create("Conj", [a])._outputs[0]
        if perm is None:
            rank = a.shape.ndims
            if rank is None:
                limit = create("Rank", [a])._outputs[0] - 1
                perm = create("Range", [limit, -1, -1], {"Tidx": dtypes.int32})._outputs[0]
            else:
                perm = np.arange(rank - 1, -1, -1, dtype=np.int32)
        attrs = {} if hasattr(perm, "dtype") else {"Tperm": dtypes.int32}  # an int64 array stays int64
        return create("Transpose", [a, perm], attrs, name=scope)._outputs[0]


def matrix_transpose(a, name="matrix_transpose", conjugate=False):
    """``a`` with its last two dimensions swapped (a ``Transpose`` in a ``matrix_transpose`` scope).

    Differs from TF: ``a`` must have a known rank, and ``conjugate`` is ignored (TF builds a
    ``ConjugateTranspose`` for complex inputs; the result differs only for complex ``a``).
    """
    with name_scope(name, values=[a]):
        a = convert_to_tensor(a, name="a")
        rank = a.shape.ndims
        perm = list(range(rank - 2)) + [rank - 1, rank - 2]
        return transpose(a, perm=perm)
