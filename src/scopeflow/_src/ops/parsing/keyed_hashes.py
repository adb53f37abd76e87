"""The other string hashes of TensorFlow's bucket ops, bit for bit: SipHash-2-4 under a
128-bit key (``StringToHashBucketStrong``) and TF's ``Hash64``, MurmurHash64A with TF's seed
(``StringToHashBucket``, the oldest bucket op). Python integers, reduced to 64 bits."""

from __future__ import annotations

_M = (1 << 64) - 1
_MURMUR_MUL = 0xC6A4A7935BD1E995
_TF_SEED = 0xDECAFCAFFE


def _rotl(v: int, r: int) -> int:
    return ((v << r) | (v >> (64 - r))) & _M


def _sip_round(v0, v1, v2, v3):
    v0 = (v0 + v1) & _M
    v1 = _rotl(v1, 13) ^ v0
    v0 = _rotl(v0, 32)
    v2 = (v2 + v3) & _M
    v3 = _rotl(v3, 16) ^ v2
    v0 = (v0 + v3) & _M
    v3 = _rotl(v3, 21) ^ v0
    v2 = (v2 + v1) & _M
    v1 = _rotl(v1, 17) ^ v2
    v2 = _rotl(v2, 32)
    return v0, v1, v2, v3


def siphash24(k0: int, k1: int, data: bytes) -> int:
    """SipHash-2-4 of ``data`` under the key ``(k0, k1)``.

    >>> hex(siphash24(0x0706050403020100, 0x0F0E0D0C0B0A0908, b""))
    '0x726fdb47dd0e0e31'
    """
    v = [k0 ^ 0x736F6D6570736575, k1 ^ 0x646F72616E646F6D, k0 ^ 0x6C7967656E657261, k1 ^ 0x7465646279746573]
    n = len(data)
    tail = data[n - n % 8:] + bytes(7 - n % 8) + bytes([n & 0xFF])
    words = [int.from_bytes(data[i:i + 8], "little") for i in range(0, n - n % 8, 8)]
    for m in words + [int.from_bytes(tail, "little")]:
        v[3] ^= m
        v = list(_sip_round(*_sip_round(*v)))
        v[0] ^= m
    v[2] ^= 0xFF
    for _ in range(4):
        v = list(_sip_round(*v))
    return v[0] ^ v[1] ^ v[2] ^ v[3]


def hash64(data: bytes, seed: int = _TF_SEED) -> int:
    """TensorFlow's ``Hash64`` (MurmurHash64A, seeded with ``0xDECAFCAFFE``).

    >>> hash64(b"") == hash64(b"", 0xDECAFCAFFE)
    True
    """
    n = len(data)
    h = (seed ^ (n * _MURMUR_MUL)) & _M
    end = n - n % 8
    for i in range(0, end, 8):
        k = (int.from_bytes(data[i:i + 8], "little") * _MURMUR_MUL) & _M
        k = ((k ^ (k >> 47)) * _MURMUR_MUL) & _M
        h = ((h ^ k) * _MURMUR_MUL) & _M
    if n % 8:
        h = ((h ^ int.from_bytes(data[end:], "little")) * _MURMUR_MUL) & _M
    h = ((h ^ (h >> 47)) * _MURMUR_MUL) & _M
    return h ^ (h >> 47)
