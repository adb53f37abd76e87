"""``tf.random`` (TF1 names): seeded random ops.

Only re-exports; the code lives in ``scopeflow._src.ops.random_ops``. Values are seeded as
TensorFlow seeds them but drawn from NumPy's generator, so the numbers differ from TF's.
"""

__all__ = [
    "categorical", "get_seed", "multinomial", "normal", "set_random_seed", "shuffle", "truncated_normal", "uniform"]

from scopeflow._src.framework.ops_scope import get_seed, set_random_seed  # noqa: F401
from scopeflow._src.ops.random_ops import categorical, multinomial  # noqa: F401
from scopeflow._src.ops.random_ops import random_normal as normal  # noqa: F401
from scopeflow._src.ops.random_ops import random_shuffle as shuffle  # noqa: F401
from scopeflow._src.ops.random_ops import random_uniform as uniform  # noqa: F401
from scopeflow._src.ops.random_ops import truncated_normal  # noqa: F401
