"""Samples for the 3-D convolution and pooling ops (``Conv3D``, its backprop ops,
``MaxPool3D``, ``AvgPool3D`` and their gradient ops) and ``SpaceToBatchND``/``BatchToSpaceND``.

References are naive loops over output voxels on tiny shapes, independent of the kernels;
backprop references use linearity (the gradient of a linear map is its transpose applied
to ``dy``). ``MaxPool3D`` has no float64 kernel in TF, so its samples are float32.
"""

from __future__ import annotations

import numpy as np

from tests.ops.samples import F32, F64, sample


def _geometry(size, k, stride, dilation, padding):
    eff = (k - 1) * dilation + 1
    if padding == "VALID":
        return (size - eff) // stride + 1, 0
    out = -(-size // stride)
    return out, max((out - 1) * stride + eff - size, 0) // 2


def _conv3d_ref(x, w, stride=1, dilation=1, padding="SAME"):
    n, sizes, k = x.shape[0], x.shape[1:4], w.shape[:3]
    geo = [_geometry(s, kk, stride, dilation, padding) for s, kk in zip(sizes, k)]
    out = np.zeros((n, *[g[0] for g in geo], w.shape[4]))
    for o in np.ndindex(*[g[0] for g in geo]):
        for t in np.ndindex(*k):
            pos = [o[a] * stride + t[a] * dilation - geo[a][1] for a in range(3)]
            if all(0 <= p < s for p, s in zip(pos, sizes)):
                out[(slice(None), *o)] += x[(slice(None), *pos)] @ w[t]
    return out


def _pool3d_ref(x, k, stride, padding, op):
    n, sizes, c = x.shape[0], x.shape[1:4], x.shape[4]
    geo = [_geometry(s, k, stride, 1, padding) for s in sizes]
    out = np.zeros((n, *[g[0] for g in geo], c))
    for o in np.ndindex(*[g[0] for g in geo]):
        starts = [o[a] * stride - geo[a][1] for a in range(3)]
        window = x[(slice(None), *[slice(max(s, 0), s + k) for s in starts])]
        out[(slice(None), *o)] = window.max(axis=(1, 2, 3)) if op == "max" else window.mean(axis=(1, 2, 3))
    return out


def _linear_grad(f, shape, dy):
    grad = np.zeros(shape)
    for idx in np.ndindex(shape):
        e = np.zeros(shape)
        e[idx] = 1
        grad[idx] = np.sum(f(e) * dy)
    return grad


_X = F64(2, 4, 3, 4, 2)
_W = F64(2, 3, 2, 2, 3, seed=1)
_DY = F64(2, 2, 2, 2, 3, seed=2)


@sample("Conv3D", [_X, _W], reference=lambda x, w: _conv3d_ref(x, w, stride=2))
def _(tf, x, w):
    return tf.nn.conv3d(x, w, [1, 2, 2, 2, 1], "SAME")


@sample("Conv3D", [_X, F64(2, 2, 2, 2, 3, seed=3)], reference=lambda x, w: _conv3d_ref(x, w, dilation=2,
                                                                                         padding="VALID"))
def _(tf, x, w):
    return tf.nn.conv3d(x, w, [1, 1, 1, 1, 1], "VALID", dilations=[1, 2, 2, 2, 1])


@sample("Conv3D", [F64(1, 2, 3, 3, 4, seed=4), _W],
        reference=lambda x, w: np.transpose(_conv3d_ref(np.transpose(x, (0, 2, 3, 4, 1)), w), (0, 4, 1, 2, 3)))
def _(tf, x, w):
    return tf.nn.conv3d(x, w, [1, 1, 1, 1, 1], "SAME", data_format="NCDHW")


@sample("Conv3DBackpropInputV2", [_W, _DY],
        reference=lambda w, dy: _linear_grad(lambda e: _conv3d_ref(e, w, stride=2), (2, 4, 3, 4, 2), dy))
def _(tf, w, dy):
    return tf.nn.conv3d_transpose(dy, w, [2, 4, 3, 4, 2], [1, 2, 2, 2, 1], "SAME")


@sample("Conv3DBackpropFilterV2", [_X, _DY],
        reference=lambda x, dy: _linear_grad(lambda e: _conv3d_ref(x, e, stride=2), (2, 3, 2, 2, 3), dy))
def _(tf, x, dy):
    return tf.nn.conv3d_backprop_filter_v2(x, [2, 3, 2, 2, 3], dy, [1, 2, 2, 2, 1], "SAME")


# distinct values 0.05 apart: a numeric gradient's step never swaps a window's maximum
_P = (np.random.default_rng(5).permutation(240).reshape(2, 4, 5, 3, 2) * 0.05 - 6).astype(np.float32)
_PG = F32(2, 2, 3, 2, 2, seed=6)


@sample("MaxPool3D", [_P], reference=lambda x: _pool3d_ref(x, 3, 2, "SAME", "max"), grad_tol=1e-2)
def _(tf, x):
    return tf.nn.max_pool3d(x, 3, 2, "SAME")


@sample("AvgPool3D", [_P], reference=lambda x: _pool3d_ref(x, 3, 2, "SAME", "avg"), rtol=1e-5, grad_tol=1e-2)
def _(tf, x):
    return tf.nn.avg_pool3d(x, 3, 2, "SAME")


@sample("AvgPool3D", [F64(1, 4, 4, 4, 1)], reference=lambda x: _pool3d_ref(x, 2, 2, "VALID", "avg"))
def _(tf, x):
    return tf.nn.avg_pool3d(x, 2, 2, "VALID")


def _max_grad_ref(x, g):
    return _linear_grad_at(lambda v: _pool3d_ref(v, 3, 2, "SAME", "max"), x, g)


def _linear_grad_at(f, x, g, eps=1e-3):
    x = x.astype(np.float64)
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        up, down = x.copy(), x.copy()
        up[idx] += eps
        down[idx] -= eps
        grad[idx] = np.sum((f(up) - f(down)) * g) / (2 * eps)
    return grad


@sample("MaxPool3DGrad", [_P, _PG], reference=_max_grad_ref, rtol=1e-4, atol=1e-4, grad_tol=1e-2)
def _(tf, x, g):
    return tf.gradients(tf.nn.max_pool3d(x, 3, 2, "SAME"), x, grad_ys=g)[0]


@sample("MaxPool3DGradGrad", [_P, F32(2, 4, 5, 3, 2, seed=8)], rtol=1e-4, atol=1e-4, grad_tol=1e-2,
        reference=lambda x, gg: _linear_grad(lambda e: _max_grad_ref(x, e), (2, 2, 3, 2, 2), gg))
def _(tf, x, gg):
    y = tf.nn.max_pool3d(x, 3, 2, "SAME")
    g = tf.placeholder_with_default(np.zeros((2, 2, 3, 2, 2), np.float32), [2, 2, 3, 2, 2])
    dx = tf.gradients(y, x, grad_ys=g)[0]
    return tf.gradients(dx, g, grad_ys=gg)[0]


@sample("AvgPool3DGrad", [F64(2, 4, 5, 3, 2, seed=9), F64(2, 2, 3, 2, 2, seed=10)],
        reference=lambda x, g: _linear_grad(lambda e: _pool3d_ref(e, 3, 2, "SAME", "avg"), x.shape, g))
def _(tf, x, g):
    return tf.gradients(tf.nn.avg_pool3d(x, 3, 2, "SAME"), x, grad_ys=g)[0]


# -- SpaceToBatchND / BatchToSpaceND ---------------------------------------------------------------------------
def _space_to_batch_ref(x, block, pads):
    xp = np.pad(x, [(0, 0), *pads, (0, 0)])
    n, h, w, c = xp.shape
    out = np.zeros((n * block[0] * block[1], h // block[0], w // block[1], c))
    for i in range(block[0]):
        for j in range(block[1]):
            out[(i * block[1] + j) * n:(i * block[1] + j + 1) * n] = xp[:, i::block[0], j::block[1]]
    return out


def _batch_to_space_ref(x, block, crops):
    total = block[0] * block[1]
    n, h, w, c = x.shape[0] // total, x.shape[1], x.shape[2], x.shape[3]
    full = np.zeros((n, h * block[0], w * block[1], c))
    for i in range(block[0]):
        for j in range(block[1]):
            full[:, i::block[0], j::block[1]] = x[(i * block[1] + j) * n:(i * block[1] + j + 1) * n]
    return full[:, crops[0][0]:h * block[0] - crops[0][1], crops[1][0]:w * block[1] - crops[1][1]]


@sample("SpaceToBatchND", [F64(2, 3, 4, 2, seed=11)],
        reference=lambda x: _space_to_batch_ref(x, [2, 3], [[1, 0], [1, 1]]))
def _(tf, x):
    return tf.space_to_batch_nd(x, [2, 3], [[1, 0], [1, 1]])


@sample("BatchToSpaceND", [F64(12, 2, 2, 3, seed=12)],
        reference=lambda x: _batch_to_space_ref(x, [2, 3], [[1, 0], [0, 2]]))
def _(tf, x):
    return tf.batch_to_space_nd(x, [2, 3], [[1, 0], [0, 2]])


@sample("SpaceToBatchND", [F64(1, 7, 7, 2, seed=13), F64(3, 3, 2, 2, seed=14)],
        reference=lambda x, w: _dilated_ref(x, w))
def _(tf, x, w):
    return tf.nn.convolution(x, w, "VALID", dilation_rate=[2, 2])


def _dilated_ref(x, w):
    out = np.zeros((1, 3, 3, 2))
    for i in range(3):
        for j in range(3):
            for a in range(3):
                for b in range(3):
                    out[0, i, j] += x[0, i + 2 * a, j + 2 * b] @ w[a, b]
    return out
