"""tf.TensorSpec / tf.SparseTensorSpec as values: usable as dict keys, copied and pickled whole,
and the specs a dataset's element_spec gives back describe what its iterator yields."""

import copy
import pickle

import scopeflow as tf


def test_specs_are_values():
    spec = tf.TensorSpec([None, 2], tf.int64, name="ids")
    assert pickle.loads(pickle.dumps(spec)) == spec == copy.deepcopy(spec)
    assert pickle.loads(pickle.dumps(tf.SparseTensorSpec([3], tf.bool))) == tf.SparseTensorSpec([3], tf.bool)
    table = {tf.TensorSpec([2], tf.int32): "a", tf.SparseTensorSpec([2], tf.int32): "b"}
    assert table[tf.TensorSpec([2], tf.int32)] == "a" and table[tf.SparseTensorSpec([2], tf.int32)] == "b"
    assert isinstance(spec, tf.TypeSpec) and isinstance(tf.SparseTensorSpec(), tf.TypeSpec)


def test_element_spec_describes_the_iterators_tensors():
    with tf.Graph().as_default():
        ds = tf.data.Dataset.from_tensor_slices(({"x": [[1.0, 2.0]]}, ["s"])).batch(4)
        nxt = tf.data.make_one_shot_iterator(ds).get_next()
        specs = tf.nest.flatten(ds.element_spec)
        tensors = tf.nest.flatten(nxt)
        assert [s.is_compatible_with(t) for s, t in zip(specs, tensors)] == [True, True]
        assert [tf.TensorSpec.from_tensor(t, name=None).shape.as_list() for t in tensors] == [[None, 2], [None]]
