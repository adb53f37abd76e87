"""The neural-network wrappers of ``ops/nn/`` in one module (TensorFlow's ``nn_ops``,
``nn_impl`` and ``clip_ops``), for the layers above the op library. Only re-exports:
``activations.py`` (activations, bias_add, l2_loss), ``softmax.py`` (softmax and the
cross entropies on logits), ``conv.py`` and ``depthwise.py``, ``pooling.py``,
``batch_norm.py`` (fused batch norm, LRN), ``topk.py``, ``nn_impl.py`` (moments, dropout ...),
``embedding.py`` (embedding_lookup) and ``clip.py``. ``tf.losses`` is ``nn/losses.py``.
"""

from scopeflow._src.ops.nn.activations import (
    activation_grad,
    bias_add,
    elu,
    l2_loss,
    leaky_relu,
    relu,
    relu6,
    relu_grad,
    relu_layer,
    selu,
    softplus,
    softsign,
    xw_plus_b,
)
from scopeflow._src.ops.nn.batch_norm import fused_batch_norm, local_response_normalization, lrn
from scopeflow._src.ops.nn.clip import clip_by_global_norm, clip_by_norm, global_norm
from scopeflow._src.ops.nn.conv import conv1d, conv2d, conv2d_backprop_filter, conv2d_backprop_input, conv2d_transpose
from scopeflow._src.ops.nn.depthwise import (
    depthwise_conv2d,
    depthwise_conv2d_native,
    depthwise_conv2d_native_backprop_filter,
    depthwise_conv2d_native_backprop_input,
)
from scopeflow._src.ops.nn.embedding import embedding_lookup
from scopeflow._src.ops.nn.nn_impl import (
    batch_normalization,
    dropout,
    dropout_v2,
    l2_normalize,
    moments,
    normalize_moments,
    sigmoid_cross_entropy_with_logits,
    sufficient_statistics,
    weighted_cross_entropy_with_logits,
)
from scopeflow._src.ops.nn.pooling import (
    avg_pool,
    avg_pool2d,
    avg_pool_grad,
    avg_pool_v2,
    max_pool,
    max_pool2d,
    max_pool_grad,
    max_pool_v2,
)
from scopeflow._src.ops.nn.softmax import (
    log_softmax,
    softmax,
    softmax_cross_entropy_with_logits,
    softmax_cross_entropy_with_logits_v2,
    sparse_softmax_cross_entropy_with_logits,
)
from scopeflow._src.ops.nn.topk import in_top_k, top_k

__all__ = [
    "activation_grad", "avg_pool", "avg_pool2d", "avg_pool_grad", "avg_pool_v2", "batch_normalization", "bias_add",
    "clip_by_global_norm", "clip_by_norm", "conv1d", "conv2d", "conv2d_backprop_filter", "conv2d_backprop_input",
    "conv2d_transpose", "depthwise_conv2d", "depthwise_conv2d_native", "depthwise_conv2d_native_backprop_filter",
    "depthwise_conv2d_native_backprop_input", "dropout", "dropout_v2", "elu", "embedding_lookup", "fused_batch_norm",
    "global_norm", "in_top_k", "l2_loss", "l2_normalize", "leaky_relu", "local_response_normalization",
    "log_softmax", "lrn", "max_pool", "max_pool2d", "max_pool_grad", "max_pool_v2", "moments", "normalize_moments",
    "relu", "relu6", "relu_grad", "relu_layer", "selu", "sigmoid_cross_entropy_with_logits", "softmax",
    "softmax_cross_entropy_with_logits", "softmax_cross_entropy_with_logits_v2", "softplus", "softsign",
    "sparse_softmax_cross_entropy_with_logits", "sufficient_statistics", "top_k",
    "weighted_cross_entropy_with_logits", "xw_plus_b"]
