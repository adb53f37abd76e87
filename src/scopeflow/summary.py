"""``tf.summary`` (TF1): summary ops, ``FileWriter`` and the event protocol buffers.

Only re-exports; the ops live in ``scopeflow._src.ops.summary`` and the writers in
``scopeflow._src.summary``. Loaded on first use (``tf.summary``), as protobuf is.
"""

__all__ = ["all_v2_summary_ops", "audio", "Event", "FileWriter", "FileWriterCache", "get_summary_description",
           "histogram", "image", "merge", "merge_all", "scalar", "SessionLog", "Summary", "SummaryDescription",
           "TaggedRunMetadata", "tensor_summary", "text"]

from scopeflow._src.ops.summary.api import (
    all_v2_summary_ops,
    audio,
    get_summary_description,
    histogram,
    image,
    merge,
    merge_all,
    scalar,
    tensor_summary,
    text,
)
from scopeflow._src.protos import Event, SessionLog, Summary, SummaryDescription, TaggedRunMetadata
from scopeflow._src.summary.file_writer import FileWriter
from scopeflow._src.summary.writer_cache import FileWriterCache
