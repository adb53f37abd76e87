"""The public namespace: thin re-export modules with ``__all__``, public names in tracebacks."""

import importlib
import pickle

import pytest

import scopeflow as tf

PUBLIC = ("scopeflow", "scopeflow.app", "scopeflow.bitwise",
          "scopeflow.compat", "scopeflow.data", "scopeflow.data.experimental",
          "scopeflow.debugging",
          "scopeflow.dtypes", "scopeflow.errors", "scopeflow.flags", "scopeflow.gfile",
          "scopeflow.graph_util", "scopeflow.initializers", "scopeflow.io", "scopeflow.io_gfile",
          "scopeflow.layers", "scopeflow.losses", "scopeflow.math", "scopeflow.metrics",
          "scopeflow.nest", "scopeflow.nn", "scopeflow.python_io", "scopeflow.queue", "scopeflow.random",
          "scopeflow.rnn_cell", "scopeflow.sets", "scopeflow.sparse", "scopeflow.strings", "scopeflow.summary",
          "scopeflow.train")


@pytest.mark.parametrize("name", PUBLIC)
def test_public_modules_list_their_names_and_every_name_exists(name):
    module = importlib.import_module(name)
    assert module.__all__ == sorted(set(module.__all__), key=lambda n: (n.lower(), n))
    missing = [n for n in module.__all__ if not hasattr(module, n)]
    assert missing == []


def test_dir_shows_the_public_names_only():
    names = dir(tf)
    assert "_src" not in names and "_ops_pkg" not in names
    assert {"get_variable", "variable_scope", "logging", "errors", "initializers"} <= set(names)


def test_error_classes_carry_their_public_module():
    for name in tf.errors.__all__:
        value = getattr(tf.errors, name)
        if isinstance(value, type):
            assert value.__module__ == "scopeflow.errors", name
    error = tf.errors.NotFoundError(None, None, "no such file")
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is tf.errors.NotFoundError and copy.message == "no such file"
