"""Hue, saturation and value: the colour-space ops and the hue/saturation adjustments."""

import numpy as np

from tests.conformance.cases.image._helpers import graph_of, image, run
from tests.conformance.harness import case

_GREYS_AND_PRIMARIES = np.array([[[0.0, 0.0, 0.0], [1.0, 1.0, 1.0], [0.5, 0.5, 0.5], [1.0, 0.0, 0.0]],
                                 [[0.0, 1.0, 0.0], [0.0, 0.0, 1.0], [1.0, 1.0, 0.0], [0.2, 0.0, 0.9]]], np.float32)


@case
def rgb_to_hsv_values(tf):
    outs = [tf.image.rgb_to_hsv(image((3, 4, 3), seed=1)), tf.image.rgb_to_hsv(_GREYS_AND_PRIMARIES)]
    return [[o.name, o.shape.as_list()] for o in outs] + [run(tf, outs)]


@case
def hsv_to_rgb_values(tf):
    outs = [tf.image.hsv_to_rgb(image((3, 4, 3), seed=2)), tf.image.hsv_to_rgb(image((2, 2, 3), seed=3,
                                                                                       dtype=np.float64))]
    return [[o.name, o.dtype.name] for o in outs] + [run(tf, outs)]


@case
def hsv_round_trip(tf):
    x = image((4, 4, 3), seed=4)
    return run(tf, tf.image.hsv_to_rgb(tf.image.rgb_to_hsv(x)))


@case
def adjust_hue_values(tf):
    x = image((3, 4, 3), seed=5)
    outs = [tf.image.adjust_hue(x, d) for d in (0.2, -0.7, 1.0)]
    return [graph_of(outs[0]), run(tf, outs + [tf.image.adjust_hue(_GREYS_AND_PRIMARIES, 0.5)])]


@case
def adjust_hue_uint8(tf):
    out = tf.image.adjust_hue(image((2, 3, 3), seed=6, dtype=np.uint8, scale=255), 0.3)
    return [out.name, out.dtype.name, run(tf, out)]


@case
def adjust_saturation_values(tf):
    x = image((3, 4, 3), seed=7)
    outs = [tf.image.adjust_saturation(x, f) for f in (0.0, 0.5, 2.5)]
    return [graph_of(outs[0]), run(tf, outs + [tf.image.adjust_saturation(_GREYS_AND_PRIMARIES, 0.3)])]


@case
def adjust_saturation_uint8(tf):
    out = tf.image.adjust_saturation(image((2, 3, 3), seed=8, dtype=np.uint8, scale=255), 1.7)
    return [out.name, out.dtype.name, run(tf, out)]
