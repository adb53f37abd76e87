"""Stateful ops: variables and assignment (``variable_ops.py``), the optimizers' fused update
ops (``training_ops.py``). None has a gradient."""
