"""``tf.nn`` (TF1): activations, convolutions, pooling, normalisation, losses on logits, and the
unrolled RNNs with their cells (``tf.nn.rnn_cell``).

Only re-exports; the code lives in ``scopeflow._src.ops.nn`` and ``scopeflow._src.rnn``
(``embedding_lookup_sparse``, ``safe_embedding_lookup_sparse``: ``scopeflow._src.ops.sparse``, loaded on
first use).
"""

__all__ = [
    "all_candidate_sampler", "atrous_conv2d", "avg_pool", "avg_pool1d", "avg_pool2d", "avg_pool3d", "avg_pool_v2",
    "batch_norm_with_global_normalization", "batch_normalization", "bias_add", "bidirectional_dynamic_rnn",
    "compute_accidental_hits", "conv1d", "conv1d_transpose", "conv2d", "conv2d_backprop_filter",
    "conv2d_backprop_input", "conv2d_transpose", "conv3d", "conv3d_backprop_filter", "conv3d_backprop_filter_v2",
    "conv3d_transpose", "conv_transpose", "convolution", "crelu", "depth_to_space", "depthwise_conv2d",
    "depthwise_conv2d_backprop_filter", "depthwise_conv2d_backprop_input", "depthwise_conv2d_native",
    "depthwise_conv2d_native_backprop_filter", "depthwise_conv2d_native_backprop_input", "dropout", "dynamic_rnn",
    "elu", "embedding_lookup", "embedding_lookup_sparse", "fixed_unigram_candidate_sampler", "fused_batch_norm",
    "in_top_k", "l2_loss", "l2_normalize", "leaky_relu", "learned_unigram_candidate_sampler",
    "local_response_normalization", "log_poisson_loss", "log_softmax", "log_uniform_candidate_sampler", "lrn",
    "max_pool", "max_pool1d", "max_pool2d", "max_pool3d", "max_pool_v2", "moments", "nce_loss", "normalize_moments",
    "pool", "raw_rnn", "relu", "relu6", "relu_layer", "rnn_cell", "safe_embedding_lookup_sparse",
    "sampled_softmax_loss", "selu", "separable_conv2d", "sigmoid", "sigmoid_cross_entropy_with_logits", "silu",
    "softmax", "softmax_cross_entropy_with_logits", "softmax_cross_entropy_with_logits_v2", "softplus", "softsign",
    "space_to_batch", "space_to_depth", "sparse_softmax_cross_entropy_with_logits", "static_bidirectional_rnn",
    "static_rnn", "static_state_saving_rnn", "sufficient_statistics", "swish", "tanh", "top_k",
    "uniform_candidate_sampler", "weighted_cross_entropy_with_logits", "weighted_moments", "with_space_to_batch",
    "xw_plus_b", "zero_fraction"]

import importlib as _importlib

from scopeflow._src.ops.math_ops import sigmoid, tanh
from scopeflow._src.ops.nn.global_normalization import batch_norm_with_global_normalization
from scopeflow._src.ops.nn.statistics import crelu, log_poisson_loss, weighted_moments, zero_fraction
from scopeflow._src.ops.nn_ops import (
    avg_pool,
    avg_pool2d,
    avg_pool_v2,
    batch_normalization,
    bias_add,
    conv1d,
    conv2d,
    conv2d_backprop_filter,
    conv2d_backprop_input,
    conv2d_transpose,
    depthwise_conv2d,
    depthwise_conv2d_native,
    depthwise_conv2d_native_backprop_filter,
    depthwise_conv2d_native_backprop_input,
    dropout,
    elu,
    embedding_lookup,
    fused_batch_norm,
    in_top_k,
    l2_loss,
    l2_normalize,
    leaky_relu,
    local_response_normalization,
    log_softmax,
    lrn,
    max_pool,
    max_pool2d,
    max_pool_v2,
    moments,
    normalize_moments,
    relu,
    relu6,
    relu_layer,
    selu,
    sigmoid_cross_entropy_with_logits,
    softmax,
    softmax_cross_entropy_with_logits,
    softmax_cross_entropy_with_logits_v2,
    softplus,
    softsign,
    sparse_softmax_cross_entropy_with_logits,
    sufficient_statistics,
    top_k,
    weighted_cross_entropy_with_logits,
    xw_plus_b,
)

depthwise_conv2d_backprop_filter = depthwise_conv2d_native_backprop_filter
depthwise_conv2d_backprop_input = depthwise_conv2d_native_backprop_input

# -- recurrent networks: loaded on first use (they need the control flow, which costs import time) --
_RNN = {"rnn_cell": None, "dynamic_rnn": "dynamic_rnn", "bidirectional_dynamic_rnn": "dynamic_rnn",
        "raw_rnn": "dynamic_rnn", "static_rnn": "static_rnn", "static_bidirectional_rnn": "static_rnn",
        "static_state_saving_rnn": "static_rnn"}

# -- 3-D convolutions and pooling, separable and dilated convolutions: loaded on first use --
_VOLUMETRIC = ("atrous_conv2d", "avg_pool1d", "avg_pool3d", "conv1d_transpose", "conv3d", "conv3d_backprop_filter_v2",
               "conv3d_transpose", "conv_transpose", "convolution", "max_pool1d", "max_pool3d", "pool",
               "separable_conv2d", "with_space_to_batch")

# -- candidate samplers and sampled losses: loaded on first use --
_SAMPLING = frozenset(("all_candidate_sampler", "compute_accidental_hits", "fixed_unigram_candidate_sampler",
                       "learned_unigram_candidate_sampler", "log_uniform_candidate_sampler",
                       "nce_loss", "sampled_softmax_loss", "uniform_candidate_sampler"))


def __getattr__(name):
    if name in _SAMPLING:
        from scopeflow._src.ops.sampling import api as sampling  # loaded on first use: the sampling ops

        globals()[name] = getattr(sampling, name)
        return globals()[name]
    if name in ("embedding_lookup_sparse", "safe_embedding_lookup_sparse"):
        from scopeflow._src.ops.sparse import api  # loaded on first use: the sparse ops

        globals()[name] = getattr(api, name)
        return globals()[name]
    if name in ("depth_to_space", "space_to_batch", "space_to_depth"):
        from scopeflow._src.ops.array import layout  # loaded on first use: the layout ops

        globals()[name] = getattr(layout, name)
        return globals()[name]
    if name in ("silu", "swish"):
        from scopeflow._src import custom_activations  # loaded on first use: custom_gradient's machinery

        globals()[name] = getattr(custom_activations, name)
        return globals()[name]
    if name == "conv3d_backprop_filter":  # TF1's name of conv3d_backprop_filter_v2
        globals()[name] = __getattr__("conv3d_backprop_filter_v2")
        return globals()[name]
    if name in _VOLUMETRIC:
        from scopeflow._src.ops.nn import volumetric  # loaded on first use: the 3-D convolution ops

        globals()[name] = getattr(volumetric, name)
        return globals()[name]
    if name not in _RNN:
        raise AttributeError(f"module 'scopeflow.nn' has no attribute {name!r}")
    module = _RNN[name]
    value = (_importlib.import_module("scopeflow.rnn_cell") if module is None
             else getattr(_importlib.import_module(f"scopeflow._src.rnn.{module}"), name))
    globals()[name] = value
    return value


def __dir__():
    return sorted(__all__)
