"""``kl_divergence`` and ``RegisterKL``: KL functions registered per pair of distribution
classes, found through both classes' MROs (the nearest registered pair), as TF's.

>>> import scopeflow as tf
>>> a = tf.distributions.Normal(0.0, 1.0)
>>> tf.distributions.kl_divergence(a, a).name
'KullbackLeibler/kl_normal_normal/add:0'
"""

from __future__ import annotations

from scopeflow._src.framework.default_graph import control_dependencies, name_scope
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.control.assert_op import Assert

_DIVERGENCES: dict = {}


def _registered_kl(type_a, type_b):
    found, distance = None, None
    for to_a, parent_a in enumerate(type_a.__mro__):
        for to_b, parent_b in enumerate(type_b.__mro__):
            candidate = _DIVERGENCES.get((parent_a, parent_b))
            if not found or (candidate and to_a + to_b < distance):
                found, distance = candidate, to_a + to_b
    return found


def kl_divergence(distribution_a, distribution_b, allow_nan_stats=True, name=None):
    """KL(a || b) by the function registered for the two classes (``NotImplementedError`` when none
    is); with ``allow_nan_stats=False`` a NaN in the result fails at run time."""
    kl_fn = _registered_kl(type(distribution_a), type(distribution_b))
    if kl_fn is None:
        raise NotImplementedError(f"No KL(distribution_a || distribution_b) registered for distribution_a type "
                                  f"{type(distribution_a).__name__} and distribution_b type "
                                  f"{type(distribution_b).__name__}")
    with name_scope("KullbackLeibler"):
        kl_t = kl_fn(distribution_a, distribution_b, name=name)
        if allow_nan_stats:
            return kl_t
        kl_t = array_ops.identity(kl_t, name="kl")
        message = (f"KL calculation between {distribution_a.name} and {distribution_b.name} returned NaN values "
                   "(and was called with allow_nan_stats=False). Values:")
        with control_dependencies([Assert(math_ops.logical_not(math_ops.reduce_any(math_ops.is_nan(kl_t))),
                                          [message, kl_t])]):
            return array_ops.identity(kl_t, name="checked_kl")


def cross_entropy(ref, other, allow_nan_stats=True, name=None):
    """H(ref, other) = entropy(ref) + KL(ref || other)."""
    with name_scope(name, "cross_entropy"):
        return ref.entropy() + kl_divergence(ref, other, allow_nan_stats=allow_nan_stats)


class RegisterKL:
    """Decorator registering ``kl_fn(a, b, name=None)`` for ``(dist_cls_a, dist_cls_b)``."""

    def __init__(self, dist_cls_a, dist_cls_b):
        self._key = (dist_cls_a, dist_cls_b)

    def __call__(self, kl_fn):
        if not callable(kl_fn):
            raise TypeError(f"kl_fn must be callable, received: {kl_fn}")
        if self._key in _DIVERGENCES:
            raise ValueError(f"KL({self._key[0].__name__} || {self._key[1].__name__}) has already been registered "
                             f"to: {_DIVERGENCES[self._key]}")
        _DIVERGENCES[self._key] = kl_fn
        return kl_fn
