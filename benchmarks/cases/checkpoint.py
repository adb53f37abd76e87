"""``checkpoint``: ``Saver.save`` and ``Saver.restore`` of 100 million float32 parameters.

100 variables of 1000x1000, written to and read from a temporary directory; each metric is
the median of three saves (or restores) in one process.
"""

import shutil
import statistics
import tempfile

from cases.timing import once

NAME = "checkpoint"
IMPLS = ("scopeflow", "tensorflow")
METRICS = {"save_s": "s", "restore_s": "s"}
TARGETS = {"save_s": 1.0, "restore_s": 1.0}


def measure(tf, impl, quick):
    count, side = (4, 100) if quick else (100, 1000)
    graph = tf.Graph()
    with graph.as_default():
        for i in range(count):
            tf.get_variable(f"v{i}", [side, side], initializer=tf.random_uniform_initializer())
        saver = tf.train.Saver()
        init = tf.global_variables_initializer()
    folder = tempfile.mkdtemp(prefix="scopeflow-bench-")
    try:
        with tf.Session(graph=graph) as sess:
            sess.run(init)
            path = f"{folder}/model.ckpt"
            saves = [once(lambda: saver.save(sess, path, write_meta_graph=False)) for _ in range(3)]
            restores = [once(lambda: saver.restore(sess, path)) for _ in range(3)]
        return {"save_s": statistics.median(saves), "restore_s": statistics.median(restores)}
    finally:
        shutil.rmtree(folder, ignore_errors=True)
