"""The variable updates at N-d indices (``ScatterNdUpdate``/``Add``/``Sub``) and the row updates
``ScatterMul``/``Div``/``Min``/``Max`` (beside ``ScatterAdd``/``Sub``/``Update`` in
``sparse_training_ops.py``), and TF1's ``batch_scatter_update``. Loaded on first use
(``scatter_api.py``)."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import errors, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create, create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.ops import array_ops
from scopeflow._src.ops.array.scatter_nd import COMBINE, check_scatter_shapes, scatter_rows
from scopeflow._src.ops.common import dtype_lists
from scopeflow._src.ops.state.sparse_training_ops import (
    _LOCK,
    _lower_scatter,
    _ref,
    _scatter_factory,
    _scatter_shape,
    _storage,
    initialized,
    scattered,
)

# -- ScatterNdUpdate / Add / Sub -------------------------------------------------------------------------------
_POLICIES = ("", "DEFAULT", "ERROR", "IGNORE")


def _scatter_nd_shape(inputs, attrs):
    check_scatter_shapes(inputs[0].shape, inputs[1].shape, inputs[2].shape)
    return inputs[0].shape


def _scatter_nd_factory(combine):
    def factory(op, state):
        locking = bool(op.get_attr("use_locking"))
        policy = op.get_attr("bad_indices_policy").decode()

        def kernel(ref, indices, updates):
            if policy not in _POLICIES:
                raise errors.InvalidArgumentError(None, op, f"Unknown bad indices handling attribute: {policy}")
            params = _storage(ref)
            where, rows = scatter_rows(op, params.shape, indices, updates)
            if locking:
                with _LOCK:
                    combine(params, where, rows)
            else:
                combine(params, where, rows)
            return ref
        return kernel
    return factory


def _lower_scatter_nd(how):
    """The JAX lowering of ``ScatterNd{Update,Add,Sub}``: TF's shape checks (the kernel's, on
    in-range stand-in indices), then the variable's new value (out-of-range rows dropped)."""
    def lower(op, jx):
        policy = op.get_attr("bad_indices_policy").decode()

        def scatter(params, indices, updates):
            if policy not in _POLICIES:
                raise errors.InvalidArgumentError(None, op, f"Unknown bad indices handling attribute: {policy}")
            params = initialized(op, params)
            scatter_rows(op, params.shape, np.zeros(np.shape(indices), np.int64), np.zeros(np.shape(updates), np.int8))
            depth = np.shape(indices)[-1]
            flat = jx.jnp.reshape(indices, (-1, depth))
            rows = jx.jnp.reshape(updates, (flat.shape[0],) + params.shape[depth:])
            return (scattered(params, tuple(flat.T), how, rows),)
        return scatter
    return lower


_HOW = {"Update": "set", "Add": "add", "Sub": "subtract", "ScatterMul": "multiply", "ScatterDiv": "divide",
        "ScatterMin": "min", "ScatterMax": "max"}
for _kind, _locking in (("Update", True), ("Add", False), ("Sub", False)):
    registry.register(OpDef(f"ScatterNd{_kind}", inputs=["ref: Ref(T)", "indices: Tindices", "updates: T"],
                            outputs=["output_ref: Ref(T)"],
                            attrs={"Tindices": dtype_lists.INDEX, **({} if _kind == "Update"
                                                                       else {"T": dtype_lists.NUMBER})},
                            shape=_scatter_nd_shape, factory=_scatter_nd_factory(COMBINE[_kind]), stateful=True,
                            defaults={"use_locking": _locking, "bad_indices_policy": ""},
                            lower=_lower_scatter_nd(_HOW[_kind])))


# -- ScatterMul / Div / Min / Max --------------------------------------------------------------------------
def _rows(params, flat, rows):
    return np.broadcast_to(rows, flat.shape + params.shape[1:]) if np.ndim(rows) == 0 else rows


def _scatter_mul(params, flat, rows):
    np.multiply.at(params, flat, _rows(params, flat, rows))


def _scatter_div(params, flat, rows):
    rows = _rows(params, flat, rows)
    if params.dtype.kind in "iu":  # Eigen's integer division truncates toward zero, row after row
        for i, index in enumerate(flat.tolist()):
            with np.errstate(all="ignore"):
                params[index] = (np.trunc(params[index] / rows[i])).astype(params.dtype)
        return
    with np.errstate(all="ignore"):
        np.divide.at(params, flat, rows)


def _scatter_min(params, flat, rows):
    np.minimum.at(params, flat, _rows(params, flat, rows))


def _scatter_max(params, flat, rows):
    np.maximum.at(params, flat, _rows(params, flat, rows))


_MIN_MAX = dtype_lists.types("float16,bfloat16,float32,float64,int32,int64")
for _type, _combine, _types in (("ScatterMul", _scatter_mul, dtype_lists.NUMBER),
                                ("ScatterDiv", _scatter_div, dtype_lists.NUMBER),
                                ("ScatterMin", _scatter_min, _MIN_MAX), ("ScatterMax", _scatter_max, _MIN_MAX)):
    registry.register(OpDef(_type, inputs=["ref: Ref(T)", "indices: Tindices", "updates: T"],
                            outputs=["output_ref: Ref(T)"], attrs={"T": _types, "Tindices": dtype_lists.INDEX},
                            shape=_scatter_shape, factory=_scatter_factory(_combine), stateful=True,
                            defaults={"use_locking": False}, lower=_lower_scatter(_HOW[_type])))


# -- wrappers (TF1's state_ops) ----------------------------------------------------------------------------
def _update(op_type, ref, indices, updates, use_locking, name):
    return create(op_type, [_ref(ref), indices, updates], {"use_locking": use_locking}, name=name)._outputs[0]


def _update_nd(op_type, ref, indices, updates, use_locking, name):
    """TF1's ``state_ops`` pass ``name`` where the op takes ``bad_indices_policy`` (TF's own slip,
    kept: the op takes its default name, and a ``name`` fails when the update runs)."""
    attrs = {"use_locking": use_locking, "bad_indices_policy": name or ""}
    return create(op_type, [_ref(ref), indices, updates], attrs)._outputs[0]


def scatter_nd_update(ref, indices, updates, use_locking=True, name=None):
    """Set the slices of the variable ``ref`` at the N-d ``indices`` to ``updates`` (``ScatterNdUpdate``).

    >>> import scopeflow as tf
    >>> v = tf.Variable([1, 2, 3, 4], name="v")
    >>> up = tf.scatter_nd_update(v, [[1], [3]], [20, 40])
    >>> with tf.Session() as sess:
    ...     sess.run(v.initializer)
    ...     sess.run(up).tolist()
    [1, 20, 3, 40]
    """
    return _update_nd("ScatterNdUpdate", ref, indices, updates, use_locking, name)


def scatter_nd_add(ref, indices, updates, use_locking=False, name=None):
    """Add ``updates`` to the slices of ``ref`` at the N-d ``indices`` (``ScatterNdAdd``)."""
    return _update_nd("ScatterNdAdd", ref, indices, updates, use_locking, name)


def scatter_nd_sub(ref, indices, updates, use_locking=False, name=None):
    """Subtract ``updates`` from the slices of ``ref`` at the N-d ``indices`` (``ScatterNdSub``)."""
    return _update_nd("ScatterNdSub", ref, indices, updates, use_locking, name)


def scatter_mul(ref, indices, updates, use_locking=False, name=None):
    """Multiply the rows ``indices`` of ``ref`` by ``updates`` (``ScatterMul``)."""
    return _update("ScatterMul", ref, indices, updates, use_locking, name)


def scatter_div(ref, indices, updates, use_locking=False, name=None):
    """Divide the rows ``indices`` of ``ref`` by ``updates`` (``ScatterDiv``)."""
    return _update("ScatterDiv", ref, indices, updates, use_locking, name)


def scatter_min(ref, indices, updates, use_locking=False, name=None):
    """The minimum of the rows ``indices`` of ``ref`` and ``updates`` (``ScatterMin``)."""
    return _update("ScatterMin", ref, indices, updates, use_locking, name)


def scatter_max(ref, indices, updates, use_locking=False, name=None):
    """The maximum of the rows ``indices`` of ``ref`` and ``updates`` (``ScatterMax``)."""
    return _update("ScatterMax", ref, indices, updates, use_locking, name)


def batch_scatter_update(ref, indices, updates, use_locking=True, name=None):
    """``ref[b..., indices[b..., i]] = updates[b..., i]`` over the leading batch dimensions of
    ``indices``: a ``ScatterNdUpdate`` at indices built as TF1's ``batch_scatter_update`` builds them."""
    with name_scope(name):
        indices = convert_to_tensor(indices, name="indices")
        indices_shape = array_ops.shape(indices)
        indices_dimensions = indices.shape.ndims
        if indices_dimensions is None:
            raise ValueError("batch_gather does not allow indices with unknown shape.")
        nd_indices = array_ops.expand_dims(indices, axis=-1)
        nd_indices_list = []
        for dimension in range(indices_dimensions - 1):
            dimension_size = indices_shape[dimension]
            shape_to_broadcast = [1] * (indices_dimensions + 1)
            shape_to_broadcast[dimension] = dimension_size
            dimension_range = array_ops.reshape(create_output("Range", [0, dimension_size, 1]), shape_to_broadcast)
            if dimension_range.dtype.base_dtype != nd_indices.dtype:
                dimension_range = create_output("Cast", [dimension_range], {"DstT": nd_indices.dtype,
                                                                            "Truncate": False})
            nd_indices_list.append(dimension_range * array_ops.ones_like(nd_indices))
        nd_indices_list.append(nd_indices)
        final_indices = array_ops.concat(nd_indices_list, axis=-1)
        return scatter_nd_update(ref, final_indices, updates, use_locking=use_locking)
