"""Run every conformance case under scopeflow and compare with TensorFlow's golden."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import scopeflow as tf
from scopeflow._src.framework import registry
from scopeflow._src.ops import load_lazy_ops
from tests.conformance.harness import compare, load_cases, own_code_errors, raises

GOLDENS = Path(__file__).parent / "goldens"
CASES = load_cases()


def _golden(key: str):
    area, name = key.split(".", 1)
    path = GOLDENS / f"{area}.json"
    goldens = _GOLDEN_CACHE.get(area)
    if goldens is None:
        goldens = json.loads(path.read_text()) if path.exists() else {}
        _GOLDEN_CACHE[area] = goldens
    return goldens.get(name, _MISSING)


_GOLDEN_CACHE: dict[str, dict] = {}
_MISSING = object()

# Cases recorded from TensorFlow for features scopeflow does not have yet. Each is a strict
# xfail: it fails the suite the day it starts passing, so this list cannot go stale.
KNOWN_ABSENT = {
}


@pytest.mark.parametrize("key", [
    pytest.param(k, marks=pytest.mark.xfail(reason=KNOWN_ABSENT[k], strict=True)) if k in KNOWN_ABSENT else k
    for k in sorted(CASES)])
def test_case(key):
    want = _golden(key)
    assert want is not _MISSING, f"no golden for {key}: run tests/conformance/record.py with TensorFlow"
    bad = own_code_errors(want, "golden")
    assert not bad, "\n".join(
        [f"the golden of {key} records a NameError/AttributeError that TensorFlow did not raise (the case's "
         "own code did, or it was recorded without an origin by an older record.py): fix the case and "
         "re-record its area"] + bad)
    tf.reset_default_graph()
    load_lazy_ops()  # every op's own gradient rule, before the snapshot
    gradients = dict(registry._GRADIENTS)
    try:
        got = raises(CASES[key], tf)
    finally:  # a case's tf.RegisterGradient("Name") is its own: run again (the JAX target), it registers again
        registry._GRADIENTS.clear()
        registry._GRADIENTS.update(gradients)
    diffs = compare(got, want)
    assert not diffs, "\n".join([f"{key} differs from TensorFlow:"] + diffs[:20])
