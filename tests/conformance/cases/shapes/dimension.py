"""tf.Dimension: values, arithmetic, comparison, merging and the dimension helpers."""

from tests.conformance.harness import case, raises


@case
def dims_are_dimensions(tf):
    return [repr(d) for d in tf.TensorShape([2, None]).dims]


@case
def dimension_value_and_reprs(tf):
    D = tf.Dimension
    return [D(3).value, D(None).value, str(D(3)), str(D(None)), repr(D(3)), repr(D(None))]


@case
def dimension_addition(tf):
    D = tf.Dimension
    return [repr(D(3) + D(4)), repr(D(3) + 4), repr(4 + D(3)), repr(D(3) + D(None)), repr(D(None) + None)]


@case
def dimension_subtraction_and_multiplication(tf):
    D = tf.Dimension
    return [repr(D(3) - 1), repr(D(5) - D(None)), repr(D(3) * D(2)), repr(D(None) * 2), repr(2 * D(None)),
            repr(10 - D(3))]


@case
def dimension_floordiv_and_mod(tf):
    D = tf.Dimension
    return [repr(D(6) // D(4)), repr(D(7) % D(4)), repr(D(None) // 2), repr(9 // D(2)), repr(D(7) % 3)]


@case
def dimension_truediv_error(tf):
    return raises(lambda: tf.Dimension(8) / tf.Dimension(3))


@case
def dimension_truediv_int_error(tf):
    return raises(lambda: tf.Dimension(8) / 2)


@case
def dimension_equality_with_unknown(tf):
    D = tf.Dimension
    return [D(3) == D(3), D(3) == 3, D(3) == D(None), D(None) == D(None), D(3) != D(4),
            D(None) != D(None), D(3) == None, D(3) == "x"]  # noqa: E711


@case
def dimension_ordering(tf):
    D = tf.Dimension
    return [D(3) < D(4), D(3) > 2, D(3) >= 3, D(3) <= 2, D(3) < D(None), D(None) > 2]


@case
def dimension_int_conversion(tf):
    return [int(tf.Dimension(3)), int(tf.Dimension(0))]


@case
def dimension_int_of_unknown_error(tf):
    return raises(int, tf.Dimension(None))


@case
def dimension_negative_error(tf):
    return raises(tf.Dimension, -1)


@case
def dimension_float_error(tf):
    return raises(tf.Dimension, 1.5)


@case
def dimension_merge_with(tf):
    D = tf.Dimension
    return [repr(D(3).merge_with(D(None))), repr(D(None).merge_with(4)), repr(D(3).merge_with(3)),
            repr(D(None).merge_with(None))]


@case
def dimension_merge_conflict_error(tf):
    return raises(tf.Dimension(3).merge_with, tf.Dimension(4))


@case
def dimension_is_compatible_with(tf):
    D = tf.Dimension
    return [D(3).is_compatible_with(D(None)), D(3).is_compatible_with(4), D(None).is_compatible_with(4),
            D(3).is_compatible_with(3)]


@case
def dimension_assert_is_compatible_with_error(tf):
    return raises(tf.Dimension(3).assert_is_compatible_with, tf.Dimension(4))


@case
def dimension_unhashable(tf):
    return raises(hash, tf.Dimension(3))


@case
def dimension_value_helper(tf):
    return [tf.dimension_value(tf.Dimension(3)), tf.dimension_value(3), tf.dimension_value(None),
            tf.dimension_value(tf.Dimension(None))]


@case
def dimension_at_index_helper(tf):
    S = tf.TensorShape
    return [repr(tf.dimension_at_index(S([3, None]), 0)), repr(tf.dimension_at_index(S([3, None]), 1)),
            repr(tf.dimension_at_index(S(None), 4))]
