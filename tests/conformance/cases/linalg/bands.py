"""Bands and diagonals: ``matrix_band_part``, ``matrix_diag``, ``matrix_diag_part`` (with ``k``
and ``align``), ``matrix_set_diag``."""

import numpy as np

from tests.conformance.cases._math_helpers import describe
from tests.conformance.cases.linalg._helpers import BATCH, A, W
from tests.conformance.harness import case

_M = np.arange(1.0, 21.0).reshape(4, 5)


@case
def band_part_names_and_values(tf):
    m = tf.constant(_M, name="m")
    return describe(tf, [tf.matrix_band_part(m, 1, 2), tf.linalg.band_part(m, -1, 0), tf.matrix_band_part(m, 0, -1),
                         tf.linalg.band_part(m, 0, 0, name="diag_only"),
                         tf.matrix_band_part(tf.constant(BATCH, name="b"), tf.constant(1), tf.constant(0))])


@case
def diag_part_main_and_bands(tf):
    m = tf.constant(_M, name="m")
    return describe(tf, [tf.matrix_diag_part(m), tf.linalg.diag_part(m, k=1), tf.linalg.diag_part(m, k=-2),
                         tf.linalg.diag_part(m, k=(-1, 2)), tf.linalg.diag_part(m, k=(-1, 2), align="LEFT_RIGHT"),
                         tf.linalg.diag_part(m, k=(-2, 1), padding_value=9, align="LEFT_LEFT"),
                         tf.linalg.diag_part(m, k=(0, 3), align="RIGHT_RIGHT")])


@case
def diag_part_batch_and_ints(tf):
    return describe(tf, [tf.matrix_diag_part(tf.constant(BATCH, name="b")),
                         tf.linalg.diag_part(tf.constant([[1, 2], [3, 4]], name="i")),
                         tf.linalg.diag_part(tf.constant([[True, False], [False, True]], name="t"))])


@case
def set_diag_main_and_bands(tf):
    m = tf.constant(_M, name="m")
    return describe(tf, [tf.matrix_set_diag(m, [-1.0, -2.0, -3.0, -4.0]),
                         tf.linalg.set_diag(m, [[7.0, 8.0, 9.0, 10.0], [-1.0, -2.0, -3.0, -4.0]], k=(0, 1)),
                         tf.linalg.set_diag(m, [0.5, 0.25, 0.125], k=-1, name="sub")])


@case
def matrix_diag_main(tf):
    return describe(tf, [tf.matrix_diag([1.0, 2.0, 3.0]), tf.linalg.diag([[1, 2], [3, 4]], name="d"),
                         tf.linalg.diag([1.0, 2.0], padding_value=-1.0)])


@case
def trace_of_rectangular(tf):
    return describe(tf, [tf.trace(tf.constant(W, name="w")), tf.trace(tf.constant(A, name="a"))])


@case
def eye_with_batch_shapes_and_tensors(tf):
    n = tf.constant(3, name="n")
    return describe(tf, [tf.linalg.eye(2, batch_shape=[3]), tf.linalg.eye(2, 3, batch_shape=[2], dtype=tf.int32),
                         tf.linalg.eye(n), tf.linalg.eye(n, 2, batch_shape=tf.constant([2], name="bs"))])
