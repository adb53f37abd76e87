"""SparseTensor components: carried as variants, batched by merging, deserialized at get_next."""

import numpy as np

import scopeflow as tf
from tests.data._helpers import drain as _drain


def test_slices_of_a_sparse_tensor_are_its_rows():
    with tf.Graph().as_default() as g:
        st = tf.SparseTensor(indices=[[0, 1], [2, 0]], values=[1.0, 2.0], dense_shape=[3, 2])
        ds = tf.data.Dataset.from_tensor_slices(st)
        assert ds.output_classes is tf.SparseTensor and ds.output_shapes.as_list() == [2]
        nxt, rows = _drain(ds)
        assert isinstance(nxt, tf.SparseTensor) and nxt.indices.name == "DeserializeSparse:0"
        assert [r.indices.tolist() for r in rows] == [[[1]], [], [[0]]]
        assert [r.values.tolist() for r in rows] == [[1.0], [], [2.0]]
        assert all(r.dense_shape.tolist() == [2] for r in rows)
        assert "SerializeManySparse" in [op.type for op in g.get_operations()]


def test_a_map_returning_sparse_tensors_batches_them_into_one():
    with tf.Graph().as_default():
        ds = tf.data.Dataset.range(1, 4).map(
            lambda x: tf.SparseTensor(indices=[[0]], values=tf.reshape(x, [1]), dense_shape=[3])).batch(2)
        assert ds.output_shapes.as_list() == [None, 3]
        _, batches = _drain(ds)
        assert [b.indices.tolist() for b in batches] == [[[0, 0], [1, 0]], [[0, 0]]]
        assert [b.values.tolist() for b in batches] == [[1, 2], [3]]
        assert [b.dense_shape.tolist() for b in batches] == [[2, 3], [1, 3]]


def test_a_map_takes_a_sparse_component_as_a_sparse_tensor():
    with tf.Graph().as_default():
        st = tf.SparseTensor(indices=[[0], [3]], values=np.array([5, 6], np.int64), dense_shape=[4])
        ds = tf.data.Dataset.from_tensors((st, "tag")).map(lambda s, t: (tf.sparse_tensor_to_dense(s), t))
        _, out = _drain(ds)
        assert out[0][0].tolist() == [5, 0, 0, 6] and out[0][1] == b"tag"
