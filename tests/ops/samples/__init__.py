"""Samples for the registry-driven op test (``tests/ops/test_registry.py``).

Every registered op type needs at least one sample here, or an ``exempt`` entry saying
where it is tested instead. A sample builds the op from fed inputs and names a NumPy
reference::

    @sample("AddV2", [F64(2, 3), F64(3)], reference=np.add)
    def _(tf, x, y):
        return tf.add(x, y)

The test feeds ``inputs`` through placeholders with their full static shapes, checks that
an op of ``op_type`` was built, compares the outputs with ``reference(*inputs)``, checks
each output's inferred static shape and dtype against the computed value, and (unless
``grad=False``) checks ``tf.gradients`` against central differences for every floating
input. ``second_order=True`` also checks the gradient of the gradient. Sample files live
beside this one, one per area (``math.py``, ``array.py``, ``nn.py`` ...).
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
from typing import Callable

import numpy as np

from scopeflow._src.ops import load_lazy_ops


@dataclasses.dataclass
class Sample:
    op_type: str
    build: Callable
    inputs: list
    reference: Callable | None = None
    grad: bool = True
    second_order: bool = False
    exact_shape: bool = True       # the inferred static shape must be fully defined and exact
    rtol: float = 1e-6
    atol: float = 1e-6
    grad_tol: float = 1e-5         # relative+absolute tolerance of the gradient check
    id: str = ""

    def __repr__(self):
        return self.id


SAMPLES: list[Sample] = []
EXEMPT: dict[str, str] = {}
_COUNTS: dict[str, int] = {}


def sample(op_type: str, inputs, reference=None, **options):
    """Register ``build(tf, *input_tensors)`` as a sample of ``op_type``."""
    def register(build):
        n = _COUNTS[op_type] = _COUNTS.get(op_type, 0) + 1
        SAMPLES.append(Sample(op_type, build, [np.asarray(v) for v in inputs], reference,
                              id=f"{op_type}-{n}", **options))
        return build
    return register


def exempt(op_type: str, reason: str) -> None:
    """``op_type`` has no sample here; ``reason`` says where it is tested instead."""
    EXEMPT[op_type] = reason


def _rng(seed):
    return np.random.default_rng(seed)


def F64(*shape, seed=0, low=-1.0, high=1.0):  # noqa: N802 - reads like a type
    """A float64 array of ``shape`` with values in ``[low, high)``, fixed by ``seed``."""
    return _rng(seed + 17 * len(shape)).uniform(low, high, size=shape).astype(np.float64)


def F32(*shape, seed=0, low=-1.0, high=1.0):  # noqa: N802
    return F64(*shape, seed=seed, low=low, high=high).astype(np.float32)


def POS(*shape, seed=0):  # noqa: N802
    """Positive float64 values in ``[0.5, 2)`` (for log, sqrt, division ...)."""
    return F64(*shape, seed=seed, low=0.5, high=2.0)


def I32(*shape, seed=0, low=-5, high=5):  # noqa: N802
    return _rng(seed).integers(low, high, size=shape).astype(np.int32)


def load() -> list[Sample]:
    """Every sample, with every op type registered: those that load on first use (control flow,
    summaries) and the checkpoint's (``SaveV2``, ``RestoreV2``) included."""
    load_lazy_ops()
    importlib.import_module("scopeflow._src.checkpoint.io_ops")
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")
    return SAMPLES
