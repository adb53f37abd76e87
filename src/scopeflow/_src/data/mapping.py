"""Datasets that run a traced function per element: ``map`` (``MapDataset``,
``ParallelMapDatasetV2``), ``filter`` (``FilterDataset``), ``flat_map`` (``FlatMapDataset``),
``interleave`` (``InterleaveDataset``) and ``map_and_batch`` (``MapAndBatchDataset``).

The function (``functions.DataFunction``) is compiled into a ``Plan`` once per session when
the dataset op's kernel is made; its captured tensors arrive as the op's ``other_arguments``.
A map whose function is elementwise maps a whole batch in one call of the plan when a
``batch`` asks for one; a parallel map keeps ``num_parallel_calls`` elements in flight on a
thread pool and hands them out in input order (deterministic).
"""

from __future__ import annotations

import collections
import os
import re
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from scopeflow._src.data import functions, runtime
from scopeflow._src.data.batching import BatchValue
from scopeflow._src.data.graph_build import ARGUMENTS, arguments_arg, register_dataset_op
from scopeflow._src.framework import errors
from scopeflow._src.ops.common import blas

_NODE_TEXT = re.compile(r"Node: '[^']*'\n(.*)\n\t \[\[", re.DOTALL)


class Runner:
    """A compiled function with its captured values: ``runner(components)`` -> outputs. An
    error in the function names the dataset as TensorFlow does ("Error in user-defined
    function passed to MapDataset:...")."""

    __slots__ = ("plan", "captured", "where")

    def __init__(self, plan, captured, where):
        self.plan, self.captured, self.where = plan, tuple(captured), where

    def many(self, items) -> list:
        """The function of each of ``items``, under one ``errstate`` (TF's error on failure)."""
        fn, captured = self.plan.function, self.captured
        try:
            with np.errstate(all="ignore"):  # TensorFlow computes inf/nan silently
                return [fn(*item, *captured) for item in items]
        except Exception:  # noqa: BLE001 - run again through the plan, which words TF's error
            return [self(item) for item in items]
        finally:
            blas.restore_threads()  # the caller's BLAS thread counts, if a product kernel changed them

    def __call__(self, item):
        try:
            return self.plan(*item, *self.captured)
        except errors.OpError as e:
            found = _NODE_TEXT.search(e.message)
            raw = found.group(1) if found else e.message
            raise type(e)(None, None, f"Error in user-defined function passed to {self.where}:0 transformation "
                                      f"with iterator: Iterator::Root: {raw}") from None


class MapValue(runtime.DatasetValue):
    def __init__(self, inner, runner, elementwise, parallel=0):
        self.inner, self.runner, self.elementwise, self.parallel = inner, runner, elementwise, parallel

    def make(self):
        if self.parallel > 1 and not self.elementwise:
            return ParallelMapIterator(self.inner.make(), self.runner, self.parallel)
        return MapIterator(self.inner.make(), self.runner, self.elementwise)


class MapIterator(runtime.ElementIterator):
    def __init__(self, inner, runner, elementwise):
        self.inner, self.runner, self.elementwise = inner, runner, elementwise

    def next(self):
        item = self.inner.next()
        return None if item is None else self.runner(item)

    def next_batch(self, n):
        got = self.inner.next_batch(n)
        if got is None:
            return None
        components, count = got
        if self.elementwise:
            return self.runner(components), count
        return runtime.stack(self.runner.many(runtime.unstack(components, count))), count

    def close(self):
        self.inner.close()


class ParallelMapIterator(runtime.ElementIterator):
    """Up to ``parallel`` elements mapped at once on a thread pool; results in input order."""

    def __init__(self, inner, runner, parallel):
        self.inner, self.runner, self.parallel = inner, runner, parallel
        self.pool = ThreadPoolExecutor(parallel, thread_name_prefix="scopeflow-map")
        self.pending = collections.deque()
        self.input_done = False

    def next(self):
        pending = self.pending
        while not self.input_done and len(pending) < self.parallel:
            item = self.inner.next()
            if item is None:
                self.input_done = True
                break
            pending.append(self.pool.submit(self.runner, item))
        if not pending:
            return None
        return pending.popleft().result()

    def close(self):
        for future in self.pending:
            future.cancel()
        self.pool.shutdown(wait=True)
        self.inner.close()


class FilterValue(runtime.DatasetValue):
    def __init__(self, inner, runner):
        self.inner, self.runner = inner, runner

    def make(self):
        return FilterIterator(self.inner.make(), self.runner)


class FilterIterator(runtime.ElementIterator):
    def __init__(self, inner, runner):
        self.inner, self.runner = inner, runner

    def next(self):
        while True:
            item = self.inner.next()
            if item is None or self.runner(item)[0]:
                return item

    def close(self):
        self.inner.close()


class InterleaveValue(runtime.DatasetValue):
    """``flat_map`` is an interleave of cycle 1 and block 1."""

    def __init__(self, inner, runner, cycle_length=1, block_length=1):
        self.inner, self.runner = inner, runner
        if cycle_length == 0 or cycle_length < -1:
            raise errors.InvalidArgumentError(None, None, "cycle_length must be greater than zero.")
        if block_length <= 0:
            raise errors.InvalidArgumentError(None, None, "block_length must be greater than zero.")
        self.cycle_length = cycle_length if cycle_length > 0 else (os.cpu_count() or 1)
        self.block_length = block_length

    def make(self):
        return InterleaveIterator(self)


class InterleaveIterator(runtime.ElementIterator):
    """TensorFlow's ``InterleaveDataset`` order: ``block_length`` elements from each of up to
    ``cycle_length`` open datasets in turn; an exhausted one is replaced by the next input's."""

    def __init__(self, value):
        self.value, self.inner = value, value.inner.make()
        self.current = [None] * value.cycle_length
        self.cycle = self.block = self.open = 0
        self.input_done = False

    def next(self):
        current, cycle_length = self.current, self.value.cycle_length
        while not self.input_done or self.open > 0:
            it = current[self.cycle]
            if it is not None:
                item = it.next()
                if item is not None:
                    self.block += 1
                    if self.block == self.value.block_length:
                        self.block, self.cycle = 0, (self.cycle + 1) % cycle_length
                    return item
                it.close()
                current[self.cycle] = None
                self.open -= 1
                self.block, self.cycle = 0, (self.cycle + 1) % cycle_length
            elif not self.input_done:
                element = self.inner.next()
                if element is None:
                    self.input_done = True
                else:
                    current[self.cycle] = self.value.runner(element)[0].make()
                    self.open += 1
            else:
                self.block, self.cycle = 0, (self.cycle + 1) % cycle_length
        return None

    def close(self):
        for it in self.current:
            if it is not None:
                it.close()
        self.inner.close()


def _runner_factory(build):
    """A kernel factory: compile the op's function for the session, then ``build(op, inner,
    runner, rest)`` makes the value from the input dataset, the runner and the other inputs."""
    def factory(op, state):
        func = functions.traced(op, "f" if "f" in op._attrs else "predicate")
        plan = func.compile(state)
        n = op._attrs[ARGUMENTS]
        elementwise = func.elementwise

        def kernel(inner, *rest):
            runner = Runner(plan, rest[:n], op._type)
            return build(op, inner, runner, rest[n:], elementwise)
        return kernel
    return factory


def _map(op, inner, runner, rest, elementwise):
    parallel = runtime.scalar(rest[0]) if rest else 0
    if parallel < 0:
        parallel = os.cpu_count() or 1
    return MapValue(inner, runner, elementwise, parallel)


def _map_and_batch(op, inner, runner, rest, elementwise):
    size, _parallel, drop = rest
    return BatchValue(MapValue(inner, runner, elementwise), runtime.scalar(size), bool(np.asarray(drop)))


def _parallel_interleave(op, inner, runner, rest, elementwise):
    cycle, block, _, _, parallel = (runtime.scalar(v) for v in rest)
    if cycle > 0 and not (parallel == -1 or 0 < parallel <= cycle):
        raise errors.InvalidArgumentError(
            None, None, f"If `cycle_length` is set to a fixed value, `num_parallel_calls` must be either "
                        f"`tf.data.AUTOTUNE` or a value less than or equal to `cycle_length`. However, "
                        f"`num_parallel_calls` is {parallel} and `cycle_length` is {cycle}")
    return InterleaveValue(inner, runner, cycle, block)


def _interleave(op, inner, runner, rest, elementwise):
    cycle, block = (runtime.scalar(v) for v in rest[:2]) if rest else (1, 1)
    return InterleaveValue(inner, runner, cycle, block)


_FN = {"use_inter_op_parallelism": True, "preserve_cardinality": False}
_IN = ["input_dataset: variant", arguments_arg()]
register_dataset_op("MapDataset", _IN, _runner_factory(_map), {**_FN, "force_synchronous": False})
register_dataset_op("ParallelMapDatasetV2", _IN + ["num_parallel_calls: int64"], _runner_factory(_map),
                    {**_FN, "deterministic": "default", "use_unbounded_threadpool": False})
register_dataset_op("MapAndBatchDataset", _IN + ["batch_size: int64", "num_parallel_calls: int64",
                                                 "drop_remainder: bool"],
                    _runner_factory(_map_and_batch), {"preserve_cardinality": False})
register_dataset_op("FilterDataset", _IN, _runner_factory(lambda op, inner, runner, rest, _: FilterValue(inner,
                                                                                                       runner)))
register_dataset_op("FlatMapDataset", _IN, _runner_factory(_interleave))
register_dataset_op("InterleaveDataset", _IN + ["cycle_length: int64", "block_length: int64"],
                    _runner_factory(_interleave))
register_dataset_op("ParallelInterleaveDatasetV4",
                    _IN + ["cycle_length: int64", "block_length: int64", "buffer_output_elements: int64",
                           "prefetch_input_elements: int64", "num_parallel_calls: int64"],
                    _runner_factory(_parallel_interleave), {"deterministic": "default"})
register_dataset_op("LegacyParallelInterleaveDatasetV2",
                    _IN + ["cycle_length: int64", "block_length: int64", "buffer_output_elements: int64",
                           "prefetch_input_elements: int64"], _runner_factory(_interleave),
                    {"deterministic": "default"})
