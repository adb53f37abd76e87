"""The parsing ops' field splitter and number parsers (TF's rules), and their kernels' errors."""

import numpy as np
import pytest

import scopeflow as tf
from scopeflow._src.ops.parsing.csv_fields import CSVError, split_record
from scopeflow._src.ops.parsing.numbers import parse_float, parse_int

I32, U64 = np.dtype(np.int32), np.dtype(np.uint64)


@pytest.mark.parametrize("text, dtype, want", [
    (b"12", I32, 12), (b" -3\t", I32, -3), (b"+4", I32, 4), (b"2147483647", I32, 2147483647),
    (b"2147483648", I32, None), (b"1.5", I32, None), (b"0x10", I32, None), (b"", I32, None), (b"1 2", I32, None),
    (b"18446744073709551615", U64, 2**64 - 1), (b"-1", U64, None), (b"1_000", I32, None),
])
def test_parse_int_follows_safe_strto(text, dtype, want):
    assert parse_int(text, dtype) == want


@pytest.mark.parametrize("text, want", [
    (b"1.5", 1.5), (b" 3. ", 3.0), (b".25", 0.25), (b"-1e3", -1000.0), (b"0x1A", 26.0), (b"-0x.8p1", -1.0),
    (b"1e400", np.inf), (b"-INFINITY", -np.inf), (b"+inf", np.inf), (b"0x1p5000", np.inf),
    (b"abc", None), (b"", None), (b"1,5", None), (b"1_0", None), (b"--1", None), (b"e5", None),
])
def test_parse_float_follows_safe_strtof(text, want):
    assert parse_float(text) == want


def test_parse_float_reads_nan_in_any_case():
    assert np.isnan(parse_float(b"NaN")) and np.isnan(parse_float(b"-nan"))


@pytest.mark.parametrize("record, select, want", [
    (b"a,b,c", None, [b"a", b"b", b"c"]), (b"a,", None, [b"a", b""]), (b",", None, [b"", b""]), (b"", None, []),
    (b'"a,""b""",c', None, [b'a,"b"', b"c"]), (b'"",x', None, [b"", b"x"]), (b"1,\n2", None, [b"1", b"2"]),
    (b"\r\n1,2", None, [b"1", b"2"]), (b"1,2,3,4", [1, 3], [b"2", b"4"]), (b'1,"a",x"y', [0, 1], [b"1", b"a"]),
    (b"1,2,", [0, 2], [b"1", b""]), (b"1,2", [1, 2], [b"2"]),
])
def test_split_record(record, select, want):
    assert split_record(record, ord(","), True, select) == want


@pytest.mark.parametrize("record, message", [
    (b'a"b,x', "Unquoted fields cannot have quotes/CRLFs inside"), (b"1\r\n,2", "Unquoted fields cannot"),
    (b'"ab"c,x', "Quote inside a string has to be escaped by another quote"),
    (b'"ab', "Quoted field has to end with quote followed by delim or end"),
])
def test_split_record_refuses_what_tf_refuses(record, message):
    with pytest.raises(CSVError, match=message):
        split_record(record, ord(","), True)


def test_quotes_are_plain_characters_without_quote_delim():
    assert split_record(b'a"b,"x"', ord(","), False) == [b'a"b', b'"x"']


def _run_error(fetch, feed=None):
    """The op and the kernel's message (the line after TF's ``Node:`` line) of the error."""
    with tf.Session() as sess, pytest.raises(tf.errors.InvalidArgumentError) as info:
        sess.run(fetch, feed)
    lines = info.value.message.split("\n")
    return info.value.op.name, lines[lines.index(f"Node: '{info.value.op.name}'") + 1]


def test_decode_csv_errors_name_the_field_and_record():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.string, [None])
        a, b = tf.io.decode_csv(x, [[0], tf.constant([], tf.float32)])
        assert _run_error(a, {x: ["1,2", "3,"]})[1] == "Field 1 is required but missing in record 1!"
        assert _run_error(a, {x: ["1,2", "3,z"]})[1] == "Field 1 in record 1 is not a valid float: z"
        assert _run_error(b, {x: ["1"]})[1] == "Expect 2 fields but have 1 in record 0"
        assert _run_error(b, {x: ["1"]})[0] == "DecodeCSV"


def test_decode_csv_outputs_keep_the_records_shape_and_default_types():
    with tf.Graph().as_default():
        out = tf.decode_csv([["1,x"], ["2,"]], [[0.5], ["d"]])
        assert [(t.name, t.dtype, t.shape.as_list()) for t in out] == [
            ("DecodeCSV:0", tf.float32, [2, 1]), ("DecodeCSV:1", tf.string, [2, 1])]
        nums, words = tf.Session().run(out)
        assert nums.tolist() == [[1.0], [2.0]] and words.tolist() == [[b"x"], [b"d"]]


def test_decode_raw_errors_and_byte_order():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.string, [None])
        t = tf.decode_raw(x, tf.int32, little_endian=False)
        assert t.shape.as_list() == [None, None]
        assert tf.Session().run(t, {x: [b"\x00\x00\x01\x00"]}).tolist() == [[256]]
        assert _run_error(t, {x: [b"abcd", b"ab"]})[1] == (
            "DecodeRaw requires input strings to all be the same size, but element 1 has size 4 != 2")
        assert _run_error(t, {x: [b"abcde"]})[1] == (
            "Input to DecodeRaw has length 5 that is not a multiple of 4, the size of int32")


def test_string_to_number_error_and_types():
    with tf.Graph().as_default():
        t = tf.strings.to_number(["7", "x"], tf.int32)
        assert (t.name, t.dtype) == ("StringToNumber:0", tf.int32)
        assert _run_error(t)[1] == "StringToNumberOp could not correctly convert string: x"
        with pytest.raises(TypeError, match="DataType int16 not in list of allowed values"):
            tf.strings.to_number("1", tf.int16)
