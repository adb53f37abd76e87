"""``tf.image.non_max_suppression`` as TF1 detectors post-process their boxes: names, the kept
indices (ties, swapped corners, empty boxes, score threshold, float16), errors."""

import numpy as np

from tests.conformance.harness import case, raises


def _last_line(got):
    if "error" in got:
        lines = [line for line in got["message"].split("\n") if line and not line.startswith("\t")]
        return [got["error"], lines[-1]]
    return got


def _boxes():
    rng = np.random.RandomState(0)
    boxes, scores = rng.rand(40, 4).astype(np.float32), rng.rand(40).astype(np.float32)
    scores[5] = scores[7]  # a tie
    boxes[3] = boxes[3][[2, 3, 0, 1]]  # corners swapped
    boxes[9] = [0.5, 0.5, 0.5, 0.9]  # empty
    return boxes, scores


@case
def non_max_suppression_selections(tf):
    boxes, scores = _boxes()
    same = np.tile([[0, 0, 1, 1]], (4, 1)).astype(np.float32)
    with tf.Graph().as_default(), tf.Session() as sess:
        sel = tf.image.non_max_suppression(boxes, scores, 10, iou_threshold=0.3)
        named = tf.image.non_max_suppression(boxes, scores, 3, name="nms")
        runs = [sel, tf.image.non_max_suppression(boxes, scores, 40, 0.5, score_threshold=0.4),
                tf.image.non_max_suppression(boxes, scores, 0), tf.image.non_max_suppression(boxes[:0], scores[:0], 3),
                tf.image.non_max_suppression(boxes.astype(np.float16), scores.astype(np.float16), 5, 0.7),
                tf.image.non_max_suppression(same, [0.5, 0.9, 0.9, 0.1], 4, 0.99),
                tf.image.non_max_suppression(same, [0.5, 0.5, 0.5, 0.5], 4, 1.0),
                tf.image.non_max_suppression(boxes.astype(np.int32), scores, 3)]
        return {"op": [sel.name, sel.dtype.name, sel.shape.as_list(), [t.name for t in sel.op.inputs], named.name],
                "selected": [sess.run(t).tolist() for t in runs],
                "int_inputs": [t.name for t in runs[-1].op.inputs]}


@case
def non_max_suppression_errors(tf):
    boxes, scores = _boxes()
    with tf.Graph().as_default(), tf.Session() as sess:
        p, q = tf.placeholder(tf.float32), tf.placeholder(tf.float32)
        nms = tf.image.non_max_suppression
        run = [_last_line(raises(sess.run, nms(boxes, scores, 3, 1.5))),
               _last_line(raises(sess.run, nms(boxes, scores, 3, -0.1))),
               _last_line(raises(sess.run, nms(p, q, 3), {p: boxes, q: scores[:5]})),
               _last_line(raises(sess.run, nms(p, q, 3), {p: boxes[:, :3], q: scores})),
               _last_line(raises(sess.run, nms(boxes, scores, -1)))]
        build = [raises(nms, boxes[:, :3], scores, 3), raises(nms, boxes[0], scores, 3),
                 raises(nms, boxes, scores[None], 3), raises(nms, boxes, scores[:5], 3),
                 raises(nms, boxes, scores, [3])]
        return {"run": run, "build": build}
