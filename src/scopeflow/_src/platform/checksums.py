"""CRC-32C (Castagnoli), stored *masked* as TensorFlow and LevelDB store it.

Checkpoint files (the ``.index`` table's blocks, every tensor) and TFRecord files (event
files) carry these checksums. They are computed by the C-accelerated ``google-crc32c``
package, loaded by the first checksum rather than by ``import scopeflow``.
"""

from __future__ import annotations

import numpy as np

_MASK_DELTA = 0xA282EAD8
_CHUNK = 1 << 20


def crc32c(data, crc: int = 0) -> int:
    """CRC-32C of ``data`` (bytes, a contiguous array or any buffer), continuing from ``crc``.

    NumPy arrays are checksummed in place (``google-crc32c`` reads their buffer directly);
    other buffers are copied to ``bytes`` in cache-sized pieces first.

    >>> hex(crc32c(b"123456789")), hex(crc32c(b"6789", crc32c(b"12345")))
    ('0xe3069283', '0xe3069283')
    """
    import google_crc32c  # loaded by the first checksum, not by ``import scopeflow``

    if isinstance(data, bytes):
        return google_crc32c.extend(crc, data)
    array = data if isinstance(data, np.ndarray) else np.frombuffer(data, np.uint8)
    flat = np.ascontiguousarray(array).reshape(-1).view(np.uint8)
    try:
        return google_crc32c.extend(crc, flat)
    except TypeError:  # a google-crc32c that accepts only bytes
        for start in range(0, len(flat), _CHUNK):
            crc = google_crc32c.extend(crc, flat[start:start + _CHUNK].tobytes())
        return crc


def crc32c_of_bytes():
    """The C function computing the CRC-32C of a ``bytes`` object (the record readers' hot loop
    calls it directly, without ``crc32c``'s checks).

    >>> hex(crc32c_of_bytes()(b"123456789"))
    '0xe3069283'
    """
    import google_crc32c  # loaded by the first checksum, not by ``import scopeflow``

    return google_crc32c.value


def mask(crc: int) -> int:
    """TensorFlow's masked form of a stored CRC (``crc32c::Mask``).

    >>> hex(mask(0xF7006846))
    '0x7310d8d8'
    """
    return (((crc >> 15) | (crc << 17)) + _MASK_DELTA) & 0xFFFFFFFF


def mask_all(crcs: np.ndarray) -> np.ndarray:
    """``mask`` of each CRC of a ``uint64`` array.

    >>> [hex(m) for m in mask_all(np.array([0xF7006846], np.uint64))]
    ['0x7310d8d8']
    """
    return (((crcs >> 15) | (crcs << 17)) + _MASK_DELTA) & 0xFFFFFFFF


def unmask(masked: int) -> int:
    """The CRC that ``mask`` turned into ``masked``.

    >>> hex(unmask(0x7310D8D8))
    '0xf7006846'
    """
    rot = (masked - _MASK_DELTA) & 0xFFFFFFFF
    return ((rot >> 17) | (rot << 15)) & 0xFFFFFFFF
