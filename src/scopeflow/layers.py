"""``tf.layers``: TF1's layers (``tf.compat.v1.layers``) with TensorFlow's variable and op names.

Only re-exports; the code lives in ``scopeflow._src.layers``.
"""

__all__ = [
    "average_pooling2d", "AveragePooling2D", "batch_normalization", "BatchNormalization", "Conv2D", "conv2d",
    "conv2d_transpose", "Conv2DTranspose", "Dense", "dense", "Dropout", "dropout", "Flatten", "flatten",
    "InputSpec", "Layer", "max_pooling2d", "MaxPooling2D"]

from scopeflow._src.layers.base import Layer  # noqa: F401
from scopeflow._src.layers.convolutional import Conv2D, Conv2DTranspose, conv2d, conv2d_transpose  # noqa: F401
from scopeflow._src.layers.core import Dense, Dropout, Flatten, dense, dropout, flatten  # noqa: F401
from scopeflow._src.layers.input_spec import InputSpec  # noqa: F401
from scopeflow._src.layers.normalization import BatchNormalization, batch_normalization  # noqa: F401
from scopeflow._src.layers.pooling import AveragePooling2D, MaxPooling2D, average_pooling2d, max_pooling2d  # noqa: F401
