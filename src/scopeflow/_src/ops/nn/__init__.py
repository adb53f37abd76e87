"""Neural-network ops: activations, softmax and cross entropies, convolutions, pooling, batch
normalisation, top-k, and the composite functions (``nn_impl.py``, ``clip.py``, ``losses.py``).
``grads.py`` holds the gradients; ``ops/nn_ops.py`` gathers the wrappers."""
