"""Graph-construction cost: a deep model, then a second tower that reuses every variable.

Each layer ``i`` is ``with variable_scope(f"layer{i}")``: ``w`` [64, 64], ``b`` [64] (zeros),
``x = matmul(x, w) + b``. The reuse tower re-enters every scope with ``reuse=True`` and
builds the same ops on the shared variables. Reported (median of ``--repeat`` runs):

* ``build_ms``: wall time of the whole build (both towers) in a fresh graph;
* ``us_per_op``: ``build_ms`` divided by ``len(graph.get_operations())``;
* ``us_per_reuse_get_variable``: time spent inside the reuse tower's ``get_variable`` calls
  only, per call.

Usage::

    python benchmarks/build.py                       # scopeflow (TensorFlow not needed)
    python benchmarks/build.py --impl tensorflow     # real TF (tensorflow.compat.v1)
    python benchmarks/build.py --compare             # both, alternately A B A B, in subprocesses

``--compare`` runs the scopeflow side with this interpreter and the TensorFlow side with
``--tf-python`` (default: this interpreter).
"""

import argparse
import json
import statistics
import subprocess
import sys
import time

METRICS = ("build_ms", "us_per_op", "us_per_reuse_get_variable", "ops")


def load(impl):
    if impl == "tensorflow":
        import tensorflow.compat.v1 as tf

        tf.disable_v2_behavior()
        return tf
    import scopeflow as tf

    return tf


def build_once(tf, layers, width):
    graph = tf.Graph()
    perf = time.perf_counter
    reuse_time = 0.0
    start = perf()
    with graph.as_default():
        x = tf.placeholder(tf.float32, [None, width], name="x")
        h = x
        for i in range(layers):
            with tf.variable_scope(f"layer{i}"):
                w = tf.get_variable("w", [width, width])
                b = tf.get_variable("b", [width], initializer=tf.zeros_initializer())
                h = tf.matmul(h, w) + b
        h = x
        for i in range(layers):
            with tf.variable_scope(f"layer{i}", reuse=True):
                t0 = perf()
                w = tf.get_variable("w", [width, width])
                b = tf.get_variable("b", [width], initializer=tf.zeros_initializer())
                reuse_time += perf() - t0
                h = tf.matmul(h, w) + b
    total = perf() - start
    n_ops = len(graph.get_operations())
    return {
        "build_ms": total * 1e3,
        "us_per_op": total * 1e6 / n_ops,
        "us_per_reuse_get_variable": reuse_time * 1e6 / (2 * layers),
        "ops": n_ops,
    }


def run(impl, layers, width, repeat):
    tf = load(impl)
    build_once(tf, 10, width)  # warm-up: imports, first-call caches
    runs = [build_once(tf, layers, width) for _ in range(repeat)]
    return {m: statistics.median(r[m] for r in runs) for m in METRICS}


def show(impl, medians):
    print(f"{impl:>10}: build {medians['build_ms']:9.1f} ms  "
          f"{medians['us_per_op']:7.1f} us/op  "
          f"{medians['us_per_reuse_get_variable']:7.1f} us/reused get_variable  "
          f"({int(medians['ops'])} ops)")


def compare(args):
    pythons = {"scopeflow": sys.executable, "tensorflow": args.tf_python or sys.executable}
    results = {"scopeflow": [], "tensorflow": []}
    for _ in range(args.rounds):
        for impl in ("scopeflow", "tensorflow"):
            cmd = [pythons[impl], __file__, "--impl", impl, "--json", "--layers", str(args.layers),
                   "--width", str(args.width), "--repeat", str(args.repeat)]
            out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
            results[impl].append(json.loads(out.strip().splitlines()[-1]))
    medians = {impl: {m: statistics.median(r[m] for r in rs) for m in METRICS}
               for impl, rs in results.items()}
    print(f"{args.layers} layers x 2 towers, median of {args.rounds} rounds x {args.repeat} builds, "
          "alternating scopeflow/tensorflow")
    for impl in ("scopeflow", "tensorflow"):
        show(impl, medians[impl])
    sf, tf = medians["scopeflow"], medians["tensorflow"]
    print("scopeflow / tensorflow: "
          f"build {sf['build_ms'] / tf['build_ms']:.2f}x  "
          f"per op {sf['us_per_op'] / tf['us_per_op']:.2f}x  "
          f"per reused get_variable "
          f"{sf['us_per_reuse_get_variable'] / tf['us_per_reuse_get_variable']:.2f}x")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--impl", choices=("scopeflow", "tensorflow"), default="scopeflow")
    parser.add_argument("--compare", action="store_true",
                        help="run both implementations alternately in subprocesses")
    parser.add_argument("--tf-python", help="interpreter with TensorFlow, for --compare")
    parser.add_argument("--layers", type=int, default=200)
    parser.add_argument("--width", type=int, default=64)
    parser.add_argument("--repeat", type=int, default=5, help="builds per process")
    parser.add_argument("--rounds", type=int, default=2, help="A B rounds for --compare")
    parser.add_argument("--json", action="store_true", help="print medians as one JSON line")
    args = parser.parse_args()
    if args.compare:
        compare(args)
        return
    medians = run(args.impl, args.layers, args.width, args.repeat)
    if args.json:
        print(json.dumps(medians))
    else:
        print(f"{args.layers} layers x 2 towers, median of {args.repeat} builds")
        show(args.impl, medians)


if __name__ == "__main__":
    main()
