"""TF1's ``tf.nn.batch_norm_with_global_normalization``: ``batch_normalization`` with the
deprecated argument names (``t``/``m``/``v``) and ``scale_after_normalization``."""

from __future__ import annotations

from scopeflow._src.ops.common.arguments import deprecated_argument_lookup
from scopeflow._src.ops.nn.nn_impl import batch_normalization


def batch_norm_with_global_normalization(t=None, m=None, v=None, beta=None, gamma=None, variance_epsilon=None,
                                         scale_after_normalization=None, name=None, input=None,  # noqa: A002
                                         mean=None, variance=None):
    """``(t - m) / sqrt(v + variance_epsilon) * gamma + beta`` (``gamma`` only with
    ``scale_after_normalization``), built as ``tf.nn.batch_normalization`` builds it."""
    t = deprecated_argument_lookup("input", input, "t", t)
    m = deprecated_argument_lookup("mean", mean, "m", m)
    v = deprecated_argument_lookup("variance", variance, "v", v)
    return batch_normalization(t, m, v, beta, gamma if scale_after_normalization else None, variance_epsilon, name)
