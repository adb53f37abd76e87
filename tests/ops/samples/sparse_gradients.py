"""The ``SparseSegment*GradV2`` ops: the gradient of a ``sparse_gradient`` segment reduction as
the rows of its sorted unique indices (an ``IndexedSlices``)."""

import numpy as np

from scopeflow._src.ops.sparse import segments
from tests.ops.samples import F64, sample

_PICK = np.array([3, 0, 3, 2], np.int32)
_SEGS = np.array([0, 0, 2, 2], np.int32)

for _name, _scale in (("Sum", lambda n: 1), ("Mean", lambda n: n), ("SqrtN", np.sqrt)):
    def _reference(g, p, s, scale=_scale):
        counts = np.bincount(s, minlength=len(g))
        unique, position = np.unique(p, return_inverse=True)
        rows = np.zeros((len(unique), 3))
        np.add.at(rows, position, g[s] / np.array([scale(max(c, 1)) for c in counts[s]])[:, None])
        return rows, unique

    sample(f"SparseSegment{_name}GradV2", [F64(3, 3, seed=7), _PICK, _SEGS], _reference, grad=False,
           exact_shape=False)(
        lambda tf, g, p, s, name=_name: segments.sparse_segment_grad_v2(f"SparseSegment{name}", g, p, s, 5))
