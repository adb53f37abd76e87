"""``import scopeflow`` loads only ``mean`` and ``accuracy`` of ``tf.metrics``: the other metrics,
``tf.sets`` and ``tf.confusion_matrix`` load on first use (they build asserts, conds and set ops)."""

import subprocess
import sys

import pytest

import scopeflow as tf

LAZY = ("scopeflow._src.metrics.auc", "scopeflow._src.metrics.confusion", "scopeflow._src.metrics.counts",
        "scopeflow._src.metrics.regression", "scopeflow._src.metrics.thresholds", "scopeflow._src.metrics.top_k",
        "scopeflow._src.ops.sets.api")


def _loaded_after(code):
    probe = f"import sys; {code}; print(' '.join(m for m in {LAZY!r} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return result.stdout.split()


def test_import_loads_no_other_metric():
    assert _loaded_after("import scopeflow as tf; tf.metrics.mean; tf.metrics.accuracy") == []


def test_each_metric_loads_its_module():
    assert _loaded_after("import scopeflow as tf; tf.metrics.precision") == ["scopeflow._src.metrics.counts"]
    assert _loaded_after("import scopeflow as tf; tf.confusion_matrix") == ["scopeflow._src.metrics.confusion"]
    assert "scopeflow._src.ops.sets.api" in _loaded_after("import scopeflow as tf; tf.metrics.recall_at_k")
    assert _loaded_after("import scopeflow as tf; tf.sets.size") == ["scopeflow._src.ops.sets.api"]


def test_unknown_names_are_refused():
    with pytest.raises(AttributeError, match="module 'scopeflow.metrics' has no attribute 'f1_score'"):
        tf.metrics.f1_score  # noqa: B018 - the attribute access is the test
    with pytest.raises(AttributeError, match="module 'scopeflow.math' has no attribute 'confusion'"):
        tf.math.confusion  # noqa: B018
