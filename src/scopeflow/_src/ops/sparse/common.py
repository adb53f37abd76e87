"""What the sparse ops share: TF's argument checks for ``SparseTensor`` inputs and the index
checks of TF's C++ ``SparseTensor`` (bounds, row-major order, repeats), worded as TF words them.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import errors
from scopeflow._src.framework.sparse_tensor import SparseTensor, SparseTensorValue

_OUT_OF_ORDER = ("is out of order. Many sparse ops require sorted indices.\n"
                 "    Use `tf.sparse.reorder` to create a correctly ordered copy.\n\n")


def to_sparse(sp_input) -> SparseTensor:
    """``sp_input`` as a ``SparseTensor`` (from a ``SparseTensorValue``); ``TypeError`` otherwise."""
    if isinstance(sp_input, SparseTensorValue):
        return SparseTensor.from_value(sp_input)
    if not isinstance(sp_input, SparseTensor):
        raise TypeError("Input must be a SparseTensor.")
    return sp_input


def to_sparse_list(sp_inputs):
    """A list (or tuple) of sparse inputs, each as a ``SparseTensor``."""
    if isinstance(sp_inputs, (list, tuple)):
        return [to_sparse(sp) for sp in sp_inputs]
    raise TypeError("Inputs must be a list or tuple.")


def argument_lookup(new_name, new_value, old_name, old_value):
    """TF's ``deprecated_argument_lookup``: the value of a renamed argument given either way."""
    if new_value is not None:
        if old_value is not None:
            raise ValueError(f"Cannot specify both '{old_name}' and '{new_name}'.")
        return new_value
    return old_value


def dims_text(values) -> str:
    """``[2,3]``: a shape or an index as TF's C++ code prints it."""
    return "[" + ",".join(str(int(v)) for v in np.asarray(values).reshape(-1).tolist()) + "]"


def first_unordered(indices: np.ndarray):
    """``(row, kind)`` of the first row of ``indices`` that is not after the one before it in
    row-major order (``kind`` is ``"repeated"`` or ``"out of order"``), or ``None``."""
    if len(indices) < 2 or indices.shape[1] == 0:
        return (1, "repeated") if len(indices) >= 2 else None
    diff = indices[1:] - indices[:-1]
    nonzero = diff != 0
    first = nonzero.argmax(axis=1)
    step = diff[np.arange(len(diff)), first]
    bad = np.flatnonzero(~nonzero.any(axis=1) | (step < 0))
    if not bad.size:
        return None
    row = int(bad[0])
    return row + 1, "out of order" if nonzero[row].any() else "repeated"


def check_indices(op, indices: np.ndarray, shape, ordered: bool = True) -> None:
    """TF's ``SparseTensor::IndicesValid``: every index within ``shape`` and, if ``ordered``,
    strictly increasing in row-major order; the first bad index raises ``InvalidArgumentError``."""
    shape = np.asarray(shape)
    if indices.size:
        outside = ((indices < 0) | (indices >= shape)).any(axis=1)
        bad_bound = int(outside.argmax()) if outside.any() else None
    else:
        bad_bound = None
    bad_order = first_unordered(indices) if ordered else None
    if bad_bound is not None and (bad_order is None or bad_bound <= bad_order[0]):
        raise errors.InvalidArgumentError(
            None, op, f"indices[{bad_bound}] = {dims_text(indices[bad_bound])} is out of bounds: need 0 <= index < "
                      f"{dims_text(shape)}")
    if bad_order is not None:
        row, kind = bad_order
        text = _OUT_OF_ORDER if kind == "out of order" else "is repeated"
        raise errors.InvalidArgumentError(None, op, f"indices[{row}] = {dims_text(indices[row])} {text}")


def require(op, condition: bool, message: str) -> None:
    """Raise TF's ``InvalidArgumentError`` with ``message`` unless ``condition``."""
    if not condition:
        raise errors.InvalidArgumentError(None, op, message)


def check_components(op, indices, values, shape) -> None:
    """The shape checks TF's sparse kernels make on the three parts of a sparse input."""
    require(op, indices.ndim == 2, f"Input indices should be a matrix but received shape {dims_text(indices.shape)}")
    require(op, values.ndim == 1, f"Input values should be a vector but received shape {dims_text(values.shape)}")
    require(op, shape.ndim == 1, f"Input shape should be a vector but received shape {dims_text(shape.shape)}")


def row_keys(indices: np.ndarray):
    """Each index row as a tuple (row-major comparison by Python's tuple order)."""
    return [tuple(r) for r in indices.tolist()]


def row_major_strides(sizes) -> np.ndarray:
    """The int64 multipliers that make coordinates in a box of ``sizes`` its row-major positions."""
    sizes = np.asarray(sizes, np.int64).reshape(-1)
    return np.cumprod(np.append(sizes[1:], 1)[::-1], dtype=np.int64)[::-1][:sizes.size]


def gather_rows(jx, values, rows, table):
    """The JAX lowering of a lookup of entries (``SparseAddGrad``, ``SparseSliceGrad``): for
    each row of ``rows``, ``values[k]`` where ``table[k]`` is that row, 0 where no row of
    ``table`` is. ``table``'s rows are sorted by their row-major keys (coordinates >= 0) and
    each row found there by a binary search."""
    jnp = jx.jnp
    if not len(rows) or not len(table):
        return jnp.zeros(len(rows), values.dtype)
    rows, table = jnp.asarray(rows, jnp.int64), jnp.asarray(table, jnp.int64)
    sizes = jnp.maximum(jnp.concatenate([rows, table]).max(axis=0), 0) + 1
    strides = jnp.cumprod(jnp.concatenate([sizes[1:], jnp.ones(1, jnp.int64)])[::-1])[::-1]
    keys, table_keys = (rows * strides).sum(axis=1), (table * strides).sum(axis=1)
    order = jnp.argsort(table_keys)
    at = order[jnp.clip(jnp.searchsorted(table_keys[order], keys), 0, len(table) - 1)]
    return jnp.where(table_keys[at] == keys, jnp.asarray(values)[at], 0).astype(values.dtype)


def add_rows(out, rows, parts) -> None:
    """``out[rows[i]] += parts[i]`` for every ``i``, much faster than ``np.add.at``: the parts are
    sorted by row (a radix sort when rows fit 16 bits); short runs of a row are added layer by
    layer (the first of each run, then the second...), long ones summed with ``np.add.reduceat``."""
    if not len(rows):
        return
    step = np.diff(rows)
    if (step < 0).any():
        key = rows.astype(np.uint16) if rows.max() < 1 << 16 else rows
        order = np.argsort(key, kind="stable")
        rows, parts = rows[order], parts.take(order, axis=0)
        step = np.diff(rows)
    starts = np.concatenate([[0], np.flatnonzero(step) + 1])
    lengths = np.diff(np.append(starts, len(rows)))
    if lengths.max() > 8:
        out[rows[starts]] += np.add.reduceat(parts, starts, axis=0)
        return
    for j in range(int(lengths.max())):  # within a layer every row is distinct: a plain indexed add
        at = starts[lengths > j] + j
        out[rows[at]] += parts.take(at, axis=0)
