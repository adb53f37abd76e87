"""``tf.random`` (TF1 names): seeded random ops.

Only re-exports; the code lives in ``scopeflow._src.ops.random.random_ops``. Values are seeded as
TensorFlow seeds them but drawn from NumPy's generator, so the numbers differ from TF's.
"""

__all__ = [
    "categorical", "get_seed", "multinomial", "normal", "set_random_seed", "shuffle", "truncated_normal", "uniform"]

from scopeflow._src.framework.default_graph import get_seed, set_random_seed
from scopeflow._src.ops.random.random_ops import categorical, multinomial, truncated_normal
from scopeflow._src.ops.random.random_ops import random_normal as normal
from scopeflow._src.ops.random.random_ops import random_shuffle as shuffle
from scopeflow._src.ops.random.random_ops import random_uniform as uniform
