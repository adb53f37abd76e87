"""``tf.TensorSpec``/``tf.SparseTensorSpec`` (properties, ``repr``, equality, ``is_compatible_with``,
``from_tensor``/``from_spec``), ``element_spec`` of datasets and iterators, and
``Dataset.from_generator(output_signature=...)``."""

import numpy as np

from tests.conformance.cases.data_dataset._helpers import drain, short_classes
from tests.conformance.harness import case, raises


@case
def tensor_spec_reprs_and_properties(tf):
    spec = tf.TensorSpec([2, None], tf.float32, "x")
    return [repr(spec), str(tf.TensorSpec([3], tf.int64)), repr(tf.TensorSpec(None)), repr(tf.TensorSpec([])),
            repr(tf.TensorSpec([2], "float64")), repr(tf.TensorSpec([2], np.int16)), repr(tf.TensorSpec([2], name=3)),
            [spec.shape.as_list(), spec.dtype.name, spec.name, tf.TensorSpec([1]).name]]


@case
def tensor_spec_equality_and_hash(tf):
    s = tf.TensorSpec
    return [s([2], tf.int32) == s([2], tf.int32), s([2], tf.int32) == s([2], tf.int32, "n"),
            s([None], tf.int32) == s([None], tf.int32), s(None, tf.int32) == s(None, tf.int32),
            s([2], tf.int32) != s([3], tf.int32), s([2], tf.int32) == s([2], tf.int64),
            hash(s([2], tf.int32)) == hash(s([2], tf.int32, "other")), s([2]) == 3, s([2]) == tf.SparseTensorSpec([2]),
            len({s([2], tf.int32), s([2], tf.int32), s([3], tf.int32)})]


@case
def tensor_spec_is_compatible_with(tf):
    s = tf.TensorSpec([None], tf.int32)
    return [s.is_compatible_with(tf.TensorSpec([3], tf.int32)), s.is_compatible_with(tf.TensorSpec([3], tf.int64)),
            s.is_compatible_with(tf.TensorSpec([1, 2], tf.int32)), s.is_compatible_with(tf.TensorSpec(None, tf.int32)),
            s.is_compatible_with(tf.constant([1, 2])), s.is_compatible_with(tf.constant(1)),
            s.is_compatible_with(np.array([1, 2], np.int32)), s.is_compatible_with([1, 2]), s.is_compatible_with(3),
            tf.TensorSpec([2], tf.int32, "a").is_compatible_with(tf.TensorSpec([2], tf.int32, "b")),
            s.is_compatible_with(tf.SparseTensor([[0]], [1], [2])),
            s.is_compatible_with(tf.placeholder(tf.int32, None))]


@case
def tensor_spec_from_tensor_and_spec(tf):
    s = tf.TensorSpec
    return [repr(s.from_tensor(tf.placeholder(tf.float32, [None, 3], name="ph"))),
            repr(s.from_tensor(tf.constant(1), name="q")), repr(s.from_spec(s([1], tf.int8, "z"))),
            repr(s.from_spec(s([1], tf.int8, "z"), name="w")), raises(lambda: s.from_tensor([1])),
            repr(s([2]).most_specific_compatible_type(s([3]))),
            raises(lambda: s([2]).most_specific_compatible_type(s([2], tf.int32)))]


@case
def tensor_spec_bad_arguments(tf):
    return [raises(lambda: tf.TensorSpec("x")), raises(lambda: tf.TensorSpec([2], "nope")),
            raises(lambda: tf.TensorSpec([2], None))]


@case
def sparse_tensor_spec_basics(tf):
    s = tf.SparseTensorSpec
    sp = tf.SparseTensor([[0]], [1.0], [3])
    return [repr(s([None, 3], tf.float32)), repr(s()), s([2], tf.int32) == s([2], tf.int32),
            s([2], tf.int32) == s([3], tf.int32), s([None], tf.int32).is_compatible_with(s([4], tf.int32)),
            s([None], tf.int32).is_compatible_with(s([4], tf.int64)), s([3], tf.float32).is_compatible_with(sp),
            s([2], tf.int32).is_compatible_with(tf.TensorSpec([2], tf.int32)), repr(s.from_value(sp)),
            [s([2]).shape.as_list(), s([2]).dtype.name]]


@case
def element_specs_of_datasets(tf):
    sp = tf.SparseTensor([[0, 0]], [1.0], [2, 2])
    return [repr(tf.data.Dataset.range(3).element_spec),
            repr(tf.data.Dataset.from_tensor_slices({"a": [1, 2], "b": (["x", "y"], [[1.0], [2.0]])}).element_spec),
            repr(tf.data.Dataset.from_tensor_slices(sp).element_spec),
            repr(tf.data.Dataset.range(3).batch(2).map(lambda x: (x, [x, x])).element_spec),
            repr(tf.data.Dataset.from_tensors(([1, 2], 3.0)).element_spec)]


@case
def element_specs_of_iterators(tf):
    ds = tf.data.Dataset.range(3).batch(2)
    return [repr(tf.data.make_one_shot_iterator(ds).element_spec),
            repr(tf.data.make_initializable_iterator(ds).element_spec),
            repr(tf.data.Iterator.from_structure((tf.int64, tf.string), ([None], [])).element_spec),
            repr(tf.data.Iterator.from_structure(tf.int64).element_spec)]


def _gen():
    yield 1, [1.0, 2.0]
    yield 2, [3.0]


@case
def from_generator_output_signature(tf):
    sig = (tf.TensorSpec([], tf.int64), tf.TensorSpec([None], tf.float32))
    ds = tf.data.Dataset.from_generator(_gen, output_signature=sig)
    return {"spec": repr(ds.element_spec), "types": repr(tf.data.get_output_types(ds)),
            "shapes": repr(tf.data.get_output_shapes(ds)), "values": drain(tf, ds),
            "dict": repr(tf.data.Dataset.from_generator(
                lambda: iter([{"a": 1}]), output_signature={"a": tf.TensorSpec([], tf.int64)}).element_spec)}


@case
def from_generator_output_signature_graph(tf):
    sig = (tf.TensorSpec([], tf.int64), tf.TensorSpec([None], tf.float32))
    tf.data.Dataset.from_generator(_gen, output_signature=sig)
    return [[op.name, op.type] for op in tf.get_default_graph().get_operations()]


@case
def from_generator_output_signature_errors(tf):
    sig = (tf.TensorSpec([], tf.int64), tf.TensorSpec([None], tf.float32))
    fg = tf.data.Dataset.from_generator
    return [raises(lambda: fg(_gen, output_types=tf.int64, output_signature=sig)),
            raises(lambda: fg(_gen, output_shapes=[], output_signature=sig)),
            short_classes(raises(lambda: fg(_gen, output_signature=(tf.int64, sig[1])))),
            raises(lambda: fg(_gen, output_signature=list(sig))), raises(lambda: fg(_gen))]


@case
def from_generator_output_signature_wrong_element(tf):
    ds = tf.data.Dataset.from_generator(lambda: iter([[1, 2], [3]]), output_signature=tf.TensorSpec([2], tf.int32))
    nxt = tf.data.make_one_shot_iterator(ds).get_next()
    with tf.Session() as sess:
        first = sess.run(nxt).tolist()
        return [first, raises(lambda: sess.run(nxt))["error"]]


@case
def from_generator_output_signature_names(tf):
    sig = {"ids": tf.TensorSpec([None], tf.int64, name="ids"), "w": tf.TensorSpec([], tf.float32, name="weight")}
    ds = tf.data.Dataset.from_generator(lambda: iter([{"ids": [1, 2], "w": 0.5}]), output_signature=sig)
    return [repr(ds.element_spec), ds.element_spec == sig, repr(ds.batch(2).element_spec),
            repr(ds.map(lambda d: d["ids"]).element_spec), drain(tf, ds)]


@case
def dataset_spec_of_windows(tf):
    spec = tf.data.Dataset.range(3).window(2).element_spec
    same = tf.data.DatasetSpec(tf.TensorSpec([], tf.int64))
    return [repr(spec), spec == same, spec == tf.data.DatasetSpec(tf.TensorSpec([], tf.int32)), repr(same.element_spec),
            repr(tf.data.DatasetSpec(tf.TensorSpec([2], tf.float32), [3]))]
