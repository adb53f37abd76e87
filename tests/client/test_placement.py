"""Session placement on the one CPU: soft placement, TF's refusal, the placement log."""

import pytest

import scopeflow as tf


def _graph_on(device):
    g = tf.Graph()
    with g.as_default():
        a = tf.constant([1.0, 2.0], name="a")
        with tf.device(device):
            b = tf.multiply(a, 2.0, name="b")
    return g, b


def test_gpu_request_runs_on_the_cpu_with_soft_placement():
    g, b = _graph_on("/gpu:0")
    with tf.Session(graph=g, config=tf.ConfigProto(allow_soft_placement=True)) as sess:
        assert sess.run(b).tolist() == [2.0, 4.0]
    assert b.device == "/device:GPU:0"  # the request stays recorded on the op


def test_gpu_request_without_soft_placement_names_the_op():
    g, b = _graph_on("/gpu:0")
    with tf.Session(graph=g) as sess, pytest.raises(tf.errors.InvalidArgumentError) as info:
        sess.run(b)
    assert ("Cannot assign a device for operation b: {{node b}} was explicitly assigned to /device:GPU:0 but "
            "available devices are [ /job:localhost/replica:0/task:0/device:CPU:0 ]") in info.value.message
    assert info.value.op is None


def test_other_jobs_fail_even_with_soft_placement():
    g, b = _graph_on("/job:ps/task:0")
    with tf.Session(graph=g, config=tf.ConfigProto(allow_soft_placement=True)) as sess:
        with pytest.raises(tf.errors.InvalidArgumentError, match="explicitly assigned to /job:ps/task:0"):
            sess.run(b)


def test_ops_added_after_a_run_are_checked_on_the_next_run():
    g, _ = _graph_on("/cpu:0")
    a = g.get_tensor_by_name("a:0")
    with tf.Session(graph=g) as sess:
        assert sess.run(a).tolist() == [1.0, 2.0]
        with g.as_default(), tf.device("/gpu:1"):
            c = tf.identity(a, name="c")
        with pytest.raises(tf.errors.InvalidArgumentError, match="operation c:"):
            sess.run(c)


def test_log_device_placement_prints_tf_lines(capsys):
    g, b = _graph_on("/gpu:0")
    config = tf.ConfigProto(allow_soft_placement=True, log_device_placement=True)
    with tf.Session(graph=g, config=config) as sess:
        sess.run(b)
        sess.run(b)  # an unchanged graph is not placed again
    lines = capsys.readouterr().err.splitlines()
    assert lines == ["a: (Const): /job:localhost/replica:0/task:0/device:CPU:0",
                     "b/y: (Const): /job:localhost/replica:0/task:0/device:CPU:0",
                     "b: (Mul): /job:localhost/replica:0/task:0/device:CPU:0"]
