"""Array ops' nodes: shapes, joining, splitting, slicing, gathering, padding, casting."""

import numpy as np

from tests.conformance.cases.graph_def._helpers import nodes
from tests.conformance.harness import case


def _x(tf, shape=(2, 3), dtype=None, name="x"):
    return tf.placeholder(dtype or tf.float32, shape, name=name)


@case
def placeholders(tf):
    tf.placeholder(tf.float32, name="unknown_rank")
    tf.placeholder(tf.int32, [None, 3], name="partial")
    tf.placeholder(tf.float64, [], name="scalar")
    tf.placeholder(tf.string, [2], name="strings")
    tf.placeholder_with_default(tf.constant([1.0, 2.0]), [None], name="with_default")
    return nodes(tf)


@case
def reshape_and_shape_ops(tf):
    x = _x(tf)
    tf.reshape(x, [3, 2])
    tf.reshape(x, [-1])
    tf.shape(x)
    tf.shape(x, out_type=tf.int64)
    tf.size(x)
    tf.rank(x)
    tf.shape_n([x, x])
    return nodes(tf)


@case
def expand_squeeze_transpose(tf):
    x = _x(tf, (1, 2, 1))
    tf.expand_dims(x, 0)
    tf.expand_dims(x, tf.constant(1, tf.int64))
    tf.squeeze(x)
    tf.squeeze(x, [2])
    tf.transpose(x)
    tf.transpose(x, [1, 0, 2])
    tf.matrix_transpose(x)
    return nodes(tf)


@case
def concat_stack_unstack(tf):
    a, b = _x(tf, name="a"), _x(tf, name="b")
    tf.concat([a, b], 0)
    tf.concat([a, b], -1, name="cat")
    tf.stack([a, b])
    tf.stack([a, b], axis=1)
    tf.unstack(a)
    tf.unstack(a, axis=1)
    return nodes(tf)


@case
def split_ops(tf):
    x = _x(tf, (4, 6))
    tf.split(x, 2)
    tf.split(x, [1, 2, 3], axis=1)
    tf.split(x, 3, axis=-1)
    return nodes(tf)


@case
def slice_and_strided_slice(tf):
    x = _x(tf, (4, 5, 6))
    tf.slice(x, [0, 1, 0], [2, -1, 3])
    _ = x[1]
    _ = x[:, 1:3]
    _ = x[..., ::-1]
    _ = x[tf.newaxis, 0, 2:]
    tf.strided_slice(x, [0, 0, 0], [2, 3, 4], [1, 1, 2])
    return nodes(tf)


@case
def gather_ops(tf):
    params = _x(tf, (5, 3), name="params")
    tf.gather(params, [0, 2])
    tf.gather(params, tf.constant([1], tf.int64), axis=1)
    tf.gather_nd(params, [[0, 1], [2, 2]])
    tf.nn.embedding_lookup(params, [1, 1])
    return nodes(tf)


@case
def pad_and_tile(tf):
    x = _x(tf)
    tf.pad(x, [[1, 1], [0, 2]])
    tf.pad(x, [[1, 1], [0, 2]], constant_values=3.0)
    tf.pad(x, [[1, 1], [1, 1]], mode="REFLECT")
    tf.pad(x, [[1, 1], [1, 1]], mode="SYMMETRIC")
    tf.tile(x, [2, 1])
    return nodes(tf)


@case
def reverse_ops(tf):
    x = _x(tf, (3, 4))
    tf.reverse(x, [1])
    tf.reverse_sequence(x, [1, 2, 3], seq_axis=1, batch_axis=0)
    tf.reverse_sequence(x, tf.constant([1, 2, 3, 4], tf.int32), seq_axis=0, batch_axis=1)
    return nodes(tf)


@case
def cast_ops(tf):
    x = _x(tf)
    tf.cast(x, tf.int32)
    tf.cast(x, tf.float64, name="to64")
    tf.to_int64(x)
    tf.saturate_cast(x, tf.uint8)
    tf.cast(tf.constant([1, 2]), tf.bool)
    return nodes(tf)


@case
def identity_and_stop_gradient(tf):
    x = _x(tf)
    tf.identity(x)
    tf.identity(x, name="named")
    tf.stop_gradient(x)
    return nodes(tf)


@case
def one_hot_ops(tf):
    i = tf.placeholder(tf.int32, [3], name="i")
    tf.one_hot(i, 4)
    tf.one_hot(i, 4, on_value=5.0, off_value=-1.0, axis=0)
    tf.one_hot(tf.constant([1, 0], tf.int64), 3, dtype=tf.int32)
    return nodes(tf)


@case
def where_and_select(tf):
    c = tf.placeholder(tf.bool, [2, 3], name="c")
    x, y = _x(tf, name="x"), _x(tf, name="y")
    tf.where(c)
    tf.where(c, x, y)
    tf.where_v2(c, x, 0.0)
    tf.boolean_mask(x, c)
    return nodes(tf)


@case
def fill_broadcast_diag(tf):
    tf.fill([2, 3], 1.5)
    tf.broadcast_to(tf.constant([1, 2, 3]), [2, 3])
    tf.diag([1.0, 2.0])
    tf.diag_part(tf.ones([3, 3]))
    tf.eye(3)
    return nodes(tf)


@case
def unique_setdiff_invert(tf):
    x = tf.placeholder(tf.int32, [None], name="x")
    tf.unique(x)
    tf.unique(x, out_idx=tf.int64)
    tf.setdiff1d(x, [1, 2])
    tf.invert_permutation([2, 0, 1])
    return nodes(tf)


@case
def scatter_segment_stitch(tf):
    tf.scatter_nd([[0], [2]], [1.0, 2.0], [4])
    tf.unsorted_segment_sum(tf.constant([1.0, 2.0, 3.0]), [0, 1, 0], 2)
    tf.dynamic_stitch([[0, 2], [1]], [tf.constant([1.0, 3.0]), tf.constant([2.0])])
    return nodes(tf)


@case
def sequence_mask_and_meshgrid(tf):
    tf.sequence_mask([1, 3], 4)
    tf.meshgrid(tf.constant([1, 2]), tf.constant([3, 4, 5]))
    return nodes(tf)


@case
def numpy_valued_inputs(tf):
    x = _x(tf)
    tf.reshape(x, np.array([3, 2], np.int64))
    tf.tile(x, np.array([1, 2], np.int64))
    tf.transpose(x, np.array([1, 0], np.int64))
    return nodes(tf)
