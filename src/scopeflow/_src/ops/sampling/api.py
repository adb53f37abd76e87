"""The sampling ops, loaded on first use (``import scopeflow`` does not load them): importing
this module registers the candidate samplers and ``ComputeAccidentalHits`` with their wrappers,
the sampled losses, then the gradient declarations (``grads.py``)."""

from scopeflow._src.ops.sampling import grads  # noqa: F401 - gradient declarations
from scopeflow._src.ops.sampling.candidate_sampling import (
    all_candidate_sampler,
    compute_accidental_hits,
    fixed_unigram_candidate_sampler,
    learned_unigram_candidate_sampler,
    log_uniform_candidate_sampler,
    uniform_candidate_sampler,
)
from scopeflow._src.ops.sampling.sampled_losses import nce_loss, sampled_softmax_loss

__all__ = ["all_candidate_sampler", "compute_accidental_hits", "fixed_unigram_candidate_sampler",
           "learned_unigram_candidate_sampler", "log_uniform_candidate_sampler", "nce_loss", "sampled_softmax_loss",
           "uniform_candidate_sampler"]
