"""Timing helpers shared by the benchmarks: medians of repeated, warmed-up measurements."""

from __future__ import annotations

import statistics
import time


def per_call(fn, calls: int, repeat: int) -> float:
    """Median seconds per call of ``fn`` over ``repeat`` batches of ``calls`` calls."""
    fn()  # warm-up: compiled plans and first-call caches are not what we measure
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        times.append((time.perf_counter() - start) / calls)
    return statistics.median(times)


def once(fn) -> float:
    """Seconds taken by one call of ``fn``."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start
