"""The table a ``HashTableV2`` op owns in a session: keys to values, filled once by an
initializer op (filling it again with the same entries is allowed, as in TensorFlow; with a
different value for a key it is an error), read by ``LookupTableFindV2``."""

from __future__ import annotations

import threading

import numpy as np

from scopeflow._src.framework import errors


def _text(key):
    return key.decode("utf-8", "backslashreplace") if isinstance(key, bytes) else str(key)


class HashTable:
    """One session's immutable hash table (TF's ``HashTable`` resource)."""

    def __init__(self, name: str, value_dtype):
        self.name = name
        self.value_dtype = np.dtype(value_dtype)
        self.entries: dict = {}
        self.initialized = False
        self.lock = threading.Lock()

    def insert(self, op, keys, values):
        """Add ``keys`` -> ``values`` (equal-length lists); a key already present with another
        value is TF's ``FailedPreconditionError``. Marks the table initialized."""
        with self.lock:
            entries = dict(self.entries)
            for key, value in zip(keys, values):
                old = entries.setdefault(key, value)
                if old != value:
                    raise errors.FailedPreconditionError(
                        None, op, f"HashTable has different value for same key. Key {_text(key)} has "
                                  f"{_text(old)} and trying to add value {_text(value)}")
            self.entries, self.initialized = entries, True

    def find(self, op, keys: np.ndarray, default: np.ndarray) -> np.ndarray:
        """The value of each key (``default`` for a missing one), in ``keys``' shape."""
        if not self.initialized:
            raise errors.FailedPreconditionError(None, op, "Table not initialized.")
        entries, fallback = self.entries, default.item()
        found = [entries.get(k, fallback) for k in keys.reshape(-1).tolist()]
        out = np.empty(keys.size, dtype=self.value_dtype)
        out[...] = found
        return out.reshape(keys.shape)

    def size(self) -> np.ndarray:
        return np.int64(len(self.entries))

    def close(self):
        """Nothing to stop: the session drops the table."""
