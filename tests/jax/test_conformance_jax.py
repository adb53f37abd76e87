"""The conformance suite on the JAX target: every case of ``tests/conformance`` run with
``SCOPEFLOW_TARGET=jax``, so each ``tf.Session()`` a case opens is a ``target="jax"`` session,
and compared with TensorFlow's golden exactly as on the NumPy target
(``tests/conformance/test_conformance.py`` does the comparing).

Which cases run: ``SCOPEFLOW_JAX_CONFORMANCE`` is ``all`` (every case; ``make test`` and CI),
``N`` (every N-th case in sorted order, from an offset that changes every day, so a local run
of the whole suite pays for a sample and successive days cover everything), or ``off``. Unset
is ``8``.

The cases the JAX target fails and the NumPy target passes are the documented differences
(README's JAX section, ``docs/jax-target.md``): ``DIFFERENCES`` lists each with its reason, as
a strict xfail, so the run fails when a listed case starts passing (take it off the list) or
an unlisted case fails.
"""

from __future__ import annotations

import datetime
import os
import warnings

import pytest

pytest.importorskip("jax")

from scopeflow._src.xla.plan import HostFallbackWarning  # noqa: E402
from tests.conformance import test_conformance as numpy_suite  # noqa: E402

_VALUE_ERRORS = "an error that depends on values: a compiled step cannot raise it (XLA clamps, or computes on)"

_FLOAT16 = ("float16 arithmetic: XLA's CPU fusions keep float16 intermediates in float32 and round once; "
            "TensorFlow rounds after every op (1-2 ulp on the trained weights)")

# case -> why the JAX target differs from TensorFlow there (the NumPy target matches TensorFlow).
DIFFERENCES: dict[str, str] = {
    "array_gather.gather_runtime_out_of_range": _VALUE_ERRORS,
    "control_cond.untaken_gather_out_of_range": _VALUE_ERRORS,
    "control_cond.untaken_integer_division_by_zero": _VALUE_ERRORS,
    "math_elementwise.int_division_by_zero_runtime": _VALUE_ERRORS,
    "math_segments.unsorted_run_errors": _VALUE_ERRORS,
    "runtime_errors.floor_mod_and_div_by_zero": _VALUE_ERRORS,
    "runtime_errors.gather_axis1_index_out_of_range": _VALUE_ERRORS,
    "runtime_errors.gather_index_out_of_range": _VALUE_ERRORS,
    "runtime_errors.gather_nd_index_out_of_range": _VALUE_ERRORS,
    "runtime_errors.scatter_nd_index_out_of_range": _VALUE_ERRORS,
    "runtime_errors.sparse_xent_label_out_of_range": _VALUE_ERRORS,
    "runtime_errors.unsorted_segment_sum_bad_ids": _VALUE_ERRORS,
    "linalg.runtime_errors": _VALUE_ERRORS + " (a singular matrix: inf/NaN, not 'not invertible')",
    "scatter_nd.scatter_variable_errors": _VALUE_ERRORS,
    "scatter_nd.tensor_scatter_runtime_errors": _VALUE_ERRORS,
    "session_runtime.error_gather_out_of_range_frame": _VALUE_ERRORS,
    "sparse_optimizers.scatter_run_time_errors": _VALUE_ERRORS,
    "math_sorting.histogram_fixed_width_errors": _VALUE_ERRORS,
    "math_sorting.unravel_index_errors": _VALUE_ERRORS,
    "optimizer_matrix.adagrad_0d_float16": _FLOAT16,
    "optimizer_matrix.adagrad_2d_float16": _FLOAT16,
    "optimizer_matrix.adam_0d_float16": _FLOAT16,
    "optimizer_matrix.adam_1d_float16": _FLOAT16,
    "optimizer_matrix.adam_2d_float16": _FLOAT16,
    "optimizer_matrix.gd_0d_float16": _FLOAT16,
    "optimizer_matrix.gd_1d_float16": _FLOAT16,
    "optimizer_matrix.gd_2d_float16": _FLOAT16,
    "optimizer_matrix.nesterov_0d_float16": _FLOAT16,
    "optimizer_matrix.nesterov_1d_float16": _FLOAT16,
    "optimizer_matrix.nesterov_2d_float16": _FLOAT16,
    "optimizer_matrix.rmsprop_0d_float16": _FLOAT16,
    "optimizer_matrix.rmsprop_1d_float16": _FLOAT16,
    "optimizer_matrix.rmsprop_2d_float16": _FLOAT16,
    "optimizer_matrix.rmsprop_centered_1d_float16": _FLOAT16,
    "optimizer_matrix.rmsprop_centered_2d_float16": _FLOAT16,
    "optimizer_matrix.rmsprop_momentum_1d_float16": _FLOAT16,
    "optimizer_matrix.rmsprop_momentum_2d_float16": _FLOAT16,
    "optimizer_matrix.ftrl_0d_float16": _FLOAT16,
    "optimizer_matrix.ftrl_1d_float16": _FLOAT16,
    "optimizer_matrix.ftrl_2d_float16": _FLOAT16,
    "optimizer_matrix.ftrl_shrinkage_1d_float16": _FLOAT16,
    "optimizer_matrix.ftrl_shrinkage_2d_float16": _FLOAT16,
    "optimizers_more.sparse_ftrl_float16": _FLOAT16,
    "optimizers_more.sparse_ftrl_v2_float16": _FLOAT16,
}


def _selected(keys: list[str]) -> list[str]:
    how = os.environ.get("SCOPEFLOW_JAX_CONFORMANCE", "8").strip().lower()
    if how == "all":
        return keys
    if how in ("off", "0", "none"):
        return []
    step = int(how)
    offset = datetime.date.today().toordinal() % step
    return keys[offset::step]


def _params():
    keys = sorted(k for k in numpy_suite.CASES if k not in numpy_suite.KNOWN_ABSENT)
    return [pytest.param(k, marks=pytest.mark.xfail(reason=DIFFERENCES[k], strict=True)) if k in DIFFERENCES else k
            for k in _selected(keys)]


@pytest.mark.parametrize("key", _params())
def test_case_on_jax(key, monkeypatch):
    monkeypatch.setenv("SCOPEFLOW_TARGET", "jax")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", HostFallbackWarning)  # a case's host ops are named, not an error
        numpy_suite.test_case(key)


def test_differences_name_cases_that_exist():
    unknown = sorted(k for k in DIFFERENCES if k not in numpy_suite.CASES)
    assert unknown == [], f"DIFFERENCES lists cases that no longer exist: {unknown}"
