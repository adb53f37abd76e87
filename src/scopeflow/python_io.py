"""``tf.python_io``: TFRecord files (TF1's older name for them in ``tf.io``).

Only re-exports; the code lives in ``scopeflow._src.lib_io``.
"""

__all__ = ["tf_record_iterator", "TFRecordCompressionType", "TFRecordOptions", "TFRecordWriter"]

from scopeflow._src.lib_io.options import TFRecordCompressionType, TFRecordOptions
from scopeflow._src.lib_io.tf_record import TFRecordWriter, tf_record_iterator
