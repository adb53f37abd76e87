"""from_generator's errors, and the file datasets on TFRecord files written by TensorFlow."""

import json
import pathlib

import pytest

import scopeflow as tf
from tests.data._helpers import drain

FIXTURES = pathlib.Path(__file__).parents[1] / "fixtures" / "tf_records"
RECORDS = json.loads((FIXTURES / "records.json").read_text())


def _drain(ds):
    return drain(ds)[1]


@pytest.mark.parametrize("name", ["examples.tfrecord", "examples.gzip.tfrecord", "examples.zlib.tfrecord"])
def test_tfrecord_dataset_reads_files_written_by_tensorflow(name):
    entry = RECORDS[name]
    with tf.Graph().as_default():
        ds = tf.data.TFRecordDataset(str(FIXTURES / name), compression_type=entry["compression_type"])
        assert [r.hex() for r in _drain(ds)] == entry["records"]


def test_a_corrupt_record_raises_data_loss_after_the_good_ones():
    entry = RECORDS["corrupt.tfrecord"]
    with tf.Graph().as_default():
        nxt = tf.data.make_one_shot_iterator(tf.data.TFRecordDataset(str(FIXTURES / "corrupt.tfrecord"))).get_next()
        with tf.Session() as sess:
            assert [sess.run(nxt).hex() for _ in entry["records"]] == entry["records"]
            with pytest.raises(tf.errors.DataLossError, match=entry["error"][1]):
                sess.run(nxt)


def test_several_tfrecord_files_in_order():
    names = [str(FIXTURES / "examples.tfrecord"), str(FIXTURES / "examples.gzip.tfrecord")]
    with tf.Graph().as_default():
        plain = tf.data.TFRecordDataset(names[:1])
        both = tf.data.TFRecordDataset([names[0], names[0]])
        assert len(_drain(both)) == 2 * len(_drain(plain))


def test_generator_errors():
    with pytest.raises(TypeError, match="must be a Python callable"):
        tf.data.Dataset.from_generator(5, tf.int64)
    with pytest.raises(TypeError, match="output_types"):
        tf.data.Dataset.from_generator(lambda: iter([1]))

    def bad():
        yield [1, 2]
        yield [1, 2, 3]

    with tf.Graph().as_default():
        nxt = tf.data.make_one_shot_iterator(tf.data.Dataset.from_generator(bad, tf.int32, [2])).get_next()
        with tf.Session() as sess:
            assert sess.run(nxt).tolist() == [1, 2]
            with pytest.raises(tf.errors.InvalidArgumentError, match=r"element of shape \(3,\) where an element"):
                sess.run(nxt)


def test_generator_is_called_again_for_each_iteration():
    calls = []

    def gen(n):
        calls.append(int(n))
        yield from range(int(n))

    with tf.Graph().as_default():
        ds = tf.data.Dataset.from_generator(gen, tf.int64, [], args=(2,)).repeat(2)
        assert [int(v) for v in _drain(ds)] == [0, 1, 0, 1]
    assert calls == [2, 2]


def test_text_lines_and_fixed_length_records(tmp_path):
    text = tmp_path / "a.txt"
    text.write_bytes(b"one\r\ntwo\n\nthree")
    fixed = tmp_path / "b.bin"
    fixed.write_bytes(b"H" + b"abcdef" + b"FF")
    with tf.Graph().as_default():
        assert _drain(tf.data.TextLineDataset(str(text))) == [b"one", b"two", b"", b"three"]
        ds = tf.data.FixedLengthRecordDataset(str(fixed), 3, header_bytes=1, footer_bytes=2)
        assert _drain(ds) == [b"abc", b"def"]
