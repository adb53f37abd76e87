"""Matrix products with BLAS threads sized to the problem, arrays aligned for BLAS, and
sums over leading axes as BLAS products.

NumPy's OpenBLAS runs every product on one thread per core. For the small matrices of
most TF1 models, waking and synchronising those threads costs more than the product, and
on a busy machine the spinning workers take the core the main thread needs. TensorFlow
sizes its own thread pool; scopeflow asks ``threadpoolctl`` (a small, well-kept library
made for this) for one thread below ``SMALL`` multiply-adds (``DEEP_SMALL`` when the inner
dimension is long: OpenBLAS then splits the work well) and for the caller's count above.
The caller's count is read when a kernel first changes it and put back when the plan
returns (``restore_threads``), so the user's own NumPy code never runs with ours. Without a
BLAS that threadpoolctl knows, products run as NumPy runs them.
"""

from __future__ import annotations

import math
import sys
import threading

import numpy as np

SMALL = 1 << 24  # multiply-adds below which one thread wins on a 2-core machine ...
DEEP_SMALL = 1 << 21  # ... unless the inner dimension is at least DEEP: then from here on
DEEP = 128
SMALL_RESULT = 1 << 13  # largest result (32 KiB of float32) taken the (w @ dy.T).T way: its copies stay cheap
ALL = sys.maxsize  # ``_threads.use(ALL)``: as many threads as the caller allows


class _Threads:
    """The BLAS libraries NumPy uses, the caller's thread counts while a kernel changed
    them, and the count last asked of them."""

    def __init__(self):
        self._lock = threading.Lock()
        self._controllers = None
        self._saved = None  # the caller's count per library, while ours differ
        self._current = None

    def _find(self):
        try:
            from threadpoolctl import ThreadpoolController  # loaded on first use, for import time
            controllers = [c for c in ThreadpoolController().lib_controllers if c.user_api == "blas"]
        except Exception:  # noqa: BLE001 - no known BLAS: leave NumPy as it is
            controllers = []
        self._controllers = controllers

    def use(self, n: int) -> None:
        """Run the following products on ``n`` threads, at most the caller's count."""
        if self._saved is None and not self._save():
            return
        if n == self._current:
            return
        with self._lock:
            for c, most in zip(self._controllers, self._saved or ()):
                c.set_num_threads(min(n, most))
            self._current = n

    def _save(self) -> bool:
        """Read the caller's counts; ``False`` when there is no BLAS to size."""
        with self._lock:
            if self._controllers is None:
                self._find()
            if self._controllers and self._saved is None:
                self._saved = [c.num_threads for c in self._controllers]
                self._current = ALL
            return bool(self._controllers)

    def restore(self) -> None:
        """Give every library back the count it had before ``use`` first changed it."""
        with self._lock:
            saved, self._saved = self._saved, None
            if saved is not None and self._current != ALL:
                for c, n in zip(self._controllers, saved):
                    c.set_num_threads(n)
            self._current = None


_threads = _Threads()


def restore_threads() -> None:
    """Put back the caller's BLAS thread counts if a kernel changed them (the executor
    calls this when a plan returns)."""
    if _threads._saved is not None:
        _threads.restore()


ALIGNMENT = 64  # bytes: one cache line, one AVX-512 register
_ALIGN_FROM = 4096  # bytes: smaller arrays are copied as they are


def aligned_copy(value) -> np.ndarray:
    """A C-ordered copy of ``value`` whose data starts on a 64-byte boundary.

    NumPy's allocations are only 16-byte aligned (glibc's ``malloc``); where a matrix lands
    is chance. OpenBLAS's kernels for small products read the right operand unpacked, and
    run about twice as fast when it is aligned (an RNN cell's product with its kernel).
    Arrays under 4 KiB (scalars such as a global step, where aligning costs more than the
    copy) and object arrays (strings) are copied as they are.
    """
    value = np.asarray(value)
    if value.nbytes < _ALIGN_FROM or value.dtype.hasobject:
        return np.array(value, copy=True)
    raw = np.empty(value.nbytes + ALIGNMENT, np.uint8)
    start = -raw.ctypes.data % ALIGNMENT
    out = raw[start:start + value.nbytes].view(value.dtype).reshape(value.shape)
    np.copyto(out, value)
    return out


_ONES: dict = {}  # (rows, dtype) -> a read-only ones vector for ``sum_leading``
_BY_PRODUCT = (np.dtype(np.float32), np.dtype(np.float64))


def sum_leading(x: np.ndarray, k: int):
    """The sum of ``x`` over its first ``k`` axes as one matrix-vector product with a ones
    vector, or ``None`` where that does not apply (``x`` not a C-ordered float32/float64
    array, or ``k`` not between 1 and ``x.ndim - 1``).

    NumPy reduces leading axes by adding row after row; BLAS does it several times faster
    (a convolution's or a dense layer's bias gradient), and accumulates in blocks, so no
    less exactly. Like NumPy's and TensorFlow's reductions, it does not promise TF's
    rounding to the last bit.
    """
    if not (0 < k < x.ndim and x.dtype in _BY_PRODUCT and x.flags.c_contiguous):
        return None
    rows = math.prod(x.shape[:k])
    key = (rows, x.dtype)
    ones = _ONES.get(key)
    if ones is None:
        if len(_ONES) >= 64:  # bound the cache for programs with endlessly new shapes
            _ONES.clear()
        ones = np.ones(rows, x.dtype)
        ones.flags.writeable = False
        _ONES[key] = ones
    _threads.use(1 if x.size < SMALL else ALL)
    return np.dot(ones, x.reshape(rows, math.prod(x.shape[k:]))).reshape(x.shape[k:])


def matmul(a: np.ndarray, b: np.ndarray, out=None) -> np.ndarray:
    """``np.matmul(a, b, out=out)`` on as many BLAS threads as the product's size pays for.

    A small product with a transposed right operand and a short left one, ``dy @ w.T`` (the
    input gradient of an RNN cell), is computed as ``(w @ dy.T).T`` with ``dy.T`` copied
    row-major first: OpenBLAS's kernels for the other layouts are much slower when the
    left matrix has less than half the rows of the result's columns. The result is copied
    back to row-major, since an elementwise kernel that mixes layouts is slower too. Only
    up to ``SMALL_RESULT`` elements, where those copies are cheap, and not when ``out`` is
    given.
    """
    work = a.size * (b.shape[-1] if b.ndim else 1)
    deep = a.ndim and a.shape[-1] >= DEEP
    _threads.use(1 if work < (DEEP_SMALL if deep else SMALL) else ALL)
    if (out is None and b.ndim == 2 and a.ndim == 2 and 2 * a.shape[0] <= b.shape[1]
            and a.shape[0] * b.shape[1] <= SMALL_RESULT
            and b.flags.f_contiguous and not b.flags.c_contiguous):
        return np.ascontiguousarray(np.matmul(b.T, np.ascontiguousarray(a.T)).T)
    return np.matmul(a, b, out=out)
