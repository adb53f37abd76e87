"""The array ops in one namespace (TensorFlow's ``array_ops``), re-exported from the modules
that define them:

- ``identity_ops``: identity, placeholders, stop_gradient; ``shape_ops``: shape/size/rank,
  reshape, expand_dims, squeeze; ``broadcast_ops``: broadcast_to, broadcast_gradient_args,
  invert_permutation (``Transpose`` itself is in ``linalg_ops``);
- ``creation_ops``: fill, zeros/ones and their ``_like``, range, one_hot, sequence_mask, meshgrid;
- ``joining_ops``: stack/unstack (and list autopacking), concat; ``tile_ops``: tile; ``split_ops``: split;
- ``slicing_ops``: ``tensor[...]``, strided_slice, slice, reverse; ``padding_ops``: pad;
- ``gather_ops``: gather, gather_nd, scatter_nd, unsorted_segment_sum, boolean_mask;
- ``selection_ops``: where, where_v2, unique.
"""

from scopeflow._src.ops.broadcast_ops import (  # noqa: F401
    broadcast_dynamic_shape, broadcast_gradient_args, broadcast_static_shape, broadcast_to, invert_permutation)
from scopeflow._src.ops.creation_ops import (  # noqa: F401
    fill, meshgrid, one_hot, ones, ones_like, range, sequence_mask, zeros, zeros_like)
from scopeflow._src.ops.gather_ops import (  # noqa: F401
    boolean_mask, gather, gather_nd, scatter_nd, unsorted_segment_sum)
from scopeflow._src.ops.identity_ops import identity, placeholder, placeholder_with_default, stop_gradient  # noqa: F401
from scopeflow._src.ops.joining_ops import concat, stack, unstack  # noqa: F401
from scopeflow._src.ops.padding_ops import pad  # noqa: F401
from scopeflow._src.ops.selection_ops import unique, where, where_v2  # noqa: F401
from scopeflow._src.ops.shape_ops import (  # noqa: F401
    expand_dims, rank, rank_internal, reshape, shape, shape_internal, shape_n, size, size_internal, squeeze)
from scopeflow._src.ops.split_ops import split  # noqa: F401
from scopeflow._src.ops.slicing_ops import reverse, reverse_v2, slice, slice_helper, strided_slice  # noqa: F401
from scopeflow._src.ops.tile_ops import tile  # noqa: F401

newaxis = None


def transpose(a, perm=None, name="transpose", conjugate=False):
    """``linalg_ops.transpose`` (``Transpose`` is defined there), reachable as TF's ``array_ops.transpose``."""
    from scopeflow._src.ops import linalg_ops
    return linalg_ops.transpose(a, perm=perm, name=name, conjugate=conjugate)
