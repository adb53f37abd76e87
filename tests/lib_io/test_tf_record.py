"""``tf.io.TFRecordWriter`` / ``tf_record_iterator`` against files TensorFlow wrote
(``tests/fixtures/tf_records``, made by its ``make_record_fixtures.py``): read back record
for record, written again byte for byte, and TF's errors for damaged or missing files."""

import json
import pathlib
import zlib

import pytest

import scopeflow as tf

FIXTURES = pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "tf_records"
TABLE = json.loads((FIXTURES / "records.json").read_text())
COMPRESSED = {"examples.tfrecord": "", "examples.zlib.tfrecord": "ZLIB", "examples.gzip.tfrecord": "GZIP"}


def _examples():
    return [bytes.fromhex(r) for r in TABLE["examples.tfrecord"]["records"]]


def _large_records():
    return [bytes((i * 7 + j) % 251 for j in range(n)) for i, n in enumerate((10, 300_000, 5, 70_000))]


@pytest.mark.parametrize("name", sorted(COMPRESSED))
def test_files_tensorflow_wrote_read_back_record_for_record(name):
    expected = TABLE[name]
    assert [r.hex() for r in tf.io.tf_record_iterator(str(FIXTURES / name), expected["compression_type"])] == \
        expected["records"]


@pytest.mark.parametrize("name", sorted(COMPRESSED))
def test_the_same_records_written_here_are_byte_identical_to_tensorflows(tmp_path, name):
    path = str(tmp_path / name)
    with tf.python_io.TFRecordWriter(path, tf.python_io.TFRecordOptions(COMPRESSED[name])) as writer:
        for record in _examples():
            writer.write(record)
    assert pathlib.Path(path).read_bytes() == (FIXTURES / name).read_bytes()


def test_large_records_with_a_sync_flush_mode_match_tensorflows_buffering(tmp_path):
    options = tf.io.TFRecordOptions("ZLIB", flush_mode=zlib.Z_SYNC_FLUSH, compression_level=9)
    with tf.io.TFRecordWriter(str(tmp_path / "large"), options) as writer:
        for record in _large_records():
            writer.write(record)
    assert (tmp_path / "large").read_bytes() == (FIXTURES / "large.zlib.tfrecord").read_bytes()
    assert list(tf.io.tf_record_iterator(str(FIXTURES / "large.zlib.tfrecord"), options)) == _large_records()


def test_the_records_are_tf_train_examples():
    examples = [tf.train.Example.FromString(r) for r in _examples()]
    feature = examples[3].features.feature
    assert list(feature["id"].int64_list.value) == [3, -3, 2**40 + 3]
    assert list(feature["score"].float_list.value) == [1.5, -1.25]
    assert list(feature["name"].bytes_list.value) == [b"item3", b"\x00\xff"]


def test_a_corrupt_record_is_data_loss_after_the_good_ones():
    iterator = tf.io.tf_record_iterator(str(FIXTURES / "corrupt.tfrecord"))
    assert next(iterator).hex() == TABLE["corrupt.tfrecord"]["records"][0]
    with pytest.raises(tf.errors.DataLossError) as e:
        next(iterator)
    assert [type(e.value).__name__, e.value.message] == TABLE["corrupt.tfrecord"]["error"]


def test_reading_with_the_wrong_compression_is_data_loss():
    with pytest.raises(tf.errors.DataLossError, match=r"^inflate\(\) failed with error -3: incorrect header check$"):
        list(tf.io.tf_record_iterator(str(FIXTURES / "examples.tfrecord"), "GZIP"))
    with pytest.raises(tf.errors.DataLossError, match=r"^corrupted record at 0 \(Is this even a TFRecord file\?\)$"):
        list(tf.io.tf_record_iterator(str(FIXTURES / "examples.gzip.tfrecord")))


def test_a_compressed_file_cut_short_and_gzip_members_one_after_another(tmp_path):
    data = (FIXTURES / "examples.gzip.tfrecord").read_bytes()
    (tmp_path / "cut").write_bytes(data[:-12])
    with pytest.raises(tf.errors.DataLossError, match=r"^truncated record at \d+' failed with EOF reached$"):
        list(tf.io.tf_record_iterator(str(tmp_path / "cut"), "GZIP"))
    (tmp_path / "two").write_bytes(data + data)
    assert list(tf.io.tf_record_iterator(str(tmp_path / "two"), "GZIP")) == _examples() * 2


def test_writer_errors_and_lifecycle(tmp_path):
    with pytest.raises(tf.errors.NotFoundError, match=r"/nodir/x; No such file or directory$"):
        tf.io.TFRecordWriter(str(tmp_path / "nodir" / "x"))
    with pytest.raises(tf.errors.FailedPreconditionError, match="; Is a directory$"):
        tf.io.TFRecordWriter(str(tmp_path))
    with pytest.raises(ValueError, match='^Not a valid compression_type: "gzip"$'):
        tf.io.TFRecordWriter(str(tmp_path / "f"), "gzip")
    writer = tf.io.TFRecordWriter(str(tmp_path / "f"))
    writer.write("text")
    writer.write(bytearray(b"\x01"))
    with pytest.raises(TypeError, match="incompatible function arguments"):
        writer.write(5)
    writer.close()
    writer.close()
    for call in (lambda: writer.write(b"x"), writer.flush):
        with pytest.raises(tf.errors.FailedPreconditionError, match=r"^Writer is closed\.$"):
            call()
    assert list(tf.io.tf_record_iterator(str(tmp_path / "f"))) == [b"text", b"\x01"]


def test_the_iterator_opens_the_file_at_once(tmp_path):
    with pytest.raises(tf.errors.NotFoundError, match="; No such file or directory$"):
        tf.io.tf_record_iterator(str(tmp_path / "missing"))
    iterator = tf.io.tf_record_iterator(str(FIXTURES / "examples.tfrecord"))
    assert iter(iterator) is iterator and len(list(iterator)) == 4
    with pytest.raises(StopIteration):
        next(iterator)


def test_flush_writes_what_was_compressed_so_far(tmp_path):
    writer = tf.io.TFRecordWriter(str(tmp_path / "z"), "ZLIB")
    writer.write(b"a")
    writer.flush()
    flushed = (tmp_path / "z").read_bytes()
    writer.close()
    data = (tmp_path / "z").read_bytes()
    assert data.startswith(flushed) and len(flushed) == 17
    assert zlib.decompressobj().decompress(flushed)[12:13] == b"a"
    assert list(tf.io.tf_record_iterator(str(tmp_path / "z"), "ZLIB")) == [b"a"]


def test_options_and_compression_types():
    assert tf.io.TFRecordCompressionType is tf.python_io.TFRecordCompressionType
    assert (tf.io.TFRecordCompressionType.NONE, tf.io.TFRecordCompressionType.ZLIB,
            tf.io.TFRecordCompressionType.GZIP) == (0, 1, 2)
    get = tf.io.TFRecordOptions.get_compression_type_string
    assert [get(None), get(""), get(1), get(2), get("GZIP"), get(tf.io.TFRecordOptions(1))] == \
        ["", "", "ZLIB", "GZIP", "GZIP", "ZLIB"]
    options = tf.io.TFRecordOptions("GZIP", compression_level=3)
    assert (options.compression_type, options.compression_level, options.mem_level) == ("GZIP", 3, None)
    with pytest.raises(ValueError, match='^Not a valid compression_type: "5"$'):
        tf.io.TFRecordOptions(5)


# -- found by the issue 24 verification pass ----------------------------------------------------------
@pytest.mark.parametrize("header, error, words", [
    # lengths 2**40 and 2**63 with valid header CRCs: TensorFlow 2.21's words (its recorder crashes on them)
    ("0000000000010000aa3d6be4", tf.errors.DataLossError, "truncated record at 0' failed with Read less bytes than "
                                                       "requested"),
    ("0000000000000080950867b6", tf.errors.InvalidArgumentError, "Can't read a negative number of bytes: "
                                                              "-9223372036854775804"),
])
def test_a_record_length_claiming_terabytes_is_tensorflows_error_not_memory_error(tmp_path, header, error, words):
    path = str(tmp_path / "huge")
    with open(path, "wb") as f:
        f.write(bytes.fromhex(header) + b"abc")  # was a 1 TiB read (MemoryError) / OverflowError
    with pytest.raises(error) as info:
        list(tf.python_io.tf_record_iterator(path))
    assert info.value.message == words
    it = tf.data.TFRecordDataset(path).make_one_shot_iterator().get_next()
    with tf.Session() as sess, pytest.raises(error):
        sess.run(it)
