"""The scatter ops that load on first use: ``TensorScatter*`` and TF1's ``batch_gather``
(``array/scatter_nd.py``), the ``ScatterNd*`` and ``ScatterMul``/``Div``/``Min``/``Max``
variable updates and ``batch_scatter_update`` (``scatter_ops.py``), with their gradient rules
(``array/scatter_nd_grads.py``, registered here)."""

from scopeflow._src.ops.array import scatter_nd_grads  # noqa: F401 - the gradient rules
from scopeflow._src.ops.array.scatter_nd import (
    batch_gather,
    tensor_scatter_nd_add,
    tensor_scatter_nd_max,
    tensor_scatter_nd_min,
    tensor_scatter_nd_sub,
    tensor_scatter_nd_update,
)
from scopeflow._src.ops.state.scatter_ops import (
    batch_scatter_update,
    scatter_div,
    scatter_max,
    scatter_min,
    scatter_mul,
    scatter_nd_add,
    scatter_nd_sub,
    scatter_nd_update,
)

tensor_scatter_add = tensor_scatter_nd_add
tensor_scatter_sub = tensor_scatter_nd_sub
tensor_scatter_update = tensor_scatter_nd_update

__all__ = ["batch_gather", "batch_scatter_update", "scatter_div", "scatter_max", "scatter_min", "scatter_mul",
           "scatter_nd_add", "scatter_nd_sub", "scatter_nd_update", "tensor_scatter_add", "tensor_scatter_nd_add",
           "tensor_scatter_nd_max", "tensor_scatter_nd_min", "tensor_scatter_nd_sub", "tensor_scatter_nd_update",
           "tensor_scatter_sub", "tensor_scatter_update"]
