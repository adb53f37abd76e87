"""Checkpoint integrity: every flipped byte, truncation, missing file or key is reported."""

import os
import re
import shutil

import pytest

from scopeflow._src.checkpoint import bundle_format as fmt
from scopeflow._src.checkpoint import sstable
from scopeflow._src.checkpoint.bundle_reader import BundleReader
from scopeflow._src.framework import errors
from scopeflow._src.platform import checksums

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "fixtures", "tf_checkpoints")


def fixture(prefix):
    return os.path.join(FIXTURES, prefix)


def _copy_fixture(tmp_path, prefix="model/model.ckpt-1"):
    out = tmp_path / "c"
    shutil.copytree(os.path.dirname(fixture(prefix)), out)
    return str(out / os.path.basename(prefix))


def _read_all(prefix):
    reader = BundleReader(prefix)
    for name in reader.entries:
        reader.read(name)


def test_every_flipped_data_byte_is_detected(tmp_path):
    prefix = _copy_fixture(tmp_path)
    path = prefix + ".data-00000-of-00001"
    original = open(path, "rb").read()
    for i in range(len(original)):
        corrupt = bytearray(original)
        corrupt[i] ^= 0x10
        open(path, "wb").write(bytes(corrupt))
        with pytest.raises(errors.DataLossError, match=re.escape(path)) as info:
            _read_all(prefix)
        assert "Checksum does not match" in info.value.message


def test_every_flipped_index_byte_is_detected(tmp_path):
    prefix = _copy_fixture(tmp_path)
    path = prefix + ".index"
    original = open(path, "rb").read()
    for i in range(len(original)):  # footer padding included: scopeflow checks that it is zero
        corrupt = bytearray(original)
        corrupt[i] ^= 0x01
        open(path, "wb").write(bytes(corrupt))
        with pytest.raises(errors.DataLossError) as info:
            _read_all(prefix)
        assert path in info.value.message, (i, info.value.message)


def test_flipped_string_byte_is_detected(tmp_path):
    prefix = _copy_fixture(tmp_path, "dtypes/all")
    reader = BundleReader(prefix)
    entry = reader.entries["str_vector"]
    path = prefix + ".data-00000-of-00001"
    data = bytearray(open(path, "rb").read())
    for i in range(entry.offset, entry.offset + entry.size):
        corrupt = bytearray(data)
        corrupt[i] ^= 0x04
        open(path, "wb").write(bytes(corrupt))
        with pytest.raises(errors.DataLossError, match=re.escape(path)):
            BundleReader(prefix).read("str_vector")


@pytest.mark.parametrize("keep", [0, 5, 40, 111])
def test_truncated_data_file(tmp_path, keep):
    prefix = _copy_fixture(tmp_path)
    path = prefix + ".data-00000-of-00001"
    data = open(path, "rb").read()
    open(path, "wb").write(data[:keep])
    with pytest.raises(errors.DataLossError, match="Read less bytes than requested: " + re.escape(path)):
        _read_all(prefix)


@pytest.mark.parametrize("keep,message", [(0, "file is too short to be an sstable"),
                                          (40, "file is too short to be an sstable"),
                                          (100, r"not an sstable \(bad magic number\)"),
                                          (339, r"not an sstable \(bad magic number\)")])
def test_truncated_index(tmp_path, keep, message):
    prefix = _copy_fixture(tmp_path)
    path = prefix + ".index"
    data = open(path, "rb").read()
    open(path, "wb").write(data[:keep])
    with pytest.raises(errors.DataLossError, match=message) as info:
        BundleReader(prefix)
    assert f"Unable to read file ({path})" in info.value.message


def test_missing_files(tmp_path):
    with pytest.raises(errors.NotFoundError, match="Unsuccessful TensorSliceReader constructor: Failed to find any "
                                                   "matching files for " + re.escape(str(tmp_path / "nope"))):
        BundleReader(str(tmp_path / "nope"))
    prefix = _copy_fixture(tmp_path)
    os.remove(prefix + ".data-00000-of-00001")
    with pytest.raises(errors.NotFoundError, match="data-00000-of-00001; No such file or directory"):
        _read_all(prefix)


def test_missing_key(tmp_path):
    with pytest.raises(errors.NotFoundError, match="^Key nope not found in checkpoint$"):
        BundleReader(fixture("model/model.ckpt-1")).read("nope")


def test_wrong_entry_size_is_data_loss(tmp_path):
    prefix = str(tmp_path / "x")
    with open(prefix + ".data-00000-of-00001", "wb") as f:
        f.write(bytes(12))
    entry = fmt.Entry(1, (4,), 0, 0, 12, checksums.mask(checksums.crc32c(bytes(12))))
    with open(prefix + ".index", "wb") as f:
        f.write(sstable.build_table([(b"", fmt.Header().encode()), (b"x", entry.encode())]))
    with pytest.raises(errors.DataLossError, match="Invalid size in bundle entry: key x; stored size 12; expected "
                                                   "size 16"):
        BundleReader(prefix).read("x")


def test_newer_format_versions_are_refused(tmp_path):
    prefix = str(tmp_path / "x")
    open(prefix + ".data-00000-of-00001", "wb").close()
    header = fmt.Header(min_consumer=2).encode()
    with open(prefix + ".index", "wb") as f:
        f.write(sstable.build_table([(b"", header)]))
    with pytest.raises(errors.InvalidArgumentError, match="min consumer version 2"):
        BundleReader(prefix)
