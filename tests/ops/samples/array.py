"""Samples for the array ops: shapes, creation, joining, slicing, padding, gathering and
selection (kernels against NumPy, static shapes, numerical gradient checks)."""

import numpy as np

from tests.ops.samples import F64, I32, sample


def _raw(op_type, inputs, attrs=None):
    from scopeflow._src.framework.op_builder import create
    op = create(op_type, inputs, attrs or {})
    return op.outputs[0] if len(op.outputs) == 1 else op.outputs


_B = np.array([[True, False, True], [False, False, True]])

# -- identity, placeholders, shapes ------------------------------------------------------------
# Const and Placeholder are exempted in state.py (every sample builds them).


@sample("Identity", [F64(2, 3)], lambda x: x, second_order=True)
def _(tf, x):
    return tf.identity(x)


@sample("StopGradient", [F64(2, 3)], lambda x: x * x, grad=False)  # TF's gradient ignores the stopped path
def _(tf, x):
    return tf.stop_gradient(x) * x


@sample("PlaceholderWithDefault", [F64(2, 3)], lambda x: x * 2)
def _(tf, x):
    return tf.placeholder_with_default(x, [2, 3]) * 2.0


@sample("Shape", [F64(2, 3)], lambda x: np.array([2, 3], np.int32), grad=False)
def _(tf, x):
    return _raw("Shape", [x], {"out_type": tf.int32})


@sample("ShapeN", [F64(2, 3), F64(4)], lambda x, y: [np.array([2, 3], np.int32), np.array([4], np.int64)],
        grad=False)
def _(tf, x, y):
    a, _ = tf.shape_n([x, y])
    return [a, tf.shape_n([x, y], out_type=tf.int64)[1]]


@sample("Size", [F64(2, 3)], lambda x: np.int32(6), grad=False)
def _(tf, x):
    return _raw("Size", [x], {"out_type": tf.int32})


@sample("Rank", [F64(2, 3)], lambda x: np.int32(2), grad=False)
def _(tf, x):
    return _raw("Rank", [x])


@sample("Reshape", [F64(2, 3)], lambda x: x.reshape(3, 2), second_order=True)
def _(tf, x):
    return tf.reshape(x, [3, -1])


@sample("ExpandDims", [F64(2, 3)], lambda x: x[:, None])
def _(tf, x):
    return tf.expand_dims(x, 1)


@sample("Squeeze", [F64(2, 1, 3)], lambda x: x[:, 0])
def _(tf, x):
    return tf.squeeze(x)


@sample("BroadcastTo", [F64(1, 3)], lambda x: np.broadcast_to(x, (2, 2, 3)))
def _(tf, x):
    return tf.broadcast_to(x, [2, 2, 3])


@sample("BroadcastArgs", [np.array([2, 1], np.int32), np.array([3], np.int32)],
        lambda a, b: np.array([2, 3], np.int32), exact_shape=False, grad=False)
def _(tf, a, b):
    return tf.broadcast_dynamic_shape(a, b)


@sample("BroadcastGradientArgs", [np.array([2, 1, 3], np.int32), np.array([1, 1, 3], np.int32)],
        lambda a, b: [np.array([1], np.int32), np.array([0, 1], np.int32)], exact_shape=False, grad=False)
def _(tf, a, b):
    from scopeflow._src.ops.array_ops import broadcast_gradient_args
    return broadcast_gradient_args(a, b)


@sample("InvertPermutation", [np.array([2, 0, 1], np.int32)], lambda p: np.argsort(p).astype(np.int32), grad=False)
def _(tf, p):
    return tf.invert_permutation(p)


# -- creation --------------------------------------------------------------------------------------
@sample("Fill", [F64()], lambda v: np.full((2, 3), v))
def _(tf, v):
    return tf.fill([2, 3], v)


@sample("ZerosLike", [F64(2, 3)], np.zeros_like)
def _(tf, x):
    return tf.zeros_like(x, optimize=False)


@sample("OnesLike", [F64(2, 3)], np.ones_like)
def _(tf, x):
    return _raw("OnesLike", [x])


@sample("Range", [np.array(1, np.int32), np.array(8, np.int32)], lambda a, b: np.arange(1, 8, 3, dtype=np.int32),
        exact_shape=False, grad=False)
def _(tf, a, b):
    return tf.range(a, b, 3)


@sample("OneHot", [np.array([0, 2, -1, 1], np.int32)],
        lambda i: np.array([[1, 0, 0, 0], [0, 0, 0, 1], [0, 1, 0, 0]], np.float32), grad=False)
def _(tf, i):
    return tf.one_hot(i, 3, axis=0)


# -- joining and splitting --------------------------------------------------------------------------
@sample("Pack", [F64(2, 3), F64(2, 3, seed=1)], lambda a, b: np.stack([a, b], axis=1), second_order=True)
def _(tf, a, b):
    return tf.stack([a, b], axis=1)


@sample("Unpack", [F64(2, 3)], lambda x: [x[:, 0], x[:, 1], x[:, 2]])
def _(tf, x):
    return tf.unstack(x, axis=1)


@sample("ConcatV2", [F64(2, 3), F64(1, 3, seed=1)], lambda a, b: np.concatenate([a, b, a]), second_order=True)
def _(tf, a, b):
    return tf.concat([a, b, a], 0)


@sample("ConcatOffset", [np.array([2, 3], np.int32), np.array([2, 5], np.int32)],
        lambda a, b: [np.array([0, 0], np.int32), np.array([0, 3], np.int32)], grad=False)
def _(tf, a, b):
    return _raw("ConcatOffset", [1, [a, b]])


@sample("Split", [F64(4, 3)], lambda x: np.split(x, 2))
def _(tf, x):
    return tf.split(x, 2)


@sample("SplitV", [F64(3, 4)], lambda x: np.split(x, [1, 3], axis=1))
def _(tf, x):
    return tf.split(x, [1, 2, -1], axis=1)


@sample("Tile", [F64(2, 3)], lambda x: np.tile(x, (2, 3)), second_order=True)
def _(tf, x):
    return tf.tile(x, [2, 3])


# -- slicing and padding ---------------------------------------------------------------------------------
@sample("StridedSlice", [F64(3, 4)], lambda x: x[1:, ::-2, None], second_order=True)
def _(tf, x):
    return x[1:, ::-2, tf.newaxis]


@sample("StridedSlice", [F64(2, 3, 4)], lambda x: x[..., 1])
def _(tf, x):
    return x[..., 1]


@sample("StridedSliceGrad", [F64(2, 2)], lambda dy: np.pad(dy, [[1, 0], [0, 1]]))
def _(tf, dy):
    from scopeflow._src.ops.array_ops import strided_slice_grad
    return strided_slice_grad([3, 3], [1, 0], [3, 2], [1, 1], dy)


@sample("Slice", [F64(3, 4)], lambda x: x[1:3, 1:], second_order=True)
def _(tf, x):
    return tf.slice(x, [1, 1], [2, -1])


@sample("ReverseV2", [F64(2, 3)], lambda x: x[::-1, ::-1])
def _(tf, x):
    return tf.reverse(x, [0, -1])


@sample("Pad", [F64(2, 3)], lambda x: np.pad(x, [[1, 0], [2, 1]]), second_order=True)
def _(tf, x):
    return tf.pad(x, [[1, 0], [2, 1]])


@sample("PadV2", [F64(2, 3)], lambda x: np.pad(x, [[0, 1], [1, 1]], constant_values=0.5))
def _(tf, x):  # TF gives constant_values no gradient, so it is not a fed (checked) input here
    return tf.pad(x, [[0, 1], [1, 1]], constant_values=tf.constant(0.5, tf.float64))


@sample("MirrorPad", [F64(3, 4)], lambda x: np.pad(x, [[1, 2], [3, 2]], mode="reflect"), second_order=True)
def _(tf, x):
    return tf.pad(x, [[1, 2], [3, 2]], mode="REFLECT")


@sample("MirrorPad", [F64(3, 4)], lambda x: np.pad(x, [[2, 3], [1, 4]], mode="symmetric"))
def _(tf, x):
    return tf.pad(x, [[2, 3], [1, 4]], mode="SYMMETRIC")


def _mirror_pad_grad(dy, before, after, reflect):
    """NumPy reference: the adjoint of np.pad in a mirror mode, one axis at a time."""
    n = dy.shape[0] - before - after
    mode = "reflect" if reflect else "symmetric"
    jac = np.stack([np.pad(np.eye(n)[i], (before, after), mode=mode) for i in range(n)])
    return np.tensordot(jac, dy, axes=([1], [0]))


@sample("MirrorPadGrad", [F64(6, 5)], lambda dy: _mirror_pad_grad(_mirror_pad_grad(dy, 1, 2, True).T, 0, 2, True).T)
def _(tf, dy):
    return _raw("MirrorPadGrad", [dy, [[1, 2], [0, 2]]], {"mode": "REFLECT"})


# -- gathering, scattering, selecting -------------------------------------------------------------------
@sample("GatherV2", [F64(4, 3)], lambda x: x[[3, 0, 3]], second_order=True)
def _(tf, x):
    return tf.gather(x, [3, 0, 3])


@sample("GatherV2", [F64(2, 3, 4)], lambda x: np.stack([x[0][:, [0, 2]], x[1][:, [1, 1]]]))
def _(tf, x):
    return tf.gather(x, [[0, 2], [1, 1]], axis=2, batch_dims=1)


@sample("GatherNd", [F64(3, 4)], lambda x: x[[2, 0, 2], [1, 3, 1]])
def _(tf, x):
    return tf.gather_nd(x, [[2, 1], [0, 3], [2, 1]])


@sample("GatherNd", [F64(3, 4)], lambda x: x[[1, 1]])
def _(tf, x):
    return tf.gather_nd(x, [[1], [1]])


@sample("ScatterNd", [F64(3, 2)], lambda u: np.array([u[0] + u[2], 0 * u[0], u[1], 0 * u[0]]))
def _(tf, u):
    return tf.scatter_nd([[0], [2], [0]], u, [4, 2])


@sample("UnsortedSegmentSum", [F64(3, 2)], lambda d: np.array([d[0] + d[2], 0 * d[0], 0 * d[0]]))
def _(tf, d):
    return tf.unsorted_segment_sum(d, [0, -1, 0], 3)


@sample("Where", [_B], lambda c: np.argwhere(c), exact_shape=False, grad=False)
def _(tf, c):
    return tf.where(c)


@sample("Select", [_B, F64(2, 3), F64(2, 3, seed=1)], lambda c, x, y: np.where(c, x, y))
def _(tf, c, x, y):
    return tf.where(c, x, y)


@sample("Select", [np.array([True, False]), F64(2, 3), F64(2, 3, seed=1)],
        lambda c, x, y: np.where(c[:, None], x, y))
def _(tf, c, x, y):
    return tf.where(c, x, y)


@sample("SelectV2", [np.array([[True], [False]]), F64(3), F64()], lambda c, x, y: np.where(c, x, y))
def _(tf, c, x, y):
    return tf.where_v2(c, x, y)


@sample("Unique", [I32(7)], lambda x: [np.array(list(dict.fromkeys(x.tolist())), np.int32),
                                       np.array([list(dict.fromkeys(x.tolist())).index(v) for v in x], np.int32)],
        exact_shape=False, grad=False)
def _(tf, x):
    return list(tf.unique(x))


@sample("ReverseSequence", [F64(3, 4, 2)],
        lambda x: np.stack([np.concatenate([x[b, :n][::-1], x[b, n:]]) for b, n in enumerate([1, 3, 4])]))
def _(tf, x):
    return tf.reverse_sequence(x, tf.constant([1, 3, 4]), seq_axis=1, batch_axis=0)


@sample("ReverseSequence", [F64(4, 3)], lambda x: np.stack([np.concatenate([x[:n, b][::-1], x[n:, b]])
                                                           for b, n in enumerate([2, 0, 4])], axis=1))
def _(tf, x):
    return tf.reverse_sequence(x, tf.constant([2, 0, 4], tf.int64), seq_axis=0, batch_axis=1)
