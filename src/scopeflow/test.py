"""``tf.test``: ``TestCase`` (TF1 graph mode: ``session``, ``cached_session``, ``evaluate``,
``assertAllClose``...), ``main``, the numeric gradient checker, the device queries, ``Benchmark``
and ``mock``.

Only re-exports; the code lives in ``scopeflow._src.testing``. Loaded on first use (``tf.test``).

>>> import scopeflow as tf
>>> issubclass(tf.test.TestCase, tf.test.mock.Mock) or tf.test.is_gpu_available()
False
"""

__all__ = ["Benchmark", "benchmark_config", "compute_gradient", "compute_gradient_error", "get_temp_dir",
           "gpu_device_name", "is_built_with_cuda", "is_built_with_gpu_support", "is_built_with_rocm",
           "is_built_with_xla", "is_cpu_target_available", "is_gpu_available", "main", "mock", "TestCase"]

from unittest import mock

from scopeflow._src.testing.gradient_checker import compute_gradient, compute_gradient_error
from scopeflow._src.testing.test_case import TestCase
from scopeflow._src.testing.test_util import (
    Benchmark,
    benchmark_config,
    get_temp_dir,
    gpu_device_name,
    is_built_with_cuda,
    is_built_with_gpu_support,
    is_built_with_rocm,
    is_built_with_xla,
    is_cpu_target_available,
    is_gpu_available,
    main,
)

TestCase.__module__ = Benchmark.__module__ = "scopeflow.test"
