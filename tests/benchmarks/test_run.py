"""``benchmarks/run.py`` runs every benchmark (in quick sizes) and reports a table.

Performance itself is never asserted here; this keeps the runner and each benchmark's
code working, so that ``python benchmarks/run.py --compare`` stays one command.
"""

import json
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
RUN = ROOT / "benchmarks" / "run.py"
sys.path.insert(0, str(ROOT / "benchmarks"))

import run  # noqa: E402


@pytest.mark.parametrize("name", run.ORDER)
def test_each_benchmark_measures_every_metric(name):
    done = subprocess.run([sys.executable, str(RUN), "--worker", "--only", name, "--impl", "scopeflow", "--quick"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    metrics = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(metrics) == set(run.case(name).METRICS)
    assert all(value >= 0 for value in metrics.values())


@pytest.mark.parametrize("name", [n for n in run.ORDER if "jax" in run.case(n).IMPLS])
def test_each_hand_written_jax_step_measures_every_metric(name):
    pytest.importorskip("jax")
    done = subprocess.run([sys.executable, str(RUN), "--worker", "--only", name, "--impl", "jax", "--quick"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    metrics = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(metrics) == set(run.case(name).METRICS)
    assert all(value > 0 for value in metrics.values() if value == value)  # NaN: no counterpart (build_ms)


def test_table_reports_speedups_and_targets():
    results = {"build": {"scopeflow": {"build_ms": 10.0, "us_per_op": 5.0, "us_per_reused_get_variable": 2.0},
                         "tensorflow": {"build_ms": 300.0, "us_per_op": 150.0, "us_per_reused_get_variable": 10.0}}}
    text = run.table(results, ["scopeflow", "tensorflow"])
    assert "| build | build_ms (ms) | 10 | 300 | 30.00x | >= 25x vs TF: met |" in text
    assert "| build | us_per_reused_get_variable (us) | 2 | 10 | 5.00x | >= 10x vs TF: MISSED |" in text


def test_write_readme_replaces_only_the_marked_section(tmp_path, monkeypatch):
    readme = tmp_path / "README.md"
    readme.write_text(f"intro\n{run.START}\nold\n{run.END}\noutro\n")
    monkeypatch.setattr(run, "README", readme)
    run.write_readme("new table")
    assert readme.read_text() == f"intro\n{run.START}\nnew table\n{run.END}\noutro\n"


def test_unknown_benchmark_is_refused():
    done = subprocess.run([sys.executable, str(RUN), "--only", "nope"], capture_output=True, text=True,
                          cwd=ROOT, timeout=60, check=False)
    assert done.returncode == 2 and "unknown benchmark(s) nope" in done.stderr


def test_table_reports_the_jax_target_against_tf_and_hand_written_jax():
    rows = {"scopeflow": (4.0, 2.0, 4.0, 300.0), "tensorflow": (100.0, 1.0, 2.0, 200.0),
            "scopeflow-jax": (4.0, 0.5, 1.5, 900.0), "jax": (float("nan"), 0.5, 1.0, 800.0)}
    results = {"rnn_unrolled": {impl: dict(zip(run.case("rnn_unrolled").METRICS, row)) for impl, row in rows.items()}}
    text = run.table(results, ["scopeflow", "tensorflow", "scopeflow-jax", "jax"])
    assert ("| rnn_unrolled | forward_ms (ms) | 2 | 1 | 0.5 | 0.5 | 0.50x | 2.00x | >= 1.0x vs TF: MISSED; "
            "JAX target >= 1.0x vs TF: met; JAX target >= 0.91x vs hand-written JAX: met |") in text
    assert "| rnn_unrolled | build_ms (ms) | 4 | 100 | 4 |  | 25.00x | 25.00x | >= 10x vs TF: met |" in text
    assert "JAX target >= 0.91x vs hand-written JAX: MISSED" in text  # forward_backward: 1.0 / 1.5
    assert "| rnn_unrolled | first_forward_backward_ms (ms) | 300 | 200 | 900 | 800 | 0.67x | 0.22x |  |" in text
