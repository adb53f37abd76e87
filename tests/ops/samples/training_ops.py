"""The fused training ops update variables in place, so they need variables: each is checked
against a plain NumPy update, step by step, in tests/training/test_optim_training_ops.py and
test_ftrl_training_ops.py, and against TensorFlow in tests/conformance/cases/optimizers.py.
The samples here (the variables' initializers run first, in the sampled step) compare the two
targets on one update (``tests/jax/test_lowerings.py``)."""

import numpy as np

from scopeflow._src.ops.state import training_ops_ftrl as ftrl
from tests.ops.samples import F64, POS, exempt, sample

for _op in ("ApplyGradientDescent", "ApplyProximalGradientDescent", "ApplyMomentum", "ApplyAdagrad", "ApplyAdam",
            "ApplyRMSProp", "ApplyCenteredRMSProp", "ApplyAdadelta"):
    exempt(_op, "updates variables in place (no gradient, as in TF); tests/training/test_optim_training_ops.py "
                "and tests/conformance/cases/optimizers.py")


def updated(tf, apply, *initial):
    """``apply(*variables)`` on variables holding ``initial`` (the variable, then its slots),
    after their initializers, and the slots' values after it: one update, from known values."""
    refs = [tf.Variable(v, name=f"v{i}") for i, v in enumerate(initial)]
    with tf.control_dependencies([r.initializer for r in refs]):
        out = apply(*refs)
    with tf.control_dependencies([out]):
        return [out] + [tf.identity(r) for r in refs[1:]]


VAR, LINEAR, GACC = F64(3, 2, seed=1), F64(3, 2, seed=2), F64(3, 2, seed=3)
ACCUM = POS(3, 2, seed=4)
HYPER = [np.float64(0.3), np.float64(0.25), np.float64(0.02)]  # lr, l1, l2


@sample("ApplyFtrl", [F64(3, 2, seed=5)] + HYPER + [np.float64(-0.5)], grad=False)
def _(tf, grad, lr, l1, l2, lr_power):
    return updated(tf, lambda *v: ftrl.apply_ftrl(*v, grad, lr, l1, l2, lr_power), VAR, ACCUM, LINEAR)


@sample("ApplyFtrl", [F64(3, 2, seed=6).astype(np.float32)] + [np.float32(h) for h in HYPER] + [np.float32(-0.6)],
        grad=False)
def _(tf, grad, lr, l1, l2, lr_power):
    return updated(tf, lambda *v: ftrl.apply_ftrl(*v, grad, lr, l1, l2, lr_power, multiply_linear_by_lr=True),
                   *(x.astype(np.float32) for x in (VAR, ACCUM, LINEAR)))


@sample("ApplyFtrlV2", [F64(3, 2, seed=7)] + HYPER + [np.float64(0.1), np.float64(-0.5)], grad=False)
def _(tf, grad, lr, l1, l2, shrinkage, lr_power):
    return updated(tf, lambda *v: ftrl.apply_ftrl_v2(*v, grad, lr, l1, l2, shrinkage, lr_power), VAR, ACCUM, LINEAR)


@sample("ApplyFtrlV2", [F64(3, 2, seed=8)] + HYPER + [np.float64(0.1), np.float64(-0.7)], grad=False)
def _(tf, grad, lr, l1, l2, shrinkage, lr_power):
    return updated(tf, lambda *v: ftrl.apply_ftrl_v2(*v, grad, lr, l1, l2, shrinkage, lr_power,
                                                     multiply_linear_by_lr=True), VAR, ACCUM, LINEAR)


@sample("ApplyProximalAdagrad", [F64(3, 2, seed=9)] + HYPER, grad=False)
def _(tf, grad, lr, l1, l2):
    return updated(tf, lambda *v: ftrl.apply_proximal_adagrad(*v, lr, l1, l2, grad), VAR, ACCUM)


@sample("ApplyProximalAdagrad", [F64(3, 2, seed=10), np.float64(0.3), np.float64(0.0), np.float64(0.02)], grad=False)
def _(tf, grad, lr, l1, l2):
    return updated(tf, lambda *v: ftrl.apply_proximal_adagrad(*v, lr, l1, l2, grad), VAR, ACCUM)


@sample("ApplyAdagradDA", [F64(3, 2, seed=11)] + HYPER + [np.int64(3)], grad=False)
def _(tf, grad, lr, l1, l2, step):
    return updated(tf, lambda *v: ftrl.apply_adagrad_da(*v, grad, lr, l1, l2, step), VAR, GACC, ACCUM)


@sample("ApplyAdagradDA", [F64(3, 2, seed=12).astype(np.float32), np.float32(0.3), np.float32(0.0),
                           np.float32(0.02), np.int64(5)], grad=False)
def _(tf, grad, lr, l1, l2, step):
    return updated(tf, lambda *v: ftrl.apply_adagrad_da(*v, grad, lr, l1, l2, step),
                   *(x.astype(np.float32) for x in (VAR, GACC, ACCUM)))
