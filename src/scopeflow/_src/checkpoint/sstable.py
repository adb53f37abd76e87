"""The LevelDB-style sorted table that holds a checkpoint's ``.index``.

Layout: data blocks, an (empty) metaindex block, an index block, a 48-byte footer. Each
block is followed by a one-byte compression type and the masked CRC-32C of the block and
type byte. The writer reproduces TensorFlow's ``TableBuilder`` byte for byte (restart
interval 16, 256 KiB blocks, shortest separators in the index); the reader verifies every
block checksum and accepts Snappy-compressed blocks.
"""

from __future__ import annotations

from scopeflow._src.checkpoint import snappy
from scopeflow._src.checkpoint.varints import VarintError, get_varint, put_varint
from scopeflow._src.platform.checksums import crc32c, mask, unmask

MAGIC = (0xDB4775248B80FB57).to_bytes(8, "little")
FOOTER_SIZE = 48
BLOCK_SIZE = 262144
RESTART_INTERVAL = 16
_HUGE_ENTRY = 524288
# Prefix compression lets an entry of a few bytes repeat all of the key before it, so n entries of
# one byte each would decode to n**2 / 2 key bytes. A real table stores a whole key every 16 entries
# and each entry's value (a BundleEntryProto) takes over ten bytes: its keys decode to less than 16
# times its size. Reading refuses more than this, keeping memory and time linear in the file.
_KEY_BYTES_PER_BYTE = 32
_KEY_BYTES_FLOOR = 1 << 24


class TableError(ValueError):
    """A malformed table; ``message`` is TensorFlow's wording."""


class _BlockBuilder:
    def __init__(self, restart_interval: int):
        self.interval = restart_interval
        self.reset()

    def reset(self):
        self.buf = bytearray()
        self.restarts = [0]
        self.counter = 0
        self.last_key = b""

    def add(self, key: bytes, value: bytes) -> None:
        shared = 0
        if self.counter < self.interval:
            limit = min(len(key), len(self.last_key))
            while shared < limit and key[shared] == self.last_key[shared]:
                shared += 1
        else:
            self.restarts.append(len(self.buf))
            self.counter = 0
        put_varint(self.buf, shared)
        put_varint(self.buf, len(key) - shared)
        put_varint(self.buf, len(value))
        self.buf += key[shared:]
        self.buf += value
        self.last_key = key
        self.counter += 1

    def size_estimate(self) -> int:
        return len(self.buf) + 4 * len(self.restarts) + 4

    def empty(self) -> bool:
        return not self.buf

    def finish(self) -> bytes:
        out = self.buf
        for r in self.restarts:
            out += r.to_bytes(4, "little")
        out += len(self.restarts).to_bytes(4, "little")
        return bytes(out)


def _separator(start: bytes, limit: bytes) -> bytes:
    n = min(len(start), len(limit))
    i = 0
    while i < n and start[i] == limit[i]:
        i += 1
    if i < n and start[i] < 0xFF and start[i] + 1 < limit[i]:
        return start[:i] + bytes([start[i] + 1])
    return start


def _successor(key: bytes) -> bytes:
    for i, byte in enumerate(key):
        if byte != 0xFF:
            return key[:i] + bytes([byte + 1])
    return key


def _handle(offset: int, size: int) -> bytes:
    out = bytearray()
    put_varint(out, offset)
    put_varint(out, size)
    return bytes(out)


def build_table(items, block_size: int = BLOCK_SIZE) -> bytes:
    """The bytes of a table holding ``items`` (``(key, value)`` byte pairs in key order)."""
    out = bytearray()
    data = _BlockBuilder(RESTART_INTERVAL)
    index = _BlockBuilder(1)
    pending = None  # handle of the last flushed data block, waiting for its index key
    last_key = b""

    def flush():
        nonlocal pending
        if data.empty():
            return
        pending = _write_block(out, data.finish())
        data.reset()

    for key, value in items:
        if pending is not None:
            index.add(_separator(last_key, key), pending)
            pending = None
        if not data.empty() and len(key) + len(value) >= _HUGE_ENTRY:
            flush()
            index.add(_separator(last_key, key), pending)
            pending = None
        data.add(key, value)
        last_key = key
        if data.size_estimate() >= block_size:
            flush()
    flush()
    metaindex = _write_block(out, _BlockBuilder(RESTART_INTERVAL).finish())
    if pending is not None:
        index.add(_successor(last_key), pending)
    index_handle = _write_block(out, index.finish())
    footer = metaindex + index_handle
    out += footer + bytes(40 - len(footer)) + MAGIC
    return bytes(out)


def _write_block(out: bytearray, contents: bytes) -> bytes:
    handle = _handle(len(out), len(contents))
    out += contents
    out.append(0)
    out += mask(crc32c(b"\x00", crc32c(contents))).to_bytes(4, "little")
    return handle


# -- reading -----------------------------------------------------------------------------------
def read_table(data: bytes) -> list[tuple[bytes, bytes]]:
    """Every ``(key, value)`` of the table in ``data``, after verifying each block.

    Raises ``TableError`` with TensorFlow's text ("block checksum mismatch", ...).
    """
    if len(data) < FOOTER_SIZE:
        raise TableError("file is too short to be an sstable")
    footer = data[-FOOTER_SIZE:]
    if footer[-8:] != MAGIC:
        raise TableError("not an sstable (bad magic number)")
    try:
        meta_offset, pos = get_varint(footer, 0)
        meta_size, pos = get_varint(footer, pos)
        index_offset, pos = get_varint(footer, pos)
        index_size, pos = get_varint(footer, pos)
    except VarintError:
        raise TableError("bad block handle") from None
    if any(footer[pos:-8]):  # writers zero the padding; checking it leaves no byte unverified
        raise TableError("corrupted footer padding")
    list(_block_entries(_read_block(data, meta_offset, meta_size)))  # empty, but verified like every block
    items = []
    next_block = 0  # data blocks lie in file order without overlap: reading is linear in the file's size
    key_budget = _KEY_BYTES_PER_BYTE * len(data) + _KEY_BYTES_FLOOR
    for _, handle in _block_entries(_read_block(data, index_offset, index_size)):
        try:
            offset, pos = get_varint(handle, 0)
            size, _ = get_varint(handle, pos)
        except VarintError:
            raise TableError("bad block handle") from None
        if offset < next_block:
            raise TableError("repeated or out-of-order block handle in the index block")
        next_block = offset + size + 5
        for key, value in _block_entries(_read_block(data, offset, size)):
            if items and key <= items[-1][0]:
                raise TableError("repeated or out-of-order key in the table")
            key_budget -= len(key)
            if key_budget < 0:
                raise TableError("keys far longer than the table can hold (each sharing all of the one before)")
            items.append((key, value))
    return items


def _read_block(data: bytes, offset: int, size: int) -> bytes:
    end = offset + size
    if end + 5 > len(data) - FOOTER_SIZE:
        raise TableError("truncated block read")
    contents = data[offset:end]
    kind = data[end]
    stored = int.from_bytes(data[end + 1:end + 5], "little")
    if crc32c(data[end:end + 1], crc32c(contents)) != unmask(stored):
        raise TableError("block checksum mismatch")
    if kind == 0:
        return contents
    if kind == 1:
        try:
            return snappy.decompress(contents)
        except snappy.SnappyError as e:
            raise TableError(f"corrupted compressed block contents ({e})") from None
    raise TableError(f"bad block type {kind}")


def _block_entries(block: bytes):
    if len(block) < 4:
        raise TableError("bad block contents")
    num_restarts = int.from_bytes(block[-4:], "little")
    limit = len(block) - 4 - 4 * num_restarts
    if num_restarts < 1 or limit < 0:
        raise TableError("bad block contents")
    pos, key = 0, b""
    try:
        while pos < limit:
            shared, pos = get_varint(block, pos)
            non_shared, pos = get_varint(block, pos)
            value_len, pos = get_varint(block, pos)
            if shared > len(key) or pos + non_shared + value_len > limit:
                raise TableError("bad entry in block")
            key = key[:shared] + block[pos:pos + non_shared]
            pos += non_shared
            yield key, block[pos:pos + value_len]
            pos += value_len
    except VarintError:
        raise TableError("bad entry in block") from None
