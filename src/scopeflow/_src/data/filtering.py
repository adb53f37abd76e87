"""Datasets that drop elements: ``shard`` (``ShardDataset``: every ``num_shards``-th element
from ``index``) and ``tf.data.experimental.ignore_errors`` (``IgnoreErrorsDataset``: elements
whose computation failed are skipped)."""

from __future__ import annotations

from scopeflow._src.data import runtime
from scopeflow._src.data.graph_build import add_dataset_op, int64_input, register_dataset_op
from scopeflow._src.framework import errors


class ShardValue(runtime.DatasetValue):
    def __init__(self, inner, num_shards, index):
        if num_shards <= 0:
            raise errors.InvalidArgumentError(
                None, None, f"Number of shards must be greater than zero (currently num_shards = {num_shards}).")
        if not 0 <= index < num_shards:
            raise errors.InvalidArgumentError(
                None, None, f"Index must be between 0 and {num_shards - 1} (currently index = {index}).")
        self.inner, self.num_shards, self.index = inner, num_shards, index

    def make(self):
        return ShardIterator(self.inner.make(), self.num_shards, self.index)


class ShardIterator(runtime.ElementIterator):
    def __init__(self, inner, num_shards, index):
        self.inner, self.num_shards, self.index = inner, num_shards, index
        self.started = False

    def next(self):
        skip = self.index if not self.started else self.num_shards - 1
        self.started = True
        for _ in range(skip):
            if self.inner.next() is None:
                return None
        return self.inner.next()

    def close(self):
        self.inner.close()


class IgnoreErrorsValue(runtime.DatasetValue):
    def __init__(self, inner):
        self.inner = inner

    def make(self):
        return IgnoreErrorsIterator(self.inner.make())


class IgnoreErrorsIterator(runtime.ElementIterator):
    def __init__(self, inner):
        self.inner = inner

    def next(self):
        while True:
            try:
                return self.inner.next()
            except errors.OpError:
                continue

    def close(self):
        self.inner.close()


def _shard_factory(op, state):
    return lambda inner, num_shards, index: ShardValue(inner, runtime.scalar(num_shards), runtime.scalar(index))


register_dataset_op("ShardDataset", ["input_dataset: variant", "num_shards: int64", "index: int64"], _shard_factory,
                    {"require_non_empty": False})
register_dataset_op("IgnoreErrorsDataset", ["input_dataset: variant"], lambda op, state: IgnoreErrorsValue,
                    {"log_warning": False}, metadata=False)


def shard(dataset, num_shards, index, name=None):
    inputs = [dataset._variant_tensor, int64_input(num_shards, "num_shards"), int64_input(index, "index")]
    return add_dataset_op("ShardDataset", inputs, {**dataset._structure.attrs(), "require_non_empty": False}, name)


def ignore_errors(dataset, log_warning=False):
    return add_dataset_op("IgnoreErrorsDataset", [dataset._variant_tensor],
                          {**dataset._structure.attrs(), "log_warning": bool(log_warning)})
