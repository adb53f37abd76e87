"""``tf.train.import_meta_graph``: the ops, collections and saver it makes, values after a
restore, ``import_scope``, ``input_map``, ``clear_devices`` and its errors."""

import os

import numpy as np

from tests.conformance.cases.meta_graph._helpers import X, items, linear_model
from tests.conformance.cases.saver import _Dir as TempDir
from tests.conformance.harness import case, op_summary, raises


def _exported(tf, build, **kwargs):
    """The meta graph of what ``build`` makes in a graph of its own."""
    with tf.Graph().as_default():
        build(tf)
        return tf.train.export_meta_graph(**kwargs)


def _with_collections(tf):
    x, loss, train = linear_model(tf)
    tf.add_to_collection("outputs", loss)
    tf.add_to_collection("outputs", train)
    tf.add_to_collection("labels", "loss")
    tf.add_to_collection("sizes", 5)
    tf.add_to_collection("rates", 0.5)
    tf.add_to_collection("mine", tf.trainable_variables()[0])


def _imported_collections(tf, graph):
    return {key: items(graph.get_collection(key)) for key in sorted(graph.get_all_collection_keys())}


@case
def import_restores_every_collection(tf):
    meta = _exported(tf, _with_collections)
    with tf.Graph().as_default() as graph:
        saver = tf.train.import_meta_graph(meta)
        return {"saver": saver is not None, "collections": _imported_collections(tf, graph),
                "same_variable": tf.global_variables()[0] is tf.trainable_variables()[0],
                "global_step_is_a_new_object": tf.train.get_global_step() is not tf.global_variables()[2],
                "ops": op_summary(graph)}


@case
def import_scope_prefixes_ops_and_collections(tf):
    meta = _exported(tf, _with_collections)
    with tf.Graph().as_default() as graph:
        saver = tf.train.import_meta_graph(meta, import_scope="imported")
        return {"saver_restore_op": saver.saver_def.restore_op_name, "collections": _imported_collections(tf, graph),
                "first_ops": op_summary(graph)[:6]}


@case
def importing_twice_into_one_graph(tf):
    meta = _exported(tf, lambda tf: tf.add_to_collection("c", tf.Variable(1.0, name="v").value()))
    with tf.Graph().as_default() as graph:
        first = tf.train.import_meta_graph(meta, import_scope="a")
        second = tf.train.import_meta_graph(meta, import_scope="a")
        return {"savers": [first.saver_def.restore_op_name, second.saver_def.restore_op_name],
                "collections": _imported_collections(tf, graph), "ops": [op.name for op in graph.get_operations()]}


@case
def import_inside_a_name_scope(tf):
    meta = _exported(tf, lambda tf: tf.Variable(1.0, name="v"))
    with tf.Graph().as_default() as graph:
        with tf.name_scope("outer"):
            tf.train.import_meta_graph(meta)
        return [op.name for op in graph.get_operations()]


@case
def the_saver_import_returns(tf):
    no_variables = _exported(tf, lambda tf: tf.constant(1.0, name="c"))
    variables_only = _exported(tf, lambda tf: tf.Variable(1.0, name="v"))

    def with_saver(tf):
        tf.Variable(1.0, name="v")
        return tf.train.Saver(name="mine", max_to_keep=2)
    with tf.Graph().as_default():
        saver_meta = with_saver(tf).export_meta_graph()
    out = []
    for meta, scope in [(no_variables, None), (variables_only, None), (variables_only, "s"), (saver_meta, None),
                        (saver_meta, "s")]:
        with tf.Graph().as_default() as graph:
            saver = tf.train.import_meta_graph(meta, import_scope=scope)
            out.append(None if saver is None else [saver.saver_def.filename_tensor_name,
                                                   saver.saver_def.restore_op_name, saver.saver_def.max_to_keep,
                                                   len(graph.get_operations())])
    return out


@case
def a_model_restores_trains_and_saves_without_its_code(tf):
    with TempDir() as d:
        with tf.Graph().as_default():
            x, loss, train = linear_model(tf)
            saver = tf.train.Saver()
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                for _ in range(3):
                    sess.run(train, {x: X})
                prefix = saver.save(sess, d.join("model.ckpt"), global_step=tf.train.get_global_step())
        files = sorted(os.listdir(d.path))
        with tf.Graph().as_default():
            saver = tf.train.import_meta_graph(prefix + ".meta")
            with tf.Session() as sess:
                saver.restore(sess, prefix)
                before = sess.run("loss:0", {"x:0": X})
                variables = {v.op.name: sess.run(v) for v in tf.global_variables()}
                sess.run(tf.get_collection("train_op"), {"x:0": X})
                after = sess.run(["loss:0", tf.train.get_global_step()], {"x:0": X})
                again = saver.save(sess, d.join("again"), global_step=9)
            return {"files": files, "prefix": d.clean(prefix), "again": d.clean(again), "before": before,
                    "variables": variables, "after": after}


@case
def import_into_an_explicit_graph(tf):
    meta = _exported(tf, lambda tf: tf.add_to_collection("c", tf.Variable(1.0, name="v").value()))
    target = tf.Graph()
    with tf.Graph().as_default() as default:
        saver = tf.train.import_meta_graph(meta, graph=target)
        return {"target": [op.name for op in target.get_operations()],
                "default": [op.name for op in default.get_operations()], "saver": saver is not None,
                "collection": items(target.get_collection("c"))}


@case
def restore_collections_predicate_skips_collections(tf):
    meta = _exported(tf, _with_collections)
    with tf.Graph().as_default() as graph:
        tf.train.import_meta_graph(meta, restore_collections_predicate=lambda key: key != "labels" and key != "sizes")
        return sorted(graph.get_all_collection_keys())


@case
def unbound_inputs_and_input_map(tf):
    def build(tf):
        x = tf.placeholder(tf.float32, [2], name="x")
        with tf.variable_scope("tower"):
            tf.add_to_collection("outputs", tf.multiply(x, 3.0, name="triple"))
    meta = _exported(tf, build, export_scope="tower")
    out = []
    with tf.Graph().as_default():
        out.append(raises(lambda: tf.train.import_meta_graph(meta)))
        out.append(raises(lambda: tf.train.import_meta_graph(meta, input_map={"other": tf.constant([1.0, 1.0])})))
        fed = tf.constant([1.0, 2.0], name="fed")
        tf.train.import_meta_graph(meta, import_scope="copy", input_map={"$unbound_inputs_x": fed})
        triple, = tf.get_collection("outputs")
        with tf.Session() as sess:
            out.append([triple.name, sess.run(triple)])
    return out


@case
def clear_devices_on_import(tf):
    def build(tf):
        with tf.device("/cpu:0"):
            tf.add(tf.constant(1.0, name="a"), 2.0, name="b")
    meta = _exported(tf, build)
    with tf.Graph().as_default() as graph:
        tf.train.import_meta_graph(meta, clear_devices=True, import_scope="cleared")
        tf.train.import_meta_graph(meta, import_scope="kept")
        return [[op.name, op.device] for op in graph.get_operations()]


@case
def conds_and_loops_import_with_their_contexts(tf):
    def build(tf):
        x = tf.placeholder(tf.float32, [], name="x")
        y = tf.cond(x > 0, lambda: x * 2.0, lambda: x - 1.0, name="branch")
        _, acc = tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, a * x), [0, y], name="loop")
        tf.add_to_collection("outputs", acc)
    meta = _exported(tf, build)
    with tf.Graph().as_default() as graph:
        tf.train.import_meta_graph(meta, import_scope="i")
        acc, = tf.get_collection("outputs")
        x = graph.get_tensor_by_name("i/x:0")
        grad, = tf.gradients(acc, x)
        contexts = [[c.name, type(c).__name__] for key in ("cond_context", "while_context")
                    for c in tf.get_collection(key)]
        with tf.Session() as sess:
            values = [sess.run([acc, grad], {x: v}) for v in (1.5, -2.0)]
        return {"contexts": contexts, "values": values,
                "frame": graph.get_operation_by_name("i/loop/Enter").get_attr("frame_name")}


@case
def import_errors(tf):
    with TempDir() as d:
        with open(d.join("bad.meta"), "wb") as f:
            f.write(b"this is not a meta graph")
        return [d.clean(raises(lambda: tf.train.import_meta_graph(d.join("missing.meta")))["message"]),
                raises(lambda: tf.train.import_meta_graph(d.join("bad.meta")))["error"],
                d.clean(raises(lambda: tf.train.import_meta_graph(d.join("bad.meta")))["message"]).split(":")[0]]


@case
def a_text_meta_graph_file_imports(tf):
    with TempDir() as d:
        with tf.Graph().as_default():
            v = tf.Variable(np.array([1.0, 2.0], np.float32), name="v")
            tf.add_to_collection("outputs", tf.reduce_sum(v, name="total"))
            tf.train.export_meta_graph(d.join("m.meta"), as_text=True)
        with open(d.join("m.meta")) as f:
            head = f.read().splitlines()[:2]
        with tf.Graph().as_default():
            tf.train.import_meta_graph(d.join("m.meta"))
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                return [head, sess.run(tf.get_collection("outputs"))]


@case
def summaries_come_back_for_merge_all(tf):
    def build(tf):
        x = tf.placeholder(tf.float32, [], name="x")
        tf.summary.scalar("x_value", x)
        tf.summary.histogram("x_hist", tf.stack([x, 2 * x]))
    meta = _exported(tf, build)
    with tf.Graph().as_default() as graph:
        tf.train.import_meta_graph(meta, import_scope="i")
        merged = tf.summary.merge_all()
        with tf.Session() as sess:
            summary = tf.Summary.FromString(sess.run(merged, {"i/x:0": 1.5}))
        return {"summaries": items(graph.get_collection("summaries")), "merged": merged.name,
                "tags": [v.tag for v in summary.value], "scalar": summary.value[0].simple_value}
