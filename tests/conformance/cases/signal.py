"""Conformance cases for the Fourier transforms (``tf.signal``, ``tf.spectral``, TF1's
``tf.fft`` ...): ops, names, static shapes, values, errors and gradients."""

import numpy as np

from tests.conformance.cases._math_helpers import describe, grads, plain
from tests.conformance.harness import case, grad_info, raises, run_error

_X = (np.arange(24, dtype=np.float32).reshape(2, 3, 4) % 7) - 2.5
_Z = (_X + 1j * ((_X * 3) % 5 - 1)).astype(np.complex64)


@case
def fft_family_names_and_values(tf):
    z = tf.constant(_Z, name="z")
    return describe(tf, [tf.fft(z), tf.ifft(z), tf.fft2d(z), tf.ifft2d(z, name="i2"), tf.fft3d(z), tf.ifft3d(z),
                         tf.signal.fft(z, name="f"), tf.spectral.ifft(z)])


@case
def fft_complex128(tf):
    z = tf.constant(_Z.astype(np.complex128), name="z")
    return describe(tf, [tf.signal.fft(z), tf.signal.ifft2d(z)])


@case
def rfft_family_inferred_lengths(tf):
    x = tf.constant(_X, name="x")
    return describe(tf, [tf.signal.rfft(x), tf.signal.rfft2d(x), tf.signal.rfft3d(x), tf.spectral.rfft(x, name="r")])


@case
def rfft_explicit_lengths_pad_and_crop(tf):
    x = tf.constant(_X, name="x")
    return describe(tf, [tf.signal.rfft(x, [6]), tf.signal.rfft(x, [3]), tf.signal.rfft2d(x, [4, 6]),
                         tf.signal.rfft(tf.cast(x, tf.float64), [5])])


@case
def irfft_family(tf):
    z = tf.constant(_Z, name="z")
    return describe(tf, [tf.signal.irfft(z), tf.signal.irfft(z, [5]), tf.signal.irfft2d(z), tf.signal.irfft3d(z),
                         tf.signal.irfft2d(z, [2, 9]), tf.spectral.irfft(tf.cast(z, tf.complex128), name="ir")])


@case
def rfft_round_trip(tf):
    x = tf.constant(_X, name="x")
    return describe(tf, [tf.signal.irfft(tf.signal.rfft(x)), tf.signal.irfft2d(tf.signal.rfft2d(x))])


@case
def unknown_shapes(tf):
    p = tf.placeholder(tf.float32, [None, 6], name="p")
    q = tf.placeholder(tf.complex64, [2, None], name="q")
    n = tf.placeholder(tf.int32, [1], name="n")
    outs = [tf.signal.rfft(p), tf.signal.irfft(q), tf.signal.rfft(p, n), tf.fft(q)]
    shapes = [t.shape.as_list() for t in outs]
    with tf.Session() as sess:
        values = sess.run(outs[:2], {p: _X[0, :, :3].reshape(2, 6), q: _Z[0, :2]})
    return {"shapes": shapes, "values": [plain(v) for v in values]}


@case
def static_errors(tf):
    return [raises(tf.fft, tf.constant(1 + 1j, tf.complex64)), raises(tf.fft2d, tf.constant([1j], tf.complex64)),
            raises(tf.signal.rfft, tf.constant([1, 2])), raises(tf.signal.irfft, tf.constant([1.0, 2.0])),
            raises(tf.fft, tf.constant([1.0, 2.0])), raises(tf.signal.rfft, tf.constant([1.0, 2.0]), [2, 2])]


@case
def runtime_errors(tf):
    p = tf.placeholder(tf.complex64, name="p")
    return [run_error(tf, tf.fft(p), {p: 1j}), run_error(tf, tf.fft3d(p), {p: [[1j]]})]


@case
def grad_fft_ifft(tf):
    z = tf.constant(_Z, name="z")
    w = tf.constant((np.arange(24).reshape(2, 3, 4) % 3).astype(np.complex64), name="w")
    ys = [tf.real(tf.reduce_sum(w * tf.fft(z))), tf.imag(tf.reduce_sum(w * tf.ifft2d(z))),
          tf.real(tf.reduce_sum(w * tf.fft3d(z)))]
    got = grads(tf, ys, [z])
    got["values"] = [plain(v) for v in got["values"]]
    return got


@case
def grad_rfft_irfft(tf):
    x = tf.constant(_X, name="x")
    z = tf.constant(_Z, name="z")
    r = tf.signal.rfft(x)
    r2 = tf.signal.rfft2d(x)
    ys = [tf.reduce_sum(tf.abs(r) * np.arange(3, dtype=np.float32)), tf.reduce_sum(tf.real(r2) - tf.imag(r2)),
          tf.reduce_sum(tf.signal.irfft(z) * tf.constant(np.arange(6, dtype=np.float32))),
          tf.reduce_sum(tf.square(tf.signal.irfft2d(z)))]
    got = grad_info(tf, ys, [x, z])
    got["values"] = [plain(v) for v in got["values"]]
    return got


@case
def hann_and_hamming_windows(tf):
    return describe(tf, [tf.signal.hann_window(5), tf.signal.hann_window(6, periodic=False),
                         tf.signal.hamming_window(7, dtype=tf.float64), tf.signal.hamming_window(4, False, name="h"),
                         tf.signal.hann_window(1), tf.signal.hann_window(0)])


@case
def windows_of_a_fed_length(tf):
    n = tf.placeholder(tf.int32, [], name="n")
    w = tf.signal.hann_window(n)
    ops = [[op.name, op.type] for op in tf.get_default_graph().get_operations()]
    with tf.Session() as sess:
        values = [sess.run(w, {n: 4}), sess.run(w, {n: 1})]
    return {"ops": ops, "name": w.name, "shape": w.shape.as_list(), "values": values}


@case
def window_errors(tf):
    return [raises(tf.signal.hann_window, 4, dtype=tf.int32), raises(tf.signal.hamming_window, [4])]
