"""The array assertions of ``tf.test.TestCase`` (``assertAllClose``, ``assertAllEqual``,
``assertAllInRange``...), as a mixin over ``unittest.TestCase``: TF's checks and failure texts.

Each takes NumPy values, Python values or tensors; tensors are evaluated with the test's
``evaluate`` (the default session, or a new cached one).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

import numpy as np

from scopeflow._src.framework import devices
from scopeflow._src.framework.errors import InvalidArgumentError, OpError
from scopeflow._src.framework.operation import Tensor


def _where(cond):
    return np.where(cond) if np.ndim(cond) else ()


class ArrayAssertions:
    """The array and tensor assertions; the class using it provides ``evaluate``."""

    def _GetNdArray(self, a):  # noqa: N802 - TF's name, which subclasses' tests call
        if isinstance(a, Tensor):
            a = self.evaluate(a)
        if isinstance(a, np.ndarray):
            return a
        try:
            return np.array(a)
        except ValueError as e:  # ragged sequences: NumPy needs dtype=object now
            if "inhomogeneous shape" in str(e):
                return np.array(a, dtype=object)
            raise

    def _both_evaluated(self, a, b):
        if isinstance(a, Tensor) and isinstance(b, Tensor):
            return self.evaluate((a, b))
        return a, b

    # -- closeness ----------------------------------------------------------------------------
    def _assert_arrays_close(self, a, b, rtol, atol, msg):
        a, b = self._both_evaluated(a, b)
        a, b = self._GetNdArray(a), self._GetNdArray(b)
        contents = f" with contents {b}" if b.ndim <= 3 or b.size < 500 else ""
        self.assertEqual(a.shape, b.shape, f"Shape mismatch: expected {a.shape}, got {b.shape}{contents}.")
        if np.allclose(a, b, rtol=rtol, atol=atol):
            return
        bad = np.logical_or(np.abs(a - b) > atol + rtol * np.abs(b), np.isnan(a) != np.isnan(b))
        lines = [msg]
        x, y = (a[_where(bad)], b[_where(bad)]) if a.ndim else (a, b)
        if a.ndim:
            lines.append(f"not close where = {_where(bad)}")
        lines += [f"not close lhs = {x}", f"not close rhs = {y}", f"not close dif = {np.abs(x - y)}",
                  f"not close tol = {atol + rtol * np.abs(y)}", f"dtype = {a.dtype}, shape = {a.shape}"]
        np.testing.assert_allclose(a, b, rtol=rtol, atol=atol, err_msg="\n".join(lines), equal_nan=True)

    def _assert_close_nested(self, a, b, rtol, atol, path, msg):
        where = "".join(f"[{p}]" for p in path)
        mismatch = f"Mismatched value: a{where} is different from b{where}. {msg}"
        a = a._asdict() if hasattr(a, "_asdict") else a
        b = b._asdict() if hasattr(b, "_asdict") else b
        if isinstance(a, Mapping) != isinstance(b, Mapping):
            raise ValueError(f"Can't compare dict to non-dict, a{where} vs b{where}. {msg}")
        if isinstance(a, Mapping):
            self.assertCountEqual(a.keys(), b.keys(), msg=f"mismatched keys: a{where} has keys {a.keys()}, but "
                                                          f"b{where} has keys {b.keys()}. {msg}")
            for key in a:
                self._assert_close_nested(a[key], b[key], rtol, atol, [*path, key], msg)
        elif isinstance(a, (list, tuple)):
            try:
                self._assert_arrays_close(a, b, rtol, atol, mismatch)
            except (ValueError, TypeError):  # not one array: compare item by item
                if len(a) != len(b):
                    raise ValueError(f"Mismatched length: a{where} has {len(a)} items, but b{where} has {len(b)} "
                                     f"items. {msg}") from None
                for i, (x, y) in enumerate(zip(a, b)):
                    self._assert_close_nested(x, y, rtol, atol, [*path, str(i)], msg)
        else:
            try:
                self._assert_arrays_close(a, b, rtol, atol, mismatch)
            except TypeError as e:
                e.args = (f"{e.args[0]} : Error: a{where} has {type(a)}, but b{where} has {type(b)}. {msg}",
                          *e.args[1:])
                raise

    def assertAllClose(self, a, b, rtol=1e-6, atol=1e-6, msg=None):  # noqa: N802
        """``a`` and ``b`` (arrays, tensors, or nests of dicts/lists/tuples of them) are close:
        ``|a - b| <= atol + rtol * |b|`` everywhere, NaN where the other is NaN."""
        self._assert_close_nested(a, b, rtol, atol, [], msg or "")

    def assertAllCloseAccordingToType(self, a, b, rtol=1e-6, atol=1e-6, float_rtol=1e-6,  # noqa: N802
                                      float_atol=1e-6, half_rtol=1e-3, half_atol=1e-3, bfloat16_rtol=1e-2,
                                      bfloat16_atol=1e-2, msg=None):
        """``assertAllClose`` with the looser tolerances of float32/complex64 and float16 values."""
        a, b = self._both_evaluated(a, b)
        a, b = self._GetNdArray(a), self._GetNdArray(b)
        kinds = {a.dtype, b.dtype}
        if kinds & {np.dtype(np.float32), np.dtype(np.complex64)}:
            rtol, atol = max(rtol, float_rtol), max(atol, float_atol)
        if np.dtype(np.float16) in kinds:
            rtol, atol = max(rtol, half_rtol), max(atol, half_atol)
        self.assertAllClose(a, b, rtol=rtol, atol=atol, msg=msg)

    def assertNotAllClose(self, a, b, rtol=1e-6, atol=1e-6, msg=None):  # noqa: N802
        """``a`` and ``b`` differ somewhere by more than the tolerance."""
        try:
            self.assertAllClose(a, b, rtol=rtol, atol=atol, msg=msg)
        except AssertionError:
            return
        raise AssertionError(f"The two values are close at all elements. {msg or ''}")

    # -- equality -----------------------------------------------------------------------------
    def assertAllEqual(self, a, b, msg=None):  # noqa: N802
        """``a`` and ``b`` have the same shape and values (NaN equals NaN for floats)."""
        msg = msg or ""
        a, b = self._both_evaluated(a, b)
        a, b = self._GetNdArray(a), self._GetNdArray(b)
        contents = f" Contents: {b!r}. \n{msg}." if b.ndim <= 3 or b.size < 500 else f" {msg}"
        self.assertEqual(a.shape, b.shape, f"Shape mismatch: expected {a.shape}, got {b.shape}.{contents}")
        same = a == b
        if a.dtype.kind in "fc":
            same = np.logical_or(same, np.logical_and(np.isnan(a), np.isnan(b)))
        if np.all(same):
            return
        diff = np.logical_not(same)
        lines = [msg]
        x, y = (a[_where(diff)], b[_where(diff)]) if a.ndim else (a, b)
        if a.ndim:
            lines.append(f"not equal where = {_where(diff)}")
        lines += [f"not equal lhs = {x!r}", f"not equal rhs = {y!r}"]
        if a.dtype.kind != b.dtype.kind and {a.dtype.kind, b.dtype.kind} <= {"U", "S", "O"}:
            a, b = (np.array([v.encode("utf-8") if isinstance(v, str) else v for v in arr.flat]) for arr in (a, b))
        np.testing.assert_array_equal(a, b, err_msg="\n".join(lines))

    def assertNotAllEqual(self, a, b, msg=None):  # noqa: N802
        """``a`` and ``b`` differ somewhere."""
        try:
            self.assertAllEqual(a, b)
        except AssertionError:
            return
        raise AssertionError(f"The two values are equal at all elements. {msg or ''}")

    def assertAllGreater(self, a, comparison_target):  # noqa: N802
        a, comparison_target = self._both_evaluated(a, comparison_target)
        self.assertGreater(np.min(self._GetNdArray(a)), comparison_target)

    def assertAllLess(self, a, comparison_target):  # noqa: N802
        a, comparison_target = self._both_evaluated(a, comparison_target)
        self.assertLess(np.max(self._GetNdArray(a)), comparison_target)

    def assertAllGreaterEqual(self, a, comparison_target):  # noqa: N802
        a, comparison_target = self._both_evaluated(a, comparison_target)
        self.assertGreaterEqual(np.min(self._GetNdArray(a)), comparison_target)

    def assertAllLessEqual(self, a, comparison_target):  # noqa: N802
        a, comparison_target = self._both_evaluated(a, comparison_target)
        self.assertLessEqual(np.max(self._GetNdArray(a)), comparison_target)

    # -- ranges, sets, dtypes, shapes -----------------------------------------------------------
    @staticmethod
    def _subscripts(found, value, limit=10):
        if np.ndim(value) == 0:
            return [f"  [0] : {value}"]
        rows = np.transpose(found)
        lines = [f"  {row} : {value[tuple(row)]}" for row in rows[:limit]]
        return lines + (["  ..."] if len(rows) > limit else [])

    def assertAllInRange(self, target, lower_bound, upper_bound, open_lower_bound=False,  # noqa: N802
                         open_upper_bound=False):
        """Every element of ``target`` is in ``[lower_bound, upper_bound]`` (or the open bounds);
        no NaN."""
        target = self._GetNdArray(target)
        if not (np.issubdtype(target.dtype, np.floating) or np.issubdtype(target.dtype, np.integer)):
            raise AssertionError(f"The value of {target} does not have an ordered numeric type, instead it has "
                                 f"type: {target.dtype}")
        nans = _where(np.isnan(target)) if target.ndim else ((),) * int(np.isnan(target))
        if np.size(nans) or (target.ndim == 0 and np.isnan(target)):
            count = len(nans[0]) if target.ndim else 1
            raise AssertionError(f"{count} of the {np.size(target)} element(s) are NaN. Subscripts(s) and value(s) "
                                 f"of the NaN element(s):\n" + "\n".join(self._subscripts(nans, target)))
        bounds = f"{'(' if open_lower_bound else '['}{lower_bound}, {upper_bound}{')' if open_upper_bound else ']'}"
        low = np.less_equal(target, lower_bound) if open_lower_bound else np.less(target, lower_bound)
        high = np.greater_equal(target, upper_bound) if open_upper_bound else np.greater(target, upper_bound)
        outside = np.logical_or(low, high)
        if np.any(outside):
            found = _where(outside)
            count = len(found[0]) if target.ndim else 1
            raise AssertionError(f"{count} of the {np.size(target)} element(s) are outside the range {bounds}. "
                                 "Subscript(s) and value(s) of the offending elements:\n"
                                 + "\n".join(self._subscripts(found, target)))

    def assertAllInSet(self, target, expected_set):  # noqa: N802
        """Every element of ``target`` is in ``expected_set``."""
        target = self._GetNdArray(target)
        diff = np.setdiff1d(target.flatten(), list(expected_set))
        if np.size(diff):
            raise AssertionError(f"{np.size(diff)} unique element(s) are not in the set {expected_set}: {diff}")

    def assertDTypeEqual(self, target, expected_dtype):  # noqa: N802
        """``target``'s NumPy dtype is ``expected_dtype``."""
        self.assertEqual(self._GetNdArray(target).dtype, expected_dtype)

    def assertShapeEqual(self, input_a, input_b, msg=None):  # noqa: N802
        """Two arrays or tensors have the same shape (a tensor's static shape)."""
        for which, value in (("input_a", input_a), ("input_b", input_b)):
            if not isinstance(value, (np.ndarray, np.generic, Tensor)):
                raise TypeError(f"{which} must be a Numpy ndarray, Numpy scalar, or a Tensor.Instead received "
                                f"{type(value)}")
        shape_a = input_a.get_shape().as_list() if isinstance(input_a, Tensor) else input_a.shape
        shape_b = input_b.get_shape().as_list() if isinstance(input_b, Tensor) else input_b.shape
        self.assertAllEqual(shape_a, shape_b, msg=msg)

    def assertDeviceEqual(self, device1, device2, msg=None):  # noqa: N802
        """Two device names or ``DeviceSpec``\\ s name the same device."""
        device1, device2 = (devices.canonical(d if isinstance(d, str) else d.to_string()) for d in (device1, device2))
        self.assertEqual(device1, device2, f"Devices {device1} and {device2} are not equal. {msg}")

    # -- nearness -------------------------------------------------------------------------------
    def assertNear(self, f1, f2, err, msg=None):  # noqa: N802
        """``|f1 - f2| <= err`` for two floats."""
        f1, f2 = np.squeeze(f1), np.squeeze(f2)
        if f1 != f2:  # inf == inf
            diff = math.fabs(f1 - f2)
            self.assertTrue(diff <= err, "%f != %f +/- %f (difference: %g)%s"
                            % (f1, f2, err, diff, f" ({msg})" if msg is not None else ""))

    def assertArrayNear(self, farray1, farray2, err, msg=None):  # noqa: N802
        """``assertNear`` elementwise over two float lists of the same length."""
        self.assertEqual(len(farray1), len(farray2), msg=msg)
        for f1, f2 in zip(farray1, farray2):
            self.assertNear(float(f1), float(f2), err, msg=msg)

    def assertNDArrayNear(self, ndarray1, ndarray2, err, msg=None):  # noqa: N802
        """The L2 norm of ``ndarray1 - ndarray2`` is below ``err``."""
        self.assertTrue(np.linalg.norm(ndarray1 - ndarray2) < err, msg=msg)

    # -- errors -----------------------------------------------------------------------------------
    def assertRaisesWithPredicateMatch(self, exception_type, expected_err_re_or_predicate):  # noqa: N802
        """A context manager: its body raises ``exception_type`` whose message matches the
        regular expression (searched; an ``OpError`` adds its op's name), or for which the
        predicate is true."""
        return _RaisesMatching(self, exception_type, expected_err_re_or_predicate)

    def assertRaisesOpError(self, expected_err_re_or_predicate):  # noqa: N802
        """``assertRaisesWithPredicateMatch(tf.errors.OpError, ...)``."""
        return self.assertRaisesWithPredicateMatch(OpError, expected_err_re_or_predicate)

    def assertRaisesIncompatibleShapesError(self, exception_type=InvalidArgumentError):  # noqa: N802
        """The body raises an incompatible-shapes error (``InvalidArgumentError`` by default)."""
        return self.assertRaisesWithPredicateMatch(
            exception_type, r"Incompatible shapes|Dimensions must be equal|required broadcastable shapes")

    def assertStartsWith(self, actual, expected_start, msg=None):  # noqa: N802
        """``actual`` starts with ``expected_start``."""
        if not actual.startswith(expected_start):
            fail_msg = f"{actual!r} does not start with {expected_start!r}"
            self.fail(fail_msg + (f" : {msg!r}" if msg else ""))


def _error_text(e) -> str:
    if not isinstance(e, OpError):
        return str(e)
    text, op = e.message, e.op
    while op is not None:
        text += f"\nCaused by: {op.name}"
        op = getattr(op, "_original_op", None)
    return text


class _RaisesMatching:
    """TF's ``assertRaisesWithPredicateMatch`` context: an exception of another type, or one the
    predicate refuses, becomes an ``AssertionError`` naming it; none raised fails the test."""

    def __init__(self, test, exception_type, expected):
        self._test, self._type = test, exception_type
        self._predicate = expected if callable(expected) else (lambda e: re.search(expected, _error_text(e)))

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:  # TF's fail() lands in its own except clause: the message is wrapped so
            raise AssertionError(f"Exception of type {AssertionError}: {self._type.__name__} not raised")
        if not issubclass(exc_type, Exception):
            return False
        if not isinstance(exc, self._type) or not self._predicate(exc):
            raise AssertionError(f"Exception of type {exc_type}: {exc}") from exc
        return True
