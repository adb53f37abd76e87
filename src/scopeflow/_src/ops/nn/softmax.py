"""Softmax, log-softmax and the fused softmax cross-entropy ops, with TensorFlow's wrappers.

Kernels subtract the row maximum before exponentiating, so large logits neither overflow
nor lose precision, and they keep the input dtype (float32 stays float32). The fused ops
return ``(loss, backprop)`` as TensorFlow's do; their gradients reuse ``backprop``.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry, tensor_util
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create, create_output
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.shape_inference import ShapeError
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.common import dtype_lists, shape_fns
from scopeflow._src.ops.common.lowering import all_inputs, checked
from scopeflow._src.ops.common.shape_fns import dims_text

_FP16 = (dtypes.float16, dtypes.bfloat16)


# -- Softmax, LogSoftmax ----------------------------------------------------------------------
def _softmax(x):
    e = np.exp(x - np.max(x, axis=-1, keepdims=True))
    e /= np.sum(e, axis=-1, keepdims=True)
    return e


def _log_softmax(x):
    shifted = x - np.max(x, axis=-1, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))


def _at_least_rank_1(inputs, attrs):
    shape = inputs[0].shape
    if shape.ndims == 0:
        raise ShapeError("Shape must be at least rank 1 but is rank 0")
    return shape


def _refusing_scalars(kernel):
    """A factory for ``kernel``, refusing a scalar as TF's kernel does when the static rank was
    unknown (NumPy reduces a 0-d array over axis -1). TF 2.21's oneDNN ``Softmax`` says
    ``AbortedError: Input dims must be <= 5 and >=1`` instead; we give TF's portable text."""
    def factory(op, state):
        if op._inputs[0].shape.ndims is not None:
            return kernel

        def checking_rank(x):
            if not np.ndim(x):
                raise errors.InvalidArgumentError(None, op, "logits must have >= 1 dimension, got []")
            return kernel(x)
        return checking_rank
    return factory


registry.register(OpDef("Softmax", inputs=["logits: T"], outputs=["softmax: T"], attrs={"T": dtype_lists.FLOATING},
                        shape=_at_least_rank_1, factory=_refusing_scalars(_softmax),
                        lower=checked(lambda op, jx: lambda x: jx.jax.nn.softmax(x, axis=-1))))
registry.register(OpDef("LogSoftmax", inputs=["logits: T"], outputs=["logsoftmax: T"],
                        attrs={"T": dtype_lists.FLOATING},
                        shape=_at_least_rank_1, factory=_refusing_scalars(_log_softmax),
                        lower=checked(lambda op, jx: lambda x: jx.jax.nn.log_softmax(x, axis=-1))))


def _swap_axis(x, dim_index, last_index, name=None):
    perm = array_ops.concat([array_ops.range(dim_index), [last_index], array_ops.range(dim_index + 1, last_index),
                             [dim_index]], 0)
    return array_ops.transpose(x, perm, name=name)


def _wrap_2d(inputs, op_type, dim, name):
    """Apply ``op_type`` along ``dim``, transposing ``dim`` to the end and back as TF does."""
    inputs = convert_to_tensor(inputs)
    shape = inputs.shape
    if dim == -1 or dim == shape.ndims - 1:
        return create_output(op_type, [inputs], name=name)
    dim_val = tensor_util.constant_value(dim) if isinstance(dim, Tensor) else dim
    if dim_val is not None and not -shape.ndims <= dim_val < shape.ndims:
        raise errors.InvalidArgumentError(
            None, None, f"`dim` must be in the range [{-shape.ndims}, {shape.ndims}) where {shape.ndims} is the "
                        f"number of dimensions in the input. Received: dim={dim_val}")
    ndims = array_ops.rank(inputs)
    if not isinstance(dim, Tensor):
        if dim < 0:
            dim += ndims
    else:
        dim = array_ops.where(math_ops.less(dim, 0), dim + ndims, dim)
    input_rank = array_ops.rank(inputs)
    dim_axis = dim % shape.ndims
    inputs = _swap_axis(inputs, dim_axis, math_ops.subtract(input_rank, 1))
    output = create_output(op_type, [inputs])
    output = _swap_axis(output, dim_axis, math_ops.subtract(input_rank, 1), name=name)
    output.set_shape(shape)
    return output


def _axis(axis, dim):
    if dim is not None:
        if axis is not None:
            raise ValueError("Cannot specify both 'dim' and 'axis'.")
        axis = dim
    return -1 if axis is None else axis


def softmax(logits, axis=None, name=None, dim=None):
    """``exp(logits) / sum(exp(logits), axis)`` (a ``Softmax`` op; other axes are transposed
    to the end and back, as in TensorFlow).

    >>> import scopeflow as tf
    >>> tf.Session().run(tf.nn.softmax([0.0, 0.0]))
    array([0.5, 0.5], dtype=float32)
    """
    return _wrap_2d(logits, "Softmax", _axis(axis, dim), name)


def log_softmax(logits, axis=None, name=None, dim=None):
    """``logits - log(sum(exp(logits), axis))`` (a ``LogSoftmax`` op)."""
    return _wrap_2d(logits, "LogSoftmax", _axis(axis, dim), name)


# -- SoftmaxCrossEntropyWithLogits ----------------------------------------------------------
def _xent_shape(inputs, attrs):
    features, labels = inputs[0].shape, inputs[1].shape
    if features.ndims in (None, 2) and labels.ndims in (None, 2) and features.is_compatible_with(labels):
        merged = features.merge_with(labels)
        batch = merged.as_list()[0] if merged.ndims is not None else None
        return [TensorShape([batch]), merged if merged.ndims is not None else TensorShape([None, None])]
    out = shape_fns.broadcast_shapes(features, labels)
    if out.ndims is None:
        raise ShapeError("Shape must be broadcasted with rank 2, but is rank is unknown.")
    if out.ndims != 2:
        raise ShapeError(f"Shape must be broadcasted with rank 2, but is rank {out.ndims}")
    return [TensorShape([out.as_list()[0]]), out]


def _xent_factory(op, state):
    def kernel(features, labels):
        if features.ndim != 2 or labels.ndim != 2 or any(
                a != b and 1 not in (a, b) for a, b in zip(features.shape, labels.shape)):
            raise errors.InvalidArgumentError(
                None, op, f"logits and labels must be broadcastable: logits_size={dims_text(features.shape)} "
                          f"labels_size={dims_text(labels.shape)}")
        features, labels = np.broadcast_arrays(features, labels)
        shifted = features - np.max(features, axis=1, keepdims=True)
        e = np.exp(shifted)
        total = np.sum(e, axis=1, keepdims=True)
        loss = np.sum(labels * (np.log(total) - shifted), axis=1)
        return loss, e / total - labels
    return kernel


def _lower_xent(op, jx):
    jnp = jx.jnp

    def xent(features, labels):
        features, labels = jnp.broadcast_arrays(features, labels)
        shifted = features - jnp.max(features, axis=1, keepdims=True)
        e = jnp.exp(shifted)
        total = jnp.sum(e, axis=1, keepdims=True)
        return jnp.sum(labels * (jnp.log(total) - shifted), axis=1), e / total - labels
    return xent


registry.register(OpDef("SoftmaxCrossEntropyWithLogits", inputs=["features: T", "labels: T"],
                        outputs=["loss: T", "backprop: T"], attrs={"T": dtype_lists.FLOATING}, shape=_xent_shape,
                        factory=_xent_factory, lower=checked(_lower_xent, all_inputs)))


def _sparse_xent_shape(inputs, attrs):
    features, labels = inputs[0].shape, inputs[1].shape
    for shape, rank in ((features, 2), (labels, 1)):
        if shape.ndims is not None and shape.ndims != rank:
            raise ShapeError(f"Shape must be rank {rank} but is rank {shape.ndims}")
    f = features.as_list() if features.ndims is not None else [None, None]
    b = labels.as_list()[0] if labels.ndims is not None else None
    if f[0] is not None and b is not None and f[0] != b:
        raise ShapeError(f"Dimensions must be equal, but are {f[0]} and {b}")
    batch = f[0] if f[0] is not None else b
    return [TensorShape([batch]), TensorShape([batch, f[1]])]


def _sparse_xent_factory(op, state):
    def kernel(features, labels):
        try:
            classes = features.shape[1]
            if ((labels < 0) | (labels >= classes)).any():  # NumPy would wrap negative labels
                raise IndexError
            shifted = features - np.max(features, axis=1, keepdims=True)
            e = np.exp(shifted)
            total = np.sum(e, axis=1, keepdims=True)
            rows = np.arange(features.shape[0])
            loss = np.log(total[:, 0]) - shifted[rows, labels]
            backprop = e / total
            backprop[rows, labels] -= 1
            return loss, backprop
        except (IndexError, ValueError):  # TF's message for the first check that fails
            raise errors.InvalidArgumentError(None, op, _sparse_xent_message(features, labels)) from None
    return kernel


def _sparse_xent_message(features, labels):
    if features.ndim != 2:
        return f"logits must be 2-D, but got shape {dims_text(features.shape)}"
    if labels.ndim != 1:
        return f"labels must be 1-D, but got shape {dims_text(labels.shape)}"
    if features.shape[0] != labels.shape[0]:
        return (f"logits and labels must have the same first dimension, got logits shape {dims_text(features.shape)} "
                f"and labels shape {dims_text(labels.shape)}")
    classes = features.shape[1]
    bad = labels[(labels < 0) | (labels >= classes)]
    return (f"Received a label value of {int(bad[0])} which is outside the valid range of [0, {classes}).  "
            f"Label values: {' '.join(str(int(v)) for v in labels)}")


def _lower_sparse_xent(op, jx):
    jnp = jx.jnp

    def sparse_xent(features, labels):
        if features.ndim != 2 or labels.ndim != 1 or features.shape[0] != labels.shape[0]:
            raise errors.InvalidArgumentError(None, op, _sparse_xent_message(
                np.empty(features.shape), np.zeros(labels.shape, np.int64)))
        classes = features.shape[1]
        one_hot = (labels[:, None] == jnp.arange(classes)).astype(features.dtype)
        shifted = features - jnp.max(features, axis=1, keepdims=True)
        e = jnp.exp(shifted)
        total = jnp.sum(e, axis=1, keepdims=True)
        loss = jnp.log(total[:, 0]) - jnp.sum(shifted * one_hot, axis=1)
        bad = (labels < 0) | (labels >= classes)  # no error inside a compiled step: NaN, as TF's GPU kernel
        return jnp.where(bad, jnp.nan, loss), jnp.where(bad[:, None], jnp.nan, e / total - one_hot)
    return sparse_xent


registry.register(OpDef("SparseSoftmaxCrossEntropyWithLogits", inputs=["features: T", "labels: Tlabels"],
                        outputs=["loss: T", "backprop: T"],
                        attrs={"T": dtype_lists.FLOATING, "Tlabels": dtype_lists.types("int32,int64")},
                        shape=_sparse_xent_shape, factory=_sparse_xent_factory, defaults={"Tlabels": dtypes.int64},
                        lower=_lower_sparse_xent))


def _ensure_xent_args(name, labels, logits):
    if labels is None or logits is None:
        raise ValueError(f"Both `labels` and `logits` must be provided for {name}Received: labels={labels} and "
                         f"logits={logits}")


def _flatten_outer_dims(logits):
    rank = array_ops.rank(logits)
    last_dim_size = array_ops.slice(array_ops.shape(logits), [math_ops.subtract(rank, 1)], [1])
    output = array_ops.reshape(logits, array_ops.concat([[-1], last_dim_size], 0))
    dims = logits.shape.as_list() if logits.shape.ndims is not None else None
    if dims is not None and all(d is not None for d in dims[:-1]):
        output.set_shape([int(np.prod(dims[:-1], dtype=np.int64)), dims[-1]])
    return output


def _move_dim_to_end(tensor, dim_index, rank):
    perm = array_ops.concat([array_ops.range(dim_index), array_ops.range(dim_index + 1, rank), [dim_index]], 0)
    return array_ops.transpose(tensor, perm)


def softmax_cross_entropy_with_logits_v2(labels, logits, axis=None, name=None, dim=None):
    """Cross entropy between ``labels`` (distributions) and ``softmax(logits)`` along ``axis``.

    Gradients flow into both ``labels`` and ``logits``. Builds TF's structure: the inputs
    are flattened to 2-D, fed to ``SoftmaxCrossEntropyWithLogits``, and the loss reshaped.
    """
    axis = _axis(axis, dim)
    with name_scope(name, "softmax_cross_entropy_with_logits", [logits, labels]) as scope:
        logits = convert_to_tensor(logits, name="logits")
        labels = convert_to_tensor(labels, name="labels")
        to_float32 = logits.dtype.base_dtype in _FP16
        precise = math_ops.cast(logits, dtypes.float32) if to_float32 else logits
        labels = math_ops.cast(labels, precise.dtype)
        input_rank = array_ops.rank(precise)
        shape = logits.shape
        if axis != -1:
            precise = _move_dim_to_end(precise, axis, input_rank)
            labels = _move_dim_to_end(labels, axis, input_rank)
        input_shape = array_ops.shape(precise)
        precise = _flatten_outer_dims(precise)
        labels = _flatten_outer_dims(labels)
        cost = create("SoftmaxCrossEntropyWithLogits", [precise, labels], name=scope)._outputs[0]
        output_shape = array_ops.slice(input_shape, [0], [math_ops.subtract(input_rank, 1)])
        cost = array_ops.reshape(cost, output_shape)
        if shape.ndims is not None:
            dims = shape.as_list()
            del dims[axis]
            cost.set_shape(dims)
        return math_ops.cast(cost, logits.dtype) if to_float32 else cost


def softmax_cross_entropy_with_logits(labels=None, logits=None, dim=-1, name=None, axis=None):
    """The deprecated TF1 form: like ``_v2`` but ``labels`` get a ``StopGradient`` first
    (scope ``softmax_cross_entropy_with_logits_sg``)."""
    if axis is not None:
        dim = axis
    _ensure_xent_args("softmax_cross_entropy_with_logits", labels, logits)
    with name_scope(name, "softmax_cross_entropy_with_logits_sg", [logits, labels]) as scope:
        labels = array_ops.stop_gradient(labels, name="labels_stop_gradient")
    return softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits, axis=dim, name=scope)


def sparse_softmax_cross_entropy_with_logits(labels=None, logits=None, name=None):
    """Cross entropy between integer class ``labels`` and ``softmax(logits)``.

    Logits of rank above 2 are reshaped to 2-D and the loss back to ``labels``' shape. When
    the shapes are not fully known TF adds a runtime ``assert_equal``; scopeflow relies on
    the kernel's own checks there instead.
    """
    _ensure_xent_args("sparse_softmax_cross_entropy_with_logits", labels, logits)
    with name_scope(name, "SparseSoftmaxCrossEntropyWithLogits", [labels, logits]):
        labels = convert_to_tensor(labels)
        logits = convert_to_tensor(logits)
        to_float32 = logits.dtype.base_dtype == dtypes.float16
        precise = math_ops.cast(logits, dtypes.float32) if to_float32 else logits
        labels_static = labels.shape
        labels_shape = array_ops.shape(labels)
        lshape = logits.shape
        static_full = labels_static.is_fully_defined() and lshape.ndims is not None and \
            TensorShape(lshape.as_list()[:-1]).is_fully_defined()
        if lshape.ndims == 0:
            raise ValueError(f"`logits` cannot be a scalar. Received logits={logits}`")
        if lshape.ndims is not None and labels_static.ndims is not None and labels_static.ndims != lshape.ndims - 1:
            raise ValueError(f"`labels.shape.rank` must equal `logits.shape.rank - 1`. Received: "
                             f"labels.shape={labels_static} of rank {labels_static.ndims} and "
                             f"logits.shape={lshape} of rank {lshape.ndims}")
        if static_full and labels_static.as_list() != lshape.as_list()[:-1]:
            raise ValueError(f"`labels.shape` must equal `logits.shape` except for the last dimension. Received: "
                             f"labels.shape={labels_static} and logits.shape={lshape}")
        if lshape.ndims == 2:
            cost = create("SparseSoftmaxCrossEntropyWithLogits", [precise, labels], name=name)._outputs[0]
            return math_ops.cast(cost, dtypes.float16) if to_float32 else cost
        num_classes = array_ops.shape(logits)[array_ops.rank(logits) - 1]
        precise = array_ops.reshape(precise, [-1, num_classes])
        labels = array_ops.reshape(labels, [-1])
        cost = create("SparseSoftmaxCrossEntropyWithLogits", [precise, labels], name=name)._outputs[0]
        cost = array_ops.reshape(cost, labels_shape)
        cost.set_shape(labels_static)
        return math_ops.cast(cost, dtypes.float16) if to_float32 else cost

