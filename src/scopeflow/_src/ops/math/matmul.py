"""Matrix products: ``MatMul`` (2-D), ``BatchMatMulV2``/``V3`` (batched, broadcasting batch
dimensions), and ``tensordot``, built from them as TensorFlow builds it. ``einsum`` lives in
``einsum.py``."""

from __future__ import annotations

import builtins

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.shape_inference import ShapeError, merge_dim
from scopeflow._src.framework.tensor_shape import UNKNOWN, TensorShape
from scopeflow._src.ops.array.creation import range as range_
from scopeflow._src.ops.array.gather import gather
from scopeflow._src.ops.array.joining import concat, stack
from scopeflow._src.ops.array.selection import where
from scopeflow._src.ops.array.shapes import rank, reshape, shape
from scopeflow._src.ops.array.transpose import transpose
from scopeflow._src.ops.common import blas, dtype_lists, shape_fns
from scopeflow._src.ops.common.shape_fns import dims_text
from scopeflow._src.ops.math.index import list_diff
from scopeflow._src.ops.math.reduction import reduce_prod
from scopeflow._src.ops.math.unary import conj


# -- MatMul ----------------------------------------------------------------------------------------
def _matmul_shape(inputs, attrs):
    dims = []
    for t in inputs:
        if t.shape.ndims is not None and t.shape.ndims != 2:
            raise ShapeError(f"Shape must be rank 2 but is rank {t.shape.ndims}")
        dims.append(t.shape.as_tuple() or (None, None))
    a, b = dims
    if attrs["transpose_a"]:
        a = a[::-1]
    if attrs["transpose_b"]:
        b = b[::-1]
    merge_dim(a[1], b[0])
    return TensorShape([a[0], b[1]])


def _matmul_factory(op, state):
    ta, tb = op._attrs["transpose_a"], op._attrs["transpose_b"]

    def kernel(a, b):
        try:
            return blas.matmul(a.T if ta else a, b.T if tb else b)
        except ValueError:  # checked on the error path only: TF's words, original shapes
            raise errors.InvalidArgumentError(None, op, _matmul_message(a, b)) from None
    return kernel


def _matmul_message(a, b):
    for i, x in enumerate((a, b)):
        if x.ndim != 2:  # TF 2.21's (oneDNN) MatMul words any rank but 2 like this
            return f"In[{i}] ndims must be >= 2"
    return f"Matrix size-incompatible: In[0]: {dims_text(a.shape)}, In[1]: {dims_text(b.shape)}"


def mat_mul(a, b, ta=False, tb=False, ga=False, gb=False, name=None):
    """TF's raw ``gen_math_ops.mat_mul`` (an op named ``MatMul``)."""
    attrs = {"transpose_a": ta, "transpose_b": tb, "grad_a": ga, "grad_b": gb}
    for key, value in attrs.items():
        if not isinstance(value, bool):  # TF's op_def_library words a non-bool attr like this
            raise TypeError(f"Expected bool for argument '{key}' not {value!r}.")
    return create_output("MatMul", [a, b], attrs, name=name)


def _lower_matmul(op, jx):
    ta, tb = op._attrs["transpose_a"], op._attrs["transpose_b"]

    def matmul(a, b):
        if np.ndim(a) != 2 or np.ndim(b) != 2 or np.shape(a)[0 if ta else 1] != np.shape(b)[1 if tb else 0]:
            raise errors.InvalidArgumentError(None, op, _matmul_message(np.empty(np.shape(a)), np.empty(np.shape(b))))
        return jx.lax.dot_general(a, b, (((0 if ta else 1,), (1 if tb else 0,)), ((), ())))  # no transposes
    return matmul


registry.register(OpDef("MatMul", inputs=["a: T", "b: T"], outputs=["product: T"], attrs={"T": dtype_lists.MATMUL},
                        shape=_matmul_shape, factory=_matmul_factory, matrix_product=True,
                        defaults={"transpose_a": False, "transpose_b": False, "grad_a": False, "grad_b": False},
                        lower=_lower_matmul))


# -- BatchMatMulV2 / V3 ---------------------------------------------------------------------------
def _batch_matmul_shape(inputs, attrs):
    for t in inputs:
        if t.shape.ndims is not None and t.shape.ndims < 2:
            raise ShapeError(f"Shape must be at least rank 2 but is rank {t.shape.ndims}")
    a, b = inputs[0].shape.as_tuple(), inputs[1].shape.as_tuple()
    rows = None if a is None else a[-1] if attrs["adj_x"] else a[-2]
    cols = None if b is None else b[-2] if attrs["adj_y"] else b[-1]
    inner_a = None if a is None else a[-2] if attrs["adj_x"] else a[-1]
    inner_b = None if b is None else b[-1] if attrs["adj_y"] else b[-2]
    merge_dim(inner_a, inner_b)
    if a is None or b is None:
        return UNKNOWN
    batch = shape_fns.broadcast_shapes(TensorShape(a[:-2]), TensorShape(b[:-2]))
    return batch.concatenate([rows, cols])


def _batch_matmul_factory(op, state):
    ax, ay = op._attrs["adj_x"], op._attrs["adj_y"]
    tout = op._attrs.get("Tout")
    np_out = None if tout is None else tout.as_numpy_dtype

    def adj(v):
        return np.conj(np.swapaxes(v, -1, -2))

    def kernel(a, b):
        if np_out is not None:
            a, b = np.asarray(a).astype(np_out), np.asarray(b).astype(np_out)
        try:
            return blas.matmul(adj(a) if ax else a, adj(b) if ay else b)
        except ValueError:  # checked on the error path only
            raise errors.InvalidArgumentError(None, op, _batch_matmul_message(a, b, ax, ay)) from None

    def check_rank_kernel(a, b):  # NumPy would multiply a vector; TF refuses it
        if a.ndim < 2 or b.ndim < 2:
            raise errors.InvalidArgumentError(None, op, _batch_matmul_message(a, b, ax, ay))
        return kernel(a, b)
    # A known static rank was checked when the graph was built.
    return check_rank_kernel if any(t.shape.ndims is None for t in op._inputs) else kernel


def _batch_matmul_message(a, b, ax, ay):
    """TF's ``BatchMatMul`` message for inputs that do not multiply."""
    for i, x in enumerate((a, b)):
        if x.ndim < 2:
            return f"In[{i}] ndims must be >= 2: {x.ndim}"
    try:
        np.broadcast_shapes(a.shape[:-2], b.shape[:-2])
    except ValueError:
        return f"In[0] and In[1] must have compatible batch dimensions: {dims_text(a.shape)} vs. {dims_text(b.shape)}"
    return f"Matrix size-incompatible: In[0]: {dims_text(a.shape)}, In[1]: {dims_text(b.shape)} {int(ax)} {int(ay)}"


def _lower_batch_matmul(op, jx):
    ax, ay, jnp = op._attrs["adj_x"], op._attrs["adj_y"], jx.jnp
    np_out = op._outputs[0]._dtype.base_dtype.as_numpy_dtype

    def adj(v):
        return jnp.conj(jnp.swapaxes(v, -1, -2))

    def matmul(a, b):
        if np.ndim(a) < 2 or np.ndim(b) < 2:
            raise errors.InvalidArgumentError(None, op, _batch_matmul_message(
                np.empty(np.shape(a)), np.empty(np.shape(b)), ax, ay))
        a, b = jnp.asarray(a, np_out), jnp.asarray(b, np_out)
        return jnp.matmul(adj(a) if ax else a, adj(b) if ay else b)
    return matmul


_ADJ = {"adj_x": False, "adj_y": False, "grad_x": False, "grad_y": False}
registry.register(OpDef("BatchMatMulV2", inputs=["x: T", "y: T"], outputs=["output: T"],
                        attrs={"T": dtype_lists.BATCH_MATMUL}, shape=_batch_matmul_shape,
                        factory=_batch_matmul_factory, defaults=_ADJ, lower=_lower_batch_matmul))
_V3_TYPES = dtype_lists.types("bfloat16,float16,float32,float64,uint8,int8,int16,int32,int64,complex64,complex128")
registry.register(OpDef("BatchMatMulV3", inputs=["x: Ta", "y: Tb"], outputs=["output: Tout"],
                        attrs={"Ta": _V3_TYPES, "Tb": _V3_TYPES}, shape=_batch_matmul_shape,
                        factory=_batch_matmul_factory, defaults=_ADJ, lower=_lower_batch_matmul))


def matmul(a, b, transpose_a=False, transpose_b=False, adjoint_a=False, adjoint_b=False, a_is_sparse=False,
           b_is_sparse=False, output_type=None, grad_a=False, grad_b=False, name=None):
    """The matrix product ``a @ b``: ``MatMul`` for 2-D inputs, else ``BatchMatMulV2`` (or
    ``BatchMatMulV3`` when ``output_type`` differs from the inputs' dtype).

    >>> import scopeflow as tf
    >>> m = tf.matmul(tf.ones([2, 3]), tf.ones([4, 3]), transpose_b=True)
    >>> m.op.type, m.shape.as_list()
    ('MatMul', [2, 4])
    """
    with name_scope(name, "MatMul", [a, b]) as scope:
        if transpose_a and adjoint_a:
            raise ValueError(f"Only one of `transpose_a` and `adjoint_a` can be True. Received "
                             f"`transpose_a`={transpose_a}, `adjoint_a`={adjoint_a}.")
        if transpose_b and adjoint_b:
            raise ValueError(f"Only one of `transpose_b` and `adjoint_b` can be True. Received "
                             f"`transpose_b`={transpose_b}, `adjoint_b`={adjoint_b}.")
        a = convert_to_tensor(a, name="a")
        b = convert_to_tensor(b, dtype_hint=a.dtype.base_dtype, name="b")
        ra, rb = a.shape.ndims, b.shape.ndims
        v3 = output_type is not None and (output_type != a.dtype or output_type != b.dtype)
        if ra is None or ra > 2 or rb is None or rb > 2:
            if transpose_a:
                a, adjoint_a = conj(a), True
            if transpose_b:
                b, adjoint_b = conj(b), True
            return _batch(a, b, adjoint_a, adjoint_b, grad_a, grad_b, output_type if v3 else None, scope)
        if adjoint_a:
            a, transpose_a = conj(a), True
        if adjoint_b:
            b, transpose_b = conj(b), True
        if v3:
            return _batch(a, b, transpose_a, transpose_b, grad_a, grad_b, output_type, scope)
        return mat_mul(a, b, transpose_a, transpose_b, grad_a, grad_b, name=scope)


def _batch(a, b, adj_x, adj_y, grad_x, grad_y, output_type, name):
    attrs = {"adj_x": bool(adj_x), "adj_y": bool(adj_y), "grad_x": bool(grad_x), "grad_y": bool(grad_y)}
    if output_type is None:
        return create_output("BatchMatMulV2", [a, b], attrs, name=name)
    attrs["Tout"] = dtypes.as_dtype(output_type)
    return create_output("BatchMatMulV3", [a, b], attrs, name=name)


# -- tensordot -----------------------------------------------------------------------------------
def _tensordot_axes(a, axes):
    if isinstance(axes, (int, np.integer)):
        if axes < 0:
            raise ValueError(f"`axes` must be at least 0. Received: {axes}.")
        rank = a.shape.ndims
        if rank is not None:
            if axes > rank:
                raise ValueError(f"`axes` must not be larger than the number of dimensions of tensor {a}.  "
                                 f"Received {axes}, vs tensor dimensions {rank}.")
            return list(builtins.range(rank - axes, rank)), list(builtins.range(axes))
        rank_t = rank(a)
        return (range_(rank_t - axes, rank_t, dtype=dtypes.int32),
                range_(axes, dtype=dtypes.int32))
    if isinstance(axes, (list, tuple)):
        if len(axes) != 2:
            raise ValueError(f"`axes` must be an integer or have length 2. Received {axes}.")
        a_axes, b_axes = axes
        if isinstance(a_axes, (int, np.integer)) and isinstance(b_axes, (int, np.integer)):
            a_axes, b_axes = [a_axes], [b_axes]
        if len(a_axes) != len(b_axes):
            raise ValueError(f"Different number of contraction axes `a` and `b`, {len(a_axes)} != "
                             f"{len(b_axes)}.")
        return a_axes, b_axes
    axes = convert_to_tensor(axes, name="axes", dtype=dtypes.int32)
    return axes[0], axes[1]


def _tensordot_reshape(a, axes, flipped=False):
    """``(a transposed and reshaped to a matrix, free dims, their static values)``."""
    if a.shape.is_fully_defined() and isinstance(axes, (list, tuple)):
        shape_a = a.shape.as_list()
        axes = [i if i >= 0 else i + len(shape_a) for i in axes]
        free = [i for i in builtins.range(len(shape_a)) if i not in axes]
        free_dims = [shape_a[i] for i in free]
        prod_free = int(np.prod([shape_a[i] for i in free]))
        prod_axes = int(np.prod([shape_a[i] for i in axes]))
        perm = list(axes) + free if flipped else free + list(axes)
        new_shape = [prod_axes, prod_free] if flipped else [prod_free, prod_axes]
        a_trans = transpose(a, perm) if (np.array(perm) != np.arange(len(shape_a))).any() else a
        reshaped = reshape(a_trans, new_shape) if a_trans.shape.as_list() != new_shape else a_trans
        return reshaped, free_dims, free_dims
    return _tensordot_reshape_dynamic(a, axes, flipped)


def _tensordot_reshape_dynamic(a, axes, flipped):
    if a.shape.ndims is not None and isinstance(axes, (list, tuple)):
        shape_list = a.shape.as_list()
        axes = [i if i >= 0 else i + len(shape_list) for i in axes]
        free = [i for i in builtins.range(len(shape_list)) if i not in axes]
        free_static = [shape_list[i] for i in free]
        axes = convert_to_tensor(axes, dtype=dtypes.int32, name="axes")
        free = convert_to_tensor(free, dtype=dtypes.int32, name="free")
        shape_a = shape(a)
    else:
        free_static = None
        shape_a = shape(a)
        rank_a = rank(a)
        axes = convert_to_tensor(axes, dtype=dtypes.int32, name="axes")
        axes = where(axes >= 0, axes, axes + rank_a)
        free, _ = list_diff(range_(rank_a), axes, dtypes.int32)
    free_dims = gather(shape_a, free)
    axes_dims = gather(shape_a, axes)
    prod_free = reduce_prod(free_dims)
    prod_axes = reduce_prod(axes_dims)
    if flipped:
        perm = concat([axes, free], 0)
        new_shape = stack([prod_axes, prod_free])
    else:
        perm = concat([free, axes], 0)
        new_shape = stack([prod_free, prod_axes])
    return reshape(transpose(a, perm), new_shape), free_dims, free_static


def tensordot(a, b, axes, name=None):
    """Contract ``a`` and ``b`` over ``axes`` through one ``MatMul`` (TF's structure:
    transposes and reshapes around it, under ``Tensordot/``)."""
    with name_scope(name, "Tensordot", [a, b, axes]) as scope:
        a = convert_to_tensor(a, name="a")
        b = convert_to_tensor(b, name="b")
        a_axes, b_axes = _tensordot_axes(a, axes)
        a_mat, a_free, a_static = _tensordot_reshape(a, a_axes)
        b_mat, b_free, b_static = _tensordot_reshape(b, b_axes, True)
        product = matmul(a_mat, b_mat)
        if isinstance(a_free, list) and isinstance(b_free, list):
            if product.shape.is_fully_defined() and product.shape.as_list() == a_free + b_free:
                return product
            return reshape(product, a_free + b_free, name=scope)
        a_free = convert_to_tensor(a_free, dtype=dtypes.int32)
        b_free = convert_to_tensor(b_free, dtype=dtypes.int32)
        result = reshape(product, concat([a_free, b_free], 0), name=scope)
        if a_static is not None and b_static is not None:
            result.set_shape(a_static + b_static)
        return result
