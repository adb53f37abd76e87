"""``tf.io``: reading and writing TensorFlow's files.

Only re-exports; the code lives in ``scopeflow._src.graph_io`` (graph files) and
``scopeflow._src.lib_io`` (TFRecord files).
"""

__all__ = ["tf_record_iterator", "TFRecordCompressionType", "TFRecordOptions", "TFRecordWriter", "write_graph"]

from scopeflow._src.graph_io.write_graph import write_graph
from scopeflow._src.lib_io.options import TFRecordCompressionType, TFRecordOptions
from scopeflow._src.lib_io.tf_record import TFRecordWriter, tf_record_iterator
