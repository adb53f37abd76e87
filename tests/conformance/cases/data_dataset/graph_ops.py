"""The ops each kind of dataset adds to the graph (``[name, type]``), up to its iterator."""

import numpy as np

from tests.conformance.cases.data_dataset._helpers import graph_ops
from tests.conformance.harness import case


def _ops(tf, ds):
    tf.data.make_one_shot_iterator(ds).get_next()
    return graph_ops(tf)


@case
def ops_of_sources(tf):
    out = {}
    for name, make in [("tensors", lambda: tf.data.Dataset.from_tensors(([1, 2], 3.0))),
                       ("slices_dict", lambda: tf.data.Dataset.from_tensor_slices({"a": [1], "b": [[2.0]]})),
                       ("slices_numpy", lambda: tf.data.Dataset.from_tensor_slices(np.zeros((2, 2)))),
                       ("range3", lambda: tf.data.Dataset.range(1, 8, 2)),
                       ("zip", lambda: tf.data.Dataset.zip((tf.data.Dataset.range(2), tf.data.Dataset.range(3)))),
                       ("concatenate", lambda: tf.data.Dataset.range(2).concatenate(tf.data.Dataset.range(3)))]:
        with tf.Graph().as_default():
            out[name] = _ops(tf, make())
    return out


@case
def ops_of_file_datasets(tf):
    out = {}
    for name, make in [("text", lambda: tf.data.TextLineDataset(["a.txt", "b.txt"])),
                       ("text_gzip", lambda: tf.data.TextLineDataset("a.gz", compression_type="GZIP")),
                       ("tfrecord", lambda: tf.data.TFRecordDataset("r.tfrecord")),
                       ("tfrecord_options", lambda: tf.data.TFRecordDataset(["r1", "r2"], "ZLIB", buffer_size=100)),
                       ("fixed", lambda: tf.data.FixedLengthRecordDataset("f.bin", 4, header_bytes=1))]:
        with tf.Graph().as_default():
            tf.data.make_initializable_iterator(make()).get_next()
            out[name] = graph_ops(tf)
    return out


@case
def ops_of_transformations(tf):
    base = lambda: tf.data.Dataset.range(6)  # noqa: E731 - each graph builds its own
    out = {}
    for name, make in [("filter", lambda: base().filter(lambda x: x > 2)),
                       ("flat_map", lambda: base().flat_map(lambda x: tf.data.Dataset.from_tensors(x))),
                       ("interleave", lambda: base().interleave(lambda x: tf.data.Dataset.range(x), cycle_length=2)),
                       ("padded_batch", lambda: base().map(lambda x: tf.range(x)).padded_batch(2)),
                       ("unbatch", lambda: base().batch(2).unbatch()),
                       ("cache", lambda: base().cache()),
                       ("enumerate", lambda: base().enumerate()),
                       ("batch_drop", lambda: base().batch(4, drop_remainder=True))]:
        with tf.Graph().as_default():
            out[name] = _ops(tf, make())
    return out
