"""TensorFlow (a subprocess of the reference install, ``SCOPEFLOW_TF_PYTHON`` or ~/tfref; the
test skips without one) reads the TFRecord files scopeflow writes, plain, ZLIB, GZIP and with
zlib settings of TFRecordOptions, record for record, and parses their ``tf.train.Example``s.
The other direction runs everywhere: ``test_tf_record.py`` on TensorFlow's fixtures."""

import json
import os
import subprocess

import pytest

import scopeflow as tf

TF_PYTHON = os.environ.get("SCOPEFLOW_TF_PYTHON", os.path.expanduser("~/tfref/bin/python"))
pytestmark = pytest.mark.skipif(not os.path.exists(TF_PYTHON), reason="reference TensorFlow not installed")

TF_SCRIPT = r"""
import json, os, sys
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
import tensorflow.compat.v1 as tf
out = {}
for name, kind in json.loads(sys.argv[1]).items():
    records = list(tf.io.tf_record_iterator(name, kind))
    ids = [list(tf.train.Example.FromString(r).features.feature["id"].int64_list.value) for r in records]
    out[os.path.basename(name)] = {"records": [r.hex() for r in records], "ids": ids}
print(json.dumps(out))
"""

SETTINGS = {
    "plain": tf.io.TFRecordOptions(""),
    "zlib": tf.io.TFRecordOptions("ZLIB"),
    "gzip": tf.io.TFRecordOptions(tf.io.TFRecordCompressionType.GZIP),
    "zlib_fast": tf.io.TFRecordOptions("ZLIB", compression_level=1, mem_level=4, flush_mode=2),
    "gzip_best": tf.io.TFRecordOptions("GZIP", compression_level=9, compression_strategy=1),
}


def _records():
    out = []
    for i in range(20):
        feature = {"id": tf.train.Feature(int64_list=tf.train.Int64List(value=[i, i * i])),
                   "blob": tf.train.Feature(bytes_list=tf.train.BytesList(value=[bytes([i]) * (i * 5000)]))}
        out.append(tf.train.Example(features=tf.train.Features(feature=feature)).SerializeToString())
    return out


def test_tensorflow_reads_the_records_scopeflow_writes(tmp_path):
    files = {}
    for name, options in SETTINGS.items():
        path = str(tmp_path / name)
        with tf.io.TFRecordWriter(path, options) as writer:
            for i, record in enumerate(_records()):
                writer.write(record)
                if i == 7:
                    writer.flush()
        files[path] = tf.io.TFRecordOptions.get_compression_type_string(options)
    result = subprocess.run([TF_PYTHON, "-c", TF_SCRIPT, json.dumps(files)], capture_output=True, text=True,
                            timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    read = json.loads(result.stdout.strip().splitlines()[-1])
    for name in SETTINGS:
        assert read[name]["records"] == [r.hex() for r in _records()], name
        assert read[name]["ids"] == [[i, i * i] for i in range(20)], name
