"""The sparse updates (``SparseApply*``, ``ScatterAdd``/``Sub``/``Update``): values against a
row-by-row NumPy reference (TF's kernels walk the indices in order), untouched rows, errors,
and loading on first use."""

import subprocess
import sys

import numpy as np
import pytest

import scopeflow as tf
from scopeflow._src.ops.state import sparse_training_ops as sto

LR, RHO, MOM, EPS, L1, L2 = 0.1, 0.9, 0.5, 1e-3, 0.01, 0.02


def _rows(name, rows, g):
    """One step of op ``name`` on the row arrays ``rows`` (var first) for one gradient row."""
    if name == "momentum":
        var, acc = rows
        acc[:] = acc * MOM + g
        var -= LR * acc
    elif name == "adagrad":
        var, acc = rows
        acc += g * g
        var -= LR * g / np.sqrt(acc)
    elif name == "rmsprop":
        var, ms, mom = rows
        ms[:] = ms * RHO + g * g * (1 - RHO)
        mom[:] = mom * MOM + LR * g / np.sqrt(ms + EPS)
        var -= mom
    elif name == "centered":
        var, mg, ms, mom = rows
        ms[:] = ms * RHO + g * g * (1 - RHO)
        mg[:] = mg * RHO + g * (1 - RHO)
        mom[:] = mom * MOM + LR * g / np.sqrt(ms + EPS - mg * mg)
        var -= mom
    elif name == "adadelta":
        var, acc, upd = rows
        acc[:] = acc * RHO + g * g * (1 - RHO)
        u = np.sqrt(upd + EPS) / np.sqrt(acc + EPS) * g
        var -= LR * u
        upd[:] = upd * RHO + u * u * (1 - RHO)
    elif name == "proximal":
        (var,) = rows
        prox = var - LR * g
        var[:] = np.sign(prox) * np.maximum(np.abs(prox) - LR * L1, 0) / (1 + LR * L2)


def _build(name, refs, grad, indices):
    if name == "momentum":
        return sto.sparse_apply_momentum(refs[0], refs[1], LR, grad, indices, MOM)
    if name == "adagrad":
        return sto.sparse_apply_adagrad(refs[0], refs[1], LR, grad, indices)
    if name == "rmsprop":
        return sto.sparse_apply_rms_prop(*refs, LR, RHO, MOM, EPS, grad, indices)
    if name == "centered":
        return sto.sparse_apply_centered_rms_prop(*refs, LR, RHO, MOM, EPS, grad, indices)
    if name == "adadelta":
        return sto.sparse_apply_adadelta(*refs, LR, RHO, EPS, grad, indices)
    return sto.sparse_apply_proximal_gradient_descent(refs[0], LR, L1, L2, grad, indices)


SLOTS = {"momentum": 1, "adagrad": 1, "rmsprop": 2, "centered": 3, "adadelta": 2, "proximal": 0}


@pytest.mark.parametrize("indices", [[4, 0, 2], [1, 3, 1, 1]], ids=["unique", "repeated"])
@pytest.mark.parametrize("name", sorted(SLOTS))
def test_sparse_apply_matches_a_row_by_row_reference(name, indices):
    rng = np.random.default_rng(3)
    arrays = [rng.uniform(-1, 1, (6, 3))] + [rng.uniform(0.5, 1.5, (6, 3)) for _ in range(SLOTS[name])]
    if name == "centered":
        arrays[1] *= 0.1  # mg**2 below ms
    grad = rng.uniform(-1, 1, (len(indices), 3))
    with tf.Graph().as_default():
        refs = [tf.Variable(a, name=f"v{i}") for i, a in enumerate(arrays)]
        update = _build(name, refs, grad, indices)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(update)
            got = sess.run(refs)
    want = [a.copy() for a in arrays]
    for i, index in enumerate(indices):
        _rows(name, [w[index] for w in want], grad[i])
    for g, w in zip(got, want):
        np.testing.assert_allclose(g, w, rtol=1e-12, atol=1e-12)
    untouched = sorted(set(range(6)) - set(indices))
    np.testing.assert_array_equal(got[0][untouched], arrays[0][untouched])


def test_updates_work_in_place_on_the_variable_storage():
    with tf.Graph().as_default():
        v = tf.Variable(np.zeros((100000, 8), np.float32), name="table")
        acc = tf.Variable(np.full((100000, 8), 0.1, np.float32), name="acc")
        update = sto.sparse_apply_adagrad(v, acc, 0.5, np.ones((2, 8), np.float32), [7, 99999])
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            before = sess._state.variables["table"]
            sess.run(update)
            after = sess._state.variables["table"]
            value = sess.run(v)
    assert value[7, 0] < 0 and value[99999, 0] < 0 and not value[8:99999].any()
    assert after is before and before[7, 0] == value[7, 0]  # the same storage, updated in place


def test_scatter_ops_add_repeats_and_keep_the_last_update():
    with tf.Graph().as_default():
        v = tf.Variable(np.ones((4, 2), np.float32), name="v")
        add = tf.scatter_add(v, [[1], [1]], [[[1.0, 2.0]], [[3.0, 4.0]]])
        sub = tf.scatter_sub(v, [0, 0], [[1.0, 1.0], [1.0, 1.0]])
        upd = tf.scatter_update(v, [3, 3], [[5.0, 6.0], [7.0, 8.0]])
        scalar = tf.scatter_add(v, [2], 10.0)
        assert add.op.type == "ScatterAdd" and add.name == "ScatterAdd:0" and add.dtype.name == "float32_ref"
        assert upd.op.get_attr("use_locking") is True and add.op.get_attr("use_locking") is False
        with tf.Session() as sess:
            sess.run(v.initializer)
            for op in (add, sub, upd, scalar):
                sess.run(op.op)
            assert sess.run(v).tolist() == [[-1, -1], [5, 7], [11, 11], [7, 8]]


def test_errors_are_tensorflows():
    with tf.Graph().as_default():
        v = tf.Variable(np.ones((5, 2), np.float32), name="v")
        a = tf.Variable(np.ones((5, 2), np.float32), name="a")
        with pytest.raises(ValueError, match=r"Dimension 1 in both shapes must be equal, but are 2 and 3"):
            sto.sparse_apply_adagrad(v, a, 0.1, [[1.0, 2.0, 3.0]], [1])
        with pytest.raises(ValueError, match=r"Shape must be rank 0 but is rank 1"):
            sto.sparse_apply_adagrad(v, a, [0.1], [[1.0, 2.0]], [1])
        with pytest.raises(ValueError, match=r"Shape must be rank 1 but is rank 2"):
            sto.sparse_apply_adagrad(v, a, 0.1, [[1.0, 2.0]], [[1]])
        with pytest.raises(ValueError, match=r"Dimensions must be equal, but are 1 and 2"):
            sto.sparse_apply_adagrad(v, a, 0.1, [[1.0, 2.0], [1.0, 2.0]], [1])
        with pytest.raises(ValueError, match=r"Shapes must be equal rank, but are 1 and 2"):
            tf.scatter_add(v, [1, 2], [1.0, 2.0])
        ids = tf.placeholder(tf.int32, [None])
        oob = sto.sparse_apply_adagrad(v, a, 0.1, [[1.0, 2.0]], ids)
        scatter = tf.scatter_add(v, ids, [[1.0, 2.0], [3.0, 4.0]])
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            with pytest.raises(tf.errors.InvalidArgumentError, match=r"Index 7 at offset 0 in indices is out of range"):
                sess.run(oob, {ids: [7]})
            with pytest.raises(tf.errors.InvalidArgumentError, match=r"indices\[1\] = 9 is not in \[0, 5\)"):
                sess.run(scatter, {ids: [1, 9]})
            assert sess.run(v)[1].tolist() == [2.0, 3.0]  # TF's kernel applied the rows before the bad one


def test_sparse_ops_load_on_first_use():
    probe = ("import sys, scopeflow as tf; m = 'scopeflow._src.ops.state.sparse_training_ops'; "
             "print(m in sys.modules); tf.scatter_add; print(m in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "True"]


@pytest.mark.parametrize("op", ["add", "sub"])
def test_scatter_with_many_repeats_applies_rows_in_tfs_order(op):
    rng = np.random.default_rng(5)
    table = rng.uniform(-1, 1, (7, 3)).astype(np.float32)
    indices = rng.integers(0, 7, 40)
    rows = rng.uniform(-1e3, 1e3, (40, 3)).astype(np.float32)
    want = table.copy()
    for i, index in enumerate(indices):  # TF's kernel: one row after the other
        want[index] = want[index] + rows[i] if op == "add" else want[index] - rows[i]
    with tf.Graph().as_default():
        v = tf.Variable(table, name="v")
        update = getattr(tf, f"scatter_{op}")(v, indices, rows)
        with tf.Session() as sess:
            sess.run(v.initializer)
            got = sess.run(update)
    np.testing.assert_array_equal(got, want)
