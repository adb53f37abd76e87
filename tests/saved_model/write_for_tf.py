"""Write SavedModels with scopeflow for TensorFlow to load (the other direction of the
fixtures): ``python -m tests.saved_model.write_for_tf OUT_DIR`` writes ``OUT_DIR/<name>/`` and
``OUT_DIR/<name>.json`` (tags, signature, feeds and scopeflow's outputs), then check them with
``~/tfref/bin/python tests/fixtures/tf_saved_models/make_saved_model_fixtures.py --check OUT_DIR/<name>...``.
"""

import json
import os
import sys

import numpy as np

import scopeflow as tf

X = [[1.0, 2.0, 3.0], [-1.0, 0.5, 0.0]]


def _dense():
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    h = tf.layers.dense(x, 4, activation=tf.nn.relu, kernel_initializer=tf.constant_initializer(0.25), name="h")
    return x, tf.layers.dense(h, 2, kernel_initializer=tf.constant_initializer(-0.5), name="out")


def write(out_dir, name, build):
    """Build a model in a fresh graph, save it with ``build(sess, export_dir)`` and record what it computes."""
    export_dir = os.path.join(out_dir, name)
    with tf.Graph().as_default(), tf.Session() as sess:
        x, y = _dense()
        sess.run(tf.global_variables_initializer())
        sess.run([v.assign(v + 0.125) for v in tf.global_variables()])
        outputs = sess.run({"y": y}, {x: X})
        tags = build(sess, export_dir, x, y)
    record = {"tags": tags, "signature": "serving_default", "feeds": {"x": X},
              "outputs": {k: np.asarray(v).tolist() for k, v in outputs.items()}}
    with open(export_dir + ".json", "w") as f:
        json.dump(record, f)
    return export_dir


def _simple(sess, export_dir, x, y):
    tf.saved_model.simple_save(sess, export_dir, {"x": x}, {"y": y})
    return ["serve"]


def _builder_text(sess, export_dir, x, y):
    builder = tf.saved_model.builder.SavedModelBuilder(export_dir)
    builder.add_meta_graph_and_variables(sess, ["serve", "gpu"], {
        "serving_default": tf.saved_model.predict_signature_def({"x": x}, {"y": y})},
        main_op=tf.group(tf.local_variables_initializer(), tf.tables_initializer()), strip_default_attrs=True)
    builder.add_meta_graph(["train"])
    builder.save(as_text=True)
    return ["serve", "gpu"]


def main(out_dir):
    return [write(out_dir, "sf_simple", _simple), write(out_dir, "sf_text", _builder_text)]


if __name__ == "__main__":
    print(" ".join(main(sys.argv[1])))
