"""Tests of the conformance harness itself: goldens must never record a ``NameError`` or
``AttributeError`` raised by a case's own code, while the library's own such errors are kept."""

from __future__ import annotations

import json
import types

import pytest

import scopeflow
from tests.conformance import harness, record
from tests.conformance.harness import area_of, error_origin, load_cases, own_code_errors, raises


# Deliberately broken cases. They are never decorated with @case: each test hands them to the
# recorder in a registry of its own, so the global CASES never sees them.
def _typo_case(tf):
    return describe(tf, tf.constant(1.0))  # noqa: F821 - the bug under test


def _unbound_local_case(tf):
    if False:
        x = tf.constant(1.0)
    return x.name  # noqa: F821 - the bug under test


def _attribute_of_own_object_case(tf):
    grads = [None]
    return grads[0].name  # the case forgot that a gradient can be None


def _missing_helper_case(tf):
    return harness.no_such_helper(tf)


def _explicit_raise_case(tf):
    raise AttributeError("the case raised this itself")


def _nested_typo_case(tf):
    return [tf.constant(1.0).name, raises(lambda: undefined_helper(tf))]  # noqa: F821


def _library(name: str, source: str) -> types.ModuleType:
    """A module that counts as library code: named under ``scopeflow``, defined outside tests/."""
    module = types.ModuleType(name)
    exec(compile(source, f"/nonexistent/{name.replace('.', '/')}.py", "exec"), module.__dict__)
    return module


_FAKE_LIB = _library("scopeflow._conformance_fake", (
    "def loss_name(regularizer):\n"
    "    return regularizer(1.0).name\n"
    "class Thing:\n"
    "    pass\n"))


def _library_raises_case(tf):
    # like tf.get_variable(..., regularizer=lambda w: 0.5): the library reads .name of a float
    return _FAKE_LIB.loss_name(lambda w: 0.5)


def _library_missing_attribute_case(tf):
    return tf.no_such_op_anywhere(1.0)


def _library_object_attribute_case(tf):
    return _FAKE_LIB.Thing().no_such_attribute


def _c_function_raises_case(tf):
    class Slotted:
        __slots__ = ()
    return raises(setattr, Slotted(), "x", 1)  # setattr raises; Python names no object


OWN_CODE = {
    "broken.typo": (_typo_case, "NameError"),
    "broken.unbound_local": (_unbound_local_case, "UnboundLocalError"),
    "broken.attribute_of_none": (_attribute_of_own_object_case, "AttributeError"),
    "broken.missing_helper": (_missing_helper_case, "AttributeError"),
    "broken.explicit_raise": (_explicit_raise_case, "AttributeError"),
}
LIBRARY = {
    "fine.library_raises": _library_raises_case,
    "fine.library_missing_attribute": _library_missing_attribute_case,
    "fine.library_object_attribute": _library_object_attribute_case,
}


@pytest.mark.parametrize("key", sorted(OWN_CODE))
def test_raises_marks_own_code_errors(key):
    fn, error = OWN_CODE[key]
    got = raises(fn, scopeflow)
    assert got["error"] == error
    assert got["origin"].startswith("case code at tests/conformance/test_harness.py:")
    assert got["origin"].endswith(f" in {fn.__name__}")
    assert own_code_errors(got)


@pytest.mark.parametrize("key", sorted(LIBRARY))
def test_raises_accepts_library_attribute_errors(key):
    got = raises(LIBRARY[key], scopeflow)
    assert got["error"] == "AttributeError"
    assert got["origin"] == "library"
    assert own_code_errors(got) == []


def test_error_raised_by_a_called_c_function_is_not_the_cases_own():
    got = raises(_c_function_raises_case, scopeflow)
    assert got["ok"]["error"] == "AttributeError" and got["ok"]["origin"] == "library"


def test_other_errors_get_no_origin():
    assert "origin" not in raises(lambda: 1 / 0)
    assert error_origin(ValueError("x")) is None


def test_error_class_marks_own_code_errors():
    got = harness.error_class(_typo_case, scopeflow)
    assert got["error"] == "NameError" and got["origin"].startswith("case code at ")


def test_record_refuses_an_area_with_an_own_code_error(tmp_path, capsys):
    cases = {"broken_area.fine": _library_missing_attribute_case,
             "broken_area.typo": _typo_case,
             "broken_area.nested": _nested_typo_case}
    refusals = record.record(["broken_area"], scopeflow, cases=cases, goldens=tmp_path)
    assert [r.split(":", 1)[0] for r in refusals] == ["broken_area.nested", "broken_area.typo"]
    assert "result.ok[1]: NameError: name 'undefined_helper' is not defined (case code at " in refusals[0]
    assert "result: NameError: name 'describe' is not defined (case code at tests/conformance/" in refusals[1]
    assert list(tmp_path.iterdir()) == []  # nothing written
    err = capsys.readouterr().err
    assert "broken_area: NOT written" in err and "broken_area.typo" in err
    assert not any(k.startswith("broken_area.") for k in harness.CASES)


def test_record_writes_library_attribute_errors(tmp_path):
    cases = {f"fine_area.{k.split('.', 1)[1]}": fn for k, fn in LIBRARY.items()}
    assert record.record([], scopeflow, cases=cases, goldens=tmp_path) == []
    golden = json.loads((tmp_path / "fine_area.json").read_text())
    assert sorted(golden) == ["library_missing_attribute", "library_object_attribute", "library_raises"]
    for got in golden.values():
        assert got["error"] == "AttributeError" and got["origin"] == "library"
        assert own_code_errors(got, "golden") == []


def test_stored_goldens_without_a_library_origin_are_refused():
    old = {"error": "NameError", "message": "name 'describe' is not defined"}  # as recorded before origins
    assert own_code_errors(old, "golden") == [
        "golden: NameError: name 'describe' is not defined (no origin recorded)"]
    nested = {"ok": [1, {"error": "AttributeError", "message": "m", "origin": "case code at x.py:3 in f"}]}
    assert own_code_errors(nested, "golden") == ["golden.ok[1]: AttributeError: m (case code at x.py:3 in f)"]
    fine = {"ok": [{"error": "AttributeError", "message": "m", "origin": "library"},
                   {"error": "ValueError", "message": "m"}]}
    assert own_code_errors(fine, "golden") == []


def test_conformance_fails_a_case_whose_golden_records_its_own_error(monkeypatch):
    from tests.conformance import test_conformance as tc

    # registered and given a golden for this test only (monkeypatch puts both back)
    monkeypatch.setitem(tc.CASES, "broken_area.typo", _typo_case)
    monkeypatch.setitem(tc._GOLDEN_CACHE, "broken_area", {
        "typo": {"error": "NameError", "message": "name 'describe' is not defined"}})  # as recorded before origins
    with pytest.raises(AssertionError, match="the golden of broken_area.typo records a NameError/AttributeError "
                                             "that TensorFlow did not raise") as info:
        tc.test_case("broken_area.typo")
    assert "golden: NameError: name 'describe' is not defined (no origin recorded)" in str(info.value)


def test_conformance_accepts_a_library_attribute_error_golden(monkeypatch):
    from tests.conformance import test_conformance as tc

    golden = raises(_library_missing_attribute_case, scopeflow)
    assert golden["origin"] == "library"
    monkeypatch.setitem(tc.CASES, "fine_area.missing", _library_missing_attribute_case)
    monkeypatch.setitem(tc._GOLDEN_CACHE, "fine_area", {"missing": golden})
    tc.test_case("fine_area.missing")


def test_stored_goldens_hold_no_own_code_errors():
    from tests.conformance.test_conformance import GOLDENS

    bad = []
    for path in sorted(GOLDENS.glob("*.json")):
        for name, want in json.loads(path.read_text()).items():
            bad += [f"{path.stem}.{name}: {e}" for e in own_code_errors(want)]
    assert bad == []


def test_area_is_the_name_after_cases():
    assert area_of("tests.conformance.cases.naming") == "naming"
    assert area_of("tests.conformance.cases.variable_scope") == "variable_scope"
    assert area_of("tests.conformance.cases.variable_scope.reuse") == "variable_scope"
    assert area_of("tests.conformance.cases.variable_scope.deep.er") == "variable_scope"
    assert area_of("somewhere.else.mine") == "mine"


def test_load_cases_finds_the_cases_of_packages():
    cases = load_cases()
    for key, fn in cases.items():
        area, _ = key.split(".", 1)
        assert fn.__module__.startswith(f"tests.conformance.cases.{area}"), key
    packaged = [k for k, fn in cases.items() if fn.__module__.count(".") > 3]
    assert packaged, "no area is a package"
    assert not any(k.split(".", 1)[0].startswith("_") for k in cases)
