"""The V2 checkpoint format: checksums, the SSTable, bundle entries, byte identity with TF."""

import json
import os

import numpy as np
import pytest

from scopeflow._src.checkpoint import bundle_format as fmt
from scopeflow._src.checkpoint import slices, snappy, sstable, varints
from scopeflow._src.checkpoint.bundle_reader import BundleReader
from scopeflow._src.checkpoint.bundle_writer import BundleWriter
from scopeflow._src.framework import errors
from scopeflow._src.platform import checksums

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "fixtures", "tf_checkpoints")
EXPECTED = json.load(open(os.path.join(FIXTURES, "expected.json")))


def fixture(prefix):
    return os.path.join(FIXTURES, prefix)


def expected_array(spec):
    value, dtype = spec["value"], spec["dtype"]
    if "bytes_hex" in value:
        hexes = value["bytes_hex"]
        return np.array([bytes.fromhex(h) for h in (hexes if isinstance(hexes, list) else [hexes])],
                        dtype=object).reshape(spec["shape"])
    if "complex" in value:
        return np.array([complex(re_, im) for re_, im in value["complex"]], dtype=dtype).reshape(spec["shape"])
    key = "float" if "float" in value else "int"
    np_dtype = np.float32 if dtype == "bfloat16" else dtype
    return np.array(value[key], dtype=np_dtype).reshape(spec["shape"])


def as_comparable(value, dtype):
    if dtype == "bfloat16":
        if value.dtype == np.uint16:  # raw bits without ml_dtypes
            return (value.astype(np.uint32) << 16).view(np.float32)
        return value.astype(np.float32)
    return value


# -- checksums and varints ----------------------------------------------------------------------
def test_crc32c_check_value_and_mask():
    assert checksums.crc32c(b"123456789") == 0xE3069283
    assert checksums.crc32c(memoryview(b"123456789")) == 0xE3069283
    assert checksums.crc32c(b"6789", checksums.crc32c(b"12345")) == 0xE3069283
    for c in (0, 1, 0xE3069283, 0xFFFFFFFF):
        assert checksums.unmask(checksums.mask(c)) == c
    assert checksums.mask(0xF7006846) == 0x7310D8D8  # the format document's string example


def test_crc32c_of_large_buffer_matches_bytes():
    data = np.random.default_rng(0).integers(0, 256, size=3 * (1 << 20) + 17, dtype=np.uint8)
    assert checksums.crc32c(data) == checksums.crc32c(data.tobytes())


@pytest.mark.parametrize("value", [0, 1, 127, 128, 300, 2 ** 35, 2 ** 64 - 1])
def test_varint_round_trip(value):
    encoded = varints.varint(value)
    assert varints.get_varint(encoded, 0) == (value, len(encoded))


def test_truncated_varint_is_an_error():
    with pytest.raises(varints.VarintError):
        varints.get_varint(b"\x80\x80", 0)


# -- the format document's worked example, byte for byte ------------------------------------------
def test_worked_example_is_byte_identical(tmp_path):
    prefix = str(tmp_path / "ex")
    with BundleWriter(prefix) as w:
        w.add("layer1/w", np.array([[1, 2], [3, 4]], np.float32))
        w.add("step", np.int64(7))
        w.add("tag", "hi")
    data = open(prefix + ".data-00000-of-00001", "rb").read()
    index = open(prefix + ".index", "rb").read()
    assert data.hex() == ("0000803f000000400000404000008040" "0700000000000000" "02d8d810736869")
    assert len(index) == 171
    assert index[:9].hex() == "000006080 11a020801".replace(" ", "")
    assert index[0x68:0x7B].hex() == "0001027500560000000001000000" + "0059b59aac"
    assert index[-8:].hex() == "57fb808b247547db"
    assert index[0x7B:0x7F].hex() == "5b08680e"


def test_tf_fixtures_are_rewritten_byte_for_byte(tmp_path):
    for prefix in ("model/model.ckpt-1", "dtypes/all"):
        reader = BundleReader(fixture(prefix))
        out = str(tmp_path / prefix.replace("/", "_"))
        with BundleWriter(out) as w:
            for name in sorted(reader.entries):
                w.add(name, reader.read(name), reader.entries[name].dtype)
        for suffix in (".index", ".data-00000-of-00001"):
            assert open(out + suffix, "rb").read() == open(fixture(prefix) + suffix, "rb").read(), (prefix, suffix)


# -- reading TensorFlow's checkpoints -----------------------------------------------------------------
@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_fixture_values(prefix):
    reader = BundleReader(fixture(prefix))
    assert sorted(reader.entries) == sorted(EXPECTED[prefix])
    for name, spec in EXPECTED[prefix].items():
        value = reader.read(name)
        assert list(value.shape) == spec["shape"], name
        want = expected_array(spec)
        got = as_comparable(value, spec["dtype"])
        if want.dtype == object:
            assert got.tolist() == want.tolist(), name
        else:
            assert got.dtype == want.dtype, name
            np.testing.assert_array_equal(got, want, err_msg=name)


def test_bfloat16_is_ml_dtypes_when_installed():
    ml_dtypes = pytest.importorskip("ml_dtypes")
    value = BundleReader(fixture("dtypes/all")).read("bf16")
    assert value.dtype == ml_dtypes.bfloat16
    assert value.astype(np.float32).tolist()[:2] == [1.5, -2.25]


def test_bfloat16_is_raw_bits_without_ml_dtypes(monkeypatch):
    monkeypatch.setattr(fmt, "bfloat16_dtype", lambda: None)
    value = BundleReader(fixture("dtypes/all")).read("bf16")
    assert value.dtype == np.uint16
    assert value.tolist()[:2] == [0x3FC0, 0xC010]


def test_partitioned_variable_is_reassembled():
    reader = BundleReader(fixture("partitioned/part"))
    assert sorted(reader.entries) == ["emb", "other"]
    assert len(reader.entries["emb"].slices) == 2
    np.testing.assert_array_equal(reader.read("emb"), np.arange(15, dtype=np.float32).reshape(5, 3))


def test_slice_keys_match_tensorflow():
    reader = BundleReader(fixture("partitioned/part"))
    extents = [slices.parse_slice(s, (5, 3)) for s in reader.entries["emb"].slices]
    assert extents == [[(0, 3), (0, 3)], [(3, 2), (0, 3)]]
    keys = [slices.slice_key(b"emb", e) for e in extents]
    assert keys[0].hex() == "00656d620001010280838083"
    assert set(keys) == set(reader._slice_entries)


# 6667 and 13334: keys of a [20000, 1] variable TensorFlow split in three (checked by hand).
@pytest.mark.parametrize("value,encoded", [(0, "80"), (-1, "7f"), (63, "bf"), (64, "c040"), (-65, "3fbf"),
                                           (1000, "c3e8"), (6667, "da0b"), (13334, "e03416"),
                                           (2 ** 40, "fd0000000000")])
def test_ordered_code_signed_numbers(value, encoded):
    assert slices._signed(value).hex() == encoded


def test_big_endian_bundles_are_read(tmp_path):
    prefix = str(tmp_path / "be")
    data = np.array([1.5, -2.0], ">f4").tobytes()
    with open(prefix + ".data-00000-of-00001", "wb") as f:
        f.write(data)
    header = fmt.Header(big_endian=True).encode()
    entry = fmt.Entry(1, (2,), 0, 0, 8, checksums.mask(checksums.crc32c(data))).encode()
    with open(prefix + ".index", "wb") as f:
        f.write(sstable.build_table([(b"", header), (b"x", entry)]))
    np.testing.assert_array_equal(BundleReader(prefix).read("x"), [1.5, -2.0])


# -- the SSTable -----------------------------------------------------------------------------------
def test_many_blocks_round_trip_and_index_keys():
    items = [(f"name/{i:05d}".encode(), bytes([i % 251]) * (i % 40)) for i in range(3000)]
    table = sstable.build_table(items, block_size=4096)
    assert sstable.read_table(table) == items
    assert sstable.build_table(items) != table  # a smaller block size gives more blocks


def test_default_block_size_splits_large_indexes():
    items = [(f"v{i:06d}".encode(), b"x" * 100) for i in range(4000)]
    table = sstable.build_table(items)
    assert len(table) > sstable.BLOCK_SIZE
    assert sstable.read_table(table) == items


def test_shortest_separator_and_successor():
    assert sstable._separator(b"abcd", b"abzz") == b"abd"
    assert sstable._separator(b"abc", b"abd") == b"abc"  # no room between c and d
    assert sstable._separator(b"ab", b"abc") == b"ab"
    assert sstable._successor(b"tag") == b"u"
    assert sstable._successor(b"\xff\xffa") == b"\xff\xffb"
    assert sstable._successor(b"\xff") == b"\xff"


def test_empty_table():
    table = sstable.build_table([])
    assert sstable.read_table(table) == []


def _snappy_compress(data: bytes) -> bytes:
    """A small Snappy encoder for the test: literals of every length form, and copies."""
    out = bytearray(varints.varint(len(data)))
    pos = 0
    while pos < len(data):
        run = 1
        while pos + run < len(data) and data[pos + run] == data[pos] and run < 64:
            run += 1
        if run >= 5 and pos > 0 and data[pos - 1] == data[pos]:
            out.append(((run - 1) << 2) | 2)  # copy with a 2-byte offset of 1 (overlapping)
            out += (1).to_bytes(2, "little")
            pos += run
            continue
        chunk = data[pos:pos + 300]
        n = len(chunk) - 1
        if n < 60:
            out.append(n << 2)
        else:
            out += bytes([61 << 2]) + n.to_bytes(2, "little")
        out += chunk
        pos += len(chunk)
    return bytes(out)


def test_snappy_blocks_are_read():
    data = b"abc" + b"z" * 40 + bytes(range(200)) + b"q" * 70
    assert snappy.decompress(_snappy_compress(data)) == data
    assert snappy.decompress(bytes([8, 12]) + b"abcd" + bytes([1 | (0 << 2), 4])) == b"abcdabcd"  # 1-byte offset
    block = sstable._BlockBuilder(16)
    for i in range(40):
        block.add(f"key{i:03d}".encode(), b"v" * 30)
    contents = _snappy_compress(block.finish())
    table = bytearray()
    handle = sstable._handle(0, len(contents))
    crc = checksums.crc32c(b"\x01", checksums.crc32c(contents))
    table += contents + b"\x01" + checksums.mask(crc).to_bytes(4, "little")
    meta = sstable._write_block(table, sstable._BlockBuilder(16).finish())
    index = sstable._BlockBuilder(1)
    index.add(b"l", handle)
    index_handle = sstable._write_block(table, index.finish())
    footer = meta + index_handle
    table += footer + bytes(40 - len(footer)) + sstable.MAGIC
    items = sstable.read_table(bytes(table))
    assert [k for k, _ in items] == [f"key{i:03d}".encode() for i in range(40)]


def test_bad_snappy_is_an_error():
    with pytest.raises(snappy.SnappyError):
        snappy.decompress(bytes([10, 1 | (0 << 2), 4]))


# -- writing ---------------------------------------------------------------------------------------------
def test_duplicate_key_is_refused(tmp_path):
    w = BundleWriter(str(tmp_path / "d"))
    w.add("a", np.zeros(2))
    with pytest.raises(errors.InvalidArgumentError, match="Adding duplicate key: a"):
        w.add("a", np.zeros(2))
    w.abort()
    assert os.listdir(tmp_path) == []


def test_writer_leaves_nothing_when_aborted(tmp_path):
    with pytest.raises(RuntimeError):
        with BundleWriter(str(tmp_path / "x")) as w:
            w.add("a", np.ones(3))
            raise RuntimeError("interrupted")
    assert os.listdir(tmp_path) == []


def test_writer_creates_the_directory_like_tensorflow(tmp_path):
    with BundleWriter(str(tmp_path / "new" / "ckpt")) as w:
        w.add("a", np.ones(1))
    assert sorted(os.listdir(tmp_path / "new")) == ["ckpt.data-00000-of-00001", "ckpt.index"]
    # one level only, as TensorFlow's CreateDir: SaveV2 to a/b/ckpt fails while a/ is missing
    with pytest.raises(errors.NotFoundError, match=f"^{tmp_path / 'a' / 'b'}; No such file or directory$"):
        BundleWriter(str(tmp_path / "a" / "b" / "ckpt"))
    assert sorted(os.listdir(tmp_path)) == ["new"]


def test_unsupported_dtype_is_refused(tmp_path):
    w = BundleWriter(str(tmp_path / "x"))
    with pytest.raises(errors.UnimplementedError, match="Data type resource not supported"):
        w.add("r", np.zeros(1), "resource")
    w.abort()


def test_non_contiguous_and_big_endian_arrays_are_written_in_c_order(tmp_path):
    prefix = str(tmp_path / "x")
    a = np.arange(12, dtype=np.float64).reshape(3, 4).T
    b = np.array([1, 2, 3], ">i4")
    with BundleWriter(prefix) as w:
        w.add("a", a)
        w.add("b", b)
    r = BundleReader(prefix)
    np.testing.assert_array_equal(r.read("a"), a)
    assert r.read("b").dtype == np.int32 and r.read("b").tolist() == [1, 2, 3]


def test_overwriting_a_checkpoint(tmp_path):
    prefix = str(tmp_path / "x")
    for value in (1.0, 2.0):
        with BundleWriter(prefix) as w:
            w.add("a", np.full(3, value))
    assert BundleReader(prefix).read("a").tolist() == [2.0, 2.0, 2.0]
    assert not [f for f in os.listdir(tmp_path) if "tempstate" in f]


ALL_DTYPES = {
    "float16": np.array([1.5, -np.inf, np.nan], np.float16), "float32": np.array([[1e-38, -3.5]], np.float32),
    "float64": np.array([np.pi]), "int8": np.array([-128, 127], np.int8), "int16": np.array([-3], np.int16),
    "int32": np.array([2 ** 31 - 1], np.int32), "int64": np.array([-(2 ** 63)], np.int64),
    "uint8": np.array([255], np.uint8), "uint16": np.array([65535], np.uint16), "uint32": np.array([7], np.uint32),
    "uint64": np.array([2 ** 64 - 1], np.uint64), "bool": np.array([[True], [False]]),
    "complex64": np.array([1 - 2j], np.complex64), "complex128": np.array([3 + 4j]),
    "string": np.array([b"x", "\u00e9", b""], dtype=object), "scalar_string": np.array(b"s", dtype=object),
    "empty_string": np.zeros([0], dtype=object), "empty": np.zeros([2, 0], np.int32), "scalar": np.float64(2.5),
}


def test_round_trip_of_every_dtype(tmp_path):
    prefix = str(tmp_path / "all")
    with BundleWriter(prefix) as w:
        for name, value in ALL_DTYPES.items():
            w.add(name, value)
        w.add("bfloat16_bits", np.array([0x3FC0, 0x7F80], np.uint16), "bfloat16")
    r = BundleReader(prefix)
    for name, value in ALL_DTYPES.items():
        got = r.read(name)
        assert got.shape == np.shape(value), name
        if got.dtype == object:
            want = [v.encode() if isinstance(v, str) else v for v in np.asarray(value, dtype=object).ravel()]
            assert got.ravel().tolist() == want, name
        else:
            assert got.dtype == np.asarray(value).dtype.newbyteorder("="), name
            np.testing.assert_array_equal(got, value, err_msg=name)
    bits = r.read("bfloat16_bits")
    assert bits.view(np.uint16).tolist() == [0x3FC0, 0x7F80]
    assert r.entries["bfloat16_bits"].dtype == 14


def test_bfloat16_arrays_round_trip(tmp_path):
    ml_dtypes = pytest.importorskip("ml_dtypes")
    value = np.array([1.5, -2.25, 3e38], ml_dtypes.bfloat16)
    with BundleWriter(str(tmp_path / "b")) as w:
        w.add("b", value)
    got = BundleReader(str(tmp_path / "b")).read("b")
    assert got.dtype == ml_dtypes.bfloat16 and got.tobytes() == value.tobytes()
