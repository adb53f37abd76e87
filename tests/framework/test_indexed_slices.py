"""``tf.IndexedSlices``: the object, its dense conversion and warning, sessions, gradients
that stay sparse, and the optimizer's sparse contract."""

import warnings

import numpy as np
import pytest

import scopeflow as tf
from scopeflow._src.framework.indexed_slices import IndexedSlicesValue


def _slices():
    return tf.IndexedSlices(tf.constant([[1.0, 2.0], [3.0, 4.0]], name="values"), tf.constant([2, 0], name="ids"),
                            tf.constant([3, 2], name="shape"))


def test_the_object_reads_its_parts():
    with tf.Graph().as_default():
        s = _slices()
        assert (s.name, s.dtype, s.op.name, s.graph) == ("values:0", tf.float32, "values", tf.get_default_graph())
        assert s.shape.as_list() == [3, 2] and s.device == ""
        assert str(s).startswith('IndexedSlices(indices=Tensor("ids:0"') and "dense_shape=" in str(s)
        neg = -s
        assert isinstance(neg, tf.IndexedSlices) and neg.values.op.type == "Neg" and neg.indices is s.indices
        assert tf.IndexedSlices(s.values, s.indices).shape.ndims is None
        assert tf.convert_to_tensor_or_indexed_slices(s) is s


def test_dense_conversion_sums_repeats_and_warns_only_when_huge():
    with tf.Graph().as_default():
        s = tf.IndexedSlices(tf.ones([2, 3]), tf.constant([1, 1]), tf.constant([4, 3]))
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            dense = tf.convert_to_tensor(s)
        assert (dense.name, dense.op.type) == ("UnsortedSegmentSum:0", "UnsortedSegmentSum")
        big = tf.IndexedSlices(tf.ones([2, 3]), tf.constant([0, 1]), tf.constant([100000000, 3]))
        with pytest.warns(UserWarning, match="Converting sparse IndexedSlices to a dense Tensor with 300000000 "
                                             "elements. This may consume a large amount of memory."):
            tf.convert_to_tensor(big)
        with pytest.raises(ValueError, match="Tensor conversion requested for IndexedSlices for argument `value` "
                                             "without dense_shape"):
            tf.convert_to_tensor(tf.IndexedSlices(s.values, s.indices))
        with pytest.raises(ValueError, match="Incompatible tensor conversion requested to `dtype` int32"):
            tf.convert_to_tensor(s, dtype=tf.int32)
        with tf.Session() as sess:
            assert sess.run(dense).tolist() == [[0] * 3, [2] * 3, [0] * 3, [0] * 3]


def test_sessions_fetch_an_indexed_slices_value_and_feed_its_parts():
    with tf.Graph().as_default():
        s = _slices()
        partial = tf.IndexedSlices(s.values, s.indices)
        fed = tf.IndexedSlices(tf.placeholder(tf.float32, [None, 2]), tf.placeholder(tf.int32, [None]),
                               tf.constant([3, 2]))
        with tf.Session() as sess:
            value = sess.run(s)
            assert type(value) is IndexedSlicesValue
            assert value.indices.tolist() == [2, 0] and value.dense_shape.tolist() == [3, 2]
            assert sess.run({"p": partial})["p"].dense_shape is None
            out = sess.run(tf.convert_to_tensor(fed), {fed: IndexedSlicesValue([[1.0, 1.0]], [2], [3, 2])})
            assert out.tolist() == [[0, 0], [0, 0], [1, 1]]


def test_gradients_stay_sparse_and_aggregate_as_tensorflow():
    with tf.Graph().as_default():
        w = tf.Variable(tf.ones([10, 3]), name="w")
        e = tf.gather(w, [1, 3, 1])
        (g,) = tf.gradients(tf.reduce_sum(e) + tf.reduce_sum(tf.gather(w, [0])), [w])
        assert isinstance(g, tf.IndexedSlices)
        assert (g.values.name, g.indices.name) == ("gradients/concat:0", "gradients/concat_1:0")
        assert g.dense_shape.name == "gradients/GatherV2_grad/Shape:0"
        (mixed,) = tf.gradients(tf.reduce_sum(e) + tf.reduce_sum(w * 3.0), [w])
        assert mixed.name == "gradients_1/AddN:0"
        assert [t.name for t in mixed.op.inputs] == ["gradients_1/AddN/inputs_0:0", "gradients_1/mul_grad/Mul:0"]
        with tf.Session() as sess:
            sess.run(w.initializer)
            assert sess.run(g).indices.tolist() == [1, 3, 1, 0]
            assert sess.run(mixed)[1].tolist() == [5.0] * 3


class _DenseOnly(tf.train.Optimizer):
    def __init__(self):
        super().__init__(False, "DenseOnly")

    def _apply_dense(self, grad, var):
        return tf.assign_sub(var, grad).op


def test_the_optimizer_contract_deduplicates_before_apply_sparse():
    with tf.Graph().as_default():
        w = tf.Variable(tf.ones([4, 2]), name="w")
        loss = tf.reduce_sum(tf.gather(w, [1, 1]))
        with pytest.raises(NotImplementedError, match="_DenseOnly must implement _apply_sparse"):
            _DenseOnly().minimize(loss)
        seen = []

        class Recording(_DenseOnly):
            def _apply_sparse(self, grad, var):
                seen.append(grad)
                return tf.scatter_sub(var, grad.indices, grad.values).op

        train = Recording().minimize(loss)
        ops = [op.name for op in tf.get_default_graph().get_operations() if op.name.startswith("DenseOnly_1/")]
        assert ops[:2] == ["DenseOnly_1/update_w/Unique", "DenseOnly_1/update_w/Shape"]
        with tf.Session() as sess:
            sess.run(w.initializer)
            sess.run(train)
            assert sess.run(seen[0]).values.tolist() == [[2.0, 2.0]]
            assert sess.run(w)[1].tolist() == [-1.0, -1.0]
        c = tf.Variable(tf.ones([4, 2]), name="c", constraint=lambda x: x)
        with pytest.raises(RuntimeError, match="Cannot use a constraint function on a sparse variable."):
            tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(tf.gather(c, [0])))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_every_optimizer_trains_an_embedding_through_its_rows(dtype):
    optimizers = [tf.train.GradientDescentOptimizer(0.1), tf.train.MomentumOptimizer(0.1, 0.9),
                  tf.train.AdagradOptimizer(0.1), tf.train.AdamOptimizer(0.1), tf.train.RMSPropOptimizer(0.1),
                  tf.train.RMSPropOptimizer(0.1, centered=True), tf.train.AdadeltaOptimizer(1.0)]
    for opt in optimizers:
        with tf.Graph().as_default():
            table = tf.Variable(np.ones((50, 4), dtype), name="table")
            loss = tf.reduce_sum(tf.square(tf.nn.embedding_lookup(table, [3, 7, 3])))
            train = opt.minimize(loss)
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                sess.run(train)
                value = sess.run(table)
        changed = sorted(set(np.flatnonzero((value != 1).any(axis=1)).tolist()))
        assert changed == [3, 7], type(opt).__name__


def test_a_gathered_loop_result_gets_a_dense_gradient_through_the_loop():
    # TF fails to build this graph (its sparse accumulator's rows differ from the loop variable's):
    # scopeflow makes the slices dense before they enter the gradient loop
    with tf.Graph().as_default():
        w = tf.Variable(np.arange(12, dtype=np.float32).reshape(6, 2), name="w")
        _, out = tf.while_loop(lambda i, a: i < 2, lambda i, a: (i + 1, a * 2.0), [tf.constant(0), w.value()])
        (g,) = tf.gradients(tf.reduce_sum(tf.gather(out, [1, 4, 1])), [w])
        with tf.Session() as sess:
            sess.run(w.initializer)
            value = sess.run(g)
    assert value[:, 0].tolist() == [0.0, 8.0, 0.0, 0.0, 4.0, 0.0]
