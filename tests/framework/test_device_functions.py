"""``tf.device`` with device functions and ``DeviceSpec`` (TF's stack walk), and
``tf.train.replica_device_setter``."""

import pytest

import scopeflow as tf


def test_inner_string_then_outer_function_then_outer_string():
    seen = []

    def f(op):
        seen.append((op.name, op.type, op.device))
        return "/task:3"
    with tf.Graph().as_default():
        with tf.device("/job:w/gpu:1"), tf.device(f), tf.device("/cpu:0"):
            c = tf.constant(1.0, name="c")
    assert seen == [("c", "Const", "/device:CPU:0")]
    assert c.device == "/job:w/task:3/device:GPU:1"


def test_function_result_is_kept_verbatim_and_none_is_refused():
    with tf.Graph().as_default():
        with tf.device(lambda op: "/cpu:0"):
            assert tf.constant(1.0).device == "/cpu:0"
        with tf.device(lambda op: None), pytest.raises(TypeError, match="Expected binary or unicode string, got None"):
            tf.constant(1.0)


def test_none_block_stops_the_walk():
    with tf.Graph().as_default():
        with tf.device(lambda op: "/job:out"), tf.device(None):
            assert tf.constant(1.0).device == ""


def test_device_spec_block_is_read_when_ops_are_made():
    spec = tf.DeviceSpec(job="w", task=1)
    with tf.Graph().as_default(), tf.device(spec):
        spec.task = 5
        assert tf.constant(1.0).device == "/job:w/task:5"


def test_replica_device_setter_round_robin_and_updates_with_their_variables():
    with tf.Graph().as_default() as g:
        with tf.device(tf.train.replica_device_setter(ps_tasks=2)):
            v1 = tf.Variable(1.0, name="v1")
            v2 = tf.Variable(2.0, name="v2")
            loss = v1 * v2
            tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    devices = {op.name: op.device for op in g.get_operations()}
    assert devices["v1"] == devices["v1/read"] == devices["v1/Assign"] == "/job:ps/task:0"
    assert devices["v2"] == "/job:ps/task:1"
    assert devices["v1/initial_value"] == devices["mul"] == devices["GradientDescent"] == "/job:worker"
    assert devices["GradientDescent/update_v2/ApplyGradientDescent"] == "/job:ps/task:1"
