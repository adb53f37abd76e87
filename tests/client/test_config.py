"""ConfigProto and friends: protobuf-like fields, errors and text format."""

import pytest

import scopeflow as tf


def test_fields_nested_messages_and_text():
    config = tf.ConfigProto(allow_soft_placement=True, device_count={"GPU": 0},
                            gpu_options=tf.GPUOptions(per_process_gpu_memory_fraction=0.5))
    config.gpu_options.allow_growth = True
    config.graph_options.optimizer_options.global_jit_level = tf.OptimizerOptions.ON_1
    config.device_filters.append("/cpu:0")
    assert config.inter_op_parallelism_threads == 0 and config.allow_soft_placement is True
    assert str(config) == (
        'device_count {\n  key: "GPU"\n  value: 0\n}\ndevice_filters: "/cpu:0"\ngpu_options {\n'
        '  per_process_gpu_memory_fraction: 0.5\n  allow_growth: true\n}\nallow_soft_placement: true\n'
        'graph_options {\n  optimizer_options {\n    global_jit_level: ON_1\n  }\n}\n')


def test_unknown_fields_and_bad_assignments():
    config = tf.ConfigProto()
    with pytest.raises(ValueError, match='Protocol message ConfigProto has no "foo" field.'):
        tf.ConfigProto(foo=1)
    with pytest.raises(AttributeError, match='Protocol message ConfigProto has no "foo" field.'):
        config.foo = 1
    with pytest.raises(AttributeError, match='Assignment not allowed to message field "gpu_options"'):
        config.gpu_options = tf.GPUOptions()
    with pytest.raises(TypeError, match="'str' object cannot be interpreted as an integer"):
        config.allow_soft_placement = "yes"
    with pytest.raises(TypeError, match="must be real number"):
        config.gpu_options.per_process_gpu_memory_fraction = "half"
    with pytest.raises(TypeError):
        config.gpu_options.visible_device_list = 0


def test_copy_merge_clear_and_equality():
    a = tf.ConfigProto(log_device_placement=True)
    a.gpu_options.allow_growth = True
    b = tf.ConfigProto()
    assert a != b
    b.CopyFrom(a)
    assert a == b and b.gpu_options.allow_growth
    b.MergeFrom(tf.ConfigProto(intra_op_parallelism_threads=3))
    assert b.intra_op_parallelism_threads == 3 and b.log_device_placement
    b.Clear()
    assert b == tf.ConfigProto()
    with pytest.raises(TypeError, match="must be instance of same class"):
        b.MergeFrom(tf.RunOptions())


def test_run_options_and_metadata():
    options = tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE, timeout_in_ms=100)
    assert str(options) == "trace_level: FULL_TRACE\ntimeout_in_ms: 100\n"
    meta = tf.RunMetadata()
    assert list(meta.step_stats.dev_stats) == [] and str(meta) == ""
