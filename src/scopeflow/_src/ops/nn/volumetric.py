"""The 3-D convolution and pooling ops, ``SpaceToBatchND``/``BatchToSpaceND`` with their gradient
rules, and the wrappers built on them (separable and dilated convolutions, ``tf.nn.convolution``,
``tf.nn.pool``): loaded on first use (``tf.nn.conv3d``, ``tf.layers.conv3d`` ...), since most
programs need none of them and ``import scopeflow`` must stay fast. (``volumetric_grads``
imports the op definitions it builds on, so they register before the rules.)"""

from scopeflow._src.ops.nn import volumetric_grads  # noqa: F401 - the gradient rules
from scopeflow._src.ops.nn.conv3d import (
    avg_pool3d,
    conv3d,
    conv3d_backprop_filter_v2,
    conv3d_backprop_input_v2,
    conv3d_expanded_batch,
    conv3d_transpose,
    max_pool3d,
)
from scopeflow._src.ops.nn.convolution import (
    atrous_conv2d,
    avg_pool1d,
    conv1d_transpose,
    conv_transpose,
    convolution,
    max_pool1d,
    pool,
)
from scopeflow._src.ops.nn.separable import separable_conv2d
from scopeflow._src.ops.nn.space_batch import (
    batch_to_space_nd,
    required_space_to_batch_paddings,
    space_to_batch_nd,
    with_space_to_batch,
)

__all__ = ["atrous_conv2d", "avg_pool1d", "avg_pool3d", "batch_to_space_nd", "conv1d_transpose", "conv3d",
           "conv3d_backprop_filter_v2", "conv3d_backprop_input_v2", "conv3d_expanded_batch", "conv3d_transpose",
           "conv_transpose", "convolution", "max_pool1d", "max_pool3d", "pool", "required_space_to_batch_paddings",
           "separable_conv2d", "space_to_batch_nd", "with_space_to_batch"]
