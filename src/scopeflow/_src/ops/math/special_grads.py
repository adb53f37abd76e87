"""Gradients of ``special.py``'s ops, built with the calls TensorFlow's ``math_grad.py`` makes,
in its order, so the ops under ``gradients/<op>_grad/`` get TF's names. The rules that TF
writes with explicit ``BroadcastGradientArgs`` sums (``Xlogy``, ``Igamma``, ``Zeta`` ...) build
them here too; ``Atan2`` and ``MulNoNan`` use the driver's (``unbroadcast=True``)."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework.constant_op import constant
from scopeflow._src.framework.default_graph import control_dependencies
from scopeflow._src.framework.registry import gradient
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.math import functions, special

gradient("Rint")(lambda op, grad: [None])


def _unary(op_type, from_output=False):
    """Register ``rule(x, grad)`` (``x`` conjugated under a control dependency on ``grad``),
    or ``rule(y, grad)`` of the op's output."""
    def register(rule):
        @gradient(op_type)
        def grad_fn(op, grad):
            with control_dependencies([grad]):
                if from_output:
                    return rule(op._outputs[0], grad)
                return rule(math_ops.conj(op._inputs[0]), grad)
        return rule
    return register


@_unary("Tan")
def _tan_grad(x, grad):
    secx = math_ops.reciprocal(math_ops.cos(x))
    return math_ops.square(secx) * grad


def _inverse_trig(op_type, combine, root, negate=False):
    """``Asin``/``Acos``/``Atan``/``Atanh``: ``grad * 1 / [sqrt](combine(1, x^2))`` (negated for ``Acos``)."""
    @gradient(op_type)
    def grad_fn(op, grad):
        with control_dependencies([grad]):
            x = math_ops.conj(op._inputs[0])
            x2 = math_ops.square(x)
            one = constant(1, dtype=grad.dtype)
            den = combine(one, x2)
            inv = math_ops.reciprocal(math_ops.sqrt(den) if root else den)
            return -grad * inv if negate else grad * inv
    return grad_fn


_inverse_trig("Asin", math_ops.subtract, root=True)
_inverse_trig("Acos", math_ops.subtract, root=True, negate=True)
_inverse_trig("Atan", math_ops.add, root=False)
_inverse_trig("Atanh", math_ops.subtract, root=False)


_unary("Sinh")(lambda x, grad: grad * special.cosh(x))
_unary("Cosh")(lambda x, grad: grad * special.sinh(x))
_unary("Expm1")(lambda x, grad: grad * math_ops.exp(x))
_unary("Lgamma")(lambda x, grad: grad * special.digamma(x))
_unary("Digamma")(lambda x, grad: grad * special.polygamma(constant(1, dtype=x.dtype), x))


@gradient("Asinh")
def _asinh_grad(op, grad):
    with control_dependencies([grad]):
        return grad / special.cosh(math_ops.conj(op._outputs[0]))


@gradient("Acosh")
def _acosh_grad(op, grad):
    with control_dependencies([grad]):
        return grad / special.sinh(math_ops.conj(op._outputs[0]))


@gradient("Erf")
def _erf_grad(op, grad):
    two_over_root_pi = constant(2 / np.sqrt(np.pi), dtype=grad.dtype)
    with control_dependencies([grad]):
        x = math_ops.conj(op._inputs[0])
        return grad * two_over_root_pi * math_ops.exp(-math_ops.square(x))


@gradient("Erfc")
def _erfc_grad(op, grad):
    minus_two_over_root_pi = constant(-2 / np.sqrt(np.pi), dtype=grad.dtype)
    with control_dependencies([grad]):
        x = math_ops.conj(op._inputs[0])
        return grad * minus_two_over_root_pi * math_ops.exp(-math_ops.square(x))


@gradient("Erfinv")
def _erfinv_grad(op, grad):
    root_pi_over_two = constant(np.sqrt(np.pi) / 2, dtype=grad.dtype)
    with control_dependencies([grad]):
        return grad * root_pi_over_two * math_ops.exp(math_ops.square(op._outputs[0]))


@gradient("Ndtri")
def _ndtri_grad(op, grad):
    root_two_pi = constant(np.sqrt(2 * np.pi), dtype=grad.dtype)
    with control_dependencies([grad]):
        return grad * root_two_pi * math_ops.exp(math_ops.square(op._outputs[0]) / 2.)


@gradient("BesselI0")
def _bessel_i0_grad(op, grad):
    with control_dependencies([grad]):
        return grad * special.bessel_i1(op._inputs[0])


@gradient("BesselI0e")
def _bessel_i0e_grad(op, grad):
    x, y = op._inputs[0], op._outputs[0]
    with control_dependencies([grad]):
        return grad * (special.bessel_i1e(x) - math_ops.sign(x) * y)


@gradient("BesselI1")
def _bessel_i1_grad(op, grad):
    x, y = op._inputs[0], op._outputs[0]
    with control_dependencies([grad]):
        dy_dx = array_ops.where_v2(math_ops.equal(x, 0.), math_ops.cast(1., x.dtype),
                                   special.bessel_i0(x) - math_ops.div(y, x))
        return grad * dy_dx


@gradient("BesselI1e")
def _bessel_i1e_grad(op, grad):
    x, y = op._inputs[0], op._outputs[0]
    with control_dependencies([grad]):
        dy_dx = array_ops.where_v2(math_ops.equal(x, 0.), math_ops.cast(0.5, x.dtype),
                                   special.bessel_i0e(x) - y * (math_ops.sign(x) + math_ops.reciprocal(x)))
        return grad * dy_dx


# -- binary ops --------------------------------------------------------------------------------
@gradient("Atan2", unbroadcast=True)
def _atan2_grad(op, grad):
    y, x = op._inputs
    with control_dependencies([grad]):
        grad_inv = grad / (math_ops.square(y) + math_ops.square(x))
        return x * grad_inv, -y * grad_inv


@gradient("MulNoNan", unbroadcast=True, same_shapes=True)
def _mul_no_nan_grad(op, grad):
    x, y = op._inputs
    return special.create_mul_no_nan(grad, y), special.create_mul_no_nan(x, grad)


def _summed(value, axes, shape):
    return array_ops.reshape(math_ops.reduce_sum(value, axes), shape)


def _broadcast_args(x, y):
    """``shape(x), shape(y)`` and the axes each gradient sums over (TF's explicit rules)."""
    sx, sy = array_ops.shape(x), array_ops.shape(y)
    rx, ry = array_ops.broadcast_gradient_args(sx, sy)
    return sx, sy, rx, ry


def _x_log_rule(partials):
    """The ``Xlogy`` family: ``partials(x, y, not_zero_x)`` gives the two partial derivatives."""
    def grad_fn(op, grad):
        x, y = op._inputs
        sx, sy, rx, ry = _broadcast_args(x, y)
        with control_dependencies([grad]):
            not_zero_x = math_ops.cast(math_ops.not_equal(x, math_ops.cast(0., dtype=x.dtype)), dtype=x.dtype)
            partial_x, partial_y = partials(x, y, not_zero_x)
            return _summed(partial_x * grad, rx, sx), _summed(partial_y * grad, ry, sy)
    return grad_fn


gradient("Xlogy")(_x_log_rule(lambda x, y, nz: (special.xlogy(nz, y), special.raw_xdivy(x, y))))
gradient("Xlog1py")(_x_log_rule(lambda x, y, nz: (special.raw_xlog1py(nz, y), special.raw_xdivy(x, y + 1.))))
gradient("Xdivy")(_x_log_rule(lambda x, y, nz: (special.raw_xdivy(nz, y),
                                                 special.raw_xdivy(math_ops.negative(x), y ** 2))))


@gradient("Igamma")
def _igamma_grad(op, grad):
    a, x = op._inputs
    sa, sx, ra, rx = _broadcast_args(a, x)
    with control_dependencies([grad]):
        partial_a = special.igamma_grad_a(a, x)
        partial_x = math_ops.exp(-x + (a - 1) * math_ops.log(x) - special.lgamma(a))
        return _summed(partial_a * grad, ra, sa), _summed(partial_x * grad, rx, sx)


@gradient("Igammac")
def _igammac_grad(op, grad):
    grad_a, grad_x = _igamma_grad(op, grad)
    return -grad_a, -grad_x


@gradient("Betainc")
def _betainc_grad(op, grad):
    a, b, x = op._inputs
    _, sx, _, rx = _broadcast_args(a, x)
    log_beta = special.lgamma(a) + special.lgamma(b) - special.lgamma(a + b)
    partial_x = math_ops.exp(special.xlog1py(b - 1, -x) + special.xlogy(a - 1, x) - log_beta)
    return None, None, _summed(partial_x * grad, rx, sx)


def _second_only(partial):
    """``Zeta`` and ``Polygamma``: TF differentiates the second argument only."""
    def grad_fn(op, grad):
        first, second = op._inputs
        _, s2, _, r2 = _broadcast_args(first, second)
        with control_dependencies([grad]):
            first, second = math_ops.conj(first), math_ops.conj(second)
            return None, _summed(partial(first, second) * grad, r2, s2)
    return grad_fn


gradient("Zeta")(_second_only(lambda x, q: -x * special.zeta(x + 1, q)))
gradient("Polygamma")(_second_only(lambda n, x: special.polygamma(n + 1, x)))


@gradient("NextAfter")
def _next_after_grad(op, grad):
    x1, x2 = op._inputs
    s1, s2, r1, r2 = _broadcast_args(x1, x2)
    with control_dependencies([grad]):
        partial_x1 = array_ops.ones(s1, dtype=x1.dtype)
        partial_x2 = array_ops.zeros(s2, dtype=x2.dtype)
        return _summed(partial_x1 * grad, r1, s1), _summed(partial_x2 * grad, r2, s2)


# -- functions.py's ops ------------------------------------------------------------------------
@gradient("CumulativeLogsumexp")
def _cumulative_logsumexp_grad(op, grad):
    x, axis = op._inputs
    out = op._outputs[0]
    exclusive, reverse = op._attrs["exclusive"], op._attrs["reverse"]
    log_grad_positive = array_ops.where_v2(math_ops.greater(grad, 0), math_ops.log(grad), grad.dtype.min)
    log_grad_negative = array_ops.where_v2(math_ops.less(grad, 0), math_ops.log(-grad), grad.dtype.min)
    output_pos = math_ops.exp(functions.cumulative_logsumexp(
        log_grad_positive - out, axis=axis, reverse=not reverse, exclusive=exclusive) + x)
    output_neg = math_ops.exp(functions.cumulative_logsumexp(
        log_grad_negative - out, axis=axis, reverse=not reverse, exclusive=exclusive) + x)
    return [output_pos - output_neg, None]


@gradient("Angle")
def _angle_grad(op, grad):
    x = op._inputs[0]
    with control_dependencies([grad]):
        re, im = math_ops.real(x), math_ops.imag(x)
        z = math_ops.reciprocal(math_ops.complex(im, re))
        zero = constant(0, dtype=grad.dtype)
        complex_grad = math_ops.complex(grad, zero)
        return -complex_grad * z
