"""``tf.while_loop`` at run time: frames written as ``while True:`` blocks, loop invariants,
references and assignments in a body, loops and conds inside each other, errors blamed on
the op inside the loop (TF's names and messages are in the ``control_while`` goldens)."""

import numpy as np
import pytest

import scopeflow as tf


def _sources(sess):
    return "\n".join(p.source for p in sess._plans.values())


def test_a_loop_runs_as_one_block_per_iteration():
    n = tf.placeholder(tf.int32, [])
    i, total = tf.while_loop(lambda i, s: i < n, lambda i, s: (i + 1, s + i), [0, 0])
    with tf.Session() as sess:
        assert sess.run([i, total], {n: 5}) == [5, 10]
        assert sess.run([i, total], {n: 0}) == [0, 0]
        assert sess.run(total, {n: 1000}) == sum(range(1000))
        assert "while True:" in _sources(sess)


def test_nested_loops_and_outer_values_in_the_inner_body():
    def outer_body(i, acc):
        inner = tf.while_loop(lambda j, s: j < i, lambda j, s: (j + 1, s + j * i), [0, 0])[1]
        return i + 1, acc + inner
    _, acc = tf.while_loop(lambda i, acc: i < 4, outer_body, [0, 0])
    with tf.Session() as sess:
        assert sess.run(acc) == sum(j * i for i in range(4) for j in range(i))


def test_variables_are_read_and_assigned_inside_a_loop():
    w = tf.Variable(2.0, name="w")
    counter = tf.Variable(0, name="counter")

    def body(i, x):
        with tf.control_dependencies([tf.assign_add(counter, 1)]):
            return i + 1, x * w
    _, x = tf.while_loop(lambda i, x: i < 3, body, [0, tf.constant(1.0)])
    assert "RefEnter" in {op.type for op in tf.get_default_graph().get_operations()}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(x) == 8.0
        assert sess.run(counter) == 3
        sess.run(tf.assign(w, 3.0))
        assert sess.run(x) == 27.0


def test_a_loop_in_an_untaken_branch_does_not_run():
    p = tf.placeholder(tf.bool, [])
    hits = tf.Variable(0, name="hits")

    def looping():
        return tf.while_loop(lambda i: i < 3, lambda i: i + tf.assign_add(hits, 1) * 0 + 1, [0])
    r = tf.cond(p, looping, lambda: tf.constant(-1))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(r, {p: False}) == -1
        assert sess.run(hits) == 0
        assert sess.run(r, {p: True}) == 3
        assert sess.run(hits) == 3


def test_a_cond_inside_a_loop():
    def body(i, s):
        return i + 1, tf.cond(tf.equal(i % 2, 0), lambda: s + i, lambda: s - i)
    _, s = tf.while_loop(lambda i, s: i < 6, body, [0, 0])
    with tf.Session() as sess:
        assert sess.run(s) == 0 - 1 + 2 - 3 + 4 - 5 + 0


def test_maximum_iterations_and_shape_invariants():
    x = tf.constant([1.0])
    r = tf.while_loop(lambda v: tf.size(v) < 100, lambda v: tf.concat([v, v * 2.0], 0), [x],
                      shape_invariants=tf.TensorShape([None]), maximum_iterations=3)
    assert r.shape.as_list() == [None]
    with tf.Session() as sess:
        np.testing.assert_array_equal(sess.run(r), [1, 2, 2, 4, 2, 4, 4, 8])


def test_an_error_inside_the_loop_names_the_op():
    params = tf.constant([1.0, 2.0])
    r = tf.while_loop(lambda i, s: i < 5, lambda i, s: (i + 1, s + tf.gather(params, i)), [0, 0.0])
    with tf.Session() as sess:
        with pytest.raises(tf.errors.InvalidArgumentError, match="indices = 2 is not in \\[0, 2\\)") as info:
            sess.run(r)
    assert info.value.op.name == "while/GatherV2"


def test_a_body_that_changes_the_dtype_fails_when_run():
    r = tf.while_loop(lambda v: v < 3, lambda v: tf.cast(v, tf.float32), [0])
    with tf.Session() as sess:
        with pytest.raises(tf.errors.InvalidArgumentError,
                           match="Input 1 of node while/Merge was passed float from while/NextIteration:0"):
            sess.run(r)


def test_a_gradient_loops_running_sums_add_in_place_and_repeat_exactly():
    """``b_acc`` sums a loop invariant's gradient over the iterations: after the first
    iteration into its own buffer, never into the zeros it started from."""
    x = tf.placeholder(tf.float64, [3, 4])
    w = tf.Variable(np.linspace(-1.0, 1.0, 16).reshape(4, 4))
    _, h = tf.while_loop(lambda i, h: i < 5, lambda i, h: (i + 1, tf.tanh(tf.matmul(h, w))), [0, x])
    grad = tf.gradients(tf.reduce_sum(h), w)[0]
    feed = {x: np.full((3, 4), 0.1)}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        first, second = sess.run(grad, feed), sess.run(grad, feed)
        assert "_accumulate(" in _sources(sess)
        wv = sess.run(w)
    np.testing.assert_array_equal(first, second)
    hv, hs = np.full((3, 4), 0.1), []
    for _ in range(5):
        hs.append(hv)
        hv = np.tanh(hv @ wv)
    dh, want = np.ones((3, 4)), np.zeros((4, 4))
    for h_in in reversed(hs):
        dz = dh * (1 - np.tanh(h_in @ wv) ** 2)
        want += h_in.T @ dz
        dh = dz @ wv.T
    np.testing.assert_allclose(first, want, rtol=1e-10)


def test_gradients_inside_control_dependencies_on_the_loops_results():
    """The classic batch-norm training step: ``tf.gradients`` inside
    ``control_dependencies(UPDATE_OPS)``, whose ops need the loop's exits. TF's executor runs
    the bookkeeping that ``tf.gradients`` adds to the forward loop after the loop; scopeflow
    builds that bookkeeping without the waits, so the loop still runs as one block."""
    x = tf.placeholder(tf.float32, [2, 3])
    v = tf.Variable(1.5)
    _, h = tf.while_loop(lambda i, h: i < 3, lambda i, h: (i + 1, h * v), [0, x])
    update = tf.assign_add(v, tf.reduce_sum(h) * 0.0)
    with tf.control_dependencies([update]):
        grad = tf.gradients(tf.reduce_sum(h), v)[0]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert np.isclose(sess.run(grad, {x: np.ones((2, 3), np.float32)}), 6 * 3 * 1.5 ** 2)


def test_an_op_reading_from_two_frames_is_tensorflows_error():
    inside = {}

    def body(i):
        inside["i"] = i
        return i + 1
    r = tf.while_loop(lambda i: i < 3, body, [0])
    with tf.control_dependencies([inside["i"].op]):
        after = tf.identity(r, name="after")
    with tf.Session() as sess:
        with pytest.raises(tf.errors.InvalidArgumentError,
                           match=r"\{\{node after\}\} has inputs from different frames. The input \{\{node "
                                 r"while/Identity\}\} is in frame 'while/while_context'. The input \{\{node "
                                 r"while/Exit\}\} is in frame ''."):
            sess.run(after)


def test_gradient_of_a_shape_read_inside_a_cond_inside_a_loop():
    """The gradient of a gather reads its params' shape; inside a loop that read is built in
    the forward loop's context, here a cond's."""
    table = tf.placeholder(tf.float64, [None, 3])  # an unknown shape: the gradient reads it with a Shape op

    def body(i, total):
        picked = tf.cond(i % 2 > 0, lambda: tf.gather(table * 1.0, i), lambda: tf.zeros([3], tf.float64))
        return i + 1, total + picked
    _, total = tf.while_loop(lambda i, t: i < 4, body, [0, tf.zeros([3], tf.float64)])
    with tf.Session() as sess:
        grad = sess.run(tf.gradients(tf.reduce_sum(total), table)[0], {table: np.arange(12.0).reshape(4, 3)})
    np.testing.assert_array_equal(grad, [[0, 0, 0], [1, 1, 1], [0, 0, 0], [1, 1, 1]])
