"""Crafted checkpoints (issue 24 items 1-3): entries with valid checksums but impossible claims,
special files, and indexes built to cost quadratic time. Each ends in ``DataLossError`` naming
the file and the key (``NotFoundError`` for a path that is not a regular file), checked before
anything is allocated or read."""

import os
import re

import numpy as np
import pytest

from scopeflow._src import protos
from scopeflow._src.checkpoint import bundle_format as fmt
from scopeflow._src.checkpoint import slices, sstable
from scopeflow._src.checkpoint.bundle_reader import BundleReader
from scopeflow._src.checkpoint.varints import VarintError, get_varint, varint
from scopeflow._src.framework import errors
from scopeflow._src.platform.checksums import crc32c, mask
from tests.checkpoint.test_fuzz_bundles import _raw_table

HEADER = fmt.Header().encode()
DATA = np.arange(4, dtype=np.float32).tobytes()  # 16 bytes


def _bundle(tmp_path, items, data=DATA):
    prefix = str(tmp_path / "x")
    with open(prefix + ".data-00000-of-00001", "wb") as f:
        f.write(data)
    with open(prefix + ".index", "wb") as f:
        f.write(sstable.build_table([(b"", HEADER)] + items))
    return prefix


def _entry(**fields):
    values = {"dtype": 1, "shape": {"dim": [{"size": 4}]}, "offset": 0, "size": 16,
              "crc32c": mask(crc32c(DATA))}
    values.update(fields)
    return protos.BundleEntryProto(**values).SerializeToString()


def _read(prefix, name="v"):
    with BundleReader(prefix) as reader:
        return reader.read(name)


def test_the_valid_entry_reads(tmp_path):
    np.testing.assert_array_equal(_read(_bundle(tmp_path, [(b"v", _entry())])), np.arange(4, dtype=np.float32))


@pytest.mark.parametrize("fields, words", [
    ({"shape": {"dim": [{"size": 131072}, {"size": 131072}]}}, "Invalid size in bundle entry: key v"),  # 64 GiB
    ({"shape": {"dim": [{"size": 2 ** 40}] * 3}}, "too many elements"),
    ({"shape": {"dim": [{"size": -1}, {"size": -4}]}}, "negative dimension"),
    ({"offset": -1}, "negative offset"),
    ({"size": -16}, "negative offset"),
    ({"offset": 2 ** 62}, "claims bytes"),
    ({"offset": 2 ** 63 - 1}, "claims bytes"),
    ({"offset": 8}, "claims bytes"),
    ({"shape": {"dim": [{"size": 2 ** 37}]}, "size": 2 ** 39}, "claims bytes"),  # 512 GiB, consistent with its shape
    ({"shard_id": 1}, "shard 1 out of range"),
    ({"shard_id": -1}, "shard -1 out of range"),
    ({"dtype": 7, "shape": {"dim": [{"size": 3}]}, "size": 2 ** 40}, "claims bytes"),  # strings claiming 1 TiB
    ({"dtype": 7, "shape": {"dim": [{"size": 2 ** 30}]}, "size": 16}, "cannot hold"),
])
def test_impossible_claims_are_data_loss_before_allocating(tmp_path, fields, words):
    prefix = _bundle(tmp_path, [(b"v", _entry(**fields))])
    with pytest.raises(errors.DataLossError) as info:
        _read(prefix)
    message = info.value.message
    assert words in message and "v" in message, message
    assert prefix in message, message


def test_a_field_of_the_wrong_wire_type_is_an_unknown_field_or_data_loss(tmp_path):
    for field in (1, 3, 4, 5, 6):  # each field once more as length-delimited bytes: protobuf keeps
        wrong = _entry() + varint(field << 3 | 2) + varint(3) + b"abc"  # the good value, as TF's does
        np.testing.assert_array_equal(_read(_bundle(tmp_path, [(b"v", wrong)])), np.arange(4, dtype=np.float32))
    for field, name in [(5, "size"), (6, "crc32c")]:  # only the wrong one: size or checksum missing
        fields = protos.BundleEntryProto.FromString(_entry())
        fields.ClearField(name)
        wrong = fields.SerializeToString() + varint(field << 3 | 2) + varint(3) + b"abc"
        with pytest.raises(errors.DataLossError, match=re.escape(str(tmp_path))):
            _read(_bundle(tmp_path, [(b"v", wrong)]))
    wrong_shape = _entry(shape={}) + varint(2 << 3 | 0) + varint(5)  # the shape message as a varint
    with pytest.raises(errors.DataLossError, match="Invalid size in bundle entry: key v"):
        _read(_bundle(tmp_path, [(b"v", wrong_shape)]))
    with pytest.raises(errors.DataLossError, match="corrupted checkpoint index entry .* at key v"):
        _read(_bundle(tmp_path, [(b"v", varint(4 << 3 | 2) + varint(30) + b"abc")]))  # runs past its end


def test_a_negative_shard_count_is_data_loss(tmp_path):
    prefix = str(tmp_path / "x")
    header = protos.BundleHeaderProto(num_shards=-3).SerializeToString()
    with open(prefix + ".index", "wb") as f:
        f.write(sstable.build_table([(b"", header), (b"v", _entry())]))
    with pytest.raises(errors.DataLossError, match="negative shard count"):
        BundleReader(prefix)


def test_an_overlong_varint_is_refused():
    with pytest.raises(VarintError):
        get_varint(b"\xff" * 9 + b"\x7f", 0)  # 70 bits
    assert get_varint(b"\xff" * 9 + b"\x01", 0) == (2 ** 64 - 1, 10)


def test_slice_extents_outside_the_tensor_are_data_loss(tmp_path):
    for start, length in [(-2, 2), (3, 2), (0, -3), (1, -1)]:
        proto = protos.TensorSliceProto(extent=[{"start": start, "length": length}])
        prefix = _bundle(tmp_path, [(b"v", _entry(slices=[proto]))])
        with pytest.raises(errors.DataLossError, match="corrupted slice of v"):
            _read(prefix)


def test_slices_are_checked_against_the_file_before_the_tensor_is_allocated(tmp_path):
    extents = [(0, 2 ** 31)]
    proto = protos.TensorSliceProto(extent=[{"start": 0, "length": 2 ** 31}])
    full = _entry(shape={"dim": [{"size": 2 ** 31}]}, size=0, slices=[proto])
    part = _entry(shape={"dim": [{"size": 2 ** 31}]}, size=2 ** 33)  # claims 8 GiB of a 16-byte file
    key = slices.slice_key(b"v", extents)
    prefix = _bundle(tmp_path, [(key, part), (b"v", full)])
    with pytest.raises(errors.DataLossError, match="claims bytes"):
        _read(prefix)


# -- files that are not regular files ---------------------------------------------------------------
def _index_replaced(tmp_path, make):
    prefix = _bundle(tmp_path, [(b"v", _entry())])
    os.remove(prefix + ".index")
    make(prefix + ".index")
    return prefix


@pytest.mark.parametrize("make", [
    os.mkdir,
    os.mkfifo,
    lambda path: os.symlink("/dev/zero", path),
    lambda path: os.symlink(path, path),  # a symlink loop
], ids=["directory", "fifo", "device", "loop"])
def test_an_index_that_is_not_a_regular_file_is_not_found(tmp_path, make):
    prefix = _index_replaced(tmp_path, make)
    with pytest.raises(errors.NotFoundError, match=re.escape(prefix + ".index")):
        BundleReader(prefix)


def test_a_data_file_that_is_a_fifo_is_not_found(tmp_path):
    prefix = _bundle(tmp_path, [(b"v", _entry())])
    os.remove(prefix + ".data-00000-of-00001")
    os.mkfifo(prefix + ".data-00000-of-00001")
    with pytest.raises(errors.NotFoundError, match="data-00000-of-00001 is not a regular file"):
        _read(prefix)


def test_a_dangling_symlink_is_not_found(tmp_path):
    prefix = _index_replaced(tmp_path, lambda path: os.symlink(path + ".gone", path))
    with pytest.raises(errors.NotFoundError, match="Failed to find any matching files"):
        BundleReader(prefix)


# -- tables built to cost quadratic time ------------------------------------------------------------
def _table_with_index(blocks, handles):
    """A table of data ``blocks`` (lists of items) whose index block lists ``handles`` (block numbers)."""
    out = bytearray()
    written = []
    for items in blocks:
        block = sstable._BlockBuilder(sstable.RESTART_INTERVAL)
        for key, value in items:
            block.add(key, value)
        written.append(sstable._write_block(out, block.finish()))
    metaindex = sstable._write_block(out, sstable._BlockBuilder(sstable.RESTART_INTERVAL).finish())
    index = sstable._BlockBuilder(1)
    for i, n in enumerate(handles):
        index.add(b"\xff" * 4 + i.to_bytes(4, "big"), written[n])
    handle = sstable._write_block(out, index.finish())
    footer = metaindex + handle
    out += footer + bytes(40 - len(footer)) + sstable.MAGIC
    return bytes(out)


def test_the_crafted_table_helper_builds_a_readable_table():
    table = _table_with_index([[(b"", HEADER), (b"a", b"1")], [(b"b", b"2")]], [0, 1])
    assert sstable.read_table(table) == [(b"", HEADER), (b"a", b"1"), (b"b", b"2")]


@pytest.mark.parametrize("handles", [[0, 0], [0] * 2000, [1, 0], [0, 1, 1]])
def test_repeated_or_out_of_order_block_handles_are_refused(handles):
    table = _table_with_index([[(b"", HEADER), (b"a", b"1")], [(b"b", b"2")]], handles)
    with pytest.raises(sstable.TableError, match="repeated or out-of-order block handle"):
        sstable.read_table(table)


@pytest.mark.parametrize("blocks", [
    [[(b"", HEADER), (b"a", b"1")], [(b"a", b"2")]],  # a key repeated across blocks
    [[(b"", HEADER), (b"b", b"1")], [(b"a", b"2")]],  # keys out of order across blocks
    [[(b"", HEADER), (b"b", b"1"), (b"a", b"2")]],    # ... and inside a block
    [[(b"", HEADER), (b"a", b"1"), (b"a", b"2")]],
])
def test_repeated_or_out_of_order_keys_are_refused(tmp_path, blocks):
    table = _table_with_index(blocks, range(len(blocks)))
    with pytest.raises(sstable.TableError, match="repeated or out-of-order key"):
        sstable.read_table(table)
    prefix = str(tmp_path / "x")
    with open(prefix + ".index", "wb") as f:
        f.write(table)
    with pytest.raises(errors.DataLossError, match=re.escape(prefix + ".index")):
        BundleReader(prefix)


# -- found by the issue 24 verification pass ----------------------------------------------------------
@pytest.mark.parametrize("dtype", [0, -1, 34, 101, 2 ** 31 - 1])
def test_a_dtype_that_is_no_data_type_is_data_loss_naming_the_key(tmp_path, dtype):
    prefix = _bundle(tmp_path, [(b"v", _entry(dtype=dtype))])
    with pytest.raises(errors.DataLossError, match=f"unknown dtype {dtype}.* at key v"):
        BundleReader(prefix)


def test_a_newer_tensorflow_dtype_lists_and_refuses_to_read(tmp_path):
    from scopeflow._src.checkpoint.checkpoint_reader import NewCheckpointReader

    reader = NewCheckpointReader(_bundle(tmp_path, [(b"v", _entry(dtype=24))]))  # float8_e5m2
    assert reader.get_variable_to_shape_map() == {"v": [4]}
    with pytest.raises(errors.UnimplementedError, match="Data type float8_e5m2 not supported .tensor v"):
        reader.get_variable_to_dtype_map()
    with pytest.raises(errors.UnimplementedError, match="float8_e5m2"):
        reader.get_tensor("v")


@pytest.mark.parametrize("dims", [[2 ** 62, 0], [0, 2 ** 63 - 1, 2 ** 63 - 1]])
def test_an_empty_tensor_with_huge_other_dimensions_is_data_loss(tmp_path, dims):
    prefix = _bundle(tmp_path, [(b"v", _entry(shape={"dim": [{"size": d} for d in dims]}, size=0))])
    with pytest.raises(errors.DataLossError, match="too many elements.* at key v"):
        BundleReader(prefix)


def _sliced(tmp_path, stored):
    """A tensor ``v`` of 4 floats stored as the slices ``stored`` (``(start, length)`` each)."""
    items, data = [], b""
    for start, length in stored:
        piece = np.arange(start, start + length, dtype=np.float32).tobytes()
        items.append((slices.slice_key(b"v", [(start, length)]),
                      _entry(shape={"dim": [{"size": length}]}, offset=len(data), size=len(piece),
                             crc32c=mask(crc32c(piece)))))
        data += piece
    protos_ = [protos.TensorSliceProto(extent=[{"start": s, "length": n}]) for s, n in stored]
    items.append((b"v", _entry(size=0, crc32c=0, slices=protos_)))
    return _bundle(tmp_path, sorted(dict(items).items()), data)  # a slice listed twice is stored once


@pytest.mark.parametrize("stored", [[(0, 2), (0, 3)], [(0, 4), (0, 4)], [(0, 3), (1, 3)]])
def test_overlapping_slices_are_data_loss_not_a_partly_zero_tensor(tmp_path, stored):
    # [(0, 2), (0, 3)]: their sizes add up to 5 >= 4, but element 3 is stored nowhere
    with pytest.raises(errors.DataLossError, match="overlapping slices of v"):
        _read(_sliced(tmp_path, stored))


def test_disjoint_slices_still_read(tmp_path):
    np.testing.assert_array_equal(_read(_sliced(tmp_path, [(2, 2), (0, 2)])), np.arange(4, dtype=np.float32))


def _one_block_table(entries):
    """A table whose single data block holds raw ``(shared, key bytes, value)`` entries."""
    block = bytearray()
    for shared, key, value in entries:
        block += varint(shared) + varint(len(key)) + varint(len(value)) + key + value
    block += (0).to_bytes(4, "little") + (1).to_bytes(4, "little")
    return _raw_table(bytes(block))


def test_keys_that_each_repeat_the_one_before_are_refused_in_linear_memory():
    # 60,000 entries of 4 bytes, each key one byte longer than the last: 1.8 GB of keys from 300 KB
    table = _one_block_table([(0, b"", HEADER)] + [(i, b"a", b"") for i in range(60000)])
    with pytest.raises(sstable.TableError, match="keys far longer than the table can hold"):
        sstable.read_table(table)
    short = _one_block_table([(0, b"", HEADER)] + [(i, b"a", b"") for i in range(2000)])
    assert len(sstable.read_table(short)) == 2001  # 2 MB of keys from a 10 KB table is allowed


def test_a_snappy_block_stops_at_its_claimed_size():
    from scopeflow._src.checkpoint import snappy

    bomb = varint(100) + b"\x00a" + bytes([63 << 2 | 2, 1, 0]) * 100000  # 64 bytes per 3: 6.4 MB, claims 100
    with pytest.raises(snappy.SnappyError, match="past the 100 bytes"):
        snappy.decompress(bomb)
    assert snappy.decompress(varint(65) + b"\x00a" + bytes([63 << 2 | 2, 1, 0])) == b"a" * 65


@pytest.mark.parametrize("content, reason", [
    (None, "FAILED_PRECONDITION: {p}; Is a directory"),
    (b"hello world" * 10, "DATA_LOSS: not an sstable (bad magic number)"),
    (b"hello", "DATA_LOSS: file is too short to be an sstable"),
])
def test_a_prefix_that_is_a_directory_or_no_table_is_tensorflows_data_loss(tmp_path, content, reason):
    # no PREFIX.index: TensorFlow reads PREFIX itself as a V1 checkpoint (bad_input.reader_of_a_... has its goldens)
    prefix = str(tmp_path / "p")
    if content is None:
        os.mkdir(prefix)
    else:
        with open(prefix, "wb") as f:
            f.write(content)
    with pytest.raises(errors.DataLossError) as info:
        BundleReader(prefix)
    assert info.value.message == (f"Unable to open table file {prefix}: {reason.format(p=prefix)}: perhaps your file "
                                  "is in a different file format and you need to use a different restore operator?")


def test_a_prefix_that_is_a_fifo_is_still_not_found(tmp_path):
    prefix = str(tmp_path / "p")
    os.mkfifo(prefix)
    with pytest.raises(errors.NotFoundError, match="Failed to find any matching files"):
        BundleReader(prefix)
