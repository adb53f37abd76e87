"""tf.sets: SetSize and the dense/sparse set operations (values, shapes, names, errors)."""

import numpy as np

from tests.conformance.harness import case, op_summary, raises, raises_last_line


def _run(tf, *tensors, feed=None):
    with tf.Session() as sess:
        return sess.run(list(tensors), feed)


def _sparse(tf, dtype=None):
    return tf.SparseTensor([[0, 0], [0, 1], [1, 0], [1, 2], [2, 1]],
                           tf.constant([2, 9, 7, 7, 4], dtype or tf.int64), [3, 4])


@case
def dense_dense_all_operations(tf):
    a = tf.constant([[1, 2, -1, 2], [5, 5, 5, 5], [0, 1, 2, 3]], tf.int64)
    b = tf.constant([[2, -1, 3, 3], [7, 8, 9, 9], [3, 2, 1, 0]], tf.int64)
    outs = [tf.sets.set_intersection(a, b), tf.sets.set_union(a, b), tf.sets.set_difference(a, b),
            tf.sets.set_difference(a, b, aminusb=False)]
    return {"names": [[t.indices.name, t.values.name, t.dense_shape.name] for t in outs],
            "shapes": [[t.indices.shape.as_list(), t.values.shape.as_list(), t.dense_shape.shape.as_list()]
                       for t in outs],
            "values": _run(tf, *outs), "ops": op_summary(tf.get_default_graph())}


@case
def dense_sparse_operations(tf):
    a = tf.constant([[1, 2, 9], [7, 7, 7], [4, 0, 0]], tf.int64)
    sp = _sparse(tf)
    outs = [tf.sets.intersection(a, sp), tf.sets.union(a, sp), tf.sets.difference(a, sp),
            tf.sets.difference(sp, a), tf.sets.intersection(sp, a)]
    return {"values": _run(tf, *outs), "ops": op_summary(tf.get_default_graph()),
            "shapes": [t.indices.shape.as_list() for t in outs]}


@case
def sparse_sparse_operations(tf):
    a = _sparse(tf)
    b = tf.SparseTensor([[0, 0], [1, 3], [2, 0], [2, 2]], tf.constant([9, 1, 4, 5], tf.int64), [3, 4])
    outs = [tf.sets.intersection(a, b), tf.sets.union(a, b), tf.sets.difference(a, b),
            tf.sets.difference(a, b, aminusb=False)]
    return {"values": _run(tf, *outs), "ops": op_summary(tf.get_default_graph())}


@case
def set_size_values(tf):
    sp = _sparse(tf)
    s3 = tf.SparseTensor([[0, 0, 0], [0, 0, 1], [1, 1, 0]], tf.constant([3, 3, 1]), [2, 2, 2])
    sizes = [tf.sets.set_size(sp), tf.sets.size(s3)]
    return {"names": [t.name for t in sizes], "shapes": [t.shape.as_list() if t.shape.ndims is not None else None
                                                          for t in sizes],
            "dtypes": [t.dtype.name for t in sizes], "values": _run(tf, *sizes)}


@case
def sets_rank3_and_strings(tf):
    a = tf.constant(np.arange(12).reshape(2, 3, 2) % 5, tf.int32)
    b = tf.constant((np.arange(12).reshape(2, 3, 2) * 3) % 5, tf.int32)
    s = tf.constant([["a", "b", "a"], ["c", "", "d"]])
    t = tf.constant([["b", "z"], ["", "c"]])
    outs = [tf.sets.union(a, b), tf.sets.intersection(a, b), tf.sets.union(s, t), tf.sets.difference(s, t)]
    return _run(tf, *outs)


@case
def sets_placeholder_shapes(tf):
    p = tf.placeholder(tf.int32, [None, None, 3])
    q = tf.placeholder(tf.int32)
    r = tf.placeholder(tf.int64, [5, 2])
    sp = tf.sparse_placeholder(tf.int64)
    outs = [tf.sets.intersection(p, p), tf.sets.intersection(q, q), tf.sets.union(r, sp), tf.sets.union(sp, sp)]
    return [[t.indices.shape.as_list() if t.indices.shape.ndims is not None else None, t.values.shape.as_list(),
             t.dense_shape.shape.as_list()] for t in outs]


@case
def sets_static_errors(tf):
    return [raises(lambda: tf.sets.intersection(tf.constant([[1, 2]]), tf.constant([[1], [2]]))),
            raises(lambda: tf.sets.intersection(tf.constant([1, 2]), tf.constant([1, 2]))),
            raises(lambda: tf.sets.intersection(tf.constant([[1, 2]]), tf.constant([[[1, 2]]]))),
            raises(lambda: tf.sets.union(tf.constant([[1.0]]), tf.constant([[1.0]]))),
            raises(lambda: tf.sets.union(tf.constant([[1]]), tf.constant([[1]], tf.int64))),
            raises(lambda: tf.sets.set_size(tf.constant([[1]]))),
            raises(lambda: tf.sets.set_size(tf.SparseTensor([[0, 0]], [1.0], [1, 1])))]


@case
def sets_runtime_group_mismatch(tf):
    a = tf.placeholder(tf.int32, [None, 2])
    b = tf.placeholder(tf.int32, [None, 3])
    out = tf.sets.intersection(a, b)

    def go():
        with tf.Session() as sess:
            return sess.run(out, {a: [[1, 2]], b: [[1, 2, 3], [4, 5, 6]]})
    return raises_last_line(go)


@case
def sets_unsorted_sparse_error(tf):
    sp = tf.SparseTensor([[1, 0], [0, 0]], tf.constant([1, 2], tf.int64), [2, 2])
    size = tf.sets.set_size(sp)
    unchecked = tf.sets.set_size(sp, validate_indices=False)

    def go():
        with tf.Session() as sess:
            return sess.run(size)
    with tf.Session() as sess:
        loose = sess.run(unchecked)
    return [raises_last_line(go), loose]


@case
def sets_empty_results_and_inputs(tf):
    a = tf.constant([[1, 2], [3, 4]], tf.int64)
    b = tf.constant([[5, 6], [7, 8]], tf.int64)
    empty = tf.SparseTensor(tf.zeros([0, 2], tf.int64), tf.zeros([0], tf.int64), [2, 3])
    outs = [tf.sets.intersection(a, b), tf.sets.union(empty, empty), tf.sets.difference(a, empty),
            tf.sets.intersection(a, empty)]
    return _run(tf, *outs) + _run(tf, tf.sets.size(empty))


@case
def sets_int8_uint16_and_validate_off(tf):
    a = tf.constant([[3, 1, 2]], tf.int8)
    b = tf.constant([[2, 9, 1]], tf.int8)
    c = tf.constant([[7, 7, 65535]], tf.uint16)
    d = tf.constant([[65535, 0, 1]], tf.uint16)
    sp = tf.SparseTensor([[0, 1], [0, 0]], tf.constant([4, 2], tf.int64), [1, 3])
    dense = tf.constant([[2, 3, 4]], tf.int64)
    return _run(tf, tf.sets.union(a, b), tf.sets.difference(c, d),
                tf.sets.intersection(dense, sp, validate_indices=False))


@case
def sets_dense_empty_dimensions(tf):
    outs = []
    for shape_a, shape_b in (((2, 0), (2, 3)), ((2, 3), (2, 0)), ((0, 3), (0, 2)), ((2, 0), (2, 0))):
        a = tf.constant(np.arange(int(np.prod(shape_a))).reshape(shape_a), tf.int32)
        b = tf.constant(np.arange(int(np.prod(shape_b))).reshape(shape_b) + 1, tf.int32)
        outs += [tf.sets.union(a, b), tf.sets.intersection(a, b), tf.sets.difference(a, b),
                 tf.sets.difference(a, b, aminusb=False)]
    return _run(tf, *outs)
