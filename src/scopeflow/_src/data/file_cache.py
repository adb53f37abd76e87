"""``Dataset.cache(filename)``: the elements written to files on the first full pass, read back
from them by every later pass (in this session or another, in this process or another).

The files are TensorFlow's: a tensor bundle, the format of a V2 checkpoint (written and read
by ``checkpoint/bundle_writer.py`` and ``bundle_reader.py``), whose key for component ``c`` of
element ``i`` is ``"%7d_%d" % (i, c)``. While a pass writes, it holds the lock file
``<filename>_0.lockfile`` (``Created at: <seconds>``) and writes the bundle ``<filename>_0``,
whose data goes to a ``.tempstate`` file; at the end of the sequence the data file, then the
index, are renamed to ``<filename>.data-00000-of-00001`` and ``<filename>.index`` and the lock
file is removed. So a reader, which looks for ``<filename>.index`` when its iterator starts,
never sees half a cache: a pass that stops early (its iterator re-initialized, its session
closed) deletes what it wrote, and a second iterator that starts writing the same cache while
the first writes gets TensorFlow's ``AlreadyExistsError``. Nothing is pickled: values load as
typed arrays, strings as bytes, every dtype exact. (A ``SparseTensor`` component, a ``variant``
to TensorFlow, is refused: the bundle code stores no variants.)

>>> import os, tempfile, scopeflow as tf
>>> prefix = os.path.join(tempfile.mkdtemp(), "cache")
>>> with tf.Graph().as_default():
...     nxt = tf.data.make_one_shot_iterator(tf.data.Dataset.range(3).cache(prefix).repeat(2)).get_next()
...     with tf.Session() as sess:
...         print([int(sess.run(nxt)) for _ in range(6)], sorted(os.listdir(os.path.dirname(prefix))))
[0, 1, 2, 0, 1, 2] ['cache.data-00000-of-00001', 'cache.index']
"""

from __future__ import annotations

import os
import time

import numpy as np

from scopeflow._src.checkpoint import bundle_format
from scopeflow._src.checkpoint.bundle_reader import BundleReader
from scopeflow._src.checkpoint.bundle_writer import BundleWriter
from scopeflow._src.data import runtime
from scopeflow._src.framework import errors


def element_key(index: int, component: int) -> str:
    """TensorFlow's bundle key of one component of one cached element."""
    return "%7d_%d" % (index, component)


class FileCacheValue(runtime.DatasetValue):
    """The input's elements, cached at ``prefix`` (``dtypes``: the element's, one per component)."""

    def __init__(self, inner, prefix: str, dtypes):
        self.inner, self.prefix, self.dtypes = inner, prefix, list(dtypes)

    def make(self):
        if os.path.exists(bundle_format.index_filename(self.prefix)):
            return FileReadIterator(self.prefix, self.dtypes)
        return FileWriteIterator(self.inner.make(), self.prefix, self.dtypes)


class FileWriteIterator(runtime.ElementIterator):
    """The input's elements, each also written to the shard ``<prefix>_0``; complete at the end."""

    def __init__(self, inner, prefix: str, dtypes):
        self.inner, self.prefix, self.dtypes = inner, prefix, dtypes
        self.shard = f"{prefix}_0"
        self.lockfile = f"{self.shard}.lockfile"
        self.writer = None
        self.count = 0
        self.done = False

    def next(self):
        if self.done:
            return None
        if self.writer is None:
            self._lock()
        item = self.inner.next()
        if item is None:
            self._finish()
            return None
        for c, (value, dtype) in enumerate(zip(item, self.dtypes)):
            self.writer.add(element_key(self.count, c), _as_array(value), dtype)
        self.count += 1
        return item

    def _lock(self):
        try:
            fd = os.open(self.lockfile, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
        except FileExistsError:
            with open(self.lockfile, "rb") as f:
                contents = f.read().decode("utf-8", "replace")
            raise errors.AlreadyExistsError(
                None, None, f"There appears to be a concurrent caching iterator running - cache lockfile already "
                            f"exists ('{self.lockfile}'). If you are sure no other running TF computations are "
                            f"using this cache prefix, delete the lockfile and re-initialize the iterator. Lockfile "
                            f"contents: {contents}") from None
        except FileNotFoundError:
            raise errors.NotFoundError(None, None, f"{self.lockfile}; No such file or directory") from None
        with os.fdopen(fd, "w") as f:
            f.write(f"Created at: {int(time.time())}")
        try:
            self.writer = BundleWriter(self.shard)
        except BaseException:
            os.remove(self.lockfile)
            raise

    def _finish(self):
        """Complete the bundle, move it to ``prefix`` (data first, the index last), unlock."""
        self.done = True
        self.writer.finish()
        data = bundle_format.data_filename(self.shard, 0, 1)
        if self.count:
            os.replace(data, bundle_format.data_filename(self.prefix, 0, 1))
        else:  # TensorFlow's cache of no elements is an index alone
            os.remove(data)
        os.replace(bundle_format.index_filename(self.shard), bundle_format.index_filename(self.prefix))
        self.writer = None
        os.remove(self.lockfile)

    def close(self):
        if self.writer is not None:  # stopped early: nothing of this pass is kept
            self.writer.abort()
            self.writer = None
            os.remove(self.lockfile)
        self.inner.close()


class FileReadIterator(runtime.ElementIterator):
    """The elements of a complete cache, in order, each component checked against its dtype."""

    def __init__(self, prefix: str, dtypes):
        self.reader = BundleReader(prefix)
        self.dtypes = dtypes
        self.index = 0

    def next(self):
        if self.reader is None or element_key(self.index, 0) not in self.reader.entries:
            return None
        item = tuple(self._component(c, dtype) for c, dtype in enumerate(self.dtypes))
        self.index += 1
        return item

    def _component(self, c: int, dtype):
        key = element_key(self.index, c)
        entry = self.reader.entries.get(key)
        if entry is None:
            raise errors.NotFoundError(None, None, f"Key {key} not found in checkpoint")
        if entry.dtype != dtype.as_datatype_enum:
            raise errors.InvalidArgumentError(
                None, None, f"Data type mismatch at component {c}: expected "
                            f"{bundle_format.tf_type_name(dtype.as_datatype_enum)} but got "
                            f"{bundle_format.tf_type_name(entry.dtype)}.")
        return self.reader.read(key)

    def close(self):
        if self.reader is not None:
            self.reader.close()
            self.reader = None


def _as_array(value) -> np.ndarray:
    """A component as an array the bundle writer stores exactly (a Python ``bytes`` as a 0-d
    object array: NumPy's ``S`` arrays drop trailing NUL bytes)."""
    if isinstance(value, bytes):
        out = np.empty((), dtype=object)
        out[()] = value
        return out
    return np.asarray(value)
