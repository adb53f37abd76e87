"""TF1's optimizers, one module each; each applies its update with TF's fused training op."""

from scopeflow._src.training.optimizers.adadelta import AdadeltaOptimizer  # noqa: F401
from scopeflow._src.training.optimizers.adagrad import AdagradOptimizer  # noqa: F401
from scopeflow._src.training.optimizers.adam import AdamOptimizer  # noqa: F401
from scopeflow._src.training.optimizers.gradient_descent import GradientDescentOptimizer  # noqa: F401
from scopeflow._src.training.optimizers.momentum import MomentumOptimizer  # noqa: F401
from scopeflow._src.training.optimizers.proximal_gradient_descent import ProximalGradientDescentOptimizer  # noqa: F401
from scopeflow._src.training.optimizers.rmsprop import RMSPropOptimizer  # noqa: F401
