"""``tf.read_file`` / ``tf.write_file`` (``queues/file_ops.py``): what the ``real_programs``
conformance area does not show."""

import pytest

import scopeflow as tf


def test_write_file_makes_directories_and_read_file_reads_bytes(tmp_path):
    path = tmp_path / "a" / "b" / "data.bin"
    payload = bytes(range(256))
    with tf.Graph().as_default():
        contents, name = tf.placeholder(tf.string, []), tf.placeholder(tf.string, [])
        write = tf.io.write_file(str(path), contents)
        # a constant path would be read once per compiled plan, in TF as here: the path is fed
        read = tf.io.read_file(name)
        with tf.Session() as sess:
            assert sess.run(write, {contents: payload}) is None
            assert path.read_bytes() == payload
            assert sess.run(read, {name: str(path)}) == payload
            sess.run(write, {contents: b"shorter"})  # overwrites
            assert sess.run(read, {name: str(path)}) == b"shorter"


def test_read_file_feeds_the_image_decoders(tmp_path):
    pytest.importorskip("PIL")
    path = tmp_path / "image.png"
    with tf.Graph().as_default():
        pixels = tf.constant([[[0, 128, 255]]], tf.uint8)
        with tf.Session() as sess:
            sess.run(tf.write_file(str(path), tf.image.encode_png(pixels)))
            decoded = sess.run(tf.image.decode_png(tf.read_file(str(path)), channels=3))
    assert decoded.tolist() == [[[0, 128, 255]]]


def test_errors_name_the_op_and_the_path(tmp_path):
    with tf.Graph().as_default():
        read = tf.read_file(str(tmp_path / "missing"), name="reader")
        with tf.Session() as sess:
            with pytest.raises(tf.errors.NotFoundError) as info:
                sess.run(read)
    assert info.value.op.name == "reader"
    assert f"{tmp_path / 'missing'}; No such file or directory" in info.value.message
