"""Conformance cases for TF1's tf.saved_model: constants, TensorInfo and SignatureDef builders and
their errors, the builder's errors, and save-then-load round trips (what is written, what the
loaded graph holds and computes). Paths are replaced by <dir> in what is compared."""

import os
import shutil
import tempfile

import numpy as np
from google.protobuf import text_format

from tests.conformance.harness import case, error_class, raises


class _TempDir:
    def __enter__(self):
        self.path = tempfile.mkdtemp()
        return self.path

    def __exit__(self, *exc):
        shutil.rmtree(self.path, ignore_errors=True)


def _text(proto):
    return text_format.MessageToString(proto)


def _scrub(result, path):
    if isinstance(result, dict):
        return {k: _scrub(v, path) for k, v in result.items()}
    if isinstance(result, list):
        return [_scrub(v, path) for v in result]
    return result.replace(path, "<dir>") if isinstance(result, str) else result


@case
def constants_and_tags(tf):
    sm = tf.saved_model
    return [sm.tag_constants.SERVING, sm.tag_constants.TRAINING, sm.tag_constants.GPU, sm.tag_constants.TPU,
            sm.signature_constants.DEFAULT_SERVING_SIGNATURE_DEF_KEY, sm.signature_constants.PREDICT_METHOD_NAME,
            sm.signature_constants.CLASSIFY_METHOD_NAME, sm.signature_constants.REGRESS_METHOD_NAME,
            sm.signature_constants.CLASSIFY_OUTPUT_SCORES, sm.constants.MAIN_OP_KEY, sm.constants.ASSETS_KEY,
            sm.constants.LEGACY_INIT_OP_KEY, sm.constants.SAVED_MODEL_FILENAME_PB, sm.SAVED_MODEL_SCHEMA_VERSION,
            sm.VARIABLES_DIRECTORY, sm.VARIABLES_FILENAME, sm.ASSETS_DIRECTORY]


@case
def build_tensor_info_fields(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    s = tf.placeholder(tf.string, name="s")
    i = tf.constant([[1, 2]], tf.int64, name="i")
    return [_text(tf.saved_model.utils.build_tensor_info(t)) for t in (x, s, i, x + 1.0)]


@case
def get_tensor_from_tensor_info_names(tf):
    with tf.name_scope("scope"):
        x = tf.placeholder(tf.float32, [2], name="x")
    info = tf.saved_model.utils.build_tensor_info(x)
    g = tf.get_default_graph()
    return [tf.saved_model.utils.get_tensor_from_tensor_info(info).name,
            raises(tf.saved_model.utils.get_tensor_from_tensor_info, info, g, "other"),
            raises(tf.saved_model.utils.get_tensor_from_tensor_info, tf.TensorInfo()),
            raises(tf.saved_model.utils.get_tensor_from_tensor_info, tf.TensorInfo(name="nope:0"))]


@case
def predict_signature(tf):
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    y = tf.identity(x * 2.0, name="y")
    sig = tf.saved_model.predict_signature_def({"in": x}, {"out": y, "x2": x})
    return [_text(sig), tf.saved_model.is_valid_signature(sig),
            raises(tf.saved_model.predict_signature_def, None, {"y": y}),
            raises(tf.saved_model.predict_signature_def, {"x": x}, {})]


@case
def classification_and_regression_signatures(tf):
    ex = tf.placeholder(tf.string, [None], name="examples")
    scores = tf.placeholder(tf.float32, [None, 3], name="scores")
    classes = tf.placeholder(tf.string, [None, 3], name="classes")
    sm = tf.saved_model.signature_def_utils
    return [_text(sm.classification_signature_def(ex, classes, scores)),
            _text(sm.classification_signature_def(ex, None, scores)),
            _text(sm.regression_signature_def(ex, tf.reduce_sum(scores, 1))),
            raises(sm.classification_signature_def, None, classes, scores),
            raises(sm.classification_signature_def, ex, None, None),
            raises(sm.classification_signature_def, scores, classes, scores),
            raises(sm.classification_signature_def, ex, scores, scores),
            raises(sm.classification_signature_def, ex, classes, classes),
            raises(sm.regression_signature_def, None, scores),
            raises(sm.regression_signature_def, ex, None),
            raises(sm.regression_signature_def, scores, scores),
            raises(sm.regression_signature_def, ex, classes)]


@case
def is_valid_signature_variants(tf):
    ex = tf.placeholder(tf.string, [None], name="examples")
    f = tf.placeholder(tf.float32, [None], name="f")
    info = tf.saved_model.build_tensor_info
    build = tf.saved_model.build_signature_def
    return [tf.saved_model.is_valid_signature(s) for s in (
        None, build(), build({"inputs": info(ex)}, {"outputs": info(f)}, "tensorflow/serving/regress"),
        build({"inputs": info(ex)}, {"outputs": info(ex)}, "tensorflow/serving/regress"),
        build({"inputs": info(ex)}, {"scores": info(f)}, "tensorflow/serving/classify"),
        build({"inputs": info(ex)}, {"other": info(f)}, "tensorflow/serving/classify"),
        build({"inputs": info(ex)}, {}, "tensorflow/serving/classify"),
        build({"a": info(f)}, {"b": info(f)}, "tensorflow/serving/predict"),
        build({"a": info(f)}, {}, "tensorflow/serving/predict"),
        build({"a": info(f)}, {"b": info(f)}, "my/method"))]


def _model(tf):
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    w = tf.get_variable("w", initializer=np.array([[1.0], [2.0]], np.float32))
    return x, tf.add(tf.matmul(x, w), 0.5, name="y"), w


@case
def simple_save_then_load(tf):
    with _TempDir() as root:
        export_dir = os.path.join(root, "model")
        with tf.Graph().as_default(), tf.Session() as sess:
            x, y, w = _model(tf)
            sess.run(w.initializer)
            sess.run(w.assign([[3.0], [-1.0]]))
            tf.saved_model.simple_save(sess, export_dir, {"x": x}, {"y": y})
        files = sorted(os.listdir(export_dir)) + sorted(os.listdir(os.path.join(export_dir, "variables")))
        with tf.Graph().as_default() as g, tf.Session() as sess:
            meta = tf.saved_model.loader.load(sess, ["serve"], export_dir)
            out = sess.run("y:0", {"x:0": [[1.0, 1.0], [2.0, 0.0]]})
            return [files, _text(meta.signature_def["serving_default"]), list(meta.meta_info_def.tags),
                    sorted(meta.collection_def), [v.name for v in tf.global_variables()], out,
                    tf.saved_model.contains_saved_model(export_dir), tf.saved_model.contains_saved_model(root),
                    sorted({op.type for op in g.get_operations()})]


@case
def builder_two_meta_graphs_and_import_scope(tf):
    with _TempDir() as root:
        export_dir = os.path.join(root, "model")
        with tf.Graph().as_default(), tf.Session() as sess:
            x, y, w = _model(tf)
            sess.run(w.initializer)
            builder = tf.saved_model.builder.SavedModelBuilder(export_dir)
            builder.add_meta_graph_and_variables(
                sess, ["train"], {"sig": tf.saved_model.predict_signature_def({"x": x}, {"y": y})},
                main_op=tf.no_op(name="my_main_op"))
            z = tf.multiply(y, 2.0, name="z")
            builder.add_meta_graph(["serve", "gpu"], {"sig": tf.saved_model.predict_signature_def({"x": x}, {"z": z})})
            path = builder.save()
        with tf.Graph().as_default() as g, tf.Session() as sess:
            meta = tf.saved_model.loader.load(sess, ["gpu", "serve"], export_dir, import_scope="imp")
            sig = meta.signature_def["sig"]
            z = tf.saved_model.utils.get_tensor_from_tensor_info(sig.outputs["z"], import_scope="imp")
            out = sess.run(z, {"imp/x:0": [[1.0, 1.0]]})
            names = [v.name for v in tf.global_variables()]
        with tf.Graph().as_default(), tf.Session() as sess:
            train = tf.saved_model.loader.load(sess, ["train"], export_dir)
            main = list(train.collection_def["saved_model_main_op"].node_list.value)
        return _scrub([os.path.basename(path), z.name, out, names, main, len(g.get_operations()) > 0], root)


@case
def builder_errors(tf):
    with _TempDir() as root:
        os.makedirs(os.path.join(root, "full"))
        open(os.path.join(root, "full", "f"), "w").close()
        results = [raises(tf.saved_model.builder.SavedModelBuilder, os.path.join(root, "full"))]
        with tf.Graph().as_default(), tf.Session() as sess:
            x, y, w = _model(tf)
            sess.run(w.initializer)
            builder = tf.saved_model.builder.SavedModelBuilder(os.path.join(root, "new", "dir"))
            sig = tf.saved_model.predict_signature_def({"x": x}, {"y": y})
            results += [raises(builder.add_meta_graph, ["serve"]),
                        raises(builder.add_meta_graph_and_variables, sess, ["serve"], {"__saved_model_init_op": sig}),
                        raises(builder.add_meta_graph_and_variables, sess, ["serve"], {"__saved_model_train_op": sig}),
                        raises(builder.add_meta_graph_and_variables, sess, ["serve"],
                               {"s": tf.saved_model.build_signature_def({"x": tf.TensorInfo(name="x:0")})}),
                        raises(builder.add_meta_graph_and_variables, sess, ["serve"],
                               {"s": tf.saved_model.build_signature_def({"x": tf.TensorInfo(dtype=1)})}),
                        raises(builder.add_meta_graph_and_variables, sess, ["serve"], None, None, y.op),
                        raises(builder.add_meta_graph_and_variables, sess, ["serve"]),
                        raises(builder.add_meta_graph_and_variables, sess, ["serve"]),
                        raises(builder.add_meta_graph, ["gpu"], None, None, None, False, x.op),
                        error_class(builder.add_meta_graph, ["tpu"], None, None, None, False, y)]  # names a class
        return _scrub(results, root)


@case
def loader_errors(tf):
    with _TempDir() as root:
        with tf.Graph().as_default(), tf.Session() as sess:
            missing = raises(tf.saved_model.loader.load, sess, ["serve"], root)
            x, y, w = _model(tf)
            sess.run(w.initializer)
            tf.saved_model.simple_save(sess, os.path.join(root, "m"), {"x": x}, {"y": y})
        with tf.Graph().as_default(), tf.Session() as sess:
            wrong_tags = raises(tf.saved_model.loader.load, sess, ["serve", "gpu"], os.path.join(root, "m"))
        return _scrub([missing, wrong_tags], root)


@case
def save_as_text_then_load(tf):
    with _TempDir() as root:
        export_dir = os.path.join(root, "m")
        with tf.Graph().as_default(), tf.Session() as sess:
            x, y, w = _model(tf)
            sess.run(w.initializer)
            builder = tf.saved_model.builder.SavedModelBuilder(export_dir)
            builder.add_meta_graph_and_variables(sess, ["serve"], strip_default_attrs=True)
            path = builder.save(as_text=True)
        with open(path, "rb") as f:
            head = f.read().decode().split("\n")[:3]
        with tf.Graph().as_default(), tf.Session() as sess:
            meta = tf.saved_model.loader.load(sess, ["serve"], export_dir)
            out = sess.run("y:0", {"x:0": [[1.0, 1.0]]})
        return [os.path.basename(path), sorted(os.listdir(export_dir)), head, list(meta.meta_info_def.tags), out,
                meta.meta_info_def.stripped_default_attrs]


@case
def main_op_builders(tf):
    v = tf.Variable(1.0, name="v")
    local = tf.get_local_variable("l", initializer=tf.constant(2.0))
    op = tf.saved_model.main_op.main_op()
    restore = tf.saved_model.main_op_with_restore(tf.no_op(name="restore_all"))
    with tf.Session() as sess:
        sess.run(restore)
        values = sess.run([v, local])
    return [op.type, op.name, [i.name for i in op.control_inputs], restore.name, restore.type,
            [i.name for i in restore.control_inputs], values]
