"""The 3-D convolution and pooling ops with their gradient rules, and the separable
convolution: loaded on first use (``tf.nn.conv3d``, ``tf.layers.conv3d`` ...), since most
programs need none of them and ``import scopeflow`` must stay fast. (``volumetric_grads``
imports the op definitions it builds on, so they register before the rules.)"""

from scopeflow._src.ops.nn import volumetric_grads  # noqa: F401 - the gradient rules
from scopeflow._src.ops.nn.conv3d import (
    avg_pool3d,
    conv3d,
    conv3d_backprop_filter_v2,
    conv3d_backprop_input_v2,
    conv3d_transpose,
    max_pool3d,
)
from scopeflow._src.ops.nn.separable import separable_conv2d

__all__ = ["avg_pool3d", "conv3d", "conv3d_backprop_filter_v2", "conv3d_backprop_input_v2", "conv3d_transpose",
           "max_pool3d", "separable_conv2d"]
