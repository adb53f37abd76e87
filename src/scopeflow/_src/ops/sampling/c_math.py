"""The C library's float functions that TensorFlow's candidate samplers call (``log1pf``,
``expm1f``, ``powf``), bit for bit: NumPy's float32 functions round differently in the last place.

Each is called through ``ctypes``, one element at a time. ``expm1f`` runs on every sampler call
with a rejected draw, so it also has a vectorised form: fdlibm's algorithm (glibc's
``s_expm1f.c``) in float32 NumPy, for the arguments samplers give it (``x <= 0``). It is used
only when it agrees with the C library on a spread of arguments, checked once on first use;
otherwise (another C library) every call goes through ``ctypes``.
"""

from __future__ import annotations

import ctypes
import ctypes.util

import numpy as np

_F32 = np.float32


def _load():
    path = ctypes.util.find_library("m") or ctypes.util.find_library("c")
    if path is None:
        return None
    lib = ctypes.CDLL(path)
    functions = {}
    for name, arity in (("log1pf", 1), ("expm1f", 1), ("powf", 2)):
        fn = getattr(lib, name, None)
        if fn is None:
            return None
        fn.restype, fn.argtypes = ctypes.c_float, [ctypes.c_float] * arity
        functions[name] = fn
    return functions


FUNCTIONS = _load()  # name -> C function, or None without a C math library


def each(fn, values):
    """``fn`` (a C function of one float) of each float32 of ``values``."""
    values = np.asarray(values, dtype=_F32)
    return np.fromiter(map(fn, values.ravel().tolist()), _F32, values.size).reshape(values.shape)


_LN2_HI, _LN2_LO, _INVLN2 = _F32(6.9313812256e-01), _F32(9.0580006145e-06), _F32(1.4426950216e+00)
_Q = tuple(_F32(q) for q in (-3.3333335072e-02, 1.5873016091e-03, -7.9365076090e-05, 4.0082177293e-06,
                             -2.0109921195e-07))


def _fdlibm_expm1f_nonpositive(x):
    """fdlibm's ``expm1f`` of float32 ``x <= 0``, step for step in float32 (every branch computed
    on the whole array, then selected: cheaper than masking for a few hundred values)."""
    with np.errstate(all="ignore"):  # the branches not taken overflow or meet infinities
        return _branches(x)


def _branches(x):
    magnitude = x.view(np.uint32) & np.uint32(0x7FFFFFFF)
    reduced = magnitude > 0x3EB17218  # |x| > ln2 / 2
    near = reduced & (magnitude < 0x3F851592)  # and |x| < 1.5 ln2: k = -1
    far = reduced & ~near
    k = np.where(near, -1, np.where(far, (_INVLN2 * x + _F32(-0.5)).astype(np.int32), 0))  # C truncates
    t = k.astype(_F32)
    hi = np.where(near, x + _LN2_HI, np.where(far, x - t * _LN2_HI, x))
    lo = np.where(near, -_LN2_LO, np.where(far, t * _LN2_LO, _F32(0)))
    r = np.where(reduced, hi - lo, x)
    c = np.where(reduced, (hi - r) - lo, _F32(0))
    hfx = _F32(0.5) * r
    hxs = r * hfx
    r1 = _F32(1) + hxs * (_Q[0] + hxs * (_Q[1] + hxs * (_Q[2] + hxs * (_Q[3] + hxs * _Q[4]))))
    t = _F32(3) - r1 * hfx
    e = hxs * ((r1 - t) / (_F32(6) - r * t))
    plain = r - (r * e - hxs)  # k == 0
    e = (r * (e - c) - c) - hxs
    one_down = _F32(0.5) * (r - e) - _F32(0.5)  # k == -1
    y = _F32(1) - (e - r)
    scaled = (y.view(np.int32) + (k << 23)).view(_F32) - _F32(1)  # y * 2**k - 1, for k <= -2
    return np.select([magnitude >= 0x4195B844, magnitude < 0x33000000, k == 0, k == -1],  # |x| >= 27 ln2: -1;
                     [_F32(-1), x, plain, one_down], scaled).astype(_F32)  # |x| < 2**-25: x


def _fdlibm_matches():
    """Whether the vectorised ``expm1f`` gives the C library's bits on a spread of arguments."""
    if FUNCTIONS is None:
        return False
    x = -np.concatenate([np.geomspace(1e-9, 150.0, 2000), [0.0, 0.34657, 0.34658, 1.03972, 1.03973, 18.714973,
                                                           18.714975, 88.7, np.inf]]).astype(_F32)
    return np.array_equal(_fdlibm_expm1f_nonpositive(x).view(np.uint32), each(FUNCTIONS["expm1f"], x).view(np.uint32))


_VECTORISED = _fdlibm_matches()


def expm1f(x):
    """The C library's ``expm1f`` of each float32 of ``x``."""
    x = np.asarray(x, dtype=_F32)
    if _VECTORISED and not (x > 0).any():
        return _fdlibm_expm1f_nonpositive(x)
    return each(FUNCTIONS["expm1f"], x)
