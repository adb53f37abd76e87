"""Reading a V2 checkpoint, verifying every block and tensor checksum.

``BundleReader(prefix)`` reads and checks the whole ``.index`` at once (it is small), then
reads tensors on demand from the data shards: straight into a fresh array with
``readinto`` (one copy, from the kernel), checksummed in place. A flipped byte
or a truncated file raises ``DataLossError`` naming the file; a missing file raises
``NotFoundError``.
"""

from __future__ import annotations

import os

import numpy as np

from scopeflow._src.checkpoint import bundle_format as fmt
from scopeflow._src.checkpoint import slices, sstable
from scopeflow._src.checkpoint.varints import VarintError, get_varint
from scopeflow._src.framework import errors
from scopeflow._src.lib_io import file_io
from scopeflow._src.platform.checksums import crc32c, mask, unmask


def _open(path: str):
    """``path`` opened for reading: a local file, or a remote one through ``tf.gfile``'s file systems."""
    return file_io.filesystem(path).open(path, "rb") if file_io.is_remote(path) else open(path, "rb")


def _data_loss(message: str) -> errors.DataLossError:
    return errors.DataLossError(None, None, message)


class BundleReader:
    """The tensors of the checkpoint at ``prefix`` (``prefix.index`` + data shards)."""

    def __init__(self, prefix: str):
        self.prefix = os.fspath(prefix)
        self.index_path = fmt.index_filename(self.prefix)
        try:
            with _open(self.index_path) as f:
                data = f.read()
        except (FileNotFoundError, errors.NotFoundError):
            raise errors.NotFoundError(None, None, "Unsuccessful TensorSliceReader constructor: Failed to find any "
                                                   f"matching files for {self.prefix}") from None
        except IsADirectoryError:
            raise errors.NotFoundError(None, None, f"{self.index_path} is a directory, not a checkpoint "
                                                   "index") from None
        self._parse(data)
        self._files: dict[int, object] = {}
        self._wholes: dict[str, np.ndarray] = {}  # whole tensors that regions were cut from, until close

    def _parse(self, data: bytes) -> None:
        try:
            items = sstable.read_table(data)
        except sstable.TableError as e:
            raise _data_loss(f"Unable to read file ({self.index_path}). Perhaps the file is corrupt or was produced "
                             f"by a newer version of TensorFlow with format changes: {e}") from None
        if not items or items[0][0] != b"":
            raise _data_loss(f"{self.index_path}: the checkpoint index has no header entry")
        try:
            self.header = fmt.Header.decode(items[0][1])
            self.entries: dict[str, fmt.Entry] = {}
            self._slice_entries: dict[bytes, fmt.Entry] = {}
            for key, value in items[1:]:
                if key[:1] == b"\x00":
                    self._slice_entries[key] = fmt.Entry.decode(value)
                else:
                    self.entries[key.decode("utf-8", "surrogateescape")] = fmt.Entry.decode(value)
        except fmt.CorruptProtoError as e:
            raise _data_loss(f"{self.index_path}: corrupted checkpoint index entry ({e})") from None
        version = self.header
        if version.min_consumer > 1 or 1 in version.bad_consumers:
            raise errors.InvalidArgumentError(
                None, None, f"Checkpoint min consumer version {version.min_consumer} above current version 1 for "
                            f"TensorFlow (or bad consumer) in {self.index_path}")

    # -- reading tensors ----------------------------------------------------------------------
    def read(self, name: str) -> np.ndarray:
        """The tensor ``name`` as an array (0-d for scalars; strings as ``bytes`` objects)."""
        entry = self.entries.get(name)
        if entry is None:
            raise errors.NotFoundError(None, None, f"Key {name} not found in checkpoint")
        if entry.slices:
            return self.read_slice(name)
        return self._read_entry(name, entry)

    def _read_entry(self, name: str, entry: fmt.Entry) -> np.ndarray:
        if entry.dtype == fmt.STRING:
            return self._read_strings(name, entry)
        if not fmt.is_supported(entry.dtype):
            raise errors.UnimplementedError(None, None, f"Data type {fmt.tf_type_name(entry.dtype)} not supported "
                                                        f"(tensor {name} in {self.index_path})")
        storage = fmt.storage_dtype(entry.dtype)
        if self.header.big_endian:
            storage = storage.newbyteorder(">")
        out = np.empty(entry.shape, storage)
        expected = out.nbytes
        if entry.size != expected:
            raise _data_loss(f"Invalid size in bundle entry: key {name}; stored size {entry.size}; expected size "
                             f"{expected} (in {self.index_path})")
        if expected:
            view = memoryview(out.reshape(-1).view(np.uint8))
            path, f = self._file(entry.shard_id)
            f.seek(entry.offset)
            got = f.readinto(view)
            if got != expected:
                raise _data_loss(f"Read less bytes than requested: {path} is truncated (tensor {name} needs bytes "
                                 f"{entry.offset}..{entry.offset + expected}, got {got})")
            self._check(name, entry, crc32c(out), path)
        if self.header.big_endian:
            out = out.astype(storage.newbyteorder("<"))
        return out.view(fmt.public_dtype(entry.dtype))

    def _read_strings(self, name: str, entry: fmt.Entry) -> np.ndarray:
        n = entry.num_elements
        path, f = self._file(entry.shard_id)
        f.seek(entry.offset)
        data = f.read(entry.size)
        if len(data) != entry.size:
            raise _data_loss(f"Read less bytes than requested: {path} is truncated (tensor {name})")
        try:
            lengths, pos, length_crc = [], 0, 0
            for _ in range(n):
                length, pos = get_varint(data, pos)
                lengths.append(length)
                length_crc = crc32c(length.to_bytes(4 if length <= 0xFFFFFFFF else 8, "little"), length_crc)
        except VarintError:
            raise _data_loss(f"Corrupted string tensor {name} in {path}") from None
        stored = data[pos:pos + 4]
        if len(stored) != 4 or unmask(int.from_bytes(stored, "little")) != length_crc:
            raise _data_loss(f"The length checksum does not match for tensor {name} in {path}")
        pos += 4
        if pos + sum(lengths) > len(data):
            raise _data_loss(f"Corrupted string tensor {name} in {path}: the strings run past its entry")
        self._check(name, entry, crc32c(data[pos - 4:pos + sum(lengths)], length_crc), path)
        out = np.empty(n, dtype=object)
        for i, length in enumerate(lengths):
            out[i] = data[pos:pos + length]
            pos += length
        return out.reshape(entry.shape)

    def _check(self, name, entry, crc, path):
        if mask(crc) != entry.crc32c:
            raise _data_loss(f"TensorBundle at {self.prefix} shard {entry.shard_id} ({entry.size} bytes): Checksum "
                             f"does not match: stored {unmask(entry.crc32c)} vs. calculated on the restored "
                             f"bytes {crc} (tensor {name} in {path})")

    def read_slice(self, name: str, extents=None) -> np.ndarray:
        """The region ``extents`` (``(start, length)`` per dimension, length -1 for all of it;
        ``None``: the whole tensor) of tensor ``name``, cut from the whole tensor or gathered
        from the slices a partitioned variable was saved in, however those were cut.
        ``InvalidArgumentError`` (TensorFlow's words) when the saved slices do not cover it."""
        entry = self.entries.get(name)
        if entry is None:
            raise errors.NotFoundError(None, None, f"Key {name} not found in checkpoint")
        full = extents is None
        extents = [(0, -1)] * len(entry.shape) if full else extents
        index, shape = slices.region(extents, entry.shape)
        if not entry.slices:
            if full:
                return self._read_entry(name, entry)
            value = self._wholes.get(name)
            if value is None:  # read once for all the shards a restore cuts from it
                value = self._wholes[name] = self._read_entry(name, entry)
            return np.ascontiguousarray(value[index])
        dtype = object if entry.dtype == fmt.STRING else fmt.public_dtype(entry.dtype)
        out = np.zeros(shape, dtype=dtype)
        covered = 0
        for proto in entry.slices:
            try:
                stored = slices.parse_slice(proto, entry.shape)
            except slices.SliceError as e:
                raise _data_loss(f"{self.index_path}: corrupted slice of {name} ({e})") from None
            where, stored_shape = slices.region(stored, entry.shape)
            overlap = [(max(a.start, b.start), min(a.stop, b.stop)) for a, b in zip(where, index)]
            if any(lo >= hi for lo, hi in overlap):
                continue
            part = self._slice_entries.get(slices.slice_key(name.encode("utf-8", "surrogateescape"), stored))
            if part is None or tuple(part.shape) != stored_shape:
                raise _data_loss(f"{self.index_path}: the slice {stored} of {name} is missing")
            src = tuple(slice(lo - w.start, hi - w.start) for (lo, hi), w in zip(overlap, where))
            dst = tuple(slice(lo - i.start, hi - i.start) for (lo, hi), i in zip(overlap, index))
            out[dst] = self._read_entry(name, part)[src]
            covered += int(np.prod([hi - lo for lo, hi in overlap]))
        if covered < int(np.prod(shape)):
            spec = ":".join("-" if length == -1 else f"{start},{length}" for start, length in extents)
            raise errors.InvalidArgumentError(None, None, f"Does not have sufficient slices for partitioned tensor "
                                                          f"{name} to restore in slice_spec: {spec}")
        return out

    def _file(self, shard: int):
        f = self._files.get(shard)
        path = fmt.data_filename(self.prefix, shard, max(self.header.num_shards, 1))
        if f is None:
            try:
                f = self._files[shard] = _open(path)
            except (FileNotFoundError, errors.NotFoundError):
                raise errors.NotFoundError(None, None, f"{path}; No such file or directory") from None
        return path, f

    def close(self) -> None:
        self._wholes.clear()
        for f in self._files.values():
            f.close()
        self._files.clear()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __del__(self):
        files = getattr(self, "_files", None)
        if files:
            self.close()
