"""Gradients of the ``TensorScatter*`` ops, as TensorFlow's ``array_grad.py`` builds them; the
variable updates (``ScatterNd*``, ``ScatterMul``/``Div``) have none, as in ``state_grad.py``."""

from __future__ import annotations

from scopeflow._src.framework.registry import gradient, not_differentiable
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.array.gather import gather_nd, scatter_nd
from scopeflow._src.ops.array.scatter_nd import tensor_scatter_nd_update

not_differentiable("ScatterMul", "ScatterDiv", "ScatterNdUpdate", "ScatterNdAdd", "ScatterNdSub")


@gradient("TensorScatterUpdate")
def _tensor_scatter_update_grad(op, grad):
    indices = op._inputs[1]
    updates_grad = gather_nd(grad, indices)
    tensor_grad = tensor_scatter_nd_update(array_ops.identity(grad), indices,
                                           array_ops.zeros_like(op._inputs[2], dtype=grad.dtype))
    return tensor_grad, None, updates_grad


@gradient("TensorScatterAdd")
def _tensor_scatter_add_grad(op, grad):
    updates_grad = gather_nd(grad, op._inputs[1])
    return array_ops.identity(grad), None, updates_grad


@gradient("TensorScatterSub")
def _tensor_scatter_sub_grad(op, grad):
    updates_grad = gather_nd(grad, op._inputs[1])
    return array_ops.identity(grad), None, -updates_grad


@gradient("TensorScatterMin", "TensorScatterMax")
def _tensor_scatter_min_or_max_grad(op, grad):
    x, indices, y = op._inputs
    output = op._outputs[0]
    policy = op.get_attr("bad_indices_policy")
    x_indicators = math_ops.cast(math_ops.equal(x, output), grad.dtype)
    y_output = gather_nd(output, indices, bad_indices_policy=policy)
    y_indicators = math_ops.cast(math_ops.equal(y, y_output), grad.dtype)
    ys_indicators = scatter_nd(indices, y_indicators, array_ops.shape(x, out_type=indices.dtype),
                               bad_indices_policy=policy)
    indicators = x_indicators + ys_indicators
    x_grad = grad * x_indicators / indicators
    y_grad = gather_nd(grad / indicators, indices, bad_indices_policy=policy) * y_indicators
    return x_grad, None, y_grad
