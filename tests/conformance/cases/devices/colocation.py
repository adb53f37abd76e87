"""``tf.colocate_with`` together with device blocks and device functions."""

from tests.conformance.harness import case


@case
def colocation_ignores_outer_device_functions(tf):
    with tf.Graph().as_default():
        with tf.device("/gpu:1"):
            a = tf.constant(1.0, name="a")
        b = tf.constant(2.0, name="b")
        with tf.device(lambda op: "/job:f"):
            with tf.colocate_with(a):
                x = tf.identity(b, name="x")
            with tf.colocate_with(b):
                y = tf.identity(a, name="y")
                with tf.device(lambda op: "/job:inner"):
                    z = tf.identity(a, name="z")
                with tf.device("/cpu:0"):
                    w = tf.identity(a, name="w")
        return [[t.name, t.device, t.op.colocation_groups()] for t in (x, y, z, w)]


@case
def nested_colocation_innermost_device_wins(tf):
    with tf.Graph().as_default():
        with tf.device("/cpu:0"):
            a = tf.constant(1.0, name="a")
        with tf.device("/gpu:0"):
            b = tf.constant(1.0, name="b")
        c = tf.constant(1.0, name="c")
        with tf.colocate_with(a):
            with tf.colocate_with(b):
                x = tf.identity(c, name="x")
            with tf.colocate_with(c):
                y = tf.identity(c, name="y")
            with tf.colocate_with(b, ignore_existing=True):
                z = tf.identity(c, name="z")
        return [[t.name, t.device, t.op.colocation_groups()] for t in (x, y, z)]


@case
def colocation_with_a_variable_under_a_setter(tf):
    with tf.Graph().as_default():
        with tf.device(tf.train.replica_device_setter(ps_tasks=2)):
            tf.Variable(0.0, name="u")
            v = tf.Variable(1.0, name="v")
            with tf.colocate_with(v):
                x = tf.identity(v, name="x")
            y = tf.identity(v, name="y")
        return [[t.name, t.device, t.op.colocation_groups()] for t in (x, y)]


@case
def group_places_its_no_ops_on_devices(tf):
    with tf.Graph().as_default() as g:
        with tf.device("/job:a"):
            a = tf.no_op(name="a")
        with tf.device("/job:b"):
            b = tf.no_op(name="b")
        tf.group(a, b, name="both")
        with tf.device("/gpu:0"):
            c = tf.no_op(name="c")
        tf.group(c, name="one")
        return [[op.name, op.device] for op in g.get_operations()]


@case
def imported_colocated_ops_take_their_targets_device(tf):
    with tf.Graph().as_default() as g1:
        with tf.device("/job:ps/task:0"):
            v = tf.Variable(1.0, name="v")
        with tf.device("/gpu:1"):
            w = tf.Variable(2.0, name="w")
        tf.identity(v + w, name="x")
    graph_def = g1.as_graph_def()
    with tf.Graph().as_default() as g2:
        with tf.device(tf.train.replica_device_setter(ps_tasks=2)):
            tf.import_graph_def(graph_def, name="a")
        with tf.device("/cpu:0"):
            tf.import_graph_def(graph_def, name="b")
        with tf.device(lambda op: "/job:f"):
            tf.import_graph_def(graph_def, name="c")
        return [[op.name, op.device] for op in g2.get_operations()]
