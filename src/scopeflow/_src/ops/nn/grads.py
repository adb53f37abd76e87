"""Gradients of the nn ops, built with the calls TensorFlow's ``nn_grad.py`` makes, in its
order, so the ops inside ``gradients/<op>_grad/`` get TensorFlow's names. (``SoftsignGrad``,
``FusedBatchNormGradV3`` and ``LRNGrad`` have no gradient in TensorFlow either.)"""

from __future__ import annotations

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.op_builder import create, create_output
from scopeflow._src.framework.registry import gradient, not_differentiable
from scopeflow._src.ops import array_ops, math_ops, nn_ops

not_differentiable("InTopKV2")


def _attrs_of(op, names):
    """The attributes of ``op`` among ``names`` that it has, for the op its gradient builds."""
    return {k: op._attrs[k] for k in names if k in op._attrs}


# -- activations, bias, L2 loss -------------------------------------------------------------
@gradient("Relu")
def _relu_grad(op, grad):
    return nn_ops.relu_grad(grad, op._outputs[0])


@gradient("Relu6", "Elu", "Selu")
def _output_activation_grad(op, grad):
    return nn_ops.activation_grad(op._type + "Grad", grad, op._outputs[0])


@gradient("LeakyRelu")
def _leaky_relu_grad(op, grad):
    return nn_ops.activation_grad("LeakyReluGrad", grad, op._inputs[0], alpha=op._attrs["alpha"])


@gradient("Softplus")
def _softplus_grad(op, grad):
    return grad * math_ops.sigmoid(op._inputs[0])


@gradient("Softsign")
def _softsign_grad(op, grad):
    return nn_ops.activation_grad("SoftsignGrad", grad, op._inputs[0])


@gradient("ReluGrad")
def _relu_grad_grad(op, grad):
    x = op._inputs[1]
    return nn_ops.relu_grad(grad, x), array_ops.zeros_like(x)


@gradient("Relu6Grad")
def _relu6_grad_grad(op, grad):
    x = op._inputs[1]
    return nn_ops.activation_grad("Relu6Grad", grad, x), array_ops.zeros_like(x)


@gradient("LeakyReluGrad")
def _leaky_grad_grad(op, grad):
    x = op._inputs[1]
    return nn_ops.activation_grad("LeakyReluGrad", grad, x, alpha=op._attrs["alpha"]), array_ops.zeros_like(x)


@gradient("EluGrad", "SeluGrad")
def _elu_grad_grad(op, grad):
    y = op._inputs[1]
    return (nn_ops.activation_grad(op._type, grad, y),
            array_ops.where(y < 0, grad * op._inputs[0], array_ops.zeros_like(y)))


@gradient("BiasAdd")
def _bias_add_grad(op, grad):
    return grad, create_output("BiasAddGrad", [grad], {"data_format": op._attrs.get("data_format", "NHWC")})


@gradient("BiasAddGrad")
def _bias_add_grad_grad(op, grad):
    shape = array_ops.shape(op._inputs[0])
    bias_shape = array_ops.shape(grad)
    if op._attrs.get("data_format") == "NCHW":
        expanded = array_ops.concat([array_ops.ones_like(shape[:1]), bias_shape, array_ops.ones_like(shape[2:])], 0)
        mults = array_ops.concat([shape[:1], [1], shape[2:]], 0)
    else:
        expanded = array_ops.concat([array_ops.ones_like(shape[:-1]), bias_shape], 0)
        mults = array_ops.concat([shape[:-1], [1]], 0)
    return array_ops.tile(array_ops.reshape(grad, expanded), mults)


@gradient("L2Loss")
def _l2_loss_grad(op, grad):
    return op._inputs[0] * grad


# -- softmax and cross entropies ----------------------------------------------------------------
@gradient("Softmax")
def _softmax_grad(op, grad):
    softmax = op._outputs[0]
    sum_channels = math_ops.reduce_sum(grad * softmax, -1, keepdims=True)
    return (grad - sum_channels) * softmax


@gradient("LogSoftmax")
def _log_softmax_grad(op, grad):
    softmax = math_ops.exp(op._outputs[0])
    return grad - math_ops.reduce_sum(grad, -1, keepdims=True) * softmax


def _broadcast_mul(vec, mat):
    return array_ops.expand_dims(vec, -1) * mat


def _second_order(op, grad, grad_grad):
    """TF adds the softmax Hessian term only when ``grad_grad`` is not an all-zeros tensor."""
    if grad_grad is None or getattr(grad_grad, "_is_zeros_tensor", False) or grad_grad.op.type == "ZerosLike":
        return grad
    logits = op._inputs[0]
    softmax_t = create_output("Softmax", [logits])
    return grad + ((grad_grad - array_ops.squeeze(
        math_ops.matmul(array_ops.expand_dims(grad_grad, 1), array_ops.expand_dims(softmax_t, 2)),
        axis=1)) * softmax_t)


@gradient("SoftmaxCrossEntropyWithLogits")
def _xent_grad(op, grad_loss, grad_grad):
    grad = _second_order(op, _broadcast_mul(grad_loss, op._outputs[1]), grad_grad)
    log_probs = create_output("LogSoftmax", [op._inputs[0]])
    return grad, _broadcast_mul(grad_loss, -log_probs)


@gradient("SparseSoftmaxCrossEntropyWithLogits")
def _sparse_xent_grad(op, grad_loss, grad_grad):
    return _second_order(op, _broadcast_mul(grad_loss, op._outputs[1]), grad_grad), None


# -- convolutions ---------------------------------------------------------------------------
_CONV_ATTRS = ("strides", "use_cudnn_on_gpu", "padding", "explicit_paddings", "data_format", "dilations")
_DW_ATTRS = ("strides", "padding", "explicit_paddings", "data_format", "dilations")


@gradient("Conv2D")
def _conv2d_grad(op, grad):
    attrs = _attrs_of(op, _CONV_ATTRS)
    shape_0, shape_1 = array_ops.shape_n([op._inputs[0], op._inputs[1]])
    return [create_output("Conv2DBackpropInput", [shape_0, op._inputs[1], grad], dict(attrs)),
            create_output("Conv2DBackpropFilter", [op._inputs[0], shape_1, grad], dict(attrs))]


@gradient("Conv2DBackpropInput")
def _conv2d_backprop_input_grad(op, grad):
    attrs = _attrs_of(op, _CONV_ATTRS)
    return [None,
            create_output("Conv2DBackpropFilter", [grad, array_ops.shape(op._inputs[1]), op._inputs[2]], dict(attrs)),
            create_output("Conv2D", [grad, op._inputs[1]], dict(attrs))]


@gradient("Conv2DBackpropFilter")
def _conv2d_backprop_filter_grad(op, grad):
    attrs = _attrs_of(op, _CONV_ATTRS)
    return [create_output("Conv2DBackpropInput", [array_ops.shape(op._inputs[0]), grad, op._inputs[2]], dict(attrs)),
            None,
            create_output("Conv2D", [op._inputs[0], grad], dict(attrs))]


@gradient("DepthwiseConv2dNative")
def _depthwise_grad(op, grad):
    attrs = _attrs_of(op, _DW_ATTRS)
    return [create_output("DepthwiseConv2dNativeBackpropInput", [array_ops.shape(op._inputs[0]), op._inputs[1], grad],
                          dict(attrs)),
            create_output("DepthwiseConv2dNativeBackpropFilter", [op._inputs[0], array_ops.shape(op._inputs[1]), grad],
                          dict(attrs))]


@gradient("DepthwiseConv2dNativeBackpropInput")
def _depthwise_input_grad(op, grad):
    attrs = _attrs_of(op, _DW_ATTRS)
    return [None,
            create_output("DepthwiseConv2dNativeBackpropFilter", [grad, array_ops.shape(op._inputs[1]), op._inputs[2]],
                          dict(attrs)),
            create_output("DepthwiseConv2dNative", [grad, op._inputs[1]], dict(attrs))]


@gradient("DepthwiseConv2dNativeBackpropFilter")
def _depthwise_filter_grad(op, grad):
    attrs = _attrs_of(op, _DW_ATTRS)
    return [create_output("DepthwiseConv2dNativeBackpropInput", [array_ops.shape(op._inputs[0]), grad, op._inputs[2]],
                          dict(attrs)),
            None,
            create_output("DepthwiseConv2dNative", [op._inputs[0], grad], dict(attrs))]


# -- pooling, normalization, top-k ---------------------------------------------------------------
def _pool_attrs(op, explicit=True):
    return _attrs_of(op, ("ksize", "strides", "padding", "data_format") + (("explicit_paddings",) if explicit else ()))


@gradient("MaxPool")
def _max_pool_gradient(op, grad):
    return create_output("MaxPoolGrad", [op._inputs[0], op._outputs[0], grad], _pool_attrs(op))


@gradient("MaxPoolGrad")
def _max_pool_grad_gradient(op, grad):
    return (array_ops.zeros_like(op._inputs[0]), array_ops.zeros_like(op._inputs[1]),
            create_output("MaxPoolGradGrad", [op._inputs[0], op._inputs[1], grad], _pool_attrs(op, False)))


@gradient("MaxPoolGradGrad")
def _max_pool_grad_grad_gradient(op, grad):
    return (array_ops.zeros_like(op._inputs[0]), array_ops.zeros_like(op._inputs[1]),
            create_output("MaxPoolGrad", [op._inputs[0], op._inputs[1], grad], _pool_attrs(op, False)))


@gradient("AvgPool")
def _avg_pool_gradient(op, grad):
    shape = array_ops.shape(op._inputs[0], out_type=dtypes.int32)
    return create_output("AvgPoolGrad", [shape, grad], _pool_attrs(op, False))


@gradient("AvgPoolGrad")
def _avg_pool_grad_gradient(op, grad):
    return (array_ops.stop_gradient(op._inputs[0]),
            create_output("AvgPool", [grad], _pool_attrs(op, False)))


@gradient("FusedBatchNormV3")
def _fused_grad(op, *grads):
    training = op._attrs["is_training"]
    attrs = _attrs_of(op, ("epsilon", "data_format", "is_training"))
    space_1 = op._outputs[3] if training else op._inputs[3]
    space_2 = op._outputs[4] if training else op._inputs[4]
    out = create("FusedBatchNormGradV3", [grads[0], op._inputs[0], op._inputs[1], space_1, space_2, op._outputs[5]],
                 attrs)._outputs
    return out[0], out[1], out[2], None, None


@gradient("LRN")
def _lrn_gradient(op, grad):
    attrs = _attrs_of(op, ("depth_radius", "bias", "alpha", "beta"))
    return create("LRNGrad", [grad, op._inputs[0], op._outputs[0]], attrs)._outputs[0]


@gradient("TopKV2")
def _top_k_grad(op, grad, _):
    in_shape = array_ops.shape(op._inputs[0])
    ind_shape = array_ops.shape(op._outputs[1])
    ind_lastdim = array_ops.gather(math_ops.cast(ind_shape, dtypes.int64), array_ops.size(ind_shape) - 1)
    ind_2d = array_ops.reshape(op._outputs[1], array_ops.stack([-1, ind_lastdim]))
    in_lastdim = array_ops.gather(math_ops.cast(in_shape, dtypes.int64), array_ops.size(in_shape) - 1)
    outerdim = array_ops.shape(ind_2d)[0]
    ind = array_ops.reshape(
        ind_2d + math_ops.cast(array_ops.expand_dims(
            array_ops.range(0, math_ops.cast(outerdim, dtypes.int64) * in_lastdim, in_lastdim), -1), dtypes.int32),
        [-1])
    return [array_ops.reshape(array_ops.scatter_nd(array_ops.expand_dims(ind, -1), array_ops.reshape(grad, [-1]),
                                                   [math_ops.reduce_prod(in_shape)]), in_shape),
            array_ops.zeros([], dtype=dtypes.int32)]
