"""Gradients of the math ops, built with the calls TensorFlow's ``math_grad.py`` makes, in its
order, so the ops inside ``gradients/<op>_grad/`` get TensorFlow's names. Rules of the
broadcasting binary ops return output-shaped gradients (``unbroadcast=True``); reductions
are in ``reduction_grads.py``, matrix products and einsum in ``product_grads.py``."""

from __future__ import annotations

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import constant
from scopeflow._src.framework.default_graph import control_dependencies
from scopeflow._src.framework.registry import gradient, not_differentiable
from scopeflow._src.ops import array_ops, math_ops

not_differentiable(
    "Less", "LessEqual", "Greater", "GreaterEqual", "Equal", "NotEqual", "LogicalAnd", "LogicalOr", "LogicalNot",
    "BitwiseAnd", "BitwiseOr", "BitwiseXor", "Invert", "IsNan", "IsInf", "IsFinite", "FloorDiv", "TruncateDiv",
    "ListDiff")
# TruncateMod has no gradient in TensorFlow either: tf.gradients raises its LookupError.


# -- binary arithmetic and division -----------------------------------------------------------
@gradient("AddV2", "Add", unbroadcast=True, same_shapes=True)
def _add_grad(op, grad):
    return grad, grad


@gradient("Sub", unbroadcast=True, same_shapes=True)
def _sub_grad(op, grad):
    return grad, -grad


@gradient("Mul", unbroadcast=True, same_shapes=(dtypes.int32, dtypes.float32))
def _mul_grad(op, grad):
    x, y = op._inputs
    if _full_equal_shapes(x, y, grad) and grad.dtype.base_dtype in (dtypes.int32, dtypes.float32):
        return math_ops.multiply(grad, y), math_ops.multiply(grad, x)
    return math_ops.multiply(grad, math_ops.conj(y)), math_ops.multiply(math_ops.conj(x), grad)


def _full_equal_shapes(x, y, grad):
    a = x.shape.as_tuple()
    return a is not None and None not in a and a == y.shape.as_tuple() == grad.shape.as_tuple()


@gradient("Pow", unbroadcast=True)
def _pow_grad(op, grad):
    x, y = op._inputs
    cx, cy = math_ops.conj(x), math_ops.conj(y)
    gx = grad * cy * math_ops.pow(cx, cy - 1)
    mask = math_ops.not_equal(cx, 0) if x.dtype.is_complex else cx > 0
    safe_x = array_ops.where(mask, cx, array_ops.ones_like(x))
    log_x = array_ops.where(mask, math_ops.log(safe_x), array_ops.zeros_like(x))
    return gx, grad * math_ops.conj(op._outputs[0]) * log_x


def _max_min_grad(selector):
    def grad_fn(op, grad):
        x, y = op._inputs
        zeros = array_ops.zeros_like(grad)
        xmask = selector(x, y)
        return array_ops.where_v2(xmask, grad, zeros), array_ops.where_v2(xmask, zeros, grad)
    return grad_fn


gradient("Maximum", unbroadcast=True)(_max_min_grad(math_ops.greater_equal))
gradient("Minimum", unbroadcast=True)(_max_min_grad(math_ops.less_equal))


@gradient("SquaredDifference", unbroadcast=True, same_shapes=True)
def _squared_difference_grad(op, grad):
    x, y = op._inputs
    with control_dependencies([grad]):
        x_grad = math_ops.scalar_mul(2.0, grad) * (x - y)
    return x_grad, -x_grad


@gradient("AddN")
def _add_n_grad(op, grad):
    return [grad] * len(op._inputs)


@gradient("RealDiv", unbroadcast=True)
def _real_div_grad(op, grad):
    cx, cy = math_ops.conj(op._inputs[0]), math_ops.conj(op._inputs[1])
    return math_ops.realdiv(grad, cy), grad * math_ops.realdiv(math_ops.realdiv(-cx, cy), cy)


@gradient("FloorMod", unbroadcast=True)
def _floor_mod_grad(op, grad):
    x, y = math_ops.conj(op._inputs[0]), math_ops.conj(op._inputs[1])
    floor_xy = math_ops.floor_div(x, y)
    return grad, grad * math_ops.negative(floor_xy)


@gradient("DivNoNan", unbroadcast=True)
def _div_no_nan_grad(op, grad):
    x, y = math_ops.conj(op._inputs[0]), math_ops.conj(op._inputs[1])
    return math_ops.div_no_nan(grad, y), grad * math_ops.div_no_nan(math_ops.div_no_nan(-x, y), y)


# -- casts and clipping -----------------------------------------------------------------------
_FLOATING = (dtypes.float16, dtypes.float32, dtypes.float64, dtypes.bfloat16, dtypes.complex64, dtypes.complex128)


@gradient("Cast")
def _cast_grad(op, grad):
    src, dst = op._inputs[0].dtype.base_dtype, grad.dtype.base_dtype
    return math_ops.cast(grad, src) if src in _FLOATING and dst in _FLOATING else None


@gradient("ClipByValue")
def _clip_by_value_grad(op, grad):
    x, y, z = op._inputs
    sx, sy, sz = array_ops.shape(x), array_ops.shape(y), array_ops.shape(z)
    zeros = array_ops.zeros(array_ops.shape(grad), grad.dtype.base_dtype)
    xymask, xzmask = math_ops.less(x, y), math_ops.greater(x, z)
    _, ry = array_ops.broadcast_gradient_args(sx, sy)
    _, rz = array_ops.broadcast_gradient_args(sx, sz)
    xgrad = array_ops.where(math_ops.logical_or(xymask, xzmask), zeros, grad)
    ygrad = array_ops.where(xymask, grad, zeros)
    zgrad = array_ops.where(xzmask, grad, zeros)
    gy = array_ops.reshape(math_ops.reduce_sum(ygrad, ry), sy)
    gz = array_ops.reshape(math_ops.reduce_sum(zgrad, rz), sz)
    return xgrad, gy, gz


# -- elementwise functions of one tensor -------------------------------------------------------
@gradient("Neg")
def _neg_grad(op, grad):
    return -grad


@gradient("Abs")
def _abs_grad(op, grad):
    return grad * math_ops.sign(op._inputs[0])


@gradient("Sign")
def _sign_grad(op, grad):
    return array_ops.zeros_like(op._inputs[0])


@gradient("Square")
def _square_grad(op, grad):
    with control_dependencies([grad]):
        x = math_ops.conj(op._inputs[0])
        y = constant(2.0, dtype=x.dtype.base_dtype)
        return math_ops.multiply(grad, math_ops.multiply(x, y))


def _with_conj(fn):
    """``fn(grad, conj(y))`` of the op's output ``y``, under a control dependency on
    ``grad``, as TF's rules do."""
    def grad_fn(op, grad):
        with control_dependencies([grad]):
            return fn(grad, math_ops.conj(op._outputs[0]))
    return grad_fn


gradient("Exp")(_with_conj(lambda grad, y: grad * y))
gradient("Tanh")(_with_conj(lambda grad, y: math_ops.tanh_grad(y, grad)))
gradient("Sigmoid")(_with_conj(lambda grad, y: math_ops.sigmoid_grad(y, grad)))


@gradient("Sqrt")
def _sqrt_grad(op, grad):
    return math_ops.sqrt_grad(op._outputs[0], grad)


@gradient("Rsqrt")
def _rsqrt_grad(op, grad):
    return math_ops.rsqrt_grad(op._outputs[0], grad)


@gradient("Reciprocal")
def _reciprocal_grad(op, grad):
    return math_ops.reciprocal_grad(op._outputs[0], grad)


@gradient("Log")
def _log_grad(op, grad):
    with control_dependencies([grad]):
        return grad * math_ops.reciprocal(math_ops.conj(op._inputs[0]))


@gradient("Log1p")
def _log1p_grad(op, grad):
    with control_dependencies([grad]):
        return grad * math_ops.reciprocal(1 + math_ops.conj(op._inputs[0]))


@gradient("Sin")
def _sin_grad(op, grad):
    with control_dependencies([grad]):
        return grad * math_ops.cos(math_ops.conj(op._inputs[0]))


@gradient("Cos")
def _cos_grad(op, grad):
    with control_dependencies([grad]):
        return -grad * math_ops.sin(math_ops.conj(op._inputs[0]))


@gradient("Round", "Floor", "Ceil")
def _no_grad(op, grad):
    return [None]


@gradient("SqrtGrad")
def _sqrt_grad_grad(op, grad):
    a, y = op._inputs[0], op._outputs[0]
    with control_dependencies([grad]):
        ga = grad / a
        return -math_ops.conj(ga) * y, 0.5 * ga


@gradient("RsqrtGrad")
def _rsqrt_grad_grad(op, grad):
    a, b = op._inputs
    with control_dependencies([grad]):
        ca, cg = math_ops.conj(a), math_ops.conj(grad)
        return -1.5 * cg * b * math_ops.square(ca), math_ops.rsqrt_grad(ca, grad)


@gradient("TanhGrad")
def _tanh_grad_grad(op, grad):
    with control_dependencies([grad]):
        a, b = math_ops.conj(op._inputs[0]), math_ops.conj(op._inputs[1])
        return grad * -2.0 * b * a, math_ops.tanh_grad(a, grad)


@gradient("SigmoidGrad")
def _sigmoid_grad_grad(op, grad):
    with control_dependencies([grad]):
        a, b = math_ops.conj(op._inputs[0]), math_ops.conj(op._inputs[1])
        gb = grad * b
        return gb - 2.0 * gb * a, math_ops.sigmoid_grad(a, grad)


@gradient("ReciprocalGrad")
def _reciprocal_grad_grad(op, grad):
    b = op._inputs[1]
    with control_dependencies([grad]):
        ca, cg = math_ops.conj(op._inputs[0]), math_ops.conj(grad)
        return cg * -2.0 * b * ca, math_ops.reciprocal_grad(ca, grad)


# -- complex numbers --------------------------------------------------------------------------
@gradient("Complex", unbroadcast=True)
def _complex_grad(op, grad):
    return math_ops.real(grad), math_ops.imag(grad)


@gradient("Real")
def _real_grad(op, grad):
    return math_ops.complex(grad, constant(0, dtype=grad.dtype.base_dtype))


@gradient("Imag")
def _imag_grad(op, grad):
    return math_ops.complex(constant(0, dtype=grad.dtype.base_dtype), grad)


@gradient("ComplexAbs")
def _complex_abs_grad(op, grad):
    return math_ops.div_no_nan(math_ops.complex(grad, array_ops.zeros_like(grad)) * op._inputs[0],
                               math_ops.complex(op._outputs[0], array_ops.zeros_like(op._outputs[0])))


@gradient("Conj")
def _conj_grad(op, grad):
    return math_ops.conj(grad)


# -- scans, indices, linear algebra -----------------------------------------------------------
@gradient("Cumsum")
def _cumsum_grad(op, grad):
    attrs = op._attrs
    return [math_ops.cumsum(grad, op._inputs[1], exclusive=attrs["exclusive"], reverse=not attrs["reverse"]), None]


@gradient("Cumprod")
def _cumprod_grad(op, grad):
    x, axis = op._inputs
    exclusive, reverse = op._attrs["exclusive"], op._attrs["reverse"]
    prod = math_ops.cumprod(x, axis, exclusive=exclusive, reverse=reverse)
    out = math_ops.cumsum(prod * grad, axis, exclusive=exclusive, reverse=not reverse)
    return [math_ops.div_no_nan(out, x), None]


@gradient("ArgMax", "ArgMin")
def _arg_grad(op, grad):
    return [None, None]


@gradient("DynamicStitch")
def _dynamic_stitch_grad(op, grad):
    n = op._attrs["N"]
    indices = op._inputs[:n]
    return [None] * n + [array_ops.gather(grad, i) for i in indices]


@gradient("ParallelDynamicStitch")
def _parallel_dynamic_stitch_grad(op, grad):
    return _dynamic_stitch_grad(op, grad)


@gradient("DynamicPartition")
def _dynamic_partition_grad(op, *grads):
    data, partitions = op._inputs
    prefix = array_ops.shape(partitions)
    positions = array_ops.reshape(array_ops.range(math_ops.reduce_prod(prefix)), prefix)
    parts = math_ops.dynamic_partition(positions, partitions, op._attrs["num_partitions"])
    merged = math_ops.parallel_dynamic_stitch(parts, grads)
    return [array_ops.reshape(merged, array_ops.shape(data)), None]


@gradient("DiagPart")
def _diag_part_grad(op, grad):
    return math_ops.diag(grad)


@gradient("Diag")
def _diag_grad(op, grad):
    return math_ops.diag_part(grad)
