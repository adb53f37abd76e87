"""SavedModelBuilder, simple_save and loader.load in scopeflow: round trips (binary and text,
several meta graphs, import scopes, main ops, assets), the files written, and TF's errors."""

import os

import numpy as np
import pytest

import scopeflow as tf
from scopeflow._src.saved_model import file_format
from tests.saved_model import write_for_tf


def _model():
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    w = tf.get_variable("w", initializer=np.array([[1.0], [2.0]], np.float32))
    return x, tf.matmul(x, w, name="y"), w


def test_simple_save_round_trip_restores_saved_values(tmp_path):
    export_dir = str(tmp_path / "m")
    with tf.Graph().as_default(), tf.Session() as sess:
        x, y, w = _model()
        sess.run(w.initializer)
        sess.run(w.assign([[3.0], [4.0]]))
        tf.saved_model.simple_save(sess, export_dir, {"x": x}, {"y": y})
    assert sorted(os.listdir(export_dir)) == ["saved_model.pb", "variables"]
    assert sorted(os.listdir(os.path.join(export_dir, "variables"))) == ["variables.data-00000-of-00001",
                                                                         "variables.index"]
    with tf.Graph().as_default(), tf.Session() as sess:
        meta = tf.saved_model.load(sess, [tf.saved_model.SERVING], export_dir)
        sig = meta.signature_def[tf.saved_model.DEFAULT_SERVING_SIGNATURE_DEF_KEY]
        assert sig.method_name == "tensorflow/serving/predict" and sig.inputs["x"].name == "x:0"
        y = tf.saved_model.utils.get_tensor_from_tensor_info(sig.outputs["y"])
        assert sess.run(y, {"x:0": [[1.0, 1.0]]}).tolist() == [[7.0]]
        assert [n.device for n in meta.graph_def.node] == [""] * len(meta.graph_def.node)  # clear_devices


def test_scopeflow_models_for_tf_load_back_here(tmp_path):
    for path in write_for_tf.main(str(tmp_path)):
        record = __import__("json").loads(open(path + ".json").read())
        with tf.Graph().as_default(), tf.Session() as sess:
            meta = tf.saved_model.loader.load(sess, record["tags"], path, import_scope="imported")
            sig = meta.signature_def["serving_default"]
            y = tf.saved_model.utils.get_tensor_from_tensor_info(sig.outputs["y"], import_scope="imported")
            assert y.name == "imported/out/BiasAdd:0"
            got = sess.run(y, {"imported/x:0": record["feeds"]["x"]})
        np.testing.assert_allclose(got, record["outputs"]["y"])
    text = tmp_path / "sf_text" / "saved_model.pbtxt"
    model = file_format.parse_text(text.read_text())
    assert [list(m.meta_info_def.tags) for m in model.meta_graphs] == [["serve", "gpu"], ["train"]]


def test_builder_refuses_a_non_empty_directory_and_makes_a_missing_one(tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "f").write_text("x")
    with pytest.raises(AssertionError, match="Export directory .*full already exists, and isn't empty"):
        tf.saved_model.builder.SavedModelBuilder(str(tmp_path / "full"))
    tf.saved_model.Builder(str(tmp_path / "a" / "b"))
    assert os.path.isdir(tmp_path / "a" / "b")


def test_builder_call_order_and_signature_checks(tmp_path):
    with tf.Graph().as_default(), tf.Session() as sess:
        x, y, w = _model()
        sess.run(w.initializer)
        builder = tf.saved_model.builder.SavedModelBuilder(str(tmp_path / "m"))
        with pytest.raises(AssertionError, match="has not been saved yet"):
            builder.add_meta_graph(["serve"])
        with pytest.raises(KeyError, match='"__saved_model_init_op" is reserved for initialization'):
            builder.add_meta_graph_and_variables(sess, ["serve"], {"__saved_model_init_op": tf.saved_model.
                                                                   predict_signature_def({"x": x}, {"y": y})})
        bad = tf.saved_model.build_signature_def({"x": tf.TensorInfo(name="x:0")})
        with pytest.raises(AssertionError, match="must have the dtype field set"):
            builder.add_meta_graph_and_variables(sess, ["serve"], {"s": bad})
        with pytest.raises(TypeError, match="Using a symbolic `tf.Tensor` as a Python `bool`"):
            builder.add_meta_graph_and_variables(sess, ["serve"], main_op=y)  # TF's `main_op or legacy_init_op`
        builder.add_meta_graph_and_variables(sess, ["serve"], main_op=tf.no_op(name="init"))
        with pytest.raises(AssertionError, match="already been saved"):
            builder.add_meta_graph_and_variables(sess, ["serve"])
        with pytest.raises(TypeError, match="to be an Operation but got type"):
            builder.add_meta_graph(["train"], main_op=y)
        with pytest.raises(ValueError, match="Graph already contains one or more main ops under the collection "
                                             "saved_model_main_op."):
            builder.add_meta_graph(["train"], main_op=tf.no_op())
        path = builder.save()
    assert path == os.fsencode(str(tmp_path / "m" / "saved_model.pb"))


def test_main_op_runs_after_restore_with_assets_fed(tmp_path):
    vocab = tmp_path / "vocab.txt"
    vocab.write_text("a\nb\nc\n")
    export_dir = str(tmp_path / "m")
    with tf.Graph().as_default(), tf.Session() as sess:
        path = tf.constant(str(vocab), name="vocab")
        tf.add_to_collection(tf.GraphKeys.ASSET_FILEPATHS, path)
        words = tf.placeholder(tf.string, [None], name="words")
        table = tf.lookup.StaticHashTable(tf.lookup.TextFileInitializer(
            path, tf.string, tf.lookup.TextFileIndex.WHOLE_LINE, tf.int64, tf.lookup.TextFileIndex.LINE_NUMBER), -1)
        tf.identity(table.lookup(words), name="ids")
        builder = tf.saved_model.builder.SavedModelBuilder(export_dir)
        builder.add_meta_graph_and_variables(sess, ["serve"], assets_collection=tf.get_collection(
            tf.GraphKeys.ASSET_FILEPATHS), main_op=tf.saved_model.main_op.main_op())
        builder.save()
    assert (tmp_path / "m" / "assets" / "vocab.txt").read_text() == "a\nb\nc\n"
    vocab.unlink()  # the loaded model reads its own copy
    with tf.Graph().as_default(), tf.Session() as sess:
        meta = tf.saved_model.loader.load(sess, ["serve"], export_dir)
        assert sess.run("ids:0", {"words:0": ["c", "z"]}).tolist() == [2, -1]
        # the initializer put the path in ASSET_FILEPATHS too, as TF's does: two entries, one file
        assert len(meta.collection_def["saved_model_assets"].any_list.value) == 2


def test_missing_and_damaged_saved_models(tmp_path):
    with tf.Graph().as_default(), tf.Session() as sess:
        with pytest.raises(OSError, match=r"SavedModel file does not exist at: .*\{saved_model.pbtxt\|saved_model."):
            tf.saved_model.loader.load(sess, ["serve"], str(tmp_path))
        (tmp_path / "saved_model.pb").write_bytes(b"\x12\xff\xff")
        with pytest.raises(OSError, match="Cannot parse file"):
            tf.saved_model.loader.load(sess, ["serve"], str(tmp_path))


def test_signature_helpers_and_their_errors():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [None, 3], name="x")
        ex = tf.placeholder(tf.string, [None], name="ex")
        with pytest.raises(ValueError, match="Prediction `inputs` cannot be None or empty."):
            tf.saved_model.predict_signature_def({}, {"y": x})
        with pytest.raises(ValueError, match="Regression input tensors must be of type string. Found tensors with "
                                             "type 1."):
            tf.saved_model.regression_signature_def(x, x)
        with pytest.raises(ValueError, match="cannot both be None"):
            tf.saved_model.classification_signature_def(ex, None, None)
        sig = tf.saved_model.classification_signature_def(ex, None, tf.reduce_sum(x, 1))
        assert tf.saved_model.is_valid_signature(sig) and not tf.saved_model.is_valid_signature(None)
        info = tf.saved_model.build_tensor_info(x)
        assert [d.size for d in info.tensor_shape.dim] == [-1, 3] and info.dtype == 1
        with pytest.raises(TypeError, match="coo_sparse"):
            tf.saved_model.build_tensor_info(tf.SparseTensor([[0]], [1.0], [2]))
