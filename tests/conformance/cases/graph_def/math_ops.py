"""Math ops' nodes: elementwise, comparisons, products, reductions, scans, indices."""

import numpy as np

from tests.conformance.cases.graph_def._helpers import nodes
from tests.conformance.harness import case


def _x(tf, shape=(2, 3), dtype=None, name="x"):
    return tf.placeholder(dtype or tf.float32, shape, name=name)


@case
def binary_operators(tf):
    x, y = _x(tf, name="x"), _x(tf, name="y")
    _ = [x + y, x - y, x * y, x / y, x // y, x % y, x ** y, -x, abs(x)]
    _ = [x + 1.0, 2.0 * x]
    return nodes(tf)


@case
def integer_division_and_bitwise(tf):
    a, b = _x(tf, dtype=tf.int32, name="a"), _x(tf, dtype=tf.int32, name="b")
    _ = [a / b, a // b, a % b, tf.truncatediv(a, b), tf.truncatemod(a, b)]
    tf.bitwise.bitwise_and(a, b)
    tf.bitwise.bitwise_or(a, b)
    tf.bitwise.bitwise_xor(a, b)
    tf.bitwise.invert(a)
    return nodes(tf)


@case
def unary_math(tf):
    x = _x(tf)
    for fn in (tf.exp, tf.log, tf.log1p, tf.sqrt, tf.rsqrt, tf.square, tf.sin, tf.cos, tf.tanh, tf.sigmoid,
               tf.sign, tf.floor, tf.ceil, tf.round, tf.reciprocal, tf.is_nan, tf.is_inf, tf.is_finite):
        fn(x)
    return nodes(tf)


@case
def comparisons_and_logic(tf):
    x, y = _x(tf, name="x"), _x(tf, name="y")
    _ = [tf.equal(x, y), tf.not_equal(x, y), x < y, x <= y, x > y, x >= y]
    p, q = tf.placeholder(tf.bool, name="p"), tf.placeholder(tf.bool, name="q")
    _ = [tf.logical_and(p, q), tf.logical_or(p, q), tf.logical_not(p), tf.logical_xor(p, q)]
    return nodes(tf)


@case
def min_max_clip_pow(tf):
    x, y = _x(tf, name="x"), _x(tf, name="y")
    tf.maximum(x, y)
    tf.minimum(x, 0.5)
    tf.clip_by_value(x, -1.0, 1.0)
    tf.pow(x, 2.0)
    tf.squared_difference(x, y)
    tf.div_no_nan(x, y)
    return nodes(tf)


@case
def matmul_variants(tf):
    a, b = _x(tf, (2, 3), name="a"), _x(tf, (3, 2), name="b")
    tf.matmul(a, b)
    tf.matmul(a, a, transpose_b=True)
    tf.matmul(b, b, transpose_a=True)
    return nodes(tf)


@case
def batch_matmul(tf):
    a, b = _x(tf, (4, 2, 3), name="a"), _x(tf, (4, 3, 5), name="b")
    tf.matmul(a, b)
    tf.matmul(a, a, adjoint_b=True)
    tf.einsum("bij,bjk->bik", a, b)
    tf.tensordot(a, b, [[2], [1]])
    return nodes(tf)


@case
def reductions(tf):
    x = _x(tf)
    tf.reduce_sum(x)
    tf.reduce_sum(x, 1, keepdims=True)
    tf.reduce_mean(x, [0, 1])
    tf.reduce_max(x, -1)
    tf.reduce_min(x, axis=tf.constant(0, tf.int64))
    tf.reduce_prod(x, 0)
    tf.reduce_logsumexp(x, 1)
    tf.math.reduce_euclidean_norm(x, 1)
    b = tf.placeholder(tf.bool, [2], name="b")
    tf.reduce_all(b)
    tf.reduce_any(b, keepdims=True)
    tf.count_nonzero(x)
    return nodes(tf)


@case
def arg_and_top_k(tf):
    x = _x(tf)
    tf.argmax(x, 1)
    tf.argmin(x, 0, output_type=tf.int32)
    tf.math.top_k(x, 2)
    tf.math.top_k(x, 1, sorted=False)
    tf.nn.in_top_k(x, [0, 1], 1)
    return nodes(tf)


@case
def scans(tf):
    x = _x(tf)
    tf.cumsum(x)
    tf.cumsum(x, 1, exclusive=True, reverse=True)
    tf.cumprod(x, axis=tf.constant(0, tf.int64))
    return nodes(tf)


@case
def add_n_and_accumulate(tf):
    xs = [_x(tf, name=f"x{i}") for i in range(3)]
    tf.add_n(xs)
    tf.add_n(xs[:1])
    tf.accumulate_n(xs)
    return nodes(tf)


@case
def complex_parts(tf):
    re, im = _x(tf, name="re"), _x(tf, name="im")
    z = tf.complex(re, im)
    tf.real(z)
    tf.imag(z)
    tf.conj(z)
    tf.abs(z)
    w = tf.complex(tf.constant(1.0, tf.float64), tf.constant(2.0, tf.float64))
    tf.real(w)
    return nodes(tf)


@case
def global_norms_and_clipping(tf):
    a, b = _x(tf, name="a"), _x(tf, (3,), name="b")
    tf.global_norm([a, b])
    tf.clip_by_norm(a, 1.0)
    tf.clip_by_global_norm([a, b], 2.0)
    return nodes(tf)


@case
def qr_and_linalg(tf):
    m = _x(tf, (3, 3), tf.float64, name="m")
    tf.qr(m)
    tf.qr(m, full_matrices=True)
    return nodes(tf)


@case
def scalar_mul_and_mixed(tf):
    x = _x(tf)
    tf.scalar_mul(2.0, x)
    tf.add(x, np.float32(1.0))
    tf.multiply(x, [[1.0, 2.0, 3.0]])
    return nodes(tf)
