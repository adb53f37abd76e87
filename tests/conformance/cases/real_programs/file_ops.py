"""``tf.read_file`` / ``tf.write_file`` (and their ``tf.io`` spellings) as TF1's image programs use
them: ``label_image.py`` and ``build_an_image_dataset.py`` read JPEG/PNG files into the graph."""

import os
import shutil

from tests.conformance.harness import case, raises


def _last_line(got):
    """A run-time error as its class and last line (TF's message also lists the Python frames
    where the op was defined, which differ between the two libraries)."""
    if "error" in got:
        return [got["error"], got["message"].splitlines()[-1]]
    return got

_DIR = "/tmp/scopeflow_conformance_real_programs"


def _fresh_dir():
    shutil.rmtree(_DIR, ignore_errors=True)
    os.makedirs(_DIR)
    return _DIR


@case
def read_and_write_file_ops(tf):
    d = _fresh_dir()
    with tf.Graph().as_default() as g:
        write = tf.write_file(os.path.join(d, "a", "b.txt"), "hello")
        read = tf.read_file(os.path.join(d, "a", "b.txt"))
        named = tf.io.read_file("x", name="file_reader")
        write2 = tf.io.write_file("y", tf.constant("z"), name="writer")
        with tf.Session() as sess:
            ran = sess.run(write)
            value = sess.run(read)
        return {"write": [type(write).__name__, write.name, write.type, len(write.outputs),
                          [t.name for t in write.inputs]],
                "read": [read.name, read.dtype.name, read.shape.as_list(), [t.name for t in read.op.inputs]],
                "names": [named.name, write2.name], "ran": ran, "value": value,
                "ops": [[op.name, op.type] for op in g.get_operations()]}


@case
def read_file_run_time_errors(tf):
    d = _fresh_dir()
    with tf.Graph().as_default():
        path = tf.placeholder(tf.string)
        read = tf.read_file(path)
        with tf.Session() as sess:
            return [_last_line(raises(sess.run, read, {path: os.path.join(d, "missing.jpg")})),
                    _last_line(raises(sess.run, read, {path: d})),
                    _last_line(raises(sess.run, read, {path: [d, d]}))]


@case
def file_ops_build_time_errors(tf):
    with tf.Graph().as_default():
        return [raises(tf.read_file, ["a", "b"]), raises(tf.write_file, "a", ["a", "b"]),
                raises(tf.write_file, [["a"]], "b"), raises(tf.read_file, 1)]


@case
def read_file_into_decode_jpeg_and_resize(tf):
    # label_image.py's read_tensor_from_image_file, on a JPEG this case writes with encode_png's
    # sibling: a PNG (exact pixels on both sides)
    d = _fresh_dir()
    path = os.path.join(d, "image.png")
    with tf.Graph().as_default() as g:
        pixels = tf.constant([[[10, 20, 30], [40, 50, 60]], [[70, 80, 90], [100, 110, 120]]], tf.uint8)
        with tf.Session() as sess:
            sess.run(tf.io.write_file(path, tf.image.encode_png(pixels)))
        start = len(g.get_operations())
        file_reader = tf.io.read_file(path, "file_reader")
        image = tf.io.decode_png(file_reader, channels=3, name="png_reader")
        resized = tf.compat.v1.image.resize_bilinear(tf.expand_dims(tf.cast(image, tf.float32), 0), [3, 3])
        normalized = tf.divide(tf.subtract(resized, [0]), [255])
        with tf.Session() as sess:
            value = sess.run(normalized)
        return {"ops": [[op.name, op.type] for op in g.get_operations()[start:]],
                "shape": normalized.shape.as_list(), "value": value.round(5).tolist()}


@case
def io_namespace_codecs_are_the_image_ones(tf):
    return [tf.io.decode_jpeg is tf.image.decode_jpeg, tf.io.decode_png is tf.image.decode_png,
            tf.io.encode_png is tf.image.encode_png, tf.io.read_file is tf.read_file,
            tf.io.write_file is tf.write_file]


@case
def matching_files_sorts_every_pattern_together(tf):
    d = _fresh_dir()
    for name in ("b.txt", "a.txt", "c.bin"):
        open(os.path.join(d, name), "w").close()
    with tf.Graph().as_default():
        both = tf.matching_files([os.path.join(d, "*.txt"), os.path.join(d, "*")])
        one = tf.io.matching_files(os.path.join(d, "[ab].txt"), name="mm")
        none = tf.matching_files("/tmp/scopeflow_conformance_no_such_dir/sub/*")
        pattern = tf.placeholder(tf.string)
        fed = tf.matching_files(pattern)
        once = tf.io.match_filenames_once(os.path.join(d, "*.bin"))
        with tf.Session() as sess:
            sess.run(tf.local_variables_initializer())
            values = [[v.decode()[len(d):] for v in sess.run(t)] for t in (both, one, none, once)]
            bad = _last_line(raises(sess.run, fed, {pattern: [[os.path.join(d, "*")]]}))
        return {"names": [both.name, one.name, both.shape.as_list(), fed.shape.as_list(), once.name],
                "values": values, "bad_feed": bad, "same": tf.io.match_filenames_once is tf.train.match_filenames_once,
                "build_error": raises(tf.matching_files, [["a"]])}
