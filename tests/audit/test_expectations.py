"""``expect_shared`` and ``expect_new``: code under ``AUTO_REUSE`` says whether it means to share."""

import sys
import threading

import pytest

import scopeflow as tf


@pytest.fixture(autouse=True)
def graph():
    with tf.Graph().as_default() as g:
        yield g


def test_expect_shared_passes_when_every_variable_exists(graph):
    with tf.variable_scope("tower", reuse=tf.AUTO_REUSE):
        w = tf.get_variable("w", [2])
    with tf.variable_scope("tower", reuse=tf.AUTO_REUSE), tf.expect_shared():
        assert tf.get_variable("w", [2]) is w  # the fast reuse path
        assert tf.get_variable("w", [2], initializer=tf.zeros_initializer()) is w  # the full path


def test_expect_shared_refuses_a_creation_and_names_the_variable_and_the_near_one(graph):
    with tf.variable_scope("tower", reuse=tf.AUTO_REUSE):
        tf.get_variable("w", [2])
    n_ops = len(graph.get_operations())
    with pytest.raises(tf.SharingExpectationError) as e:
        with tf.variable_scope("towr", reuse=tf.AUTO_REUSE), tf.expect_shared():
            tf.get_variable("w", [2])
    assert str(e.value) == (
        "expect_shared: get_variable would create a new variable towr/w (no variable of that name exists to share). "
        "Closest existing names: tower/w. Fix the variable scope's name, or move the creation out of "
        "expect_shared().")
    assert isinstance(e.value, ValueError) and type(e.value).__module__ == "scopeflow"
    assert [v.name for v in tf.global_variables()] == ["tower/w:0"]  # refused before anything was made
    assert len(graph.get_operations()) == n_ops


def test_expect_new_refuses_a_reuse_and_says_where_the_variable_was_made(graph):
    with tf.variable_scope("a", reuse=tf.AUTO_REUSE):
        made = f"{__file__}:{sys._getframe().f_lineno}"; tf.get_variable("v", [2])  # noqa: E702 - one line
    for kwargs in ({}, {"initializer": tf.zeros_initializer()}):  # the fast path, then the full one
        with pytest.raises(tf.SharingExpectationError) as e:
            with tf.variable_scope("a", reuse=tf.AUTO_REUSE), tf.expect_new():
                tf.get_variable("v", [2], **kwargs)
        assert str(e.value) == (
            f"expect_new: get_variable would share the existing variable a/v (made at {made}). Give the new "
            f"variable its own name or variable scope, or move the sharing out of expect_new().")


def test_expect_new_lets_creations_through_and_the_innermost_expectation_wins(graph):
    with tf.variable_scope("a", reuse=tf.AUTO_REUSE), tf.expect_new():
        v = tf.get_variable("v", [2])
        with tf.expect_shared():
            assert tf.get_variable("v", [2]) is v
        with pytest.raises(tf.SharingExpectationError):
            tf.get_variable("v", [2])


def test_expectations_are_per_thread_and_nest_properly(graph):
    tf.get_variable("v", [1])
    seen = []
    with tf.expect_shared():
        def other():
            with graph.as_default(), tf.variable_scope("", reuse=tf.AUTO_REUSE):
                seen.append(tf.get_variable("fresh", [1]).name)  # no expectation in this thread
        t = threading.Thread(target=other)
        t.start()
        t.join()
    assert seen == ["fresh:0"]
    outer, inner = tf.expect_new(), tf.expect_shared()
    outer.__enter__()
    inner.__enter__()
    with pytest.raises(RuntimeError, match="Improper nesting of expect_new"):
        outer.__exit__(None, None, None)
    inner.__exit__(None, None, None)
    outer.__exit__(None, None, None)


def test_outside_expectations_auto_reuse_is_unchanged(graph):
    with tf.variable_scope("s", reuse=tf.AUTO_REUSE):
        a = tf.get_variable("a", [1])
        assert tf.get_variable("a", [1]) is a
