"""Conformance cases for what TensorFlow's own graph tests check about scopes (issue 23): each
thread's device, colocation, control-dependency and name stacks in one graph once
``Graph.switch_to_thread_local`` is called, name-scope strings with extra slashes, the
interplay of ``colocate_with`` and ``device`` blocks, device functions that overwrite a
device, and ``unique_name``."""

import threading

from tests.conformance.harness import case, raises


def _in_threads(count, enter, build):
    """Run ``count`` threads that each enter ``enter(i)``, wait until every thread is inside
    its block, then build with ``build(i)``: each thread's stack must be its own."""
    inside = threading.Barrier(count)
    built = [None] * count
    failed = []

    def run(i):
        try:
            with enter(i):
                inside.wait(timeout=30)
                built[i] = build(i)
        except BaseException as e:  # reported to the case, never swallowed
            failed.append(e)
            inside.abort()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failed:
        raise failed[0]
    return built


def _groups(op):
    return [g.decode() for g in op.colocation_groups()]


@case
def switch_to_thread_local_returns_none(tf):
    g = tf.Graph()
    return [g.switch_to_thread_local(), g.switch_to_thread_local()]


@case
def thread_local_device_stacks(tf):
    g = tf.Graph()
    g.switch_to_thread_local()

    def build(i):
        with g.as_default():
            return tf.constant(float(i), name=f"c_{i}").op

    ops = _in_threads(3, lambda i: g.device(f"/job:worker/replica:{i}"), build)
    return [(op.name, op.device) for op in ops]


@case
def thread_local_colocation_stacks(tf):
    g = tf.Graph()
    anchors = []
    with g.as_default():
        for i in range(3):
            with g.device(f"/job:worker/replica:{i}"):
                anchors.append(tf.constant(float(i), name=f"anchor_{i}").op)
    g.switch_to_thread_local()

    def build(i):
        with g.as_default():
            return tf.constant(float(i), name=f"c_{i}").op

    ops = _in_threads(3, lambda i: g.colocate_with(anchors[i]), build)
    return [(op.name, op.device, _groups(op)) for op in ops]


@case
def thread_local_control_dependencies(tf):
    g = tf.Graph()
    with g.as_default():
        deps = [tf.constant(float(i), name=f"dep_{i}").op for i in range(3)]
    g.switch_to_thread_local()

    def build(i):
        with g.as_default():
            return tf.constant(float(i), name=f"c_{i}").op

    ops = _in_threads(3, lambda i: g.control_dependencies([deps[i]]), build)
    return [(op.name, [c.name for c in op.control_inputs]) for op in ops]


@case
def name_stacks_are_per_thread(tf):
    g = tf.Graph()

    def build(i):
        with g.as_default():
            return tf.constant(1.0).op.name

    names = _in_threads(3, lambda i: g.name_scope("foo"), build)
    return sorted(names)


@case
def name_scope_strings_with_slashes(tf):
    out = []
    with tf.name_scope("foo/") as outer:
        out.append(outer)
        with tf.name_scope("") as empty:
            out.append(empty)
        with tf.name_scope("foo4") as foo4:
            out.append(foo4)
        with tf.name_scope("foo5//") as foo5:
            out.append(foo5)
            with tf.name_scope("foo6") as foo6:
                out.append(foo6)
                out.append(tf.constant(1.0).name)
        with tf.name_scope("/") as slash:
            out.append(slash)
        with tf.name_scope("//") as slashes:
            out.append(slashes)
        with tf.name_scope("a//b/c") as abc:
            out.append(abc)
    with tf.name_scope("a//b/c") as top:
        out.append(top)
    return out


@case
def name_scope_default_names_nest(tf):
    with tf.name_scope(None, "default") as scope:
        with tf.name_scope(None, "default2") as scope2:
            inner = tf.constant(1.0).name
    with tf.name_scope(None, "default") as again:
        pass
    return [scope, scope2, inner, again]


@case
def name_scope_values_choose_their_graph(tf):
    g0 = tf.Graph()
    with g0.as_default():
        a = tf.constant(1.0, name="a")
        b = tf.constant(2.0, name="b")
    out = []
    with tf.name_scope("", values=[a, b]) as scope:
        out.append([scope, tf.get_default_graph() is g0])
    with tf.name_scope(None, "my_default_scope", [a, b]) as scope:
        out.append([scope, tf.get_default_graph() is g0, tf.constant(3.0).name])
    out.append(tf.get_default_graph() is g0)
    out.append(raises(lambda: tf.name_scope(None, values=[a, b]).__enter__()))
    return out


@case
def colocate_with_overrides_the_device_block(tf):
    with tf.device("/cpu:0"):
        with tf.device("/device:GPU:0"):
            a = tf.constant([2.0], name="a")
            with tf.colocate_with(a.op):
                b = tf.constant(3.0, name="b")
            c = tf.constant(4.0, name="c")
        with tf.colocate_with(a.op):
            d = tf.constant(5.0, name="d")
        e = tf.constant(6.0, name="e")
    return [(t.op.name, t.op.device, _groups(t.op)) for t in (a, b, c, d, e)]


@case
def colocate_with_none_resets_and_nests(tf):
    a = tf.constant([2.0], name="a")
    with tf.colocate_with(a.op):
        b = tf.constant(3.0, name="b")
        with tf.colocate_with(None, ignore_existing=True):
            c = tf.constant(4.0, name="c")
            with tf.colocate_with(c.op):
                d = tf.constant(5.0, name="d")
    with tf.colocate_with(a.op):
        with tf.colocate_with(b.op):
            e = tf.constant(6.0, name="e")
    return [_groups(t.op) for t in (a, b, c, d, e)]


@case
def colocate_with_a_device_function_device(tf):
    with tf.device(lambda op: "/device:GPU:0"):
        b = tf.constant(3.0, name="b")
    with tf.get_default_graph().colocate_with(b):
        with tf.device("/device:GPU:0"):
            c = tf.constant(4.0, name="c")
    return [b.op.device, c.op.device, _groups(c.op)]


@case
def device_function_overwrites_inner_blocks(tf):
    names = []
    with tf.device(lambda op: "/job:overwrite"):
        names.append(tf.constant(1.0).op)
        with tf.device("/job:ps"):
            names.append(tf.constant(1.0).op)
        with tf.device(None):
            with tf.device("/job:ps"):
                names.append(tf.constant(1.0).op)
            names.append(tf.constant(1.0).op)
    return [(op.name, op.device) for op in names]


@case
def device_strings_merge_and_wildcards(tf):
    ops = []
    with tf.device("/device:GPU:7"):
        ops.append(tf.constant(1.0).op)
        with tf.device("/device:GPU:*"):
            ops.append(tf.constant(1.0).op)
    with tf.device("/device:CPU:*"):
        ops.append(tf.constant(1.0).op)
        with tf.device("/device:CPU:5"):
            ops.append(tf.constant(1.0).op)
    with tf.device("/job:worker/replica:2/device:CPU:1"):
        with tf.device("/job:worker/replica:2/device:GPU:2"):
            ops.append(tf.constant(1.0).op)
        with tf.device(""):
            ops.append(tf.constant(1.0).op)
    return [op.device for op in ops]


@case
def unique_name_mark_as_used_and_case(tf):
    g = tf.Graph()
    out = [g.unique_name("foo_2"), g.unique_name("foo"), g.unique_name("foo"), g.unique_name("foo"),
           g.unique_name("Foo", mark_as_used=False), g.unique_name("Foo")]
    with g.name_scope("bar"):
        out.append(g.unique_name("x"))
    with g.name_scope("Bar"):
        out.append(g.unique_name("x"))
    with g.name_scope("bar"):
        with g.name_scope(None):
            out.append(g.unique_name("foo", mark_as_used=False))
    return out


@case
def init_scope_clears_control_dependencies_keeps_name_scope(tf):
    a = tf.constant(1.0, name="a")
    b = tf.constant(2.0, name="b")
    with tf.name_scope("outer"):
        with tf.control_dependencies([a]):
            with tf.init_scope():
                with tf.control_dependencies([b]):
                    c = tf.constant(3.0, name="c")
                d = tf.constant(4.0, name="d")
            e = tf.constant(5.0, name="e")
    return [(t.op.name, [x.name for x in t.op.control_inputs]) for t in (c, d, e)]
