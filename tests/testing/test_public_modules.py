"""The public modules of helper V's families list their names (sorted, as the package's other
modules) and every listed name exists; none loads with ``import scopeflow``."""

import importlib
import subprocess
import sys

import pytest

MODULES = ("scopeflow.test", "scopeflow.version", "scopeflow.distributions", "scopeflow.saved_model",
           "scopeflow.saved_model.builder", "scopeflow.saved_model.loader", "scopeflow.saved_model.main_op",
           "scopeflow.saved_model.utils", "scopeflow.saved_model.signature_def_utils",
           "scopeflow.saved_model.tag_constants", "scopeflow.saved_model.signature_constants",
           "scopeflow.saved_model.constants")


@pytest.mark.parametrize("name", MODULES)
def test_names_listed_sorted_and_present(name):
    module = importlib.import_module(name)
    assert module.__all__ == sorted(set(module.__all__), key=lambda n: (n.lower(), n))
    assert [n for n in module.__all__ if not hasattr(module, n)] == []


def test_none_loads_with_import_scopeflow():
    code = "import sys, scopeflow; print(sorted(m for m in {} if m in sys.modules))".format(list(MODULES))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_top_level_names_reach_their_modules():
    import scopeflow as tf

    assert tf.test.TestCase.__module__ == "scopeflow.test" and tf.version.VERSION == tf.VERSION
    assert tf.saved_model.loader.load is tf.saved_model.load
    assert tf.distributions.Normal.__module__ == "scopeflow.distributions"
    assert callable(tf.custom_gradient) and callable(tf.grad_pass_through) and tf.no_gradient is tf.NoGradient
