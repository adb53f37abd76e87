"""tf.TensorShape: construction, properties, merging, compatibility, concatenation, rank checks,
indexing and equality."""

import numpy as np

from tests.conformance.harness import case, raises, shape_of


@case
def unknown_rank_ndims_and_dims(tf):
    s = tf.TensorShape(None)
    return [s.ndims, s.dims is None, s.rank]


@case
def scalar_shape(tf):
    s = tf.TensorShape([])
    return [s.ndims, s.as_list(), s.is_fully_defined(), s.num_elements()]


@case
def partial_shape_as_list(tf):
    return tf.TensorShape([1, None, 3]).as_list()


@case
def as_list_unknown_rank_error(tf):
    return raises(tf.TensorShape(None).as_list)


@case
def str_forms(tf):
    S = tf.TensorShape
    return [str(S(None)), str(S([])), str(S([5])), str(S([1, None, 3])), str(S([None]))]


@case
def repr_forms(tf):
    S = tf.TensorShape
    return [repr(S(None)), repr(S([])), repr(S([5])), repr(S([1, None, 3]))]


@case
def from_single_int(tf):
    return tf.TensorShape(3).as_list()


@case
def from_dimensions_and_numpy_ints(tf):
    return tf.TensorShape([tf.Dimension(2), np.int64(3), None, np.int32(0)]).as_list()


@case
def from_tensorshape(tf):
    return tf.TensorShape(tf.TensorShape([4, 5])).as_list()


@case
def from_tuple(tf):
    return tf.TensorShape((2, None)).as_list()


@case
def negative_dim_error(tf):
    return raises(tf.TensorShape, [-1])


@case
def float_dim_error(tf):
    return raises(tf.TensorShape, [1.5])


@case
def string_shape_error(tf):
    return raises(tf.TensorShape, "a")


@case
def ndims_values(tf):
    S = tf.TensorShape
    return [S(None).ndims, S([]).ndims, S([1]).ndims, S([1, None, 2]).ndims]


@case
def num_elements_values(tf):
    S = tf.TensorShape
    return [S(None).num_elements(), S([]).num_elements(), S([2, 3]).num_elements(),
            S([2, None]).num_elements(), S([0, None]).num_elements(), S([0, 5]).num_elements()]


@case
def is_fully_defined_values(tf):
    S = tf.TensorShape
    return [S(None).is_fully_defined(), S([]).is_fully_defined(), S([1, None]).is_fully_defined(),
            S([None]).is_fully_defined(), S([0, 2]).is_fully_defined()]


@case
def merge_fills_unknown_dims(tf):
    return tf.TensorShape([1, None]).merge_with(tf.TensorShape([None, 2])).as_list()


@case
def merge_with_unknown_rank(tf):
    S = tf.TensorShape
    return [S(None).merge_with(S([1, 2])).as_list(), S([1, 2]).merge_with(S(None)).as_list(),
            shape_of(S(None).merge_with(S(None)))]


@case
def merge_with_list_and_none(tf):
    S = tf.TensorShape
    return [S(None).merge_with([1, 2]).as_list(), S([1, 2]).merge_with(None).as_list()]


@case
def merge_dim_conflict_error(tf):
    return raises(tf.TensorShape([1, 2]).merge_with, tf.TensorShape([1, 3]))


@case
def merge_rank_conflict_error(tf):
    return raises(tf.TensorShape([1, None]).merge_with, tf.TensorShape([None, None, None]))


@case
def is_compatible_with_values(tf):
    S = tf.TensorShape
    a = S([1, 2])
    return [a.is_compatible_with(S([1, None])), a.is_compatible_with(S(None)),
            a.is_compatible_with(S([2, 2])), a.is_compatible_with(S([1])),
            a.is_compatible_with([1, None]), S(None).is_compatible_with(S([]))]


@case
def is_compatible_with_different_rank_unknown_dims(tf):
    return tf.TensorShape([1, None]).is_compatible_with(tf.TensorShape([None, None, None]))


@case
def concatenate_known(tf):
    return tf.TensorShape([1, 2]).concatenate(tf.TensorShape([3])).as_list()


@case
def concatenate_with_unknown_rank(tf):
    S = tf.TensorShape
    return [shape_of(S([1]).concatenate(S(None))), shape_of(S(None).concatenate(S([1])))]


@case
def concatenate_with_list(tf):
    return tf.TensorShape([1]).concatenate([None, 4]).as_list()


@case
def concatenate_with_scalar(tf):
    return tf.TensorShape([]).concatenate(tf.TensorShape([])).as_list()


@case
def plus_operator_concatenates(tf):
    return (tf.TensorShape([2, None]) + tf.TensorShape([3])).as_list()


@case
def assert_is_compatible_with_ok(tf):
    return tf.TensorShape([1, 2]).assert_is_compatible_with(tf.TensorShape([1, None]))


@case
def assert_is_compatible_with_error(tf):
    return raises(tf.TensorShape([1, 2]).assert_is_compatible_with, tf.TensorShape([1, 3]))


@case
def assert_is_compatible_with_rank_error(tf):
    return raises(tf.TensorShape([1, 2]).assert_is_compatible_with, tf.TensorShape([1]))


@case
def with_rank_ok(tf):
    return tf.TensorShape([1, None]).with_rank(2).as_list()


@case
def with_rank_on_unknown(tf):
    return tf.TensorShape(None).with_rank(3).as_list()


@case
def with_rank_error(tf):
    return raises(tf.TensorShape([1, None]).with_rank, 3)


@case
def with_rank_at_least_error(tf):
    return raises(tf.TensorShape([1, None]).with_rank_at_least, 3)


@case
def with_rank_at_most_error(tf):
    return raises(tf.TensorShape([1, None]).with_rank_at_most, 1)


@case
def with_rank_at_least_ok(tf):
    return [tf.TensorShape([1, None]).with_rank_at_least(1).as_list(),
            shape_of(tf.TensorShape(None).with_rank_at_least(2))]


@case
def assert_has_rank_error(tf):
    return raises(tf.TensorShape([2, None]).assert_has_rank, 3)


@case
def assert_is_fully_defined_error(tf):
    return raises(tf.TensorShape([2, None]).assert_is_fully_defined)


@case
def assert_same_rank_error(tf):
    return raises(tf.TensorShape([2, None]).assert_same_rank, tf.TensorShape([1]))


@case
def index_returns_dimension(tf):
    s = tf.TensorShape([1, None, 3])
    return [type(s[0]).__name__, s[0].value, s[1].value, s[-1].value, repr(s[1])]


@case
def index_out_of_range_error(tf):
    return raises(lambda: tf.TensorShape([1, 2])[5])


@case
def slice_returns_shape(tf):
    s = tf.TensorShape([1, None, 3])
    return [s[1:].as_list(), s[:0].as_list(), s[::2].as_list(), s[-2:].as_list(), type(s[1:]).__name__]


@case
def unknown_rank_index_and_slice(tf):
    s = tf.TensorShape(None)
    return [repr(s[0]), repr(s[-1]), shape_of(s[1:]), shape_of(s[:-1])]


@case
def unknown_rank_step_slice_error(tf):
    return raises(lambda: tf.TensorShape(None)[::2])


@case
def len_and_iteration(tf):
    s = tf.TensorShape([1, None, 3])
    return [len(s), [d.value for d in s]]


@case
def len_unknown_rank_error(tf):
    return raises(len, tf.TensorShape(None))


@case
def iterate_unknown_rank_error(tf):
    return raises(list, tf.TensorShape(None))


@case
def bool_of_shapes(tf):
    S = tf.TensorShape
    return [bool(S(None)), bool(S([])), bool(S([0])), bool(S([3]))]


@case
def equality(tf):
    S = tf.TensorShape
    return [S([1, 2]) == S([1, 2]), S([1, None]) == S([1, None]), S(None) == S(None),
            S([1, 2]) == [1, 2], S([1, 2]) == (1, 2), S([1, 2]) != S([1, 3]), S([1]) == S([1, 1])]


@case
def equality_unknown_vs_known(tf):
    S = tf.TensorShape
    return [S(None) == S([1]), S([None]) == S([1]), S([1, 2]) == "foo"]


@case
def most_specific_compatible_shape(tf):
    S = tf.TensorShape
    return [S([1, 2]).most_specific_compatible_shape(S([1, 3])).as_list(),
            shape_of(S([1, 2]).most_specific_compatible_shape(S([1])))]


@case
def tensor_shape_attribute_is_tensorshape(tf):
    x = tf.placeholder(tf.float32, [None, 3])
    return [type(x.shape).__name__, x.shape.as_list(), str(x.shape), repr(x.shape[0])]
