"""``tf.image.draw_bounding_boxes`` as Inception's preprocessing uses it (the sampled crop drawn
for the image summary): pixels, colours, clipping, skipped boxes, errors, gradients."""

import numpy as np

from tests.conformance.harness import case, raises

_BOXES = np.array([[[0.1, 0.2, 0.8, 0.9], [0.5, -0.2, 1.3, 0.6]], [[0.9, 0.1, 0.2, 0.5], [0.0, 0.0, 1.0, 1.0]]],
                  np.float32)


def _last_line(got):
    if "error" in got and "\n" in got["message"]:
        return [got["error"], got["message"].splitlines()[-1]]
    return got


@case
def draw_bounding_boxes_pixels(tf):
    image = np.zeros([2, 6, 7, 3], np.float32)
    with tf.Graph().as_default(), tf.Session() as sess:
        rgb = tf.image.draw_bounding_boxes(image, _BOXES)
        gray = tf.image.draw_bounding_boxes(image[..., :1], _BOXES, name="gray")
        rgba = tf.image.draw_bounding_boxes(np.zeros([1, 5, 5, 4], np.float32), _BOXES[:1],
                                            colors=[[0.2, 0.4, 0.6, 0.8]])
        many = tf.image.draw_bounding_boxes(np.zeros([1, 12, 12, 3], np.float16),
                                            np.tile(np.linspace(0, 0.9, 12, dtype=np.float32)[:, None], (1, 1, 4))
                                            .reshape(1, 12, 4) * [1, 1, 0.1, 0.1] + [0, 0, 0.05, 0.05])
        values = sess.run([rgb, gray, rgba, many])
        return {"names": [[t.name, t.op.type, t.dtype.name, t.shape.as_list()] for t in (rgb, gray, rgba, many)],
                "rgb": values[0].tolist(), "gray": values[1][..., 0].tolist(),
                "rgba": values[2].sum(axis=(0, 1, 2)).round(4).tolist(), "many": values[3].astype(float).tolist()}


@case
def draw_bounding_boxes_errors(tf):
    image = np.zeros([2, 6, 7, 3], np.float32)
    with tf.Graph().as_default(), tf.Session() as sess:
        build = [raises(tf.image.draw_bounding_boxes, image[0], _BOXES),
                 raises(tf.image.draw_bounding_boxes, image[..., :2], _BOXES),
                 raises(tf.image.draw_bounding_boxes, image, _BOXES[0])]
        run = [_last_line(raises(sess.run, tf.image.draw_bounding_boxes(image, _BOXES, colors=[1.0, 0, 0, 1]))),
               _last_line(raises(sess.run, tf.image.draw_bounding_boxes(image, _BOXES, colors=[[1.0, 0]]))),
               _last_line(raises(sess.run, tf.image.draw_bounding_boxes(image, _BOXES[:1])))]
        ints = tf.image.draw_bounding_boxes(image.astype(np.int32), _BOXES)
        return {"build": build, "run": run, "ints": [ints.dtype.name, ints.op.inputs[0].name]}


@case
def draw_bounding_boxes_gradients(tf):
    with tf.Graph().as_default():
        x, b = tf.zeros([1, 3, 3, 1]), tf.zeros([1, 1, 4])
        v1 = tf.gradients(tf.image.draw_bounding_boxes(x, b), [x, b])
        v2 = raises(tf.gradients, tf.image.draw_bounding_boxes(x, b, colors=[[1.0, 0, 0, 1]]), [x, b])
        return [v1, v2["error"]]
