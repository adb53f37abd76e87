"""``tf.math`` functions TensorFlow builds from other ops (``log_sigmoid``, ``reduce_variance``,
``reduce_std``, ``lbeta``, ``polyval``, ``reciprocal_no_nan``, ``angle``,
``is_non_decreasing``, ``is_strictly_increasing``), and the ``CumulativeLogsumexp`` and
``Angle`` ops; each builds TF's ops under TF's scope names.

Example::

    v = tf.math.reduce_variance([[1.0, 2.0], [3.0, 4.0]])   # 1.25, "reduce_variance/Mean_1:0"
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, registry
from scopeflow._src.framework.constant_op import constant, convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.common import dtype_lists, shape_fns
from scopeflow._src.ops.common.lowering import static_ints
from scopeflow._src.ops.control.cond import cond
from scopeflow._src.ops.math import special
from scopeflow._src.ops.math.scan import _axis, _scan_factory
from scopeflow._src.ops.nn.activations import softplus


def _logaddexp_scan(x, axis, dtype):
    return np.logaddexp.accumulate(x, axis=axis, dtype=dtype)


def _lower_cumulative_logsumexp(op, jx):
    exclusive, reverse = op._attrs["exclusive"], op._attrs["reverse"]

    def run(x, axis):
        axis = _axis(op, x, static_ints(axis, "axis")[0], "ScanOp: Expected scan axis")  # TF's range error
        out = jx.lax.cumlogsumexp(x, axis=axis, reverse=reverse)
        if not exclusive:
            return out
        n = x.shape[axis]
        pad = jx.jnp.full_like(jx.lax.slice_in_dim(x, 0, 1, axis=axis), -jx.jnp.inf)
        kept = jx.lax.slice_in_dim(out, 1, n, axis=axis) if reverse else jx.lax.slice_in_dim(out, 0, n - 1, axis=axis)
        return jx.jnp.concatenate([kept, pad] if reverse else [pad, kept], axis=axis)
    return run


registry.register(OpDef("CumulativeLogsumexp", inputs=["x: T", "axis: Tidx"], outputs=["out: T"],
                        attrs={"T": dtype_lists.FLOAT, "Tidx": dtype_lists.INDEX}, shape=shape_fns.unchanged,
                        factory=_scan_factory(_logaddexp_scan, -np.inf),
                        defaults={"exclusive": False, "reverse": False, "Tidx": dtypes.int32},
                        lower=_lower_cumulative_logsumexp))


def _angle_factory(op, state):
    np_type = op._attrs["Tout"].as_numpy_dtype
    return lambda x: np.angle(x).astype(np_type)


registry.register(OpDef("Angle", inputs=["input: T"], outputs=["output: Tout"], attrs={"T": dtype_lists.COMPLEX},
                        shape=shape_fns.unchanged, factory=_angle_factory,
                        defaults={"T": dtypes.complex64, "Tout": dtypes.float32},
                        lower=lambda op, jx: jx.jnp.angle))


def cumulative_logsumexp(x, axis=0, exclusive=False, reverse=False, name=None):
    """``log(cumsum(exp(x)))`` along ``axis``, computed stably (a ``CumulativeLogsumexp`` op)."""
    with name_scope(name, "CumulativeLogsumexp", [x]) as scope:
        x = convert_to_tensor(x, name="x")
        return create_output("CumulativeLogsumexp", [x, axis],
                             {"exclusive": bool(exclusive), "reverse": bool(reverse)}, name=scope)


def log_sigmoid(x, name=None):
    """``log(1 / (1 + exp(-x)))`` as TF builds it: ``-softplus(-x)`` in a scope ``LogSigmoid``."""
    with name_scope(name, "LogSigmoid", [x]) as scope:
        x = convert_to_tensor(x, name="x")
        return create_output("Neg", [softplus(-x)], name=scope)


def reciprocal_no_nan(x, name=None):
    """``1 / x``, 0 where ``x`` is 0 (a ``DivNoNan`` op named ``reciprocal_no_nan``)."""
    with name_scope(name, "reciprocal_no_nan", [x]) as scope:
        x = convert_to_tensor(x, name="x")
        one = constant(1, dtype=x.dtype.base_dtype, name="one")
        return create_output("DivNoNan", [one, x], name=scope)


def reduce_variance(input_tensor, axis=None, keepdims=False, name=None):
    """The variance of the elements over ``axis`` (TF's ``Mean``, ``sub``, ``Square``, ``Mean_1``
    in a scope ``reduce_variance``); integer tensors raise TF's ``TypeError``."""
    with name_scope(name if name else "reduce_variance"):
        input_tensor = convert_to_tensor(input_tensor)
        means = math_ops.reduce_mean(input_tensor, axis=axis, keepdims=True)
        if means.dtype.is_integer:
            raise TypeError(f"Input must be either real or complex. Received integer type {means.dtype}.")
        diff = input_tensor - means
        if diff.dtype.is_complex:
            squared = create_output("Real", [create_output("Mul", [math_ops.conj(diff), diff])],
                                    {"Tout": diff.dtype.real_dtype})
        else:
            squared = math_ops.square(diff)
        return math_ops.reduce_mean(squared, axis=axis, keepdims=keepdims)


def reduce_std(input_tensor, axis=None, keepdims=False, name=None):
    """The standard deviation over ``axis``: ``Sqrt`` of ``reduce_variance`` in a scope ``reduce_std``."""
    with name_scope(name if name else "reduce_std"):
        input_tensor = convert_to_tensor(input_tensor)
        variance = reduce_variance(input_tensor, axis=axis, keepdims=keepdims)
        return create_output("Sqrt", [variance])


def lbeta(x, name=None):
    """``log(|Beta(x)|)`` over the last axis: ``sum(lgamma(x)) - lgamma(sum(x))``."""
    with name_scope(name, "lbeta", [x]):
        x = convert_to_tensor(x, name="x")
        log_prod_gamma_x = math_ops.reduce_sum(special.lgamma(x), axis=[-1])
        sum_x = math_ops.reduce_sum(x, axis=[-1])
        return log_prod_gamma_x - special.lgamma(sum_x)


def polyval(coeffs, x, name=None):
    """``coeffs[0] * x**(n-1) + ... + coeffs[n-1]`` by Horner's rule; ``coeffs`` must be a list."""
    if not isinstance(coeffs, list):
        raise ValueError(f"Argument coeffs must be list type. Received type {type(coeffs)}.")
    with name_scope(name, "polyval", list(coeffs) + [x]) as scope:
        x = convert_to_tensor(x, name="x")
        if len(coeffs) < 1:
            return array_ops.zeros_like(x, name=scope)
        coeffs = [convert_to_tensor(c, name=f"coeff_{i}") for i, c in enumerate(coeffs)]
        p = coeffs[0]
        for c in coeffs[1:]:
            p = c + p * x
        return p


def angle(input, name=None):  # noqa: A002 - TensorFlow's argument name
    """The argument of complex numbers (an ``Angle`` op); for real ``x``, ``pi`` where ``x < 0``, else 0."""
    with name_scope(name, "Angle", [input]) as scope:
        x = convert_to_tensor(input, name="input")
        if x.dtype.is_complex:
            return create_output("Angle", [x], {"Tout": x.dtype.real_dtype}, name=scope)
        return array_ops.where(x < 0, np.pi * array_ops.ones_like(x), array_ops.zeros_like(x))


def _monotonic(x, compare):
    """``compare(x[1:], x[:-1])`` of the flattened ``x`` (empty for fewer than two elements)."""
    x = array_ops.reshape(x, [-1])
    if not (x.dtype.is_floating or x.dtype.is_integer or x.dtype.is_complex or x.dtype.is_quantized):
        raise TypeError(f"Expected x to be numeric, instead found: {x}")
    is_shorter_than_two = math_ops.less(array_ops.size(x), 2)
    s_len = array_ops.shape(x) - 1
    return cond(is_shorter_than_two, lambda: convert_to_tensor([], dtype=dtypes.bool),
                lambda: compare(array_ops.strided_slice(x, [1], [1] + s_len), array_ops.strided_slice(x, [0], s_len)))


def is_non_decreasing(x, name=None):
    """Whether ``x[i] <= x[i + 1]`` for every ``i`` of the flattened ``x`` (True for fewer than two)."""
    with name_scope(name, "is_non_decreasing", [x]):
        return math_ops.reduce_all(_monotonic(x, math_ops.greater_equal))


def is_strictly_increasing(x, name=None):
    """Whether ``x[i] < x[i + 1]`` for every ``i`` of the flattened ``x`` (True for fewer than two)."""
    with name_scope(name, "is_strictly_increasing", [x]):
        return math_ops.reduce_all(_monotonic(x, math_ops.greater))
