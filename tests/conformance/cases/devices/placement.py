"""Running placed graphs on a CPU-only host: soft placement lets ``/gpu:N`` requests run on
the CPU; without it, and for other jobs or tasks always, TF refuses the whole graph."""

from tests.conformance.harness import case, raises


def _cannot_assign_line(result):
    """The placer's sentence (the node's definition trace before it names a file)."""
    if "error" in result:
        result["message"] = next((ln for ln in result["message"].splitlines() if "Cannot assign" in ln), "")
    return result


def _run(tf, device, soft, fetch_other=False):
    with tf.Graph().as_default():
        a = tf.constant([1.0, 2.0], name="a")
        with tf.device(device):
            b = tf.multiply(a, 2.0, name="b")
        c = tf.identity(a, name="c")
        config = tf.ConfigProto(allow_soft_placement=soft)
        return _cannot_assign_line(raises(lambda: tf.Session(config=config).run(c if fetch_other else b).tolist()))


@case
def gpu_without_soft_placement(tf):
    return [_run(tf, d, False) for d in ("/gpu:0", "/device:GPU:1", "/gpu:*", "/cpu:1", "/device:TPU:0")]


@case
def gpu_with_soft_placement(tf):
    return [_run(tf, d, True) for d in ("/gpu:0", "/device:GPU:3", "/cpu:1", "/device:TPU:0")]


@case
def local_devices_always_run(tf):
    return [_run(tf, d, False) for d in ("/cpu:0", "/cpu:*", "/job:localhost/replica:0/task:0/device:CPU:0",
                                          "/job:localhost", "/task:0")]


@case
def other_jobs_fail_even_with_soft_placement(tf):
    return [_run(tf, d, True) for d in ("/job:ps", "/job:localhost/task:1", "/job:localhost/replica:1",
                                         "/job:worker/gpu:0")]


@case
def the_whole_graph_is_placed(tf):
    return [_run(tf, "/gpu:0", False, fetch_other=True), _run(tf, "/gpu:0", True, fetch_other=True)]


@case
def ops_added_later_are_placed_on_the_next_run(tf):
    with tf.Graph().as_default():
        a = tf.constant(1.0, name="a")
        sess = tf.Session()
        first = sess.run(a)
        with tf.device("/gpu:0"):
            b = tf.add(a, 1.0, name="b")
        return [float(first), _cannot_assign_line(raises(lambda: float(sess.run(a + 0.0)))),
                _cannot_assign_line(raises(lambda: float(sess.run(b))))]


@case
def replica_device_setter_graph_in_a_local_session(tf):
    with tf.Graph().as_default():
        with tf.device(tf.train.replica_device_setter(ps_tasks=1)):
            v = tf.Variable(1.0, name="v")
        config = tf.ConfigProto(allow_soft_placement=True)
        return _cannot_assign_line(raises(lambda: tf.Session(config=config).run(v.initializer)))


@case
def variables_on_gpu_with_soft_placement(tf):
    with tf.Graph().as_default():
        with tf.device("/gpu:0"):
            v = tf.Variable([1.0, 2.0], name="v")
            w = v.assign_add([1.0, 1.0])
        with tf.Session(config=tf.ConfigProto(allow_soft_placement=True, log_device_placement=False)) as sess:
            sess.run(tf.global_variables_initializer())
            return [sess.run(w).tolist(), v.device, w.device, v.initializer.device]


@case
def config_fields(tf):
    c = tf.ConfigProto(allow_soft_placement=True, log_device_placement=True)
    return [c.allow_soft_placement, c.log_device_placement, str(c)]
