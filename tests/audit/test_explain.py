"""The help after ``get_variable``'s errors: TF's sentence first and unchanged, then the scopes,
the call sites and the fix (``variables/explain.py``)."""

import os
import sys

import pytest

import scopeflow as tf

HERE = os.path.relpath(__file__)
MARK = "\n\nscopeflow help:\n"


def line(offset=0):
    """``file:line`` of the caller (``offset`` lines further), as the help writes call sites."""
    return f"{HERE}:{sys._getframe(1).f_lineno + offset}"


def split(error):
    text = str(error.value)
    assert MARK in text and text.count(MARK) == 1
    sentence, help_text = text.split(MARK)
    return sentence, [ln[2:] for ln in help_text.split("\n")]


@pytest.fixture(autouse=True)
def graph():
    with tf.Graph().as_default() as g:
        yield g


def test_does_not_exist_names_the_closest_variables_and_every_scope_with_its_reuse():
    with tf.variable_scope("enc"):
        tf.get_variable("weights", [2])
    with pytest.raises(ValueError) as e:
        with tf.variable_scope("enc", reuse=True):
            outer = line(-1)
            with tf.variable_scope("dense"):
                inner = line(-1)
                call = line(); tf.get_variable("kernel", [2])  # noqa: E702 - the line is the call site
    sentence, help_lines = split(e)
    assert sentence == ("Variable enc/dense/kernel does not exist, or was not created with tf.get_variable(). "
                        "Did you mean to set reuse=tf.AUTO_REUSE in VarScope?")
    assert help_lines[0] == f'get_variable("kernel") at {call}'
    assert help_lines[1] == "variable scopes, outermost first:"
    assert help_lines[2].split() == ["enc", "opened", "at", outer, "reuse=True", "(set", "there)"]
    assert help_lines[3].split() == ["enc/dense", "opened", "at", inner, "reuse=True", "(set", "at", f"{outer})"]
    assert help_lines[4].startswith("fix: create enc/dense/kernel first in a scope without reuse")


def test_does_not_exist_suggests_a_near_name():
    with tf.variable_scope("enc"):
        tf.get_variable("weights", [2])
    with pytest.raises(ValueError) as e, tf.variable_scope("enc", reuse=True):
        tf.get_variable("weight", [2])
    _, help_lines = split(e)
    assert help_lines[0] == "closest existing names: enc/weights"
    assert help_lines[-1].startswith("fix: use the existing name, or create enc/weight first")


def test_reuse_variables_is_where_the_reuse_came_from():
    with tf.variable_scope("s") as scope:
        at = line(); scope.reuse_variables()  # noqa: E702
        with pytest.raises(ValueError) as e:
            tf.get_variable("v", [1])
    _, help_lines = split(e)
    assert help_lines[2].endswith(f"reuse=True (set at {at})")


def test_already_exists_points_at_both_sites_and_gives_the_fix():
    with tf.variable_scope("model"):
        made = line(); tf.get_variable("w", [2])  # noqa: E702
    with pytest.raises(ValueError) as e:
        with tf.variable_scope("model"):
            opened = line(-1)
            call = line(); tf.get_variable("w", [2])  # noqa: E702
    sentence, help_lines = split(e)
    assert sentence.startswith("Variable model/w already exists, disallowed. Did you mean to set reuse=True or "
                               "reuse=tf.AUTO_REUSE in VarScope? Originally defined at:\n\n  File ")
    assert help_lines == [
        f'get_variable("w") at {call}, in variable scope model opened at {opened} (reuse not set)',
        f"model/w was first made at {made}",
        f'fix: tf.variable_scope("model", reuse=True) at {opened} to share it (reuse=tf.AUTO_REUSE: create or share)']


def test_shape_and_dtype_mismatches_give_both_and_both_call_sites():
    with tf.variable_scope("m"):
        made = line(); tf.get_variable("w", [2])  # noqa: E702
    with tf.variable_scope("m", reuse=True):
        with pytest.raises(ValueError) as e:
            call = line(); tf.get_variable("w", [3])  # noqa: E702
        sentence, help_lines = split(e)
        assert sentence == "Trying to share variable m/w, but specified shape (3,) and found shape (2,)."
        assert help_lines == [f"m/w was made with shape (2,) at {made}", f"this call asks for shape (3,) at {call}",
                              "fix: pass the shape it was made with, or give the new variable its own name"]
        with pytest.raises(ValueError) as e:
            call = line(); tf.get_variable("w", [2], dtype=tf.int32)  # noqa: E702
        sentence, help_lines = split(e)
        assert sentence == ("Trying to share variable m/w, but specified dtype int32 and found dtype "
                            "float32_ref.")
        assert help_lines[:2] == [f"m/w was made with dtype float32 at {made}",
                                  f"this call asks for dtype int32 at {call}"]


def test_a_name_scope_that_does_not_prefix_the_variable_gets_a_note():
    with tf.name_scope("tower0"):
        tf.get_variable("w", [2])
    with pytest.raises(ValueError) as e, tf.name_scope("tower1"):
        tf.get_variable("w", [2])
    _, help_lines = split(e)
    assert help_lines[-1] == ('note: name_scope "tower1" does not prefix get_variable names (this one is w); '
                              'tf.variable_scope("tower1") names variables')


def test_no_name_scope_note_for_the_variable_scopes_own_uniquified_name_scope():
    with tf.variable_scope("model"):
        tf.get_variable("w", [2])
    with pytest.raises(ValueError) as e, tf.variable_scope("model"):  # ops go under model_1/
        assert tf.get_default_graph().get_name_scope() == "model_1"
        tf.get_variable("w", [2])
    assert not any(ln.startswith("note:") for ln in split(e)[1])
    with pytest.raises(ValueError) as e, tf.variable_scope("model"), tf.name_scope("head"):
        tf.get_variable("w", [2])
    assert split(e)[1][-1].startswith('note: name_scope "head" does not prefix')


def test_an_optimizer_under_reuse_true_is_told_where_its_slots_go():
    with tf.variable_scope("model"):
        w = tf.get_variable("w", [2])
    with pytest.raises(ValueError) as e, tf.variable_scope("model", reuse=True):
        tf.train.MomentumOptimizer(0.1, 0.9).minimize(tf.reduce_sum(w * w))
    sentence, help_lines = split(e)
    assert sentence.startswith("Variable model/model/w/Momentum/ does not exist")
    assert help_lines[-1] == "fix: create the optimizer and call minimize() outside the reused variable scope"


def test_help_is_added_once_through_custom_getters():
    def getter(getter, *args, **kwargs):
        return getter(*args, **kwargs)

    tf.get_variable("v", [1])
    with pytest.raises(ValueError) as e, tf.variable_scope("", custom_getter=getter):
        tf.get_variable("v", [1])
    split(e)  # one help block


def test_other_errors_get_no_help():
    with pytest.raises(ValueError) as e:
        tf.get_variable("x")
    assert "scopeflow help" not in str(e.value)
