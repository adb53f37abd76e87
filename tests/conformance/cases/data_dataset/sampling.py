"""``tf.data.experimental.sample_from_datasets``: the graph TF builds (RandomDataset, pairs of
seeds, StatelessMultinomial on the log-weights, DirectedInterleaveDataset), every element once
(as a multiset: the random order is scopeflow's own), zero weights, and TF's errors."""

from tests.conformance.cases.data_dataset._helpers import drain, graph_ops, sorted_values, structure
from tests.conformance.harness import case, raises


def _two(tf):
    return [tf.data.Dataset.range(3), tf.data.Dataset.range(10, 13)]


@case
def sample_every_element_once(tf):
    sample = tf.data.experimental.sample_from_datasets
    by_dataset = tf.data.Dataset.from_tensors([0.5, 0.5]).repeat()
    return {"uniform": sorted_values(drain(tf, sample(_two(tf), seed=1))),
            "weighted": sorted_values(drain(tf, sample(_two(tf), weights=[0.2, 0.8]))),
            "by_dataset": sorted_values(drain(tf, sample(_two(tf), weights=by_dataset))),
            "zero_weight": drain(tf, sample(_two(tf), weights=[0.0, 1.0])),
            "all_zero": drain(tf, sample(_two(tf), weights=[0.0, 0.0])),
            "stop_on_empty_ends": drain(tf, sample(_two(tf), stop_on_empty_dataset=True))[-1],
            "one": structure(tf, sample([tf.data.Dataset.range(3)]))}


@case
def sample_graph(tf):
    tf.data.experimental.sample_from_datasets(_two(tf))
    unseeded = graph_ops(tf)
    with tf.Graph().as_default():
        tf.data.experimental.sample_from_datasets(_two(tf), weights=[0.5, 0.5], seed=1)
        seeded = graph_ops(tf)
        body = [[n.name, n.op] for f in tf.get_default_graph().as_graph_def().library.function for n in f.node_def]
    return {"unseeded": unseeded, "seeded": seeded, "select_function": body}


@case
def sample_bad_arguments(tf):
    sample = tf.data.experimental.sample_from_datasets
    return [raises(lambda: sample(_two(tf), weights=[1.0])), raises(lambda: sample(_two(tf), weights=[1, 2])),
            raises(lambda: sample([], weights=[1.0])),
            raises(lambda: sample(_two(tf), weights=tf.constant([1.0, 2.0, 3.0]))),
            raises(lambda: sample([tf.data.Dataset.range(2), tf.data.Dataset.from_tensors(1.0)]))]
