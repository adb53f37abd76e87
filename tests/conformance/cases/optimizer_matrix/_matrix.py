"""The matrix's model and its case factory (no cases here)."""

import numpy as np

from tests.conformance.harness import case, raises

SHAPES = {"0d": [], "1d": [3], "2d": [2, 3]}
DTYPES = ("float16", "float32", "float64")
STEPS = 3


def _initial(shape):
    n = int(np.prod(shape)) if shape else 1
    return (np.linspace(-1.0, 1.5, n) if n > 1 else np.array([0.75])).reshape(shape)


def _target(shape):
    n = int(np.prod(shape)) if shape else 1
    return (np.linspace(0.5, -0.25, n) if n > 1 else np.array([-0.5])).reshape(shape)


def train_values(tf, make_optimizer, shape, dtype, steps=STEPS, global_step=False):
    """Values of the variable (and of the loss) after each step, and the slots after the last."""
    dt = getattr(tf, dtype)
    w = tf.Variable(_initial(shape).astype(dtype), name="w")
    scale = tf.constant(np.full(shape, 1.5, dtype=dtype))
    # the loss is summed in float32: TF sums float16 elements in float16, in Eigen's order
    diff = tf.cast(w * scale - tf.constant(_target(shape).astype(dtype), dtype=dt), tf.float32)
    loss = tf.reduce_sum(tf.square(diff))
    opt = make_optimizer(tf)
    gs = tf.train.get_or_create_global_step() if global_step else None
    train = opt.minimize(loss, global_step=gs)
    out = {"w": [], "loss": []}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(steps):
            out["loss"].append(sess.run(loss))
            sess.run(train)
            out["w"].append(sess.run(w))
        out["slots"] = {name: sess.run(opt.get_slot(w, name)) for name in opt.get_slot_names()}
    return out


def _run_error_line(result):
    """A run-time error kept as its class and the kernel's sentence (TF puts the node's
    definition trace before it, and the node's attributes after ``with these attrs``)."""
    message = result.get("message", "")
    if "error" in result and message.startswith("Graph execution error"):
        lines = message.splitlines()
        node = next((i for i, line in enumerate(lines) if line.startswith("Node: ")), None)
        sentence = lines[node + 1] if node is not None and node + 1 < len(lines) else ""
        result = {"error": result["error"], "message": sentence.split(" with these attrs")[0]}
    return result


def add_cases(module_globals, optimizers, global_step=()):
    """Register one case ``<optimizer>_<rank>_<dtype>`` per cell of the matrix in the calling module."""
    for opt_name, make in optimizers.items():
        for rank, shape in SHAPES.items():
            for dtype in DTYPES:
                def fn(tf, _make=make, _shape=shape, _dtype=dtype, _gs=opt_name in global_step):
                    return _run_error_line(raises(train_values, tf, _make, _shape, _dtype, global_step=_gs))
                fn.__name__ = fn.__qualname__ = f"{opt_name}_{rank}_{dtype}"
                fn.__module__ = module_globals["__name__"]
                module_globals[fn.__name__] = case(fn)
