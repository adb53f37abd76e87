"""``tf.data.experimental.make_csv_dataset``: column names and types found in the files, labels,
selected columns, several files and epochs, static structure, and TF's argument errors.
Every case reads without shuffling (scopeflow's shuffle order is its own)."""

import contextlib
import warnings

from tests.conformance.cases.data_dataset._helpers import TempDir, drain
from tests.conformance.harness import case, raises


def _files(d):
    a = d.text("a.csv", "x,y,name,label\n1,2.5,a,0\n3,,b,1\n5,1e40,c,0\n")
    b = d.text("b.csv", "x,y,name,label\n7,0.5,d,1\n9999999999,3,e,1\n")
    return a, b


@contextlib.contextmanager
def _csv_files():
    """A fresh directory with two CSV files: ``(d, (a, b))``."""
    with TempDir() as d, warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # NumPy's overflow warning while inferring 1e40's type
        yield d, _files(d)


@case
def make_csv_inferred_columns(tf):
    with _csv_files() as (d, (a, _)):
        mk = tf.data.experimental.make_csv_dataset
        both = mk(d.path("*.csv"), 2, num_epochs=1, shuffle=False)
        first_row = mk(a, 2, num_epochs=1, shuffle=False, num_rows_for_inference=1)
        return {"types": repr(both.output_types), "shapes": repr(both.output_shapes), "both": drain(tf, both),
                "first_row_types": repr(first_row.output_types), "first_row": drain(tf, first_row)}


@case
def make_csv_labels_selection_and_epochs(tf):
    with _csv_files() as (d, (a, b)):
        mk = tf.data.experimental.make_csv_dataset
        labelled = mk(a, 2, label_name="label", num_epochs=1, shuffle=False, select_columns=["x", "label"])
        epochs = mk([a, b], 3, num_epochs=2, shuffle=False, column_defaults=[tf.int64, 0.0, "", 0])
        forever = mk(a, 2, label_name="name", column_defaults=[0, 0.0, "", 0], shuffle=False)
        return {"labelled": drain(tf, labelled), "labelled_types": repr(labelled.output_types),
                "epochs": drain(tf, epochs), "forever_shapes": repr(forever.output_shapes),
                "forever": drain(tf, forever.take(3))}


@case
def make_csv_errors(tf):
    with _csv_files() as (d, (a, _)):
        mk = tf.data.experimental.make_csv_dataset
        return d.clean([raises(lambda: mk(a, 2, label_name="nope")), raises(lambda: mk(d.path("*.none"), 2)),
                        raises(lambda: mk([], 2)), raises(lambda: mk(a, 2, header=False)),
                        raises(lambda: mk(a, 2, select_columns=["x", 9])),
                        raises(lambda: mk(a, 2, select_columns=["x", "zz"])),
                        raises(lambda: mk(a, 2, select_columns=["x", "x"])),
                        raises(lambda: mk(a, 2, column_names=["a", "a", "b", "c"])),
                        raises(lambda: mk(a, 2, select_columns=[0, 1], column_defaults=[0])),
                        raises(lambda: mk(a, 2, compression_type="ZLIB")),
                        raises(lambda: mk(a, 2, compression_type="BZ")),
                        raises(lambda: mk(d.text("e.csv", ""), 2)),
                        raises(lambda: mk([a, d.text("f.csv", "x,y\n1,2\n")], 2)),
                        raises(lambda: mk(d.text("g.csv", "x,y\n1,2\n3\n"), 2))])
