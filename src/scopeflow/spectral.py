"""``tf.spectral`` (TF1's name for the Fourier transforms of ``tf.signal``).

Only re-exports; the code lives in ``scopeflow._src.ops.signal``. Loaded on first use
(``tf.spectral``). Not here (absent): ``dct``/``idct``.
"""

__all__ = ["fft", "fft2d", "fft3d", "ifft", "ifft2d", "ifft3d", "irfft", "irfft2d", "irfft3d", "rfft", "rfft2d",
           "rfft3d"]

from scopeflow._src.ops.signal import (
    fft,
    fft2d,
    fft3d,
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
