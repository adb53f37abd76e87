"""Corners a TF1 pipeline meets: optional arguments (``num_parallel_calls`` and ``deterministic``
of ``batch``/``map``/``interleave``, ``name``), shapes set inside functions, tensors and
variables as sources, and dataset functions that build their own constants and shapes."""

import numpy as np

from tests.conformance.cases.data_dataset._helpers import drain, drain_initializable, graph_ops, structure
from tests.conformance.harness import case


@case
def optional_arguments(tf):
    ds = tf.data.Dataset.range(7)
    made = {"batch_parallel": ds.batch(3, num_parallel_calls=2, deterministic=True),
            "map_deterministic": ds.map(lambda x: x + 1, num_parallel_calls=3, deterministic=True),
            "interleave_deterministic": ds.interleave(lambda x: tf.data.Dataset.from_tensors(x).repeat(2),
                                                      cycle_length=3, num_parallel_calls=2, deterministic=True),
            "named": ds.map(lambda x: x * 2, name="doubler").batch(4, name="batcher")}
    return {k: drain(tf, v) for k, v in made.items()}


@case
def names_given_to_transformations(tf):
    ds = tf.data.Dataset.range(3, name="source").map(lambda x: x, name="mapper").prefetch(1, name="ahead")
    tf.data.make_one_shot_iterator(ds).get_next()
    return graph_ops(tf)


@case
def set_shape_inside_map(tf):
    def fn(x):
        y = tf.reshape(tf.tile([x], [x]), [-1])
        y.set_shape([None])
        z = tf.zeros(tf.stack([x, 2]))
        return {"y": y, "z": z, "n": tf.shape(z)}

    ds = tf.data.Dataset.range(1, 3).map(fn)
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def variable_as_a_source(tf):
    v = tf.Variable([1.0, 2.0, 3.0], name="v")
    ds = tf.data.Dataset.from_tensor_slices(v)
    return {"structure": structure(tf, ds), "values": drain_initializable(tf, ds)}


@case
def filter_on_batches(tf):
    ds = tf.data.Dataset.range(10).batch(3).filter(lambda b: tf.equal(tf.size(b), 3) & tf.reduce_any(b % 2 > 0))
    return drain(tf, ds)


@case
def functions_with_constants_and_conditions(tf):
    def fn(x):
        table = tf.constant([10, 20, 30], tf.int64)
        picked = tf.gather(table, x % 3)
        return tf.cond(x > 2, lambda: picked * 2, lambda: picked)

    ds = tf.data.Dataset.range(6).map(fn)
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def while_loop_in_a_map(tf):
    def fn(x):
        return tf.while_loop(lambda i, s: i < x, lambda i, s: (i + 1, s + i), [tf.constant(0, tf.int64), x])[1]

    return drain(tf, tf.data.Dataset.range(5).map(fn))


@case
def numpy_structures_keep_their_dtypes(tf):
    ds = tf.data.Dataset.from_tensor_slices({"f16": np.ones(2, np.float16), "u8": np.arange(2, dtype=np.uint8),
                                             "b": np.array([True, False]), "s": np.array([b"a", b"b"])})
    return {"structure": structure(tf, ds), "values": drain(tf, ds.batch(2))}


@case
def zip_of_one_dataset_with_itself(tf):
    ds = tf.data.Dataset.range(3)
    return drain(tf, tf.data.Dataset.zip((ds, ds.map(lambda x: x * 10), ds.skip(1))))


@case
def flat_map_of_dict_elements(tf):
    ds = tf.data.Dataset.from_tensor_slices({"n": [1, 2], "v": ["a", "b"]}).flat_map(
        lambda d: tf.data.Dataset.from_tensors(d["v"]).repeat(tf.cast(d["n"], tf.int64)))
    return drain(tf, ds)


@case
def take_and_skip_with_tensors(tf):
    n = tf.placeholder(tf.int64, [])
    ds = tf.data.Dataset.range(10).skip(n).take(n)
    return [drain_initializable(tf, ds, {n: 3}), drain_initializable(tf, ds, {n: 0}),
            drain_initializable(tf, ds, {n: 6})]
