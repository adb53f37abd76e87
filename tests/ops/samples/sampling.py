"""Samples for the candidate samplers (static shapes and dtypes only: their draws are random;
``tests/ops/test_candidate_sampling.py`` checks distributions and expected counts) and for
``ComputeAccidentalHits``."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework.op_builder import create
from tests.ops.samples import sample

_TRUE = np.array([[1, 2], [3, 4], [0, 5]], np.int64)


@sample("UniformCandidateSampler", [_TRUE], grad=False)
def _(tf, tc):
    return list(tf.nn.uniform_candidate_sampler(tc, 2, 3, True, 10, seed=1))


@sample("LogUniformCandidateSampler", [_TRUE], grad=False)
def _(tf, tc):
    return list(tf.nn.log_uniform_candidate_sampler(tc, 2, 4, False, 10, seed=2))


@sample("LearnedUnigramCandidateSampler", [_TRUE], grad=False)
def _(tf, tc):
    return list(tf.nn.learned_unigram_candidate_sampler(tc, 2, 3, True, 6, seed=3))


@sample("ThreadUnsafeUnigramCandidateSampler", [_TRUE], grad=False)
def _(tf, tc):  # TF has no Python wrapper for it: the op itself
    attrs = {"num_true": 2, "num_sampled": 3, "unique": False, "range_max": 6}
    return list(create("ThreadUnsafeUnigramCandidateSampler", [tc], attrs).outputs)


@sample("FixedUnigramCandidateSampler", [_TRUE], grad=False)
def _(tf, tc):
    return list(tf.nn.fixed_unigram_candidate_sampler(tc, 2, 3, True, 6, unigrams=[1.0, 2, 3, 4, 5, 6], seed=4))


@sample("AllCandidateSampler", [_TRUE], reference=lambda tc: [np.arange(6), np.ones((3, 2)), np.ones(6)],
        grad=False)
def _(tf, tc):
    return list(tf.nn.all_candidate_sampler(tc, 2, 6, True))


def _hits(tc, sampled):
    last = {int(c): j for j, c in enumerate(sampled)}
    hits = [(i, last[int(c)]) for i, row in enumerate(tc) for c in row if int(c) in last]
    return [np.array([h[0] for h in hits], np.int32), np.array([h[1] for h in hits], np.int64),
            np.full(len(hits), -np.finfo(np.float32).max, np.float32)]


@sample("ComputeAccidentalHits", [_TRUE, np.array([4, 9, 1, 0, 4], np.int64)], reference=_hits, grad=False,
        exact_shape=False)
def _(tf, tc, sampled):
    return list(tf.nn.compute_accidental_hits(tc, sampled, 2))
