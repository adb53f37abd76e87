"""Samples for the math ops: elementwise, comparisons, casts, reductions, scans, matmul,
einsum and the linear-algebra helpers (kernels against NumPy, static shapes, gradients)."""

import numpy as np

from tests.ops.samples import F32, F64, I32, POS, sample

_ELEMENTWISE = dict(second_order=True)


def _raw(tf, op_type, inputs, attrs=None):
    from scopeflow._src.framework.op_builder import create
    op = create(op_type, inputs, attrs or {})
    return op.outputs[0] if len(op.outputs) == 1 else op.outputs


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


# -- binary arithmetic -------------------------------------------------------------------------
@sample("AddV2", [F64(2, 3), F64(3, seed=1)], np.add, **_ELEMENTWISE)
def _(tf, x, y):
    return tf.add(x, y)


@sample("AddV2", [F64(2, 1), F64(1, 4, seed=1)], np.add)
def _(tf, x, y):
    return x + y


@sample("Add", [np.array([b"a", b"bc"], object), np.array([b"x", b"y"], object)], lambda x, y: x + y, grad=False)
def _(tf, x, y):
    return tf.add(x, y)


@sample("Sub", [F64(2, 3), F64(2, 3, seed=1)], np.subtract, **_ELEMENTWISE)
def _(tf, x, y):
    return x - y


@sample("Sub", [F64(3), F64(4, 1, seed=1)], np.subtract)
def _(tf, x, y):
    return tf.subtract(x, y)


@sample("Mul", [F64(2, 3), F64(3, seed=1)], np.multiply, **_ELEMENTWISE)
def _(tf, x, y):
    return x * y


@sample("Mul", [I32(2, 3), I32(2, 3, seed=1)], np.multiply, grad=False)
def _(tf, x, y):
    return tf.multiply(x, y)


@sample("RealDiv", [F64(2, 3), POS(3, seed=1)], np.divide, **_ELEMENTWISE)
def _(tf, x, y):
    return x / y


@sample("RealDiv", [I32(4), np.array([1, 2, -3, 4], np.int32)], lambda x, y: x / y, grad=False)
def _(tf, x, y):
    return tf.truediv(x, y)


@sample("FloorDiv", [np.array([7, -7, 9, -9], np.int32), np.array([2, 2, -4, -4], np.int32)], np.floor_divide,
        grad=False)
def _(tf, x, y):
    return x // y


@sample("FloorDiv", [F64(2, 3) * 5, POS(3, seed=1)], np.floor_divide)
def _(tf, x, y):
    return tf.floordiv(x, y)


@sample("FloorMod", [F64(2, 3) * 5, POS(2, 3, seed=1)], np.mod)
def _(tf, x, y):
    return x % y


@sample("FloorMod", [np.array([7, -7, 9, -9], np.int32), np.array([2, 2, -4, -4], np.int32)], np.mod, grad=False)
def _(tf, x, y):
    return tf.floormod(x, y)


@sample("TruncateDiv", [np.array([7, -7, 9, -9], np.int32), np.array([2, 2, -4, -4], np.int32)],
        lambda x, y: np.trunc(x / y).astype(np.int32), grad=False)
def _(tf, x, y):
    return tf.truncatediv(x, y)


@sample("TruncateMod", [np.array([7, -7, 9, -9], np.int32), np.array([2, 2, -4, -4], np.int32)], np.fmod,
        grad=False)
def _(tf, x, y):
    return tf.truncatemod(x, y)


@sample("Pow", [POS(2, 3), F64(2, 3, seed=1)], np.power, **_ELEMENTWISE)
def _(tf, x, y):
    return tf.pow(x, y)


@sample("Pow", [F64(2, 3)], lambda x: x ** 3.0)
def _(tf, x):
    return x ** 3.0


@sample("Maximum", [F64(2, 3), F64(3, seed=1)], np.maximum, **_ELEMENTWISE)
def _(tf, x, y):
    return tf.maximum(x, y)


@sample("Minimum", [F64(2, 3), F64(2, 3, seed=1)], np.minimum, **_ELEMENTWISE)
def _(tf, x, y):
    return tf.minimum(x, y)


@sample("SquaredDifference", [F64(2, 3), F64(3, seed=1)], lambda x, y: (x - y) ** 2, **_ELEMENTWISE)
def _(tf, x, y):
    return tf.squared_difference(x, y)


@sample("DivNoNan", [F64(2, 3), POS(3, seed=1)], np.divide, **_ELEMENTWISE)
def _(tf, x, y):
    return tf.div_no_nan(x, y)


@sample("DivNoNan", [F64(4), np.array([0.0, 2.0, 0.0, -1.0])],
        lambda x, y: np.where(y == 0, 0.0, x / np.where(y == 0, 1, y)), grad=False)
def _(tf, x, y):
    return tf.div_no_nan(x, y)


@sample("AddN", [F64(2, 3), F64(2, 3, seed=1), F64(2, 3, seed=2)], lambda a, b, c: a + b + c, **_ELEMENTWISE)
def _(tf, a, b, c):
    return tf.add_n([a, b, c])


# -- unary functions ---------------------------------------------------------------------------
def _unary(op_type, fn, reference, inputs=None, **options):
    options = {**_ELEMENTWISE, **options}

    @sample(op_type, inputs or [F64(2, 3)], reference, **options)
    def _(tf, x):
        return fn(tf)(x)


_unary("Neg", lambda tf: tf.negative, np.negative)
_unary("Abs", lambda tf: tf.abs, np.abs)
_unary("Sign", lambda tf: tf.sign, np.sign)
_unary("Square", lambda tf: tf.square, np.square)
_unary("Sqrt", lambda tf: tf.sqrt, np.sqrt, [POS(2, 3)])
_unary("Rsqrt", lambda tf: tf.rsqrt, lambda x: 1 / np.sqrt(x), [POS(2, 3)])
_unary("Exp", lambda tf: tf.exp, np.exp)
_unary("Log", lambda tf: tf.log, np.log, [POS(2, 3)])
_unary("Log1p", lambda tf: tf.log1p, np.log1p, [POS(2, 3)])
_unary("Sin", lambda tf: tf.sin, np.sin)
_unary("Cos", lambda tf: tf.cos, np.cos)
_unary("Tanh", lambda tf: tf.tanh, np.tanh)
_unary("Sigmoid", lambda tf: tf.sigmoid, _sigmoid)
_unary("Reciprocal", lambda tf: tf.reciprocal, np.reciprocal, [POS(2, 3)])
_unary("Round", lambda tf: tf.round, np.round, [F64(2, 3) * 4 + 0.1])
_unary("Floor", lambda tf: tf.floor, np.floor, [F64(2, 3) * 4 + 0.01])
_unary("Ceil", lambda tf: tf.ceil, np.ceil, [F64(2, 3) * 4 + 0.01])
_unary("Abs", lambda tf: tf.abs, np.abs, [I32(5)], second_order=False, grad=False)
_unary("Square", lambda tf: tf.square, np.square, [I32(5)], second_order=False, grad=False)
_unary("Sigmoid", lambda tf: tf.sigmoid, _sigmoid, [F32(2, 3)], second_order=False, rtol=1e-5)
_SPECIAL = np.array([0.0, -1.0, np.inf, -np.inf, np.nan, 2.5])
_unary("IsNan", lambda tf: tf.is_nan, np.isnan, [_SPECIAL], grad=False, second_order=False)
_unary("IsInf", lambda tf: tf.is_inf, np.isinf, [_SPECIAL], grad=False, second_order=False)
_unary("IsFinite", lambda tf: tf.is_finite, np.isfinite, [_SPECIAL], grad=False, second_order=False)


def _grad_op(op_type, reference, y_input):
    @sample(op_type, [y_input, F64(2, 3, seed=3)], reference)
    def _(tf, y, dy):
        return _raw(tf, op_type, [y, dy])


_grad_op("SqrtGrad", lambda y, dy: dy * 0.5 / y, POS(2, 3))
_grad_op("RsqrtGrad", lambda y, dy: dy * -0.5 * y ** 3, POS(2, 3))
_grad_op("TanhGrad", lambda y, dy: dy * (1 - y * y), F64(2, 3))
_grad_op("SigmoidGrad", lambda y, dy: dy * y * (1 - y), F64(2, 3))
_grad_op("ReciprocalGrad", lambda y, dy: -dy * y * y, F64(2, 3))

_C = (F64(2, 3) + 1j * F64(2, 3, seed=5)).astype(np.complex128)


@sample("Complex", [F64(2, 3), F64(3, seed=1)], lambda re, im: re + 1j * im, grad=False)
def _(tf, re, im):
    return tf.complex(re, im)


@sample("Real", [_C], np.real, grad=False)
def _(tf, c):
    return tf.real(c)


@sample("Imag", [_C], np.imag, grad=False)
def _(tf, c):
    return tf.imag(c)


@sample("ComplexAbs", [_C], np.abs, grad=False)
def _(tf, c):
    return tf.abs(c)


@sample("Conj", [_C], np.conj, grad=False)
def _(tf, c):
    return tf.conj(c)


@sample("Real", [F64(2, 3), F64(2, 3, seed=1)], lambda re, im: re)
def _(tf, re, im):
    return tf.real(tf.complex(re, im))


@sample("Imag", [F64(2, 3), F64(2, 3, seed=1)], lambda re, im: im)
def _(tf, re, im):
    return tf.imag(tf.complex(re, im))


@sample("ComplexAbs", [F64(2, 3), F64(2, 3, seed=1)], lambda re, im: np.hypot(re, im))
def _(tf, re, im):
    return tf.abs(tf.complex(re, im))


# -- comparisons, logic, bits, casts ---------------------------------------------------------------
def _compare(op_type, fn, reference, inputs=None):
    @sample(op_type, inputs or [F64(2, 3), F64(3, seed=1)], reference, grad=False)
    def _(tf, x, y):
        return fn(tf)(x, y)


_compare("Less", lambda tf: tf.less, np.less)
_compare("LessEqual", lambda tf: tf.less_equal, np.less_equal, [I32(2, 3), I32(3, seed=1)])
_compare("Greater", lambda tf: tf.greater, np.greater)
_compare("GreaterEqual", lambda tf: tf.greater_equal, np.greater_equal, [I32(2, 3), I32(3, seed=1)])
_compare("Equal", lambda tf: tf.equal, np.equal, [I32(2, 3), I32(3, seed=1)])
_compare("NotEqual", lambda tf: tf.not_equal, np.not_equal, [I32(2, 3), I32(3, seed=1)])
_P = np.array([[True, False, True], [False, False, True]])
_Q = np.array([True, True, False])
_compare("LogicalAnd", lambda tf: tf.logical_and, np.logical_and, [_P, _Q])
_compare("LogicalOr", lambda tf: tf.logical_or, np.logical_or, [_P, _Q])
_compare("BitwiseAnd", lambda tf: tf.bitwise.bitwise_and, np.bitwise_and, [I32(2, 3), I32(3, seed=1)])
_compare("BitwiseOr", lambda tf: tf.bitwise.bitwise_or, np.bitwise_or, [I32(2, 3), I32(3, seed=1)])
_compare("BitwiseXor", lambda tf: tf.bitwise.bitwise_xor, np.bitwise_xor, [I32(2, 3), I32(3, seed=1)])


@sample("LogicalNot", [_P], np.logical_not, grad=False)
def _(tf, p):
    return tf.logical_not(p)


@sample("Invert", [I32(2, 3)], np.invert, grad=False)
def _(tf, i):
    return ~i


@sample("Cast", [F32(2, 3)], lambda x: x.astype(np.float64))
def _(tf, x):
    return tf.cast(x, tf.float64)


@sample("Cast", [F64(2, 3) * 5], lambda x: x.astype(np.int32), grad=False)
def _(tf, x):
    return tf.cast(x, tf.int32)


@sample("Cast", [I32(2, 3)], lambda x: x.astype(bool), grad=False)
def _(tf, x):
    return tf.cast(x, tf.bool)


@sample("ClipByValue", [F64(2, 3), F64(3, seed=1) * 0.1 - 0.5, F64(1, seed=2) * 0.1 + 0.5],
        lambda t, lo, hi: np.minimum(np.maximum(t, lo), hi))
def _(tf, t, lo, hi):
    return _raw(tf, "ClipByValue", [t, lo, hi])


@sample("ClipByValue", [F64(2, 3) * 1000], lambda x: np.clip(x, -128, 127).astype(np.int8), grad=False)
def _(tf, x):
    return tf.saturate_cast(x, tf.int8)


# -- reductions ------------------------------------------------------------------------------------
def _reduction(op_type, fn, reference, inputs=None, **options):
    @sample(op_type, inputs or [F64(3, 4)], reference, **options)
    def _(tf, x):
        return fn(tf, x)


_reduction("Sum", lambda tf, x: tf.reduce_sum(x, 1), lambda x: x.sum(1))
_reduction("Sum", lambda tf, x: tf.reduce_sum(x), lambda x: x.sum())
_reduction("Sum", lambda tf, x: tf.reduce_sum(x, [0, -1], keepdims=True), lambda x: x.sum((0, 2), keepdims=True),
           [F64(2, 3, 2)])
_reduction("Sum", lambda tf, x: tf.reduce_sum(x, 0), lambda x: x.sum(0), [I32(3, 4)], grad=False)
_reduction("Mean", lambda tf, x: tf.reduce_mean(x, 0), lambda x: x.mean(0))
_reduction("Mean", lambda tf, x: tf.reduce_mean(x, keepdims=True), lambda x: x.mean(keepdims=True))
_reduction("Max", lambda tf, x: tf.reduce_max(x, 1), lambda x: x.max(1))
_reduction("Max", lambda tf, x: tf.reduce_max(x, keepdims=True), lambda x: x.max(keepdims=True))
_reduction("Min", lambda tf, x: tf.reduce_min(x, 0), lambda x: x.min(0))
_reduction("Prod", lambda tf, x: tf.reduce_prod(x, 1), lambda x: x.prod(1))
_reduction("Prod", lambda tf, x: tf.reduce_prod(x, [0], keepdims=True), lambda x: x.prod(0, keepdims=True),
           [F64(2, 3, 2)])
_reduction("EuclideanNorm", lambda tf, x: tf.math.reduce_euclidean_norm(x, 1), lambda x: np.sqrt((x * x).sum(1)))
_B = np.array([[True, False, True], [True, True, True]])
_reduction("Any", lambda tf, x: tf.reduce_any(x, 1), lambda x: x.any(1), [_B], grad=False)
_reduction("All", lambda tf, x: tf.reduce_all(x, 0), lambda x: x.all(0), [_B], grad=False)
_reduction("Max", lambda tf, x: tf.reduce_logsumexp(x, 1), lambda x: np.log(np.exp(x).sum(1)))


# -- scans, arg-max ----------------------------------------------------------------------------
_reduction("Cumsum", lambda tf, x: tf.cumsum(x, 1), lambda x: x.cumsum(1))
_reduction("Cumsum", lambda tf, x: tf.cumsum(x, 0, exclusive=True, reverse=True),
           lambda x: np.flip(np.cumsum(np.flip(x, 0), 0), 0) - x)
_reduction("Cumprod", lambda tf, x: tf.cumprod(x, 1), lambda x: x.cumprod(1))
_reduction("Cumprod", lambda tf, x: tf.cumprod(x, 1, exclusive=True),
           lambda x: np.concatenate([np.ones((3, 1)), x.cumprod(1)[:, :-1]], 1))
_reduction("ArgMax", lambda tf, x: tf.argmax(x, 1), lambda x: x.argmax(1), grad=False)
_reduction("ArgMin", lambda tf, x: tf.argmin(x, 0, output_type=tf.int32), lambda x: x.argmin(0).astype(np.int32),
           grad=False)


# -- matmul, einsum ------------------------------------------------------------------------------------
_MATMUL = dict(second_order=True)


@sample("MatMul", [F64(2, 3), F64(3, 4, seed=1)], np.matmul, **_MATMUL)
def _(tf, a, b):
    return tf.matmul(a, b)


@sample("MatMul", [F64(3, 2), F64(4, 3, seed=1)], lambda a, b: a.T @ b.T, **_MATMUL)
def _(tf, a, b):
    return tf.matmul(a, b, transpose_a=True, transpose_b=True)


@sample("MatMul", [F64(2, 3), F64(4, 3, seed=1)], lambda a, b: a @ b.T, **_MATMUL)
def _(tf, a, b):
    return tf.matmul(a, b, adjoint_b=True)


@sample("MatMul", [I32(2, 3), I32(3, 2, seed=1)], np.matmul, grad=False)
def _(tf, a, b):
    return tf.matmul(a, b)


@sample("BatchMatMulV2", [F64(2, 2, 3), F64(2, 3, 4, seed=1)], np.matmul, **_MATMUL)
def _(tf, a, b):
    return tf.matmul(a, b)


@sample("BatchMatMulV2", [F64(2, 1, 3, 2), F64(3, 4, 3, seed=1)], lambda a, b: np.swapaxes(a, -1, -2) @ np.swapaxes(
    b, -1, -2), **_MATMUL)
def _(tf, a, b):
    return tf.matmul(a, b, transpose_a=True, adjoint_b=True)


@sample("BatchMatMulV3", [np.array([[[1, 2], [3, 4]]], np.int8), np.array([[[5], [6]]], np.int8)],
        lambda a, b: np.matmul(a.astype(np.int32), b.astype(np.int32)), grad=False)
def _(tf, a, b):
    return tf.matmul(a, b, output_type=tf.int32)


@sample("Einsum", [F64(2, 3), F64(3, 4, seed=1)], np.matmul, **_MATMUL)
def _(tf, a, b):
    return tf.einsum("ij,jk->ik", a, b)


@sample("Einsum", [F64(2, 3, 4)], lambda x: x.sum((1, 2)))
def _(tf, x):
    return tf.einsum("bij->b", x)


@sample("Einsum", [F64(3, 3)], lambda x: np.trace(x))
def _(tf, x):
    return tf.einsum("ii->", x)


@sample("Einsum", [F64(2, 2, 3), F64(3, 4, seed=1)], lambda a, b: a @ b)
def _(tf, a, b):
    return tf.einsum("...ij,jk->...ik", a, b)


@sample("Einsum", [F64(2, 3), F64(3, 4, seed=1), F64(4, seed=2)], lambda a, b, v: a @ b @ v)
def _(tf, a, b, v):
    return tf.einsum("ij,jk,k->i", a, b, v)


@sample("MatMul", [F64(2, 3, 4), F64(4, 3, seed=1)], lambda a, b: np.tensordot(a, b, [[1, 2], [1, 0]]))
def _(tf, a, b):
    return tf.tensordot(a, b, [[1, 2], [1, 0]])


# -- index helpers and linear algebra ------------------------------------------------------------------
@sample("ListDiff", [np.array([1, 5, 2, 7, 5], np.int32), np.array([5, 3], np.int32)],
        lambda x, y: (np.array([1, 2, 7], np.int32), np.array([0, 2, 3], np.int32)), grad=False, exact_shape=False)
def _(tf, x, y):
    return tf.setdiff1d(x, y)


@sample("DynamicStitch", [F64(2, 3), F64(1, 3, seed=1)], lambda a, b: np.stack([a[1], b[0], a[0]]))
def _(tf, a, b):
    return tf.dynamic_stitch([tf.constant([2, 0]), tf.constant([1])], [a, b])


@sample("ParallelDynamicStitch", [F64(2, 3), F64(1, 3, seed=1)], lambda a, b: np.stack([a[1], b[0], a[0]]))
def _(tf, a, b):
    from scopeflow._src.ops.math_ops import parallel_dynamic_stitch  # not public in TF1 either

    return parallel_dynamic_stitch([tf.constant([2, 0]), tf.constant([1])], [a, b])


# The outputs' first dimension depends on the partitions: reshaped to their known size so that
# the gradient check can weight them.
@sample("DynamicPartition", [F64(4, 2)], lambda x: [x[[1, 3]], x[[0, 2]]])
def _(tf, x):
    parts = tf.dynamic_partition(x, tf.constant([1, 0, 1, 0]), 2)
    return [tf.reshape(p, [2, 2]) for p in parts]


@sample("DynamicPartition", [F64(2, 3)], lambda x: [x.reshape(-1)[[0, 4]], x.reshape(-1)[[1, 2, 3, 5]]])
def _(tf, x):
    a, b = tf.dynamic_partition(x, tf.constant([[0, 1, 1], [1, 0, 1]]), 2)
    return [tf.reshape(a, [2]), tf.reshape(b, [4])]


@sample("Transpose", [F64(2, 3, 4)], lambda x: np.transpose(x, (2, 0, 1)))
def _(tf, x):
    return tf.transpose(x, [2, 0, 1])


@sample("Transpose", [F64(2, 3)], np.transpose)
def _(tf, x):
    return tf.transpose(x)


@sample("Qr", [F64(4, 3)], lambda a: np.linalg.qr(a), grad=False)
def _(tf, a):
    return tf.qr(a)


@sample("DiagPart", [F64(3, 3)], np.diag)
def _(tf, x):
    return tf.diag_part(x)


@sample("Diag", [F64(3)], np.diag)
def _(tf, d):
    return tf.diag(d)


@sample("MatrixDiagV3", [F64(3)], np.diag, grad=False)
def _(tf, d):
    return _raw(tf, "MatrixDiagV3", [d, tf.constant(0), tf.constant(-1), tf.constant(-1),
                                     tf.constant(0.0, tf.float64)], {"align": "RIGHT_LEFT"})


@sample("MatrixDiagV3", [F64(3), F64(seed=1)], lambda d, p: np.where(np.eye(3, 4) == 1, np.diag(d) @ np.eye(3, 4), p),
        grad=False)
def _(tf, d, p):  # a fed padding value off the diagonal
    return tf.linalg.diag(d, num_rows=3, num_cols=4, padding_value=p)


@sample("MatrixDiagV3", [], lambda: np.eye(2, 3, dtype=np.float32), grad=False)
def _(tf):
    return tf.eye(2, 3)
