"""Default attribute values that several of TensorFlow's op definitions share, for the
``defaults=`` of their ``OpDef`` registrations (an op type's own defaults are written where
it is registered)."""

from __future__ import annotations

from scopeflow._src.framework import dtypes

INT32_TIDX = {"Tidx": dtypes.int32}
# Sum, Mean, Prod, Max, Min, All, Any, EuclideanNorm
REDUCTION = {"keep_dims": False, "Tidx": dtypes.int32}
# The stateful random ops' op-level seeds: 0 and 0 mean "draw a fresh seed".
SEEDS = {"seed": 0, "seed2": 0}
NHWC = {"data_format": "NHWC"}
# Conv2D and its backprops (which add use_cudnn_on_gpu), DepthwiseConv2dNative and its backprops
CONV = {"explicit_paddings": (), "data_format": "NHWC", "dilations": (1, 1, 1, 1)}
# Training ops that only have use_locking
USE_LOCKING = {"use_locking": False}
# Enter and RefEnter
ENTER = {"is_constant": False, "parallel_iterations": 10}
# Equal and NotEqual
INCOMPATIBLE_SHAPE_ERROR = {"incompatible_shape_error": True}
# Real, Imag and ComplexAbs: a complex64 input's float32 part
COMPLEX_PART = {"T": dtypes.complex64, "Tout": dtypes.float32}
