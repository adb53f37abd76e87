"""TFRecord files of ``tf.train.Example``s and ``SequenceExample``s written by TensorFlow
(``tests/fixtures/tf_records/make_example_fixtures.py``) parse here as TensorFlow parsed
them (``parsed.json``): ``tf_record_iterator`` (plain and GZIP) then ``parse_example`` on the
whole file as a batch, or ``parse_single_sequence_example`` record by record."""

import importlib.util
import json
import pathlib

import pytest

import scopeflow as tf

FIXTURES = pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "tf_records"
PARSED = json.loads((FIXTURES / "parsed.json").read_text())


def _script():
    spec = importlib.util.spec_from_file_location("make_example_fixtures", FIXTURES / "make_example_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCRIPT = _script()


def _configs(specs):
    return {k: SCRIPT.feature_config(tf, v) for k, v in specs.items()}


@pytest.mark.parametrize("feed", [False, True])
def test_examples_tensorflow_wrote_parse_as_tensorflow_parsed_them(feed):
    records = list(tf.io.tf_record_iterator(str(FIXTURES / "parse_examples.tfrecord")))
    with tf.Graph().as_default():
        serialized = tf.placeholder(tf.string, [None]) if feed else records
        parsed = tf.io.parse_example(serialized, _configs(SCRIPT.FEATURES))
        got = tf.Session().run(parsed, {serialized: records} if feed else None)
    assert SCRIPT.plain(got) == PARSED["parse_examples.tfrecord"]


def test_each_example_alone_parses_as_its_row_of_the_batch():
    want = PARSED["parse_examples.tfrecord"]
    fixed = {k: v for k, v in SCRIPT.FEATURES.items() if v[0] == "fixed"}
    with tf.Graph().as_default(), tf.Session() as sess:
        record = tf.placeholder(tf.string, [])
        parsed = tf.io.parse_single_example(record, _configs(fixed))
        for i, r in enumerate(tf.io.tf_record_iterator(str(FIXTURES / "parse_examples.tfrecord"))):
            got = SCRIPT.plain(sess.run(parsed, {record: r}))
            assert got == {k: want[k][i] for k in fixed}


def test_gzip_sequence_examples_tensorflow_wrote_parse_as_tensorflow_parsed_them():
    context, sequence = _configs(SCRIPT.CONTEXT), _configs(SCRIPT.SEQUENCE)
    got = []
    with tf.Graph().as_default(), tf.Session() as sess:
        record = tf.placeholder(tf.string, [])
        parsed = tf.io.parse_single_sequence_example(record, context, sequence)
        for r in tf.io.tf_record_iterator(str(FIXTURES / "parse_sequences.gzip.tfrecord"), "GZIP"):
            got.append([SCRIPT.plain(part) for part in sess.run(parsed, {record: r})])
    assert got == PARSED["parse_sequences.gzip.tfrecord"]
