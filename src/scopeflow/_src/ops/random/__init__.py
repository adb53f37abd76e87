"""Seeded random ops (``random_ops.py``); ``grads.py`` declares them not differentiable."""
