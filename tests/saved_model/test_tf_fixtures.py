"""SavedModels written by TensorFlow 2.21 (tests/fixtures/tf_saved_models, made by its
make_saved_model_fixtures.py) load in scopeflow: graph, restored variables, assets fed to the main op,
signatures, several meta graphs, the text form; outputs as TF computed them."""

import json
import pathlib

import numpy as np
import pytest

import scopeflow as tf

FIXTURES = pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "tf_saved_models"
EXPECTED = json.loads((FIXTURES / "expected.json").read_text())


def _run_signature(sess, meta, key, feeds):
    sig = meta.signature_def[key]
    fetches = {k: tf.saved_model.utils.get_tensor_from_tensor_info(v) for k, v in sig.outputs.items()}
    feed = {sess.graph.get_tensor_by_name(sig.inputs[k].name): v for k, v in feeds.items()}
    return sess.run(fetches, feed)


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_tf_saved_model_loads_and_computes_tfs_outputs(key):
    name, tags, signature = key.split("/")
    want = EXPECTED[key]
    with tf.Graph().as_default(), tf.Session() as sess:
        meta = tf.saved_model.loader.load(sess, tags.split("+"), str(FIXTURES / name))
        got = _run_signature(sess, meta, signature, want["feeds"])
    assert sorted(got) == sorted(want["outputs"])
    for k, v in want["outputs"].items():
        np.testing.assert_allclose(got[k], v, rtol=1e-6)


def test_multi_has_both_meta_graphs_and_its_signatures():
    loader_meta = tf.saved_model.loader
    with tf.Graph().as_default(), tf.Session() as sess:
        meta = loader_meta.load(sess, ["extra", "serve"], str(FIXTURES / "multi"))
        assert sorted(meta.signature_def) == ["classify", "regress", "serving_default"]
        assert tf.saved_model.is_valid_signature(meta.signature_def["classify"])
        assert tf.saved_model.is_valid_signature(meta.signature_def["regress"])
        assert sorted(meta.meta_info_def.tags) == ["extra", "serve"]
        # the asset's tensor was fed the copy in assets/, not the path it had when saved
        assert (FIXTURES / "multi" / "assets" / "vocab.txt").read_text().split() == ["the", "cat", "sat", "zebra"]
        step = tf.train.get_global_step()
        assert sess.run(step) == 1


def test_missing_tags_name_the_available_tag_sets():
    with tf.Graph().as_default(), tf.Session() as sess:
        with pytest.raises(RuntimeError, match=r"MetaGraphDef associated with tags 'gpu' could not be found in "
                                               r"SavedModel, with available tags '\[\{'train'\}, \{"):
            tf.saved_model.loader.load(sess, ["gpu"], str(FIXTURES / "multi"))


def test_contains_saved_model():
    assert tf.saved_model.contains_saved_model(str(FIXTURES / "simple"))
    assert tf.saved_model.contains_saved_model(FIXTURES / "text")
    assert tf.saved_model.maybe_saved_model_directory(str(FIXTURES / "multi"))
    assert not tf.saved_model.contains_saved_model(str(FIXTURES))
