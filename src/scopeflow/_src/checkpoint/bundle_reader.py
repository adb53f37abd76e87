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
from scopeflow._src.checkpoint import commit, slices, sstable
from scopeflow._src.checkpoint.varints import VarintError, get_varint
from scopeflow._src.framework import errors
from scopeflow._src.lib_io import file_io
from scopeflow._src.platform.checksums import crc32c, mask, unmask

# Bounds on what an entry may claim, checked before anything is allocated or read: the product of
# its non-zero dimensions (an empty tensor's other dimensions still size NumPy's array), times the
# widest element, stays an addressable byte count.
_MAX_ELEMENTS = 1 << 59


def _data_loss(message: str) -> errors.DataLossError:
    return errors.DataLossError(None, None, message)


class BundleReader:
    """The tensors of the checkpoint at ``prefix`` (``prefix.index`` + data shards)."""

    def __init__(self, prefix: str):
        self.prefix = os.fspath(prefix)
        self.index_path = fmt.index_filename(self.prefix)
        commit.recover_if_possible(self.prefix)  # a save killed after its commit point: finish it first
        try:
            f, size = file_io.open_regular(self.index_path, "a checkpoint file")
        except FileNotFoundError:
            raise self._no_index() from None
        with f:
            data = f.read(size)  # bounded by the real size: a file that grows is not followed
        self._parse(data)
        self._files: dict[int, object] = {}
        self._wholes: dict[str, np.ndarray] = {}  # whole tensors that regions were cut from, until close

    def _no_index(self) -> errors.OpError:
        """The error for a prefix without ``.index``. TensorFlow then reads the prefix itself as a V1
        checkpoint (one table): a directory or a file that is no table there is its ``DataLossError``;
        nothing there (or a V1 table, which scopeflow does not read) is ``NotFoundError``."""
        reason = None
        if not file_io.is_remote(self.prefix) and os.path.isdir(self.prefix):
            reason = f"FAILED_PRECONDITION: {self.prefix}; Is a directory"
        elif not file_io.is_remote(self.prefix) and os.path.exists(self.prefix):
            try:
                f, size = file_io.open_regular(self.prefix, "a checkpoint file")
                with f:
                    f.seek(max(size - sstable.FOOTER_SIZE, 0))
                    footer = f.read(sstable.FOOTER_SIZE)  # the footer only: the file may be anything, and big
            except (OSError, errors.OpError):
                footer = None
            if footer is not None and len(footer) < sstable.FOOTER_SIZE:
                reason = "DATA_LOSS: file is too short to be an sstable"
            elif footer is not None and footer[-8:] != sstable.MAGIC:
                reason = "DATA_LOSS: not an sstable (bad magic number)"
        if reason:
            return _data_loss(f"Unable to open table file {self.prefix}: {reason}: perhaps your file is in a different "
                              "file format and you need to use a different restore operator?")
        return errors.NotFoundError(None, None, "Unsuccessful TensorSliceReader constructor: Failed to find any "
                                                f"matching files for {self.prefix}")

    def _parse(self, data: bytes) -> None:
        try:
            items = sstable.read_table(data)
        except sstable.TableError as e:
            raise _data_loss(f"Unable to read file ({self.index_path}). Perhaps the file is corrupt or was produced "
                             f"by a newer version of TensorFlow with format changes: {e}") from None
        if not items or items[0][0] != b"":
            raise _data_loss(f"{self.index_path}: the checkpoint index has no header entry")
        key = b""
        try:
            self.header = fmt.Header.decode(items[0][1])
            if self.header.num_shards < 0:
                raise fmt.CorruptProtoError(f"negative shard count {self.header.num_shards}")
            self.entries: dict[str, fmt.Entry] = {}
            self._slice_entries: dict[bytes, fmt.Entry] = {}
            for key, value in items[1:]:
                entry = fmt.Entry.decode(value)
                self._validate(key, entry)
                if key[:1] == b"\x00":
                    self._slice_entries[key] = entry
                else:
                    self.entries[key.decode("utf-8", "surrogateescape")] = entry
        except fmt.CorruptProtoError as e:
            where = f" at key {key.decode('utf-8', 'backslashreplace')}" if key else " (the header)"
            raise _data_loss(f"{self.index_path}: corrupted checkpoint index entry ({e}){where}") from None
        version = self.header
        if version.min_consumer > 1 or 1 in version.bad_consumers:
            raise errors.InvalidArgumentError(
                None, None, f"Checkpoint min consumer version {version.min_consumer} above current version 1 for "
                            f"TensorFlow (or bad consumer) in {self.index_path}")

    def _validate(self, key: bytes, entry: fmt.Entry) -> None:
        """``CorruptProtoError`` for an entry whose claims no tensor can have (checked at parse
        time, before anything is allocated; offsets against the data file's size at read time)."""
        if not fmt.is_data_type(entry.dtype):
            raise fmt.CorruptProtoError(f"unknown dtype {entry.dtype}")
        n = 1
        for d in entry.shape:
            if d < 0:
                raise fmt.CorruptProtoError(f"negative dimension {d} in shape {list(entry.shape)}")
            n *= d or 1
            if n > _MAX_ELEMENTS:
                raise fmt.CorruptProtoError(f"shape {list(entry.shape)} has too many elements")
        if entry.offset < 0 or entry.size < 0:
            raise fmt.CorruptProtoError(f"negative offset {entry.offset} or size {entry.size}")
        if not 0 <= entry.shard_id < max(self.header.num_shards, 1):
            raise fmt.CorruptProtoError(f"shard {entry.shard_id} out of range for {self.header.num_shards} "
                                        "shards")

    def _locate(self, name: str, entry: fmt.Entry):
        """``(path, file)`` of the entry's shard after checking that its bytes lie inside it."""
        path, f, size = self._file(entry.shard_id)
        if entry.offset + entry.size > size:
            raise _data_loss(f"Read less bytes than requested: {path} is truncated or the entry is corrupt "
                             f"(tensor {name} claims bytes {entry.offset}..{entry.offset + entry.size} of a "
                             f"{size}-byte file; in {self.index_path})")
        return path, f

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
        expected = storage.itemsize * entry.num_elements  # checked before allocating
        if entry.size != expected:
            raise _data_loss(f"Invalid size in bundle entry: key {name}; stored size {entry.size}; expected size "
                             f"{expected} (in {self.index_path})")
        if expected:
            path, f = self._locate(name, entry)
        out = np.empty(entry.shape, storage)
        if expected:
            view = memoryview(out.reshape(-1).view(np.uint8))
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
        path, f = self._locate(name, entry)
        if n and n + 4 > entry.size:  # a length of at least one byte per string, then a checksum
            raise _data_loss(f"Invalid size in bundle entry: key {name}; stored size {entry.size} cannot hold {n} "
                             f"strings (in {self.index_path})")
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
        pieces, covered = [], 0
        for proto in entry.slices:  # first every piece, checked against the files: then allocate
            try:
                stored = slices.parse_slice(proto, entry.shape)
            except slices.SliceError as e:
                raise _data_loss(f"{self.index_path}: corrupted slice of {name} ({e})") from None
            where, stored_shape = slices.region(stored, entry.shape)
            overlap = [(max(a.start, b.start), min(a.stop, b.stop)) for a, b in zip(where, index)]
            if any(lo >= hi for lo, hi in overlap):
                continue
            key = slices.slice_key(name.encode("utf-8", "surrogateescape"), stored)
            part = self._slice_entries.get(key)
            if part is None or tuple(part.shape) != stored_shape:
                raise _data_loss(f"{self.index_path}: the slice {stored} of {name} is missing")
            if part.num_elements:
                self._locate(name, part)  # its bytes lie in the data file: what it covers is real
            src = tuple(slice(lo - w.start, hi - w.start) for (lo, hi), w in zip(overlap, where))
            dst = tuple(slice(lo - i.start, hi - i.start) for (lo, hi), i in zip(overlap, index))
            pieces.append((part, src, dst))
            n = 1
            for lo, hi in overlap:
                n *= hi - lo
            covered += n
        total = 1
        for d in shape:
            total *= d
        if covered < total:
            spec = ":".join("-" if length == -1 else f"{start},{length}" for start, length in extents)
            raise errors.InvalidArgumentError(None, None, f"Does not have sufficient slices for partitioned tensor "
                                                          f"{name} to restore in slice_spec: {spec}")
        out = np.zeros(shape, dtype=dtype)
        filled = np.zeros(shape, dtype=bool)  # no overlaps (TensorFlow's TensorSliceSet) and sizes adding up: all of it
        for part, src, dst in pieces:
            if filled[dst].any():
                raise _data_loss(f"{self.index_path}: overlapping slices of {name} (a region is stored twice)")
            filled[dst] = True
            out[dst] = self._read_entry(name, part)[src]
        return out

    def _file(self, shard: int):
        """``(path, file, real size)`` of data shard ``shard``, opened once."""
        opened = self._files.get(shard)
        path = fmt.data_filename(self.prefix, shard, max(self.header.num_shards, 1))
        if opened is None:
            try:
                opened = self._files[shard] = file_io.open_regular(path, "a checkpoint file")
            except FileNotFoundError:
                raise errors.NotFoundError(None, None, f"{path}; No such file or directory") from None
        return (path,) + opened

    def close(self) -> None:
        self._wholes.clear()
        for f, _ in self._files.values():
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
