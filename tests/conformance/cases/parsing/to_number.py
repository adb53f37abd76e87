"""``tf.strings.to_number`` / ``tf.string_to_number``: names, types, TF's parsing rules, errors."""

from tests.conformance.cases.parsing._helpers import node, run, static
from tests.conformance.harness import case, raises

_TYPES = ["float32", "float64", "int32", "int64", "uint32", "uint64"]


def _each_type(tf, text):
    return {name: run(tf, tf.strings.to_number(text, getattr(tf, name))) for name in _TYPES}


@case
def to_number_node_and_shapes(tf):
    x = tf.placeholder(tf.string, [2, None])
    a = tf.strings.to_number(x)
    b = tf.string_to_number(x, tf.int64, name="n")
    c = tf.string_to_number(input=tf.constant("1"), out_type=tf.float64)
    return [static([a, b, c]), node(a.op), node(b.op)]


@case
def to_number_floats(tf):
    return run(tf, tf.strings.to_number(["1.5", " 2 ", "1e3", "-.25", "3.", "+7", "1e-50", "1e400", "-1e400"]))


@case
def to_number_float_specials_and_hex(tf):
    return [run(tf, tf.strings.to_number(["inf", "-Inf", "INFINITY", "0x1A", "-0x.8p1"], tf.float64)),
            run(tf, tf.is_nan(tf.strings.to_number(["nan", "-NaN"], tf.float32)))]


@case
def to_number_integers(tf):
    return [run(tf, tf.strings.to_number(["12", " -3 ", "+4", "0"], tf.int32)),
            run(tf, tf.string_to_number(["9223372036854775807", "-9223372036854775808"], tf.int64)),
            run(tf, tf.string_to_number(["4294967295", "0"], tf.uint32)),
            run(tf, tf.string_to_number(["18446744073709551615"], tf.uint64))]


@case
def to_number_not_a_number(tf):
    return {text: _each_type(tf, text) for text in ["abc", "", "1,5", "1 2", "--1"]}


@case
def to_number_fraction_as_integer(tf):
    return {text: _each_type(tf, text) for text in ["1.5", "1e3", "0x10", "inf"]}


@case
def to_number_out_of_range(tf):
    return {text: _each_type(tf, text) for text in ["2147483648", "-2147483649", "4294967296", "-1",
                                                    "18446744073709551616"]}


@case
def to_number_fed_matrix(tf):
    x = tf.placeholder(tf.string, [None, 2])
    t = tf.strings.to_number(x, tf.int64)
    return [run(tf, t, {x: [["1", "2"], ["3", "4"]]}), run(tf, t, {x: [["1", "x"]]})]


@case
def to_number_bad_out_type(tf):
    return [raises(lambda: tf.strings.to_number("1", tf.int16)), raises(lambda: tf.strings.to_number("1", tf.string)),
            raises(lambda: tf.string_to_number(tf.constant(1.0))),
            raises(lambda: tf.string_to_number("1", input="1"))]
