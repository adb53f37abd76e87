"""What ``BatchNormalization`` adds for ``renorm`` (Batch Renormalization, Ioffe 2017),
``virtual_batch_size`` (statistics per "ghost" batch) and ``adjustment``, with tf-keras's ops:
``renorm_mean``/``renorm_stddev``/``moving_stddev`` variables, the ``r``/``d`` corrections (stopped
gradients named ``renorm_r``/``renorm_d``), ``AssignNewValue`` for the moving variance, and the
input reshaped to ``[virtual_batch_size, -1, ...]`` around the normalization."""

from __future__ import annotations

from scopeflow._src.framework.constant_op import constant
from scopeflow._src.framework.default_graph import colocate_with, control_dependencies, name_scope
from scopeflow._src.layers.smart_cond import smart_cond
from scopeflow._src.ops import array_ops, math_ops, nn_ops
from scopeflow._src.ops.state import variable_ops


def add_renorm_weights(layer) -> None:
    """``moving_stddev``, ``renorm_mean`` and ``renorm_stddev`` (not trainable), after the moving statistics."""
    def moving_stddev_initializer(*args, **kwargs):
        return math_ops.sqrt(layer.moving_variance_initializer(*args, **kwargs))
    layer.moving_stddev = layer._moving("moving_stddev", moving_stddev_initializer)
    layer.renorm_mean = layer._moving("renorm_mean", layer.moving_mean_initializer)
    layer.renorm_stddev = layer._moving("renorm_stddev", moving_stddev_initializer)


def ones_like(t):
    """TF2's ``tf.ones_like`` (which tf-keras calls): a ``Const`` when the shape is known, where
    TF1's builds ``Fill``."""
    if not t.shape.is_fully_defined():
        return array_ops.ones_like(t)
    with name_scope(None, "ones_like", [t]) as scope:
        return constant(1, dtype=t.dtype.base_dtype, shape=t.shape.as_list(), name=scope)


def compose_transforms(scale, offset, then_scale, then_offset):
    """``(scale, offset)`` of applying ``x * scale + offset``, then ``* then_scale + then_offset``."""
    if then_scale is not None:
        scale *= then_scale
        offset *= then_scale
    if then_offset is not None:
        offset += then_offset
    return scale, offset


def correction_and_moments(layer, mean, variance, training):
    """The renorm corrections ``r`` and ``d`` and the moments to update with (after the renorm
    statistics' own moving averages)."""
    stddev = math_ops.sqrt(variance + layer.epsilon)
    renorm_mean = layer.renorm_mean
    renorm_stddev = math_ops.maximum(layer.renorm_stddev, math_ops.sqrt(layer.epsilon))
    r = stddev / renorm_stddev
    d = (mean - renorm_mean) / renorm_stddev
    with control_dependencies([r, d]):
        mean = array_ops.identity(mean)
        stddev = array_ops.identity(stddev)
    rmin, rmax, dmax = (layer.renorm_clipping.get(key) for key in ("rmin", "rmax", "dmax"))
    if rmin is not None:
        r = math_ops.maximum(r, rmin)
    if rmax is not None:
        r = math_ops.minimum(r, rmax)
    if dmax is not None:
        d = math_ops.maximum(d, -dmax)
        d = math_ops.minimum(d, dmax)
    r = smart_cond(training, lambda: r, lambda: ones_like(r))
    d = smart_cond(training, lambda: d, lambda: array_ops.zeros_like(d))

    def update(var, value):
        value = array_ops.identity(value)
        return smart_cond(training, lambda: layer._assign_moving_average(var, value, layer.renorm_momentum),
                          lambda: array_ops.identity(var))
    update_mean = update(layer.renorm_mean, mean)
    update_stddev = update(layer.renorm_stddev, stddev)
    with control_dependencies([update_mean, update_stddev]):
        return r, d, array_ops.identity(mean), array_ops.identity(variance)


def variance_update(layer, new_variance):
    """The moving variance from the moving standard deviation (renorm's ``AssignNewValue``)."""
    moving_stddev = layer._assign_moving_average(layer.moving_stddev, math_ops.sqrt(new_variance + layer.epsilon),
                                                 layer.momentum)
    value = nn_ops.relu(moving_stddev * moving_stddev - layer.epsilon)
    with name_scope("AssignNewValue") as scope:
        with colocate_with(layer.moving_variance):
            return variable_ops.assign(layer.moving_variance, value, name=scope)


def split_virtual_batches(inputs, virtual_batch_size):
    """``inputs`` as ``[virtual_batch_size, -1, ...]`` and the shape that undoes it."""
    original_shape = array_ops.shape(inputs)
    original_shape = array_ops.concat([constant([-1]), original_shape[1:]], axis=0)
    expanded_shape = array_ops.concat([constant([virtual_batch_size, -1]), original_shape[1:]], axis=0)
    return array_ops.reshape(inputs, expanded_shape), original_shape
