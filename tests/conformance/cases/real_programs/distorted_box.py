"""``tf.image.sample_distorted_bounding_box`` as Inception/slim preprocessing calls it
(``distorted_bounding_box_crop``): names and shapes, the crop's constraints, the cases whose
answer is not random (the whole image), and TF's errors. The random crops themselves differ
(NumPy's random numbers, not TF's)."""

import numpy as np

from tests.conformance.harness import case, raises


def _last_line(got):
    if "error" in got:
        lines = [line for line in got["message"].split("\n") if line and not line.startswith("\t")]
        return [got["error"], lines[-1]]
    return got


@case
def distorted_bounding_box_crop_graph_and_constraints(tf):
    with tf.Graph().as_default(), tf.Session() as sess:
        image = tf.zeros([32, 48, 3])
        bbox = tf.constant([[[0.1, 0.2, 0.5, 0.9]]])
        begin, size, bboxes = tf.image.sample_distorted_bounding_box(
            tf.shape(image), bounding_boxes=bbox, min_object_covered=0.5, aspect_ratio_range=(0.75, 1.33),
            area_range=(0.05, 1.0), max_attempts=100, use_image_if_no_bounding_boxes=True)
        cropped = tf.slice(image, begin, size)
        drawn = tf.image.draw_bounding_boxes(tf.expand_dims(image, 0), bboxes)
        named = tf.image.sample_distorted_bounding_box([8, 8, 3], bbox, name="named")
        checks = []
        for _ in range(5):
            b, s, bb, c = sess.run([begin, size, bboxes, cropped])
            area = s[0] * s[1] / (32 * 48)
            checks.append(bool(b[2] == 0 and s[2] == -1 and b[0] + s[0] <= 32 and b[1] + s[1] <= 48
                               and 0.05 - 1e-6 <= area <= 1 and list(c.shape) == [s[0], s[1], 3]
                               and np.allclose(bb[0, 0], [b[0] / 32, b[1] / 48, (b[0] + s[0]) / 32,
                                                          (b[1] + s[1]) / 48])))
        return {"names": [[t.name, t.dtype.name, t.shape.as_list()] for t in (begin, size, bboxes, cropped, drawn)],
                "named": [t.name for t in named], "op": begin.op.type, "checks": checks}


@case
def distorted_bounding_box_whole_image_cases(tf):
    with tf.Graph().as_default(), tf.Session() as sess:
        box = [[[0.1, 0.1, 0.5, 0.5]]]
        cases = [tf.image.sample_distorted_bounding_box([10, 10, 3], [[[0.6, 0.1, 0.2, 0.5]]]),  # inverted box
                 tf.image.sample_distorted_bounding_box([10, 10, 3], box, area_range=[0.9, 0.1]),
                 tf.image.sample_distorted_bounding_box([10, 10, 3], box, min_object_covered=1.5),
                 tf.image.sample_distorted_bounding_box([0, 10, 3], box)]
        return [[v.tolist() for v in sess.run(list(t))] for t in cases]


@case
def distorted_bounding_box_errors(tf):
    with tf.Graph().as_default(), tf.Session() as sess:
        size, boxes = tf.placeholder(tf.int32), tf.placeholder(tf.float32)
        fed = [({size: [10, 10, 3], boxes: np.zeros([1, 0, 4], np.float32)}, False),
               ({size: [10, 10], boxes: np.zeros([1, 1, 4], np.float32)}, True),
               ({size: [[10, 10, 3]], boxes: np.zeros([1, 1, 4], np.float32)}, True),
               ({size: [10, 10, 3], boxes: np.zeros([1, 4], np.float32)}, True),
               ({size: [10, 10, 3], boxes: np.zeros([1, 1, 5], np.float32)}, True),
               ({size: [10, 10, 3], boxes: np.array([[[0.1, 0.1, 1.5, 0.5]]], np.float32)}, True),
               ({size: [10, 10, 3], boxes: np.array([[[-0.1, 0.1, 0.5, 0.5]]], np.float32)}, True),
               ({size: [-5, 10, 3], boxes: np.zeros([1, 1, 4], np.float32)}, True)]
        run = [_last_line(raises(sess.run, tf.image.sample_distorted_bounding_box(
            size, boxes, use_image_if_no_bounding_boxes=use), feed)) for feed, use in fed]
        box = [[[0.1, 0.1, 0.5, 0.5]]]
        attrs = [dict(min_object_covered=-0.1), dict(aspect_ratio_range=[1.0]), dict(area_range=[0.1, 0.5, 0.9]),
                 dict(area_range=[0.0, 1.5]), dict(area_range=[0.1, 1.5]), dict(area_range=[-0.1, 0.5]),
                 dict(aspect_ratio_range=[0.0, 1.0]), dict(max_attempts=0)]
        run += [_last_line(raises(sess.run, tf.image.sample_distorted_bounding_box([10, 10, 3], box, **kw)))
                for kw in attrs]
        build = [raises(tf.image.sample_distorted_bounding_box, [10, 10], box),
                 raises(tf.image.sample_distorted_bounding_box, [10, 10, 3], [[0.1, 0.1, 0.5, 0.5]]),
                 raises(tf.image.sample_distorted_bounding_box, [10., 10., 3.], box)]
        return {"run": run, "build": build}
