"""TensorFlow (a subprocess of the reference install, ``SCOPEFLOW_TF_PYTHON`` or ~/tfref; the
test skips without one) parses the ``tf.train.Example``s and ``SequenceExample``s serialized
and written here as scopeflow parses them. The other direction runs everywhere:
``test_example_fixtures.py`` on TensorFlow's files."""

import json
import os
import pathlib
import subprocess

import pytest

import scopeflow as tf
from tests.conformance.cases.parse_example._helpers import feature
from tests.lib_io.test_example_fixtures import SCRIPT, _configs

TF_PYTHON = os.environ.get("SCOPEFLOW_TF_PYTHON", os.path.expanduser("~/tfref/bin/python"))
pytestmark = pytest.mark.skipif(not os.path.exists(TF_PYTHON), reason="reference TensorFlow not installed")
FIXTURES = pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "tf_records"

TF_SCRIPT = r"""
import importlib.util, json, os, sys
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()
spec = importlib.util.spec_from_file_location("fixtures", sys.argv[1])
script = importlib.util.module_from_spec(spec)
spec.loader.exec_module(script)
configs = lambda specs: {k: script.feature_config(tf, v) for k, v in specs.items()}
examples, sequences = sys.argv[2], sys.argv[3]
with tf.Session() as sess:
    batch = sess.run(tf.io.parse_example(list(tf.io.tf_record_iterator(examples)), configs(script.FEATURES)))
    singles = [sess.run(tf.io.parse_single_sequence_example(r, configs(script.CONTEXT), configs(script.SEQUENCE)))
               for r in tf.io.tf_record_iterator(sequences, "GZIP")]
print(json.dumps([script.plain(batch), [[script.plain(c), script.plain(s)] for c, s in singles]]))
"""


def _feature(values):
    return feature(tf, values)


def _examples():
    out = []
    for i in range(40):
        feature = {"id": [-(i ** 3)], "scores": [i / 8.0] * (i % 5), "name": [bytes(range(i % 7, 10))],
                   "vec": [1.0 * i, 2.0 * i] * (i % 4), "pair": [i, -i] if i % 3 else []}
        feature = {k: _feature(v) for k, v in feature.items() if v}
        out.append(tf.train.Example(features=tf.train.Features(feature=feature)).SerializeToString())
    return out


def _sequences():
    out = []
    for i in range(5):
        lists = {"tokens": [_feature([t * i]) for t in range(i)], "frames": [_feature([0.25] * t) for t in range(1, 3)],
                 "words": [_feature([b"\x00w" * t]) for t in range(1, i + 1)]}
        out.append(tf.train.SequenceExample(
            context=tf.train.Features(feature={"length": _feature([i]), "tags": _feature([b"a", b"b"][:i] or [b"-"])}),
            feature_lists=tf.train.FeatureLists(feature_list={k: tf.train.FeatureList(feature=v)
                                                             for k, v in lists.items()})).SerializeToString())
    return out


def test_tensorflow_parses_the_examples_scopeflow_writes_as_scopeflow_does(tmp_path):
    examples, sequences = str(tmp_path / "examples.tfrecord"), str(tmp_path / "sequences.tfrecord")
    for path, records, options in ((examples, _examples(), None), (sequences, _sequences(), "GZIP")):
        with tf.io.TFRecordWriter(path, options) as writer:
            for record in records:
                writer.write(record)
    with tf.Graph().as_default(), tf.Session() as sess:
        batch = SCRIPT.plain(sess.run(tf.io.parse_example(list(tf.io.tf_record_iterator(examples)),
                                                          _configs(SCRIPT.FEATURES))))
        parsed = tf.io.parse_single_sequence_example(tf.placeholder(tf.string, []), _configs(SCRIPT.CONTEXT),
                                                     _configs(SCRIPT.SEQUENCE))
        record = sess.graph.get_tensor_by_name("Placeholder:0")
        singles = [[SCRIPT.plain(p) for p in sess.run(parsed, {record: r})]
                   for r in tf.io.tf_record_iterator(sequences, "GZIP")]
    result = subprocess.run([TF_PYTHON, "-c", TF_SCRIPT, str(FIXTURES / "make_example_fixtures.py"), examples,
                             sequences], capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [batch, singles]
