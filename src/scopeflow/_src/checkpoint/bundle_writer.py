"""Writing a V2 checkpoint: tensor bytes to ``P.data-00000-of-00001``, metadata to ``P.index``.

Output is byte-identical to TensorFlow's ``BundleWriter``. Both files are written under
temporary names and put in place when complete by ``commit.commit`` (its docstring gives the
order and the argument): re-saving to a prefix never leaves it without a complete checkpoint,
even when the process is killed mid-save. Array bytes go to the file straight from the array's buffer and
are checksummed in place: no copy of the tensor is made.

A remote prefix (``gs://``, ``s3://``... through ``tf.gfile``'s file systems) is written to a local
staging directory first, then uploaded when complete: data, then index.
"""

from __future__ import annotations

import os
import shutil
import tempfile

import numpy as np

from scopeflow._src.checkpoint import bundle_format as fmt
from scopeflow._src.checkpoint import commit, slices, sstable
from scopeflow._src.checkpoint.varints import put_varint
from scopeflow._src.framework import dtypes, errors
from scopeflow._src.lib_io import file_io
from scopeflow._src.platform.checksums import crc32c, mask
from scopeflow._src.platform.file_io import temp_name


class BundleWriter:
    """Writes one checkpoint at ``prefix``; ``add`` tensors, then ``finish`` (or use ``with``).

    >>> import numpy as np, tempfile, os
    >>> prefix = os.path.join(tempfile.mkdtemp(), "ckpt")
    >>> with BundleWriter(prefix) as w:
    ...     w.add("layer1/w", np.ones((2, 2), np.float32))
    >>> sorted(os.listdir(os.path.dirname(prefix)))
    ['ckpt.data-00000-of-00001', 'ckpt.index']
    """

    def __init__(self, prefix: str):
        self._target = os.fspath(prefix)  # where the checkpoint goes
        self._staging = None
        if file_io.is_remote(self._target):
            file_io.makedirs(os.path.dirname(self._target))  # as TensorFlow's writer does
            self._staging = tempfile.mkdtemp(prefix="scopeflow-ckpt-")
        self._prefix = os.path.join(self._staging, "ckpt") if self._staging else self._target  # where it is written
        self._data_path = fmt.data_filename(self._prefix, 0, 1)
        self._data_tmp = temp_name(self._data_path)
        _make_dir(os.path.dirname(self._prefix) or ".")
        try:
            self._file = open(self._data_tmp, "wb")
        except OSError as e:
            raise _os_error(e, self._data_tmp) from None
        self._entries: dict[bytes, fmt.Entry] = {}
        self._offset = 0

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.finish()
        else:
            self.abort()
        return False

    def add(self, name: str, value, dtype=None) -> None:
        """Append tensor ``value`` under ``name``; ``dtype`` defaults to the array's."""
        key = name.encode("utf-8") if isinstance(name, str) else bytes(name)
        if key in self._entries:
            raise errors.InvalidArgumentError(None, None, f"Adding duplicate key: {key.decode('utf-8', 'replace')}")
        array = value if isinstance(value, np.ndarray) else np.asarray(value)
        enum = _dtype_enum(array, dtype)
        try:
            if enum == fmt.STRING:
                size, crc = self._write_strings(array)
            else:
                size, crc = self._write_array(array, enum)
        except OSError as e:
            raise _os_error(e, self._data_tmp) from None
        # As TensorFlow: even an empty tensor records the current offset and mask(crc32c("")).
        self._entries[key] = fmt.Entry(enum, tuple(int(d) for d in array.shape), 0, self._offset, size, mask(crc))
        self._offset += size

    def add_slice(self, name: str, full_shape, extents, value, dtype=None) -> None:
        """Append ``value`` as the slice ``extents`` (``(start, length)`` per dimension, length
        -1 for a whole one) of the tensor ``name`` of ``full_shape``, as TensorFlow's
        ``AddSlice``: the data goes under the slice's binary key, and ``name``'s entry gets the
        dtype, the full shape and one more slice (no data of its own)."""
        key = name.encode("utf-8") if isinstance(name, str) else bytes(name)
        array = value if isinstance(value, np.ndarray) else np.asarray(value)
        enum = _dtype_enum(array, dtype)
        full = self._entries.get(key)
        if full is not None and (not full.slices or full.dtype != enum or list(full.shape) != list(full_shape)):
            raise errors.InvalidArgumentError(None, None, f"Adding duplicate key: {name} (a slice of another tensor "
                                                          f"of that name, or of another dtype or shape)")
        self.add(slices.slice_key(key, extents), array, dtype)
        proto = slices.slice_proto(extents)
        if full is None:
            self._entries[key] = fmt.Entry(enum, tuple(int(d) for d in full_shape), slices=(proto,))
        else:
            full.slices = full.slices + (proto,)

    def _write_array(self, array: np.ndarray, enum: int):
        storage = fmt.storage_dtype(enum)
        if enum == 14 and array.dtype.itemsize == 2:  # bfloat16: ml_dtypes values or raw bits
            array = np.ascontiguousarray(array).view(storage)
        else:
            array = np.ascontiguousarray(array, dtype=storage)
        if array.size == 0:
            return 0, 0
        flat = array.reshape(-1).view(np.uint8)
        self._file.write(memoryview(flat))  # straight from the array's buffer
        return len(flat), crc32c(flat)

    def _write_strings(self, array: np.ndarray):
        items = [_as_bytes(v) for v in array.reshape(-1)]
        header = bytearray()
        length_crc = 0
        for item in items:
            put_varint(header, len(item))
            n = len(item)
            length_crc = crc32c(n.to_bytes(4 if n <= 0xFFFFFFFF else 8, "little"), length_crc)
        stored = mask(length_crc).to_bytes(4, "little")
        header += stored
        crc = crc32c(stored, length_crc)
        body = b"".join(items)
        crc = crc32c(body, crc)
        self._file.write(header)
        self._file.write(body)
        return len(header) + len(body), crc

    def finish(self) -> None:
        """Write the index and move both files to their final names (index last)."""
        index_path = fmt.index_filename(self._prefix)
        self._index_tmp = temp_name(index_path)
        try:
            self._file.close()
            items = [(b"", fmt.Header().encode())]
            items += [(k, self._entries[k].encode()) for k in sorted(self._entries)]
            with open(self._index_tmp, "wb") as f:
                f.write(sstable.build_table(items))
            commit.prepare(self._prefix)
            commit.commit(self._prefix, [(self._data_tmp, self._data_path)], self._index_tmp, os.replace)
            if self._staging:
                self._upload()
        except BaseException as e:  # interrupted or failed: leave no temporary file behind
            self.abort()
            if isinstance(e, OSError):
                raise _os_error(e, e.filename or self._prefix) from None
            raise

    def _upload(self) -> None:
        """Copy the staged checkpoint to its remote prefix, committed as a local one is."""
        commit.prepare(self._target)
        commit.commit(self._target, [(self._data_path, fmt.data_filename(self._target, 0, 1))],
                      fmt.index_filename(self._prefix), lambda src, dst: file_io.copy(src, dst, overwrite=True))
        shutil.rmtree(self._staging)

    def abort(self) -> None:
        """Close and delete the temporary files; the checkpoint is not written."""
        self._file.close()
        for path in (self._data_tmp, getattr(self, "_index_tmp", None)):
            if path and os.path.exists(path):
                os.remove(path)
        if self._staging:
            shutil.rmtree(self._staging, ignore_errors=True)


def _make_dir(directory: str) -> None:
    """Create the prefix's directory, one level only, as TensorFlow's writer does (``CreateDir``:
    a missing parent is ``NotFoundError``, so a ``Saver`` reports the missing parent directory)."""
    try:
        os.mkdir(directory)
    except FileExistsError:
        pass
    except FileNotFoundError:
        raise errors.NotFoundError(None, None, f"{directory}; No such file or directory") from None


def _as_bytes(v) -> bytes:
    if isinstance(v, bytes):
        return v
    if isinstance(v, str):
        return v.encode("utf-8")
    if isinstance(v, np.bytes_):
        return bytes(v)
    raise TypeError(f"cannot store {type(v).__name__} {v!r} in a string tensor")


def _dtype_enum(array: np.ndarray, dtype) -> int:
    if dtype is not None:
        enum = dtypes.as_dtype(dtype).base_dtype.as_datatype_enum
    elif array.dtype.kind in "OSU":
        enum = fmt.STRING
    elif array.dtype.name == "bfloat16":
        enum = 14
    else:
        enum = dtypes.as_dtype(array.dtype).as_datatype_enum
    if not fmt.is_supported(enum):
        raise errors.UnimplementedError(None, None, f"Data type {fmt.tf_type_name(enum)} not supported for saving")
    return enum


def _os_error(e: OSError, path) -> errors.OpError:
    if isinstance(e, FileNotFoundError):
        return errors.NotFoundError(None, None, f"Failed to create a NewWriteableFile: {path} : No such file or "
                                                "directory")
    if isinstance(e, PermissionError):
        return errors.PermissionDeniedError(None, None, f"{path}; Permission denied")
    return errors.UnknownError(None, None, f"{path}; {e.strerror or e}")
