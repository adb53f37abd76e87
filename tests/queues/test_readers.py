"""Readers: records and keys as TensorFlow gives them, work taken from a queue, errors."""

import pytest

import scopeflow as tf


@pytest.fixture(autouse=True)
def _graph():
    with tf.Graph().as_default():
        yield


def _files_queue(sess, paths):
    q = tf.FIFOQueue(10, tf.string, shapes=[[]])
    sess.run(q.enqueue_many([paths]))
    sess.run(q.close())
    return q


def _read_all(sess, key, value):
    out = []
    while True:
        try:
            out.append(tuple(sess.run([key, value])))
        except tf.errors.OutOfRangeError:
            return out


def test_text_line_reader_skips_headers_and_strips_line_ends(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(b"h\nl1\nl2\r\nl3")
    b.write_bytes(b"x\ny\n")
    reader = tf.TextLineReader(skip_header_lines=1)
    with tf.Session() as sess:
        key, value = reader.read(_files_queue(sess, [str(a), str(b)]))
        assert key.name == "ReaderReadV2:0" and reader.reader_ref.op.type == "TextLineReaderV2"
        records = _read_all(sess, key, value)
        assert records == [(f"{a}:2".encode(), b"l1"), (f"{a}:3".encode(), b"l2"), (f"{a}:4".encode(), b"l3"),
                           (f"{b}:2".encode(), b"y")]
        assert sess.run([reader.num_records_produced(), reader.num_work_units_completed()]) == [4, 2]
        sess.run(reader.reset())
        assert sess.run(reader.num_records_produced()) == 0
        with pytest.raises(tf.errors.UnimplementedError):
            sess.run(reader.serialize_state())


def test_read_up_to_stays_within_one_file(tmp_path):
    a = tmp_path / "a.txt"
    a.write_bytes(b"1\n2\n3\n")
    reader = tf.TextLineReader()
    with tf.Session() as sess:
        keys, values = reader.read_up_to(_files_queue(sess, [str(a), str(a)]), 2)
        assert keys.shape.as_list() == [None] and keys.op.inputs[2].name == "ReaderReadUpToV2/num_records:0"
        batches = [sess.run(values).tolist() for _ in range(4)]
        assert batches == [[b"1", b"2"], [b"3"], [b"1", b"2"], [b"3"]]


def test_whole_file_and_missing_file(tmp_path):
    a = tmp_path / "a.bin"
    a.write_bytes(b"\x00abc")
    missing = str(tmp_path / "missing")
    with tf.Session() as sess:
        key, value = tf.WholeFileReader().read(_files_queue(sess, [str(a), missing]))
        assert sess.run([key, value]) == [str(a).encode(), b"\x00abc"]
        for _ in range(2):  # the file that cannot be opened stays the reader's work
            with pytest.raises(tf.errors.NotFoundError, match="No such file or directory"):
                sess.run(key)


def test_fixed_length_records_with_header_footer_and_hop(tmp_path):
    path = tmp_path / "f.bin"
    path.write_bytes(b"H0123456789F")
    reader = tf.FixedLengthRecordReader(record_bytes=3, header_bytes=1, footer_bytes=1, hop_bytes=2)
    with tf.Session() as sess:
        key, value = reader.read(_files_queue(sess, [str(path)]))
        records = _read_all(sess, key, value)
    assert [v for _, v in records] == [b"012", b"234", b"456", b"678"]
    assert records[-1][0] == f"{path}:3".encode()


@pytest.mark.parametrize("compression", ["", "ZLIB", "GZIP"])
def test_tfrecord_reader_keys_are_byte_offsets(tmp_path, compression):
    path = str(tmp_path / "r.tfrecord")
    options = tf.io.TFRecordOptions(compression_type=compression)
    with tf.io.TFRecordWriter(path, options) as writer:
        writer.write(b"rec0")
        writer.write(b"record1")
    reader = tf.TFRecordReader(options=options)
    with tf.Session() as sess:
        key, value = reader.read(_files_queue(sess, [path]))
        records = _read_all(sess, key, value)
    assert records == [(f"{path}:0".encode(), b"rec0"), (f"{path}:20".encode(), b"record1")]


def test_identity_reader_and_a_queue_handle():
    q = tf.FIFOQueue(3, tf.string, shapes=[[]])
    key, value = tf.IdentityReader().read(q.queue_ref)
    with tf.Session() as sess:
        sess.run(q.enqueue("work"))
        assert sess.run([key, value]) == [b"work", b"work"]
