"""``tf.train.replica_device_setter`` and ``tf.train.ClusterSpec``: where variables, their
initializers, reads and updates, and everything else go, as TF places them."""

from tests.conformance.harness import case, raises


def _devices(g):
    return [[op.name, op.device] for op in g.get_operations()]


def _train(tf):
    v1 = tf.Variable(1.0, name="v1")
    v2 = tf.get_variable("v2", [2])
    v3 = tf.Variable(3.0, name="v3")
    loss = tf.reduce_sum(v1 + v2 * v3)
    tf.train.GradientDescentOptimizer(0.1).minimize(loss)


@case
def round_robin_over_ps_tasks(tf):
    with tf.Graph().as_default() as g:
        with tf.device(tf.train.replica_device_setter(ps_tasks=2)):
            _train(tf)
        return _devices(g)


@case
def from_a_cluster_dict(tf):
    cluster = {"ps": ["ps0:2222", "ps1:2222", "ps2:2222"], "worker": ["w0:2222", "w1:2222"]}
    with tf.Graph().as_default() as g:
        with tf.device(tf.train.replica_device_setter(cluster=cluster, worker_device="/job:worker/task:1")):
            for i in range(4):
                tf.Variable(float(i), name=f"v{i}")
        return _devices(g)


@case
def from_a_cluster_spec_with_adam(tf):
    cluster = tf.train.ClusterSpec({"ps": ["a:1", "b:1"], "worker": ["c:1"]})
    with tf.Graph().as_default() as g:
        with tf.device(tf.train.replica_device_setter(cluster=cluster)):
            w = tf.get_variable("w", [3], initializer=tf.ones_initializer())
            b = tf.get_variable("b", [], initializer=tf.zeros_initializer())
            step = tf.train.get_or_create_global_step()
            tf.train.AdamOptimizer(0.1).minimize(tf.reduce_sum(w) + b, global_step=step)
        return _devices(g)


@case
def no_ps_tasks_gives_none(tf):
    return [tf.train.replica_device_setter() is None,
            tf.train.replica_device_setter(cluster={"worker": ["a:1"]}) is None,
            tf.train.replica_device_setter(cluster={"ps": ["a:1"]}) is None]


@case
def custom_strategy_and_ps_ops(tf):
    with tf.Graph().as_default() as g:
        setter = tf.train.replica_device_setter(ps_tasks=3, ps_strategy=lambda op: 2, ps_ops=["VariableV2", "Const"])
        with tf.device(setter):
            v = tf.Variable(1.0, name="v")
            tf.identity(v, name="i")
        return _devices(g)


@case
def inner_device_blocks_win(tf):
    with tf.Graph().as_default() as g:
        with tf.device(tf.train.replica_device_setter(ps_tasks=2)):
            with tf.device("/cpu:0"):
                tf.Variable(1.0, name="a")
            with tf.device("/job:ps/task:7"):
                tf.Variable(1.0, name="b")
            with tf.device("/job:other"):
                tf.Variable(1.0, name="c")
            tf.Variable(1.0, name="d")
        return _devices(g)


@case
def merge_devices_false(tf):
    with tf.Graph().as_default() as g:
        with tf.device(tf.train.replica_device_setter(ps_tasks=2, merge_devices=False)):
            with tf.device("/cpu:0"):
                tf.Variable(1.0, name="a")
            tf.Variable(1.0, name="b")
        return _devices(g)


@case
def custom_ps_and_worker_devices(tf):
    with tf.Graph().as_default() as g:
        setter = tf.train.replica_device_setter(ps_tasks=2, ps_device="/job:params/cpu:0",
                                                worker_device="/job:trainer/task:3/gpu:0")
        with tf.device(setter):
            v = tf.Variable(1.0, name="v")
            tf.multiply(v, 2.0, name="m")
        with tf.device(tf.train.replica_device_setter(ps_tasks=2, ps_device="", worker_device="")):
            tf.Variable(1.0, name="u")
        return _devices(g)


@case
def strategy_must_be_callable(tf):
    return raises(tf.train.replica_device_setter, ps_tasks=1, ps_strategy=5)


@case
def cluster_spec_methods(tf):
    c = tf.train.ClusterSpec({"ps": ["ps0:2222", "ps1:2222"], "worker": {1: "w1:2222", 3: "w3:2222"}})
    return [c.as_dict(), c.jobs, c.num_tasks("ps"), c.task_indices("worker"), c.task_address("worker", 3),
            c.job_tasks("worker"), bool(c), bool(tf.train.ClusterSpec({})), repr(c),
            c == tf.train.ClusterSpec(c), c != tf.train.ClusterSpec({"ps": ["a"]})]


@case
def cluster_spec_errors(tf):
    c = tf.train.ClusterSpec({"ps": ["a:1"]})
    return [raises(c.num_tasks, "x"), raises(c.task_address, "ps", 7), raises(c.task_indices, "x"),
            raises(c.job_tasks, "x"), raises(tf.train.ClusterSpec, 5), raises(tf.train.ClusterSpec, {"a": 5})]
