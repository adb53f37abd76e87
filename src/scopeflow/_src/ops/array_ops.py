"""TensorFlow's ``array_ops`` namespace: the array wrappers of ``ops/array/`` in one module,
for the layers above the op library (variables, layers, training, gradient rules). Only
re-exports; each op lives in its topic module:

- ``identity.py``: identity, placeholders, stop_gradient; ``shapes.py``: shape/size/rank,
  reshape, expand_dims, squeeze; ``broadcast.py``: broadcast_to, broadcast_gradient_args,
  invert_permutation; ``transpose.py``: transpose, matrix_transpose;
- ``creation.py``: fill, zeros/ones and their ``_like``, range, one_hot, sequence_mask, meshgrid;
- ``joining.py``: stack/unstack (and list autopacking), concat; ``tiling.py``: tile;
  ``splitting.py``: split;
- ``slicing.py``: ``tensor[...]``, strided_slice, slice, reverse; ``padding.py``: pad;
- ``gather.py``: gather, gather_nd, scatter_nd, unsorted_segment_sum, boolean_mask;
- ``selection.py``: where, where_v2, unique.
"""

from scopeflow._src.ops.array.broadcast import (
    broadcast_dynamic_shape,
    broadcast_gradient_args,
    broadcast_static_shape,
    broadcast_to,
    invert_permutation,
)
from scopeflow._src.ops.array.creation import (
    fill,
    meshgrid,
    one_hot,
    ones,
    ones_like,
    range,
    sequence_mask,
    zeros,
    zeros_like,
)
from scopeflow._src.ops.array.gather import boolean_mask, gather, gather_nd, scatter_nd, unsorted_segment_sum
from scopeflow._src.ops.array.identity import identity, placeholder, placeholder_with_default, stop_gradient
from scopeflow._src.ops.array.joining import concat, stack, unstack
from scopeflow._src.ops.array.padding import mirror_pad, mirror_pad_grad, pad
from scopeflow._src.ops.array.selection import unique, where, where_v2
from scopeflow._src.ops.array.shapes import (
    expand_dims,
    rank,
    rank_internal,
    reshape,
    shape,
    shape_internal,
    shape_n,
    size,
    size_internal,
    squeeze,
)
from scopeflow._src.ops.array.slicing import (
    reverse,
    reverse_sequence,
    reverse_v2,
    slice,
    slice_helper,
    strided_slice,
    strided_slice_grad,
)
from scopeflow._src.ops.array.splitting import split
from scopeflow._src.ops.array.tiling import tile
from scopeflow._src.ops.array.transpose import matrix_transpose, transpose

__all__ = [
    "boolean_mask", "broadcast_dynamic_shape", "broadcast_gradient_args", "broadcast_static_shape", "broadcast_to",
    "concat", "expand_dims", "fill", "gather", "gather_nd", "identity", "invert_permutation", "matrix_transpose",
    "meshgrid", "mirror_pad", "mirror_pad_grad", "newaxis", "one_hot", "ones", "ones_like", "pad", "placeholder",
    "placeholder_with_default", "range", "rank", "rank_internal", "reshape", "reverse", "reverse_sequence",
    "reverse_v2", "scatter_nd", "sequence_mask", "shape", "shape_internal", "shape_n", "size", "size_internal",
    "slice", "slice_helper", "split", "squeeze", "stack", "stop_gradient", "strided_slice", "strided_slice_grad",
    "tile", "transpose", "unique", "unsorted_segment_sum", "unstack", "where", "where_v2", "zeros", "zeros_like"]

newaxis = None
