"""PNG encoding of 8- and 16-bit images with the standard library's ``zlib``, as libpng writes them.

TensorFlow encodes summary images with libpng's defaults, and this module makes the same
choices so that the bytes match: each row gets the filter (None, Sub, Up, Average, Paeth)
whose output has the smallest sum of absolute values read as signed bytes (the first such
filter on a tie; one-row images try only None and Sub, one-column images None and Up); the
rows are deflated at level 6, memory level 9, with the ``Z_FILTERED`` strategy and a window
no larger than the data needs, whose size the zlib header then states as small as it may;
the stream is cut in ``IDAT`` chunks of 8192 bytes. Verified byte for byte against
TensorFlow 2.21 on images of 1x1 to 200x300 pixels, 1, 3 and 4 channels.
"""

from __future__ import annotations

import struct
import zlib

import numpy as np

_COLOR_TYPE = {1: 0, 2: 4, 3: 2, 4: 6}  # channels -> PNG colour type (grey, grey+alpha, RGB, RGBA)
_CHUNK = 8192  # libpng's compression buffer: one IDAT chunk per full buffer


def encode_png(image: np.ndarray) -> bytes:
    """The PNG file of ``image``, a ``uint8`` or ``uint16`` array ``[height, width, channels]`` (1 to 4
    channels; 16-bit samples are stored big-endian, and filtered as bytes, as libpng does).

    >>> png = encode_png(np.zeros((4, 5, 3), np.uint8))
    >>> png[:8], png[12:16], struct.unpack(">II", png[16:24])
    (b'\\x89PNG\\r\\n\\x1a\\n', b'IHDR', (5, 4))
    """
    height, width, channels = image.shape
    depth = 16 if image.dtype == np.uint16 else 8
    samples = np.ascontiguousarray(image, dtype=">u2" if depth == 16 else np.uint8).view(np.uint8)
    bpp = channels * depth // 8
    filtered = _filtered_rows(samples.reshape(height, width * bpp), bpp, height, width)
    data = filtered.tobytes()
    stream = _deflate(data, filters_used=height > 1 or width > 1)
    header = struct.pack(">IIBBBBB", width, height, depth, _COLOR_TYPE[channels], 0, 0, 0)
    parts = [b"\x89PNG\r\n\x1a\n", _chunk(b"IHDR", header)]
    parts += [_chunk(b"IDAT", stream[i:i + _CHUNK]) for i in range(0, len(stream), _CHUNK)]
    parts.append(_chunk(b"IEND", b""))
    return b"".join(parts)


def _chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def _filtered_rows(rows: np.ndarray, bpp: int, height: int, width: int) -> np.ndarray:
    """Each row preceded by its filter byte and filtered by it, libpng's choice per row."""
    raw = rows.astype(np.int16)
    left = np.zeros_like(raw)
    left[:, bpp:] = raw[:, :-bpp]
    up = np.zeros_like(raw)
    up[1:] = raw[:-1]
    upleft = np.zeros_like(raw)
    upleft[:, bpp:] = up[:, :-bpp]
    candidates = np.stack([raw, raw - left, raw - up, raw - ((left + up) >> 1), raw - _paeth(left, up, upleft)])
    candidates &= 0xFF
    allowed = [0, 1, 2, 3, 4]
    if height == 1:
        allowed = [f for f in allowed if f not in (2, 3, 4)]
    if width == 1:
        allowed = [f for f in allowed if f not in (1, 3, 4)]
    if allowed == [0] or rows.shape[1] == 0:
        choice = np.zeros(height, np.intp)
    else:
        cost = np.where(candidates < 128, candidates, 256 - candidates).sum(axis=2, dtype=np.int64)
        choice = np.asarray(allowed)[np.argmin(cost[allowed], axis=0)]  # argmin: the first on a tie
    out = np.empty((height, rows.shape[1] + 1), np.uint8)
    out[:, 0] = choice
    out[:, 1:] = candidates[choice, np.arange(height)]
    return out


def _paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = np.abs(p - a), np.abs(p - b), np.abs(p - c)
    return np.where((pa <= pb) & (pa <= pc), a, np.where(pb <= pc, b, c))


def _deflate(data: bytes, filters_used: bool) -> bytes:
    size = len(data)
    window_bits = 15
    if size <= 16384:  # libpng sizes the window to the data (zlib needs 262 bytes more)
        half = 1 << (window_bits - 1)
        while size + 262 <= half:
            half >>= 1
            window_bits -= 1
        window_bits = max(window_bits, 9)
    strategy = zlib.Z_FILTERED if filters_used else zlib.Z_DEFAULT_STRATEGY
    compressor = zlib.compressobj(6, zlib.DEFLATED, window_bits, 9, strategy)  # memory level 9, as TF's
    stream = bytearray(compressor.compress(data) + compressor.flush())
    if size <= 16384 and (stream[0] & 0x0F) == 8 and (stream[0] & 0xF0) <= 0x70:
        _shrink_window_field(stream, size)
    return bytes(stream)


def _shrink_window_field(stream: bytearray, size: int) -> None:
    """libpng's ``optimize_cmf``: the header states the smallest window that covers the data."""
    cinfo = stream[0] >> 4
    half = 1 << (cinfo + 7)
    if size > half:
        return
    while True:
        half >>= 1
        cinfo -= 1
        if not (cinfo > 0 and size <= half):
            break
    cmf = (stream[0] & 0x0F) | (cinfo << 4)
    flg = stream[1] & 0xE0
    flg += 0x1F - ((cmf << 8) + flg) % 0x1F
    stream[0], stream[1] = cmf, flg
