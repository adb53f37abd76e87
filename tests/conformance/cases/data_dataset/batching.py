"""Batching: ``batch`` (``drop_remainder``), ``padded_batch`` (shapes, padding values) and
``unbatch``, with their static shapes and run-time errors."""

import numpy as np

from tests.conformance.cases.data_dataset._helpers import drain, drain_initializable, first_error, structure
from tests.conformance.harness import case, raises


@case
def batch_keeps_the_remainder(tf):
    ds = tf.data.Dataset.range(7).batch(3)
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def batch_drop_remainder_static_shape(tf):
    ds = tf.data.Dataset.range(7).batch(3, drop_remainder=True)
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def batch_nested_elements(tf):
    ds = tf.data.Dataset.from_tensor_slices(
        ({"img": np.arange(12, dtype=np.float32).reshape(4, 3)}, ["a", "b", "c", "d"])).batch(2)
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def batch_of_batches(tf):
    ds = tf.data.Dataset.range(8).batch(2).batch(2, drop_remainder=True)
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def batch_size_tensor(tf):
    size = tf.placeholder(tf.int64, [])
    ds = tf.data.Dataset.range(5).batch(size)
    return [structure(tf, ds), drain_initializable(tf, ds, {size: 2}), drain_initializable(tf, ds, {size: 10})]


@case
def batch_different_shapes(tf):
    ds = tf.data.Dataset.range(1, 4).map(lambda x: tf.fill([x], x)).batch(2)
    got = first_error(tf, ds)
    # TF copies a batch's elements in parallel: which shape it calls the batch's varies run to run
    got[-1]["message"] = got[-1]["message"].split(" Shapes are:")[0]
    return {"structure": structure(tf, ds), "values": got}


@case
def batch_size_zero(tf):
    return raises(lambda: first_error(tf, tf.data.Dataset.range(3).batch(0)))


@case
def batch_larger_than_dataset(tf):
    return [drain(tf, tf.data.Dataset.range(3).batch(5)), drain(tf, tf.data.Dataset.range(3).batch(5, True))]


@case
def padded_batch_to_longest(tf):
    ds = tf.data.Dataset.range(1, 5).map(lambda x: tf.fill([x], x)).padded_batch(2, padded_shapes=[None])
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def padded_batch_fixed_shape_and_value(tf):
    ds = tf.data.Dataset.range(1, 4).map(lambda x: tf.fill([x], x)).padded_batch(
        2, padded_shapes=[5], padding_values=tf.constant(-1, tf.int64), drop_remainder=True)
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def padded_batch_default_shapes(tf):
    ds = tf.data.Dataset.range(1, 4).map(lambda x: tf.fill([x, 2], tf.cast(x, tf.float32))).padded_batch(3)
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def padded_batch_tuple_and_strings(tf):
    ds = tf.data.Dataset.from_tensor_slices(([1, 2, 3], ["a", "b", "c"])).map(
        lambda n, s: (tf.range(n), tf.fill([n], s), n))
    padded = ds.padded_batch(2, padded_shapes=([None], [None], []), padding_values=(0, "<pad>", 0))
    return {"structure": structure(tf, padded), "values": drain(tf, padded)}


@case
def padded_batch_dict_elements(tf):
    ds = tf.data.Dataset.range(1, 4).map(lambda x: {"ids": tf.range(x), "len": x})
    padded = ds.padded_batch(2, padded_shapes={"ids": [4], "len": []})
    return {"structure": structure(tf, padded), "values": drain(tf, padded)}


@case
def padded_batch_shape_too_small(tf):
    ds = tf.data.Dataset.range(1, 5).map(lambda x: tf.fill([x], x)).padded_batch(4, padded_shapes=[2])
    return first_error(tf, ds)


@case
def padded_batch_incompatible_shapes(tf):
    ds = tf.data.Dataset.from_tensor_slices(np.zeros((2, 3), np.int32))
    return [raises(lambda: ds.padded_batch(2, padded_shapes=[2])),
            raises(lambda: ds.padded_batch(2, padded_shapes=[None, None])),
            raises(lambda: ds.padded_batch(2, padded_shapes=([None], [None])))]


@case
def unbatch_rows(tf):
    ds = tf.data.Dataset.from_tensors(([[1, 2], [3, 4], [5, 6]], ["a", "b", "c"])).unbatch()
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def unbatch_undoes_batch(tf):
    ds = tf.data.Dataset.range(5).batch(2).unbatch()
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def unbatch_scalars(tf):
    return raises(lambda: tf.data.Dataset.range(3).unbatch())


@case
def unbatch_mismatched_first_dimension(tf):
    return raises(lambda: tf.data.Dataset.from_tensors(([1, 2, 3], [1, 2])).unbatch())
