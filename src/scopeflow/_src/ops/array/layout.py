"""The array-layout ops that load on first use: ``SpaceToDepth``/``DepthToSpace`` and TF1's
``space_to_batch``/``batch_to_space`` (``space_depth.py``), ``ExtractImagePatches``
(``patches.py``), with their gradient rules (``layout_grads.py``, registered here)."""

from scopeflow._src.ops.array import layout_grads  # noqa: F401 - the gradient rules
from scopeflow._src.ops.array.patches import extract_image_patches, extract_patches
from scopeflow._src.ops.array.space_depth import batch_to_space, depth_to_space, space_to_batch, space_to_depth
from scopeflow._src.ops.nn import volumetric  # noqa: F401 - SpaceToBatchND/BatchToSpaceND and their rules

__all__ = ["batch_to_space", "depth_to_space", "extract_image_patches", "extract_patches", "space_to_batch",
           "space_to_depth"]
