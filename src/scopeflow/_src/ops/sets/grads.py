"""The set ops have no gradient, as in TensorFlow."""

from __future__ import annotations

from scopeflow._src.framework.registry import not_differentiable

not_differentiable("SetSize", "DenseToDenseSetOperation", "DenseToSparseSetOperation", "SparseToSparseSetOperation")
