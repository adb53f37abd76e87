"""``mlp_train``: one Adam step of a 784-512-512-10 ReLU MLP, batch 256, fed data.

The model, data and the hand-written NumPy step are those of ``benchmarks/mlp_train.py``
(which also profiles the step and explains the comparison); the targets are issue 4's: at
least TensorFlow's steps per second, and within 15% of the NumPy step.
"""

import mlp_train as mlp
from cases.timing import per_call

NAME = "mlp_train"
IMPLS = ("scopeflow", "tensorflow", "numpy")
METRICS = {"ms_per_step": "ms"}
TARGETS = {"ms_per_step": 1.0, "numpy:ms_per_step": round(1 / 1.15, 2)}


def measure(tf, impl, quick):
    batch, steps, repeat = (16, 2, 2) if quick else (256, 10, 5)
    xs, ys = mlp.make_data(batch, 1)
    x, y = xs[0], ys[0]
    if impl == "numpy":
        step = mlp.NumpyMLP(1e-3).step
        return {"ms_per_step": per_call(lambda: step(x, y), steps, repeat) * 1e3}
    with tf.Graph().as_default():
        step, sess = mlp.graph_step(tf, batch, 1e-3)
    with sess:
        return {"ms_per_step": per_call(lambda: step(x, y), steps, repeat) * 1e3}
