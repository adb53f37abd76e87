"""TFRecord framing (``platform/records.py``, read through ``lib_io.tf_record``): records
written, read back, and TF's errors for damaged files."""

import os
import struct

import pytest

import scopeflow as tf
from scopeflow._src.lib_io.tf_record import read_records
from scopeflow._src.platform.records import RecordWriter, frame


def _write(path, records):
    writer = RecordWriter(path)
    for r in records:
        writer.write(r)
    writer.close()
    return open(path, "rb").read()


def test_records_round_trip(tmp_path):
    records = [b"", b"a", b"\x00" * 1000, bytes(range(256)) * 50]
    data = _write(tmp_path / "f", records)
    assert len(data) == sum(len(r) + 16 for r in records)
    assert list(read_records(str(tmp_path / "f"))) == records


def test_a_frame_is_length_crc_data_crc():
    record = frame(b"abc")
    assert struct.unpack("<Q", record[:8]) == (3,)
    assert record[12:15] == b"abc" and len(record) == 19


def test_exclusive_writer_refuses_an_existing_file(tmp_path):
    (tmp_path / "f").write_bytes(b"x")
    with pytest.raises(FileExistsError):
        RecordWriter(str(tmp_path / "f"), exclusive=True)
    RecordWriter(str(tmp_path / "g"), exclusive=True).close()
    assert (tmp_path / "g").read_bytes() == b""


@pytest.mark.parametrize("position, offset", [(0, 0), (9, 0), (12, 12), (22, 22)])
def test_a_damaged_checksum_is_data_loss_at_its_offset(tmp_path, position, offset):
    data = bytearray(_write(tmp_path / "f", [b"x" * 6, b"y" * 6]))
    data[position] ^= 0x40
    (tmp_path / "bad").write_bytes(bytes(data))
    hint = " (Is this even a TFRecord file?)" if offset == 0 else ""
    with pytest.raises(tf.errors.DataLossError) as e:
        list(read_records(str(tmp_path / "bad")))
    assert e.value.message == f"corrupted record at {offset}{hint}"


def test_a_file_cut_inside_a_header_ends_there_and_inside_data_is_data_loss(tmp_path):
    data = _write(tmp_path / "f", [b"x" * 6, b"y" * 6])
    (tmp_path / "cut").write_bytes(data[:22 + 5])
    assert list(read_records(str(tmp_path / "cut"))) == [b"x" * 6]
    (tmp_path / "cut").write_bytes(data[:22 + 13])
    with pytest.raises(tf.errors.DataLossError, match="truncated record at 22' failed with Read less bytes"):
        list(read_records(str(tmp_path / "cut")))


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(tf.errors.NotFoundError, match="; No such file or directory"):
        list(read_records(os.path.join(str(tmp_path), "nope")))
    with pytest.raises(tf.errors.FailedPreconditionError, match="; Is a directory"):
        list(read_records(str(tmp_path)))


@pytest.mark.parametrize("chunk", [1, 7, 40, 1 << 20])
def test_records_across_read_boundaries_and_the_good_ones_before_a_damaged_one(tmp_path, monkeypatch, chunk):
    from scopeflow._src.platform import records as framing  # the read size, made small for this test

    monkeypatch.setattr(framing, "_CHUNK", chunk)
    records = [bytes([i]) * (i * 7) for i in range(12)]
    data = bytearray(_write(tmp_path / "f", records))
    assert list(read_records(str(tmp_path / "f"))) == records
    sixth = sum(len(r) + 16 for r in records[:6])
    data[sixth + 12] ^= 1  # the sixth record's first data byte
    (tmp_path / "bad").write_bytes(bytes(data))
    got = []
    with pytest.raises(tf.errors.DataLossError) as e:
        for record in read_records(str(tmp_path / "bad")):
            got.append(record)
    assert got == records[:6] and e.value.message == f"corrupted record at {sixth + 12}"


@pytest.mark.parametrize("chunk", [7, 100, 1 << 20])
@pytest.mark.parametrize("position", [12, 13, 17 * 19, 17 * 19 + 9, 17 * 25 + 12, 17 * 39 + 14])
def test_a_run_of_equal_records_then_others_and_damage_inside_the_run(tmp_path, monkeypatch, chunk, position):
    from scopeflow._src.platform import records as framing  # the read size, made small for this test

    monkeypatch.setattr(framing, "_CHUNK", chunk)
    records = [bytes([i]) for i in range(40)] + [b"ab", b"", b"cd", b"e"]
    data = bytearray(_write(tmp_path / "f", records))
    assert list(read_records(str(tmp_path / "f"))) == records
    data[position] ^= 1  # a header (inside its length or its checksum) or a record's data byte
    (tmp_path / "bad").write_bytes(bytes(data))
    got = []
    with pytest.raises(tf.errors.DataLossError) as e:
        for record in read_records(str(tmp_path / "bad")):
            got.append(record)
    damaged = position // 17
    header_offset = damaged * 17
    offset = header_offset if position - header_offset < 12 else header_offset + 12
    hint = " (Is this even a TFRecord file?)" if offset == 0 else ""
    assert got == records[:damaged] and e.value.message == f"corrupted record at {offset}{hint}"
