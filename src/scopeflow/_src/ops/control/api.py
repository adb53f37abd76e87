"""The control-flow subsystem, loaded on first use (``import scopeflow`` does not load it):
``tf.cond``, ``tf.case``, ``tf.Assert``, ``tf.while_loop``, ``tf.TensorArray``, ``tf.map_fn``,
``tf.scan``, ``tf.foldl``, ``tf.foldr``. Importing this module registers its ops, then
their gradient rules (``grads``, which may build any op), as ``ops/__init__`` does for the
rest of the op library.
"""

# The order below is the registration order (ruff's import sorting is off for this file).
from scopeflow._src.ops.control import flow_ops, contexts, stack_ops  # noqa: F401 - definitions
from scopeflow._src.ops.control.cond import cond
from scopeflow._src.ops.control.assert_op import Assert
from scopeflow._src.ops.control.case import case
from scopeflow._src.ops.control.while_loop import while_loop
from scopeflow._src.ops.control.tensor_array import TensorArray
from scopeflow._src.ops.control.functional_ops import foldl, foldr, map_fn, scan
from scopeflow._src.ops.control import while_grad, grads  # noqa: F401 - gradient rules

__all__ = ["Assert", "case", "cond", "foldl", "foldr", "map_fn", "scan", "TensorArray", "while_loop"]
