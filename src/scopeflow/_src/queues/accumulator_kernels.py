"""What a conditional accumulator op holds in a session: the sum of the gradients applied since
the last take, as TensorFlow's ``ConditionalAccumulator`` and ``SparseConditionalAccumulator``
kernels keep it.

A gradient is added only if its ``local_step`` is not older than the accumulator's global step
(a stale gradient is dropped without error). A take waits until ``num_required`` gradients are in,
then returns their mean (``reduction_type="MEAN"``) or sum, empties the accumulator and advances
its global step by one; ``set_global_step`` sets the step. The session closing ends a waiting
take with ``CancelledError``.

The sparse accumulator keeps ``IndexedSlices``: each gradient's indices are merged, in one pass,
into the accumulated ones as two sorted lists are merged (equal indices add up; indices are not
sorted first, as in TF), and the mean divides each slice by the number of gradients that gave it.
"""

from __future__ import annotations

import threading

import numpy as np

from scopeflow._src.framework import errors, run_deadline


def _shape_text(shape) -> str:
    """TF's ``DebugString`` of a shape: ``[2,3]``, ``[?,2]``, ``<unknown>``."""
    if shape is None:
        return "<unknown>"
    return "[" + ",".join("?" if d is None else str(d) for d in shape) + "]"


def _compatible(partial, shape) -> bool:
    if partial is None:
        return True
    return len(partial) == len(shape) and all(p is None or p == d for p, d in zip(partial, shape))


class _Accumulator:
    """The counter, the global step and the waiting of both kinds of accumulator."""

    def __init__(self, name: str, dtype, shape, reduction_type: str):
        self.name = name
        self.dtype = np.dtype(dtype)
        self.shape = shape  # a tuple with None for unknown dimensions, or None: unknown rank
        self.reduction_type = reduction_type
        self.counter = 0
        self.global_step = 0
        self._cond = threading.Condition()
        self._cancelled = False

    def get(self):
        """The handle's value when fetched: the container and the name."""
        return np.array([b"", self.name.encode()], dtype=object)

    def close(self) -> None:
        """The session closes: every waiting take ends with ``CancelledError``."""
        with self._cond:
            self._cancelled = True
            self._cond.notify_all()

    def num_accumulated(self) -> np.int32:
        with self._cond:
            return np.int32(self.counter)

    def set_global_step(self, new_global_step) -> None:
        with self._cond:
            new_global_step = int(new_global_step)  # an older step is allowed (TF only logs a warning)
            self.global_step = new_global_step

    def apply(self, local_step, *gradient) -> None:
        with self._cond:
            if int(local_step) < self.global_step:
                return  # a stale gradient: dropped
            self._validate(*gradient)
            if self.counter == 0:
                self._assign(*gradient)
            else:
                self._add(*gradient)
            self.counter += 1
            self._cond.notify_all()

    def take(self, num_required):
        num_required = int(num_required)
        if num_required <= 0:
            raise errors.InvalidArgumentError(
                None, None, f"Argument num_required must be positive, but was {num_required}")
        with self._cond:
            while self.counter < num_required:
                if self._cancelled:
                    raise errors.CancelledError(None, None, "TakeGrad operation was cancelled")
                left = run_deadline.remaining()
                if left is not None and left <= 0:
                    raise run_deadline.expired()
                self._cond.wait(left)
            self.global_step += 1
            out = self._output()
            self.counter = 0
            return out


class DenseAccumulator(_Accumulator):
    """``ResourceConditionalAccumulator``: sums dense gradients of one shape."""

    def __init__(self, name, dtype, shape, reduction_type):
        super().__init__(name, dtype, shape, reduction_type)
        self._sum = None

    def _validate(self, grad) -> None:
        if self.counter > 0 and self._sum.shape != grad.shape:
            raise errors.InvalidArgumentError(
                None, None, f"Shape mismatch: expected {_shape_text(self._sum.shape)}, got {_shape_text(grad.shape)}")
        if not _compatible(self.shape, grad.shape):
            raise errors.InvalidArgumentError(
                None, None, f"Shape mismatch: expected {_shape_text(self.shape)}, got {_shape_text(grad.shape)}")

    def _assign(self, grad) -> None:
        self._sum = np.array(grad, dtype=self.dtype, copy=True)

    def _add(self, grad) -> None:
        self._sum += grad

    def _output(self):
        total = self._sum
        if self.reduction_type == "MEAN":
            total = (total / self.dtype.type(self.counter)).astype(self.dtype, copy=False)
        self._sum = None
        return total


class SparseAccumulator(_Accumulator):
    """``SparseConditionalAccumulator``: sums ``IndexedSlices`` gradients slice by slice."""

    def __init__(self, name, dtype, shape, reduction_type):
        super().__init__(name, dtype, shape, reduction_type)
        self._indices = self._values = self._counts = None

    def _validate(self, indices, values, shape, has_known_shape) -> None:
        partial = self.shape
        if has_known_shape and partial is not None:
            if len(partial) > shape.size:
                raise errors.InvalidArgumentError(
                    None, None, f"Shape mismatch: expected shape rank at least {len(partial)}, got {shape.size}")
            for i, d in enumerate(partial):
                if d is not None and d != shape[i]:
                    raise errors.InvalidArgumentError(
                        None, None, f"Shape mismatch: expected shape dim {i} to be {d}, got {shape[i]}")
        if partial and partial[0] is not None and indices.ndim > 0:
            for i, index in enumerate(indices):
                if index >= partial[0]:
                    raise errors.InvalidArgumentError(
                        None, None, f"Shape mismatch: index of slice {i} exceeded limits of shape; index is {index} "
                                    f"exceeded {partial[0]}")
        if self.counter > 0:
            if self._values.ndim != values.ndim:
                raise errors.InvalidArgumentError(
                    None, None, f"Shape mismatch: expected values rank {self._values.ndim}, got {values.ndim}")
            for i in range(1, values.ndim):
                if self._values.shape[i] != values.shape[i]:
                    raise errors.InvalidArgumentError(
                        None, None, f"Shape mismatch: expected values dim {i} to be {self._values.shape[i]}, got "
                                    f"{values.shape[i]}")
        elif partial is not None:
            if len(partial) > values.ndim:
                raise errors.InvalidArgumentError(
                    None, None, f"Shape mismatch: expected values rank at least {len(partial)}, got {values.ndim}")
            for i in range(1, len(partial)):
                if partial[i] is not None and partial[i] != values.shape[i]:
                    raise errors.InvalidArgumentError(
                        None, None, f"Shape mismatch: expected values dim {i} to be {partial[i]}, got "
                                    f"{values.shape[i]}")

    def _assign(self, indices, values, shape, has_known_shape) -> None:
        self._indices = np.array(indices, dtype=np.int64, copy=True)
        self._values = np.array(values, dtype=self.dtype, copy=True)
        self._counts = np.ones(self._indices.shape[0], dtype=np.int64)

    def _add(self, indices, values, shape, has_known_shape) -> None:
        old_i, old_v, old_c = self._indices, self._values, self._counts
        out_i, out_v, out_c = [], [], []
        a = b = 0
        while a < len(old_i) or b < len(indices):
            if b >= len(indices) or (a < len(old_i) and old_i[a] < indices[b]):
                out_i.append(old_i[a]), out_v.append(old_v[a]), out_c.append(old_c[a])
                a += 1
            elif a >= len(old_i) or indices[b] < old_i[a]:
                out_i.append(indices[b]), out_v.append(values[b].astype(self.dtype)), out_c.append(1)
                b += 1
            else:  # the same index: the slices add up
                out_i.append(old_i[a]), out_v.append(old_v[a] + values[b]), out_c.append(old_c[a] + 1)
                a += 1
                b += 1
        self._indices = np.array(out_i, dtype=np.int64)
        self._values = (np.stack(out_v).astype(self.dtype, copy=False) if out_v
                        else np.zeros((0,) + old_v.shape[1:], self.dtype))
        self._counts = np.array(out_c, dtype=np.int64)

    def _output(self):
        values = self._values
        if self.reduction_type == "MEAN":
            divisor = self._counts.reshape((-1,) + (1,) * (values.ndim - 1)).astype(self.dtype)
            values = (values / divisor).astype(self.dtype, copy=False)
        first = self.shape[0] if self.shape else None
        shape = np.array([-1 if first is None else first] + list(values.shape[1:]), dtype=np.int64)
        indices = self._indices
        self._indices = self._values = self._counts = None
        return indices, values, shape
