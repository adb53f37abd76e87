"""Conformance cases for ``tf.summary.image`` and ``tf.summary.audio``: op attributes and tags,
the PNG and WAV encodings (bytes and decoded content), normalisation and errors."""

import numpy as np

from tests.conformance.cases.summary._helpers import const_text, kernel_error, op_plain, run_summary
from tests.conformance.harness import case, raises


@case
def image_op_and_tags(tf):
    with tf.name_scope("outer"):
        a = tf.summary.image("img", tf.zeros([2, 4, 5, 3]), max_outputs=1)
        b = tf.summary.image("img", tf.zeros([2, 4, 5, 1]), family="fam")
    return {"ops": [op_plain(t.op) for t in (a, b)], "tags": [const_text(t.op.inputs[0]) for t in (a, b)],
            "bad_color": [list(t.op.get_attr("bad_color").int_val) for t in (a, b)],
            "values": [[v["tag"] for v in run_summary(tf, t)] for t in (a, b)]}


@case
def image_float_normalisation(tf):
    x = np.array([[[[-2.0], [0.0], [1.0], [np.nan]]], [[[0.5], [1.0], [3.0], [np.inf]]],
                  [[[1e-7], [0.0], [0.0], [0.0]]]], np.float32)
    return run_summary(tf, tf.summary.image("i", tf.constant(x), max_outputs=5))


@case
def image_float_precisions(tf):
    x = np.random.RandomState(0).uniform(-3, 5, size=(1, 3, 4, 3))
    return [run_summary(tf, tf.summary.image(f"i{n}", tf.constant(x.astype(dt))))
            for n, dt in enumerate([np.float32, np.float64, np.float16])]


@case
def image_uint8_rgba(tf):
    x = (np.arange(24, dtype=np.uint8).reshape(1, 2, 3, 4) * 10)
    return run_summary(tf, tf.summary.image("u", tf.constant(x)))


@case
def image_png_of_a_larger_image(tf):
    x = np.random.RandomState(1).randint(0, 256, size=(2, 30, 40, 3)).astype(np.uint8)
    y, xx = np.mgrid[:64, :48]
    smooth = ((xx * 3 + y * 5)[None, ..., None] % 256).astype(np.uint8)
    return [run_summary(tf, tf.summary.image("noise", tf.constant(x), max_outputs=2)),
            run_summary(tf, tf.summary.image("smooth", tf.constant(smooth)))]


@case
def image_fewer_images_than_max_outputs(tf):
    return [[v["tag"] for v in run_summary(tf, tf.summary.image("i", tf.zeros([n, 1, 1, 1]), max_outputs=3))]
            for n in (0, 2, 5)]


@case
def image_bad_shapes_fail_when_run(tf):
    p = tf.placeholder(tf.float32, name="p")
    s = tf.summary.image("i", p)
    return [kernel_error(tf, s, {p: np.zeros([2, 3, 4])}), kernel_error(tf, s, {p: np.zeros([2, 3, 4, 2])}),
            kernel_error(tf, s, {p: np.zeros([1, 0, 2, 1])}), kernel_error(tf, s, {p: np.zeros([0, 3, 4, 1])})]


@case
def image_argument_errors(tf):
    return [raises(tf.summary.image, "i", tf.zeros([2, 3, 4, 1], tf.int32)),
            raises(tf.summary.image, "i", tf.zeros([2, 3, 4, 1]), max_outputs=0),
            raises(tf.summary.image, "i", tf.zeros([2, 3, 4, 1]), max_outputs="2")]


@case
def audio_op_and_tags(tf):
    with tf.name_scope("outer"):
        a = tf.summary.audio("aud", tf.zeros([2, 10]), 8000)
        b = tf.summary.audio("aud", tf.zeros([2, 10, 2]), 16000.0, max_outputs=1, family="fam")
    return {"ops": [op_plain(op) for op in tf.get_default_graph().get_operations()],
            "tags": [const_text(t.op.inputs[0]) for t in (a, b)],
            "values": [[v["tag"] for v in run_summary(tf, t)] for t in (a, b)]}


@case
def audio_samples(tf):
    x = np.array([[0.5, -1.5, 0.25, 1.0, -0.00002, 0.00002, 0.0]], np.float32)
    halves = np.array([[0.5, 1.5, 2.5, -0.5, -1.5, np.nan, 3e38]], np.float32) / np.float32(32768)
    return [run_summary(tf, tf.summary.audio("a", tf.constant(x), 16000, max_outputs=1)),
            run_summary(tf, tf.summary.audio("b", tf.constant(halves), 100.0, max_outputs=1))]


@case
def audio_channels_and_rates(tf):
    clips = np.linspace(-1, 1, 24).astype(np.float32).reshape(2, 4, 3)
    return [run_summary(tf, tf.summary.audio("st", tf.constant(clips), rate)) for rate in (16000.7, 8000.5, 0.4)]


@case
def audio_errors_when_run(tf):
    p = tf.placeholder(tf.float32, name="p")
    r = tf.placeholder(tf.float32, name="r")
    s = tf.summary.audio("a", p, r)
    return [kernel_error(tf, s, {p: np.zeros([2]), r: 1.0}), kernel_error(tf, s, {p: np.zeros([1, 2, 3, 4]), r: 1.0}),
            kernel_error(tf, s, {p: np.zeros([2, 3]), r: [1.0, 2.0]}),
            kernel_error(tf, s, {p: np.zeros([2, 3]), r: -5.0}),
            kernel_error(tf, s, {p: np.zeros([2, 3]), r: 1e10}),
            kernel_error(tf, s, {p: np.zeros([1, 2, 70000]), r: 100.0}),
            kernel_error(tf, s, {p: np.zeros([0, 3]), r: 100.0})]


@case
def audio_needs_float32(tf):
    return raises(tf.summary.audio, "a", tf.zeros([2, 3], tf.int32), 5.0)
