"""``tf.io``: reading and writing TensorFlow's files.

Only re-exports; the code lives in ``scopeflow._src.graph_io`` (graph files),
``scopeflow._src.lib_io`` (TFRecord files), ``scopeflow._src.ops.parsing`` (decoding raw
bytes, CSV records and ``tf.train.Example``s), ``scopeflow._src.queues`` (whole files:
``read_file``, ``write_file``), ``scopeflow._src.ops.image`` (the image codecs) and
``scopeflow._src.data`` (``matching_files``), these four loaded on first use.
"""

__all__ = [
    "decode_base64", "decode_bmp", "decode_compressed", "decode_csv", "decode_gif", "decode_image", "decode_jpeg",
    "decode_png", "decode_raw", "encode_base64", "encode_jpeg", "encode_png", "FixedLenFeature",
    "FixedLenSequenceFeature", "gfile", "is_jpeg", "match_filenames_once", "matching_files", "PaddingFIFOQueue",
    "parse_example", "parse_sequence_example", "parse_single_example", "parse_single_sequence_example", "parse_tensor",
    "PriorityQueue", "QueueBase", "RandomShuffleQueue", "read_file", "serialize_tensor", "SparseFeature",
    "tf_record_iterator", "TFRecordCompressionType", "TFRecordOptions", "TFRecordWriter", "VarLenFeature", "write_file",
    "write_graph"]

import importlib

from scopeflow._src.graph_io.write_graph import write_graph
from scopeflow._src.lib_io.options import TFRecordCompressionType, TFRecordOptions
from scopeflow._src.lib_io.tf_record import TFRecordWriter, tf_record_iterator

_PARSING = ("decode_compressed", "parse_tensor", "serialize_tensor",
            "decode_base64", "decode_csv", "decode_raw", "encode_base64", "FixedLenFeature", "FixedLenSequenceFeature",
            "parse_example",
            "parse_sequence_example", "parse_single_example", "parse_single_sequence_example", "SparseFeature",
            "VarLenFeature")

_QUEUES = ("PaddingFIFOQueue", "PriorityQueue", "QueueBase", "RandomShuffleQueue", "read_file", "write_file")

_CODECS = ("decode_bmp", "decode_gif", "decode_image", "decode_jpeg", "decode_png", "encode_jpeg", "encode_png",
           "is_jpeg")


def __getattr__(name):
    """The parsing functions and feature configurations, the queues, the file ops and the image
    codecs, whose ops load on first use."""
    if name in _PARSING:
        from scopeflow._src.ops.parsing import api  # loaded on first use: the parsing ops

        globals()[name] = getattr(api, name)
        return globals()[name]
    if name in _QUEUES:
        from scopeflow._src.queues import api as queues  # loaded on first use: the queue ops

        globals()[name] = getattr(queues, name)
        return globals()[name]
    if name in _CODECS:
        from scopeflow._src.ops.image import api as image  # loaded on first use: the image ops

        globals()[name] = getattr(image, name)
        return globals()[name]
    if name == "matching_files":
        from scopeflow._src.data.readers import matching_files  # loaded on first use: tf.data's MatchingFiles

        globals()[name] = matching_files
        return matching_files
    if name == "match_filenames_once":
        from scopeflow._src.training.input import match_filenames_once  # loaded on first use

        globals()[name] = match_filenames_once
        return match_filenames_once
    if name == "gfile":
        # loaded on first use: tf.io.gfile (TF2's spellings of tf.gfile)
        globals()[name] = importlib.import_module("scopeflow.io_gfile")
        return globals()[name]
    raise AttributeError(f"module 'scopeflow.io' has no attribute {name!r}")


def __dir__():
    return sorted(__all__)
