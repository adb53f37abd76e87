"""The random ops have no gradient, as in TensorFlow's ``random_grad.py``."""

from __future__ import annotations

from scopeflow._src.framework.registry import not_differentiable

not_differentiable("RandomUniform", "RandomStandardNormal", "TruncatedNormal", "RandomUniformInt", "RandomShuffle",
                   "Multinomial", "StatelessMultinomial")
