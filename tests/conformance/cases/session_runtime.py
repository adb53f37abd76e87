"""Conformance cases for Session behaviour: fetch structures, feeds, callables, default
sessions, variables per session, and the class, node and wording of runtime errors.

Runtime error messages are compared without TensorFlow's ``File ...`` lines (ops here keep
no creation traceback). Where the text comes from a kernel (reshape, matmul, gather, ...),
only the session's part is compared: class, failing node, and the message frame.
"""

import collections

import numpy as np

from tests.conformance.harness import case, message, raises


def _op_error(fn, *args, **kwargs):
    """Class, code, op and full message (minus frame lines) of an OpError; else raises()."""
    try:
        result = fn(*args, **kwargs)
    except Exception as e:  # noqa: BLE001
        text = getattr(e, "message", None)
        if not isinstance(text, str):
            return {"error": type(e).__name__, "message": message(e)}
        lines = [ln for ln in text.split("\n") if not ln.startswith("    ")]
        return {"error": type(e).__name__, "code": e.error_code, "message": lines,
                "op": None if e.op is None else e.op.name,
                "node_def": None if e.node_def is None else e.node_def.name}
    return {"ok": repr(result)}


def _frame_only(got):
    """An ``_op_error`` result with the kernel's own sentence left out."""
    if "message" in got and isinstance(got["message"], list):
        got["message"] = [ln for ln in got["message"] if ln.startswith(("Graph", "Detected", "Node:", "\t [["))
                          or not ln]
    return got


def _type_and_value(v):
    return [type(v).__name__, v.tolist() if isinstance(v, np.ndarray) else v]


# -- fetch structures ----------------------------------------------------------------------------
@case
def fetch_namedtuple(tf):
    Pair = collections.namedtuple("Pair", "a b")
    a, b = tf.constant(1.0), tf.constant([2, 3])
    with tf.Session() as sess:
        out = sess.run(Pair(a, [b, a]))
    return [type(out).__name__, out._fields, float(out.a), out.b[0].tolist(), float(out.b[1])]


@case
def fetch_ordered_dict(tf):
    a, b = tf.constant(1), tf.constant(2)
    with tf.Session() as sess:
        out = sess.run(collections.OrderedDict([("z", a), ("a", b)]))
    return [type(out).__name__, list(out.items())]


@case
def fetch_defaultdict_keeps_factory(tf):
    fetch = collections.defaultdict(list)
    fetch["x"] = tf.constant(3)
    with tf.Session() as sess:
        out = sess.run(fetch)
    return [type(out).__name__, out["x"], out["missing"]]


@case
def fetch_dict_with_op_and_duplicates(tf):
    a = tf.constant(1.0)
    n = tf.no_op(name="n")
    with tf.Session() as sess:
        out = sess.run({"op": n, "v": [a, a], "t": (a, n)})
    return [out["op"], out["v"], type(out["t"]).__name__, list(out["t"])]


@case
def fetch_variable_object(tf):
    v = tf.Variable([1.0, 2.0], name="v")
    with tf.Session() as sess:
        sess.run(v.initializer)
        out = sess.run(v)
        by_name = sess.run("v:0")
    return [_type_and_value(out), _type_and_value(by_name)]


@case
def fetch_result_types(tf):
    with tf.Session() as sess:
        out = sess.run([tf.constant(1.5), tf.constant(2, tf.int64), tf.constant([1, 2], tf.int8),
                        tf.constant(True), tf.constant("s"), tf.constant([b"a", b"b"])])
    return [[type(v).__name__, str(getattr(v, "dtype", ""))] for v in out]


@case
def fetch_results_are_copies(tf):
    c = tf.constant([1.0, 2.0])
    v = tf.Variable([3.0, 4.0])
    with tf.Session() as sess:
        sess.run(v.initializer)
        got_c, got_v, got_read = sess.run([c, v, v.value()])
        got_c[0] = got_v[0] = got_read[1] = 99.0
        return sess.run([c, v]) + [sess.run(v.value())]


@case
def fetch_set_error(tf):
    a = tf.constant(1)
    with tf.Session() as sess:
        return raises(sess.run, {a})


@case
def fetch_float_error(tf):
    tf.constant(1)
    with tf.Session() as sess:
        return raises(sess.run, 1.5)


@case
def fetch_bad_tensor_name_error(tf):
    tf.constant(1, name="c")
    with tf.Session() as sess:
        return [raises(sess.run, "c:1"), raises(sess.run, "a:b:c"), raises(sess.run, "missing")]


@case
def fetch_nested_none_error(tf):
    a = tf.constant(1)
    with tf.Session() as sess:
        return raises(sess.run, {"a": [a, None]})


# -- feeds ----------------------------------------------------------------------------------------
@case
def feed_fetch_fed_tensor_returns_array(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    y = x * 2.0
    with tf.Session() as sess:
        out = sess.run([x, y], feed_dict={x: 1.5})
    return [_type_and_value(out[0]), _type_and_value(out[1])]


@case
def feed_fetch_fed_array_is_same_object(tf):
    x = tf.placeholder(tf.float64, [2], name="x")
    value = np.array([1.0, 2.0])
    with tf.Session() as sess:
        return sess.run(x, feed_dict={x: value}) is value


@case
def feed_value_cast_to_placeholder_dtype(tf):
    f = tf.placeholder(tf.float32, [2], name="f")
    i = tf.placeholder(tf.int32, [2], name="i")
    b = tf.placeholder(tf.bool, [], name="b")
    with tf.Session() as sess:
        out = sess.run([f + 0, i + 0, tf.logical_not(b)],
                       feed_dict={f: np.array([1, 2], np.int64), i: [1.7, -2.7], b: 0.0})
    return [[str(v.dtype), v.tolist()] for v in out]


@case
def feed_python_int_overflow_error(tf):
    x = tf.placeholder(tf.int8, [], name="x")
    with tf.Session() as sess:
        return [raises(sess.run, x, feed_dict={x: 300}), raises(sess.run, x, feed_dict={x: -129})]


@case
def feed_int_into_uint8_and_bool_error(tf):
    u = tf.placeholder(tf.uint8, [], name="u")
    b = tf.placeholder(tf.bool, [], name="b")
    with tf.Session() as sess:
        return [raises(sess.run, u, feed_dict={u: -1}), raises(sess.run, b, feed_dict={b: 2})]


@case
def feed_int_into_string_error(tf):
    s = tf.placeholder(tf.string, [], name="s")
    with tf.Session() as sess:
        return raises(sess.run, s, feed_dict={s: 3})


@case
def feed_numpy_int_wraps_silently(tf):
    x = tf.placeholder(tf.int32, [], name="x")
    with tf.Session() as sess:
        return _type_and_value(sess.run(x + 0, feed_dict={x: np.int64(2 ** 32 + 5)}))


@case
def feed_string_to_float_error(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    with tf.Session() as sess:
        return raises(sess.run, x, feed_dict={x: "abc"})


@case
def feed_ragged_list_error(tf):
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    with tf.Session() as sess:
        return raises(sess.run, x, feed_dict={x: [[1.0, 2.0], [3.0]]})


@case
def feed_none_as_float_is_nan(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    with tf.Session() as sess:
        return str(sess.run(x + 0, feed_dict={x: None}))


@case
def feed_shape_errors(tf):
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    s = tf.placeholder(tf.float32, [], name="s")
    c = tf.constant([1.0, 2.0], name="c")
    with tf.Session() as sess:
        return [raises(sess.run, x, feed_dict={x: [[1.0, 2.0, 3.0]]}),
                raises(sess.run, s, feed_dict={s: [1.0]}),
                raises(sess.run, c * 2.0, feed_dict={c: [1.0]})]


@case
def feed_unknown_rank_any_shape(tf):
    x = tf.placeholder(tf.float32, name="x")
    with tf.Session() as sess:
        return [sess.run(x * 2.0, feed_dict={x: 3.0}).tolist(), sess.run(x * 2.0, feed_dict={x: [[1.0]]}).tolist()]


@case
def feed_key_errors(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    y = x + 1.0
    with tf.Session() as sess:
        return [raises(sess.run, y, feed_dict={3: 1.0}), raises(sess.run, y, feed_dict={y.op: 1.0}),
                raises(sess.run, y, feed_dict={"x": 1.0}), raises(sess.run, y, feed_dict={"x:5": 1.0})]


@case
def feed_value_is_tensor_error(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    with tf.Session() as sess:
        return raises(sess.run, x, feed_dict={x: tf.constant(1.0, name="k")})


@case
def feed_dict_not_a_mapping_error(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    with tf.Session() as sess:
        return raises(sess.run, x, feed_dict=[(x, 1.0)])


@case
def feed_tuple_keys(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    y = tf.placeholder(tf.float32, [], name="y")
    with tf.Session() as sess:
        ok = sess.run(x - y, feed_dict={(x, y): (5.0, 2.0)})
        short = raises(sess.run, x - y, feed_dict={(x, y): (5.0,)})
        dup = raises(sess.run, x - y, feed_dict={(x, y): (5.0, 2.0), x: 1.0})
    return [float(ok), short, dup]


@case
def feed_name_and_tensor_last_wins(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    with tf.Session() as sess:
        return float(sess.run(x * 1.0, feed_dict={"x:0": 1.0, x: 7.0}))


@case
def feed_variable_replaces_its_value(tf):
    v = tf.Variable(1.0, name="v")
    with tf.Session() as sess:
        return [float(sess.run(v.value() * 2.0, feed_dict={v: 5.0})), _type_and_value(sess.run(v, feed_dict={v: 4.0}))]


@case
def feed_intermediate_tensor_skips_upstream(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    h = x * 3.0
    out = h + 1.0
    with tf.Session() as sess:
        return float(sess.run(out, feed_dict={h: 10.0}))


@case
def feed_strings(tf):
    s = tf.placeholder(tf.string, [None], name="s")
    with tf.Session() as sess:
        computed = sess.run(tf.identity(s), feed_dict={s: ["ab", b"c", "\u00e9"]})
        fed = sess.run(s, feed_dict={s: np.array(["ab", "c"])})
    return [computed.tolist(), [type(v).__name__ for v in fed]]


@case
def feed_ints_into_string_runtime_error(tf):
    s = tf.placeholder(tf.string, [None], name="s")
    with tf.Session() as sess:
        return _op_error(sess.run, tf.identity(s), feed_dict={s: [1, 2]})


# -- runtime errors -------------------------------------------------------------------------------
@case
def error_unfed_placeholder_structure(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    y = tf.placeholder(tf.float32, [2], name="y")
    with tf.Session() as sess:
        return _op_error(sess.run, x + y, feed_dict={x: [1.0, 2.0]})


@case
def error_uninitialized_variable_read(tf):
    v = tf.Variable([1.0, 2.0], name="v")
    with tf.Session() as sess:
        return _op_error(sess.run, v * 2.0)


@case
def error_uninitialized_variable_fetch_retval(tf):
    v = tf.Variable(1.0, name="scope_v")
    c = tf.constant(1.0, name="c")
    with tf.Session() as sess:
        return [_op_error(sess.run, v), _op_error(sess.run, [c, v]), _op_error(sess.run, [v, c, c + 1.0])]


@case
def error_uninitialized_variable_assign_add(tf):
    v = tf.Variable([1.0, 2.0], name="v")
    inc = tf.assign_add(v, [1.0, 1.0], name="inc")
    with tf.Session() as sess:
        return _op_error(sess.run, inc)


@case
def error_assign_shape_at_runtime(tf):
    v = tf.Variable([1.0, 2.0], name="v")
    p = tf.placeholder(tf.float32, None, name="p")
    a = tf.assign(v, p, name="a")
    with tf.Session() as sess:
        sess.run(v.initializer)
        return _op_error(sess.run, a, feed_dict={p: [1.0, 2.0, 3.0]})


@case
def error_reshape_at_runtime_frame(tf):
    x = tf.placeholder(tf.float32, [None], name="x")
    r = tf.reshape(x, [2, 3], name="r")
    with tf.Session() as sess:
        return _frame_only(_op_error(sess.run, r, feed_dict={x: np.zeros(5)}))


@case
def error_matmul_at_runtime_frame(tf):
    a = tf.placeholder(tf.float32, None, name="a")
    b = tf.placeholder(tf.float32, None, name="b")
    m = tf.matmul(a, b, name="mm")
    with tf.Session() as sess:
        return _frame_only(_op_error(sess.run, m, feed_dict={a: np.zeros((2, 3)), b: np.zeros((4, 5))}))


@case
def error_gather_out_of_range_frame(tf):
    p = tf.placeholder(tf.float32, [None, 2], name="p")
    i = tf.placeholder(tf.int32, [None], name="i")
    g = tf.gather(p, i, name="g")
    with tf.Session() as sess:
        return _frame_only(_op_error(sess.run, g, feed_dict={p: np.zeros((3, 2)), i: [0, 5]}))


@case
def error_broadcast_at_runtime_frame(tf):
    a = tf.placeholder(tf.float32, None, name="a")
    b = tf.placeholder(tf.float32, None, name="b")
    s = tf.add(a, b, name="s")
    with tf.Session() as sess:
        return _frame_only(_op_error(sess.run, s, feed_dict={a: np.zeros((2, 3)), b: np.zeros(4)}))


@case
def error_is_caught_as_op_error(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    with tf.Session() as sess:
        try:
            sess.run(x)
        except tf.errors.OpError as e:
            return [isinstance(e, tf.errors.InvalidArgumentError), e.error_code, e.op.type,
                    e.node_def.name, e.node_def.op]
    return "no error"


@case
def error_session_usable_after_runtime_error(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    with tf.Session() as sess:
        first = _op_error(sess.run, x * 2.0)["error"]
        return [first, float(sess.run(x * 2.0, feed_dict={x: 2.0}))]


# -- execution ------------------------------------------------------------------------------------
@case
def run_targets_only_returns_none(tf):
    v = tf.Variable(0, name="v")
    inc = tf.assign_add(v, 1)
    with tf.Session() as sess:
        sess.run(v.initializer)
        out = [sess.run(inc.op), sess.run([inc.op, inc.op]), sess.run(v)]
    return out


@case
def run_each_fetch_runs_stateful_op_once(tf):
    v = tf.Variable(0, name="v")
    inc = tf.assign_add(v, 1)
    with tf.Session() as sess:
        sess.run(v.initializer)
        out = sess.run([inc, inc, inc.op])
        return [out[0], out[1], out[2], sess.run(v)]


@case
def run_identity_after_assign_reads_new_value(tf):
    v = tf.Variable(1.0, name="v")
    with tf.Session() as sess:
        sess.run(v.initializer)
        a = tf.assign(v, 5.0)
        with tf.control_dependencies([a]):
            r = tf.identity(v)
        return [float(sess.run(r)), float(sess.run(v))]


@case
def run_ops_added_after_first_run(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    y = x * 2.0
    with tf.Session() as sess:
        first = float(sess.run(y, feed_dict={x: 1.0}))
        z = y + 10.0
        return [first, float(sess.run(y, feed_dict={x: 2.0})), float(sess.run(z, feed_dict={x: 3.0}))]


@case
def run_unused_unfed_placeholder_is_pruned(tf):
    tf.placeholder(tf.float32, [], name="unused")
    c = tf.constant(2.0) * 3.0
    with tf.Session() as sess:
        return float(sess.run(c))


@case
def run_float_division_by_zero_is_inf(tf):
    a = tf.placeholder(tf.float32, [], name="a")
    b = tf.placeholder(tf.float32, [], name="b")
    with tf.Session() as sess:
        return [str(v) for v in sess.run([a / b, b / b], feed_dict={a: 1.0, b: 0.0})]


@case
def run_options_and_metadata_accepted(tf):
    c = tf.constant(3.0)
    meta = tf.RunMetadata()
    with tf.Session() as sess:
        out = sess.run(c, options=tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE), run_metadata=meta)
        bad_options = raises(sess.run, c, options=3)
        bad_meta = raises(sess.run, c, run_metadata="m")
    return [float(out), bad_options, bad_meta]


# -- make_callable --------------------------------------------------------------------------------
@case
def callable_with_feed_list(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    y = tf.placeholder(tf.float32, [], name="y")
    n = tf.no_op(name="n")
    with tf.Session() as sess:
        add = sess.make_callable(x + y, [x, y])
        struct = sess.make_callable({"s": [x * y, n], "t": (x,)}, ["x:0", "y:0"])
        out = struct(2.0, 3.0)
        return [float(add(1.0, 2.0)), float(add(3.0, 4.0)), float(out["s"][0]), out["s"][1],
                _type_and_value(out["t"][0]), float(add(1.0, 2.0, 9.0))]


@case
def callable_without_feed_list(tf):
    c = tf.constant([1, 2])
    n = tf.no_op()
    with tf.Session() as sess:
        return [sess.make_callable(c)().tolist(), sess.make_callable(n)(), sess.make_callable([c, n])()[0].tolist()]


@case
def callable_errors(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    y = tf.placeholder(tf.float32, [], name="y")
    with tf.Session() as sess:
        f = sess.make_callable(x + y, [x, y])
        return [raises(sess.make_callable, x, x), raises(sess.make_callable, None),
                _frame_only(_op_error(f, 1.0)), raises(f, [1.0], 2.0),
                _op_error(sess.make_callable([])), sess.make_callable([], [x])(1.0)]


@case
def callable_after_close(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    c = tf.constant(1.0)
    sess = tf.Session()
    plain = sess.make_callable(c)
    fed = sess.make_callable(x * 2.0, [x])
    fed(1.0)
    sess.close()
    return [_op_error(plain), raises(fed, 1.0)]


# -- sessions, defaults, lifetime -----------------------------------------------------------------
@case
def session_constructor_errors(tf):
    return [raises(tf.Session, graph=3), raises(tf.Session, 3), raises(tf.Session, config=3),
            raises(tf.Session, tf.ConfigProto())]


@case
def session_with_config(tf):
    config = tf.ConfigProto(allow_soft_placement=True, log_device_placement=False)
    config.gpu_options.allow_growth = True
    config.intra_op_parallelism_threads = 2
    with tf.Session(config=config) as sess:
        out = float(sess.run(tf.constant(2.0)))
    return [out, str(config)]


@case
def config_proto_errors(tf):
    config = tf.ConfigProto()
    return [raises(tf.ConfigProto, foo=1), raises(setattr, config, "foo", 1),
            raises(setattr, config, "gpu_options", tf.GPUOptions()), raises(tf.ConfigProto, allow_soft_placement="x")]


@case
def session_as_default_keeps_default_graph(tf):
    g = tf.Graph()
    sess = tf.Session(graph=g)
    with sess.as_default():
        inside = [tf.get_default_session() is sess, tf.get_default_graph() is g]
    with sess:
        in_with = [tf.get_default_session() is sess, tf.get_default_graph() is g]
    return [inside, in_with, tf.get_default_session() is None]


@case
def session_not_reentrant(tf):
    c = tf.constant(1.0)
    sess = tf.Session()

    def enter_twice():
        with sess:
            with sess:
                pass
    first = raises(enter_twice)
    return [first, raises(sess.run, c)]


@case
def session_nested_as_default(tf):
    s1, s2 = tf.Session(), tf.Session()
    with s1.as_default():
        with s2.as_default():
            inner = tf.get_default_session() is s2
        outer = tf.get_default_session() is s1
    s1.close()
    s2.close()
    return [inner, outer]


@case
def session_exit_returns(tf):
    sess = tf.Session()
    entered = sess.__enter__() is sess
    return [entered, sess.__exit__(None, None, None)]


@case
def session_misc_properties(tf):
    sess = tf.Session()
    devices = [(d.name, d.device_type, d.memory_limit_bytes) for d in sess.list_devices()]
    out = [sess.sess_str, devices, tf.Session.reset("")]
    sess.close()
    return out


@case
def eval_and_run_graph_mismatch_errors(tf):
    c = tf.constant(1.0)
    n = tf.no_op()
    other = tf.Session(graph=tf.Graph())
    with other.as_default():
        default_eval = raises(c.eval)
        default_run = raises(n.run)
    return [default_eval, default_run, raises(c.eval, session=other), raises(n.run, session=other), raises(n.run)]


@case
def interactive_session_defaults(tf):
    g = tf.Graph()
    sess = tf.InteractiveSession(graph=g)
    with g.as_default():
        c = tf.constant(4.0)
    during = [tf.get_default_session() is sess, tf.get_default_graph() is g, float(c.eval())]
    sess.close()
    sess.close()
    after = [tf.get_default_session() is None, tf.get_default_graph() is g]
    return [during, after, isinstance(sess, tf.Session)]


@case
def interactive_session_on_default_graph(tf):
    sess = tf.InteractiveSession()
    v = tf.Variable(2.0)
    v.initializer.run()
    out = [float(v.eval()), float((v * 3.0).eval())]
    sess.close()
    return [out, raises(v.eval)]


@case
def variables_freed_by_close(tf):
    v = tf.Variable(1.0, name="v")
    sess = tf.Session()
    sess.run(v.initializer)
    before = float(sess.run(v))
    sess.close()
    return [before, raises(sess.run, v)]


@case
def eval_feed_dict_and_op_run_feed(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    v = tf.Variable(0.0, name="v")
    a = tf.assign(v, x * 2.0)
    with tf.Session() as sess:
        sess.run(v.initializer)
        a.op.run(feed_dict={x: 4.0})
        return [float(v.eval()), float((x + 1.0).eval(feed_dict={x: 1.0})), float(v.eval(session=sess))]


@case
def random_stream_continues_across_fetch_sets(tf):
    tf.set_random_seed(1)
    r = tf.random_uniform([3], seed=2)
    z = r * 1.0
    with tf.Session() as s:
        first, (second, doubled) = s.run(r), s.run([r, z])
    with tf.Session() as s:
        again_first, again_second = s.run(r), s.run(r)
    return [bool(np.array_equal(first, second)), bool(np.array_equal(second, doubled)),
            bool(np.array_equal(first, again_first)), bool(np.array_equal(second, again_second))]


@case
def feed_satisfies_control_dependency_on_placeholder(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    with tf.control_dependencies([x]):
        y = tf.constant(1.0, name="one") + 1.0
    with tf.Session() as sess:
        return [float(sess.run(y, feed_dict={x: 1.0})), _op_error(sess.run, y)["error"]]
