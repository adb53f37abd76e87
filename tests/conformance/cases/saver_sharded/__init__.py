"""Conformance cases for ``tf.train.Saver(sharded=True)``: the graph under ``save/`` (one
shard per device, ``ShardedFilename``, ``MergeV2Checkpoints``, ``restore_shard``), the
``SaverDef``, the files a save leaves (temporary shards merged, their directory removed),
values after restore, meta graphs holding a sharded saver, the log lines of save and
restore, and errors."""
