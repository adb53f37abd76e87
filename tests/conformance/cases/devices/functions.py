"""``tf.device`` given a function: what the function sees, how its result merges with
string blocks inside and outside it, ``None`` blocks, and errors."""

from tests.conformance.harness import case, raises


def _graph(tf, build):
    with tf.Graph().as_default() as g:
        build()
        return [[op.name, op.device] for op in g.get_operations()]


@case
def function_result_is_kept_verbatim(tf):
    def build():
        with tf.device(lambda op: "/cpu:0"):
            tf.constant(1.0, name="a")
        with tf.device(lambda op: "gpu:1"):
            tf.constant(1.0, name="b")
    return _graph(tf, build)


@case
def function_outside_string_replaces_it(tf):
    def build():
        with tf.device(lambda op: "/cpu:0"):
            with tf.device("/job:w/gpu:1"):
                tf.constant(1.0, name="a")
    return _graph(tf, build)


@case
def string_outside_function_fills_unset_parts(tf):
    def build():
        with tf.device("/job:w/replica:1/gpu:1"):
            with tf.device(lambda op: "/cpu:0" if op.type == "Const" else "/task:3"):
                b = tf.constant(1.0, name="b")
                tf.add(b, b, name="c")
    return _graph(tf, build)


@case
def function_by_op_type(tf):
    def build():
        with tf.device(lambda op: "/device:GPU:0" if op.type == "MatMul" else "/cpu:0"):
            x = tf.ones([2, 2], name="x")
            y = tf.matmul(x, x, name="y")
            tf.nn.relu(y, name="z")
    return _graph(tf, build)


@case
def what_the_function_sees(tf):
    seen = []

    def f(op):
        seen.append([type(op).__name__, op.type, op.name, op.device, op.node_def.op, op.node_def.name,
                     [t.name for t in op.inputs]])
        return ""
    with tf.Graph().as_default():
        a = tf.constant(1.0, name="a")
        with tf.device("/gpu:0"), tf.name_scope("s"), tf.device(f):
            d = tf.add(a, a, name="d")
            tf.identity(d)
        return [seen, d.device]


@case
def function_returning_device_spec(tf):
    def build():
        with tf.device(lambda op: tf.DeviceSpec(job="x", task=1, device_type="GPU", device_index=0)):
            tf.constant(2.0, name="h")
        with tf.device(tf.DeviceSpec(job="ps", device_type="GPU", device_index=2)):
            tf.constant(2.0, name="e")
    return _graph(tf, build)


@case
def function_returning_none_is_an_error(tf):
    def build():
        with tf.Graph().as_default():
            with tf.device(lambda op: None):
                tf.constant(1.0, name="a")
    def build_int():
        with tf.Graph().as_default():
            with tf.device(lambda op: 3):
                tf.constant(1.0, name="a")
    return [raises(build), raises(build_int)]


@case
def function_returning_empty_and_bytes(tf):
    def build():
        with tf.device("/gpu:2"):
            with tf.device(lambda op: ""):
                tf.constant(1.0, name="a")
        with tf.device(lambda op: b"/job:b/cpu:0"):
            tf.constant(1.0, name="b")
    return _graph(tf, build)


@case
def nested_functions_are_called_innermost_first(tf):
    calls = []

    def outer(op):
        calls.append(["outer", op.name, op.device])
        return op.device + "/task:2" if op.device else "/task:2"

    def inner(op):
        calls.append(["inner", op.name, op.device])
        return "/job:w"
    with tf.Graph().as_default():
        with tf.device(outer), tf.device("/cpu:0"), tf.device(inner):
            c = tf.constant(1.0, name="c")
        return [calls, c.device]


@case
def none_block_stops_outer_functions(tf):
    def build():
        with tf.device(lambda op: "/cpu:0"):
            with tf.device(None):
                tf.constant(1.0, name="a")
                with tf.device(lambda op: "/job:in"):
                    tf.constant(1.0, name="b")
                with tf.device("/gpu:1"):
                    tf.constant(1.0, name="c")
            tf.constant(1.0, name="d")
    return _graph(tf, build)


@case
def empty_string_block_changes_nothing(tf):
    def build():
        with tf.device(lambda op: "/cpu:0"):
            with tf.device(""):
                tf.constant(1.0, name="a")
        with tf.device("/job:w"):
            with tf.device(lambda op: "/cpu:0"):
                tf.constant(1.0, name="b")
    return _graph(tf, build)


@case
def variables_under_a_device_function(tf):
    seen = []

    def f(op):
        seen.append([op.name, op.type])
        return "/job:ps" if op.type.startswith("Variable") else "/job:worker"
    with tf.Graph().as_default() as g:
        with tf.device(f):
            v = tf.Variable(1.0, name="v")
            w = tf.get_variable("w", [2], initializer=tf.zeros_initializer())
            tf.reduce_sum(w * v, name="total")
        return [seen, [[op.name, op.device] for op in g.get_operations()]]


@case
def gradients_under_a_device_function(tf):
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [3], name="x")
        with tf.device(lambda op: "/cpu:0" if op.type == "Placeholder" else "/job:w"):
            y = tf.reduce_sum(tf.square(x), name="y")
            tf.gradients(y, x)
        return [[op.name, op.device] for op in g.get_operations()]


@case
def device_function_and_import_graph_def(tf):
    with tf.Graph().as_default() as g1:
        with tf.device("/gpu:1"):
            a = tf.constant(1.0, name="a")
        tf.add(a, a, name="b")
    with tf.Graph().as_default() as g2:
        with tf.device(lambda op: "/job:imp/cpu:0" if op.type == "Const" else op.device + "/task:4"):
            tf.import_graph_def(g1.as_graph_def(), name="i")
        return [[op.name, op.device] for op in g2.get_operations()]
