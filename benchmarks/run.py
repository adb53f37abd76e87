"""scopeflow's benchmarks, side by side with TensorFlow 2.21 and a hand-written NumPy step.

Usage::

    python benchmarks/run.py                                  # every benchmark on scopeflow
    python benchmarks/run.py --impl tensorflow --only build   # one benchmark on real TF
    python benchmarks/run.py --compare                        # scopeflow vs TF (vs NumPy), A B A B
    python benchmarks/run.py --compare --write-readme         # ... and refresh the README table
    python benchmarks/run.py --compare --jax --only mlp_train # ... with the JAX target and a hand-written JAX step

Every measurement runs in a fresh subprocess (``--worker``), so imports, caches and memory
do not leak between implementations. ``--compare`` runs the implementations alternately,
round after round (A B A B ...), and reports medians over rounds and the speedups
(TensorFlow's time divided by scopeflow's), so a noisy machine cannot favour one side; each
round starts with the next implementation, so none always runs right after another's load.
TensorFlow is never required: ``--tf-python`` (default: ``$SCOPEFLOW_TF_PYTHON`` or
``~/tfref/bin/python``) names an interpreter that has it, and is skipped when absent.

The benchmarks live in ``benchmarks/cases/``; each module has ``NAME``, ``IMPLS``,
``METRICS`` (name -> unit, lower is better), ``TARGETS`` (metric -> required speedup over
TensorFlow, or over NumPy for ``numpy:`` keys) and ``measure(tf, impl, quick) -> dict``.
Benchmarks of the JAX target (``--jax``) also list ``scopeflow-jax`` (the same TF1 code on
``SCOPEFLOW_TARGET=jax``) and ``jax`` (a hand-written ``jax.jit`` step, ``cases/jax_steps.py``)
in ``IMPLS``, and give that target's requirements in ``JAX_TARGETS`` (over TensorFlow, or over
the hand-written step for ``jax:`` keys).
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import json
import os
import pathlib
import platform
import statistics
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
ORDER = ("import", "build", "run_overhead", "mlp_train", "cnn_train", "rnn_unrolled", "dynamic_rnn", "while_loop",
         "checkpoint", "graph_def", "summary_writer", "data_pipeline", "parse_examples", "sparse_train", "word2vec")
README = HERE.parent / "README.md"
START, END = "<!-- benchmarks:start -->", "<!-- benchmarks:end -->"


def case(name):
    return importlib.import_module(f"cases.{name}")


def load_tf(impl):
    """The module a benchmark uses as ``tf`` (``None`` for the NumPy reference)."""
    if impl == "tensorflow":
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
        import tensorflow.compat.v1 as tf

        tf.disable_v2_behavior()
        tf.logging.set_verbosity(tf.logging.ERROR)
        return tf
    if impl in ("scopeflow", "scopeflow-jax"):
        if impl == "scopeflow-jax":
            os.environ["SCOPEFLOW_TARGET"] = "jax"  # this worker process only
        import scopeflow as tf

        return tf
    return None


def worker(name, impl, quick):
    """Measure one benchmark in this (fresh) process and print its metrics as JSON."""
    module = case(name)
    tf = None if getattr(module, "OWN_IMPORT", False) else load_tf(impl)
    print(json.dumps(module.measure(tf, impl, quick)))


def tf_python(arg):
    for candidate in (arg, os.environ.get("SCOPEFLOW_TF_PYTHON"), os.path.expanduser("~/tfref/bin/python")):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


def spawn(python, name, impl, quick):
    cmd = [python, str(HERE / "run.py"), "--worker", "--only", name, "--impl", impl] + (["--quick"] if quick else [])
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=HERE.parent)
    if done.returncode != 0:
        raise RuntimeError(f"{name} on {impl} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def byte_compile(python):
    """Compile scopeflow's modules as an installation does (pip compiles TensorFlow's): an
    editable checkout under ``PYTHONDONTWRITEBYTECODE`` would otherwise recompile every
    module on every import, and the import benchmark would measure the compiler."""
    import scopeflow
    subprocess.run([python, "-m", "compileall", "-q", str(pathlib.Path(scopeflow.__file__).parent)], check=True)


def collect(names, impls, rounds, quick, pythons):
    """``{name: {impl: {metric: median}}}`` over ``rounds`` alternating rounds."""
    if "import" in names and "scopeflow" in impls:
        byte_compile(pythons["scopeflow"])
    runs = {n: {i: [] for i in impls if i in case(n).IMPLS} for n in names}
    for r in range(rounds):
        for n in names:
            order = list(runs[n])
            for impl in order[r % len(order):] + order[:r % len(order)]:  # each round starts with another one
                print(f"  round {r + 1}/{rounds}: {n} on {impl}", file=sys.stderr, flush=True)
                runs[n][impl].append(spawn(pythons[impl], n, impl, quick))
    return {n: {i: {m: statistics.median(run[m] for run in rs) for m in rs[0]} for i, rs in by.items() if rs}
            for n, by in runs.items()}


def speedup(results, name, metric, base="tensorflow", ours="scopeflow"):
    by = results[name]
    if base not in by or ours not in by:
        return None
    mine, theirs = by[ours][metric], by[base][metric]
    return theirs / mine if mine else None


_BASES = {"tensorflow": "TF", "numpy": "NumPy", "jax": "hand-written JAX"}


def table(results, impls):
    """The results as a Markdown table: medians per implementation and the speedups (of the
    JAX target too, when it was measured)."""
    jax = "scopeflow-jax" in impls
    head = ["benchmark", "metric"] + list(impls) + ["speedup vs TF"] + (["JAX target vs TF"] if jax else []) \
        + ["target"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, by in results.items():
        module = case(name)
        for metric, unit in module.METRICS.items():
            cells = [name, f"{metric} ({unit})"]
            cells += [_fmt(by[i][metric]) if i in by else "" for i in impls]
            for ours in ("scopeflow", "scopeflow-jax")[:1 + jax]:
                ratio = speedup(results, name, metric, ours=ours)
                cells.append("" if ratio is None else f"{ratio:.2f}x")
            targets = [_target(results, name, metric, module.TARGETS)]
            if jax:
                targets.append(_target(results, name, metric, getattr(module, "JAX_TARGETS", {}), "scopeflow-jax"))
            cells.append("; ".join(t for t in targets if t))
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _target(results, name, metric, targets, ours="scopeflow"):
    parts = []
    for key, want in targets.items():
        base, _, m = key.rpartition(":")
        if m != metric:
            continue
        ratio = speedup(results, name, metric, base or "tensorflow", ours)
        label = f"{'JAX target ' if ours != 'scopeflow' else ''}>= {want}x vs {_BASES[base or 'tensorflow']}"
        parts.append(label if ratio is None else f"{label}: {'met' if ratio >= want else 'MISSED'}")
    return "; ".join(parts)


def _fmt(value):
    if value != value:  # NaN: a metric this implementation has no counterpart of
        return ""
    return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"


def machine():
    import numpy

    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return (f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, NumPy {numpy.__version__} "
            f"with {blas()}, {platform.system()} {platform.release()}")


def jax_device():
    """JAX's version and the device it runs the JAX target's steps on."""
    import jax
    device = jax.devices()[0]
    return f"JAX {jax.__version__} ({device.platform}: {getattr(device, 'device_kind', device)})"


def blas():
    """NumPy's BLAS and the kernels it runs, which decide the training benchmarks: a machine
    may force OpenBLAS's kernels for an older CPU through ``OPENBLAS_CORETYPE``."""
    try:
        from threadpoolctl import threadpool_info
        info = next(i for i in threadpool_info() if i.get("user_api") == "blas")
    except (ImportError, StopIteration):
        return "an unknown BLAS"
    forced = os.environ.get("OPENBLAS_CORETYPE")
    return (f"{info.get('internal_api')} {info.get('version')} ({info.get('architecture') or 'default'} kernels"
            + (f", OPENBLAS_CORETYPE={forced})" if forced else ")"))


def write_readme(text):
    content = README.read_text()
    if START not in content or END not in content:
        raise SystemExit(f"README.md has no {START} ... {END} section to replace")
    before, rest = content.split(START, 1)
    after = rest.split(END, 1)[1]
    tmp = README.with_suffix(".md.tmp")
    tmp.write_text(before + START + "\n" + text + "\n" + END + after)
    tmp.replace(README)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--impl", choices=("scopeflow", "tensorflow", "numpy", "scopeflow-jax", "jax"),
                        default="scopeflow")
    parser.add_argument("--only", help="comma-separated benchmark names (default: all)")
    parser.add_argument("--compare", action="store_true", help="alternate scopeflow, TensorFlow and NumPy")
    parser.add_argument("--jax", action="store_true",
                        help="with --compare: also the JAX target and a hand-written JAX step (needs scopeflow[jax])")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds for --compare")
    parser.add_argument("--tf-python", help="an interpreter with TensorFlow 2.21, for --compare")
    parser.add_argument("--quick", action="store_true", help="small sizes: checks that everything runs")
    parser.add_argument("--write-readme", action="store_true", help="put the --compare table into README.md")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    names = args.only.split(",") if args.only else list(ORDER)
    unknown = sorted(set(names) - set(ORDER))
    if unknown:
        parser.error(f"unknown benchmark(s) {', '.join(unknown)}; choose from {', '.join(ORDER)}")
    if args.worker:
        return worker(names[0], args.impl, args.quick)
    pythons = {impl: sys.executable for impl in ("scopeflow", "numpy", "scopeflow-jax", "jax")}
    impls = [args.impl]
    if args.compare:
        impls = ["scopeflow", "tensorflow", "numpy"] + (["scopeflow-jax", "jax"] if args.jax else [])
        pythons["tensorflow"] = tf_python(args.tf_python)
        if pythons["tensorflow"] is None:
            print("TensorFlow not found (--tf-python): comparing with NumPy only", file=sys.stderr)
            impls.remove("tensorflow")
    elif args.impl == "tensorflow":
        pythons["tensorflow"] = tf_python(args.tf_python) or sys.executable
    results = collect(names, impls, args.rounds if args.compare else 1, args.quick, pythons)
    date = datetime.date.today().isoformat()
    rounds = args.rounds if args.compare else 1
    jax = f"; JAX target on {jax_device()}" if "scopeflow-jax" in impls else ""
    text = (f"Measured {date} on {machine()}{jax}; medians of {rounds} alternating round(s), "
            f"each in a fresh process.\n\n{table(results, impls)}")
    print(text)
    if args.write_readme:
        if not args.compare:
            parser.error("--write-readme needs --compare")
        write_readme(text)


if __name__ == "__main__":
    main()
