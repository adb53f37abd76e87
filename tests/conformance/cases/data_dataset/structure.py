"""Element structures as TF1 reports them: the ``output_types``/``output_shapes``/
``output_classes`` properties beside ``tf.compat.v1.data.get_output_*``, SparseTensor
components, and what a dataset object is."""

import numpy as np

from tests.conformance.cases.data_dataset._helpers import drain, plain, short_classes, structure
from tests.conformance.harness import case, raises


@case
def properties_match_functions(tf):
    ds = tf.data.Dataset.from_tensor_slices(({"a": [[1.0, 2.0]], "b": ["x"]}, [[3]])).batch(1)
    return {"properties": plain([ds.output_types, ds.output_shapes, ds.output_classes]),
            "functions": structure(tf, ds),
            "compat_v1": plain([tf.compat.v1.data.get_output_types(ds), tf.compat.v1.data.get_output_shapes(ds),
                                tf.compat.v1.data.get_output_classes(ds)])}


@case
def dataset_classes(tf):
    ds = tf.data.Dataset.range(3)
    return [isinstance(ds, tf.data.Dataset), isinstance(ds.map(lambda x: x), tf.data.Dataset),
            isinstance(tf.data.TFRecordDataset("f"), tf.data.Dataset),
            isinstance(tf.data.TextLineDataset("f"), tf.data.Dataset),
            isinstance(tf.data.FixedLengthRecordDataset("f", 2), tf.data.Dataset),
            isinstance(tf.data.make_one_shot_iterator(ds), tf.data.Iterator)]


@case
def get_output_types_of_a_tensor(tf):
    return [short_classes(raises(lambda: tf.data.get_output_types(tf.constant(1)))),
            short_classes(raises(lambda: tf.data.get_output_shapes([1, 2])))]


@case
def sparse_tensor_elements(tf):
    st = tf.SparseTensor(indices=[[0, 0], [1, 2], [2, 1]], values=[1.0, 2.0, 3.0], dense_shape=[3, 4])
    ds = tf.data.Dataset.from_tensor_slices(st)
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def sparse_tensor_from_tensors_and_map(tf):
    st = tf.SparseTensor(indices=[[0], [3]], values=np.array([5, 6], np.int64), dense_shape=[4])
    ds = tf.data.Dataset.from_tensors((st, "tag")).map(lambda s, t: (tf.sparse_tensor_to_dense(s), t))
    sparse_again = tf.data.Dataset.range(2).map(
        lambda x: tf.SparseTensor(indices=[[0, 0]], values=tf.reshape(x, [1]), dense_shape=[1, 2]))
    return {"structure": structure(tf, ds), "values": drain(tf, ds),
            "sparse_structure": structure(tf, sparse_again), "sparse_values": drain(tf, sparse_again)}


@case
def sparse_tensor_batched(tf):
    ds = tf.data.Dataset.range(1, 4).map(
        lambda x: tf.SparseTensor(indices=[[0]], values=tf.reshape(x, [1]), dense_shape=[3])).batch(2)
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def shapes_after_each_transformation(tf):
    x = tf.placeholder(tf.float32, [None, 5, None])
    ds = tf.data.Dataset.from_tensor_slices(x)
    steps = {"slices": ds, "batch": ds.batch(4), "batch_drop": ds.batch(4, drop_remainder=True),
             "unbatch": ds.unbatch(), "repeat": ds.repeat(2), "take": ds.take(1), "shuffle": ds.shuffle(3),
             "cache": ds.cache(), "prefetch": ds.prefetch(1), "enumerate": ds.enumerate(),
             "filter": ds.filter(lambda e: True), "padded": ds.padded_batch(2, padded_shapes=[5, 7])}
    return {k: structure(tf, v)["shapes"] for k, v in steps.items()}


@case
def autotune_constant(tf):
    return [tf.data.experimental.AUTOTUNE, raises(lambda: tf.data.AUTOTUNE)]


@case
def python_iteration_in_graph_mode(tf):
    ds = tf.data.Dataset.range(2)
    return [raises(lambda: iter(ds)), raises(lambda: list(ds))]
