"""Timing helpers shared by the benchmarks: medians of repeated, warmed-up measurements."""

from __future__ import annotations

import statistics
import time

import numpy as np


def per_call(fn, calls: int, repeat: int) -> float:
    """Median seconds per call of ``fn`` over ``repeat`` batches of ``calls`` calls."""
    return first_and_per_call(fn, calls, repeat)[1]


def first_and_per_call(fn, calls: int, repeat: int) -> tuple:
    """``(seconds of the first call, per_call(...))``: the first call builds the plan (NumPy),
    optimizes the graph (TensorFlow) or traces and compiles it (XLA); the median leaves it out."""
    first = once(fn)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        times.append((time.perf_counter() - start) / calls)
    return first, statistics.median(times)


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
        forward = per_call(lambda: sess.run(box["loss"], feed), calls, repeat)
        first, both = first_and_per_call(lambda: sess.run(box["grads"], feed), calls, repeat)
        return {"build_ms": min(builds) * 1e3, "forward_ms": forward * 1e3, "forward_backward_ms": both * 1e3,
                "first_forward_backward_ms": first * 1e3}


def function_rows(forward, backward, inputs, calls, repeat):
    """``rnn_rows``'s timings of hand-written ``forward(inputs)`` and ``backward(inputs)`` (no
    graph: no ``build_ms``)."""
    first, both = first_and_per_call(lambda: backward(inputs), calls, repeat)
    return {"build_ms": float("nan"), "forward_ms": per_call(lambda: forward(inputs), calls, repeat) * 1e3,
            "forward_backward_ms": both * 1e3, "first_forward_backward_ms": first * 1e3}
