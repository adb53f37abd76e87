"""``tf.layers``: TF1's layers (``tf.compat.v1.layers``) with TensorFlow's variable and op names.

Only re-exports; the code lives in ``scopeflow._src.layers``.
"""

__all__ = [
    "average_pooling1d", "average_pooling2d", "average_pooling3d", "AveragePooling1D", "AveragePooling2D",
    "AveragePooling3D", "batch_normalization", "BatchNormalization", "Conv1D", "conv1d", "Conv2D", "conv2d",
    "conv2d_transpose", "Conv2DTranspose", "Conv3D", "conv3d", "conv3d_transpose", "Conv3DTranspose", "Dense",
    "dense", "Dropout", "dropout", "Flatten", "flatten", "InputSpec", "Layer", "max_pooling1d", "max_pooling2d",
    "max_pooling3d", "MaxPooling1D", "MaxPooling2D", "MaxPooling3D",
    "separable_conv1d", "separable_conv2d", "SeparableConv1D", "SeparableConv2D"]  # noqa: F822 - loaded on first use

from scopeflow._src.layers.base import Layer  # noqa: F401
from scopeflow._src.layers.conv_transpose import (  # noqa: F401
    Conv2DTranspose,
    Conv3DTranspose,
    conv2d_transpose,
    conv3d_transpose,
)
from scopeflow._src.layers.convolutional import Conv1D, Conv2D, Conv3D, conv1d, conv2d, conv3d  # noqa: F401
from scopeflow._src.layers.core import Dense, Dropout, Flatten, dense, dropout, flatten  # noqa: F401
from scopeflow._src.layers.input_spec import InputSpec  # noqa: F401
from scopeflow._src.layers.normalization import BatchNormalization, batch_normalization  # noqa: F401
from scopeflow._src.layers.pooling import (  # noqa: F401
    AveragePooling1D,
    AveragePooling2D,
    AveragePooling3D,
    MaxPooling1D,
    MaxPooling2D,
    MaxPooling3D,
    average_pooling1d,
    average_pooling2d,
    average_pooling3d,
    max_pooling1d,
    max_pooling2d,
    max_pooling3d,
)

_SEPARABLE = ("SeparableConv1D", "SeparableConv2D", "separable_conv1d", "separable_conv2d")


def __getattr__(name):
    """The separable convolutions load on first use (``import scopeflow`` must stay fast)."""
    if name in _SEPARABLE:
        from scopeflow._src.layers import separable

        globals().update((n, getattr(separable, n)) for n in _SEPARABLE)
        return globals()[name]
    raise AttributeError(f"module 'scopeflow.layers' has no attribute {name!r}")


def __dir__():
    return sorted(__all__)
