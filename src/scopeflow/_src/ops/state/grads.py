"""Assignments have no gradient, as in TensorFlow's ``state_grad.py`` (the fused optimizer
updates register none either: ``tf.gradients`` raises TF's ``LookupError`` there)."""

from __future__ import annotations

from scopeflow._src.framework.registry import not_differentiable

not_differentiable("Assign", "AssignAdd", "AssignSub", "ScatterAdd", "ScatterSub")
