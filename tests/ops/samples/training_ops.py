"""The fused training ops update variables in place, so they need variables (a sample feeds
placeholders only): each is checked against a plain NumPy update, step by step, in
tests/training/test_optim_training_ops.py, and against TensorFlow in
tests/conformance/cases/optimizers.py."""

from tests.ops.samples import exempt

for _op in ("ApplyGradientDescent", "ApplyProximalGradientDescent", "ApplyMomentum", "ApplyAdagrad", "ApplyAdam",
            "ApplyRMSProp", "ApplyCenteredRMSProp", "ApplyAdadelta"):
    exempt(_op, "updates variables in place (no gradient, as in TF); tests/training/test_optim_training_ops.py "
                "and tests/conformance/cases/optimizers.py")

for _op in ("ApplyFtrl", "ApplyFtrlV2", "ApplyProximalAdagrad", "ApplyAdagradDA", "SparseApplyFtrl",
            "SparseApplyFtrlV2", "SparseApplyProximalAdagrad", "SparseApplyAdagradDA"):
    exempt(_op, "updates variables in place (no gradient, as in TF); tests/training/test_ftrl_training_ops.py "
                "and tests/conformance/cases/optimizers_more and optimizer_matrix")
