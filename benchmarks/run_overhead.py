"""Session.run overhead: what a call costs beyond the arithmetic it asks for.

Cases (each the median over ``--repeat`` timed batches of ``--calls`` calls, in us per call):

* ``feed_add_us``: ``sess.run(a + b, feed_dict={a: 1.0, b: 2.0})`` with two float32 scalar
  placeholders (the tensor ``a + b`` is built once, outside the loop);
* ``const_us``: ``sess.run(c)`` for a scalar constant;
* ``callable_us``: ``make_callable(a + b, [a, b])(1.0, 2.0)``;
* ``chain_us_per_op``: a chain of 200 scalar ``AddV2`` ops fetched at the end, per op;
* ``mlp_us`` and ``numpy_mlp_us``: one training-like step of a 3-layer MLP (batch 64,
  784-128-64-10, fed inputs and labels; forward, softmax cross-entropy, backward by hand
  as matmuls/elementwise ops, and ``assign_sub`` updates of six variables), next to the
  same arithmetic written directly in NumPy (measured in the scopeflow process only:
  TensorFlow's own thread pools slow NumPy down in its process).

Usage::

    python benchmarks/run_overhead.py                       # scopeflow (TensorFlow not needed)
    python benchmarks/run_overhead.py --impl tensorflow     # real TF (tensorflow.compat.v1)
    python benchmarks/run_overhead.py --compare --tf-python ~/tfref/bin/python [--blas-threads 1]

``--compare`` runs the implementations alternately (A B A B) in subprocesses and prints
the medians side by side with the ratios scopeflow / TensorFlow.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import numpy as np

METRICS = ("feed_add_us", "const_us", "callable_us", "chain_us_per_op", "mlp_us", "numpy_mlp_us")
CHAIN = 200


def load(impl):
    if impl == "tensorflow":
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        import tensorflow.compat.v1 as tf

        tf.disable_v2_behavior()
        return tf
    import scopeflow as tf

    return tf


def per_call_us(fn, calls, repeat):
    fn()  # warm-up: plan compilation and first-call caches are not what we measure
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        times.append((time.perf_counter() - start) * 1e6 / calls)
    return statistics.median(times)


def small_cases(tf, calls, repeat):
    graph = tf.Graph()
    with graph.as_default():
        a = tf.placeholder(tf.float32, [], name="a")
        b = tf.placeholder(tf.float32, [], name="b")
        total = a + b
        c = tf.constant(1.0)
        x = tf.constant(0.5)
        for _ in range(CHAIN):
            x = x + 1.0
        sess = tf.Session(graph=graph)
    feed = {a: 1.0, b: 2.0}
    call = sess.make_callable(total, [a, b])
    out = {
        "feed_add_us": per_call_us(lambda: sess.run(total, feed_dict={a: 1.0, b: 2.0}), calls, repeat),
        "const_us": per_call_us(lambda: sess.run(c), calls, repeat),
        "callable_us": per_call_us(lambda: call(1.0, 2.0), calls, repeat),
        "chain_us_per_op": per_call_us(lambda: sess.run(x), max(calls // 20, 10), repeat) / CHAIN,
    }
    assert sess.run(total, feed_dict=feed) == 3.0
    sess.close()
    return out


def mlp_data(batch=64, sizes=(784, 128, 64, 10), seed=0):
    rng = np.random.RandomState(seed)
    xs = rng.rand(batch, sizes[0]).astype(np.float32)
    labels = np.eye(sizes[-1], dtype=np.float32)[rng.randint(0, sizes[-1], batch)]
    weights = [(rng.randn(m, n) * 0.05).astype(np.float32) for m, n in zip(sizes[:-1], sizes[1:])]
    return xs, labels, weights


def mlp_graph(tf, xs, labels, weights, lr=0.1):
    """The training step as graph ops (backward written out: tf.gradients is not used)."""
    x = tf.placeholder(tf.float32, [None, xs.shape[1]], name="x")
    y = tf.placeholder(tf.float32, [None, labels.shape[1]], name="y")
    ws = [tf.Variable(w) for w in weights]
    bs = [tf.Variable(np.zeros(w.shape[1], np.float32)) for w in weights]
    acts, h = [x], x
    for i, (w, b) in enumerate(zip(ws, bs)):
        z = tf.matmul(h, w) + b
        h = tf.maximum(z, 0.0) if i < len(ws) - 1 else z
        acts.append(h)
    shifted = h - tf.reduce_max(h, axis=1, keepdims=True)
    e = tf.exp(shifted)
    probs = e / tf.reduce_sum(e, axis=1, keepdims=True)
    loss = -tf.reduce_mean(tf.reduce_sum(y * tf.log(probs + 1e-9), axis=1))
    grad = (probs - y) / float(xs.shape[0])
    updates = []
    for i in reversed(range(len(ws))):
        gw = tf.matmul(acts[i], grad, transpose_a=True)
        gb = tf.reduce_sum(grad, axis=0)
        if i > 0:
            grad = tf.matmul(grad, ws[i], transpose_b=True) * tf.cast(acts[i] > 0.0, tf.float32)
        updates += [tf.assign_sub(ws[i], lr * gw), tf.assign_sub(bs[i], lr * gb)]
    return x, y, loss, tf.group(*updates)


def numpy_step(xs, labels, ws, bs, lr=0.1):
    acts, h = [xs], xs
    for i, (w, b) in enumerate(zip(ws, bs)):
        z = h @ w + b
        h = np.maximum(z, 0.0) if i < len(ws) - 1 else z
        acts.append(h)
    e = np.exp(h - h.max(axis=1, keepdims=True))
    probs = e / e.sum(axis=1, keepdims=True)
    loss = -np.mean(np.sum(labels * np.log(probs + 1e-9), axis=1))
    grad = (probs - labels) / np.float32(xs.shape[0])
    for i in reversed(range(len(ws))):
        gw = acts[i].T @ grad
        gb = grad.sum(axis=0)
        if i > 0:
            grad = (grad @ ws[i].T) * (acts[i] > 0).astype(np.float32)
        ws[i] -= np.float32(lr) * gw
        bs[i] -= np.float32(lr) * gb
    return loss


def mlp_cases(tf, calls, repeat, with_numpy):
    xs, labels, weights = mlp_data()
    graph = tf.Graph()
    with graph.as_default():
        x, y, loss, train = mlp_graph(tf, xs, labels, weights)
        init = tf.global_variables_initializer()
        sess = tf.Session(graph=graph)
    sess.run(init)
    ws = [w.copy() for w in weights]
    bs = [np.zeros(w.shape[1], np.float32) for w in weights]
    n = max(calls // 50, 20)
    out = {"mlp_us": per_call_us(lambda: sess.run([loss, train], feed_dict={x: xs, y: labels}), n, repeat)}
    if with_numpy:
        out["numpy_mlp_us"] = per_call_us(lambda: numpy_step(xs, labels, ws, bs), n, repeat)
    sess.close()
    return out


def run(impl, calls, repeat):
    tf = load(impl)
    out = small_cases(tf, calls, repeat)
    out.update(mlp_cases(tf, calls, repeat, with_numpy=impl == "scopeflow"))
    return out


def show(impl, m):
    print(f"{impl:>10}: feed a+b {m['feed_add_us']:7.1f} us  const {m['const_us']:7.1f} us  "
          f"callable {m['callable_us']:7.1f} us  chain {m['chain_us_per_op']:6.2f} us/op  "
          f"mlp step {m['mlp_us']:7.1f} us" + (
              f" (NumPy by hand {m['numpy_mlp_us']:7.1f} us: x{m['mlp_us'] / m['numpy_mlp_us']:.2f})"
              if "numpy_mlp_us" in m else ""))


def compare(args):
    pythons = {"scopeflow": sys.executable, "tensorflow": os.path.expanduser(args.tf_python or sys.executable)}
    results = {"scopeflow": [], "tensorflow": []}
    for _ in range(args.rounds):
        for impl in ("scopeflow", "tensorflow"):
            cmd = [pythons[impl], __file__, "--impl", impl, "--json", "--calls", str(args.calls),
                   "--repeat", str(args.repeat)]
            env = dict(os.environ)
            if args.blas_threads:
                for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
                    env[var] = str(args.blas_threads)
            proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
            if proc.returncode != 0:
                sys.exit(f"{impl} run failed:\n{proc.stderr[-2000:]}")
            results[impl].append(json.loads(proc.stdout.strip().splitlines()[-1]))
    medians = {impl: {m: statistics.median(r[m] for r in rs) for m in METRICS if m in rs[0]}
               for impl, rs in results.items()}
    print(f"median of {args.rounds} rounds x {args.repeat} batches x {args.calls} calls, "
          "alternating scopeflow/tensorflow")
    for impl in ("scopeflow", "tensorflow"):
        show(impl, medians[impl])
    sf, tf = medians["scopeflow"], medians["tensorflow"]
    print("scopeflow / tensorflow: " + "  ".join(
        f"{m} {sf[m] / tf[m]:.3f}x" for m in ("feed_add_us", "const_us", "callable_us", "chain_us_per_op", "mlp_us")))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--impl", choices=("scopeflow", "tensorflow"), default="scopeflow")
    parser.add_argument("--compare", action="store_true", help="run both implementations alternately")
    parser.add_argument("--tf-python", help="interpreter with TensorFlow, for --compare")
    parser.add_argument("--calls", type=int, default=2000, help="calls per timed batch (small cases)")
    parser.add_argument("--repeat", type=int, default=7, help="timed batches per case")
    parser.add_argument("--rounds", type=int, default=2, help="A B rounds for --compare")
    parser.add_argument("--json", action="store_true", help="print medians as one JSON line")
    parser.add_argument("--blas-threads", type=int, default=0,
                        help="with --compare: limit BLAS/OpenMP threads in both subprocesses (0: leave as is); "
                             "on a loaded 2-core machine, 2 spinning OpenBLAS threads make NumPy erratic")
    args = parser.parse_args()
    if args.compare:
        compare(args)
        return
    medians = run(args.impl, args.calls, args.repeat)
    if args.json:
        print(json.dumps(medians))
    else:
        show(args.impl, medians)


if __name__ == "__main__":
    main()
