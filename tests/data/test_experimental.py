"""shard and the tf.data.experimental transformations, against TensorFlow's results."""

import pytest

import scopeflow as tf
from tests.data._helpers import drain


def _drain(ds):
    return [[c.tolist() for c in v] if isinstance(v, tuple) else v.tolist() for v in drain(ds)[1]]


def test_shard_takes_every_nth_element_from_index():
    with tf.Graph().as_default() as g:
        assert _drain(tf.data.Dataset.range(10).shard(3, 1)) == [1, 4, 7]
        assert [op.type for op in g.get_operations()][4:7] == ["Const", "Const", "ShardDataset"]
        with pytest.raises(tf.errors.InvalidArgumentError, match="Index must be between 0 and 2"):
            _drain(tf.data.Dataset.range(10).shard(3, 3))


def test_parallel_interleave_in_interleave_order():
    with tf.Graph().as_default():
        ds = tf.data.Dataset.range(1, 4).apply(tf.data.experimental.parallel_interleave(
            lambda x: tf.data.Dataset.range(x), cycle_length=2))
        assert _drain(ds) == [0, 0, 1, 0, 1, 2]


def test_ignore_errors_skips_failed_elements():
    with tf.Graph().as_default():
        ds = tf.data.Dataset.from_tensor_slices(["1", "x", "3"]).map(tf.strings.to_number)
        assert _drain(ds.apply(tf.data.experimental.ignore_errors())) == [1.0, 3.0]


def test_shuffle_and_repeat_and_map_and_batch():
    with tf.Graph().as_default():
        shuffled = _drain(tf.data.Dataset.range(5).apply(tf.data.experimental.shuffle_and_repeat(5, 2, seed=1)))
        assert sorted(shuffled) == sorted(list(range(5)) * 2)
        ds = tf.data.Dataset.range(7).apply(tf.data.experimental.map_and_batch(lambda x: x * 10, 3))
        assert ds.output_shapes.as_list() == [None]
        assert _drain(ds) == [[0, 10, 20], [30, 40, 50], [60]]


def test_group_by_window_reduces_full_windows_then_the_rest_by_key():
    with tf.Graph().as_default() as g:
        ds = tf.data.Dataset.range(10).apply(tf.data.experimental.group_by_window(
            lambda x: x % 2, lambda key, window: window.batch(3), window_size=3))
        assert [op.type for op in g.get_operations()][-1] == "GroupByWindowDataset"
        assert _drain(ds) == [[0, 2, 4], [1, 3, 5], [6, 8], [7, 9]]


def test_bucket_by_sequence_length_pads_each_bucket_as_tensorflow():
    def gen():
        for n in [1, 5, 2, 4, 3, 3, 5, 1, 2]:
            yield [n] * n, n

    with tf.Graph().as_default():
        ds = tf.data.Dataset.from_generator(gen, (tf.int64, tf.int64), ([None], []))
        ds = ds.apply(tf.data.experimental.bucket_by_sequence_length(
            lambda x, n: tf.size(x), [3, 6], [2, 2, 3], pad_to_bucket_boundary=True))
        # TensorFlow 2.21 gives these batches (bucket 1 padded to its boundary 6 - 1)
        assert _drain(ds) == [[[[1, 0], [2, 2]], [1, 2]], [[[5, 5, 5, 5, 5], [4, 4, 4, 4, 0]], [5, 4]],
                              [[[3, 3, 3, 0, 0], [3, 3, 3, 0, 0]], [3, 3]], [[[1, 0], [2, 2]], [1, 2]],
                              [[[5, 5, 5, 5, 5]], [5]]]


def test_bucket_by_sequence_length_asserts_elements_fit_the_last_boundary():
    with tf.Graph().as_default():
        ds = tf.data.Dataset.from_generator(lambda: ([1] * n for n in (1, 2, 7)), tf.int32, [None])
        ds = ds.apply(tf.data.experimental.bucket_by_sequence_length(
            lambda x: tf.shape(x)[0], [3, 6], [2, 2, 2], pad_to_bucket_boundary=True))
        # TensorFlow 2.21 wraps the same assertion in an InternalError of the function it ran in
        with pytest.raises(tf.errors.InvalidArgumentError,
                           match=r"assertion failed: \[When pad_to_bucket_boundary=True, elements must have length "
                                 r"< max\(bucket_boundaries\).\] \[Condition x < y did not hold element-wise:\]"):
            _drain(ds)
