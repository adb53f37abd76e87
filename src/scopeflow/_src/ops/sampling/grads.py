"""The candidate samplers and ``ComputeAccidentalHits`` have no gradient, as in TensorFlow
(``candidate_sampling_ops`` registers them not differentiable)."""

from __future__ import annotations

from scopeflow._src.framework.registry import not_differentiable

not_differentiable("UniformCandidateSampler", "LogUniformCandidateSampler", "LearnedUnigramCandidateSampler",
                   "ThreadUnsafeUnigramCandidateSampler", "FixedUnigramCandidateSampler", "AllCandidateSampler",
                   "ComputeAccidentalHits")
