"""Lints for the classic TF1 traps: warnings at a session's first run, and ``tf.lint(graph)``."""

import warnings

import numpy as np
import pytest

import scopeflow as tf
from scopeflow._src.client import lints

KINDS = (tf.UpdateOpsWarning, tf.GraphGrowthWarning, tf.UninitializedVariableWarning, tf.SlotScopeWarning)


def caught(fn):
    """The lint warnings ``fn`` raises, as (class, message) pairs."""
    with warnings.catch_warnings(record=True) as got:
        warnings.simplefilter("always")
        fn()
    return [(w.category, str(w.message)) for w in got if issubclass(w.category, tf.ScopeflowLintWarning)]


def test_one_class_with_a_subclass_per_kind_under_the_public_name():
    for kind in KINDS:
        assert issubclass(kind, tf.ScopeflowLintWarning) and issubclass(kind, UserWarning)
        assert kind.__module__ == "scopeflow" and kind.__doc__
    assert tf.ScopeflowLintWarning.__module__ == "scopeflow"


def _bn_model(with_updates):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    h = tf.layers.batch_normalization(x, training=True, name="bn")
    loss = tf.reduce_mean(tf.square(h))
    opt = tf.train.GradientDescentOptimizer(0.1)
    if with_updates:
        with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
            return x, opt.minimize(loss, name="train")
    return x, opt.minimize(loss, name="train")


def test_a_train_op_without_update_ops_warns_at_its_first_run_and_names_them():
    with tf.Graph().as_default():
        x, train = _bn_model(False)
        feed = {x: np.ones((2, 3), np.float32)}
        with tf.Session() as sess:
            assert caught(lambda: sess.run(tf.global_variables_initializer())) == []
            got = caught(lambda: sess.run(train, feed))
            assert got == [(tf.UpdateOpsWarning,
                            "'train' trains variables but does not depend on 2 op(s) of tf.GraphKeys.UPDATE_OPS "
                            "(bn/AssignMovingAvg, bn/AssignMovingAvg_1): batch norm's moving averages will never be "
                            "updated. Fix: build the train op under "
                            "tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)).")]
            assert caught(lambda: sess.run(train, feed)) == []  # the cached step: checked once
            updates = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
            assert caught(lambda: sess.run([train] + updates, feed)) == []  # run together: fine
        [finding] = tf.lint(tf.get_default_graph())
        assert finding.kind is tf.UpdateOpsWarning and finding.names == ("bn/AssignMovingAvg", "bn/AssignMovingAvg_1")


@pytest.mark.parametrize("how", ["under_control_dependencies", "grouped"])
def test_a_train_op_that_runs_the_update_ops_is_clean(how):
    with tf.Graph().as_default():
        x, train = _bn_model(how == "under_control_dependencies")
        if how == "grouped":
            train = tf.group(train, *tf.get_collection(tf.GraphKeys.UPDATE_OPS))
        assert tf.lint(tf.get_default_graph()) == []
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            assert caught(lambda: sess.run(train, {x: np.ones((2, 3), np.float32)})) == []


def test_a_growing_training_loop_warns_once_with_the_new_ops():
    with tf.Graph().as_default():
        v = tf.Variable(0.0, name="v")
        step = tf.assign_add(v, 1.0, name="step")
        with tf.Session() as sess:
            sess.run(v.initializer)

            def loop():
                for i in range(4):
                    sess.run(step)
                    tf.add(v, float(i), name=f"leak{i}")  # built inside the loop
            got = caught(loop)
    assert got == [(tf.GraphGrowthWarning,
                    "The graph grew between runs of the same fetches (2 new op(s) since the last one: leak1/y, "
                    "leak1): ops built inside a training loop add to the graph at every step. Fix: build them once "
                    "before the loop (graph.finalize() makes the next such op an error).")]


def test_growing_once_between_runs_is_not_a_leak():
    with tf.Graph().as_default():
        v = tf.Variable(0.0)
        step = tf.assign_add(v, 1.0)
        with tf.Session() as sess:
            sess.run(v.initializer)

            def train_then_eval():
                for _ in range(3):
                    sess.run(step)
                evaluation = v * 2.0  # built once, after training
                for _ in range(3):
                    sess.run([step, evaluation])
                    sess.run(step)
            assert caught(train_then_eval) == []


def test_the_growth_check_costs_a_steady_run_one_comparison(monkeypatch):
    calls = []
    real = lints.SessionLints.ran
    monkeypatch.setattr(lints.SessionLints, "ran", lambda self, key, level: calls.append(key) or real(self, key, level))
    with tf.Graph().as_default():
        v = tf.Variable(0.0)
        step = tf.assign_add(v, 1.0)
        with tf.Session() as sess:
            sess.run(v.initializer)
            for _ in range(50):
                sess.run(step)
    assert len(calls) == 2  # the two first runs (not cached steps yet); the 49 cached runs only compare


def test_variables_made_after_the_initializer_warn_at_the_first_run():
    with tf.Graph().as_default() as g:
        a = tf.Variable(1.0, name="a")
        init = tf.global_variables_initializer()
        b = tf.Variable(2.0, name="b")
        total = a + b
        message = ("No initializer op runs the initializer of b (made after tf.global_variables_initializer() or "
                   "another initializer was built?): a run that reads them raises FailedPreconditionError. Fix: "
                   "build the initializer after the whole model, or run tf.variables_initializer() on them.")
        assert [(f.kind, f.message, f.names) for f in tf.lint(g)] == [
            (tf.UninitializedVariableWarning, message, ("b",))]
        with tf.Session() as sess:
            assert caught(lambda: sess.run(init)) == [(tf.UninitializedVariableWarning, message)]
            with pytest.raises(tf.errors.FailedPreconditionError):
                sess.run(total)


def test_initializing_every_variable_or_none_is_clean():
    with tf.Graph().as_default() as g:
        tf.Variable(1.0)
        tf.Variable(2.0)
        assert tf.lint(g) == []  # no initializer yet: nothing to compare with
        tf.global_variables_initializer()
        assert tf.lint(g) == []


def test_variables_initialized_from_a_checkpoint_are_clean(tmp_path):
    with tf.Graph().as_default():
        tf.get_variable("a", initializer=np.ones(2, np.float32))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            path = tf.train.Saver().save(sess, str(tmp_path / "m"))
    with tf.Graph().as_default() as g:
        a = tf.get_variable("a", initializer=np.zeros(2, np.float32))
        tf.get_variable("b", initializer=np.zeros(2, np.float32))
        tf.train.init_from_checkpoint(path, {"a": "a"})  # a's initializer is now the restoring Assign's tensor
        init = tf.global_variables_initializer()
        assert tf.lint(g) == []
        with tf.Session() as sess:
            assert caught(lambda: sess.run(init)) == []
            assert sess.run(a).tolist() == [1, 1]


def test_an_optimizer_inside_an_auto_reuse_scope_warns_about_its_slots():
    with tf.Graph().as_default() as g:
        with tf.variable_scope("model", reuse=tf.AUTO_REUSE):
            w = tf.get_variable("w", [2])
            train = tf.train.MomentumOptimizer(0.1, 0.9).minimize(tf.reduce_sum(w * w))
        message = ("Optimizer slot model/model/w/Momentum (of model/w) was made inside variable scope 'model' opened "
                   "with reuse=tf.AUTO_REUSE: another optimizer there would silently share it. Fix: create the "
                   "optimizer and call minimize() outside the reused variable scope.")
        assert [(f.kind, f.message) for f in tf.lint(g)] == [(tf.SlotScopeWarning, message)]
        with tf.Session() as sess:
            assert caught(lambda: sess.run(tf.global_variables_initializer())) == [(tf.SlotScopeWarning, message)]
            assert caught(lambda: sess.run(train)) == []  # static lints: once per session


def test_an_optimizer_outside_reused_scopes_is_clean():
    with tf.Graph().as_default() as g:
        with tf.variable_scope("model", reuse=tf.AUTO_REUSE):
            w = tf.get_variable("w", [2])
        tf.train.AdamOptimizer().minimize(tf.reduce_sum(w * w))
        assert tf.lint(g) == []


def test_each_kind_is_silenced_on_its_own():
    with tf.Graph().as_default():
        a = tf.Variable(1.0, name="a")
        init = tf.global_variables_initializer()
        tf.Variable(2.0, name="b")
        with tf.variable_scope("m", reuse=tf.AUTO_REUSE):
            w = tf.get_variable("w", [2])
            tf.train.MomentumOptimizer(0.1, 0.9).minimize(tf.reduce_sum(w * w) + a)
        with tf.Session() as sess, warnings.catch_warnings(record=True) as got:
            warnings.simplefilter("always")
            warnings.simplefilter("ignore", tf.UninitializedVariableWarning)
            sess.run(init)
        assert [w.category for w in got] == [tf.SlotScopeWarning] * 2  # the slots of w and of a
