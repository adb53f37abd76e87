"""convert_variables_to_constants: the frozen nodes, their attributes and values, what the frozen
graph computes once re-imported, the variable lists, and the errors."""

import numpy as np

from tests.conformance.cases.graph_util._models import X, constants, dense, freeze, listing, plain, run_imported
from tests.conformance.harness import case, raises, raises_last_line


@case
def dense_frozen_nodes(tf):
    dense(tf)
    return plain(tf, freeze(tf, ["y"]))


@case
def dense_frozen_constants(tf):
    dense(tf)
    return constants(tf, freeze(tf, ["y"]))


@case
def dense_frozen_computes_the_sessions_values(tf):
    x, y = dense(tf)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(tf.assign_add(tf.trainable_variables()[0], tf.ones([3, 2])))
        frozen = tf.graph_util.convert_variables_to_constants(sess, sess.graph.as_graph_def(), ["y"])
        want = sess.run(y, {x: X})
    return [want, run_imported(tf, frozen, "y:0", {"x:0": X})]


@case
def frozen_versions_and_library(tf):
    dense(tf)
    frozen = freeze(tf, ["y"])
    return [frozen.versions.producer, frozen.versions.min_consumer, frozen.HasField("library"),
            len(frozen.library.SerializeToString())]


@case
def whitelist_converts_only_the_listed_variables(tf):
    dense(tf)
    return listing(freeze(tf, ["y"], variable_names_whitelist=["dense/b"]))


@case
def blacklist_keeps_the_listed_variables(tf):
    dense(tf)
    return plain(tf, freeze(tf, ["y"], variable_names_blacklist=["dense/b"]))


@case
def whitelist_and_blacklist_together(tf):
    dense(tf)
    return listing(freeze(tf, ["y"], variable_names_whitelist=["dense/w", "dense/b"],
                          variable_names_blacklist=["dense/w"]))


@case
def empty_whitelist_converts_nothing(tf):
    dense(tf)
    return listing(freeze(tf, ["y"], variable_names_whitelist=[]))


@case
def several_outputs(tf):
    x, y = dense(tf)
    tf.reduce_sum(y, name="total")
    tf.negative(x, name="unused")
    return listing(freeze(tf, ["total", "y"]))


@case
def the_variable_itself_as_output(tf):
    dense(tf)
    return plain(tf, freeze(tf, ["dense/w"]))


@case
def the_read_as_output(tf):
    dense(tf)
    return listing(freeze(tf, ["dense/b/read"]))


@case
def an_assign_output_keeps_the_assign(tf):
    v = tf.get_variable("v", initializer=[1.0, 2.0])
    tf.assign(v, v * 2.0, name="double")
    return plain(tf, freeze(tf, ["double"]))


@case
def a_graph_without_variables_is_kept_as_it_is(tf):
    a = tf.constant([1.0, 2.0], name="a")
    tf.square(a, name="sq")
    return plain(tf, freeze(tf, ["sq"], init=False))


@case
def variables_of_every_kind(tf):
    vs = [tf.get_variable("f64", initializer=np.array([1.5, -2.5])),
          tf.get_variable("i32", initializer=np.array([[1, 2], [3, 4]], np.int32)),
          tf.get_variable("i64", initializer=np.int64(7)), tf.get_variable("flag", initializer=[True, False]),
          tf.Variable(["a", "bc"], name="words"), tf.Variable(3.0, name="scalar"),
          tf.get_variable("zeros", [2, 2], initializer=tf.zeros_initializer())]
    tf.group(*[tf.identity(v) for v in vs], name="all")
    frozen = freeze(tf, ["all"])
    return [constants(tf, frozen), plain(tf, frozen)]


@case
def constant_encoding_of_fetched_values(tf):
    tf.get_variable("scalar", initializer=2.5)
    tf.get_variable("one", initializer=[2.5])
    tf.get_variable("matrix", initializer=np.ones((2, 2), np.float32))
    tf.get_variable("ints", initializer=np.arange(3))
    tf.get_variable("flags", initializer=[True, True])
    tf.get_variable("zeros", [3], initializer=tf.zeros_initializer())
    frozen = freeze(tf, ["scalar", "one", "matrix", "ints", "flags", "zeros"])
    return {n.name: sorted(f.name for f, _ in n.attr["value"].tensor.ListFields()) for n in frozen.node}


@case
def global_step_is_frozen(tf):
    step = tf.train.get_or_create_global_step()
    tf.identity(step + 1, name="next")
    frozen = freeze(tf, ["next"])
    return [plain(tf, frozen), run_imported(tf, frozen, "next:0")]


@case
def variables_on_a_device_lose_it(tf):
    with tf.device("/cpu:0"):
        v = tf.get_variable("v", initializer=[1.0, 2.0])
    tf.reduce_sum(v, name="s")
    return [[n.name, n.device] for n in freeze(tf, ["s"]).node]


@case
def frozen_after_training(tf):
    x, y = dense(tf)
    loss = tf.reduce_mean(tf.square(y), name="loss")
    train = tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            sess.run(train, {x: X})
        frozen = tf.graph_util.convert_variables_to_constants(sess, sess.graph.as_graph_def(), ["loss"])
        want = sess.run(loss, {x: X})
    return [listing(frozen), want, run_imported(tf, frozen, "loss:0", {"x:0": X})]


@case
def cond_reading_a_variable(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    v = tf.get_variable("v", initializer=3.0)
    c = tf.cond(x > 0, lambda: v * 2.0, lambda: x - v, name="c")
    frozen = freeze(tf, [c.op.name])
    return [plain(tf, frozen), [run_imported(tf, frozen, c.name, {"x:0": f}) for f in (1.0, -1.0)]]


@case
def while_loop_reading_a_variable(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    v = tf.get_variable("v", initializer=0.5)
    _, out = tf.while_loop(lambda i, a: i < 4, lambda i, a: (i + 1, a * v + 1.0), [0, x], name="loop")
    frozen = freeze(tf, [out.op.name])
    return [plain(tf, frozen), run_imported(tf, frozen, out.name, {"x:0": 2.0})]


@case
def output_shapes_are_dropped_from_the_readers_only(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    v = tf.get_variable("v", initializer=3.0)
    tf.cond(x > 0, lambda: v * 2.0, lambda: x, name="c")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        graph_def = sess.graph.as_graph_def(add_shapes=True)
        frozen = tf.graph_util.convert_variables_to_constants(sess, graph_def, ["c/Merge"])
    return [[n.name, "_output_shapes" in n.attr] for n in frozen.node]


@case
def a_ref_switch_of_a_frozen_variable_does_not_import(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    v = tf.get_variable("v", initializer=1.0)
    c = tf.cond(x > 0, lambda: v * 2.0, lambda: tf.assign_add(v, 1.0), name="c")
    frozen = freeze(tf, [c.op.name])

    def reimport():
        with tf.Graph().as_default():
            tf.import_graph_def(frozen, name="")

    return [listing(frozen), raises(reimport)]


@case
def unknown_output_node(tf):
    dense(tf)
    return raises(freeze, tf, ["y", "nope"])


@case
def tensor_name_as_output(tf):
    dense(tf)
    return raises(freeze, tf, ["y:0"])


@case
def a_string_as_outputs(tf):
    dense(tf)
    return raises(freeze, tf, "y")


@case
def uninitialized_variable(tf):
    dense(tf)
    return raises_last_line(freeze, tf, ["y"], init=False)


@case
def not_a_graph_def(tf):
    dense(tf)
    with tf.Session() as sess:
        return raises(tf.graph_util.convert_variables_to_constants, sess, "graph", ["y"])
