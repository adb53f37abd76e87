"""The sparse updates (``_src/ops/state/sparse_training_ops.py``): they need variables."""

from tests.ops.samples import exempt

for _op in ("SparseApplyMomentum", "SparseApplyAdagrad", "SparseApplyRMSProp", "SparseApplyCenteredRMSProp",
            "SparseApplyAdadelta", "SparseApplyProximalGradientDescent"):
    exempt(_op, "updates rows of variables in place (no gradient, as in TF); tests/ops/test_sparse_training_ops.py "
                "and tests/conformance/cases/sparse_optimizers")
for _op in ("ScatterAdd", "ScatterSub", "ScatterUpdate"):
    exempt(_op, "updates rows of a variable in place; tests/ops/test_sparse_training_ops.py and "
                "tests/conformance/cases/sparse_optimizers")
