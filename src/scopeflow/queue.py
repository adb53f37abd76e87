"""``tf.queue``: the queues of TensorFlow's queue-based input pipeline.

Only re-exports; the code lives in ``scopeflow._src.queues``. Loaded on first use
(``tf.queue``), with the queue ops.
"""

__all__ = ["FIFOQueue", "PaddingFIFOQueue", "PriorityQueue", "QueueBase", "RandomShuffleQueue"]

from scopeflow._src.queues.api import FIFOQueue, PaddingFIFOQueue, PriorityQueue, QueueBase, RandomShuffleQueue
