"""The ``collection_def`` of ``tf.train.export_meta_graph`` for many graphs."""

import numpy as np

from tests.conformance.cases.meta_graph._helpers import captured_logs, collections, linear_model
from tests.conformance.harness import case


@case
def linear_model_collections(tf):
    linear_model(tf)
    return collections(tf, tf.train.export_meta_graph())


@case
def user_collections_of_each_kind(tf):
    _, loss, train = linear_model(tf)
    tf.add_to_collection("strings", "a")
    tf.add_to_collection("strings", b"bytes \xff")
    tf.add_to_collection("strings", "")
    tf.add_to_collection("ints", 7)
    tf.add_to_collection("ints", -2 ** 40)
    tf.add_to_collection("floats", 0.1)
    tf.add_to_collection("floats", 3)
    tf.add_to_collection("tensors", loss)
    tf.add_to_collection("ops", train)
    tf.add_to_collection("ops_and_tensors", loss.op)
    tf.add_to_collection("ops_and_tensors", loss)
    tf.add_to_collection("numpy_float64", np.float64(2.5))
    return {k: v for k, v in collections(tf, tf.train.export_meta_graph()).items()
            if k not in ("variables", "trainable_variables", "global_step", "train_op")}


@case
def a_variable_in_a_user_collection_is_a_node_name(tf):
    v = tf.Variable(1.0, name="v")
    tf.add_to_collection("mine", v)
    return collections(tf, tf.train.export_meta_graph())["mine"]


def _skipped(tf, key, *values):
    tf.constant(1.0, name="c")
    for value in values:
        tf.add_to_collection(key, value)
    with captured_logs(tf) as logs:
        meta = tf.train.export_meta_graph()
    return {"kept": key in meta.collection_def, "logs": logs}


@case
def a_string_then_an_int_is_skipped_with_a_warning(tf):
    return _skipped(tf, "mixed", "s", 3)


@case
def an_int_then_a_string_is_skipped_with_a_warning(tf):
    return _skipped(tf, "mixed", 3, "s")


@case
def an_int_then_a_float_is_skipped_with_a_warning(tf):
    return _skipped(tf, "mixed", 3, 2.5)


@case
def a_float_then_an_int_is_kept_as_floats(tf):
    tf.constant(1.0, name="c")
    tf.add_to_collection("mixed", 2.5)
    tf.add_to_collection("mixed", 3)
    return collections(tf, tf.train.export_meta_graph())["mixed"]


@case
def booleans_are_skipped_with_protobufs_message(tf):
    return _skipped(tf, "flags", True, False)


@case
def objects_without_a_name_are_skipped(tf):
    return [_skipped(tf, "dicts", {"a": 1}), _skipped(tf, "nones", None), _skipped(tf, "np32", np.float32(1.5)),
            _skipped(tf, "npint", np.int64(4))]


@case
def a_tensor_then_a_string_is_skipped(tf):
    c = tf.constant(1.0, name="c0")
    return _skipped(tf, "mixed", c, "s")


@case
def non_string_keys_are_not_exported(tf):
    c = tf.constant(1.0, name="c")
    tf.add_to_collection(5, c)
    tf.add_to_collection(("a", "b"), c)
    with captured_logs(tf) as logs:
        meta = tf.train.export_meta_graph()
    return {"keys": sorted(meta.collection_def), "logs": logs}


@case
def an_empty_collection_is_not_exported(tf):
    tf.constant(1.0, name="c")
    tf.get_collection_ref("empty")
    tf.add_to_collection("cleared", 1)
    tf.get_collection_ref("cleared").clear()
    return sorted(tf.train.export_meta_graph().collection_def)


@case
def collection_list_picks_the_collections(tf):
    linear_model(tf)
    tf.add_to_collection("extra", 1)
    meta = tf.train.export_meta_graph(collection_list=["extra", "trainable_variables", "missing"])
    return collections(tf, meta)


@case
def global_step_variable_def_has_its_aggregation(tf):
    tf.train.get_or_create_global_step()
    return collections(tf, tf.train.export_meta_graph())


@case
def layers_fill_update_ops_losses_and_regularization(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    h = tf.layers.dense(x, 2, kernel_regularizer=lambda w: tf.reduce_sum(tf.square(w)), name="dense")
    h = tf.layers.batch_normalization(h, training=True, name="bn")
    tf.losses.mean_squared_error(tf.zeros_like(h), h)
    return collections(tf, tf.train.export_meta_graph())


@case
def metrics_fill_local_and_metric_variables(tf):
    values = tf.placeholder(tf.float32, [None], name="values")
    tf.metrics.mean(values, name="avg")
    tf.metrics.accuracy(tf.zeros([3], tf.int64), tf.ones([3], tf.int64), name="acc")
    return collections(tf, tf.train.export_meta_graph())


@case
def a_saver_in_the_savers_collection_is_a_saver_def(tf):
    tf.Variable(1.0, name="v")
    tf.add_to_collection("savers", tf.train.Saver(max_to_keep=2, name="keep"))
    return collections(tf, tf.train.export_meta_graph())["savers"]


@case
def cond_contexts_name_their_values(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    v = tf.Variable(2.0, name="v")
    tf.cond(x > 0, lambda: x * v, lambda: x - 1.0, name="branch")
    return collections(tf, tf.train.export_meta_graph())["cond_context"]


@case
def while_contexts_name_their_loop(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, a * x), [0, x], name="loop")
    tf.while_loop(lambda a: a < 100.0, lambda a: a * x, [x], name="bounded", maximum_iterations=5,
                  parallel_iterations=4, back_prop=False)
    return collections(tf, tf.train.export_meta_graph())["while_context"]


@case
def nested_conds_and_loops_and_their_gradient(tf):
    x = tf.placeholder(tf.float32, [], name="x")

    def body(i, a):
        return i + 1, tf.cond(a > 2.0, lambda: a * x, lambda: a + 1.0, name="inner")
    _, acc = tf.while_loop(lambda i, a: i < 3, body, [0, x], name="outer")
    tf.gradients(acc, x)
    found = collections(tf, tf.train.export_meta_graph())  # a cond inside a loop is the loop's nested context
    return [sorted(found), found["while_context"]]


@case
def summaries_are_a_node_list(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    tf.summary.scalar("loss", x)
    with tf.name_scope("inner"):
        tf.summary.scalar("value", x * 2.0, family="fam")
    tf.summary.merge_all()
    return collections(tf, tf.train.export_meta_graph())
