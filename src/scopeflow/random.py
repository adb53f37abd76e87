"""``tf.random`` (TF1 names): seeded random ops.

Only re-exports; the code lives in ``scopeflow._src.ops.random.random_ops``. Values are seeded as
TensorFlow seeds them but drawn from NumPy's generator, so the numbers differ from TF's.
"""

__all__ = [
    "all_candidate_sampler", "categorical", "fixed_unigram_candidate_sampler", "get_seed",
    "learned_unigram_candidate_sampler", "log_uniform_candidate_sampler", "multinomial", "normal", "set_random_seed",
    "shuffle", "truncated_normal", "uniform", "uniform_candidate_sampler"]

from scopeflow._src.framework.default_graph import get_seed, set_random_seed
from scopeflow._src.ops.random.random_ops import categorical, multinomial, truncated_normal
from scopeflow._src.ops.random.random_ops import random_normal as normal
from scopeflow._src.ops.random.random_ops import random_shuffle as shuffle
from scopeflow._src.ops.random.random_ops import random_uniform as uniform

# the candidate samplers: loaded on first use
_SAMPLERS = frozenset(("all_candidate_sampler", "fixed_unigram_candidate_sampler", "learned_unigram_candidate_sampler",
                       "log_uniform_candidate_sampler", "uniform_candidate_sampler"))


def __getattr__(name):
    if name not in _SAMPLERS:
        raise AttributeError(f"module 'scopeflow.random' has no attribute {name!r}")
    from scopeflow._src.ops.sampling import api as sampling  # loaded on first use: the sampling ops

    globals()[name] = getattr(sampling, name)
    return globals()[name]
