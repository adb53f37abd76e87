"""The ``tf.initializers`` namespace."""

from scopeflow._src.variables.initializers import (  # noqa: F401
    Constant as constant, GlorotNormal as glorot_normal, GlorotUniform as glorot_uniform, Identity as identity,
    Ones as ones, Orthogonal as orthogonal, RandomNormal as random_normal, RandomUniform as random_uniform,
    TruncatedNormal as truncated_normal, VarianceScaling as variance_scaling, Zeros as zeros)
from scopeflow._src.variables.collections import (  # noqa: F401
    global_variables_initializer as global_variables, local_variables_initializer as local_variables,
    variables_initializer as variables)
