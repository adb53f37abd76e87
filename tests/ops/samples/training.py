"""Checkpoint ops: they read and write files, so they are tested through sessions; the
sharded file names are plain strings."""

import numpy as np

from tests.ops.samples import exempt, sample

exempt("SaveV2", "writes files; tests/training/test_saver.py and tests/conformance/cases/saver.py")
exempt("RestoreV2", "reads files; tests/training/test_saver.py, test_init_from_checkpoint.py and "
                    "tests/conformance/cases/saver.py")
exempt("MergeV2Checkpoints", "merges checkpoint files; tests/checkpoint/test_sharded_saver.py and "
                             "tests/conformance/cases/saver_sharded")


@sample("ShardedFilename", [np.array(b"dir/model_temp/part", dtype=object), np.int32(2), np.int32(12)],
        lambda b, i, n: np.array(b"%s-%05d-of-%05d" % (b.item(), i, n), dtype=object), grad=False)
def _(tf, basename, shard, num_shards):
    from scopeflow._src.checkpoint import io_ops
    return io_ops.sharded_filename(basename, shard, num_shards)


@sample("ShardedFilespec", [np.array(b"dir/model", dtype=object), np.int32(3)],
        lambda b, n: np.array(b"%s-?????-of-%05d" % (b.item(), n), dtype=object), grad=False)
def _(tf, basename, num_shards):
    from scopeflow._src.checkpoint import io_ops
    return io_ops.sharded_filespec(basename, num_shards)
