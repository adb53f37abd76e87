"""Every op's JAX lowering against its NumPy kernel, on the registry's samples
(``tests/ops/samples``): the same graph run on both targets gives the same values and dtypes,
and the op ran compiled (no host fallback named it)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

pytest.importorskip("jax")

import scopeflow as tf  # noqa: E402
from scopeflow._src.framework import registry  # noqa: E402
from scopeflow._src.ops.common.lowering import known_values_only  # noqa: E402
from scopeflow._src.xla.plan import HostFallbackWarning  # noqa: E402
from tests.ops.samples import SAMPLES, load  # noqa: E402

load()
LOWERED = [s for s in SAMPLES if registry.get(s.op_type).lower is not None
           and not any(v.dtype == object for v in s.inputs)]


def _run(s, target):
    graph = tf.Graph()
    with graph.as_default():
        feeds = [tf.placeholder(tf.as_dtype(v.dtype), v.shape, name=f"in{i}") for i, v in enumerate(s.inputs)]
        if registry.get(s.op_type).lower is known_values_only:  # shape arithmetic: computed when compiling
            out = s.build(tf, *[tf.constant(v) for v in s.inputs])
        else:
            out = s.build(tf, *feeds)
        outs = list(out) if isinstance(out, (list, tuple)) else [out]
        init = tf.global_variables_initializer() if tf.global_variables() else None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", HostFallbackWarning)
        with tf.Session(target, graph=graph) as sess:
            if init is not None:
                sess.run(init)
            got = sess.run(outs, dict(zip(feeds, s.inputs)))
    named = [str(w.message) for w in caught if issubclass(w.category, HostFallbackWarning)]
    return outs, got, named


def test_there_are_lowered_samples():
    assert len(LOWERED) > 100


@pytest.mark.parametrize("s", LOWERED, ids=repr)
def test_lowering_equals_kernel(s):
    outs, want, _ = _run(s, "")
    outs, got, fallbacks = _run(s, "jax")
    assert not [m for m in fallbacks if f" {s.op_type} (" in m], fallbacks
    random = registry.get(s.op_type).stateful and not any(t.dtype._is_ref_dtype for t in outs)
    for t, w, g in zip(outs, want, got):
        w, g = np.asarray(w), np.asarray(g)
        assert g.dtype == w.dtype, f"{t.name}: {g.dtype} on jax, {w.dtype} on numpy"
        assert g.shape == w.shape, f"{t.name}: {g.shape} on jax, {w.shape} on numpy"
        if random:
            continue
        if w.dtype.kind in "fc":
            tol = 1e-5 if w.dtype in (np.float32, np.complex64) else 1e-10
            tol = max(tol, s.rtol) if w.dtype.itemsize > 2 else 1e-2
            np.testing.assert_allclose(g, w, rtol=tol, atol=tol)
        else:
            np.testing.assert_array_equal(g, w)
