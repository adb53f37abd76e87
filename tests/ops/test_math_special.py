"""The special functions' numerics (``ops/math/special_fns.py``) against SciPy over wide ranges,
their edge values, and the lazily loaded ``tf.math`` names."""

import subprocess
import sys

import numpy as np
import pytest
import scipy.special as sp

from scopeflow._src.ops.math import special_fns as f

_X = np.concatenate([np.linspace(-30, 30, 241), [1e-300, 1e-8, 0.5, 700.0]])
_POS = np.concatenate([np.geomspace(1e-6, 1e3, 200), [0.5, 1.0, 2.0]])


@pytest.mark.parametrize("name, ours, theirs, xs", [
    ("erf", f.erf, sp.erf, _X), ("erfc", f.erfc, sp.erfc, _X), ("lgamma", f.lgamma, sp.gammaln, _POS),
    ("digamma", f.digamma, sp.digamma, np.concatenate([_POS, -_POS[::7] - 0.25])),
    ("bessel_i0e", f.bessel_i0e, sp.i0e, _X), ("bessel_i1e", f.bessel_i1e, sp.i1e, _X),
    ("bessel_i0", f.bessel_i0, sp.i0, _X[:-1]), ("bessel_i1", f.bessel_i1, sp.i1, _X[:-1]),
    ("ndtri", f.ndtri, sp.ndtri, np.geomspace(1e-300, 0.999999, 300)),
    ("erfinv", f.erfinv, sp.erfinv, np.linspace(-0.999999, 0.999999, 301))])
def test_unary_against_scipy(name, ours, theirs, xs):
    np.testing.assert_allclose(ours(xs), theirs(xs), rtol=1e-11, atol=1e-300)


def test_binary_and_ternary_against_scipy():
    a, x = np.meshgrid(np.geomspace(0.05, 60, 25), np.geomspace(0.01, 90, 25))
    np.testing.assert_allclose(f.igamma(a, x), sp.gammainc(a, x), rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(f.igammac(a, x), sp.gammaincc(a, x), rtol=1e-9, atol=1e-14)
    np.testing.assert_allclose(f.zeta(a + 1.01, x), sp.zeta(a + 1.01, x), rtol=1e-12)
    np.testing.assert_allclose(f.polygamma(np.floor(a[:, :6]), x[:, :6]), sp.polygamma(np.floor(a[:, :6]), x[:, :6]),
                               rtol=1e-10)
    t = np.linspace(0.01, 0.99, 25)
    np.testing.assert_allclose(f.betainc(a[:, :8], x[:, :8] + 0.1, t[:, None]),
                               sp.betainc(a[:, :8], x[:, :8] + 0.1, t[:, None]), rtol=1e-10, atol=1e-14)


def test_edge_values_are_tensorflows():
    assert f.lgamma(np.array([0.0, -2.0, np.inf])).tolist() == [np.inf, np.inf, np.inf]
    assert np.isnan(f.digamma(np.array([0.0, -3.0]))).all()
    assert f.ndtri(np.array([0.0, 1.0])).tolist() == [-np.inf, np.inf]
    assert np.isnan(f.ndtri(np.array([-0.1, 1.1]))).all()
    assert f.erfinv(np.array([-1.0, 1.0])).tolist() == [-np.inf, np.inf]
    assert f.zeta(np.array(1.0), np.array(2.0)) == np.inf and np.isnan(f.zeta(np.array(0.5), np.array(2.0)))
    assert np.isnan(f.polygamma(np.array(1.5), np.array(2.0)))
    assert f.igamma(np.array(2.0), np.array([0.0, np.inf])).tolist() == [0.0, 1.0]


def test_the_new_math_names_load_on_first_use():
    probe = ("import sys, scopeflow as tf; import scopeflow.math; "
             "print('scopeflow._src.ops.math.api' in sys.modules, tf.math.erf.__name__, tf.lgamma.__name__, "
             "'scopeflow._src.ops.math.api' in sys.modules, 'erf' in dir(tf), 'erf' in tf.math.__all__)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "erf", "lgamma", "True", "True", "True"]
