"""WAV encoding of audio clips as TensorFlow's ``wav_io`` writes them: 16-bit PCM, little endian.

Samples in ``[-1, 1]`` are scaled by 32768, rounded half away from zero and clipped to the
16-bit range (``NaN`` becomes 0); the header's sample rate is the rate rounded half to even,
at least 1.
"""

from __future__ import annotations

import struct

import numpy as np


def wav_sample_rate(sample_rate: float) -> int:
    """The integer rate the WAV header states for ``sample_rate`` (> 0).

    >>> wav_sample_rate(16000.7), wav_sample_rate(8000.5), wav_sample_rate(0.1)
    (16001, 8000, 1)
    """
    if np.isinf(sample_rate):
        return 1 << 63  # what TF's conversion to an integer makes of it, rejected as out of range
    return max(1, int(np.rint(sample_rate)))


def encode_wav(samples: np.ndarray, rate: int) -> bytes:
    """The WAV file of ``samples`` (float32 ``[frames, channels]``) at the integer ``rate``.

    >>> wav = encode_wav(np.array([[0.5], [-1.5]], np.float32), 8000)
    >>> wav[:4], wav[8:16], len(wav), np.frombuffer(wav[44:], "<i2").tolist()
    (b'RIFF', b'WAVEfmt ', 48, [16384, -32768])
    """
    frames, channels = samples.shape
    scaled = (np.asarray(samples, np.float32) * np.float32(32768.0)).astype(np.float64)
    whole = np.trunc(scaled)
    rounded = whole + np.where(np.abs(scaled - whole) >= 0.5, np.sign(scaled), 0.0)  # half away from zero
    pcm = np.clip(np.nan_to_num(rounded, nan=0.0), -32768, 32767).astype("<i2")
    data = pcm.tobytes()
    block = channels * 2
    header = struct.pack("<4sI4s4sIHHIIHH4sI", b"RIFF", 36 + len(data), b"WAVE", b"fmt ", 16, 1, channels, rate,
                         rate * block, block, 16, b"data", len(data))
    return header + data
