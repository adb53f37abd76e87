"""Row updates applied in order: ``params[ids[i]] = params[ids[i]] (+ or -) rows[i]`` for each ``i``
in turn, as TensorFlow's CPU loops do (``ScatterAdd``/``ScatterSub`` below 1,024 updates,
``UnsortedSegmentSum``). With a repeated id the order is part of the result: ``(p - a) - b`` and
``p - (a + b)`` round differently, so repeats cannot be summed first.

NumPy's ``ufunc.at`` keeps that order but is slow on rows. Here each id's rows are stacked after
its current row, and ``np.subtract.reduce`` over the stack is the left fold ``((p - a) - b) - ...``
(subtraction has no pairwise shortcut), computed for many ids at once: ids seen once take one
fancy-indexed update, ids repeated up to ``_STACKED`` times are folded together in one padded
stack (padding with zeros leaves a row's bits as they are: ``p - 0`` is ``p``, ``-0.0``
included), and the rare longer runs one id at a time. Addition is the fold of the negated rows
(``p - (-a)`` is exactly ``p + a``, in floats and in wrapping integers), so one fold serves both.
"""

from __future__ import annotations

import numpy as np

_STACKED = 8  # repeats folded in the shared padded stack; longer runs are folded one id at a time


def add_rows(params: np.ndarray, ids: np.ndarray, rows: np.ndarray) -> None:
    """``params[ids[i]] += rows[i]`` for each ``i`` in order (``ids`` 1-D and in range)."""
    _fold(params, ids, -rows)


def subtract_rows(params: np.ndarray, ids: np.ndarray, rows: np.ndarray) -> None:
    """``params[ids[i]] -= rows[i]`` for each ``i`` in order (``ids`` 1-D and in range)."""
    _fold(params, ids, rows)


def _fold(params, ids, rows):
    if not ids.size:
        return
    order = np.argsort(ids, kind="stable")  # each id's rows together, in their original order
    ids, rows = ids[order], rows[order]
    edges = np.empty(ids.size + 1, bool)
    edges[0] = edges[-1] = True
    np.not_equal(ids[1:], ids[:-1], out=edges[1:-1])
    bounds = np.flatnonzero(edges)
    starts, counts = bounds[:-1], bounds[1:] - bounds[:-1]
    if starts.size == ids.size:  # no repeats
        params[ids] = params[ids] - rows
        return
    once = counts == 1
    at = ids[starts[once]]
    params[at] = params[at] - rows[starts[once]]
    stacked = ~once & (counts <= _STACKED)
    if stacked.any():
        _fold_stacked(params, ids, rows, starts[stacked], counts[stacked])
    for start, count in zip(starts[counts > _STACKED].tolist(), counts[counts > _STACKED].tolist()):
        row = int(ids[start])
        params[row] = np.subtract.reduce(np.concatenate([params[row:row + 1], rows[start:start + count]]), axis=0)


def _fold_stacked(params, ids, rows, starts, counts):
    """Fold the runs ``rows[starts[g]:starts[g] + counts[g]]`` into their ids' rows together."""
    group = np.repeat(np.arange(starts.size), counts)
    rank = np.arange(group.size) - np.repeat(np.cumsum(counts) - counts, counts)  # place within the run
    at = ids[starts]
    stack = np.zeros((int(counts.max()) + 1, starts.size) + params.shape[1:], params.dtype)
    stack[0] = params[at]
    stack[rank + 1, group] = rows[starts[group] + rank]
    params[at] = np.subtract.reduce(stack, axis=0)
