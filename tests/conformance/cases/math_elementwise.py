"""Conformance cases for elementwise math: binary arithmetic, Python operators, unary
functions, their op names and types, static shapes, values and build-time errors."""

import numpy as np

from tests.conformance.cases._math_helpers import describe, run_error, static, values
from tests.conformance.harness import case, op_summary, raises, shape_of

_A = np.array([[1.5, -2.0, 3.0], [0.5, 4.0, -1.0]], np.float32)
_B = np.array([2.0, -0.5, 1.0], np.float32)
_I = np.array([7, -7, 9, -9], np.int32)
_J = np.array([2, 2, -4, -4], np.int32)


def _ab(tf):
    return tf.constant(_A, name="a"), tf.constant(_B, name="b")


# -- binary arithmetic: names, types, values ----------------------------------------------------
@case
def add_builds_addv2_named_add(tf):
    a, b = _ab(tf)
    return describe(tf, [tf.add(a, b), tf.add(a, 1.0), tf.add(a, b, name="plus")])


@case
def add_python_values(tf):
    return describe(tf, [tf.add(1, 2), tf.add(1.5, 2.0), tf.add([1, 2], 3)])


@case
def add_strings_uses_add_op(tf):
    s = tf.constant(["a", "b"], name="s")
    return describe(tf, [tf.add(s, "c"), s + "d"])


@case
def subtract_multiply_names(tf):
    a, b = _ab(tf)
    return describe(tf, [tf.subtract(a, b), tf.multiply(a, b), tf.subtract(a, 2.0, name="minus"),
                         tf.multiply(3.0, b)])


@case
def operators_forward(tf):
    a, b = _ab(tf)
    return describe(tf, [a + b, a - b, a * b, a / b, a // b, a % b, a ** 2.0, -a, abs(a)])


@case
def operators_reversed(tf):
    a, _ = _ab(tf)
    return describe(tf, [2.0 + a, 2.0 - a, 2.0 * a, 2.0 / a, 7.0 // a, 7.0 % a, 2.0 ** a])


@case
def operator_matmul(tf):
    a, _ = _ab(tf)
    return describe(tf, [a @ tf.transpose(a)])


@case
def int_true_division_casts_to_float64(tf):
    i, j = tf.constant(_I, name="i"), tf.constant(_J, name="j")
    return describe(tf, [i / j, tf.truediv(i, j), tf.divide(i, j)])


@case
def small_int_true_division_casts_to_float32(tf):
    i = tf.constant(_I.astype(np.int8), name="i")
    j = tf.constant(_J.astype(np.int16), name="j")
    return describe(tf, [i / i, j / j])


@case
def divide_with_name(tf):
    a, b = _ab(tf)
    return describe(tf, [tf.divide(a, b, name="ratio"), tf.divide(a, b), tf.divide(6.0, b)])


@case
def tf1_div_floors_ints(tf):
    i, j = tf.constant(_I, name="i"), tf.constant(_J, name="j")
    a, b = _ab(tf)
    return describe(tf, [tf.div(i, j), tf.div(a, b)])


@case
def realdiv_truncatediv_truncatemod(tf):
    i, j = tf.constant(_I, name="i"), tf.constant(_J, name="j")
    a, b = _ab(tf)
    return describe(tf, [tf.realdiv(a, b), tf.truncatediv(i, j), tf.truncatemod(i, j)])


@case
def floordiv_floormod_ints(tf):
    i, j = tf.constant(_I, name="i"), tf.constant(_J, name="j")
    return describe(tf, [tf.floordiv(i, j), tf.floormod(i, j), tf.mod(i, j), i // j, i % j])


@case
def floordiv_floormod_floats(tf):
    x = tf.constant([7.5, -7.5, 2.0], name="x")
    y = tf.constant([2.0, 2.0, -0.75], name="y")
    return describe(tf, [tf.floordiv(x, y), tf.floormod(x, y), x // y, x % y])


@case
def pow_values_and_names(tf):
    a, _ = _ab(tf)
    i = tf.constant([2, 3, -2], name="i")
    return describe(tf, [tf.pow(a, 2.0), tf.pow(i, 3), tf.pow(2.0, a), a ** 0.5, tf.pow(a, a, name="p")])


@case
def maximum_minimum_broadcast(tf):
    a, b = _ab(tf)
    return describe(tf, [tf.maximum(a, b), tf.minimum(a, b), tf.maximum(a, 0.0), tf.minimum(1, tf.constant([0, 2]))])


@case
def squared_difference_values(tf):
    a, b = _ab(tf)
    return describe(tf, [tf.squared_difference(a, b), tf.squared_difference(tf.constant([3, -1]), 1)])


@case
def div_no_nan_zero_denominator(tf):
    x = tf.constant([1.0, -2.0, 0.0, 3.0], name="x")
    y = tf.constant([0.0, 4.0, 0.0, -1.5], name="y")
    i = tf.constant([3, 4], name="i")
    return describe(tf, [tf.div_no_nan(x, y), tf.math.divide_no_nan(x, 2.0), tf.div_no_nan(i, tf.constant([0, 8]))])


@case
def scalar_mul_names(tf):
    a, _ = _ab(tf)
    return describe(tf, [tf.scalar_mul(2.0, a), tf.scalar_mul(3, a, name="scaled")])


@case
def scalar_mul_needs_scalar(tf):
    a, b = _ab(tf)
    return raises(tf.scalar_mul, b, a)


@case
def add_n_names_values(tf):
    a, _ = _ab(tf)
    c = tf.constant(np.ones((2, 3), np.float32), name="c")
    return describe(tf, [tf.add_n([a, c]), tf.add_n([a, c, a], name="total"), tf.add_n([a]), tf.add_n([a], name="one")])


@case
def add_n_errors(tf):
    a = tf.constant(np.ones((2, 3), np.float32), name="a")
    c = tf.constant(np.ones((3, 2), np.float32), name="c")
    return [raises(tf.add_n, []), raises(tf.add_n, [a, c]), raises(tf.add_n, [a, tf.constant([1, 2, 3])])]


@case
def accumulate_n_builds_add_n(tf):
    a, _ = _ab(tf)
    return describe(tf, [tf.accumulate_n([a, a, a])])


@case
def mul_of_bools_casts_through_int32(tf):
    p = tf.constant([True, False, True], name="p")
    q = tf.constant([True, True, False], name="q")
    return describe(tf, [p * q])


# -- broadcasting and static shapes --------------------------------------------------------------
@case
def broadcast_static_shapes_unknown_dims(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    y = tf.placeholder(tf.float32, [None, 1], name="y")
    z = tf.placeholder(tf.float32, [4, 1, 1], name="z")
    u = tf.placeholder(tf.float32, None, name="u")
    return [shape_of(x + 1.0), shape_of(x * y), shape_of(x - z), shape_of(tf.maximum(y, z)), shape_of(x / u),
            shape_of(tf.pow(y, tf.placeholder(tf.float32, [1, None])))]


@case
def broadcast_shape_error(tf):
    x = tf.placeholder(tf.float32, [2, 3], name="x")
    y = tf.placeholder(tf.float32, [4], name="y")
    return [raises(tf.add, x, y), raises(lambda: x * y), raises(tf.maximum, x, y), raises(tf.squared_difference, x, y)]


@case
def dtype_mismatch_errors(tf):
    x = tf.constant([1.0, 2.0], name="x")
    i = tf.constant([1, 2], name="i")
    return [raises(tf.add, x, i), raises(tf.subtract, i, x), raises(lambda: x * i), raises(tf.truediv, x, i),
            raises(tf.maximum, x, tf.constant([1.0], tf.float64))]


@case
def python_value_not_convertible_to_tensor_dtype(tf):
    i = tf.constant([1, 2], name="i")
    return [raises(lambda: i + 1.5), raises(lambda: i * 0.5), raises(tf.multiply, i, 2.5)]


@case
def disallowed_dtypes(tf):
    b = tf.constant([True, False], name="b")
    s = tf.constant(["x"], name="s")
    i = tf.constant([1, 2], name="i")
    return [raises(tf.maximum, b, b), raises(tf.subtract, s, s), raises(tf.floormod, tf.constant([1j]), 1j),
            raises(tf.sqrt, i), raises(tf.exp, i), raises(tf.abs, tf.constant([True])),
            raises(tf.floor, i), raises(tf.sigmoid, i)]


@case
def int_division_by_zero_runtime(tf):
    i = tf.placeholder(tf.int32, [2], name="i")
    return [run_error(tf, tf.floordiv(i, 0), {i: [1, 2]}), run_error(tf, i % 0, {i: [1, 2]})]


# -- unary functions ---------------------------------------------------------------------------
_U = np.array([0.25, 1.0, 2.5, 4.0], np.float32)
_S = np.array([-2.5, -0.5, 0.0, 0.5, 1.5, 2.5], np.float32)


@case
def unary_float_names_and_values(tf):
    x = tf.constant(_U, name="x")
    return describe(tf, [tf.sqrt(x), tf.rsqrt(x), tf.exp(x), tf.log(x), tf.log1p(x), tf.sin(x), tf.cos(x),
                         tf.tanh(x), tf.sigmoid(x), tf.reciprocal(x), tf.square(x)])


@case
def unary_signed_names_and_values(tf):
    x = tf.constant(_S, name="x")
    return describe(tf, [tf.negative(x), tf.abs(x), tf.sign(x), tf.round(x), tf.floor(x), tf.ceil(x), -x, abs(x)])


@case
def unary_float64_values(tf):
    x = tf.constant(_U.astype(np.float64), name="x")
    return describe(tf, [tf.sqrt(x), tf.exp(-x), tf.log(x), tf.tanh(x), tf.sigmoid(-x)])


@case
def unary_int_ops(tf):
    i = tf.constant([-3, 0, 4], name="i")
    return describe(tf, [tf.abs(i), tf.sign(i), tf.square(i), tf.negative(i), tf.round(i)])


@case
def unary_python_inputs(tf):
    return describe(tf, [tf.sqrt(4.0), tf.sigmoid(0.0), tf.abs(-2), tf.sign(-3.0), tf.round(2.5), tf.exp(0.0)])


@case
def unary_with_names(tf):
    x = tf.constant(_U, name="x")
    return static([tf.sqrt(x, name="root"), tf.sigmoid(x, name="sig"), tf.abs(x, name="mag"),
                   tf.round(x, name="r"), tf.tanh(x, name="t"), tf.sqrt(x, name="root")])


@case
def unary_special_values(tf):
    x = tf.constant([0.0, -1.0, np.inf, -np.inf, np.nan], name="x")
    return describe(tf, [tf.sqrt(x), tf.log(x), tf.sigmoid(x), tf.tanh(x), tf.is_nan(x), tf.is_inf(x),
                         tf.is_finite(x), tf.reciprocal(x)])


@case
def sigmoid_extremes(tf):
    x = tf.constant([-100.0, -20.0, 20.0, 100.0], name="x")
    return values(tf, [tf.sigmoid(x), tf.sigmoid(tf.cast(x, tf.float64))])


@case
def unary_static_shapes(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    u = tf.placeholder(tf.float32, name="u")
    return [shape_of(tf.exp(x)), shape_of(tf.sqrt(u)), shape_of(-x), shape_of(tf.is_nan(x)), shape_of(tf.round(u))]


@case
def round_half_to_even(tf):
    x = tf.constant([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5], name="x")
    return values(tf, tf.round(x))


@case
def conj_real_imag(tf):
    c = tf.constant([1 + 2j, -3 - 0.5j], name="c")
    x = tf.constant([1.0, 2.0], name="x")
    out = [tf.conj(c), tf.real(c), tf.imag(c), tf.conj(x), tf.real(x), tf.imag(x), tf.abs(c),
           tf.complex(x, x), tf.sign(c)]
    return describe(tf, out)


@case
def complex_dtype_error(tf):
    return raises(tf.complex, tf.constant([1.0]), tf.constant([1.0], tf.float64))


@case
def negative_python_op_types(tf):
    x = tf.constant(_U, name="x")
    y = -x
    z = x.__neg__()
    return [y.op.type, y.name, z.name, op_summary(tf.get_default_graph())]
