"""Issue 24 item 5: a strict restore that fails changes no variable (everything is read and
checked before anything is assigned): plain and sharded ``Saver.restore``, rename-restores, and
``init_from_checkpoint`` (no initializer changes when one mapping is bad)."""

import numpy as np
import pytest

import scopeflow as tf
from scopeflow._src.framework import errors

_CONFIG = tf.ConfigProto(allow_soft_placement=True)


def _save(tmp_path, **values):
    with tf.Graph().as_default():
        for name, value in values.items():
            tf.Variable(np.asarray(value, np.float32), name=name)
        saver = tf.train.Saver()
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            return saver.save(sess, str(tmp_path / "m"), write_meta_graph=False)


def _restore_fails(path, error, sharded=False, rename=None, dtype=np.float32, **values):
    """Build variables ``values`` (initialized to -1), restore ``path``; every value is unchanged."""
    with tf.Graph().as_default():
        variables = []
        for i, (name, shape) in enumerate(values.items()):
            with tf.device("/device:GPU:0" if sharded and i % 2 else "/cpu:0"):
                variables.append(tf.Variable(np.full(shape, -1, dtype), name=name))
        saver = tf.train.Saver(sharded=sharded)
        with tf.Session(config=_CONFIG) as sess:
            sess.run(tf.global_variables_initializer())
            with pytest.raises(error):
                if rename is None:
                    saver.restore(sess, path)
                else:
                    saver.restore(sess, path, rename=rename)
            for v in sess.run(variables):
                assert (v == -1).all(), v


@pytest.mark.parametrize("sharded", [False, True], ids=["plain", "sharded"])
def test_a_shape_mismatch_after_good_variables_assigns_nothing(tmp_path, sharded):
    path = _save(tmp_path, a=[1, 2], b=[1, 2, 3], c=[5], z=[7, 8])
    _restore_fails(path, errors.InvalidArgumentError, sharded, a=[2], b=[2], c=[1], z=[2])
    _restore_fails(path, errors.InvalidArgumentError, sharded, a=[2], b=[3], c=[1], z=[3])


def test_the_error_is_tensorflows_assign_error(tmp_path):
    path = _save(tmp_path, a=[1, 2], b=[1, 2, 3])
    with tf.Graph().as_default():
        tf.Variable([0.0, 0.0], name="a")
        tf.Variable([0.0, 0.0], name="b")
        saver = tf.train.Saver()
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            with pytest.raises(errors.InvalidArgumentError) as info:
                saver.restore(sess, path)
    assert info.value.op.name == "save/Assign_1"
    assert "Assign requires shapes of both tensors to match. lhs shape= [2] rhs shape= [3]" in info.value.message


@pytest.mark.parametrize("sharded", [False, True], ids=["plain", "sharded"])
def test_a_missing_key_or_wrong_dtype_assigns_nothing(tmp_path, sharded):
    path = _save(tmp_path, a=[1, 2], c=[5])
    _restore_fails(path, errors.NotFoundError, sharded, a=[2], c=[1], d=[1])
    _restore_fails(path, errors.InvalidArgumentError, sharded, dtype=np.float64, a=[2], c=[1])


def test_a_failing_rename_restore_assigns_nothing(tmp_path):
    path = _save(tmp_path, **{"old/a": [1, 2], "old/b": [1, 2, 3]})
    _restore_fails(path, errors.InvalidArgumentError, rename={"old/": "new/"}, **{"new/a": [2], "new/b": [2]})


def test_a_good_restore_still_restores_everything(tmp_path):
    path = _save(tmp_path, a=[1, 2], b=[3, 4, 5])
    with tf.Graph().as_default():
        a, b = tf.Variable([0.0, 0.0], name="a"), tf.Variable([0.0, 0.0, 0.0], name="b")
        saver = tf.train.Saver(sharded=True)
        with tf.Session() as sess:
            saver.restore(sess, path)
            assert [v.tolist() for v in sess.run([a, b])] == [[1, 2], [3, 4, 5]]


def test_a_failing_init_from_checkpoint_changes_no_initializer(tmp_path):
    path = _save(tmp_path, a=[1, 2], b=[1, 2, 3])
    with tf.Graph().as_default() as g:
        a = tf.get_variable("a", initializer=np.full(2, -1, np.float32))
        b = tf.get_variable("b", initializer=np.full(2, -1, np.float32))
        ops_before = len(g.get_operations())
        with pytest.raises(ValueError, match="Shape of variable b:0"):
            tf.train.init_from_checkpoint(path, {"a": "a", "b": "b"})
        assert len(g.get_operations()) == ops_before
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            assert sess.run(a).tolist() == [-1, -1] and sess.run(b).tolist() == [-1, -1]
        ops_before = len(g.get_operations())
        with pytest.raises(ValueError, match="Tensor c is not found"):
            tf.train.init_from_checkpoint(path, {"a": "a", "c": "b"})
        assert len(g.get_operations()) == ops_before
        tf.train.init_from_checkpoint(path, {"a": "a"})
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            assert sess.run(a).tolist() == [1, 2] and sess.run(b).tolist() == [-1, -1]
