"""Gradients of the 3-D convolution and pooling ops and of ``SpaceToBatchND``/``BatchToSpaceND``,
as TensorFlow's ``nn_grad.py`` and ``array_grad.py`` build them (same calls in the same order, so
the ops inside ``gradients/<op>_grad/`` get TF's names)."""

from __future__ import annotations

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import gradient
from scopeflow._src.ops import array_ops
from scopeflow._src.ops.nn import space_batch
from scopeflow._src.ops.nn.conv3d import conv_attrs, pool_attrs


@gradient("Conv3D")
def _conv3d_grad(op, grad):
    shape_0, shape_1 = array_ops.shape_n([op._inputs[0], op._inputs[1]])
    return [create_output("Conv3DBackpropInputV2", [shape_0, op._inputs[1], grad], conv_attrs(op)),
            create_output("Conv3DBackpropFilterV2", [op._inputs[0], shape_1, grad], conv_attrs(op))]


@gradient("Conv3DBackpropInputV2")
def _conv3d_backprop_input_grad(op, grad):
    return [None,
            create_output("Conv3DBackpropFilterV2", [grad, array_ops.shape(op._inputs[1]), op._inputs[2]],
                          conv_attrs(op)),
            create_output("Conv3D", [grad, op._inputs[1]], conv_attrs(op))]


@gradient("Conv3DBackpropFilterV2")
def _conv3d_backprop_filter_grad(op, grad):
    return [create_output("Conv3DBackpropInputV2", [array_ops.shape(op._inputs[0]), grad, op._inputs[2]],
                          conv_attrs(op)),
            None,
            create_output("Conv3D", [op._inputs[0], grad], conv_attrs(op))]


@gradient("AvgPool3D")
def _avg_pool3d_grad(op, grad):
    return create_output("AvgPool3DGrad", [array_ops.shape(op._inputs[0], out_type=dtypes.int32), grad],
                         pool_attrs(op))


@gradient("AvgPool3DGrad")
def _avg_pool3d_grad_grad(op, grad):
    return array_ops.stop_gradient(op._inputs[0]), create_output("AvgPool3D", [grad], pool_attrs(op))


@gradient("MaxPool3D")
def _max_pool3d_grad(op, grad):
    return create_output("MaxPool3DGrad", [op._inputs[0], op._outputs[0], grad], pool_attrs(op))


@gradient("MaxPool3DGrad")
def _max_pool3d_grad_grad(op, grad):
    return (array_ops.zeros_like(op._inputs[0]), array_ops.zeros_like(op._inputs[1]),
            create_output("MaxPool3DGradGrad", [op._inputs[0], op._inputs[1], grad], pool_attrs(op)))


@gradient("MaxPool3DGradGrad")
def _max_pool3d_grad_grad_grad(op, grad):
    return (array_ops.zeros_like(op._inputs[0]), array_ops.zeros_like(op._inputs[1]),
            create_output("MaxPool3DGrad", [op._inputs[0], op._inputs[1], grad], pool_attrs(op)))


@gradient("SpaceToBatchND")
def _space_to_batch_nd_grad(op, grad):
    return [space_batch.batch_to_space_nd(grad, op._inputs[1], op._inputs[2]), None, None]


@gradient("BatchToSpaceND")
def _batch_to_space_nd_grad(op, grad):
    return [space_batch.space_to_batch_nd(grad, op._inputs[1], op._inputs[2]), None, None]
