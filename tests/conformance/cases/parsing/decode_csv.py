"""``tf.io.decode_csv`` / ``tf.decode_csv``: names, static shapes, parsing and TF's errors."""

from tests.conformance.cases.parsing._helpers import node, run, static
from tests.conformance.harness import case, raises


def _csv(tf, records, defaults, **kwargs):
    return run(tf, tf.io.decode_csv(records, defaults, **kwargs))


@case
def decode_csv_nodes_and_shapes(tf):
    x = tf.placeholder(tf.string, [None, 3])
    out = tf.decode_csv(x, [[1], [2.0], [""], tf.constant([], tf.int64), tf.constant([1.5], tf.float64)])
    named = tf.io.decode_csv(tf.placeholder(tf.string), [[0]], name="csv")
    return [static(out), static(named), node(out[0].op), node(named[0].op)]


@case
def decode_csv_attrs_in_node(tf):
    out = tf.io.decode_csv(["a|b"], [[""], [""]], field_delim="|", use_quote_delim=False, na_value="NA")
    sel = tf.io.decode_csv(["1,2,3"], [[0], [0]], select_cols=[0, 2])
    return [node(out[0].op), node(sel[0].op)]


@case
def decode_csv_values(tf):
    return _csv(tf, ["1,2.5,abc,7", "-3, 4 ,x y,9223372036854775807"],
                [[0], [0.0], [""], tf.constant([], tf.int64)])


@case
def decode_csv_defaults_fill_empty_fields(tf):
    return [_csv(tf, [",,", "1,2,c"], [[7], [1.5], ["d"]]),
            _csv(tf, ["1,"], [tf.constant([], tf.int32), [5]]),
            _csv(tf, [","], [[1], [2]])]


@case
def decode_csv_required_field_missing(tf):
    return [_csv(tf, [",1"], [tf.constant([], tf.int32), [1]]),
            _csv(tf, ["1,2", "1,"], [[0], tf.constant([], tf.float32)]),
            _csv(tf, ["a,"], [[""], tf.constant([], tf.string)])]


@case
def decode_csv_quoted_fields(tf):
    return [_csv(tf, ['"a""b",x', '"q,r",y', '"",z'], [["d"], [""]]),
            _csv(tf, ['"1","2.5"'], [[0], [0.0]]),
            _csv(tf, ['a,"b"'], [[""], [""]])]


@case
def decode_csv_quote_errors(tf):
    return [_csv(tf, ['a"b,x'], [[""], [""]]), _csv(tf, ['"ab"c,x'], [[""], [""]]),
            _csv(tf, ['"a"b",x'], [[""], [""]]), _csv(tf, ['"ab'], [[""]]), _csv(tf, ['x,"ab'], [[""], [""]])]


@case
def decode_csv_without_quote_delim(tf):
    return [_csv(tf, ['a"b,"x"'], [[""], [""]], use_quote_delim=False),
            _csv(tf, ['"a,b"'], [[""], [""]], use_quote_delim=False)]


@case
def decode_csv_line_breaks(tf):
    return [_csv(tf, ["1,\n2"], [[0], [0]]), _csv(tf, ["1\r\n,2"], [[0], [0]]), _csv(tf, ["\r\n1,2\n"], [[0], [0]]),
            _csv(tf, ['"a\nb",c'], [[""], [""]])]


@case
def decode_csv_wrong_number_of_fields(tf):
    return [_csv(tf, ["1,2,3"], [[0], [0]]), _csv(tf, ["1"], [[0], [0]]), _csv(tf, ["1,2", "3"], [[0], [0]]),
            _csv(tf, [""], [[0]])]


@case
def decode_csv_invalid_numbers(tf):
    return [_csv(tf, ["x,1"], [[0], [0.0]]), _csv(tf, ["1,y"], [[0], [0.0]]),
            _csv(tf, ["1.5"], [tf.constant([0], tf.int64)]), _csv(tf, ["0x10"], [[0]]),
            _csv(tf, ["1,z"], [[0], tf.constant([0.0], tf.float64)]), _csv(tf, ["99999999999"], [[0]])]


@case
def decode_csv_number_forms(tf):
    return _csv(tf, ["1e400,inf, -2 ,0x1p3,+5"], [[0.0], [0.0], [0], tf.constant([0.0], tf.float64), [0]])


@case
def decode_csv_na_value(tf):
    return [_csv(tf, ["NA,2,NA"], [[7], [1.0], ["s"]], na_value="NA"),
            _csv(tf, ["NA,"], [tf.constant([], tf.int32), [0]], na_value="NA"),
            _csv(tf, ["?,"], [[""], [""]], na_value="?")]


@case
def decode_csv_field_delim(tf):
    return [_csv(tf, ["1;2;x"], [[0], [0.0], [""]], field_delim=";"),
            _csv(tf, ["1\t2"], [[0], [0]], field_delim="\t"),
            _csv(tf, ["1,2"], [[0], [0]], field_delim=";;"), _csv(tf, ["1,2"], [[0], [0]], field_delim="")]


@case
def decode_csv_select_cols(tf):
    return [_csv(tf, ["1,2,3,4"], [[0], [0]], select_cols=[1, 3]),
            _csv(tf, ['1,"a",x"y'], [[0], [""]], select_cols=[0, 1]),
            _csv(tf, ["1,2"], [[0], [0]], select_cols=[1, 2]),
            _csv(tf, ["1,2,"], [[0], [0]], select_cols=[0, 2])]


@case
def decode_csv_select_cols_checked_in_python(tf):
    return [raises(lambda: tf.io.decode_csv(["1,2"], [[0], [0]], select_cols=[1, 0])),
            raises(lambda: tf.io.decode_csv(["1,2"], [[0], [0]], select_cols=[-1, 0])),
            raises(lambda: tf.io.decode_csv(["1,2"], [[0], [0]], select_cols=[1])),
            raises(lambda: tf.io.decode_csv(["1,2"], [[0]], select_cols=[1, 1]))]


@case
def decode_csv_fed_records_keep_their_shape(tf):
    x = tf.placeholder(tf.string, [None, 2])
    out = tf.io.decode_csv(x, [[0], [""]])
    return [static(out), run(tf, out, {x: [["1,a", "2,b"], ["3,c", '4,"d"']]})]


@case
def decode_csv_bad_defaults(tf):
    return [raises(lambda: tf.io.decode_csv(["1,2"], [[True], [1]])),
            raises(lambda: tf.io.decode_csv(["1,2"], [])),
            raises(lambda: tf.io.decode_csv(["1,2"], [[1, 2], [1]])),
            raises(lambda: tf.io.decode_csv(["1,2"], [[[1]], [1]]))]


@case
def decode_csv_defaults_checked_at_run_time(tf):
    d = tf.placeholder(tf.int32, [None])
    m = tf.placeholder(tf.int32)
    out = tf.io.decode_csv(["1,"], [[0], d])
    deep = tf.io.decode_csv(["1,"], [[0], m])
    return [static(out), run(tf, out, {d: [1, 2]}), run(tf, out, {d: [4]}), run(tf, deep, {m: [[4]]}),
            run(tf, deep, {m: 5})]


@case
def decode_csv_record_scalar_and_tensor_defaults(tf):
    out = tf.decode_csv("5,x", [tf.constant(1), tf.constant("s")])
    return [static(out), run(tf, out)]
