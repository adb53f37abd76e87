"""The sparse updates (``_src/ops/state/sparse_training_ops.py``, ``training_ops_ftrl.py``): on
variables initialized in the sampled step (``training_ops.updated``), at unique and at repeated
indices (applied one after the other, in TF's order), fed or known when compiling. Their values
against plain NumPy updates are in tests/ops/test_sparse_training_ops.py and
tests/training/test_ftrl_training_ops.py, against TensorFlow in tests/conformance/cases/sparse_optimizers."""

import itertools

import numpy as np

from scopeflow._src.framework.op_builder import create
from tests.ops.samples import F64, POS, exempt, sample
from tests.ops.samples.training_ops import updated

for _op in ("ScatterAdd", "ScatterSub", "ScatterUpdate"):
    exempt(_op, "updates rows of a variable in place; tests/ops/test_sparse_training_ops.py and "
                "tests/conformance/cases/sparse_optimizers")

UNIQUE, REPEATED = [2, 0, 3], [1, 3, 1]
_SEEDS = itertools.count(10)


def _sparse(op_type, slots, order, hyper, indices, known=False, dtype=np.float64, rows=(4, 2), **attrs):
    """A sample of ``op_type`` on a variable of shape ``rows`` and its ``slots`` (functions of
    the shape giving their initial values); ``order`` names its other inputs in TF's order:
    ``grad``, ``indices`` (fed, or a constant if ``known``) and the scalars ``hyper``."""
    names = order.split()
    fed = {"grad": F64(len(indices), *rows[1:], seed=next(_SEEDS)), "indices": np.asarray(indices, np.int32),
           **hyper}
    fed = {n: v if n in ("indices", "global_step") else np.asarray(v, dtype) for n, v in fed.items()}
    initial = [np.asarray(f(rows), dtype) for f in [lambda s: F64(*s, seed=1)] + slots]

    @sample(op_type, [fed[n] for n in names], grad=False)
    def _(tf, *tensors):
        args = dict(zip(names, tensors))
        if known:
            args["indices"] = tf.constant(fed["indices"])
        return updated(tf, lambda *refs: create(op_type, [*refs, *(args[n] for n in names)], attrs)._outputs[0],
                       *initial)


def _pos(shape):
    return POS(*shape, seed=2)


def _small(shape):
    return 0.1 * F64(*shape, seed=3)


_LR = {"lr": 0.3}
_RMS = {"lr": 0.1, "rho": 0.9, "momentum": 0.5, "epsilon": 1e-3}
_FTRL = {"lr": 0.3, "l1": 0.25, "l2": 0.02}
for _indices, _known in ((UNIQUE, False), (REPEATED, False), (REPEATED, True)):
    _sparse("SparseApplyMomentum", [_small], "lr grad indices momentum", {**_LR, "momentum": 0.9}, _indices, _known)
    _sparse("SparseApplyAdagrad", [_pos], "lr grad indices", _LR, _indices, _known)
    _sparse("SparseApplyRMSProp", [_pos, _small], "lr rho momentum epsilon grad indices", _RMS, _indices, _known)
    _sparse("SparseApplyCenteredRMSProp", [_small, _pos, _small], "lr rho momentum epsilon grad indices", _RMS,
            _indices, _known)
    _sparse("SparseApplyAdadelta", [_pos, _pos], "lr rho epsilon grad indices", {"lr": 0.5, "rho": 0.9,
                                                                                   "epsilon": 1e-3}, _indices, _known)
    _sparse("SparseApplyProximalGradientDescent", [], "alpha l1 l2 grad indices", {"alpha": 0.3, "l1": 0.1, "l2": 0.02},
            _indices, _known)
    _sparse("SparseApplyFtrl", [_pos, _small], "grad indices lr l1 l2 lr_power", {**_FTRL, "lr_power": -0.5},
            _indices, _known)
    _sparse("SparseApplyFtrlV2", [_pos, _small], "grad indices lr l1 l2 l2_shrinkage lr_power",
            {**_FTRL, "l2_shrinkage": 0.1, "lr_power": -0.6}, _indices, _known)
    _sparse("SparseApplyProximalAdagrad", [_pos], "lr l1 l2 grad indices", _FTRL, _indices, _known)
    _sparse("SparseApplyAdagradDA", [_small, _pos], "grad indices lr l1 l2 global_step",
            {**_FTRL, "global_step": np.int64(3)}, _indices, _known)

# the cases each rule treats apart: Nesterov, l1 = 0, a 1-D variable (FTRL's rule for single elements), float32
_sparse("SparseApplyMomentum", [_small], "lr grad indices momentum", {**_LR, "momentum": 0.9}, REPEATED,
        use_nesterov=True)
_sparse("SparseApplyAdagrad", [_pos], "lr grad indices", _LR, UNIQUE, update_slots=False)
_sparse("SparseApplyProximalGradientDescent", [], "alpha l1 l2 grad indices", {"alpha": 0.3, "l1": 0.0, "l2": 0.02},
        REPEATED)
_sparse("SparseApplyProximalAdagrad", [_pos], "lr l1 l2 grad indices", {**_FTRL, "l1": 0.0}, UNIQUE)
_sparse("SparseApplyAdagradDA", [_small, _pos], "grad indices lr l1 l2 global_step",
        {**_FTRL, "l1": 0.0, "global_step": np.int64(3)}, UNIQUE, dtype=np.float32)
for _indices in (UNIQUE, REPEATED):
    _sparse("SparseApplyFtrl", [_pos, _small], "grad indices lr l1 l2 lr_power", {**_FTRL, "lr_power": -0.5},
            _indices, rows=(4,))
    _sparse("SparseApplyFtrl", [_pos, _small], "grad indices lr l1 l2 lr_power", {**_FTRL, "lr_power": -0.7},
            _indices, rows=(4,), multiply_linear_by_lr=True)
    _sparse("SparseApplyFtrlV2", [_pos, _small], "grad indices lr l1 l2 l2_shrinkage lr_power",
            {**_FTRL, "l2_shrinkage": 0.1, "lr_power": -0.5}, _indices, rows=(4,))
    _sparse("SparseApplyFtrlV2", [_pos, _small], "grad indices lr l1 l2 l2_shrinkage lr_power",
            {**_FTRL, "l2_shrinkage": 0.1, "lr_power": -0.5}, _indices, dtype=np.float32, multiply_linear_by_lr=True)
