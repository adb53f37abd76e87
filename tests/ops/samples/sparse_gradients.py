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

    sample(f"SparseSegment{_name}GradV2", [F64(3, 3, seed=7), _SEGS], lambda g, s, ref=_reference: ref(g, _PICK, s),
           grad=False, exact_shape=False)(  # the unique indices size the output: known
        lambda tf, g, s, name=_name: segments.sparse_segment_grad_v2(f"SparseSegment{name}", g, tf.constant(_PICK),
                                                                     s, 5))
