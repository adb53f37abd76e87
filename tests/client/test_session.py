"""Session: fetch structures, feeds, the fast call path, callables, defaults and lifetime."""

import collections
import logging

import numpy as np
import pytest

import scopeflow as tf


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()
    yield


# -- fetches ---------------------------------------------------------------------------------
class _AttrsLike:
    """Looks like an ``attrs`` class to the session: ``__attrs_attrs__`` lists the fields."""

    __attrs_attrs__ = (type("A", (), {"name": "a"})(), type("A", (), {"name": "b"})())

    def __init__(self, a, b):
        self.a, self.b = a, b


def test_fetch_structures_are_rebuilt():
    Pair = collections.namedtuple("Pair", "x y")
    a, b = tf.constant(1), tf.constant(2)
    n = tf.no_op()
    default = collections.defaultdict(int)
    default["k"] = b
    with tf.Session() as sess:
        out = sess.run({"p": Pair(a, [b, n]), "t": (a,), "d": default, "o": _AttrsLike(a, b)})
    assert out["p"] == Pair(1, [2, None])
    assert out["t"] == (1,) and type(out["t"]) is tuple
    assert type(out["d"]) is collections.defaultdict and out["d"]["missing"] == 0 and out["d"]["k"] == 2
    assert type(out["o"]) is _AttrsLike and (out["o"].a, out["o"].b) == (1, 2)


def test_list_subclass_comes_back_as_list():
    class MyList(list):
        pass
    with tf.Session() as sess:
        assert type(sess.run(MyList([tf.constant(1)]))) is list


def test_duplicates_and_ops_in_flat_fetches():
    a, b = tf.constant(1.0), tf.constant(2.0)
    n = tf.no_op()
    with tf.Session() as sess:
        for _ in range(2):  # the second call takes the cached fast path
            assert sess.run([a, b, a, n]) == [1.0, 2.0, 1.0, None]
            assert sess.run((n,)) == (None,)
            assert sess.run([b]) == [2.0]
            assert sess.run(n) is None
            assert sess.run([]) == [] and sess.run(()) == ()


@pytest.mark.parametrize("fetch, error, text", [
    (None, TypeError, 'Argument `fetch` = None has invalid type "NoneType". Cannot be None'),
    (1.5, TypeError, 'Argument `fetch` = 1.5 has invalid type "float" must be a string or Tensor.'),
    ("nope:0", ValueError, "Argument `fetch` = nope:0 cannot be interpreted as a Tensor."),
    ("nope", ValueError, "refers to an Operation not in the graph"),
])
def test_fetch_errors(fetch, error, text):
    tf.constant(1.0)
    with tf.Session() as sess:
        with pytest.raises(error) as info:
            sess.run([tf.constant(2.0), fetch])
    assert text in str(info.value)


def test_fetch_from_another_graph_fails_every_time():
    other = tf.Graph()
    with other.as_default():
        foreign = tf.constant(1.0)
    mine = tf.constant(2.0)
    with tf.Session() as sess:
        assert sess.run([mine]) == [2.0]
        for _ in range(2):
            with pytest.raises(ValueError, match="is not an element of this graph"):
                sess.run([foreign])


def test_unfetchable_op_is_refused(monkeypatch):
    c = tf.constant(1.0)
    graph = tf.get_default_graph()
    monkeypatch.setattr(graph, "is_fetchable", lambda op: op is not c.op, raising=False)
    with tf.Session() as sess:
        with pytest.raises(ValueError, match="has been marked as not fetchable"):
            sess.run(c)


# -- feeds -----------------------------------------------------------------------------------
def test_feed_conversions_follow_numpy_casting():
    i = tf.placeholder(tf.int32, [2], name="i")
    f = tf.placeholder(tf.float16, [], name="f")
    with tf.Session() as sess:
        assert sess.run(i + 0, feed_dict={i: [1.9, -1.9]}).tolist() == [1, -1]
        assert sess.run(f + 0, feed_dict={f: 0.5}).dtype == np.float16
        assert sess.run(i + 0, feed_dict={i: np.array([2 ** 33 + 1, 2], np.int64)}).tolist() == [1, 2]


@pytest.mark.parametrize("dtype, value, message", [
    (tf.int8, 128, "Type of feed value 128 with type <class 'int'> is not compatible with Tensor type "
                   "<class 'numpy.int8'>. Try explicitly setting the type of the feed tensor to a larger type "
                   "(e.g. int64)."),
    (tf.string, 1, "Type of feed value 1 with type <class 'int'> is not compatible with Tensor type "
                   "<class 'object'>."),
])
def test_python_int_that_does_not_fit_is_refused(dtype, value, message):
    x = tf.placeholder(dtype, [], name="x")
    with tf.Session() as sess:
        with pytest.raises(TypeError) as info:
            sess.run(x, feed_dict={x: value})
    assert str(info.value).startswith(message)


def test_feed_shape_checks_use_the_current_static_shape():
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    with tf.Session() as sess:
        assert sess.run(x * 1.0, feed_dict={x: np.zeros((3, 2))}).shape == (3, 2)
        with pytest.raises(ValueError, match=r"Cannot feed value of shape \(1, 3\) for Tensor x:0, which has "
                                             r"shape \(\?, 2\)"):
            sess.run(x * 1.0, feed_dict={x: np.zeros((1, 3))})
        x.set_shape([3, 2])
        with pytest.raises(ValueError, match=r"which has shape \(3, 2\)"):
            sess.run(x * 1.0, feed_dict={x: np.zeros((1, 2))})


def test_feed_key_errors():
    x = tf.placeholder(tf.float32, [], name="x")
    other = tf.Graph()
    with other.as_default():
        foreign = tf.placeholder(tf.float32, [])
    with tf.Session() as sess:
        for key, text in [(3, "Can not convert a int into a Tensor."), (x.op, "Can not convert a Operation"),
                          ("x", "refers to an Operation, not a Tensor"), (foreign, "is not an element of this graph")]:
            with pytest.raises(TypeError, match="Cannot interpret feed_dict key as Tensor: ") as info:
                sess.run(x, feed_dict={key: 1.0})
            assert text in str(info.value)


def test_feed_value_checks():
    x = tf.placeholder(tf.float32, [], name="x")
    with tf.Session() as sess:
        with pytest.raises(TypeError, match="The value of a feed cannot be a tf.Tensor object"):
            sess.run(x, feed_dict={x: tf.constant(1.0)})
        with pytest.raises(ValueError, match="could not convert string to float"):
            sess.run(x, feed_dict={x: "abc"})
        with pytest.raises(TypeError, match="FlattenDictItems: 'dict' must be a dictionary"):
            sess.run(x, feed_dict=[(x, 1.0)])


def test_feed_errors_come_before_fetch_errors():
    x = tf.placeholder(tf.float32, [], name="x")
    with tf.Session() as sess:
        with pytest.raises(ValueError, match="Cannot feed value of shape"):
            sess.run(None, feed_dict={x: [1.0]})


def test_tuple_keys_feed_several_tensors():
    x = tf.placeholder(tf.float32, [], name="x")
    y = tf.placeholder(tf.float32, [], name="y")
    with tf.Session() as sess:
        assert sess.run(x - y, feed_dict={(x, (y,)): [5.0, (2.0,)]}) == 3.0
        with pytest.raises(ValueError, match="Key had 2 elements, but value had 1 elements"):
            sess.run(x - y, feed_dict={(x, y): 1.0})
        with pytest.raises(ValueError, match="Cannot flatten dict because this key is not unique"):
            sess.run(x - y, feed_dict={(x, y): (1.0, 2.0), y: 3.0})


def test_unfeedable_tensor_is_refused(monkeypatch):
    x = tf.placeholder(tf.float32, [], name="x")
    monkeypatch.setattr(tf.get_default_graph(), "is_feedable", lambda t: False, raising=False)
    with tf.Session() as sess:
        with pytest.raises(ValueError, match="Tensor x:0 may not be fed."):
            sess.run(x, feed_dict={x: 1.0})


def test_fast_path_converts_and_checks_every_call():
    a = tf.placeholder(tf.float32, [2], name="a")
    b = tf.placeholder(tf.int32, [], name="b")
    out = a * tf.cast(b, tf.float32)
    with tf.Session() as sess:
        assert sess.run(out, feed_dict={a: [1, 2], b: 2}).tolist() == [2.0, 4.0]
        assert sess.run(out, feed_dict={a: [3, 4], b: 3}).tolist() == [9.0, 12.0]
        with pytest.raises(ValueError, match="Cannot feed value of shape"):
            sess.run(out, feed_dict={a: [1, 2, 3], b: 2})
        with pytest.raises(TypeError, match="Type of feed value"):
            sess.run(out, feed_dict={a: [1, 2], b: 2 ** 40})
        assert sess.plans_compiled == 1


# -- variables -------------------------------------------------------------------------------
def test_variables_live_in_each_session():
    v = tf.Variable(0, name="v")
    inc = tf.assign_add(v, 1)
    s1, s2 = tf.Session(), tf.Session()
    for s in (s1, s2):
        s.run(v.initializer)
    s1.run(inc)
    s1.run(inc)
    s2.run(inc)
    assert (s1.run(v), s2.run(v)) == (2, 1)
    s1.close()
    assert s2.run(v) == 1
    s2.close()


# -- make_callable ---------------------------------------------------------------------------
def test_callable_returns_structures_and_accepts_names():
    x = tf.placeholder(tf.float32, [], name="x")
    y = tf.placeholder(tf.float32, [], name="y")
    n = tf.no_op()
    with tf.Session() as sess:
        f = sess.make_callable({"s": [x + y, n], "x": (x,)}, ["x:0", y])
        for _ in range(2):
            out = f(1.0, 2.0)
            assert out["s"] == [3.0, None] and out["x"][0].tolist() == 1.0
        assert sess.make_callable(n)() is None
        assert sess.make_callable([x + y, n], [x, y])(1.0, 1.0) == [2.0, None]


def test_callable_with_wrong_argument_count_behaves_like_run():
    x = tf.placeholder(tf.float32, [], name="x")
    y = tf.placeholder(tf.float32, [], name="y")
    with tf.Session() as sess:
        f = sess.make_callable(x + y, [x, y])
        assert f(1.0, 2.0) == 3.0
        assert f(1.0, 2.0, 100.0) == 3.0  # extra values are ignored, as zip() in TensorFlow ignores them
        with pytest.raises(tf.errors.InvalidArgumentError, match="placeholder tensor 'y'"):
            f(1.0)


def test_callable_with_duplicate_feeds_uses_the_last_value():
    x = tf.placeholder(tf.float32, [], name="x")
    with tf.Session() as sess:
        f = sess.make_callable(x * 1.0, [x, "x:0"])
        assert f(1.0, 2.0) == 2.0 and f(3.0, 4.0) == 4.0


def test_callable_options():
    c = tf.constant(1.0)
    x = tf.placeholder(tf.float32, [], name="x")
    with tf.Session() as sess:
        with_options = sess.make_callable(c, accept_options=True)
        assert with_options(options=tf.RunOptions(), run_metadata=tf.RunMetadata()) == 1.0
        with pytest.raises(TypeError):
            sess.make_callable(c)(options=None)
        fed = sess.make_callable(x * 2.0, [x])
        assert fed(1.0) == 2.0 and fed(2.0, options=tf.RunOptions()) == 4.0


def test_callable_errors():
    x = tf.placeholder(tf.float32, [], name="x")
    with tf.Session() as sess:
        with pytest.raises(TypeError, match="Argument `feed_list` must be a list or tuple"):
            sess.make_callable(x, x)
        with pytest.raises(TypeError, match="Cannot be None"):
            sess.make_callable(None)
        with pytest.raises(tf.errors.InvalidArgumentError, match="Must specify at least one target"):
            sess.make_callable([])()
        assert sess.make_callable([], [x])(1.0) == []
    plain = sess.make_callable(tf.constant(1.0))
    with pytest.raises(tf.errors.CancelledError, match="Session has been closed."):
        plain()


# -- lifetime and defaults -------------------------------------------------------------------
def test_closed_and_empty_sessions():
    with tf.Session() as sess:
        with pytest.raises(RuntimeError, match="The Session graph is empty."):
            sess.run([])
    c = tf.constant(1.0)
    with tf.Session() as sess:
        assert sess.run(c) == 1.0
    with pytest.raises(RuntimeError, match="Attempted to use a closed Session."):
        sess.run(c)
    sess.close()


def test_constructor_argument_checks():
    with pytest.raises(TypeError, match='Argument `graph` must be a tf.Graph, but got "int"'):
        tf.Session(graph=3)
    with pytest.raises(TypeError, match='Did you do "Session\\(config\\)"'):
        tf.Session(tf.ConfigProto())
    with pytest.raises(TypeError, match='Argument `config` must be a tf.ConfigProto'):
        tf.Session(config={})
    sess = tf.Session(b"", config=tf.ConfigProto(allow_soft_placement=True))
    assert sess.sess_str == b""
    assert [d.device_type for d in sess.list_devices()] == ["CPU"]
    assert tf.Session.reset("") is None


def test_run_options_type_checks():
    c = tf.constant(1.0)
    with tf.Session() as sess:
        with pytest.raises(AttributeError, match="SerializeToString"):
            sess.run(c, options={})
        with pytest.raises(AttributeError, match="ParseFromString"):
            sess.run(c, run_metadata={})


def test_with_block_sets_defaults_and_as_default_only_the_session():
    g = tf.Graph()
    sess = tf.Session(graph=g)
    with sess.as_default():
        assert tf.get_default_session() is sess and tf.get_default_graph() is not g
    with sess:
        assert tf.get_default_session() is sess and tf.get_default_graph() is g
        with pytest.raises(RuntimeError, match="not re-entrant"):
            sess.__enter__()
    assert tf.get_default_session() is None


def test_eval_and_run_use_the_right_session():
    c = tf.constant(2.0)
    n = tf.no_op()
    other = tf.Session(graph=tf.Graph())
    with pytest.raises(ValueError, match="No default session is registered"):
        c.eval()
    with other.as_default():
        with pytest.raises(ValueError, match="Cannot use the default session to evaluate tensor"):
            c.eval()
        with pytest.raises(ValueError, match="Cannot use the default session to execute operation"):
            n.run()
    with pytest.raises(ValueError, match="Cannot use the given session to evaluate tensor"):
        c.eval(session=other)
    with pytest.raises(ValueError, match="Cannot use the given session to execute operation"):
        n.run(session=other)
    with tf.Session() as sess:
        assert c.eval() == 2.0 and (c * 2.0).eval(session=sess) == 4.0 and n.run() is None


def test_interactive_session_installs_itself(caplog):
    g = tf.Graph()
    first = tf.InteractiveSession(graph=g)
    assert tf.get_default_session() is first and tf.get_default_graph() is g
    assert not isinstance(first, tf.Session)
    with caplog.at_level(logging.ERROR, logger="scopeflow"):
        second = tf.InteractiveSession()
    assert "An interactive session is already active" in caplog.text
    assert tf.get_default_session() is second
    second.close()
    first.close()
    first.close()
    assert tf.get_default_session() is None and tf.get_default_graph() is not g


# -- the call cache --------------------------------------------------------------------------
def test_repeated_calls_skip_validation(monkeypatch):
    from scopeflow._src.client import session as session_module
    built = []
    real = session_module.FetchStructure
    monkeypatch.setattr(session_module, "FetchStructure", lambda g, f: built.append(f) or real(g, f))
    Pair = collections.namedtuple("Pair", "a b")
    v = tf.Variable(1.0, name="v")
    x = tf.placeholder(tf.float32, [], name="x")
    c = tf.constant(2.0, name="c")
    calls = [lambda: sess.run(v), lambda: sess.run("c:0"), lambda: sess.run({"a": [c, v], "b": Pair(c, "c")}),
             lambda: sess.run(c, feed_dict={"x:0": 1.0}), lambda: sess.run([v, c], {x: 3.0})]
    with tf.Session() as sess:
        sess.run(v.initializer)
        built.clear()
        first = [call() for call in calls]
        n_built = len(built)
        second = [call() for call in calls]
    assert len(built) == n_built == len(calls)
    assert repr(first) == repr(second)


def test_calls_without_a_key_still_work_every_time():
    x = tf.placeholder(tf.float32, [], name="x")
    y = tf.placeholder(tf.float32, [], name="y")
    default = collections.defaultdict(list)
    default["s"] = x + y
    with tf.Session() as sess:
        for i in range(2):
            assert sess.run(default, feed_dict={(x, y): (1.0, float(i))})["s"] == 1.0 + i
            assert sess.run(x * 1.0, feed_dict={"x:0": 1.0, x: 5.0 + i}) == 5.0 + i  # same tensor twice
        assert not sess._steps


def test_cached_steps_keep_their_key_objects_alive():
    import gc
    import weakref
    with tf.Session() as sess:
        v = tf.Variable(1.0, collections=[])
        sess.run(v.initializer)
        ref = weakref.ref(v)
        assert sess.run(v) == 1.0
        del v
        gc.collect()
        assert ref() is not None  # held by the cached step: no other object can reuse its id


def test_call_keys():
    from scopeflow._src.client import call_keys
    c = tf.constant(1.0)
    assert call_keys.fetch_key([c, "c:0", (c,)]) == (list, id(c), "c:0", (tuple, id(c)))
    for unkeyed in (None, 3, [c, None], {"a": 1.5}, collections.defaultdict(list)):
        assert call_keys.fetch_key(unkeyed) is None
    assert call_keys.feed_key(None) == () and call_keys.feed_key({}) == ()
    assert call_keys.feed_key({c: 1, "x:0": 2}) == (id(c), "x:0")
    assert call_keys.feed_key({(c,): (1,)}) is None and call_keys.feed_key([(c, 1)]) is None


# -- the checking first call and the cached step agree ------------------------------------------
def _calls():
    """(fetches, feed_dict) pairs over one graph: every fetch and feed shape ``run`` caches."""
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    k = tf.placeholder(tf.int32, [], name="k")
    v = tf.Variable([[1.0], [2.0]], name="v")
    y = tf.matmul(x, v)
    pair = collections.namedtuple("Pair", ["y", "k"])
    feeds = {x: [[1, 2], [3, 4]], k: 3}
    return v, [
        (y, feeds), ([y, k * 2], feeds), ((y,), {x: np.ones((1, 2), np.float32)}),
        ({"y": y, "nested": [k, {"again": y}]}, feeds), (pair(y, k), feeds), ("x:0", {"x:0": [[5.0, 6.0]]}),
        ([y.op, v, "v:0"], feeds), (x, {x: [[7, 8]]}), (k + 1, {k: np.int64(4)}),
    ]


def _same(a, b):
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[key], b[key]) for key in a)
    if isinstance(a, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(_same(p, q) for p, q in zip(a, b))
    return np.array_equal(a, b) and type(a) is type(b)


def test_repeated_runs_and_callables_return_what_the_first_run_returns():
    v, calls = _calls()
    with tf.Session() as sess:
        sess.run(v.initializer)
        for fetches, feed in calls:
            first = sess.run(fetches, feed)  # the full, checking path: it caches a step
            assert _same(sess.run(fetches, feed), first)  # the cached step
            keys = list(feed)
            callable_ = sess.make_callable(fetches, keys)
            assert _same(callable_(*feed.values()), first)  # the callable's first call runs run()
            assert _same(callable_(*feed.values()), first)  # then its own step
