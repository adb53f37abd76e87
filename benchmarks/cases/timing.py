"""Timing helpers shared by the benchmarks: medians of repeated, warmed-up measurements."""

from __future__ import annotations

import statistics
import time

import numpy as np


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


def rnn_rows(tf, build, steps, input_shape, calls, repeat, quick):
    """``build_ms`` (the best of three builds of ``build(tf, steps)``, after a warm-up),
    ``forward_ms`` and ``forward_backward_ms`` of an RNN benchmark whose ``build`` returns
    ``(inputs, loss, gradients)``; the inputs are fed uniform values of ``input_shape``."""
    with tf.Graph().as_default():
        build(tf, 5)  # warm-up, as in the ``build`` benchmark: first-call costs are not what we measure
    builds = []
    for _ in range(1 if quick else 3):  # each in a fresh graph
        graph = tf.Graph()
        box = {}
        with graph.as_default():
            builds.append(once(lambda box=box: box.update(zip(("inputs", "loss", "grads"), build(tf, steps)))))
            init = tf.global_variables_initializer()
    feed = {box["inputs"]: np.random.default_rng(0).random(input_shape, dtype=np.float32)}
    with tf.Session(graph=graph) as sess:
        sess.run(init)
        return {"build_ms": min(builds) * 1e3,
                "forward_ms": per_call(lambda: sess.run(box["loss"], feed), calls, repeat) * 1e3,
                "forward_backward_ms": per_call(lambda: sess.run(box["grads"], feed), calls, repeat) * 1e3}
