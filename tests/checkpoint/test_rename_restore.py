"""Restore after renames: rename rules, strict and partial modes, dry-run reports."""

import re

import numpy as np
import pytest

import scopeflow as tf
from scopeflow._src.checkpoint.rename import RenameRules, parse_rule


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()
    yield
    tf.reset_default_graph()


@pytest.fixture
def old_checkpoint(tmp_path):
    """dense/kernel, dense/biases, their Adam slots and global_step, saved by scopeflow."""
    with tf.variable_scope("dense"):
        kernel = tf.get_variable("kernel", initializer=np.arange(6, dtype=np.float32).reshape(3, 2))
        biases = tf.get_variable("biases", initializer=np.array([0.5, -0.5], np.float32))
    slots = [tf.Variable(np.full(v.shape.as_list(), i + 1.0, np.float32), name=f"{v.op.name}/Adam")
             for i, v in enumerate((kernel, biases))]
    step = tf.Variable(42, dtype=tf.int64, name="global_step")
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        path = saver.save(sess, str(tmp_path / "old"))
    del slots, step
    tf.reset_default_graph()
    return path


def _new_graph(extra=False, bias_shape=(2,)):
    with tf.variable_scope("model"):
        with tf.variable_scope("dense"):
            kernel = tf.get_variable("kernel", [3, 2])
            bias = tf.get_variable("bias", list(bias_shape))
            if extra:
                tf.get_variable("extra", [4])
    kernel_slot = tf.Variable(np.zeros([3, 2], np.float32), name="model/dense/kernel/Adam")
    bias_slot = tf.Variable(np.zeros(list(bias_shape), np.float32), name="model/dense/bias/Adam")
    step = tf.Variable(0, dtype=tf.int64, name="global_step")
    return kernel, bias, kernel_slot, bias_slot, step


RULES = [("dense/", "model/dense/"), (re.compile(r"/biases$"), "/bias")]


def test_rules_rename_prefixes_at_scope_boundaries():
    rules = RenameRules({"dense": "layer"})
    assert rules.apply("dense") == "layer"
    assert rules.apply("dense/kernel") == "layer/kernel"
    assert rules.apply("dense_1/kernel") == "dense_1/kernel"
    assert RenameRules([("", "outer")]).apply("a/b") == "outer/a/b"
    assert RenameRules([("/", "outer/")]).apply("a") == "outer/a"
    assert RenameRules([("module/", "")]).apply("module/a/b") == "a/b"
    assert RenameRules(lambda n: n.upper()).apply("a/b") == "A/B"


def test_rules_apply_in_order_and_slots_follow_their_variable():
    mapping = RenameRules(RULES).map_names(["dense/biases", "dense/biases/Adam", "dense/biases/Adam_1", "step"])
    assert mapping == {"model/dense/bias": "dense/biases", "model/dense/bias/Adam": "dense/biases/Adam",
                       "model/dense/bias/Adam_1": "dense/biases/Adam_1", "step": "step"}


def test_rules_that_merge_two_names_are_refused():
    with pytest.raises(ValueError, match="give the checkpoint names 'a/x' and 'b/x' the same new name 'c/x'"):
        RenameRules([("a/", "c/"), ("b/", "c/")]).map_names(["a/x", "b/x"])


def test_bad_rules_are_refused():
    with pytest.raises(TypeError, match="an \\(old, new\\) pair"):
        RenameRules(["just a string"])
    with pytest.raises(TypeError, match="compiled re.Pattern"):
        RenameRules([(3, "x")])
    with pytest.raises(ValueError, match="OLD=NEW"):
        parse_rule("no equals sign")
    assert parse_rule("a=b=c") == ("a", "b=c")
    assert parse_rule(r"x$=y", regex=True)[0].pattern == "x$"


def test_restore_with_rename_rules(old_checkpoint):
    kernel, bias, kernel_slot, bias_slot, step = _new_graph()
    saver = tf.train.Saver()
    with tf.Session() as sess:
        report = saver.restore(sess, old_checkpoint, rename=RULES)
        assert report.ok and report.unexpected == [] and report.missing == []
        assert report.matched["model/dense/bias/Adam"] == "dense/biases/Adam"
        assert sorted(report.restored) == sorted(report.matched)
        assert sess.run(bias).tolist() == [0.5, -0.5]
        assert sess.run(kernel).tolist() == [[0, 1], [2, 3], [4, 5]]
        assert sess.run(bias_slot).tolist() == [2.0, 2.0]
        assert sess.run(kernel_slot)[0].tolist() == [1.0, 1.0]
        assert sess.run(step) == 42


def test_dry_run_reports_without_touching_the_session(old_checkpoint):
    _new_graph(extra=True)
    saver = tf.train.Saver()
    report = saver.restore(None, old_checkpoint, rename={"dense/": "model/dense/"}, dry_run=True)
    assert report.matched == {"global_step": "global_step", "model/dense/kernel": "dense/kernel",
                              "model/dense/kernel/Adam": "dense/kernel/Adam"}
    assert report.missing == ["model/dense/bias", "model/dense/bias/Adam", "model/dense/extra"]
    assert report.unexpected == ["dense/biases", "dense/biases/Adam"]
    assert report.suggestions == {"model/dense/bias": "dense/biases", "model/dense/bias/Adam": "dense/biases/Adam",
                                  "model/dense/extra": None}
    assert report.restored == [] and not report.ok
    text = str(report)
    assert "missing     model/dense/bias  (closest in checkpoint: dense/biases)" in text
    assert "unexpected  dense/biases" in text


def test_strict_restore_fails_before_assigning_anything(old_checkpoint):
    kernel, *_ = _new_graph(extra=True)
    saver = tf.train.Saver()
    with tf.Session() as sess:
        with pytest.raises(tf.errors.NotFoundError) as info:
            saver.restore(sess, old_checkpoint, rename=RULES)
        assert "Original error:\n\nKey model/dense/extra not found in checkpoint" in info.value.message
        assert not sess.run(tf.is_variable_initialized(kernel))


def test_partial_restore_skips_missing_and_mismatched(old_checkpoint):
    kernel, bias, kernel_slot, bias_slot, step = _new_graph(extra=True, bias_shape=(3,))
    saver = tf.train.Saver()
    with tf.Session() as sess:
        report = saver.restore(sess, old_checkpoint, rename=RULES, strict=False)
        assert sorted(report.shape_mismatched) == ["model/dense/bias", "model/dense/bias/Adam"]
        mismatch = report.shape_mismatched["model/dense/bias"]
        assert (mismatch.checkpoint_name, mismatch.variable_shape, mismatch.checkpoint_shape) == \
            ("dense/biases", [3], [2])
        assert report.missing == ["model/dense/extra"]
        assert sorted(report.restored) == ["global_step", "model/dense/kernel", "model/dense/kernel/Adam"]
        assert sess.run(step) == 42
        assert not sess.run(tf.is_variable_initialized(bias))


def test_strict_shape_and_dtype_mismatch_messages(old_checkpoint):
    _new_graph(bias_shape=(3,))
    saver = tf.train.Saver()
    with tf.Session() as sess:
        with pytest.raises(tf.errors.InvalidArgumentError) as info:
            saver.restore(sess, old_checkpoint, rename=RULES)
    assert "Assign requires shapes of both tensors to match. lhs shape= [3] rhs shape= [2]" in info.value.message
    assert "the variable saved as 'model/dense/bias' is float32[3] but the checkpoint's 'dense/biases' is " \
           "float32[2]" in info.value.message
    tf.reset_default_graph()
    tf.Variable(0.0, name="global_step")
    with tf.Session() as sess:
        with pytest.raises(tf.errors.InvalidArgumentError, match="tensor_name = global_step; expected dtype float "
                                                                 "does not equal original dtype int64"):
            tf.train.Saver().restore(sess, old_checkpoint, strict=True, rename={})


def test_partial_restore_without_rules(old_checkpoint):
    step = tf.Variable(0, dtype=tf.int64, name="global_step")
    other = tf.Variable(1.0, name="brand_new")
    saver = tf.train.Saver()
    with tf.Session() as sess:
        report = saver.restore(sess, old_checkpoint, strict=False)
        assert report.restored == ["global_step"] and report.missing == ["brand_new"]
        assert sess.run(step) == 42
        sess.run(other.initializer)


def test_dict_var_list_keys_are_what_rules_target(old_checkpoint):
    b = tf.Variable(np.zeros(2, np.float32), name="anything")
    saver = tf.train.Saver({"renamed/b": b})
    with tf.Session() as sess:
        report = saver.restore(sess, old_checkpoint, rename={"dense/biases": "renamed/b"}, strict=False)
        assert report.restored == ["renamed/b"]
        assert sess.run(b).tolist() == [0.5, -0.5]


def test_restoring_twice_reuses_the_graph(old_checkpoint):
    _new_graph()
    saver = tf.train.Saver()
    n_ops = len(tf.get_default_graph().get_operations())
    with tf.Session() as sess:
        for _ in range(2):
            saver.restore(sess, old_checkpoint, rename=RULES)
    assert len(tf.get_default_graph().get_operations()) == n_ops
