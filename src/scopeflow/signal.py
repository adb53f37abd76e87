"""``tf.signal``: the discrete Fourier transforms (``fft``, ``ifft``, ``fft2d`` ... ``rfft``,
``irfft``, ``rfft2d`` ...) and the Hann and Hamming windows.

Only re-exports; the code lives in ``scopeflow._src.ops.signal``. Loaded on first use
(``tf.signal``). Not here (absent, not stubbed): the N-d transforms (``fftnd`` ...), ``fftshift``,
the other windows (``kaiser_window`` ...), ``frame``, ``stft``/``inverse_stft``, ``dct``/``idct``,
``mdct``, ``overlap_and_add`` and the mel/MFCC functions.

>>> import scopeflow as tf
>>> spectrum = tf.signal.rfft(tf.constant([1.0, 0.0, -1.0, 0.0]))
>>> with tf.Session() as sess:
...     sess.run(spectrum).real.tolist()
[0.0, 2.0, 0.0]
"""

__all__ = ["fft", "fft2d", "fft3d", "hamming_window", "hann_window", "ifft", "ifft2d", "ifft3d", "irfft", "irfft2d",
           "irfft3d", "rfft", "rfft2d", "rfft3d"]

from scopeflow._src.ops.signal import (
    fft,
    fft2d,
    fft3d,
    hamming_window,
    hann_window,
    ifft,
    ifft2d,
    ifft3d,
    irfft,
    irfft2d,
    irfft3d,
    rfft,
    rfft2d,
    rfft3d,
)
