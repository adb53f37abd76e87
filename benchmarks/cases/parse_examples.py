"""``parse_examples``: 100,000 MNIST-like ``tf.train.Example`` records (a 784-byte image as a
bytes feature and an int64 label, as MNIST TFRecord files hold them) read from a TFRecord
file with ``tf_record_iterator`` and parsed in batches of 1,000 by ``tf.parse_example`` in a
session, as a TF1 input loop without ``tf.data`` does. The file is written before the clock
starts; the parsed labels and image sizes are checked."""

import os
import shutil
import tempfile
import time

import numpy as np

NAME = "parse_examples"
IMPLS = ("scopeflow", "tensorflow")
METRICS = {"read_parse_100k_s": "s", "us_per_record": "us"}
TARGETS = {"read_parse_100k_s": 0.8}
BATCH = 1_000


def _write(tf, path, count):
    rng = np.random.RandomState(0)
    with tf.io.TFRecordWriter(path) as writer:
        for i in range(count):
            feature = {"image_raw": tf.train.Feature(bytes_list=tf.train.BytesList(value=[rng.bytes(784)])),
                       "label": tf.train.Feature(int64_list=tf.train.Int64List(value=[i % 10]))}
            writer.write(tf.train.Example(features=tf.train.Features(feature=feature)).SerializeToString())


def measure(tf, impl, quick):
    count = 5_000 if quick else 100_000
    folder = tempfile.mkdtemp(prefix="sf_bench_parse_")
    try:
        path = os.path.join(folder, "mnist.tfrecord")
        _write(tf, path, count)
        with tf.Graph().as_default():
            serialized = tf.placeholder(tf.string, [None])
            parsed = tf.parse_example(serialized, {"image_raw": tf.FixedLenFeature([], tf.string),
                                                   "label": tf.FixedLenFeature([], tf.int64)})
            with tf.Session() as sess:
                start = time.perf_counter()
                labels, pixels, batch = 0, 0, []
                for record in tf.io.tf_record_iterator(path):
                    batch.append(record)
                    if len(batch) == BATCH:
                        out = sess.run(parsed, {serialized: batch})
                        labels += int(out["label"].sum())
                        pixels += sum(map(len, out["image_raw"]))
                        batch = []
                elapsed = time.perf_counter() - start
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if labels != 45 * (count // 10) or pixels != 784 * count:
        raise AssertionError(f"{impl} parsed labels summing to {labels} and {pixels} image bytes")
    return {"read_parse_100k_s": elapsed * 100_000 / count, "us_per_record": elapsed / count * 1e6}
