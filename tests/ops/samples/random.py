"""Samples for the random ops: static shapes and dtypes only (``reference=None``, no gradient).

Their distributions and seeding are checked in ``tests/ops/test_random.py`` and in the
``random_ops`` conformance area.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework.op_builder import create
from tests.ops.samples import F64, sample


@sample("RandomUniform", [], grad=False)
def _(tf):
    return tf.random_uniform([3, 2], seed=1)


@sample("RandomStandardNormal", [], grad=False)
def _(tf):
    return tf.random_normal([4], dtype=tf.float64, seed=2)


@sample("TruncatedNormal", [], grad=False)
def _(tf):
    return tf.truncated_normal([2, 2, 2], seed=3)


@sample("RandomUniformInt", [], grad=False)
def _(tf):
    return tf.random_uniform([5], minval=-3, maxval=4, dtype=tf.int64, seed=4)


@sample("RandomShuffle", [F64(5, 2)], grad=False)
def _(tf, x):
    return tf.random_shuffle(x, seed=5)


@sample("Multinomial", [F64(3, 4)], grad=False)
def _(tf, logits):
    return tf.multinomial(logits, 6, seed=6)


@sample("Multinomial", [np.zeros((2, 3), np.float32)], grad=False)
def _(tf, logits):
    return tf.random.categorical(logits, 2, dtype=tf.int32, seed=7)


@sample("StatelessMultinomial", [F64(3, 4)], grad=False)
def _(tf, logits):  # no public wrapper (sample_from_datasets builds it): the op itself
    seed = tf.constant([1, 2], tf.int64)
    return create("StatelessMultinomial", [logits, tf.constant(5), seed], {"output_dtype": tf.int64})._outputs[0]
