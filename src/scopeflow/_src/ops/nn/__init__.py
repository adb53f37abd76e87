"""Neural-network ops: activations, softmax and cross entropies, convolutions, pooling, batch
normalisation, top-k, and the composite functions (``nn_impl.py``, ``clip.py``, ``losses.py``).
``grads.py`` holds the gradients; ``ops/nn_ops.py`` gathers the wrappers.

The package loads on first use (``import scopeflow`` does not load it): whichever of its modules a
program reaches first, this registers every op of the package and then its gradient rules, so
``tf.gradients`` finds a rule for each op built here."""

from scopeflow._src.ops.nn import grads  # noqa: F401 - the ops (through nn_ops), then their gradient rules
