"""The behaviour switches: TF2 behaviour is refused with a ValueError that says what scopeflow runs,
the disable_* switches are accepted and change nothing, and the version module re-exports the constants."""

import subprocess
import sys

import pytest

import scopeflow as tf

REFUSED = ["enable_eager_execution", "enable_v2_behavior", "enable_resource_variables", "enable_control_flow_v2",
           "enable_tensor_equality", "enable_v2_tensorshape"]


@pytest.mark.parametrize("name", REFUSED)
def test_enable_switches_are_refused_with_what_scopeflow_runs(name):
    with pytest.raises(ValueError, match="scopeflow runs TensorFlow 1.x graph mode only") as info:
        getattr(tf, name)()
    assert info.value.args[0].startswith(f"tf.{name} ")
    assert not tf.executing_eagerly() and not tf.resource_variables_enabled() and not tf.control_flow_v2_enabled()


def test_enable_eager_execution_gives_tfs_sentence_first():
    with pytest.raises(ValueError) as info:
        tf.enable_eager_execution(config=None, device_policy=None, execution_mode=None)
    assert str(info.value).split("\n")[0] == "tf.enable_eager_execution must be called at program startup."


def test_disable_switches_keep_graph_mode():
    for name in ("disable_resource_variables", "disable_control_flow_v2", "disable_tensor_equality",
                 "disable_v2_tensorshape", "disable_v2_behavior", "disable_eager_execution"):
        assert getattr(tf, name)() is None
    with tf.Graph().as_default():
        v = tf.Variable(1.0, name="v")
        assert v.op.type == "VariableV2"
        assert tf.cond(tf.constant(True), lambda: v + 1.0, lambda: v - 1.0).op.type == "Merge"


def test_version_module_and_constants():
    assert tf.version.VERSION == tf.VERSION == "2.21.0"
    assert tf.version.GIT_VERSION == tf.GIT_VERSION == "scopeflow-0.1.0"
    assert tf.GRAPH_DEF_VERSION == tf.Graph().as_graph_def().versions.producer
    assert isinstance(tf.COMPILER_VERSION, str) and tf.COMPILER_VERSION


def test_get_logger_is_the_logger_of_tf_logging(caplog):
    logger = tf.get_logger()
    assert logger.name == "scopeflow" and logger is tf.get_logger()
    with caplog.at_level("WARNING", logger="scopeflow"):
        tf.logging.warning("through tf.logging")
    assert [r.name for r in caplog.records] == ["scopeflow"]


def test_get_static_value_is_constant_value():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [4, None])
        assert tf.get_static_value(tf.shape(x)) is None
        assert tf.get_static_value(tf.shape(x)[0]) is None  # TF folds no StridedSlice here either
        assert tf.get_static_value(tf.constant(2.5)) == 2.5


def test_import_does_not_load_the_behaviour_module():
    code = "import sys, scopeflow; print('scopeflow._src.behaviour' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False"]
