"""Conformance cases of the queue-based input pipeline: queues, readers, producers, batching,
queue runners and the coordinator."""
