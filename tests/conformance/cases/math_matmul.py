"""Conformance cases for ``matmul`` (transpose/adjoint flags, batches), ``tensordot`` and
``einsum``: op names and types, static shapes, values and build-time errors."""

import numpy as np

from tests.conformance.cases._math_helpers import describe, run_error, static
from tests.conformance.harness import case, op_summary, raises, shape_of

_A = np.arange(6, dtype=np.float32).reshape(2, 3) / 2.0 - 1.0
_B = np.arange(12, dtype=np.float32).reshape(3, 4) / 3.0 - 2.0
_BA = np.arange(24, dtype=np.float32).reshape(2, 3, 4) / 5.0 - 2.0
_BB = np.arange(40, dtype=np.float32).reshape(2, 4, 5) / 7.0 - 3.0


def _c(tf, value, name):
    return tf.constant(value, name=name)


@case
def matmul_2d_ops(tf):
    a, b = _c(tf, _A, "a"), _c(tf, _B, "b")
    return describe(tf, [tf.matmul(a, b), tf.matmul(a, b, name="product")])


@case
def matmul_transpose_flags(tf):
    a, b = _c(tf, _A, "a"), _c(tf, _B, "b")
    at, bt = _c(tf, _A.T, "at"), _c(tf, _B.T, "bt")
    return describe(tf, [tf.matmul(at, b, transpose_a=True), tf.matmul(a, bt, transpose_b=True),
                         tf.matmul(at, bt, transpose_a=True, transpose_b=True)])


@case
def matmul_adjoint_flags_2d(tf):
    at, bt = _c(tf, _A.T, "at"), _c(tf, _B.T, "bt")
    out = [tf.matmul(at, bt, adjoint_a=True, adjoint_b=True), tf.matmul(at, _B, adjoint_a=True)]
    return describe(tf, out) | {"attrs": [[o.op.get_attr("transpose_a"), o.op.get_attr("transpose_b")] for o in out]}


@case
def matmul_complex_adjoint(tf):
    c = _c(tf, np.array([[1 + 1j, 2 - 1j], [0.5j, 3]], np.complex64), "c")
    return describe(tf, [tf.matmul(c, c, adjoint_a=True), tf.matmul(c, c, transpose_b=True)])


@case
def matmul_flag_conflicts(tf):
    a = _c(tf, _A, "a")
    return [raises(tf.matmul, a, a, transpose_a=True, adjoint_a=True),
            raises(tf.matmul, a, a, transpose_b=True, adjoint_b=True)]


@case
def matmul_shape_errors(tf):
    a, b = _c(tf, _A, "a"), _c(tf, _B, "b")
    return [raises(tf.matmul, a, a), raises(tf.matmul, b, a, transpose_b=True),
            raises(tf.matmul, a, tf.constant([1.0, 2.0, 3.0])), raises(tf.matmul, a, tf.constant(_B.astype(np.int32)))]


@case
def matmul_ints(tf):
    i = _c(tf, np.array([[1, 2], [3, 4]], np.int32), "i")
    return describe(tf, [tf.matmul(i, i), tf.matmul(i, i, transpose_a=True)])


@case
def matmul_python_lists(tf):
    return describe(tf, [tf.matmul([[1.0, 2.0]], [[3.0], [4.0]])])


@case
def matmul_static_shapes(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    w = tf.placeholder(tf.float32, [3, None], name="w")
    u = tf.placeholder(tf.float32, name="u")
    return [shape_of(tf.matmul(x, w)), shape_of(tf.matmul(x, w, transpose_a=True, transpose_b=True)),
            shape_of(tf.matmul(x, tf.ones([3, 7]))), shape_of(tf.matmul(u, w)), tf.matmul(u, w).op.type,
            shape_of(tf.matmul(u, u))]


@case
def batch_matmul_ops(tf):
    a, b = _c(tf, _BA, "a"), _c(tf, _BB, "b")
    return describe(tf, [tf.matmul(a, b), tf.matmul(b, a, transpose_a=True, transpose_b=True),
                         tf.matmul(a, a, adjoint_b=True)])


@case
def batch_matmul_broadcasts(tf):
    a = _c(tf, _BA, "a")
    b = _c(tf, np.arange(20, dtype=np.float32).reshape(5, 4) / 4.0, "b")
    c = _c(tf, np.ones((1, 4, 2), np.float32), "c")
    return describe(tf, [tf.matmul(a, b, transpose_b=True), tf.matmul(a, c), tf.matmul(b, a, transpose_b=True)])


@case
def batch_matmul_static_shapes(tf):
    x = tf.placeholder(tf.float32, [None, 5, 3], name="x")
    y = tf.placeholder(tf.float32, [7, 1, 3, 2], name="y")
    z = tf.placeholder(tf.float32, [None, None, 3, 6], name="z")
    return [shape_of(tf.matmul(x, y)), shape_of(tf.matmul(x, z)), shape_of(tf.matmul(y, x, adjoint_a=True,
                                                                                    adjoint_b=True))]


@case
def batch_matmul_errors(tf):
    a, b = _c(tf, _BA, "a"), _c(tf, _BB, "b")
    return [raises(tf.matmul, a, a), raises(tf.matmul, a, tf.ones([3, 4, 5])),
            raises(tf.matmul, a, tf.ones([4])), raises(tf.matmul, b, a)]


@case
def batch_matmul_runtime_broadcast_error(tf):
    x = tf.placeholder(tf.float32, [None, 2, 2], name="x")
    y = tf.placeholder(tf.float32, [None, 2, 2], name="y")
    return run_error(tf, tf.matmul(x, y), {x: np.ones((2, 2, 2)), y: np.ones((3, 2, 2))})


@case
def matmul_output_type_v3(tf):
    i = _c(tf, np.array([[1, 2], [3, 4]], np.int8), "i")
    m = tf.matmul(i, i, output_type=tf.int32)
    return [op_summary(tf.get_default_graph()), static(m)]


# -- tensordot -------------------------------------------------------------------------------------
@case
def tensordot_static(tf):
    a, b = _c(tf, _BA, "a"), _c(tf, _BB, "b")
    c = _c(tf, _BB[0], "c")
    return describe(tf, [tf.tensordot(a, b, [[2], [1]]), tf.tensordot(a, c, 1), tf.tensordot(a, a, [[1, 2], [1, 2]])])


@case
def tensordot_no_reshape_needed(tf):
    a, b = _c(tf, _A, "a"), _c(tf, _B, "b")
    return describe(tf, [tf.tensordot(a, b, 1), tf.tensordot(a, b, [[1], [0]]), tf.tensordot(a, a, 0)])


@case
def tensordot_partial_shapes(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    w = _c(tf, _B, "w")
    out = tf.tensordot(x, w, 1)
    return [static(out), op_summary(tf.get_default_graph()),
            describe(tf, out, {x: _A})["values"]]


@case
def tensordot_errors(tf):
    a, b = _c(tf, _A, "a"), _c(tf, _B, "b")
    return [raises(tf.tensordot, a, b, -1), raises(tf.tensordot, a, b, 3), raises(tf.tensordot, a, b, [[1], [0], [0]]),
            raises(tf.tensordot, a, b, [[0, 1], [0]])]


# -- einsum ----------------------------------------------------------------------------------------
@case
def einsum_matmul_forms(tf):
    a, b = _c(tf, _A, "a"), _c(tf, _B, "b")
    return describe(tf, [tf.einsum("ij,jk->ik", a, b), tf.einsum("ij,jk", a, b), tf.einsum("ij,kj->ik", a, a),
                         tf.einsum("ij,jk->ik", a, b, name="mm")])


@case
def einsum_batch_transpose_outer_trace(tf):
    a, b = _c(tf, _BA, "a"), _c(tf, _BB, "b")
    v = _c(tf, np.array([1.0, 2.0, 3.0], np.float32), "v")
    m = _c(tf, _A @ _A.T, "m")
    return describe(tf, [tf.einsum("bij,bjk->bik", a, b), tf.einsum("ij->ji", m), tf.einsum("i,j->ij", v, v),
                         tf.einsum("ii->", m), tf.einsum("bij->b", a), tf.einsum("ij,ij->i", m, m),
                         tf.einsum("...ij,...jk->...ik", a, b)])


@case
def einsum_static_shapes(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4], name="x")
    y = tf.placeholder(tf.float32, [4, None], name="y")
    return [shape_of(tf.einsum("bij,jk->bik", x, y)), shape_of(tf.einsum("bij->jb", x)),
            shape_of(tf.einsum("...j,jk->...k", x, y))]


@case
def einsum_errors(tf):
    a, b = _c(tf, _A, "a"), _c(tf, _B, "b")
    return [raises(tf.einsum, "ij,jk->ik", a), raises(tf.einsum, "ij,jk->ii", a, b),
            raises(tf.einsum, "ij,jk->iz", a, b), raises(tf.einsum, "ij;jk", a, b),
            raises(tf.einsum, "ij,jk->ik", a, b, foo=1)]


@case
def einsum_three_operands_value(tf):
    a, b = _c(tf, _A, "a"), _c(tf, _B, "b")
    v = _c(tf, np.array([1.0, -1.0, 2.0, 0.5], np.float32), "v")
    out = tf.einsum("ij,jk,k->i", a, b, v)
    return [shape_of(out), describe(tf, out)["values"]]
