"""Clipping by norm: ``tf.clip_by_norm``, ``tf.global_norm`` and ``tf.clip_by_global_norm``.

Built from ordinary ops, exactly as TensorFlow builds them (same ops, same order, same
names, e.g. ``clip_by_global_norm/clip_by_global_norm/_0`` for the first clipped tensor),
so their gradients come from those ops. As in TensorFlow, an ``IndexedSlices`` (a sparse
gradient) is clipped through its values and stays an ``IndexedSlices``. ``tf.clip_by_value``
lives with the math ops.
"""

from __future__ import annotations

import collections.abc

import numpy as np

from scopeflow._src.framework.constant_op import constant, convert_to_tensor
from scopeflow._src.framework.default_graph import colocate_with, name_scope
from scopeflow._src.framework.indexed_slices import IndexedSlices
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.nn.activations import l2_loss


def clip_by_norm(t, clip_norm, axes=None, name=None):
    """``t * clip_norm / max(l2norm(t), clip_norm)``: ``t`` rescaled so that its L2 norm (over
    ``axes``, default all) is at most ``clip_norm``.

    >>> import scopeflow as tf
    >>> c = tf.clip_by_norm(tf.constant([3.0, 4.0]), 1.0)
    >>> c.name, tf.Session().run(c).astype(float).round(3).tolist()
    ('clip_by_norm:0', [0.6, 0.8])
    """
    with name_scope(name, "clip_by_norm", [t, clip_norm]) as name:
        values = convert_to_tensor(_values(t), name="t")
        if np.isscalar(clip_norm):
            if clip_norm < 0:
                clip_norm = 0
        else:
            clip_norm = math_ops.cast(math_ops.maximum(clip_norm, 0), dtype=values.dtype)
        l2sum = math_ops.reduce_sum(values * values, axes, keepdims=True)
        pred = l2sum > 0
        l2sum_safe = array_ops.where(pred, l2sum, array_ops.ones_like(l2sum))
        l2norm = array_ops.where(pred, math_ops.sqrt(l2sum_safe), l2sum)
        intermediate = values * clip_norm
        values.shape.assert_is_compatible_with(intermediate.shape)
        values_clip = array_ops.identity(intermediate / math_ops.maximum(l2norm, clip_norm), name=name)
        return _like(t, values_clip)


def _values(t):
    """What is clipped or measured of ``t``: the values of an ``IndexedSlices``, else ``t``."""
    return t.values if isinstance(t, IndexedSlices) else t


def _like(t, values):
    """``values`` as ``t`` was: an ``IndexedSlices`` with ``t``'s indices, or the tensor."""
    return IndexedSlices(values, t.indices, t.dense_shape) if isinstance(t, IndexedSlices) else values


def _check_sequence(t_list):
    if not isinstance(t_list, collections.abc.Sequence) or isinstance(t_list, str):
        raise TypeError(f"`t_list` should be a sequence of tensors. Received {type(t_list)}.")
    return list(t_list)


def global_norm(t_list, name=None):
    """``sqrt(sum(l2norm(t) ** 2 for t in t_list))``, skipping ``None`` entries.

    >>> import scopeflow as tf
    >>> n = tf.global_norm([tf.constant([3.0]), None, tf.constant([4.0])])
    >>> n.name, float(tf.Session().run(n))
    ('global_norm/global_norm:0', 5.0)
    """
    t_list = _check_sequence(t_list)
    with name_scope(name, "global_norm", t_list) as name:
        values = [None if t is None else convert_to_tensor(_values(t), name=f"t_{i}") for i, t in enumerate(t_list)]
        half_squared_norms = []
        for v in values:
            if v is not None:
                with colocate_with(v):
                    half_squared_norms.append(l2_loss(v))
        half_squared_norm = math_ops.reduce_sum(array_ops.stack(half_squared_norms))
        return math_ops.sqrt(half_squared_norm * constant(2.0, dtype=half_squared_norm.dtype), name="global_norm")


def clip_by_global_norm(t_list, clip_norm, use_norm=None, name=None):
    """``(t_list scaled by clip_norm / max(global_norm, clip_norm), global_norm)``.

    The usual gradient clipping of TF1 training loops; ``None`` entries stay ``None``.
    If the norm is not finite, every clipped value is NaN, as in TF.

    >>> import scopeflow as tf
    >>> (a, b), norm = tf.clip_by_global_norm([tf.constant([3.0]), tf.constant([4.0])], 1.0)
    >>> a.name, [v.astype(float).round(3).tolist() for v in tf.Session().run([a, b])]
    ('clip_by_global_norm/clip_by_global_norm/_0:0', [[0.6], [0.8]])
    """
    t_list = _check_sequence(t_list)
    if use_norm is None:
        use_norm = global_norm(t_list, name)
    with name_scope(name, "clip_by_global_norm", t_list + [clip_norm]) as name:
        scale_for_finite = clip_norm * math_ops.minimum(1.0 / use_norm,
                                                        constant(1.0, dtype=use_norm.dtype) / clip_norm)
        scale = scale_for_finite + (use_norm - use_norm)  # NaN when the norm is not finite
        values = [None if t is None else convert_to_tensor(_values(t), name=f"t_{i}") for i, t in enumerate(t_list)]
        clipped = []
        for i, v in enumerate(values):
            if v is None:
                clipped.append(None)
            else:
                with colocate_with(v):
                    clipped.append(array_ops.identity(v * math_ops.cast(scale, v.dtype), name=f"{name}_{i}"))
    return [c if c is None else _like(t, c) for c, t in zip(clipped, t_list)], use_norm
