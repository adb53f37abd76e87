"""Scopes left out of order or twice."""

from tests.conformance.harness import case


def _exit(cm):
    try:
        cm.__exit__(None, None, None)
    except Exception as e:  # noqa: BLE001 - the class and message are the result
        return [type(e).__name__, str(e)]
    return "ok"


def _state(tf):
    return [tf.get_variable_scope().name, tf.get_default_graph().get_name_scope(), tf.constant(1.0).name]


@case
def variable_scope_left_before_its_inner_scope(tf):
    a = tf.variable_scope("a")
    a.__enter__()
    b = tf.variable_scope("b")
    b.__enter__()
    out = [_exit(a), _state(tf), _exit(b), _state(tf), _exit(a), _state(tf)]
    return out


@case
def variable_scope_left_twice(tf):
    a = tf.variable_scope("a")
    a.__enter__()
    return [_exit(a), _exit(a), _state(tf)]


@case
def default_named_variable_scopes_out_of_order(tf):
    a = tf.variable_scope(None, default_name="a")
    a.__enter__()
    b = tf.variable_scope(None, default_name="b")
    b.__enter__()
    return [_exit(a), _state(tf), _exit(b), _state(tf)]


@case
def variable_scope_object_out_of_order(tf):
    with tf.variable_scope("x") as x:
        pass
    a = tf.variable_scope(x)
    a.__enter__()
    b = tf.variable_scope("b")
    b.__enter__()
    return [_exit(a), _state(tf), _exit(b), _state(tf), _exit(a), _state(tf)]


@case
def with_block_around_an_open_inner_scope(tf):
    a = tf.variable_scope("a")
    b = tf.variable_scope("b")
    try:
        with a:
            b.__enter__()
    except RuntimeError as e:
        first = ["RuntimeError", str(e)]
    else:
        first = "ok"
    return [first, _state(tf), _exit(b), _state(tf)]


@case
def variable_scope_and_name_scope_interleaved(tf):
    a = tf.variable_scope("a")
    a.__enter__()
    b = tf.name_scope("b")
    b.__enter__()
    out = [_exit(a), _state(tf), _exit(b), _state(tf)]
    c = tf.name_scope("c")
    c.__enter__()
    d = tf.variable_scope("d")
    d.__enter__()
    out += [_exit(c), _state(tf), _exit(d), _state(tf)]
    return out


@case
def name_scopes_out_of_order_and_twice(tf):
    c = tf.constant(1.0)
    a = tf.name_scope("a", values=[c])
    a.__enter__()
    b = tf.name_scope("b", values=[c])
    b.__enter__()
    return [_exit(a), _state(tf), _exit(b), _state(tf), _exit(a), _state(tf)]


@case
def graph_left_inside_a_variable_scope(tf):
    g = tf.Graph()
    graph_cm = g.as_default()
    graph_cm.__enter__()
    a = tf.variable_scope("a")
    a.__enter__()
    return [_exit(graph_cm), _exit(a)]
