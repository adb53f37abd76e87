"""The C library's float functions that TensorFlow's candidate samplers call (``log1pf``,
``expm1f``, ``powf``), bit for bit: NumPy's float32 functions round differently in the last place.

Each is called through ``ctypes``, one element at a time. ``expm1f`` runs on every sampler call
with a rejected draw, so it also has a vectorised form for ``|x| <= ln2 / 2``, where fdlibm's
algorithm (glibc's ``s_expm1f.c``) needs no argument reduction: a few float32 NumPy passes. The
larger arguments (the most frequent classes) still go through ``ctypes``. The vectorised form is
used only when it agrees with the C library on a spread of arguments, checked once on first use;
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


_Q = tuple(_F32(q) for q in (-3.3333335072e-02, 1.5873016091e-03, -7.9365076090e-05, 4.0082177293e-06,
                             -2.0109921195e-07))
_HALF_LN2 = 0x3EB17218  # the bits of ln2 / 2: above it, fdlibm reduces the argument
_TINY = 0x33000000  # the bits of 2**-25: below it, expm1f(x) is x


def _fdlibm_expm1f_unreduced(x):
    """fdlibm's ``expm1f`` of float32 ``x`` with ``|x| <= ln2 / 2`` (where it needs no argument
    reduction), step for step in float32."""
    hfx = _F32(0.5) * x
    hxs = x * hfx
    r1 = _F32(1) + hxs * (_Q[0] + hxs * (_Q[1] + hxs * (_Q[2] + hxs * (_Q[3] + hxs * _Q[4]))))
    t = _F32(3) - r1 * hfx
    e = hxs * ((r1 - t) / (_F32(6) - x * t))
    return x - (x * e - hxs)


def _fdlibm_matches():
    """Whether the vectorised ``expm1f`` gives the C library's bits on a spread of arguments."""
    if FUNCTIONS is None:
        return False
    x = np.geomspace(2.0**-25, 0.3465735, 2000).astype(_F32)
    x = np.concatenate([x, -x])
    return np.array_equal(_fdlibm_expm1f_unreduced(x).view(np.uint32), each(FUNCTIONS["expm1f"], x).view(np.uint32))


_VECTORISED = _fdlibm_matches()


def expm1f(x):
    """The C library's ``expm1f`` of each float32 of ``x``."""
    x = np.asarray(x, dtype=_F32)
    if not _VECTORISED:
        return each(FUNCTIONS["expm1f"], x)
    magnitude = x.view(np.uint32) & np.uint32(0x7FFFFFFF)
    with np.errstate(all="ignore"):  # infinities and NaNs: their values come from the C library below
        out = _fdlibm_expm1f_unreduced(x)
    np.copyto(out, x, where=magnitude < _TINY)
    reduced = magnitude > _HALF_LN2  # also infinities and NaNs
    if reduced.any():
        out[reduced] = each(FUNCTIONS["expm1f"], x[reduced])
    return out
