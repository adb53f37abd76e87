"""The signal-processing op package (``tf.signal``, ``tf.spectral``): the Fourier transforms
(``fft.py``) and their gradient rules (``fft_grads.py``, registered here). Loaded on first use."""

from scopeflow._src.ops.signal import fft_grads  # noqa: F401 - the gradient rules
from scopeflow._src.ops.signal.fft import (
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
from scopeflow._src.ops.signal.windows import hamming_window, hann_window

__all__ = ["fft", "fft2d", "fft3d", "hamming_window", "hann_window", "ifft", "ifft2d", "ifft3d", "irfft", "irfft2d",
           "irfft3d", "rfft", "rfft2d", "rfft3d"]
