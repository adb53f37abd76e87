"""Join, length, case, strip, substrings, numbers as text."""

from tests.conformance.cases.parsing._helpers import node, run, static
from tests.conformance.harness import case, raises

_WORDS = ["Hello World", "  ab c ", "", "\u00e9t\u00e9 \u00c9T\u00c9", "x\ty\n"]


@case
def join_nodes_and_values(tf):
    x = tf.constant(["a", "b"])
    a = tf.strings.join([x, "!"], separator="-")
    b = tf.string_join([x, x, x], name="j")
    return [static([a, b]), node(a.op), node(b.op), run(tf, [a, b])]


@case
def join_scalars_and_shapes(tf):
    a = tf.strings.join(["a", "b", "c"])
    x = tf.placeholder(tf.string, [None, 2])
    b = tf.strings.join([x, "_", x])
    return [static([a, b]), run(tf, a), run(tf, b, {x: [["p", "q"], ["r", "s"]]})]


@case
def join_static_shape_mismatch(tf):
    return raises(lambda: tf.string_join([["a", "b"], ["c", "d", "e"]]).name)


@case
def join_runtime_shape_mismatch(tf):
    x = tf.placeholder(tf.string, [None])
    return run(tf, tf.string_join([x, tf.constant(["c", "d", "e"])]), {x: ["a", "b"]})


@case
def length_bytes_and_chars(tf):
    a = tf.strings.length(_WORDS)
    b = tf.strings.length(_WORDS, unit="UTF8_CHAR")
    return [static([a, b]), node(b.op), run(tf, [a, b])]


@case
def length_bad_unit(tf):
    return raises(lambda: tf.strings.length(["a"], unit="CHAR").name)


@case
def lower_upper(tf):
    ops = [tf.strings.lower(_WORDS), tf.strings.upper(_WORDS), tf.strings.lower(_WORDS, encoding="utf-8"),
           tf.strings.upper(_WORDS, encoding="utf-8")]
    return [static(ops), node(ops[0].op), node(ops[3].op), run(tf, ops)]


@case
def strip_whitespace(tf):
    t = tf.strings.strip([" a ", "\t\nb c\r\n", "", "   ", "\x0bd\x0c"])
    return [static(t), node(t.op), run(tf, t)]


@case
def substr_bytes(tf):
    x = tf.constant(["Hello World", "abc"])
    ts = [tf.strings.substr(x, 1, 3), tf.strings.substr(x, 0, 100), tf.strings.substr(x, -2, 5),
          tf.substr(x, 3, 0), tf.strings.substr(x, [1, 2], [2, 1])]
    return [static(ts), node(ts[0].op), run(tf, ts)]


@case
def substr_utf8(tf):
    x = tf.constant(["h\u00e9llo w\u00f6rld", "\u00e9\u00e9\u00e9"])
    ts = [tf.strings.substr(x, 1, 3, unit="UTF8_CHAR"), tf.strings.substr(x, -2, 2, unit="UTF8_CHAR"),
          tf.strings.substr(x, 1, 3)]
    return [node(ts[0].op), run(tf, ts)]


@case
def substr_int64_positions(tf):
    t = tf.strings.substr(["abcdef"], tf.constant([2], tf.int64), tf.constant([3], tf.int64))
    return [node(t.op), run(tf, t)]


@case
def substr_out_of_range(tf):
    return [run(tf, tf.strings.substr(["abcabc", "xyz"], 4, 3)), run(tf, tf.strings.substr(["ab"], -3, 1)),
            run(tf, tf.strings.substr(["ab"], 2, 1))]


@case
def substr_static_shape_mismatch(tf):
    return raises(lambda: tf.strings.substr(["a", "b"], [1, 2, 3], [1, 1, 1]).name)


@case
def as_string_floats(tf):
    x = tf.constant([1.5, -2.25, 1e10, 1e-5, 123456789.0, 0.0])
    ts = [tf.as_string(x), tf.as_string(x, precision=2), tf.as_string(x, scientific=True),
          tf.as_string(x, shortest=True), tf.as_string(x, precision=3, scientific=True),
          tf.as_string(x, width=12), tf.as_string(x, width=12, fill="0", precision=1)]
    return [static(ts[0]), node(ts[0].op), node(ts[-1].op), run(tf, ts)]


@case
def as_string_integers_and_bools(tf):
    ts = [tf.as_string(tf.constant([3, -4, 0])), tf.as_string(tf.constant([3, -4]), width=5, fill="0"),
          tf.as_string(tf.constant([7], tf.int64), width=4), tf.as_string(tf.constant([True, False])),
          tf.as_string(tf.constant([200], tf.uint8)), tf.as_string(tf.constant([5, 6]), width=4, fill="-")]
    return [node(ts[1].op), run(tf, ts)]


@case
def as_string_complex(tf):
    return run(tf, tf.as_string(tf.constant([1 + 2j, -0.5j], tf.complex64), precision=1))


@case
def as_string_bad_options(tf):
    return [run(tf, tf.as_string([1.5], scientific=True, shortest=True)), run(tf, tf.as_string([1.5], fill="ab"))]
