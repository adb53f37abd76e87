"""``tf.data.experimental.CsvDataset``: the graph it builds, records as TF's CSV dataset kernel
reads them (quoted fields across lines, CR/LF endings, empty lines, headers, defaults,
``na_value``, ``select_cols``, compressed files), and its errors, one record at a time."""

import gzip

import numpy as np

from tests.conformance.cases.data_dataset._helpers import TempDir, first_error, graph_ops, structure
from tests.conformance.harness import case, raises, raises_last_line


def _read(tf, d, text, defaults, name="a.csv", **kwargs):
    """The elements (to the first error) of a CsvDataset of ``text`` written to ``name``."""
    return d.clean(first_error(tf, tf.data.experimental.CsvDataset(d.text(name, text), defaults, **kwargs)))


@case
def csv_graph_and_structure(tf):
    user_default = tf.constant("d")
    ds = tf.data.experimental.CsvDataset("a.csv", [tf.int32, user_default, 0.0, tf.int64, [1.5]], header=True)
    tf.data.make_one_shot_iterator(ds).get_next()
    return {"structure": structure(tf, ds), "spec": repr(ds.element_spec), "ops": graph_ops(tf),
            "inputs": [t.name for t in tf.get_default_graph().get_operation_by_name("CSVDatasetV2").inputs]}


@case
def csv_records(tf):
    with TempDir() as d:
        return [_read(tf, d, b'1,"x,y",2.5\n2,,\n3,z,7\n', [tf.int32, "d", 0.0]),
                _read(tf, d, b'1,2\n3,4', [0, 0]), _read(tf, d, b'1,2\r\n3,4\r\n', [0, 0]),
                _read(tf, d, b'1,2\r3,4\r', [0, 0]), _read(tf, d, b'1,"a\nb"\n3,c\n', [0, ""]),
                _read(tf, d, b'"a\r\nb",c\r\n', ["", ""]), _read(tf, d, b'"a""b",c\n', ["", ""]),
                _read(tf, d, b'"a",b', ["", ""]), _read(tf, d, b'"",b\n', ["x", ""]), _read(tf, d, b'', [0]),
                _read(tf, d, b' 1, 2\n', [0, 0.0]), _read(tf, d, b'1e3,-7\n', [tf.float32, tf.int64]),
                _read(tf, d, b'1,"a"\n', [0, ""], use_quote_delim=False),
                _read(tf, d, b'1;2\n', [0, 0], field_delim=";"),
                _read(tf, d, b'1,NA\n', [0, 5], na_value="NA"), _read(tf, d, b'1,2,3\n', [0, 0], select_cols=[0, 2])]


@case
def csv_headers_and_files(tf):
    with TempDir() as d:
        first, second = d.text("a.csv", "h1,h2\n1,2\n"), d.text("b.csv", "h1,h2\n3,4\n")
        with open(d.path("c.csv.gz"), "wb") as f:
            f.write(gzip.compress(b"5,6\n7,8\n"))
        return d.clean([first_error(tf, tf.data.experimental.CsvDataset([first, second], [0, 0], header=True)),
                        first_error(tf, tf.data.experimental.CsvDataset(d.path("c.csv.gz"), [0, 0],
                                                                        compression_type="GZIP")),
                        _read(tf, d, b'1,2\n', [0, 0], header=True),
                        _read(tf, d, b'"h,\n"x\n1,2\n', [0, 0], header=True), _read(tf, d, b'', [0], header=True),
                        first_error(tf, tf.data.experimental.CsvDataset(d.path("missing.csv"), [0]))])


@case
def csv_record_errors(tf):
    with TempDir() as d:
        return [_read(tf, d, text, ["", ""]) for text in
                (b'"ab"cd",x\n', b'x,"b"c\n', b'x,"b"\n\n', b'"a"\r,b\n', b'x,y"\n', b'x,"\n')] + [
            _read(tf, d, b'1,2\n3\n', [0, 7]), _read(tf, d, b'1,2\n,\n', [0, tf.int32]),
            _read(tf, d, b'1,2,3\n', [0, 0]), _read(tf, d, b'x,2\n', [0, 0]), _read(tf, d, b'a,b\n', [[1], ""]),
            _read(tf, d, b'a,b\n', [0.0, ""]), _read(tf, d, b'1,0x10\n', [0, 0]),
            _read(tf, d, b'9999999999,2\n', [0, tf.int64]), _read(tf, d, b'1,2,3\n4\n', [0, 0], select_cols=[0, 2])]


@case
def csv_records_after_an_error(tf):
    with TempDir() as d:
        nxt = tf.data.make_one_shot_iterator(tf.data.experimental.CsvDataset(
            d.text("a.csv", b'1,2\nx,3\n4,5\n6\n7,8\n'), [0, 0])).get_next()
        with tf.Session() as sess:
            out = []
            for _ in range(6):
                out.append(raises_last_line(lambda: [int(v) for v in sess.run(nxt)]))
            return out


@case
def csv_bad_arguments(tf):
    with TempDir() as d:
        path = d.text("a.csv", b'1,2\n')
        return [_read(tf, d, b'1,2\n', [0, 0], select_cols=[-1, 0]), _read(tf, d, b'1,2\n', [0, 0], select_cols=[1, 0]),
                _read(tf, d, b'1,2\n', [0, 0], select_cols=[1]), _read(tf, d, b'1,2\n', [0, 0], field_delim=";;"),
                _read(tf, d, b'1,2\n', [0, 0], compression_type="BZ2"), _read(tf, d, b'1,2\n', [0, 0], buffer_size=0),
                raises(lambda: tf.data.experimental.CsvDataset(path, [tf.int32, tf.string, tf.bool])),
                raises(lambda: tf.data.experimental.CsvDataset(path, [[1, 2], 0]))["error"],
                raises(lambda: tf.data.experimental.CsvDataset(path, [np.array([True])]))]
