"""Learning-rate schedules of ``tf.train`` (``exponential_decay``, ``polynomial_decay`` ...).

Each returns a scalar tensor of the step (usually the global step), built with the ops and
names TensorFlow builds (``ExponentialDecay/Pow``, the result named ``ExponentialDecay``),
so it can be passed as an optimizer's ``learning_rate``.

Differs from TF: ``piecewise_constant`` selects its value with ``SelectV2`` ops where TF
builds a ``case`` of ``cond``s (same values, other op names); ``cosine_decay_restarts`` and
``noisy_linear_cosine_decay`` are not provided.
"""

from __future__ import annotations

import math

from scopeflow._src.framework import dtypes, nest
from scopeflow._src.framework.constant_op import constant, convert_to_tensor
from scopeflow._src.framework.context import default_graph
from scopeflow._src.ops import array_ops, math_ops


def exponential_decay(learning_rate, global_step, decay_steps, decay_rate, staircase=False, name=None):
    """``learning_rate * decay_rate ** (global_step / decay_steps)`` (the exponent floored
    when ``staircase``).

    >>> import scopeflow as tf
    >>> lr = tf.train.exponential_decay(0.1, 20, decay_steps=10, decay_rate=0.5)
    >>> lr.name, round(float(tf.Session().run(lr)), 6)
    ('ExponentialDecay:0', 0.025)
    """
    with default_graph().name_scope(name or "ExponentialDecay") as scope:
        initial, decay_rate, p = _decay_fraction(learning_rate, global_step, decay_steps, decay_rate, staircase)
        return math_ops.multiply(initial, math_ops.pow(decay_rate, p), name=scope)


def _decay_fraction(learning_rate, global_step, decay_steps, decay_rate, staircase):
    """The start of exponential and inverse-time decay, with TF's ops in TF's order: the initial
    rate, ``decay_rate`` in its dtype, and ``global_step / decay_steps`` (floored when
    ``staircase``)."""
    initial = convert_to_tensor(learning_rate, name="initial_learning_rate")
    dtype = initial.dtype
    decay_steps = math_ops.cast(decay_steps, dtype)
    decay_rate = math_ops.cast(decay_rate, dtype)
    p = math_ops.cast(global_step, dtype) / decay_steps
    if staircase:
        p = math_ops.floor(p)
    return initial, decay_rate, p


def natural_exp_decay(learning_rate, global_step, decay_steps, decay_rate, staircase=False, name=None):
    """``learning_rate * exp(-decay_rate * global_step / decay_steps)`` (floored exponent when
    ``staircase``); built as TF does, as an exponential decay with rate ``exp(-decay_rate)``."""
    rate = math_ops.exp(math_ops.negative(decay_rate))
    return exponential_decay(learning_rate, global_step, decay_steps, rate, staircase=staircase, name=name)


def inverse_time_decay(learning_rate, global_step, decay_steps, decay_rate, staircase=False, name=None):
    """``learning_rate / (1 + decay_rate * global_step / decay_steps)`` (floored when ``staircase``)."""
    with default_graph().name_scope(name or "InverseTimeDecay") as scope:
        initial, decay_rate, p = _decay_fraction(learning_rate, global_step, decay_steps, decay_rate, staircase)
        one = math_ops.cast(constant(1), initial.dtype)
        denom = math_ops.add(one, math_ops.multiply(decay_rate, p))
        return math_ops.divide(initial, denom, name=scope)


def polynomial_decay(learning_rate, global_step, decay_steps, end_learning_rate=0.0001, power=1.0, cycle=False,
                     name=None):
    """From ``learning_rate`` to ``end_learning_rate`` along ``(1 - step / decay_steps) ** power``;
    with ``cycle`` the decay restarts every ``decay_steps`` (stretched), else it stays at the end."""
    with default_graph().name_scope(name or "PolynomialDecay") as scope:
        initial = convert_to_tensor(learning_rate, name="initial_learning_rate")
        dtype = initial.dtype
        end = math_ops.cast(end_learning_rate, dtype)
        power = math_ops.cast(power, dtype)
        step = math_ops.cast(global_step, dtype)
        steps = math_ops.cast(decay_steps, dtype)
        if cycle:
            multiplier = array_ops.where_v2(math_ops.equal(step, 0), 1.0, math_ops.ceil(step / decay_steps))
            steps = math_ops.multiply(steps, multiplier)
        else:
            step = math_ops.minimum(step, steps)
        p = math_ops.divide(step, steps)
        return math_ops.add(math_ops.multiply(initial - end, math_ops.pow(1 - p, power)), end, name=scope)


def cosine_decay(learning_rate, global_step, decay_steps, alpha=0.0, name=None):
    """Cosine annealing from ``learning_rate`` to ``alpha * learning_rate`` over ``decay_steps``."""
    with default_graph().name_scope(name or "CosineDecay"):
        initial = convert_to_tensor(learning_rate, name="initial_learning_rate")
        dtype = initial.dtype
        decay_steps = math_ops.cast(decay_steps, dtype)
        step = math_ops.minimum(math_ops.cast(global_step, dtype), decay_steps)
        completed_fraction = step / decay_steps
        decayed = (1 - alpha) * _half_cosine(completed_fraction) + alpha
        return math_ops.multiply(initial, decayed)


def linear_cosine_decay(learning_rate, global_step, decay_steps, num_periods=0.5, alpha=0.0, beta=0.001, name=None):
    """Linear decay times a cosine: ``lr * ((alpha + linear) * cosine + beta)``."""
    with default_graph().name_scope(name or "LinearCosineDecay") as scope:
        initial = convert_to_tensor(learning_rate, name="initial_learning_rate")
        dtype = initial.dtype
        decay_steps = math_ops.cast(decay_steps, dtype)
        num_periods = math_ops.cast(num_periods, dtype)
        alpha = math_ops.cast(alpha, dtype)
        beta = math_ops.cast(beta, dtype)
        step = math_ops.minimum(math_ops.cast(global_step, dtype), decay_steps)
        linear_decayed = (decay_steps - step) / decay_steps
        return _times_cosine(initial, linear_decayed, step, decay_steps, num_periods, alpha, beta, scope)


def cosine_decay_restarts(learning_rate, global_step, first_decay_steps, t_mul=2.0, m_mul=1.0, alpha=0.0,
                          name=None):
    """Cosine decay with warm restarts (SGDR): the ``i``-th period lasts ``first_decay_steps *
    t_mul**i`` steps and starts from ``learning_rate * m_mul**i``."""
    from scopeflow._src.ops.control.cond import cond  # control flow: loaded on first use

    with default_graph().name_scope(name or "SGDRDecay") as scope:
        initial = convert_to_tensor(learning_rate, name="initial_learning_rate")
        dtype = initial.dtype
        first_decay_steps = math_ops.cast(first_decay_steps, dtype)
        alpha = math_ops.cast(alpha, dtype)
        t_mul = math_ops.cast(t_mul, dtype)
        m_mul = math_ops.cast(m_mul, dtype)
        completed_fraction = math_ops.cast(global_step, dtype) / first_decay_steps

        def periods_of_equal_length():
            i_restart = math_ops.floor(completed_fraction)
            return i_restart, completed_fraction - i_restart

        def geometric_periods():
            # the period index solves sum_{k<i} t_mul**k <= fraction for the largest i
            i_restart = math_ops.floor(math_ops.log(1.0 - completed_fraction * (1.0 - t_mul)) / math_ops.log(t_mul))
            elapsed = (1.0 - t_mul ** i_restart) / (1.0 - t_mul)
            return i_restart, (completed_fraction - elapsed) / t_mul ** i_restart

        i_restart, fraction = cond(math_ops.equal(t_mul, 1.0), periods_of_equal_length, geometric_periods)
        m_fac = m_mul ** i_restart
        cosine_decayed = 0.5 * m_fac * (1.0 + math_ops.cos(constant(math.pi) * fraction))
        decayed = (1 - alpha) * cosine_decayed + alpha
        return math_ops.multiply(initial, decayed, name=scope)


def noisy_linear_cosine_decay(learning_rate, global_step, decay_steps, initial_variance=1.0, variance_decay=0.55,
                              num_periods=0.5, alpha=0.0, beta=0.001, name=None):
    """``linear_cosine_decay`` with Gaussian noise on the linear part, its variance
    ``initial_variance / (1 + step)**variance_decay``."""
    from scopeflow._src.ops.random.random_ops import random_normal  # random ops: loaded on first use

    with default_graph().name_scope(name or "NoisyLinearCosineDecay") as scope:
        initial = convert_to_tensor(learning_rate, name="initial_learning_rate")
        dtype = initial.dtype
        decay_steps = math_ops.cast(decay_steps, dtype)
        initial_variance = math_ops.cast(initial_variance, dtype)
        variance_decay = math_ops.cast(variance_decay, dtype)
        num_periods = math_ops.cast(num_periods, dtype)
        alpha = math_ops.cast(alpha, dtype)
        beta = math_ops.cast(beta, dtype)
        step = math_ops.minimum(math_ops.cast(global_step, dtype), decay_steps)
        linear_decayed = (decay_steps - step) / decay_steps
        variance = initial_variance / math_ops.pow(1.0 + step, variance_decay)
        std = math_ops.sqrt(variance)
        noisy_linear_decayed = linear_decayed + random_normal(linear_decayed.shape, stddev=std)
        return _times_cosine(initial, noisy_linear_decayed, step, decay_steps, num_periods, alpha, beta, scope)


def _half_cosine(fraction):
    """``0.5 * (1 + cos(pi * fraction))``."""
    return 0.5 * (1.0 + math_ops.cos(constant(math.pi) * fraction))


def _times_cosine(initial, linear, step, decay_steps, num_periods, alpha, beta, name):
    """The (noisy) linear cosine decays' last part: ``initial * ((alpha + linear) * cosine + beta)``."""
    completed_fraction = step / decay_steps
    cosine_decayed = _half_cosine(2.0 * num_periods * completed_fraction)
    return math_ops.multiply(initial, (alpha + linear) * cosine_decayed + beta, name=name)


def piecewise_constant(x, boundaries, values, name=None):
    """``values[0]`` while ``x <= boundaries[0]``, ``values[i]`` while ``boundaries[i-1] < x <=
    boundaries[i]``, ``values[-1]`` after the last boundary.

    >>> import scopeflow as tf
    >>> step = tf.placeholder(tf.int32, [])
    >>> lr = tf.train.piecewise_constant(step, [10, 20], [1.0, 0.5, 0.25])
    >>> with tf.Session() as sess:
    ...     [float(sess.run(lr, {step: s})) for s in (5, 10, 15, 25)]
    [1.0, 1.0, 0.5, 0.25]
    """
    boundaries = [convert_to_tensor(b) for b in nest.flatten(boundaries)]
    values = [convert_to_tensor(v) for v in nest.flatten(values)]
    x = convert_to_tensor(x)
    for i, b in enumerate(boundaries):
        if b.dtype.base_dtype != x.dtype.base_dtype:
            if b.dtype.base_dtype == dtypes.int32 and x.dtype.base_dtype == dtypes.int64:
                boundaries[i] = math_ops.cast(b, x.dtype.base_dtype)
            else:
                raise ValueError(f"Boundaries ({b.dtype.base_dtype}) must have the same dtype as x "
                                 f"({x.dtype.base_dtype}).")
    for v in values[1:]:
        if v.dtype.base_dtype != values[0].dtype.base_dtype:
            raise ValueError(f"Values must have elements all with the same dtype ({values[0].dtype.base_dtype} vs "
                             f"{v.dtype.base_dtype}).")
    if len(boundaries) != len(values) - 1:
        raise ValueError("The length of boundaries should be 1 less than the length of values")
    return _select_piece(x, boundaries, values, name)


def _select_piece(x, boundaries, values, name):
    """TF's ``PiecewiseConstantDecay``: a ``tf.case`` of the pieces, at most one true."""
    from scopeflow._src.ops.control.api import case  # the control flow loads on first use
    with default_graph().name_scope(name or "PiecewiseConstant"):
        pairs = [(x <= boundaries[0], lambda: values[0]), (x > boundaries[-1], lambda: values[-1])]
        for low, high, v in zip(boundaries[:-1], boundaries[1:], values[1:-1]):
            pairs.append(((x > low) & (x <= high), lambda v=v: v))
        return case(pairs, lambda: values[0], exclusive=True)


piecewise_constant_decay = piecewise_constant
