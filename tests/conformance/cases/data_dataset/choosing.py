"""``tf.data.experimental.choose_from_datasets``: the order the selector gives, datasets that run
out (skipped, or the end with ``stop_on_empty_dataset``), the graph, and TF's errors."""

import numpy as np

from tests.conformance.cases.data_dataset._helpers import drain, first_error, graph_ops, structure
from tests.conformance.harness import case, raises


def _selector(tf, values):
    return tf.data.Dataset.from_tensor_slices(np.array(values, np.int64))


@case
def choose_in_selector_order(tf):
    r = tf.data.Dataset.range
    choose = tf.data.experimental.choose_from_datasets
    return {"skip_empty": drain(tf, choose([r(2), r(10, 12)], _selector(tf, [0, 0, 0, 1, 1, 0, 1]))),
            "stop_on_empty": drain(tf, choose([r(2), r(10, 12)], _selector(tf, [0, 0, 0, 1]),
                                              stop_on_empty_dataset=True)),
            "selector_ends": drain(tf, choose([r(5), r(10, 15)], _selector(tf, [1, 0, 1]))),
            "endless": drain(tf, choose([r(3).repeat(), r(10, 12)], _selector(tf, [0, 1] * 4))),
            "strings": drain(tf, choose([tf.data.Dataset.from_tensors(b"a").repeat(),
                                         tf.data.Dataset.from_tensors(b"b").repeat(2)],
                                        _selector(tf, [0, 1, 1, 0, 1])))}


@case
def choose_structure_and_graph(tf):
    tuples = tf.data.Dataset.from_tensor_slices(([1, 2], [[1.0], [2.0]]))
    other = tf.data.Dataset.from_tensor_slices(([3], [[3.0, 4.0]]))
    ds = tf.data.experimental.choose_from_datasets((tuples, other), _selector(tf, [1, 0, 0]))
    tf.data.make_one_shot_iterator(ds).get_next()
    return {"structure": structure(tf, ds), "spec": repr(ds.element_spec), "ops": graph_ops(tf)}


@case
def choose_selector_out_of_range(tf):
    r = tf.data.Dataset.range
    return [first_error(tf, tf.data.experimental.choose_from_datasets([r(2), r(10, 12)], _selector(tf, v)))
            for v in ([0, 2, 1], [0, -1, 1])]


@case
def choose_bad_arguments(tf):
    r = tf.data.Dataset.range
    choose = tf.data.experimental.choose_from_datasets
    return [raises(lambda: choose([], _selector(tf, [0]))),
            raises(lambda: choose([r(2)], tf.data.Dataset.from_tensor_slices(np.array([0], np.int32)))),
            raises(lambda: choose([r(2)], tf.data.Dataset.from_tensor_slices(np.array([[0]], np.int64)))),
            raises(lambda: choose([r(2)], tf.data.Dataset.from_tensors((np.int64(0), np.int64(1))))),
            raises(lambda: choose([r(2), tf.data.Dataset.from_tensors(1.0)], _selector(tf, [0]))),
            raises(lambda: choose([r(2), tf.data.Dataset.from_tensors((1, 2))], _selector(tf, [0]))),
            raises(lambda: choose([r(2)], [0])), raises(lambda: choose(r(2), _selector(tf, [0])))]
