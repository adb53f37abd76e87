"""``tf.sparse.sparse_dense_matmul`` / ``tf.sparse_tensor_dense_matmul`` (``SparseTensorDenseMatMul``)."""

import numpy as np

from tests.conformance.cases.sparse._helpers import ops, run, sparse, static
from tests.conformance.harness import case, raises


@case
def matmul_graph_and_values(tf):
    st = sparse(tf, [[0, 0], [1, 2], [2, 1]], [1.0, 2.0, 3.0], [3, 4])
    b = tf.reshape(tf.range(20.0), [4, 5])
    p = tf.sparse.sparse_dense_matmul(st, b)
    q = tf.sparse_tensor_dense_matmul(st, tf.transpose(b), adjoint_b=True, name="mm")
    r = tf.sparse.matmul(st, tf.reshape(tf.range(15.0), [3, 5]), adjoint_a=True)
    s = tf.sparse.matmul(st, tf.reshape(tf.range(6.0), [2, 3]), adjoint_a=True, adjoint_b=True)
    return [static([p, q, r, s]), [x.op.get_attr("adjoint_a") for x in (p, q, r, s)], ops(tf.get_default_graph()),
            run(tf, [p, q, r, s])]


@case
def matmul_dense_times_sparse(tf):
    st = sparse(tf, [[0, 1], [2, 0]], [2.0, -1.0], [3, 2])
    d = tf.reshape(tf.range(6.0), [2, 3])
    out = [tf.sparse.matmul(d, st), tf.sparse.matmul(tf.transpose(d), st, adjoint_a=True),
           tf.sparse.matmul(d, tf.SparseTensorValue([[1, 1]], [4.0], [2, 3]), adjoint_b=True)]
    return [static(out), run(tf, out)]


@case
def matmul_int_and_complex_values(tf):
    st = tf.SparseTensor([[0, 1]], tf.constant([3], tf.int32), [2, 2])
    c = sparse(tf, [[1, 0]], [1 + 1j], [2, 2], tf.complex128)
    cb = tf.constant([[1j, 2.0], [3.0, 1 - 1j]], tf.complex128)
    return [run(tf, tf.sparse.matmul(st, tf.constant([[1, 2], [3, 4]], tf.int32))),
            run(tf, [tf.sparse.matmul(c, cb), tf.sparse.matmul(c, cb, adjoint_a=True, adjoint_b=True)])]


@case
def matmul_static_shapes_with_unknown_parts(tf):
    p = tf.placeholder(tf.int64, [2])
    st = tf.SparseTensor(tf.placeholder(tf.int64, [None, 2]), tf.placeholder(tf.float32, [None]), p)
    return [static(tf.sparse.matmul(st, tf.ones([4, 5]))),
            static(tf.sparse.matmul(st, tf.placeholder(tf.float32, [None, 7]), adjoint_a=True)),
            static(tf.sparse.matmul(sparse(tf, [[0, 0]], [1.0], [3, 4]), tf.placeholder(tf.float32)))]


@case
def matmul_build_time_errors(tf):
    st = sparse(tf, [[1, 0]], [1.0], [2, 2])
    return [raises(tf.sparse.matmul, st, tf.ones([3, 2])),
            raises(tf.sparse.matmul, sparse(tf, [[1, 1, 1]], [1.0], [2, 2, 2]), tf.ones([2, 2])),
            raises(tf.sparse.matmul, sparse(tf, [[1, 1]], [1], [2, 2]), tf.ones([2, 2])),
            raises(tf.sparse.matmul, st, tf.ones([2])),
            raises(tf.sparse.matmul, st, tf.ones([3, 2]), adjoint_b=True)]


@case
def matmul_kernel_errors(tf):
    b = tf.ones([2, 2])
    fed = tf.placeholder_with_default(tf.ones([3, 2]), [None, 2])
    return [run(tf, tf.sparse.matmul(sparse(tf, [[1, 5]], [1.0], [2, 2]), b)),
            run(tf, tf.sparse.matmul(sparse(tf, [[3, 1]], [1.0], [2, 2]), b)),
            run(tf, tf.sparse.matmul(sparse(tf, [[3, 5]], [1.0], [2, 2]), b)),
            run(tf, tf.sparse.matmul(sparse(tf, [[1, 3]], [1.0], [2, 2]), b, adjoint_a=True)),
            run(tf, tf.sparse.matmul(sparse(tf, [[0, 0]], [1.0], [2, 2]), fed)),
            run(tf, tf.sparse.matmul(tf.SparseTensor([[0, 0]], [1.0], tf.placeholder_with_default(
                np.array([2, 2, 2], np.int64), [None])), b))]
