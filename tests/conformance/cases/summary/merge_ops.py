"""Conformance cases for ``tf.summary.merge`` and ``merge_all``: names, collections, the merged
values and the errors."""

from tests.conformance.cases.summary._helpers import kernel_error, op_plain, run_summary
from tests.conformance.harness import case, raises


@case
def merge_names(tf):
    a = tf.summary.scalar("a", 1.0)
    b = tf.summary.scalar("b", 2.0)
    m1 = tf.summary.merge([a, b])
    m2 = tf.summary.merge([a], name="my merge")
    m3 = tf.summary.merge([b], name="my merge")
    m4 = tf.summary.merge([a, b], collections=["merged"])
    return {"names": [m.name for m in (m1, m2, m3, m4)], "op": op_plain(m1.op),
            "merged": [t.name for t in tf.get_collection("merged")],
            "summaries": [t.name for t in tf.get_collection("summaries")]}


@case
def merge_values(tf):
    m = tf.summary.merge([tf.summary.scalar("x", 1.0), tf.summary.histogram("y", [1.0]),
                          tf.summary.tensor_summary("z", [1.0])])
    return run_summary(tf, m)


@case
def merge_renames_nothing_but_refuses_duplicate_tags(tf):
    same_name = tf.summary.merge([tf.summary.scalar("k1", 1.0), tf.summary.histogram("k1", [1.0])])
    dup = tf.constant(tf.Summary(value=[tf.Summary.Value(tag="dd", simple_value=3)]).SerializeToString())
    duplicate = tf.summary.merge([tf.summary.scalar("dd", 1.0), dup])
    empty_tags = tf.summary.merge([tf.summary.scalar("", 1.0), tf.summary.scalar("", 2.0)])
    return [kernel_error(tf, same_name), kernel_error(tf, duplicate), kernel_error(tf, empty_tags)]


@case
def merge_unparsable_input(tf):
    return [kernel_error(tf, tf.summary.merge([tf.constant("\xff\xff")])),
            kernel_error(tf, tf.summary.merge([tf.constant(["", ""]), tf.summary.scalar("zz", 2.0)]))]


@case
def merge_argument_errors(tf):
    return [raises(tf.summary.merge, []), raises(tf.summary.merge, [tf.constant(1.0)])]


@case
def merge_all(tf):
    none = tf.summary.merge_all()
    a = tf.summary.scalar("a", 1.0)
    with tf.name_scope("eval"):
        b = tf.summary.scalar("b", 2.0)
    c = tf.summary.scalar("c", 3.0, collections=["extra"])
    everything = tf.summary.merge_all()
    evals = tf.summary.merge_all(scope="eval")
    extra = tf.summary.merge_all(key="extra", name="extra_merge")
    return {"none": none is None, "missing_key": tf.summary.merge_all(key="nothing") is None,
            "names": [t.name for t in (everything, evals, extra)],
            "inputs": [[i.name for i in t.op.inputs] for t in (everything, evals, extra)],
            "values": run_summary(tf, everything), "unused": [a.name, b.name, c.name]}


@case
def all_v2_summary_ops_of_tf1_summaries(tf):
    tf.summary.scalar("a", 1.0)
    return tf.summary.all_v2_summary_ops()


@case
def summary_description_of_other_ops(tf):
    s = tf.summary.scalar("a", 1.0)
    return raises(tf.summary.get_summary_description, s.op.node_def)
