"""farmhash's ``Fingerprint64``, the hash of ``StringToHashBucketFast`` and of the out-of-vocabulary
buckets of lookup tables: TensorFlow's values must come out bit for bit, so this follows the
published algorithm (farmhash-na ``Hash64``, CityHash's 64-bit layout) on Python integers, each
step reduced to 64 bits.
"""

from __future__ import annotations

_M = (1 << 64) - 1
_K0 = 0xC3A5C85C97CB3127
_K1 = 0xB492B66FBE98F273
_K2 = 0x9AE16A3B2F90404F


def _f64(s: bytes, i: int) -> int:
    return int.from_bytes(s[i:i + 8], "little")


def _f32(s: bytes, i: int) -> int:
    return int.from_bytes(s[i:i + 4], "little")


def _rot(v: int, r: int) -> int:
    return ((v >> r) | (v << (64 - r))) & _M if r else v


def _shift_mix(v: int) -> int:
    return v ^ (v >> 47)


def _len16(u: int, v: int, mul: int) -> int:
    a = ((u ^ v) * mul) & _M
    a ^= a >> 47
    b = ((v ^ a) * mul) & _M
    b ^= b >> 47
    return (b * mul) & _M


def _len0to16(s: bytes, n: int) -> int:
    if n >= 8:
        mul = _K2 + n * 2
        a = (_f64(s, 0) + _K2) & _M
        b = _f64(s, n - 8)
        c = (_rot(b, 37) * mul + a) & _M
        d = ((_rot(a, 25) + b) * mul) & _M
        return _len16(c, d, mul)
    if n >= 4:
        return _len16(n + (_f32(s, 0) << 3), _f32(s, n - 4), _K2 + n * 2)
    if n > 0:
        y = (s[0] + (s[n >> 1] << 8)) & 0xFFFFFFFF
        z = (n + (s[n - 1] << 2)) & 0xFFFFFFFF
        return (_shift_mix(((y * _K2) ^ (z * _K0)) & _M) * _K2) & _M
    return _K2


def _ends(s: bytes, n: int, k: int) -> tuple:
    """The multiplier and the four words of the first and last 16 bytes, mixed (``k`` scales the first)."""
    mul = _K2 + n * 2
    return mul, (_f64(s, 0) * k) & _M, _f64(s, 8), (_f64(s, n - 8) * mul) & _M, (_f64(s, n - 16) * _K2) & _M


def _len17to32(s: bytes, n: int) -> int:
    mul, a, b, c, d = _ends(s, n, _K1)
    return _len16((_rot((a + b) & _M, 43) + _rot(c, 30) + d) & _M, (a + _rot((b + _K2) & _M, 18) + c) & _M, mul)


def _len33to64(s: bytes, n: int) -> int:
    mul, a, b, c, d = _ends(s, n, _K2)
    y = (_rot((a + b) & _M, 43) + _rot(c, 30) + d) & _M
    z = _len16(y, (a + _rot((b + _K2) & _M, 18) + c) & _M, mul)
    e = (_f64(s, 16) * mul) & _M
    f = _f64(s, 24)
    g = ((y + _f64(s, n - 32)) * mul) & _M
    h = ((z + _f64(s, n - 24)) * mul) & _M
    return _len16((_rot((e + f) & _M, 43) + _rot(g, 30) + h) & _M, (e + _rot((f + a) & _M, 18) + g) & _M, mul)


def _weak32(s: bytes, i: int, a: int, b: int) -> tuple[int, int]:
    w, x, y, z = _f64(s, i), _f64(s, i + 8), _f64(s, i + 16), _f64(s, i + 24)
    a = (a + w) & _M
    b = _rot((b + a + z) & _M, 21)
    c = a
    a = (a + x + y) & _M
    b = (b + _rot(a, 44)) & _M
    return (a + z) & _M, (b + c) & _M


def _round(s, i, x, y, z, v, w, mul, nine):
    x = (_rot((x + y + v[0] + _f64(s, i + 8)) & _M, 37) * mul) & _M
    y = (_rot((y + v[1] + _f64(s, i + 48)) & _M, 42) * mul) & _M
    x ^= (w[1] * nine) & _M
    y = (y + v[0] * nine + _f64(s, i + 40)) & _M
    z = (_rot((z + w[0]) & _M, 33) * mul) & _M
    v = _weak32(s, i, (v[1] * mul) & _M, (x + w[0]) & _M)
    w = _weak32(s, i + 32, (z + w[1]) & _M, (y + _f64(s, i + 16)) & _M)
    return z, y, x, v, w  # x and z swap


def fingerprint64(s: bytes) -> int:
    """farmhash ``Fingerprint64`` of ``s`` (an unsigned 64-bit integer).

    >>> hex(fingerprint64(b""))
    '0x9ae16a3b2f90404f'
    """
    n = len(s)
    if n <= 16:
        return _len0to16(s, n)
    if n <= 32:
        return _len17to32(s, n)
    if n <= 64:
        return _len33to64(s, n)
    seed = 81
    y = (seed * _K1 + 113) & _M
    z = (_shift_mix((y * _K2 + 113) & _M) * _K2) & _M
    v = w = (0, 0)
    x = (seed * _K2 + _f64(s, 0)) & _M
    end = ((n - 1) // 64) * 64
    for i in range(0, end, 64):
        x, y, z, v, w = _round(s, i, x, y, z, v, w, _K1, 1)
    mul = _K1 + ((z & 0xFF) << 1)
    last = end + ((n - 1) & 63) - 63
    w0 = (w[0] + ((n - 1) & 63)) & _M
    v0 = (v[0] + w0) & _M
    w = ((w0 + v0) & _M, w[1])
    x, y, z, v, w = _round(s, last, x, y, z, (v0, v[1]), w, mul, 9)
    return _len16((_len16(v[0], w[0], mul) + _shift_mix(y) * _K0 + z) & _M, (_len16(v[1], w[1], mul) + x) & _M, mul)
