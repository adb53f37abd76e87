"""Stateful ops: variables and assignment (``variable_ops.py``), the optimizers' fused update
ops (``training_ops.py``); ``grads.py`` declares the assignments not differentiable."""
