"""Samples of the Fourier transforms, built from real inputs (their real and imaginary parts)."""

import numpy as np

from tests.ops.samples import F64, sample


def _parts(z):
    return np.real(z), np.imag(z)


def _complex_sample(op_type, fn, np_fn, shape, seed):
    @sample(op_type, [F64(*shape, seed=seed), F64(*shape, seed=seed + 1)], lambda x, y: _parts(np_fn(x + 1j * y)))
    def _(tf, x, y):
        z = fn(tf)(tf.complex(x, y))
        return tf.real(z), tf.imag(z)


_complex_sample("FFT", lambda tf: tf.fft, lambda z: np.fft.fft(z), (2, 5), 1)
_complex_sample("IFFT", lambda tf: tf.signal.ifft, lambda z: np.fft.ifft(z), (3, 4), 3)
_complex_sample("FFT2D", lambda tf: tf.fft2d, lambda z: np.fft.fft2(z), (2, 3, 4), 5)
_complex_sample("IFFT2D", lambda tf: tf.spectral.ifft2d, lambda z: np.fft.ifft2(z), (3, 3), 7)
_complex_sample("FFT3D", lambda tf: tf.fft3d, lambda z: np.fft.fftn(z, axes=(-3, -2, -1)), (2, 2, 3, 2), 9)
_complex_sample("IFFT3D", lambda tf: tf.ifft3d, lambda z: np.fft.ifftn(z, axes=(-3, -2, -1)), (2, 3, 2), 11)


@sample("RFFT", [F64(3, 6, seed=13)], lambda x: _parts(np.fft.rfft(x)))
def _(tf, x):
    z = tf.signal.rfft(x)
    return tf.real(z), tf.imag(z)


@sample("RFFT", [F64(2, 5, seed=14)], lambda x: _parts(np.fft.rfft(x, 8)))
def _(tf, x):
    z = tf.signal.rfft(x, [8])
    return tf.real(z), tf.imag(z)


@sample("RFFT2D", [F64(2, 4, 5, seed=15)], lambda x: _parts(np.fft.rfft2(x)))
def _(tf, x):
    z = tf.signal.rfft2d(x)
    return tf.real(z), tf.imag(z)


@sample("RFFT3D", [F64(2, 3, 4, seed=16)], lambda x: _parts(np.fft.rfftn(x)), grad=False)
def _(tf, x):
    z = tf.signal.rfft3d(x)
    return tf.real(z), tf.imag(z)


@sample("IRFFT", [F64(2, 5, seed=17), F64(2, 5, seed=18)], lambda x, y: np.fft.irfft(x + 1j * y, 8))
def _(tf, x, y):
    return tf.signal.irfft(tf.complex(x, y))


@sample("IRFFT", [F64(3, 4, seed=19), F64(3, 4, seed=20)], lambda x, y: np.fft.irfft(x + 1j * y, 7))
def _(tf, x, y):
    return tf.spectral.irfft(tf.complex(x, y), [7])


@sample("IRFFT2D", [F64(3, 4, seed=21), F64(3, 4, seed=22)], lambda x, y: np.fft.irfft2(x + 1j * y))
def _(tf, x, y):
    return tf.signal.irfft2d(tf.complex(x, y))


@sample("IRFFT3D", [F64(2, 3, 3, seed=23), F64(2, 3, 3, seed=24)], lambda x, y: np.fft.irfftn(x + 1j * y),
        grad=False)
def _(tf, x, y):
    return tf.signal.irfft3d(tf.complex(x, y))
