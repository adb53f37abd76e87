"""Samples of the ``TensorScatter*`` ops; the variable updates are exempt (tested in place)."""

import numpy as np

from tests.ops.samples import F64, exempt, sample

for _op in ("ScatterNdUpdate", "ScatterNdAdd", "ScatterNdSub", "ScatterMul", "ScatterDiv", "ScatterMin", "ScatterMax"):
    exempt(_op, "updates a variable in place; tests/ops/test_scatter_nd.py and tests/conformance/cases/scatter_nd.py")

_IDX = np.array([[0, 1], [2, 0], [1, 1]])


def _at(kind):
    def reference(t, u):
        out = t.copy()
        for (i, j), v in zip(_IDX, u):
            out[i, j] = {"update": v, "add": out[i, j] + v, "sub": out[i, j] - v, "min": min(out[i, j], v),
                         "max": max(out[i, j], v)}[kind]
        return out
    return reference


@sample("TensorScatterUpdate", [F64(3, 2, seed=1), F64(3, seed=2)], _at("update"))
def _(tf, t, u):
    return tf.tensor_scatter_nd_update(t, _IDX, u)


@sample("TensorScatterAdd", [F64(3, 2, seed=3), F64(3, seed=4)], _at("add"))
def _(tf, t, u):
    return tf.tensor_scatter_add(t, _IDX, u)


@sample("TensorScatterSub", [F64(3, 2, seed=5), F64(3, seed=6)], _at("sub"))
def _(tf, t, u):
    return tf.tensor_scatter_nd_sub(t, _IDX, u)


@sample("TensorScatterMin", [F64(3, 2, seed=7), F64(3, seed=8)], _at("min"))
def _(tf, t, u):
    return tf.tensor_scatter_nd_min(t, _IDX, u)


@sample("TensorScatterMax", [F64(3, 2, seed=9), F64(3, seed=10)], _at("max"))
def _(tf, t, u):
    return tf.tensor_scatter_nd_max(t, _IDX, u)


@sample("TensorScatterUpdate", [F64(4, 3, seed=11), F64(2, 3, seed=12)],
        lambda t, u: np.concatenate([t[:1], u[1:], t[2:3], u[:1]]))
def _(tf, t, u):
    return tf.tensor_scatter_update(t, [[3], [1]], u)
