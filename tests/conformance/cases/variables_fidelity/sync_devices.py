"""Variables synchronized on read are not trained; devices, caching devices and colocation of
a variable's ops."""

from tests.conformance.harness import case, raises


def _groups(op):
    return [g.decode() for g in op.colocation_groups()]


@case
def on_read_variable_is_not_trainable(tf):
    v = tf.Variable(1.0, name="v", synchronization=tf.VariableSynchronization.ON_READ,
                    aggregation=tf.VariableAggregation.SUM)
    return {"trainable": v.trainable, "sync": v.synchronization.name, "aggregation": v.aggregation.name,
            "trainable_vars": [x.name for x in tf.trainable_variables()],
            "global_vars": [x.name for x in tf.global_variables()]}


@case
def on_read_get_variable_is_not_trainable(tf):
    w = tf.get_variable("w", [2], synchronization=tf.VariableSynchronization.ON_READ)
    return [w.trainable, [x.name for x in tf.trainable_variables()], [x.name for x in tf.global_variables()]]


@case
def on_read_with_trainable_true(tf):
    v = tf.Variable(1.0, name="v", synchronization=tf.VariableSynchronization.ON_READ, trainable=True)
    w = raises(lambda: tf.get_variable("w", [], synchronization=tf.VariableSynchronization.ON_READ,
                                       trainable=True).trainable)
    return [v.trainable, [x.name for x in tf.trainable_variables()], w]


@case
def on_write_and_auto_variables_are_trainable(tf):
    a = tf.Variable(1.0, name="a", synchronization=tf.VariableSynchronization.ON_WRITE)
    b = tf.Variable(1.0, name="b", synchronization=tf.VariableSynchronization.AUTO)
    c = tf.Variable(1.0, name="c", synchronization=tf.VariableSynchronization.NONE)
    return [a.trainable, b.trainable, c.trainable, [x.name for x in tf.trainable_variables()]]


@case
def on_read_variable_trainable_false_explicitly(tf):
    v = tf.Variable(1.0, name="v", synchronization=tf.VariableSynchronization.ON_READ, trainable=False)
    return [v.trainable, [x.name for x in tf.trainable_variables()]]


@case
def on_read_variable_in_a_scope_with_local_collection(tf):
    with tf.variable_scope("s"):
        v = tf.get_variable("v", [], synchronization=tf.VariableSynchronization.ON_READ,
                            collections=[tf.GraphKeys.LOCAL_VARIABLES])
    return [v.name, v.trainable, [x.name for x in tf.local_variables()], [x.name for x in tf.global_variables()]]


@case
def caching_device_places_the_read(tf):
    with tf.device("/cpu:0"):
        v = tf.Variable(1.0, name="v", caching_device="/job:foo")
    return {"var": v.device, "read": v.value().device, "initializer": v.initializer.device,
            "read_groups": _groups(v.value().op)}


@case
def caching_device_function(tf):
    v = tf.Variable(1.0, name="v", caching_device=lambda op: "/job:cache")
    return [v.device, v.value().device, _groups(v.value().op)]


@case
def without_caching_device_the_read_is_colocated(tf):
    with tf.device("/job:ps"):
        v = tf.Variable(1.0, name="v")
    return [v.device, v.value().device, _groups(v.value().op), _groups(v.op)]


@case
def assign_under_another_device_stays_with_the_variable(tf):
    with tf.device("/cpu:0"):
        v = tf.Variable(1.0, name="v")
    with tf.device("/gpu:0"):
        a = v.assign(2.0)
        b = tf.assign(v, 3.0)
        c = v.assign_add(1.0)
        d = tf.assign_sub(v, 1.0)
        e = tf.constant(1.0, name="e")
    return [[t.op.name, t.device, _groups(t.op)] for t in (a, b, c, d)] + [[e.device, _groups(e.op)]]


@case
def initializer_is_colocated_with_the_variable(tf):
    with tf.device("/job:ps/task:0"):
        tf.Variable(1.0, name="v")
    with tf.device("/job:ps/task:1"):
        tf.get_variable("w", [2], initializer=tf.ones_initializer())
    return [[op.name, op.device, _groups(op)] for op in tf.get_default_graph().get_operations()]


@case
def variable_under_a_device_function(tf):
    def dev(op):
        return "/job:ps" if op.type.startswith("Variable") else "/job:worker"

    with tf.device(dev):
        v = tf.Variable(1.0, name="v")
        a = v.assign(2.0)
        r = v.read_value()
    return {"var": v.device, "initializer": v.initializer.device, "assign": a.device,
            "initial_value": v.initial_value.device, "read_value": r.device, "value": v.value().device,
            "initializer_groups": _groups(v.initializer)}


@case
def get_variable_under_a_device_function(tf):
    def dev(op):
        return "/job:ps" if op.type == "VariableV2" else "/job:worker"

    with tf.device(dev):
        tf.get_variable("w", [2, 2], initializer=tf.random_normal_initializer(seed=1))
    return [[op.name, op.device, _groups(op)] for op in tf.get_default_graph().get_operations()]


@case
def colocation_groups_of_plain_ops(tf):
    with tf.name_scope("a"):
        c = tf.constant(1.0, name="c")
    with tf.colocate_with(c):
        d = tf.constant(2.0, name="d")
        with tf.colocate_with(d.op):
            e = tf.constant(3.0, name="e")
    f = tf.constant(4.0, name="f")
    return [_groups(c.op), _groups(d.op), _groups(e.op), _groups(f.op)]


@case
def colocate_with_a_variable(tf):
    v = tf.Variable(1.0, name="v")
    with tf.colocate_with(v):
        x = tf.constant(2.0, name="x")
    with tf.colocate_with(v.op):
        y = v + 1.0
    return [_groups(x.op), _groups(y.op), _groups(v.initializer), _groups(v.value().op)]


@case
def colocate_with_ignore_existing(tf):
    a = tf.constant(1.0, name="a")
    b = tf.constant(2.0, name="b")
    with tf.colocate_with(a):
        with tf.colocate_with(b, ignore_existing=True):
            c = tf.constant(3.0, name="c")
        with tf.colocate_with(None, ignore_existing=True):
            d = tf.constant(3.0, name="d")
    return [_groups(c.op), _groups(d.op)]
