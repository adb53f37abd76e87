"""Conformance cases for ``tf.summary.scalar``, ``histogram``, ``text``, ``tensor_summary``: op
names, types, attributes, tags, values and errors."""

import numpy as np

from tests.conformance.cases.summary._helpers import const_text, kernel_error, op_plain, run_summary
from tests.conformance.harness import case, raises


@case
def scalar_op_and_tag(tf):
    s = tf.summary.scalar("loss", tf.constant(1.5))
    return {"name": s.name, "shape": s.shape.as_list(), "dtype": s.dtype.name, "op": op_plain(s.op),
            "tag": const_text(s.op.inputs[0]), "collection": [t.name for t in tf.get_collection("summaries")],
            "value": run_summary(tf, s)}


@case
def scalar_name_scopes_and_duplicates(tf):
    a = tf.summary.scalar("loss", tf.constant(1.0))
    with tf.name_scope("loss"):
        pass
    b = tf.summary.scalar("loss", tf.constant(2))
    with tf.name_scope("train"):
        c = tf.summary.scalar("loss", tf.constant(3.0))
        d = tf.summary.scalar("loss", tf.constant(4.0))
    return {"names": [t.name for t in (a, b, c, d)], "tags": [const_text(t.op.inputs[0]) for t in (a, b, c, d)],
            "values": run_summary(tf, tf.summary.merge([a, b, c, d]))}


@case
def scalar_family(tf):
    with tf.name_scope("outer"):
        a = tf.summary.scalar("s", tf.constant(1.0), family="fam")
        b = tf.summary.scalar("s", tf.constant(2.0), family="fam")
    c = tf.summary.scalar("t", tf.constant(3.0), family="bad family!")
    return {"names": [t.name for t in (a, b, c)], "tags": [const_text(t.op.inputs[0]) for t in (a, b, c)]}


@case
def scalar_illegal_names_are_cleaned(tf):
    a = tf.summary.scalar("a b$c", tf.constant(1.0))
    b = tf.summary.scalar("/lead/x", tf.constant(1.0))
    return [[t.name, const_text(t.op.inputs[0])] for t in (a, b)]


@case
def scalar_empty_name(tf):
    s = tf.summary.scalar("", 1.0)
    return {"name": s.name, "ops": [op.name for op in tf.get_default_graph().get_operations()],
            "value": run_summary(tf, s)}


@case
def scalar_of_a_python_number(tf):
    tf.summary.scalar("sc", 2.5)
    return [op_plain(op) for op in tf.get_default_graph().get_operations()]


@case
def scalar_collections_argument(tf):
    s = tf.summary.scalar("mine", 1.0, collections=["custom", "other"])
    t = tf.summary.scalar("none", 1.0, collections=[])
    names = {key: [x.name for x in tf.get_collection(key)] for key in ("custom", "other", "summaries")}
    return {**names, "names": [s.name, t.name]}


@case
def scalar_dtypes_run(tf):
    outs = [tf.summary.scalar("i32", tf.constant(7)), tf.summary.scalar("u8", tf.constant(200, tf.uint8)),
            tf.summary.scalar("f64", tf.constant(0.1, tf.float64)),
            tf.summary.scalar("i64", tf.constant(2 ** 62, tf.int64)),
            tf.summary.scalar("f16", tf.constant(1.5, tf.float16)), tf.summary.scalar("neg", tf.constant(-3.25))]
    return [run_summary(tf, s) for s in outs]


@case
def scalar_wrong_dtypes(tf):
    return [raises(tf.summary.scalar, "s", tf.constant("x")), raises(tf.summary.scalar, "b", tf.constant(True)),
            raises(tf.summary.scalar, 3, tf.constant(1.0))]


@case
def scalar_not_a_scalar_fails_when_run(tf):
    p = tf.placeholder(tf.float32, name="p")
    s = tf.summary.scalar("v", p)
    return [kernel_error(tf, s, {p: [1.0, 2.0]}), kernel_error(tf, s, {p: 4.0}),
            kernel_error(tf, tf.summary.scalar("w", tf.constant([[1.0]])))]


@case
def scalar_nan_value(tf):
    return run_summary(tf, tf.summary.scalar("n", tf.constant(np.nan)))


@case
def histogram_op_and_tag(tf):
    with tf.name_scope("outer"):
        h = tf.summary.histogram("h", tf.constant([1.0, 2.0, 3.0]))
        g = tf.summary.histogram("g", tf.constant([1.0]), family="fam")
    n = tf.summary.histogram(None, tf.constant([1.0]))
    return {"ops": [op_plain(t.op) for t in (h, g, n)], "tags": [const_text(t.op.inputs[0]) for t in (h, g, n)]}


@case
def histogram_buckets(tf):
    return [run_summary(tf, tf.summary.histogram("h", tf.constant([1.0, 2.0, 3.0]))),
            run_summary(tf, tf.summary.histogram("s", tf.constant(2.5)))]


@case
def histogram_around_zero(tf):
    x = tf.constant([[0.0, -1.0], [1e-13, 5.0], [-0.0, 1e-20]])
    return run_summary(tf, tf.summary.histogram("z", x))


@case
def histogram_empty(tf):
    return run_summary(tf, tf.summary.histogram("e", tf.zeros([0])))


@case
def histogram_extremes(tf):
    return run_summary(tf, tf.summary.histogram("x", tf.constant([1e300, -1e300, 3e-5], tf.float64)))


@case
def histogram_of_many_values(tf):
    x = np.random.RandomState(3).normal(0.5, 2.0, size=1000).astype(np.float32)
    return run_summary(tf, tf.summary.histogram("normal", tf.constant(x)))


@case
def histogram_integers(tf):
    return [run_summary(tf, tf.summary.histogram("i", tf.constant([3, 1, 2, 2], tf.int64))),
            run_summary(tf, tf.summary.histogram("u", tf.constant([[0, 255]], tf.uint8)))]


@case
def histogram_non_finite_fails_when_run(tf):
    p = tf.placeholder(tf.float32, name="p")
    with tf.name_scope("ns"):
        h = tf.summary.histogram("hx", p, family="fam")
    return [kernel_error(tf, h, {p: [1.0, np.nan]}), kernel_error(tf, h, {p: [np.inf, np.nan]}),
            kernel_error(tf, h, {p: [-np.inf]})]


@case
def histogram_wrong_dtype(tf):
    return raises(tf.summary.histogram, "h", tf.constant([True]))


@case
def text_summary(tf):
    with tf.name_scope("notes"):
        t = tf.summary.text("txt", tf.constant(["hi", "there"]))
    return {"ops": [op_plain(op) for op in tf.get_default_graph().get_operations()],
            "metadata": const_text(t.op.inputs[2]), "value": run_summary(tf, t)}


@case
def text_of_a_scalar_string(tf):
    return run_summary(tf, tf.summary.text("t", tf.constant("markdown *text*")))


@case
def text_needs_strings(tf):
    return raises(tf.summary.text, "t", tf.constant(1, name="one"))


@case
def tensor_summary_metadata(tf):
    meta = tf.SummaryMetadata(plugin_data=tf.SummaryMetadata.PluginData(plugin_name="pp", content=b"cc"))
    a = tf.summary.tensor_summary("a", tf.constant([1.5, 2.5], tf.float64), display_name="dn",
                                  summary_metadata=meta)
    b = tf.summary.tensor_summary("b", tf.constant([[1, 2]]), summary_description="desc")
    c = tf.summary.tensor_summary("c", tf.constant(3), family="fam")
    return {"ops": [op_plain(t.op) for t in (a, b, c)], "tags": [const_text(t.op.inputs[0]) for t in (a, b, c)],
            "values": [run_summary(tf, t) for t in (a, b, c)]}


@case
def tensor_summary_dtypes(tf):
    tensors = [tf.constant([True, False]), tf.constant(3.5), tf.zeros([0, 2]), tf.constant([1 + 2j], tf.complex64),
               tf.constant([[b"x", b""]]), tf.constant(7, tf.int64), tf.constant(1.5, tf.float16)]
    return [run_summary(tf, tf.summary.tensor_summary(f"t{i}", t)) for i, t in enumerate(tensors)]
