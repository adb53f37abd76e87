"""``get_variable`` decides a reuse on a fast path (``VariableScope._reused`` and
``VariableStore.reusable``: the shared variable, nothing else to check) before the full path
(``VariableStore._get_single_variable``, which creates, checks and words TensorFlow's errors).
Both are driven over the same calls here: whenever the fast path answers, the full path gives
the same variable, and with the fast path switched off every call ends as it did with it."""

import itertools

import pytest

import scopeflow as tf
from scopeflow._src.variables import store as store_lib
from scopeflow._src.variables.variable_scope import VariableScope

SHAPES = (None, [2, 3], [3, 2], [2, None])
DTYPES = (None, tf.float32, tf.float64, tf.int32)
REUSE = (None, False, True, tf.AUTO_REUSE)


def _existing():
    with tf.variable_scope("s"):
        return tf.get_variable("v", [2, 3], dtype=tf.float32)


@pytest.mark.parametrize("shape, dtype, reuse", list(itertools.product(SHAPES, DTYPES, REUSE)))
def test_the_fast_path_answers_only_what_the_full_path_answers(shape, dtype, reuse):
    existing = _existing()
    store = store_lib.store_for(tf.get_default_graph())
    fast = store.reusable("s/v", None if shape is None else tf.TensorShape(shape), dtype, reuse)
    if fast is None:
        return
    full = store._get_single_variable("s/v", shape, dtype or tf.float32, None, None, reuse, True, None, None, True,
                                      None)
    assert fast is full is existing


def _outcome(shape, dtype, reuse, initializer):
    existing = _existing()
    try:
        with tf.variable_scope("s", reuse=reuse):
            got = tf.get_variable("v", shape, dtype=dtype, initializer=initializer)
    except (ValueError, TypeError) as e:
        return type(e).__name__, str(e).split("Originally defined at")[0]
    return ("existing" if got is existing else got.name), [op.name for op in tf.get_default_graph().get_operations()]


@pytest.mark.parametrize("shape, dtype, reuse, initializer", list(itertools.product(
    SHAPES, DTYPES, REUSE, (None, 1.5, tf.zeros_initializer()))))
def test_every_call_ends_the_same_with_or_without_the_fast_path(shape, dtype, reuse, initializer, monkeypatch):
    with_fast = _outcome(shape, dtype, reuse, initializer)
    tf.reset_default_graph()
    monkeypatch.setattr(VariableScope, "_reused", lambda *args: None)
    assert _outcome(shape, dtype, reuse, initializer) == with_fast


def test_a_constant_initializer_with_a_shape_is_refused_even_when_reusing():
    _existing()
    with tf.variable_scope("s", reuse=True):
        with pytest.raises(ValueError, match="If initializer is a constant, do not specify shape."):
            tf.get_variable("v", [2, 3], initializer=1.5)
