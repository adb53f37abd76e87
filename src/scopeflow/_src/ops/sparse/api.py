"""The sparse ops, loaded on first use (``import scopeflow`` does not load them): importing
this module registers their op types with their wrappers, then their gradient rules, as
``ops/__init__`` does for the rest of the op library.
"""

# The order below is the registration order (ruff's import sorting is off for this file).
from scopeflow._src.ops.sparse.to_dense import from_dense, sparse_tensor_to_dense, sparse_to_dense
from scopeflow._src.ops.sparse.reorder import sparse_reorder, sparse_reshape
from scopeflow._src.ops.sparse.add import sparse_add
from scopeflow._src.ops.sparse.concat import sparse_concat
from scopeflow._src.ops.sparse.matmul import sparse_tensor_dense_matmul
from scopeflow._src.ops.sparse.reduce import (
    sparse_reduce_max, sparse_reduce_max_sparse, sparse_reduce_sum, sparse_reduce_sum_sparse)
from scopeflow._src.ops.sparse.rows import sparse_fill_empty_rows, sparse_placeholder, sparse_retain
from scopeflow._src.ops.sparse.segments import (
    segment_sum, sparse_segment_mean, sparse_segment_sqrt_n, sparse_segment_sum)
from scopeflow._src.ops.sparse.embedding import embedding_lookup_sparse
from scopeflow._src.ops.sparse.safe_embedding import safe_embedding_lookup_sparse
from scopeflow._src.ops.sparse.cwise import binary_operator, dense_times_sparse
from scopeflow._src.ops.sparse.shape_ops import sparse_expand_dims, sparse_softmax, sparse_transpose
from scopeflow._src.ops.sparse.slicing import sparse_slice, sparse_split
from scopeflow._src.ops.sparse.minmax import sparse_maximum, sparse_minimum
from scopeflow._src.ops.sparse.composite import sparse_eye, sparse_merge, sparse_to_indicator
from scopeflow._src.ops.sparse.tensors_map import (
    add_many_sparse_to_tensors_map, add_sparse_to_tensors_map, take_many_sparse_from_tensors_map)
from scopeflow._src.ops.sparse.reset_shape import sparse_reset_shape
from scopeflow._src.ops.sparse import grads  # noqa: F401 - gradient rules

__all__ = [
    "add_many_sparse_to_tensors_map", "add_sparse_to_tensors_map", "binary_operator", "dense_times_sparse",
    "embedding_lookup_sparse", "from_dense", "safe_embedding_lookup_sparse", "segment_sum", "sparse_add",
    "sparse_concat", "sparse_expand_dims", "sparse_eye", "sparse_fill_empty_rows", "sparse_maximum", "sparse_merge",
    "sparse_minimum", "sparse_placeholder", "sparse_reduce_max", "sparse_reduce_max_sparse", "sparse_reduce_sum",
    "sparse_reduce_sum_sparse", "sparse_reorder", "sparse_reset_shape", "sparse_reshape", "sparse_retain",
    "sparse_segment_mean", "sparse_segment_sqrt_n", "sparse_segment_sum", "sparse_slice", "sparse_softmax",
    "sparse_split", "sparse_tensor_dense_matmul", "sparse_tensor_to_dense", "sparse_to_dense", "sparse_to_indicator",
    "sparse_transpose", "take_many_sparse_from_tensors_map"]
