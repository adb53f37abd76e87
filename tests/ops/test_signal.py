"""The Fourier transforms beyond the goldens: lengths fed at run time, lazy loading."""

import subprocess
import sys

import numpy as np

import scopeflow as tf


def test_rfft_with_a_fed_length_pads_in_the_graph():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float64, [None, None])
    n = tf.placeholder(tf.int32, [1])
    spectrum = tf.signal.rfft(x, n)
    back = tf.signal.irfft(spectrum, n)
    signal = np.random.default_rng(0).normal(size=(2, 5))
    with tf.Session() as sess:
        got, round_trip = sess.run([spectrum, back], {x: signal, n: [8]})
    np.testing.assert_allclose(got, np.fft.rfft(signal, 8))
    np.testing.assert_allclose(round_trip, np.pad(signal, [(0, 0), (0, 3)]), atol=1e-12)


def test_signal_loads_on_first_use():
    code = ("import sys, scopeflow as tf; assert 'scopeflow._src.ops.signal' not in sys.modules; "
            "tf.fft; assert 'scopeflow._src.ops.signal.fft_grads' in sys.modules; tf.spectral.rfft")
    subprocess.run([sys.executable, "-c", code], check=True)
