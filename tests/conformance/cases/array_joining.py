"""Conformance cases for joining and splitting: concat, stack, unstack, split, tile, pad,
meshgrid and list autopacking."""

import numpy as np

from tests.conformance.cases._array_helpers import describe, static
from tests.conformance.harness import case, op_summary, raises

_A = np.arange(6, dtype=np.float32).reshape(2, 3)


def _x(tf, shape=(2, 3), name="x"):
    return tf.placeholder(tf.float32, shape, name=name)


# -- concat -------------------------------------------------------------------------------------
@case
def concat_ops_and_values(tf):
    a = tf.constant(_A, name="a")
    b = tf.constant(_A * 10, name="b")
    outs = [tf.concat([a, b], 0), tf.concat([a, b, a], axis=1, name="c"), tf.concat((a, b), -1),
            tf.concat([a, [[7.0, 8.0, 9.0]]], 0)]
    return describe(tf, outs)


@case
def concat_single_value_is_identity(tf):
    a = tf.constant(_A, name="a")
    outs = [tf.concat([a], 0), tf.concat(a, 1, name="one")]
    return describe(tf, outs)


@case
def concat_unknown_shapes(tf):
    axis = tf.placeholder(tf.int32, [], name="axis")
    outs = [tf.concat([_x(tf, (None, 3)), _x(tf, (2, 3), name="y")], 0),
            tf.concat([_x(tf, (None, 3), name="z"), _x(tf, (2, None), name="w")], 1),
            tf.concat([_x(tf, None, name="u"), _x(tf, (2, 3), name="v")], 0),
            tf.concat([_x(tf, (2, 3), name="p"), _x(tf, (2, 3), name="q")], axis),
            tf.concat([_x(tf, None, name="r"), _x(tf, None, name="s")], 0)]
    return static(outs)


@case
def concat_rank_mismatch_error(tf):
    return raises(tf.concat, [_x(tf), _x(tf, (2,), name="y")], 0)


@case
def concat_dim_mismatch_error(tf):
    return raises(tf.concat, [_x(tf), _x(tf, (3, 3), name="y")], 1)


@case
def concat_axis_out_of_range_error(tf):
    return raises(tf.concat, [_x(tf), _x(tf, name="y")], 2)


@case
def concat_negative_axis_out_of_range_error(tf):
    return raises(tf.concat, [_x(tf), _x(tf, name="y")], -3)


@case
def concat_dtype_mismatch_error(tf):
    return raises(tf.concat, [_x(tf), tf.constant([[1, 2, 3]])], 0)


@case
def concat_int64_axis(tf):
    a = tf.constant(_A, name="a")
    c = tf.concat([a, a], tf.constant(1, tf.int64))
    return [describe(tf, c), c.op.get_attr("Tidx").name]


# -- stack, unstack, autopacking ---------------------------------------------------------------------
@case
def stack_ops_and_values(tf):
    a = tf.constant([1.0, 2.0], name="a")
    b = tf.constant([3.0, 4.0], name="b")
    p = _x(tf, (2,), name="p")
    outs = [tf.stack([a, b]), tf.stack([a, p], axis=1, name="s"), tf.stack([a, p], -1), tf.stack([p, [5.0, 6.0]])]
    return describe(tf, outs, {p: [9.0, 8.0]})


@case
def stack_of_constants_is_const(tf):
    outs = [tf.stack([1, 2, 3]), tf.stack([[1.0], [2.0]], name="s"), tf.stack([[1, 2], [3, 4]], axis=1)]
    return describe(tf, outs)


@case
def stack_unknown_shapes(tf):
    outs = [tf.stack([_x(tf, (None, 3)), _x(tf, (2, None), name="y")]), tf.stack([_x(tf, None, name="z")], axis=1),
            tf.stack([_x(tf, (None,), name="u"), _x(tf, (None,), name="v")], axis=1)]
    return static(outs)


@case
def stack_shape_mismatch_error(tf):
    return raises(tf.stack, [_x(tf), _x(tf, (3, 3), name="y")])


@case
def stack_axis_out_of_range_error(tf):
    return raises(tf.stack, [_x(tf), _x(tf, name="y")], axis=3)


@case
def stack_negative_axis_out_of_range_error(tf):
    return raises(tf.stack, [_x(tf), _x(tf, name="y")], axis=-4)


@case
def autopack_list_with_tensors(tf):
    n = tf.placeholder(tf.int32, [], name="n")
    t = tf.convert_to_tensor([[1, n], [n, 2]])
    u = tf.convert_to_tensor([n, 3], name="pair")
    return describe(tf, [t, u], {n: 5})


@case
def autopack_casts_to_requested_dtype(tf):
    n = tf.placeholder(tf.int32, [], name="n")
    return describe(tf, tf.convert_to_tensor([1.0, n], dtype=tf.float32), {n: 3})


@case
def autopack_tensor_dtype_mismatch_error(tf):
    n = tf.placeholder(tf.int32, [], name="n")
    return raises(tf.stack, [1.5, n])


@case
def unstack_ops_and_values(tf):
    a = tf.constant(_A, name="a")
    outs = tf.unstack(a) + tf.unstack(a, axis=1, name="u") + tf.unstack(a, num=3, axis=-1)
    return describe(tf, outs)


@case
def unstack_unknown_other_dims(tf):
    return static(tf.unstack(_x(tf, (2, None))) + tf.unstack(_x(tf, None, name="y"), num=2))


@case
def unstack_axis_out_of_range_error(tf):
    return raises(tf.unstack, _x(tf), axis=2)


@case
def unstack_num_unknown_error(tf):
    return raises(tf.unstack, _x(tf, (None, 3)))


@case
def unstack_num_mismatch_error(tf):
    return raises(tf.unstack, _x(tf), num=3)


# -- split -----------------------------------------------------------------------------------------
@case
def split_summary_sizes(tf):
    x = _x(tf)
    outs = tf.split(x, [1, 2], axis=1)
    return [op_summary(tf.get_default_graph()), static(outs)]


@case
def split_num_and_values(tf):
    a = tf.constant(np.arange(12, dtype=np.float32).reshape(4, 3), name="a")
    outs = tf.split(a, 2) + tf.split(a, 3, axis=1, name="s") + tf.split(a, [1, -1, 1]) + tf.split(a, 1, axis=-1)
    return describe(tf, outs)


@case
def split_unknown_shapes(tf):
    outs = (tf.split(_x(tf, (None, 4)), 2, axis=1) + tf.split(_x(tf, (None, 4), name="y"), 2)
            + tf.split(_x(tf, (6, 2), name="z"), [2, 4]) + tf.split(_x(tf, (None, 2), name="w"), [1, -1])
            + tf.split(_x(tf, (6, 2), name="v"), tf.placeholder(tf.int32, [2], name="sizes")))
    return static(outs)


@case
def split_uneven_error(tf):
    return raises(tf.split, _x(tf, (5, 3)), 2)


@case
def split_sizes_sum_error(tf):
    return raises(tf.split, _x(tf, (5, 3)), [2, 2])


@case
def split_two_unknown_sizes_error(tf):
    return raises(tf.split, _x(tf, (5, 3)), [2, -1, -1])


@case
def split_axis_out_of_range_error(tf):
    return raises(tf.split, _x(tf, (5, 3)), 2, axis=2)


@case
def split_sizes_axis_out_of_range_error(tf):
    return raises(tf.split, _x(tf, (5, 3)), [1, 2], axis=2)


@case
def split_scalar_sizes_error(tf):
    return raises(tf.split, _x(tf, (4, 3)), tf.constant(2))


# -- tile --------------------------------------------------------------------------------------------
@case
def tile_ops_and_values(tf):
    a = tf.constant(_A, name="a")
    outs = [tf.tile(a, [2, 1]), tf.tile(a, (1, 3), name="t"), tf.tile([1, 2], [2])]
    return describe(tf, outs)


@case
def tile_unknown(tf):
    m = tf.placeholder(tf.int32, [2], name="m")
    return static([tf.tile(_x(tf, (None, 3)), [2, 2]), tf.tile(_x(tf, name="y"), m),
                   tf.tile(_x(tf, None, name="z"), [1, 2])])


@case
def tile_rank_mismatch_error(tf):
    return raises(tf.tile, _x(tf), [2])


# -- pad ---------------------------------------------------------------------------------------------
@case
def pad_modes(tf):
    a = tf.constant(_A, name="a")
    outs = [tf.pad(a, [[1, 0], [0, 2]]), tf.pad(a, [[1, 1], [2, 2]], mode="REFLECT"),
            tf.pad(a, [[1, 1], [3, 3]], mode="symmetric", name="sym"), tf.pad(a, [[0, 1], [1, 0]], constant_values=7.0),
            tf.pad(a, [[0, 0], [1, 1]], "CONSTANT", constant_values=0)]
    return describe(tf, outs)


@case
def pad_unknown(tf):
    p = tf.placeholder(tf.int32, [2, 2], name="p")
    outs = [tf.pad(_x(tf, (None, 3)), [[1, 1], [2, 2]]), tf.pad(_x(tf, name="y"), p),
            tf.pad(_x(tf, None, name="z"), [[1, 1], [0, 0]]),
            tf.pad(_x(tf, (None, 3), name="w"), [[1, 1], [1, 1]], mode="REFLECT")]
    return static(outs)


@case
def pad_constant_values_tensor(tf):
    c = tf.constant(3.0, name="c")
    return describe(tf, tf.pad(tf.constant(_A, name="a"), [[1, 0], [0, 0]], constant_values=c))


@case
def pad_strings_and_bools(tf):
    """``Pad`` fills with the dtype's zero: empty strings, ``False``."""
    outs = [tf.pad(tf.constant([["a", "b"]], name="s"), [[1, 0], [0, 1]]),
            tf.pad(tf.constant([True], name="b"), [[2, 1]]),
            tf.pad(tf.constant(["x"], name="t"), [[1, 1]], constant_values="-")]
    return describe(tf, outs)


@case
def pad_rank_error(tf):
    return raises(tf.pad, _x(tf), [[1, 1]])


@case
def pad_negative_error(tf):
    return raises(tf.pad, _x(tf), [[1, -1], [0, 0]])


@case
def pad_bad_mode_error(tf):
    return raises(tf.pad, _x(tf), [[1, 1], [0, 0]], mode="wrap")


@case
def pad_reflect_too_large_runtime_error(tf):
    from tests.conformance.cases._array_helpers import run_error
    p = tf.pad(_x(tf), [[2, 2], [0, 0]], mode="REFLECT")
    with tf.Session() as sess:
        return run_error(sess.run, p, {"x:0": _A})


# -- meshgrid ---------------------------------------------------------------------------------------
@case
def meshgrid_xy(tf):
    outs = tf.meshgrid([1, 2, 3], [4, 5])
    return describe(tf, outs)


@case
def meshgrid_ij_three(tf):
    outs = tf.meshgrid(tf.constant([1.0, 2.0]), tf.constant([3.0]), tf.constant([4.0, 5.0, 6.0]), indexing="ij")
    return describe(tf, outs)


@case
def meshgrid_bad_indexing_error(tf):
    return raises(tf.meshgrid, [1], [2], indexing="xx")


# -- more static errors ------------------------------------------------------------------------------
@case
def tile_multiples_longer_than_rank_error(tf):
    return raises(tf.tile, _x(tf), [2, 3, 4])


@case
def tile_negative_multiple_error(tf):
    return raises(tf.tile, _x(tf), [2, -3])


@case
def concat_scalars_error(tf):
    return raises(tf.concat, [_x(tf, ()), _x(tf, (), name="y")], 0)


@case
def split_scalar_error(tf):
    return raises(tf.split, _x(tf, ()), [1])


@case
def split_sizes_length_error(tf):
    return raises(tf.split, _x(tf, (4,)), [1, 3], num=3)


@case
def split_negative_computed_size_error(tf):
    return raises(tf.split, _x(tf, (4,)), [5, -1])


@case
def pad_paddings_columns_error(tf):
    return raises(tf.pad, _x(tf), [[1, 1, 1], [0, 0, 0]])


@case
def pad_paddings_rows_error(tf):
    return raises(tf.pad, _x(tf), [[1, 1], [0, 0], [0, 0]])


@case
def mirror_pad_negative_error(tf):
    return raises(tf.pad, _x(tf), [[-1, 1], [0, 0]], mode="REFLECT")


@case
def unstack_scalar_error(tf):
    return raises(tf.unstack, _x(tf, ()), num=1)


@case
def stack_scalars_axis_error(tf):
    return raises(tf.stack, [_x(tf, ()), _x(tf, (), name="y")], axis=1)


@case
def stack_int_and_float_tensors_error(tf):
    return raises(tf.stack, [tf.constant(1), tf.constant(2.0)], axis=0)
