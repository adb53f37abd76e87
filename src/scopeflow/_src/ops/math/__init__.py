"""Math ops: arithmetic, division, elementwise functions, comparisons, casts, reductions,
scans, matrix products, einsum, linear algebra. Each module holds its ops' definitions and
wrappers; ``grads.py``, ``reduction_grads.py`` and ``product_grads.py`` their gradients;
``ops/math_ops.py`` gathers the wrappers."""
