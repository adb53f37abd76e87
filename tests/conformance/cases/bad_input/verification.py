"""Bad input found by issue 24's verification pass: raw Python errors and other wording where
TensorFlow has its own (empty concat, zero splits, queues without types, group of a number),
checkpoint and graph functions given a non-path, prefixes that are a directory or not a table
(TFRecord lengths claiming terabytes crash TensorFlow's recorder: see tests/lib_io/test_tf_record.py)."""

import json
import os
import tempfile

from tests.conformance.harness import case, raises_last_line


def _in_tmp(fn):
    """``raises_last_line(fn(directory))`` with the temporary directory's path written ``<tmp>``
    in every message."""
    directory = tempfile.mkdtemp()
    return json.loads(json.dumps(raises_last_line(fn, directory)).replace(directory, "<tmp>"))


@case
def concat_of_nothing(tf):
    return raises_last_line(lambda: tf.concat([], 0).name)


@case
def split_into_zero(tf):
    return [raises_last_line(lambda n=n: tf.split(tf.ones([2, 3]), n)[0].name) for n in (0, -2)]


@case
def placeholder_of_a_bad_dtype_name(tf):
    return raises_last_line(lambda: tf.placeholder("float99").name)


@case
def group_of_a_number(tf):
    return [raises_last_line(lambda: tf.group(5).name), raises_last_line(lambda: tf.group([tf.no_op(), 5]).name),
            raises_last_line(lambda: tf.group(tf.no_op(), nmae="x").name)]


@case
def queue_without_component_types(tf):
    return [raises_last_line(lambda: tf.FIFOQueue(10, []).name),
            raises_last_line(lambda: tf.RandomShuffleQueue(10, 2, []).name)]


@case
def checkpoint_functions_given_a_number(tf):
    v = tf.Variable(1.0)
    saver = tf.train.Saver()

    def save():
        with tf.Session() as sess:
            sess.run(v.initializer)
            saver.save(sess, 123)

    return [raises_last_line(save), raises_last_line(lambda: tf.train.NewCheckpointReader(None)),
            raises_last_line(lambda: tf.train.import_meta_graph(5)),
            raises_last_line(lambda: tf.train.checkpoint_exists(5))]


@case
def checkpoint_reader_key_of_a_number(tf):
    def fn(directory):
        v = tf.Variable(1.0, name="v")
        with tf.Session() as sess:
            sess.run(v.initializer)
            path = tf.train.Saver().save(sess, os.path.join(directory, "m"))
        reader = tf.train.NewCheckpointReader(path)
        return [raises_last_line(lambda: reader.get_tensor(5)), raises_last_line(lambda: reader.has_tensor(5)),
                raises_last_line(lambda: reader.get_tensor("nope"))]
    return _in_tmp(fn)


@case
def restore_from_a_directory(tf):
    tf.Variable(1.0)
    saver = tf.train.Saver()

    def fn(directory):
        with tf.Session() as sess:
            saver.restore(sess, directory)
    return _in_tmp(fn)


@case
def reader_of_a_directory_or_a_file_that_is_no_table(tf):
    def fn(directory):
        garbage, short = os.path.join(directory, "garbage"), os.path.join(directory, "short")
        with open(garbage, "wb") as f:
            f.write(b"hello world" * 10)
        with open(short, "wb") as f:
            f.write(b"hello")
        return [raises_last_line(lambda p=p: tf.train.NewCheckpointReader(p)) for p in (directory, garbage, short)]
    return _in_tmp(fn)
