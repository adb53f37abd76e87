"""``tf.initializers``: the initializer classes under their TF1 namespace names, and the
initializer ops of variable lists. Only re-exports; the code lives in
``scopeflow._src.variables``."""

__all__ = [
    "constant", "global_variables", "glorot_normal", "glorot_uniform", "he_normal", "he_uniform", "identity",
    "lecun_normal", "lecun_uniform", "local_variables", "ones", "orthogonal", "random_normal", "random_uniform",
    "truncated_normal", "uniform_unit_scaling", "variables", "variance_scaling", "zeros"]

from scopeflow._src.variables.collections import global_variables_initializer as global_variables
from scopeflow._src.variables.collections import local_variables_initializer as local_variables
from scopeflow._src.variables.collections import variables_initializer as variables
from scopeflow._src.variables.initializers import Constant as constant
from scopeflow._src.variables.initializers import GlorotNormal as glorot_normal
from scopeflow._src.variables.initializers import GlorotUniform as glorot_uniform
from scopeflow._src.variables.initializers import Identity as identity
from scopeflow._src.variables.initializers import Ones as ones
from scopeflow._src.variables.initializers import Orthogonal as orthogonal
from scopeflow._src.variables.initializers import RandomNormal as random_normal
from scopeflow._src.variables.initializers import RandomUniform as random_uniform
from scopeflow._src.variables.initializers import TruncatedNormal as truncated_normal
from scopeflow._src.variables.initializers import UniformUnitScaling as uniform_unit_scaling
from scopeflow._src.variables.initializers import VarianceScaling as variance_scaling
from scopeflow._src.variables.initializers import Zeros as zeros
from scopeflow._src.variables.initializers import he_normal, he_uniform, lecun_normal, lecun_uniform
