"""``tf.decode_raw`` / ``tf.io.decode_raw``: names, static shapes, values and errors."""

import numpy as np

from tests.conformance.cases.parsing._helpers import node, run, static
from tests.conformance.harness import case, raises


@case
def decode_raw_node_and_shapes(tf):
    x = tf.placeholder(tf.string, [None, 2])
    y = tf.placeholder(tf.string)
    a = tf.decode_raw(x, tf.int16)
    b = tf.io.decode_raw(y, tf.float32, little_endian=False, name="be")
    c = tf.decode_raw(tf.constant(b"abcd"), tf.uint8)
    return [static([a, b, c]), node(a.op), node(b.op), node(c.op)]


@case
def decode_raw_values_each_type(tf):
    out = {}
    for name in ["float16", "float32", "float64", "int32", "uint16", "uint8", "int16", "int8", "int64",
                 "complex64", "complex128"]:
        dtype = np.dtype(name)
        data = (np.arange(1, 5) * 3 - 5).astype(dtype)
        for little in (True, False):
            raw = data.astype(dtype.newbyteorder("<" if little else ">")).tobytes()
            got = run(tf, tf.decode_raw([raw, raw[::-1]], getattr(tf, name), little_endian=little))
            out[f"{name}_{little}"] = _real_parts(got)
    return out


def _real_parts(result):
    """Complex values as pairs of floats (the goldens hold no complex numbers)."""
    if "ok" in result and result["ok"].dtype.kind == "c":
        result["ok"] = result["ok"].view(result["ok"].real.dtype)
    return result


@case
def decode_raw_scalar_and_empty_strings(tf):
    return [run(tf, tf.decode_raw(b"\x01\x02\x03\x04", tf.int32)),
            run(tf, tf.decode_raw([b"", b""], tf.float32)),
            run(tf, tf.decode_raw(tf.zeros([0], tf.string), tf.int64)),
            run(tf, tf.decode_raw([[b"ab"], [b"cd"]], tf.uint8))]


@case
def decode_raw_length_not_a_multiple(tf):
    return [run(tf, tf.decode_raw([b"abc", b"def"], tf.int16)),
            run(tf, tf.decode_raw(b"abcdef", tf.float32)),
            run(tf, tf.decode_raw(b"abcdefghi", tf.float64, name="d")),
            run(tf, tf.decode_raw(b"abc", tf.float16)),
            _real_parts(run(tf, tf.decode_raw(b"abcdefghijkl", tf.complex128)))]


@case
def decode_raw_strings_of_different_lengths(tf):
    x = tf.placeholder(tf.string, [None])
    t = tf.decode_raw(x, tf.uint8)
    return [run(tf, t, {x: [b"ab", b"abcd"]}), run(tf, t, {x: [b"abcd", b"ab", b"abcd"]}),
            run(tf, t, {x: [b"", b"a"]})]


@case
def decode_raw_bytes_argument(tf):
    return [static(tf.decode_raw(bytes=tf.constant([b"\x01\x00"]), out_type=tf.int16)),
            raises(lambda: tf.decode_raw(b"ab", bytes=b"ab", out_type=tf.int8)),
            raises(lambda: tf.decode_raw(b"ab"))]


@case
def decode_raw_bad_out_type(tf):
    return [raises(lambda: tf.decode_raw(b"ab", tf.string)), raises(lambda: tf.decode_raw(b"ab", tf.uint32)),
            raises(lambda: tf.decode_raw(tf.constant([1]), tf.uint8))]
