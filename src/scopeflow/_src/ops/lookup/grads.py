"""The table ops have no gradient, as in TensorFlow."""

from __future__ import annotations

from scopeflow._src.framework.registry import not_differentiable

not_differentiable("HashTableV2", "InitializeTableV2", "InitializeTableFromTextFileV2", "LookupTableFindV2",
                   "LookupTableSizeV2")
