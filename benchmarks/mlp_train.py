"""Training-step cost: a 784-512-512-10 ReLU MLP, softmax cross-entropy, Adam, batch 256.

Three implementations of the same step, from the same initial weights and batches:

* ``scopeflow``: TF1 code (``matmul + b``, ``tf.nn.relu``,
  ``softmax_cross_entropy_with_logits_v2``, ``reduce_mean``, ``AdamOptimizer.minimize``),
  run with ``sess.run([train_op, loss], feed_dict)``;
* ``tensorflow``: the same code under ``tensorflow.compat.v1``;
* ``numpy``: a hand-written forward, backward and Adam step in NumPy (float32, in place
  where NumPy allows), the practical limit for a NumPy engine. It skips the gradient with
  respect to the input batch, as TensorFlow's runtime does: the graph builds it (with
  ``minimize``'s default ``GATE_OP`` it is a control input of the first layer's gradient
  ``tuple``), but TF's graph optimizer prunes it, so it never runs (a run trace shows only
  ``MatMul_grad/MatMul_1``). ``--input-grad`` adds it to the NumPy step (about a fifth of
  the step), to measure an engine that does not prune it.

Reported (median of ``--repeat`` timed blocks of ``--steps`` steps, after warm-up):
``ms_per_step``, ``steps_per_s`` and the final ``loss`` (the implementations must agree).
On a busy machine, ``--threads 1 --cpu-time`` (one BLAS / TF thread, process CPU time)
measures the work per step rather than the wait for a core.

Usage::

    python benchmarks/mlp_train.py                              # scopeflow
    python benchmarks/mlp_train.py --impl numpy
    ~/tfref/bin/python benchmarks/mlp_train.py --impl tensorflow
    python benchmarks/mlp_train.py --compare --tf-python ~/tfref/bin/python   # A B C A B C ...
    python benchmarks/mlp_train.py --profile                    # cProfile of the scopeflow steps
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

_THREAD_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "TF_NUM_INTRAOP_THREADS",
                "TF_NUM_INTEROP_THREADS")
if "--threads" in sys.argv[:-1]:  # before NumPy loads its BLAS, which reads these once
    for _var in _THREAD_VARS:
        os.environ[_var] = sys.argv[sys.argv.index("--threads") + 1]

import numpy as np  # noqa: E402

SIZES = (784, 512, 512, 10)
IMPLS = ("scopeflow", "tensorflow", "numpy")
METRICS = ("ms_per_step", "steps_per_s", "loss")


def make_data(batch, n_batches, seed=0):
    rng = np.random.default_rng(seed)
    xs = rng.standard_normal((n_batches, batch, SIZES[0])).astype(np.float32)
    labels = rng.integers(0, SIZES[-1], size=(n_batches, batch))
    ys = np.eye(SIZES[-1], dtype=np.float32)[labels]
    return xs, ys


def init_params(seed=1):
    """Glorot-uniform weights and zero biases, as ``[w1, b1, w2, b2, w3, b3]``."""
    rng = np.random.default_rng(seed)
    params = []
    for fan_in, fan_out in zip(SIZES[:-1], SIZES[1:]):
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        params.append(rng.uniform(-limit, limit, (fan_in, fan_out)).astype(np.float32))
        params.append(np.zeros(fan_out, np.float32))
    return params


# -- the graph implementations (scopeflow and TensorFlow share the code) ----------------------
def load(impl):
    if impl == "tensorflow":
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        import tensorflow.compat.v1 as tf

        tf.disable_v2_behavior()
        return tf
    import scopeflow as tf

    return tf


def graph_step(tf, batch, lr):
    """Build the model; return (a step function ``f(x, y) -> loss``, the session)."""
    x = tf.placeholder(tf.float32, [None, SIZES[0]], name="x")
    y = tf.placeholder(tf.float32, [None, SIZES[-1]], name="y")
    h = x
    params = init_params()
    for i in range(3):
        with tf.variable_scope(f"layer{i}"):
            w = tf.get_variable("w", initializer=tf.constant(params[2 * i]))
            b = tf.get_variable("b", initializer=tf.constant(params[2 * i + 1]))
            h = tf.matmul(h, w) + b
            if i < 2:
                h = tf.nn.relu(h)
    loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=y, logits=h))
    train = tf.train.AdamOptimizer(lr).minimize(loss)
    threads = int(os.environ.get("TF_NUM_INTRAOP_THREADS", "0"))
    config = tf.ConfigProto(intra_op_parallelism_threads=threads, inter_op_parallelism_threads=threads) \
        if threads and hasattr(tf, "ConfigProto") else None
    sess = tf.Session(config=config)
    sess.run(tf.global_variables_initializer())

    def step(xb, yb):
        return sess.run([train, loss], {x: xb, y: yb})[1]
    return step, sess


# -- the hand-written NumPy step ----------------------------------------------------------------
class NumpyMLP:
    """Forward, backward and Adam for the same MLP, written directly in NumPy."""

    def __init__(self, lr, beta1=0.9, beta2=0.999, eps=1e-8, input_grad=False):
        self.input_grad = input_grad
        self.params = init_params()
        self.m = [np.zeros_like(p) for p in self.params]
        self.v = [np.zeros_like(p) for p in self.params]
        self.lr, self.beta1, self.beta2, self.eps = np.float32(lr), np.float32(beta1), np.float32(beta2), \
            np.float32(eps)
        self.b1p, self.b2p = np.float32(beta1), np.float32(beta2)

    def step(self, x, y):
        w1, b1, w2, b2, w3, b3 = self.params
        h1 = x @ w1
        h1 += b1
        np.maximum(h1, 0, out=h1)
        h2 = h1 @ w2
        h2 += b2
        np.maximum(h2, 0, out=h2)
        logits = h2 @ w3
        logits += b3
        logits -= logits.max(axis=1, keepdims=True)
        e = np.exp(logits)
        s = e.sum(axis=1, keepdims=True)
        loss = float(np.mean(np.log(s[:, 0]) - np.sum(logits * y, axis=1)))
        e /= s
        e -= y
        e *= np.float32(1.0 / x.shape[0])  # d loss / d logits
        grads = [None] * 6
        grads[4] = h2.T @ e
        grads[5] = e.sum(axis=0)
        d2 = e @ w3.T
        d2 *= h2 > 0
        grads[2] = h1.T @ d2
        grads[3] = d2.sum(axis=0)
        d1 = d2 @ w2.T
        d1 *= h1 > 0
        grads[0] = x.T @ d1
        grads[1] = d1.sum(axis=0)
        if self.input_grad:
            d1 @ w1.T  # the gradient TF1 graphs build for the input (and TF's runtime prunes)
        self._adam(grads)
        return loss

    def _adam(self, grads):
        one = np.float32(1)
        alpha = self.lr * np.sqrt(one - self.b2p) / (one - self.b1p)
        for p, g, m, v in zip(self.params, grads, self.m, self.v):
            t = np.subtract(g, m)
            t *= one - self.beta1
            m += t
            np.square(g, out=t)
            t -= v
            t *= one - self.beta2
            v += t
            np.sqrt(v, out=t)
            t += self.eps
            np.divide(m, t, out=t)
            t *= alpha
            p -= t
        self.b1p *= self.beta1
        self.b2p *= self.beta2


# -- timing ---------------------------------------------------------------------------------------
def make_step(impl, batch, lr, input_grad=False):
    if impl == "numpy":
        return NumpyMLP(lr, input_grad=input_grad).step
    return graph_step(load(impl), batch, lr)[0]


def run(impl, batch, steps, repeat, warmup, lr=1e-3, cpu_time=False, input_grad=False):
    clock = time.process_time if cpu_time else time.perf_counter
    xs, ys = make_data(batch, 8)
    step = make_step(impl, batch, lr, input_grad)
    i = 0
    for _ in range(warmup):
        step(xs[i % 8], ys[i % 8])
        i += 1
    times = []
    loss = None
    for _ in range(repeat):
        start = clock()
        for _ in range(steps):
            loss = step(xs[i % 8], ys[i % 8])
            i += 1
        times.append((clock() - start) / steps)
    ms = statistics.median(times) * 1e3
    return {"ms_per_step": ms, "steps_per_s": 1e3 / ms, "loss": float(loss)}


def show(impl, medians):
    print(f"{impl:>10}: {medians['ms_per_step']:7.2f} ms/step  {medians['steps_per_s']:7.1f} steps/s  "
          f"(loss {medians['loss']:.4f})")


def compare(args):
    pythons = {"scopeflow": sys.executable, "numpy": sys.executable,
               "tensorflow": args.tf_python or sys.executable}
    impls = [i for i in IMPLS if i in args.impls.split(",")]
    results = {impl: [] for impl in impls}
    for _ in range(args.rounds):
        for impl in impls:
            cmd = [pythons[impl], __file__, "--impl", impl, "--json", "--batch", str(args.batch),
                   "--steps", str(args.steps), "--repeat", str(args.repeat), "--warmup", str(args.warmup)]
            cmd += ["--threads", str(args.threads)] if args.threads else []
            cmd += ["--cpu-time"] if args.cpu_time else []
            cmd += ["--input-grad"] if args.input_grad else []
            out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
            results[impl].append(json.loads(out.strip().splitlines()[-1]))
    medians = {impl: {m: statistics.median(r[m] for r in rs) for m in METRICS} for impl, rs in results.items()}
    print(f"784-512-512-10 MLP, Adam, batch {args.batch}: median of {args.rounds} rounds x {args.repeat} blocks "
          f"of {args.steps} steps, alternating {'/'.join(impls)}"
          + (f", {args.threads} thread(s)" if args.threads else "") + (", CPU time" if args.cpu_time else "")
          + (", numpy with the input gradient" if args.input_grad else ""))
    for impl in impls:
        show(impl, medians[impl])
    sf = medians.get("scopeflow")
    if sf and "tensorflow" in medians:
        print(f"scopeflow / tensorflow steps/s: {sf['steps_per_s'] / medians['tensorflow']['steps_per_s']:.2f}x")
    if sf and "numpy" in medians:
        print(f"scopeflow time / numpy time:    {sf['ms_per_step'] / medians['numpy']['ms_per_step']:.2f}x")


def profile(args):
    import cProfile
    import pstats

    xs, ys = make_data(args.batch, 8)
    step = make_step("scopeflow", args.batch, 1e-3)
    for i in range(args.warmup):
        step(xs[i % 8], ys[i % 8])
    prof = cProfile.Profile()
    prof.enable()
    for i in range(args.steps):
        step(xs[i % 8], ys[i % 8])
    prof.disable()
    pstats.Stats(prof).sort_stats("tottime").print_stats(25)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--impl", choices=IMPLS, default="scopeflow")
    parser.add_argument("--compare", action="store_true", help="run the implementations alternately in subprocesses")
    parser.add_argument("--impls", default=",".join(IMPLS), help="implementations for --compare")
    parser.add_argument("--tf-python", help="interpreter with TensorFlow, for --compare")
    parser.add_argument("--profile", action="store_true", help="cProfile the scopeflow training steps")
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--steps", type=int, default=20, help="steps per timed block")
    parser.add_argument("--repeat", type=int, default=5, help="timed blocks per process")
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3, help="rounds for --compare")
    parser.add_argument("--json", action="store_true", help="print medians as one JSON line")
    parser.add_argument("--threads", type=int,
                        help="BLAS threads (NumPy, scopeflow) and TF thread pools (default: the libraries' own)")
    parser.add_argument("--cpu-time", action="store_true", help="time with process CPU time, not wall time")
    parser.add_argument("--input-grad", action="store_true",
                        help="numpy: also compute the input gradient that TF1 graphs build (TF prunes it)")
    args = parser.parse_args()
    if args.compare:
        compare(args)
    elif args.profile:
        profile(args)
    else:
        medians = run(args.impl, args.batch, args.steps, args.repeat, args.warmup, cpu_time=args.cpu_time,
                      input_grad=args.input_grad)
        if args.json:
            print(json.dumps(medians))
        else:
            show(args.impl, medians)


if __name__ == "__main__":
    main()
