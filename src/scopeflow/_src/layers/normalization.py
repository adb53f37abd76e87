"""``BatchNormalization`` and ``batch_normalization`` (tf-keras's V1 batch normalization).

Variables: ``gamma``, ``beta`` (trainable), ``moving_mean``, ``moving_variance`` (global,
not trainable). Inputs of rank 4 normalised over axis 1 or 3 use one ``FusedBatchNormV3``
op (unless ``fused=False``); others use ``tf.nn.moments`` and ``tf.nn.batch_normalization``
(``batchnorm/...`` ops). When training, the moving statistics are updated by ``AssignSub``
ops named ``AssignMovingAvg`` and ``AssignMovingAvg_1``, which go to ``UPDATE_OPS`` (only
for a trainable layer): run them with the train op. As in TensorFlow, the fused op's batch
variance (used for the moving variance) has Bessel's correction; the unfused one has not.

``renorm``, ``virtual_batch_size`` and ``adjustment`` (``batch_renorm.py``) use the unfused
ops. ``training=None`` means ``False`` (tf-keras uses its learning phase).
"""

from __future__ import annotations

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import constant, convert_to_tensor
from scopeflow._src.framework.default_graph import colocate_with, name_scope
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.layers import lookup
from scopeflow._src.layers.base import Layer
from scopeflow._src.layers.input_spec import InputSpec
from scopeflow._src.layers.smart_cond import constant_value, smart_cond
from scopeflow._src.ops import array_ops, math_ops, nn_ops
from scopeflow._src.ops.state import variable_ops
from scopeflow._src.variables import initializers
from scopeflow._src.variables.variable import VariableAggregation, VariableSynchronization

_FUSED_FORMATS = {(1, 4): "NCHW", (3, 4): "NHWC", (1, 5): "NCDHW", (4, 5): "NDHWC"}


def validate_axis(axis, input_shape):
    """``axis`` (an int or ints, maybe negative) as a list of non-negative axes of ``input_shape``."""
    input_shape = TensorShape(input_shape)
    rank = input_shape.rank
    if not rank:
        raise ValueError(f"Input has undefined rank. Received: input_shape={input_shape}")
    axis = [axis] if isinstance(axis, int) else list(axis)
    axis = [rank + a if a < 0 else a for a in axis]
    for a in axis:
        if a < 0 or a >= rank:
            raise ValueError(f"Invalid value for `axis` argument. Expected 0 <= axis < inputs.rank (with "
                             f"inputs.rank={rank}). Received: axis={tuple(axis)}")
    if len(axis) != len(set(axis)):
        raise ValueError(f"Duplicate axis: {tuple(axis)}")
    return axis


class BatchNormalization(Layer):
    """Batch normalisation (Ioffe and Szegedy, 2015) with moving statistics for inference.

    >>> import scopeflow as tf
    >>> x = tf.placeholder(tf.float32, [None, 3])
    >>> y = tf.layers.batch_normalization(x, training=True)
    >>> [op.name for op in tf.get_collection(tf.GraphKeys.UPDATE_OPS)]
    ['batch_normalization/AssignMovingAvg', 'batch_normalization/AssignMovingAvg_1']
    """

    def __init__(self, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True,
                 beta_initializer=initializers.zeros_initializer(), gamma_initializer=initializers.ones_initializer(),
                 moving_mean_initializer=initializers.zeros_initializer(),
                 moving_variance_initializer=initializers.ones_initializer(), beta_regularizer=None,
                 gamma_regularizer=None, beta_constraint=None, gamma_constraint=None, renorm=False,
                 renorm_clipping=None, renorm_momentum=0.99, fused=None, trainable=True, virtual_batch_size=None,
                 adjustment=None, name=None, **kwargs):
        super().__init__(name=name, trainable=trainable, **kwargs)
        if isinstance(axis, (list, tuple)):
            self.axis = list(axis)
        elif isinstance(axis, int):
            self.axis = axis
        else:
            raise TypeError(f"Expected an int or a list/tuple of ints for the argument 'axis', but received: {axis!r}")
        self.momentum = momentum
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.beta_initializer = lookup.get_initializer(beta_initializer)
        self.gamma_initializer = lookup.get_initializer(gamma_initializer)
        self.moving_mean_initializer = lookup.get_initializer(moving_mean_initializer)
        self.moving_variance_initializer = lookup.get_initializer(moving_variance_initializer)
        self.beta_regularizer, self.gamma_regularizer = beta_regularizer, gamma_regularizer
        self.beta_constraint, self.gamma_constraint = beta_constraint, gamma_constraint
        self.renorm = renorm
        self.virtual_batch_size = virtual_batch_size
        self.adjustment = adjustment
        self.fused = True if fused is None else fused
        self.supports_masking = True
        if renorm:
            renorm_clipping = renorm_clipping or {}
            keys = ["rmax", "rmin", "dmax"]
            if set(renorm_clipping) - set(keys):
                raise ValueError(f"Received invalid keys for `renorm_clipping` argument: {renorm_clipping}. "
                                 f"Supported values: {keys}.")
            self.renorm_clipping = renorm_clipping
            self.renorm_momentum = renorm_momentum

    @property
    def _param_dtype(self):
        dtype = dtypes.as_dtype(self.dtype or dtypes.float32)
        return dtypes.float32 if dtype in (dtypes.float16, dtypes.bfloat16) else dtype

    def _fused_can_be_used(self, axis):
        return len(axis) == 1 and axis[0] in (-4, -3, -1, 1, 3, 4) and not self.renorm and \
            self.virtual_batch_size is None and self.adjustment is None and \
            self.dtype in ("float16", "bfloat16", "float32", None)

    def build(self, input_shape):
        self.axis = validate_axis(self.axis, input_shape)
        input_shape = TensorShape(input_shape)
        rank = input_shape.rank
        if self.virtual_batch_size is not None:
            self._check_virtual_batch()
        if self.fused:
            self.fused = rank in (4, 5) and self._fused_can_be_used(self.axis)
        if self.fused:
            self._data_format = _FUSED_FORMATS.get((self.axis[0], rank))
            if self._data_format is None and rank == 5:
                self.fused = False
            elif self._data_format is None:
                raise ValueError(f"Unsupported axis. The use of `fused=True` is only possible with `axis=1` or "
                                 f"`axis=3` for 4D input tensors. Received: axis={tuple(self.axis)}")
        axis_to_dim = {a: input_shape.dims[a].value for a in self.axis}
        if any(d is None for d in axis_to_dim.values()):
            raise ValueError(f"Input has undefined `axis` dimension. Received input with shape {tuple(input_shape)} "
                             f"and axis={tuple(self.axis)}")
        self.input_spec = InputSpec(ndim=rank, axes=axis_to_dim)
        if len(axis_to_dim) == 1 and self.virtual_batch_size is None:
            param_shape = (list(axis_to_dim.values())[0],)
        else:
            param_shape = [axis_to_dim.get(i, 1) for i in range(rank)]
            if self.virtual_batch_size is not None:  # statistics per virtual batch: one more axis
                param_shape.insert(1, 1)
                self.axis = [a + 1 for a in self.axis]
        self._param_shape = param_shape
        self.gamma = self._param("gamma", self.gamma_initializer, self.gamma_regularizer,
                                 self.gamma_constraint) if self.scale else None
        self.beta = self._param("beta", self.beta_initializer, self.beta_regularizer,
                                self.beta_constraint) if self.center else None
        partitioner = self._scope.partitioner if self._scope is not None else None
        if partitioner:  # the moving statistics are never partitioned (tf-keras)
            self._scope.set_partitioner(None)
        try:
            self.moving_mean = self._moving("moving_mean", self.moving_mean_initializer)
            self.moving_variance = self._moving("moving_variance", self.moving_variance_initializer)
            if self.renorm:
                # renorm, virtual batches and adjustments load on first use (import time)
                from scopeflow._src.layers import batch_renorm

                batch_renorm.add_renorm_weights(self)
        finally:
            if partitioner:
                self._scope.set_partitioner(partitioner)
        self.built = True

    def _check_virtual_batch(self):
        if self.virtual_batch_size <= 0:
            raise ValueError(f"`virtual_batch_size` must be a positive integer that divides the true batch size of "
                             f"the input tensor. Received: virtual_batch_size={self.virtual_batch_size}")
        if 0 in self.axis:
            raise ValueError(f"When using `virtual_batch_size`, the batch dimension must be 0 and thus axis cannot "
                             f"include 0. Received axis={self.axis}")
        if self.adjustment is not None:
            raise ValueError("When using `virtual_batch_size`, adjustment cannot be specified")

    def _param(self, name, initializer, regularizer, constraint):
        return self.add_weight(name=name, shape=self._param_shape, dtype=self._param_dtype, initializer=initializer,
                               regularizer=regularizer, constraint=constraint, trainable=True,
                               experimental_autocast=False)

    def _moving(self, name, initializer):
        return self.add_weight(name=name, shape=self._param_shape, dtype=self._param_dtype, initializer=initializer,
                               synchronization=VariableSynchronization.ON_READ, trainable=False,
                               aggregation=VariableAggregation.MEAN, experimental_autocast=False)

    def call(self, inputs, training=False):
        inputs = math_ops.cast(inputs, self.dtype)
        if training is None:
            training = False
        if isinstance(training, int) and not isinstance(training, bool):
            training = bool(training)
        if self.virtual_batch_size is not None:
            # renorm, virtual batches and adjustments load on first use (import time)
            from scopeflow._src.layers import batch_renorm

            inputs, original_shape = batch_renorm.split_virtual_batches(inputs, self.virtual_batch_size)
        outputs = self._fused_batch_norm(inputs, training) if self.fused else self._batch_norm(inputs, training)
        if self.virtual_batch_size is not None:
            outputs = array_ops.reshape(outputs, original_shape)
        return outputs

    def _assign_moving_average(self, variable, value, momentum):
        with name_scope("AssignMovingAvg") as scope:
            with colocate_with(variable):
                decay = convert_to_tensor(1.0 - momentum, name="decay")
                if decay.dtype != variable.dtype.base_dtype:
                    decay = math_ops.cast(decay, variable.dtype.base_dtype)
                update_delta = (variable - math_ops.cast(value, variable.dtype.base_dtype)) * decay
                return variable_ops.assign_sub(variable, update_delta, name=scope)

    def _fused_batch_norm(self, inputs, training):
        beta = self.beta if self.center else constant(0.0, dtype=self._param_dtype, shape=self._param_shape)
        gamma = self.gamma if self.scale else constant(1.0, dtype=self._param_dtype, shape=self._param_shape)

        def fused(is_training):
            return lambda: nn_ops.fused_batch_norm(
                inputs, gamma, beta, mean=self.moving_mean, variance=self.moving_variance, epsilon=self.epsilon,
                is_training=is_training, data_format=self._data_format)
        output, mean, variance = smart_cond(training, fused(True), fused(False))
        training_value = constant_value(training)
        if training_value or training_value is None:
            if training_value is None:
                momentum = smart_cond(training, lambda: self.momentum, lambda: 1.0)
            else:
                momentum = convert_to_tensor(self.momentum)
            self.add_update(lambda: self._assign_moving_average(self.moving_mean, mean, momentum))
            self.add_update(lambda: self._assign_moving_average(self.moving_variance, variance, momentum))
        return output

    def _batch_norm(self, inputs, training):
        inputs_dtype = inputs.dtype.base_dtype
        if inputs_dtype in (dtypes.float16, dtypes.bfloat16):
            inputs = math_ops.cast(inputs, dtypes.float32)
        input_shape = inputs.shape
        ndims = len(input_shape)
        reduction_axes = [i for i in range(ndims) if i not in self.axis]
        if self.virtual_batch_size is not None:
            del reduction_axes[1]  # not over the virtual batches
        broadcast_shape = [1] * ndims
        broadcast_shape[self.axis[0]] = input_shape.dims[self.axis[0]].value

        def broadcast(v):
            if v is not None and len(v.shape) != ndims and reduction_axes != list(range(ndims - 1)):
                return array_ops.reshape(v, broadcast_shape)
            return v
        scale, offset = broadcast(self.gamma), broadcast(self.beta)
        if constant_value(training) is False:
            mean, variance = self.moving_mean, self.moving_variance
        else:
            # renorm, virtual batches and adjustments load on first use (import time)
            from scopeflow._src.layers import batch_renorm

            if self.adjustment:
                adj_scale, adj_bias = self.adjustment(array_ops.shape(inputs))
                adj_scale = smart_cond(training, lambda: adj_scale, lambda: batch_renorm.ones_like(adj_scale))
                adj_bias = smart_cond(training, lambda: adj_bias, lambda: array_ops.zeros_like(adj_bias))
                scale, offset = batch_renorm.compose_transforms(adj_scale, adj_bias, scale, offset)
            keep_dims = self.virtual_batch_size is not None or len(self.axis) > 1
            mean, variance = self._moments(inputs, reduction_axes, keep_dims=keep_dims)
            moving_mean, moving_variance = self.moving_mean, self.moving_variance
            mean = smart_cond(training, lambda: mean, lambda: convert_to_tensor(moving_mean))
            variance = smart_cond(training, lambda: variance, lambda: convert_to_tensor(moving_variance))
            new_mean, new_variance = mean, variance
            if self.virtual_batch_size is not None:
                new_mean = math_ops.reduce_mean(mean, axis=1, keepdims=True)
                new_variance = math_ops.reduce_mean(variance, axis=1, keepdims=True)
            if self.renorm:
                r, d, new_mean, new_variance = batch_renorm.correction_and_moments(self, new_mean, new_variance,
                                                                                   training)
                r = broadcast(array_ops.stop_gradient(r, name="renorm_r"))
                d = broadcast(array_ops.stop_gradient(d, name="renorm_d"))
                scale, offset = batch_renorm.compose_transforms(r, d, scale, offset)
            self._add_unfused_updates(training, new_mean, new_variance)
        mean = math_ops.cast(mean, inputs.dtype)
        variance = math_ops.cast(variance, inputs.dtype)
        offset = None if offset is None else math_ops.cast(offset, inputs.dtype)
        scale = None if scale is None else math_ops.cast(scale, inputs.dtype)
        outputs = nn_ops.batch_normalization(inputs, broadcast(mean), broadcast(variance), offset, scale,
                                              self.epsilon)
        if inputs_dtype in (dtypes.float16, dtypes.bfloat16):
            outputs = math_ops.cast(outputs, inputs_dtype)
        outputs.set_shape(input_shape)
        return outputs

    def _moments(self, inputs, reduction_axes, keep_dims):
        return nn_ops.moments(math_ops.cast(inputs, self._param_dtype), reduction_axes, keepdims=keep_dims)

    def _add_unfused_updates(self, training, new_mean, new_variance):
        def update(variable, value):
            return lambda: smart_cond(training, lambda: self._assign_moving_average(variable, value, self.momentum),
                                      lambda: variable)
        self.add_update(update(self.moving_mean, new_mean))
        if self.renorm:
            # renorm loads on first use (import time)
            from scopeflow._src.layers import batch_renorm

            self.add_update(lambda: smart_cond(training, lambda: batch_renorm.variance_update(self, new_variance),
                                               lambda: self.moving_variance))
        else:
            self.add_update(update(self.moving_variance, new_variance))

    def compute_output_shape(self, input_shape):
        return input_shape


def batch_normalization(inputs, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True,
                        beta_initializer=initializers.zeros_initializer(),
                        gamma_initializer=initializers.ones_initializer(),
                        moving_mean_initializer=initializers.zeros_initializer(),
                        moving_variance_initializer=initializers.ones_initializer(), beta_regularizer=None,
                        gamma_regularizer=None, beta_constraint=None, gamma_constraint=None, training=False,
                        trainable=True, name=None, reuse=None, renorm=False, renorm_clipping=None,
                        renorm_momentum=0.99, fused=None, virtual_batch_size=None, adjustment=None):
    """Functional ``BatchNormalization``: ``name`` opens its variable scope, ``reuse`` shares it.

    Remember to run ``tf.get_collection(tf.GraphKeys.UPDATE_OPS)`` with the train op when
    ``training`` is true, or the moving statistics never change.
    """
    layer = BatchNormalization(
        axis=axis, momentum=momentum, epsilon=epsilon, center=center, scale=scale,
        beta_initializer=beta_initializer, gamma_initializer=gamma_initializer,
        moving_mean_initializer=moving_mean_initializer, moving_variance_initializer=moving_variance_initializer,
        beta_regularizer=beta_regularizer, gamma_regularizer=gamma_regularizer, beta_constraint=beta_constraint,
        gamma_constraint=gamma_constraint, renorm=renorm, renorm_clipping=renorm_clipping,
        renorm_momentum=renorm_momentum, fused=fused, trainable=trainable, virtual_batch_size=virtual_batch_size,
        adjustment=adjustment, name=name, _reuse=reuse, _scope=name)
    return layer(inputs, training=training)


BatchNorm = BatchNormalization
batch_norm = batch_normalization
