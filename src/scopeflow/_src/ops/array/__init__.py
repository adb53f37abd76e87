"""Array ops: shapes, creation, joining and splitting, slicing, padding, gathering, selection.
Each module holds its ops' definitions and wrappers; ``grads.py`` and ``gather_grads.py``
their gradients; ``ops/array_ops.py`` gathers the wrappers."""
