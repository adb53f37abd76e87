"""Samples of the layout ops: ``SpaceToDepth``, ``DepthToSpace``, ``ExtractImagePatches``."""

import numpy as np

from tests.ops.samples import F64, sample


def _s2d(x, bs):
    b, h, w, c = x.shape
    out = np.zeros((b, h // bs, w // bs, bs * bs * c))
    for i in range(h // bs):
        for j in range(w // bs):
            for di in range(bs):
                for dj in range(bs):
                    out[:, i, j, (di * bs + dj) * c:(di * bs + dj + 1) * c] = x[:, i * bs + di, j * bs + dj]
    return out


def _d2s(x, bs):
    b, h, w, c = x.shape
    oc = c // (bs * bs)
    out = np.zeros((b, h * bs, w * bs, oc))
    for i in range(h):
        for j in range(w):
            for di in range(bs):
                for dj in range(bs):
                    out[:, i * bs + di, j * bs + dj] = x[:, i, j, (di * bs + dj) * oc:(di * bs + dj + 1) * oc]
    return out


@sample("SpaceToDepth", [F64(2, 4, 6, 3, seed=1)], lambda x: _s2d(x, 2))
def _(tf, x):
    return tf.space_to_depth(x, 2)


@sample("SpaceToDepth", [F64(1, 3, 6, 6, seed=2)],
        lambda x: _s2d(x.transpose(0, 2, 3, 1), 3).transpose(0, 3, 1, 2))
def _(tf, x):
    return tf.nn.space_to_depth(x, 3, data_format="NCHW")


@sample("DepthToSpace", [F64(2, 2, 3, 8, seed=3)], lambda x: _d2s(x, 2))
def _(tf, x):
    return tf.depth_to_space(x, 2)


@sample("DepthToSpace", [F64(1, 8, 2, 1, seed=4)], lambda x: _d2s(x.transpose(0, 2, 3, 1), 2).transpose(0, 3, 1, 2))
def _(tf, x):
    return tf.depth_to_space(x, 2, data_format="NCHW")


def _patches(x, k, s, r, padding):
    b, h, w, c = x.shape
    eff = [k[i] + (k[i] - 1) * (r[i] - 1) for i in range(2)]
    if padding == "VALID":
        out = [(n - e + st) // st for n, e, st in zip((h, w), eff, s)]
        before = [0, 0]
    else:
        out = [(n + st - 1) // st for n, st in zip((h, w), s)]
        before = [max((o - 1) * st + e - n, 0) // 2 for o, st, e, n in zip(out, s, eff, (h, w))]
    res = np.zeros((b, out[0], out[1], k[0] * k[1] * c))
    for i in range(out[0]):
        for j in range(out[1]):
            for a in range(k[0]):
                for bb in range(k[1]):
                    y, x_ = i * s[0] - before[0] + a * r[0], j * s[1] - before[1] + bb * r[1]
                    if 0 <= y < h and 0 <= x_ < w:
                        res[:, i, j, (a * k[1] + bb) * c:(a * k[1] + bb + 1) * c] = x[:, y, x_]
    return res


@sample("ExtractImagePatches", [F64(2, 5, 6, 2, seed=5)], lambda x: _patches(x, (3, 2), (2, 2), (1, 2), "SAME"))
def _(tf, x):
    return tf.extract_image_patches(x, [1, 3, 2, 1], [1, 2, 2, 1], [1, 1, 2, 1], "SAME")


@sample("ExtractImagePatches", [F64(1, 6, 5, 3, seed=6)], lambda x: _patches(x, (2, 3), (1, 2), (2, 1), "VALID"))
def _(tf, x):
    return tf.image.extract_patches(x, [1, 2, 3, 1], [1, 1, 2, 1], [1, 2, 1, 1], "VALID")
