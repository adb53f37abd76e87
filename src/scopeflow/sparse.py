"""``tf.sparse``: ``SparseTensor`` and the operations on it.

Only re-exports; the class lives in ``scopeflow._src.framework.sparse_tensor`` and the ops in
``scopeflow._src.ops.sparse``. Loaded on first use (``tf.sparse``), with the sparse ops.
"""

__all__ = ["add", "concat", "expand_dims", "eye", "fill_empty_rows", "from_dense", "matmul", "maximum", "merge",
           "minimum", "placeholder", "reduce_max", "reduce_max_sparse", "reduce_sum", "reduce_sum_sparse", "reorder",
           "reset_shape", "reshape", "retain", "segment_mean", "segment_sqrt_n", "segment_sum", "slice", "softmax",
           "sparse_dense_matmul", "SparseTensor", "split", "to_dense", "to_indicator", "transpose"]

from scopeflow._src.framework.sparse_tensor import SparseTensor
from scopeflow._src.ops.sparse.api import from_dense
from scopeflow._src.ops.sparse.api import sparse_add as add
from scopeflow._src.ops.sparse.api import sparse_concat as concat
from scopeflow._src.ops.sparse.api import sparse_expand_dims as expand_dims
from scopeflow._src.ops.sparse.api import sparse_eye as eye
from scopeflow._src.ops.sparse.api import sparse_fill_empty_rows as fill_empty_rows
from scopeflow._src.ops.sparse.api import sparse_maximum as maximum
from scopeflow._src.ops.sparse.api import sparse_merge as merge
from scopeflow._src.ops.sparse.api import sparse_minimum as minimum
from scopeflow._src.ops.sparse.api import sparse_placeholder as placeholder
from scopeflow._src.ops.sparse.api import sparse_reduce_max as reduce_max
from scopeflow._src.ops.sparse.api import sparse_reduce_max_sparse as reduce_max_sparse
from scopeflow._src.ops.sparse.api import sparse_reduce_sum as reduce_sum
from scopeflow._src.ops.sparse.api import sparse_reduce_sum_sparse as reduce_sum_sparse
from scopeflow._src.ops.sparse.api import sparse_reorder as reorder
from scopeflow._src.ops.sparse.api import sparse_reset_shape as reset_shape
from scopeflow._src.ops.sparse.api import sparse_reshape as reshape
from scopeflow._src.ops.sparse.api import sparse_retain as retain
from scopeflow._src.ops.sparse.api import sparse_segment_mean as segment_mean
from scopeflow._src.ops.sparse.api import sparse_segment_sqrt_n as segment_sqrt_n
from scopeflow._src.ops.sparse.api import sparse_segment_sum as segment_sum
from scopeflow._src.ops.sparse.api import sparse_slice as slice  # noqa: A004 - TensorFlow's name
from scopeflow._src.ops.sparse.api import sparse_softmax as softmax
from scopeflow._src.ops.sparse.api import sparse_split as split
from scopeflow._src.ops.sparse.api import sparse_tensor_dense_matmul as matmul
from scopeflow._src.ops.sparse.api import sparse_tensor_dense_matmul as sparse_dense_matmul
from scopeflow._src.ops.sparse.api import sparse_tensor_to_dense as to_dense
from scopeflow._src.ops.sparse.api import sparse_to_indicator as to_indicator
from scopeflow._src.ops.sparse.api import sparse_transpose as transpose
