"""The module-level helpers of ``tf.test``: ``main``, ``get_temp_dir``, the device and build
queries (scopeflow runs on the CPU, built with neither CUDA nor ROCm nor XLA's TF bridge) and
``Benchmark``.

>>> import scopeflow as tf
>>> tf.test.is_gpu_available(), tf.test.gpu_device_name(), tf.test.is_built_with_cuda()
(False, '', False)
"""

from __future__ import annotations

import atexit
import inspect
import math
import numbers
import os
import shutil
import sys
import tempfile
import time

from absl.testing import absltest

from scopeflow._src import logging_module as logging
from scopeflow._src.client.config import ConfigProto
from scopeflow._src.framework.context import default_session

_temp_dir = None


def get_temp_dir() -> str:
    """A temporary directory for this process's tests (``$TEST_TMPDIR`` when set), made on the
    first call and removed when the process exits."""
    global _temp_dir
    if _temp_dir is None:
        base = os.environ.get("TEST_TMPDIR") or tempfile.gettempdir()
        os.makedirs(base, exist_ok=True)
        prefix = os.path.basename(sys.argv[0] or "python") or "python"
        _temp_dir = tempfile.mkdtemp(prefix=prefix, dir=base)
        atexit.register(shutil.rmtree, _temp_dir, True)
    return _temp_dir


def main(argv=None):
    """Run the tests of ``__main__`` with absl's runner (``tf.test.main()`` in a test file)."""
    return absltest.main(argv=argv)


def is_gpu_available(cuda_only=False, min_cuda_compute_capability=None) -> bool:
    """Whether a GPU is available to the ops: never (scopeflow's kernels are NumPy's, on the CPU)."""
    return False


def gpu_device_name() -> str:
    """The name of a GPU device: ``""`` (there is none)."""
    return ""


def is_built_with_cuda() -> bool:
    """``False``: scopeflow has no CUDA kernels."""
    return False


def is_built_with_rocm() -> bool:
    """``False``: scopeflow has no ROCm kernels."""
    return False


def is_built_with_gpu_support() -> bool:
    """``False``: scopeflow has no GPU kernels."""
    return False


def is_built_with_xla() -> bool:
    """``False``: TF's XLA bridge is not there (scopeflow's JAX target is chosen per session)."""
    return False


def is_cpu_target_available(target) -> bool:
    """Whether the CPU supports ``target`` for XLA's CPU backend: ``False`` (no XLA bridge)."""
    return False


def benchmark_config():
    """A ``ConfigProto`` for benchmarks (TF turns off its graph rewrites; scopeflow has none)."""
    return ConfigProto()


def _median(values):
    ordered = sorted(values)
    return (ordered[len(values) // 2] + ordered[(len(values) - 1) // 2]) / 2.0 if values else -1


def _mean_and_stdev(values):
    if not values:
        return -1, -1
    mean = sum(values) / len(values)
    if len(values) == 1:
        return mean, -1
    return mean, math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1))


def _entry_text(name, iters, cpu_time, wall_time, throughput, extras, metrics) -> str:
    """The benchmark entry in protobuf text form, as TF prints its ``BenchmarkEntries``."""
    lines = ["entry {", f'  name: "{name}"']
    lines += [f"  {field}: {value}" for field, value in (("iters", iters), ("cpu_time", cpu_time),
                                                         ("wall_time", wall_time), ("throughput", throughput))
              if value is not None]
    for key, value in (extras or {}).items():
        kind = f"double_value: {value}" if isinstance(value, numbers.Number) else f'string_value: "{value}"'
        lines += ["  extras {", f'    key: "{key}"', "    value {", f"      {kind}", "    }", "  }"]
    for metric in metrics or []:
        lines += ["  metrics {", f'    name: "{metric["name"]}"', f"    value: {metric['value']}", "  }"]
    return "\n".join(lines + ["}"])


class Benchmark:
    """Base class of TF1 benchmarks (``tf.test.Benchmark``): ``report_benchmark`` logs and prints
    the entry, ``run_op_benchmark`` times ``sess.run`` of an op. TF writes the entry to
    ``$TEST_REPORT_FILE_PREFIX<name>`` as a ``BenchmarkEntries`` proto when that is set;
    scopeflow prints it in either case."""

    def _get_name(self, overwrite_name=None):
        for frame in reversed(inspect.stack()):
            if isinstance(frame.frame.f_locals.get("self"), Benchmark):
                caller = frame.frame.f_locals["self"]
                return f"{type(caller).__name__}.{overwrite_name or frame.function}"
        raise ValueError("Unable to determine calling Benchmark class.")

    def report_benchmark(self, iters=None, cpu_time=None, wall_time=None, throughput=None, extras=None, name=None,
                         metrics=None):
        """Report one benchmark entry, named ``<class>.<method>`` (or ``<class>.<name>``)."""
        name = self._get_name(overwrite_name=name)
        if extras is not None and not isinstance(extras, dict):
            raise TypeError("extras must be a dict")
        if metrics is not None:
            if not isinstance(metrics, list):
                raise TypeError("metrics must be a list")
            for metric in metrics:
                for field in ("name", "value"):
                    if field not in metric:
                        raise TypeError(f"metric must has a '{field}' field")
        logging.info("Benchmark [%s] iters: %d, wall_time: %g, cpu_time: %g,throughput: %g, extras: %s, metrics: %s",
                     name, -1 if iters is None else iters, -1 if wall_time is None else wall_time,
                     -1 if cpu_time is None else cpu_time, -1 if throughput is None else throughput,
                     str(extras) if extras else "None", str(metrics) if metrics else "None")
        print(_entry_text(name, iters, cpu_time, wall_time, throughput, extras, metrics))

    def run_op_benchmark(self, sess, op_or_tensor, feed_dict=None, burn_iters=2, min_iters=10, store_trace=False,
                         store_memory_usage=True, name=None, extras=None, mbs=0):
        """Run ``op_or_tensor`` ``burn_iters`` times, then time ``min_iters`` runs; report the median
        wall time and return the reported values with the mean and standard deviation added to
        ``extras`` (no trace or memory figures: scopeflow collects no step stats)."""
        for _ in range(burn_iters):
            sess.run(op_or_tensor, feed_dict=feed_dict)
        deltas = []
        for _ in range(min_iters):
            start = time.time()
            sess.run(op_or_tensor, feed_dict=feed_dict)
            deltas.append(time.time() - start)
        median = _median(deltas)
        values = {"iters": min_iters, "wall_time": median, "extras": extras if extras is not None else {},
                  "name": name, "throughput": mbs / median if median else 0.0}
        self.report_benchmark(**values)
        mean, stdev = _mean_and_stdev(deltas)
        values["extras"].update(wall_time_mean=mean, wall_time_stdev=stdev)
        return values

    def evaluate(self, tensors):
        """The values of ``tensors`` in the default session."""
        sess = default_session()
        if sess is None:
            raise ValueError("Benchmark.evaluate needs a default session: run it inside `with sess.as_default():`.")
        return sess.run(tensors)
