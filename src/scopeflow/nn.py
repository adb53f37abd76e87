"""``tf.nn`` (TF1): activations, convolutions, pooling, normalisation, losses on logits.

Only re-exports; the code lives in ``scopeflow._src.ops`` (``nn_ops``, ``xent_ops``,
``conv_ops``, ``depthwise_ops``, ``pooling_ops``, ``batch_norm_ops``, ``topk_ops``, ``nn_impl``).
"""

__all__ = [
    "avg_pool", "avg_pool2d", "avg_pool_v2", "batch_normalization", "bias_add", "conv1d", "conv2d",
    "conv2d_backprop_filter", "conv2d_backprop_input", "conv2d_transpose", "depthwise_conv2d",
    "depthwise_conv2d_backprop_filter", "depthwise_conv2d_backprop_input", "depthwise_conv2d_native",
    "depthwise_conv2d_native_backprop_filter", "depthwise_conv2d_native_backprop_input", "dropout", "elu",
    "embedding_lookup", "fused_batch_norm", "in_top_k", "l2_loss", "l2_normalize", "leaky_relu",
    "local_response_normalization", "log_softmax", "lrn", "max_pool", "max_pool2d", "max_pool_v2", "moments",
    "normalize_moments", "relu", "relu6", "relu_layer", "selu", "sigmoid", "sigmoid_cross_entropy_with_logits",
    "softmax", "softmax_cross_entropy_with_logits", "softmax_cross_entropy_with_logits_v2", "softplus", "softsign",
    "sparse_softmax_cross_entropy_with_logits", "sufficient_statistics", "tanh", "top_k",
    "weighted_cross_entropy_with_logits", "xw_plus_b"]

from scopeflow._src.ops.batch_norm_ops import fused_batch_norm, local_response_normalization, lrn  # noqa: F401
from scopeflow._src.ops.conv_ops import (  # noqa: F401
    conv1d, conv2d, conv2d_backprop_filter, conv2d_backprop_input, conv2d_transpose)
from scopeflow._src.ops.depthwise_ops import (  # noqa: F401
    depthwise_conv2d, depthwise_conv2d_native, depthwise_conv2d_native_backprop_filter,
    depthwise_conv2d_native_backprop_input)
from scopeflow._src.ops.math_ops import sigmoid, tanh  # noqa: F401
from scopeflow._src.ops.nn_impl import (  # noqa: F401
    batch_normalization, dropout, embedding_lookup, l2_normalize, moments, normalize_moments,
    sigmoid_cross_entropy_with_logits, sufficient_statistics, weighted_cross_entropy_with_logits)
from scopeflow._src.ops.nn_ops import (  # noqa: F401
    bias_add, elu, l2_loss, leaky_relu, relu, relu6, relu_layer, selu, softplus, softsign, xw_plus_b)
from scopeflow._src.ops.pooling_ops import (  # noqa: F401
    avg_pool, avg_pool2d, avg_pool_v2, max_pool, max_pool2d, max_pool_v2)
from scopeflow._src.ops.topk_ops import in_top_k, top_k  # noqa: F401
from scopeflow._src.ops.xent_ops import (  # noqa: F401
    log_softmax, softmax, softmax_cross_entropy_with_logits, softmax_cross_entropy_with_logits_v2,
    sparse_softmax_cross_entropy_with_logits)

depthwise_conv2d_backprop_filter = depthwise_conv2d_native_backprop_filter
depthwise_conv2d_backprop_input = depthwise_conv2d_native_backprop_input
