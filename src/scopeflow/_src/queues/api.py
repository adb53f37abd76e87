"""The queues and readers, loaded on first use (``import scopeflow`` does not load them):
importing this module registers their op types and gives the public classes. As in
TensorFlow, none of these op types has a gradient rule (``tf.gradients`` through one raises
``LookupError``).
"""

from scopeflow._src.queues.accumulators import (
    ConditionalAccumulator,
    ConditionalAccumulatorBase,
    SparseConditionalAccumulator,
)
from scopeflow._src.queues.file_ops import read_file, write_file
from scopeflow._src.queues.queue_base import FIFOQueue, PaddingFIFOQueue, PriorityQueue, QueueBase, RandomShuffleQueue
from scopeflow._src.queues.readers import (
    FixedLengthRecordReader,
    IdentityReader,
    ReaderBase,
    TextLineReader,
    TFRecordReader,
    WholeFileReader,
)

__all__ = ["ConditionalAccumulator", "ConditionalAccumulatorBase", "FIFOQueue", "FixedLengthRecordReader",
           "IdentityReader", "PaddingFIFOQueue", "PriorityQueue", "QueueBase",
           "RandomShuffleQueue", "read_file", "ReaderBase", "SparseConditionalAccumulator", "TextLineReader",
           "TFRecordReader", "WholeFileReader", "write_file"]
