"""Bad arguments to datasets and transformations: each case records whether TF refuses them
while building the graph or while running, with its error class and wording."""

import numpy as np

from tests.conformance.cases.data_dataset._helpers import first_error
from tests.conformance.harness import case, error_class, raises


def _build_or_run(tf, make):
    """The error (or elements) of building ``make()`` and then reading it to its end."""
    return raises(lambda: first_error(tf, make()))


@case
def bad_counts_and_sizes(tf):
    ds = tf.data.Dataset.range(3)
    return {"batch_negative": _build_or_run(tf, lambda: ds.batch(-2)),
            "shuffle_zero": _build_or_run(tf, lambda: ds.shuffle(0)),
            "prefetch_negative": _build_or_run(tf, lambda: ds.prefetch(-5)),
            "take_float": _build_or_run(tf, lambda: ds.take(1.5)),
            "repeat_string": _build_or_run(tf, lambda: ds.repeat("a")),
            "interleave_zero_cycle": _build_or_run(
                tf, lambda: ds.interleave(lambda x: tf.data.Dataset.from_tensors(x), cycle_length=0)),
            "interleave_zero_block": _build_or_run(
                tf, lambda: ds.interleave(lambda x: tf.data.Dataset.from_tensors(x), cycle_length=1, block_length=0))}


@case
def functions_that_are_not_callable(tf):
    ds = tf.data.Dataset.range(3)
    return [raises(lambda: ds.map(5)), raises(lambda: ds.filter("x")), raises(lambda: ds.flat_map(None))]


@case
def generator_bad_arguments(tf):
    return {"not_callable": raises(lambda: tf.data.Dataset.from_generator([1, 2], tf.int32)),
            "shapes_structure": raises(lambda: tf.data.Dataset.from_generator(
                lambda: iter([(1, 2)]), (tf.int32, tf.int32), output_shapes=[[]])),
            "args_not_tuple": raises(lambda: tf.data.Dataset.from_generator(lambda n: iter([n]), tf.int32, args=3))}


@case
def generator_raises_inside(tf):
    def gen():
        yield 1
        raise ValueError("boom")

    got = first_error(tf, tf.data.Dataset.from_generator(gen, tf.int32, []))
    return got


@case
def generator_yields_wrong_structure(tf):
    def gen():
        yield (1, 2)
        yield 3

    got = first_error(tf, tf.data.Dataset.from_generator(gen, (tf.int64, tf.int64), ([], [])))
    return got


@case
def padded_batch_bad_padding_values(tf):
    ds = tf.data.Dataset.range(1, 3).map(lambda x: tf.range(x))
    return [raises(lambda: ds.padded_batch(2, [None], padding_values=tf.constant(0.5))),
            raises(lambda: ds.padded_batch(2, [None], padding_values=tf.constant([0, 1], tf.int64))),
            raises(lambda: ds.padded_batch(2, [[None]]))]


@case
def fixed_length_bad_record_bytes(tf):
    return [_build_or_run(tf, lambda: tf.data.FixedLengthRecordDataset("none.bin", 0)),
            _build_or_run(tf, lambda: tf.data.FixedLengthRecordDataset("none.bin", -1))]


@case
def range_bad_arguments(tf):
    return [raises(lambda: tf.data.Dataset.range()), raises(lambda: tf.data.Dataset.range(1, 2, 3, 4)),
            _build_or_run(tf, lambda: tf.data.Dataset.range(2.5))]


@case
def from_tensors_bad_values(tf):
    return [error_class(lambda: tf.data.Dataset.from_tensors([[1, 2], [3]])),  # NumPy words it
            raises(lambda: tf.data.Dataset.from_tensor_slices(np.array(["a", 1], dtype=object))),
            raises(lambda: tf.data.Dataset.from_tensors(None))]


@case
def map_output_not_a_tensor(tf):
    return [raises(lambda: tf.data.Dataset.range(2).map(lambda x: object())),
            raises(lambda: tf.data.Dataset.range(2).map(lambda x: {"a": x, "b": [1, "x"]}))]
