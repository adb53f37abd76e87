"""``import scopeflow`` stays light: modules only some programs need load on first use."""

import subprocess
import sys

# Python modules that ``import scopeflow`` must not load (each costs 0.5-4 ms of the import):
# logging (``tf.logging`` and warnings), hashing (temporary file names), difflib (restore
# suggestions), the CRC-32C extension, the checkpoint code (``tf.train.Saver`` and friends), the
# control flow (``tf.cond``, ``tf.while_loop``...), the recurrent networks (``tf.nn.rnn_cell``), the
# summary ops and event-file writers (``tf.summary``), the 3-D/dilated convolutions and tf.layers' separable ones.
LAZY = ("logging", "secrets", "hashlib", "difflib", "google_crc32c", "scopeflow._src.checkpoint.saver",
        "scopeflow._src.ops.control.api", "scopeflow._src.rnn.cell_base", "scopeflow._src.ops.summary.api",
        "scopeflow._src.summary.file_writer", "scopeflow._src.ops.nn.volumetric", "scopeflow._src.layers.separable")


def _loaded_after(code):
    probe = f"import sys; {code}; print(' '.join(m for m in {LAZY!r} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return result.stdout.split()


def test_import_does_not_load_optional_modules():
    assert _loaded_after("import scopeflow") == []


def test_tf_logging_loads_on_first_use():
    assert _loaded_after("import scopeflow as tf; tf.logging.set_verbosity(tf.logging.INFO)") == ["logging"]


def test_checkpoint_code_loads_on_first_use():
    # a Saver writes meta graphs, whose export warns about collections it cannot write
    assert _loaded_after("import scopeflow as tf; tf.train.Saver") == ["logging", "scopeflow._src.checkpoint.saver"]
    assert _loaded_after("from scopeflow.train import latest_checkpoint") == []


def test_control_flow_and_rnns_load_on_first_use():
    assert _loaded_after("import scopeflow as tf; tf.while_loop") == ["scopeflow._src.ops.control.api"]
    assert _loaded_after("import scopeflow as tf; tf.nn.rnn_cell.LSTMCell") == ["scopeflow._src.rnn.cell_base"]
    assert _loaded_after("from scopeflow.nn import dynamic_rnn") == [
        "scopeflow._src.ops.control.api", "scopeflow._src.rnn.cell_base"]


def test_summaries_load_on_first_use():
    assert _loaded_after("import scopeflow as tf; tf.summary.scalar") == [
        "logging", "scopeflow._src.ops.summary.api", "scopeflow._src.summary.file_writer"]
    assert _loaded_after("from scopeflow.train import summary_iterator") == []


def test_lazy_ops_load_for_imported_graphs():
    assert _loaded_after("from scopeflow._src.ops import load_lazy_ops; load_lazy_ops()") == [
        "logging", "scopeflow._src.ops.control.api", "scopeflow._src.ops.summary.api",
        "scopeflow._src.ops.nn.volumetric"]


def test_3d_dilated_and_separable_convolutions_load_on_first_use():
    assert _loaded_after("import scopeflow as tf; tf.nn.conv3d") == ["scopeflow._src.ops.nn.volumetric"]
    assert _loaded_after("import scopeflow as tf; tf.space_to_batch_nd") == ["scopeflow._src.ops.nn.volumetric"]
    assert _loaded_after("import scopeflow as tf; tf.layers.conv3d") == []
    assert _loaded_after("import scopeflow as tf; tf.layers.separable_conv2d") == ["scopeflow._src.layers.separable"]


def test_graph_util_loads_on_first_use():
    assert _loaded_after("import scopeflow as tf; tf.graph_util.extract_sub_graph") == ["logging"]


def test_lazy_names_are_listed_and_unknown_ones_refused():
    import pytest

    import scopeflow as tf

    assert "logging" in dir(tf) and "Saver" in dir(tf.train) and "cond" in dir(tf) and "dynamic_rnn" in dir(tf.nn)
    with pytest.raises(AttributeError, match="has no attribute 'Nope'"):
        tf.train.Nope  # noqa: B018
    with pytest.raises(AttributeError, match="has no attribute 'Nope'"):
        tf.nn.Nope  # noqa: B018


# The public sub-namespaces and the subsystems only some programs use: ``import scopeflow`` loads
# none of them (each costs import time); the first use of a name loads them.
NAMESPACES = ("scopeflow.bitwise", "scopeflow.compat", "scopeflow.initializers", "scopeflow.io", "scopeflow.layers",
              "scopeflow.losses", "scopeflow.math", "scopeflow.metrics", "scopeflow.nn", "scopeflow.python_io",
              "scopeflow.random", "scopeflow.train", "scopeflow._src.graph_io.importer",
              "scopeflow._src.lib_io.file_io", "scopeflow._src.training.optimizer", "scopeflow._src.ops.nn_ops",
              "scopeflow._src.ops.state.training_ops", "scopeflow.dtypes", "scopeflow.errors", "scopeflow.nest",
              "scopeflow._src.variables.template", "scopeflow._src.framework.tensor_spec",
              "scopeflow._src.framework.device_spec", "scopeflow._src.client.session", "scopeflow._src.gradients",
              "shutil", "lzma", "bz2")


def _namespaces_after(code):
    probe = f"import sys; {code}; print(' '.join(m for m in {NAMESPACES!r} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return result.stdout.split()


def test_namespaces_load_on_first_use():
    assert _namespaces_after("import scopeflow") == []
    minimal = ("import numpy as np, scopeflow as tf; x = tf.placeholder(tf.float32, [None, 3]); "
               "w = tf.get_variable('w', [3, 2]); y = tf.matmul(x, w); s = tf.Session(); "
               "s.run(tf.global_variables_initializer()); s.run(y, {x: np.ones((1, 3))})")
    assert _namespaces_after(minimal) == ["scopeflow._src.client.session"]
    assert "scopeflow.layers" in _namespaces_after("import scopeflow as tf; tf.layers.dense")
    assert "scopeflow.train" in _namespaces_after("import scopeflow as tf; tf.train.AdamOptimizer")
    assert _namespaces_after("from scopeflow import nn") == ["scopeflow.nn", "scopeflow._src.ops.nn_ops"]
    assert _namespaces_after("import scopeflow as tf; tf.import_graph_def") == ["scopeflow._src.graph_io.importer"]
    assert _namespaces_after("import scopeflow as tf; tf.clip_by_norm") == ["scopeflow._src.ops.nn_ops"]
    assert _namespaces_after("import scopeflow as tf; tf.errors.OutOfRangeError") == ["scopeflow.errors"]
    assert _namespaces_after("import scopeflow as tf; tf.TensorSpec") == ["scopeflow._src.framework.tensor_spec"]
    assert _namespaces_after("from scopeflow import Session") == ["scopeflow._src.client.session"]
    assert _namespaces_after("import scopeflow as tf; tf.gradients") == ["scopeflow._src.gradients"]
    assert {"scopeflow._src.ops.nn_ops", "scopeflow._src.ops.state.training_ops"} <= set(
        _namespaces_after("from scopeflow._src.ops import load_lazy_ops; load_lazy_ops()"))


def test_nn_gradient_rules_load_with_any_nn_module():
    # a program may reach the nn ops through any module of the package (tf.layers imports
    # conv.py directly): the package registers the gradient rules of all of them first
    code = ("import scopeflow as tf; from scopeflow._src.ops.nn.softmax import softmax; "
            "x = tf.constant([[1.0, 2.0]]); g, = tf.gradients(softmax(x), x); print(g.name)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["gradients/Softmax_grad/mul_1:0"]


def test_lazy_namespaces_are_the_modules():
    import scopeflow as tf
    from scopeflow import layers, metrics

    assert tf.layers is layers and tf.metrics is metrics and tf.train.Optimizer.__module__.startswith("scopeflow")
    assert {"layers", "train", "nn", "io", "errors", "import_graph_def", "TensorSpec"} <= set(dir(tf))
    assert set(dir(tf)) == set(tf.__all__)
    from scopeflow import DeviceSpec, errors, make_template

    assert tf.errors is errors and tf.DeviceSpec is DeviceSpec and tf.make_template is make_template
    from scopeflow._src.client.session import Session
    from scopeflow._src.gradients import gradients

    assert tf.Session is Session and tf.gradients is gradients


def test_a_programs_gradient_registration_meets_the_rules_of_lazy_packages():
    # as in TF, a name that has a rule cannot be registered again, even before its package loads
    code = ("import scopeflow as tf\ntry:\n    tf.RegisterGradient('Relu')(lambda op, grad: grad)\n"
            "except KeyError as e:\n    print(e.args[0])\nprint(tf.nn.relu(tf.constant([1.0])).op.type)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.splitlines() == [
        "Registering two gradient with name 'Relu'! (Previous registration was in scopeflow)", "Relu"]
