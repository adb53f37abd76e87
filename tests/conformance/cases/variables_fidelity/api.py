"""``Graph.container`` / ``tf.container``, ``count_up_to``, ``VariableDef`` round trips and the
operator methods of variables."""

from tests.conformance.harness import case, raises


def _run_error(fn, *args):
    """A run-time error as its class and last line (TF's message also names the Python frames)."""
    got = raises(fn, *args)
    if "message" in got:
        got["message"] = got["message"].splitlines()[-1]
    return got


@case
def container_of_variables(tf):
    g = tf.get_default_graph()
    with g.container("foo") as name:
        v = tf.Variable(1.0, name="v")
        with tf.container("bar"):
            w = tf.Variable(1.0, name="w")
        with tf.container(""):
            u = tf.Variable(1.0, name="u")
        x = tf.Variable(1.0, name="x")
    y = tf.Variable(1.0, name="y")
    return [name] + [t.op.get_attr("container") for t in (v, w, u, x, y)]


@case
def container_of_queues_and_get_variable(tf):
    with tf.container("exp"):
        q = tf.FIFOQueue(2, tf.float32, name="q")
        w = tf.get_variable("w", [1])
        c = tf.constant(1.0, name="c")
    return [q.queue_ref.op.get_attr("container"), w.op.get_attr("container"),
            raises(c.op.get_attr, "container")]


@case
def container_does_not_replace_an_explicit_one(tf):
    from_graph = tf.get_default_graph()
    with from_graph.container("outer"):
        q = tf.FIFOQueue(2, tf.float32, name="q", shared_name="s")
    return [q.queue_ref.op.get_attr("container"), q.queue_ref.op.get_attr("shared_name")]


@case
def container_variables_run(tf):
    with tf.container("c1"):
        v = tf.Variable([1.0, 2.0], name="v")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(v * 2.0).tolist()


@case
def container_in_graph_def(tf):
    with tf.container("c1"):
        tf.Variable(1.0, name="v")
    nodes = tf.get_default_graph().as_graph_def().node
    return [[n.name, n.attr["container"].s.decode()] for n in nodes if "container" in n.attr]


@case
def count_up_to_method_and_function(tf):
    v = tf.Variable(0, name="v")
    c = v.count_up_to(2)
    d = tf.count_up_to(v, 3)
    out = [c.name, c.op.type, d.name, c.op.get_attr("limit"), str(c.shape), c.dtype.name]
    with tf.Session() as sess:
        sess.run(v.initializer)
        out.append([int(sess.run(c)) for _ in range(2)])
        out.append(_run_error(sess.run, c))
        out.append(int(sess.run(d)))
        out.append(_run_error(sess.run, d))
    return out


@case
def count_up_to_int64_and_float(tf):
    v = tf.Variable(tf.constant(5, tf.int64), name="v")
    c = v.count_up_to(7)
    f = tf.Variable(1.0, name="f")
    with tf.Session() as sess:
        sess.run(v.initializer)
        got = [int(sess.run(c)), int(sess.run(c))]
    return [c.dtype.name, got, raises(f.count_up_to, 3)]


@case
def variable_def_round_trip(tf):
    with tf.name_scope("s"):
        v = tf.Variable([1.0, 2.0], name="v")
    p = v.to_proto()
    w = tf.Variable.from_proto(p)
    return [p.variable_name, p.initializer_name, p.snapshot_name, p.initial_value_name, p.trainable,
            w.name, w.initializer.name, w.value().name, w.initial_value.name, w.trainable, str(w.shape)]


@case
def variable_def_with_export_scope(tf):
    with tf.name_scope("s"):
        v = tf.Variable(1.0, name="v")
    u = tf.Variable(1.0, name="u")
    p = v.to_proto(export_scope="s")
    return [p.variable_name, p.snapshot_name, u.to_proto(export_scope="s")]


@case
def variable_def_of_a_non_trainable_variable(tf):
    v = tf.Variable(1.0, name="v", trainable=False)
    w = tf.Variable.from_proto(v.to_proto())
    return [v.to_proto().trainable, w.trainable]


@case
def variable_operators_are_the_tensor_operators(tf):
    v = tf.Variable(1.0, name="v")
    out = []
    for key in ("__add__", "__radd__", "__sub__", "__mul__", "__rmul__", "__truediv__", "__matmul__",
                "__pow__", "__rpow__", "__and__", "__or__", "__xor__", "__lt__", "__ge__",
                "__abs__", "__invert__", "__mod__", "__floordiv__"):
        fv, ft = getattr(type(v), key), getattr(tf.Tensor, key)
        out.append([key, fv.__module__ == ft.__module__, fv.__name__ == ft.__name__,
                    fv.__qualname__ == ft.__qualname__, fv.__doc__ == ft.__doc__, hasattr(fv, "__wrapped__")])
    return out


@case
def variable_getitem_is_in_the_slicing_module(tf):
    v = tf.Variable([1.0, 2.0], name="v")
    return [type(v).__getitem__.__module__ == tf.Tensor.__getitem__.__module__, v[0].name, v[1:].name]


@case
def variable_operators_build_on_the_read(tf):
    v = tf.Variable([1.0, 2.0], name="v")
    ys = [v + 1.0, 1.0 + v, -v, abs(v), v @ tf.ones([2, 1]) if False else v * v, v < 2.0, v ** 2]
    return [[y.name, [t.name for t in y.op.inputs]] for y in ys]


@case
def variable_creator_scope_left_out_of_order(tf):
    calls = []

    def creator(next_creator, **kwargs):
        calls.append(kwargs.get("name"))
        return next_creator(**kwargs)

    outer = tf.variable_creator_scope(creator)
    outer.__enter__()
    with tf.variable_creator_scope(creator):
        error = raises(outer.__exit__, None, None, None)
        tf.Variable(1.0, name="inside")
    tf.Variable(1.0, name="after")  # the failed exit left the outer creator in place
    return [error, calls]


@case
def variable_creator_scopes_nested_in_order(tf):
    calls = []

    def make(tag):
        def creator(next_creator, **kwargs):
            calls.append([tag, kwargs.get("name")])
            return next_creator(**kwargs)
        return creator

    with tf.variable_creator_scope(make("a")):
        with tf.variable_creator_scope(make("b")):
            tf.Variable(1.0, name="v")
        tf.Variable(1.0, name="w")
    tf.Variable(1.0, name="x")
    return calls
