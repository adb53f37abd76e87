"""Dataset sources: ``from_tensor_slices``, ``from_tensors``, ``range``, ``from_generator``, ``zip``."""

import numpy as np

from tests.conformance.cases.data_dataset._helpers import (
    drain,
    drain_initializable,
    first_error,
    short_classes,
    structure,
)
from tests.conformance.harness import case, raises


@case
def slices_tuple(tf):
    ds = tf.data.Dataset.from_tensor_slices(([1, 2, 3], [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]))
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def slices_dict_of_strings_and_ints(tf):
    ds = tf.data.Dataset.from_tensor_slices({"word": ["a", "bb", "ccc"], "id": np.array([7, 8, 9], np.int64)})
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def slices_nested_structure(tf):
    ds = tf.data.Dataset.from_tensor_slices(
        (np.arange(4, dtype=np.float64),
         {"b": np.ones((4, 2), np.int8), "c": ([True, False, True, False], [5, 6, 7, 8])}))
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def slices_python_list_is_one_tensor(tf):
    ds = tf.data.Dataset.from_tensor_slices([[1, 2], [3, 4], [5, 6]])
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def slices_numpy_array_keeps_dtype(tf):
    ds = tf.data.Dataset.from_tensor_slices(np.arange(12, dtype=np.uint16).reshape(3, 2, 2))
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def slices_placeholder_shapes(tf):
    known = tf.placeholder(tf.float32, [None, 3])
    unknown_rank = tf.placeholder(tf.int32)
    partly = tf.placeholder(tf.int64, [4, None, 2])
    ds = tf.data.Dataset.from_tensor_slices((known, unknown_rank, partly))
    return structure(tf, ds)


@case
def slices_placeholder_fed_by_initializer(tf):
    x = tf.placeholder(tf.int32, [None])
    ds = tf.data.Dataset.from_tensor_slices(x)
    return [drain_initializable(tf, ds, {x: [4, 5]}), drain_initializable(tf, ds, {x: []})]


@case
def slices_mismatched_first_dimension(tf):
    return raises(lambda: tf.data.Dataset.from_tensor_slices(([1, 2, 3], [1.0, 2.0])))


@case
def slices_of_a_scalar(tf):
    return raises(lambda: tf.data.Dataset.from_tensor_slices(5))


@case
def slices_empty(tf):
    ds = tf.data.Dataset.from_tensor_slices(np.zeros((0, 2), np.float32))
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def from_tensors_one_element(tf):
    ds = tf.data.Dataset.from_tensors(([1, 2, 3], 5.0, "s"))
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def from_tensors_dict(tf):
    ds = tf.data.Dataset.from_tensors({"x": np.zeros((2, 3), np.float32), "n": np.int64(4)})
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def from_tensors_placeholder_unknown_shape(tf):
    x = tf.placeholder(tf.float32, [None, 2])
    ds = tf.data.Dataset.from_tensors(x)
    return {"structure": structure(tf, ds),
            "values": drain_initializable(tf, ds, {x: np.arange(6, dtype=np.float32).reshape(3, 2)})}


@case
def range_stop(tf):
    ds = tf.data.Dataset.range(5)
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def range_start_stop_step(tf):
    return [drain(tf, tf.data.Dataset.range(2, 10, 3)), drain(tf, tf.data.Dataset.range(10, 2, -3)),
            drain(tf, tf.data.Dataset.range(5, 1)), drain(tf, tf.data.Dataset.range(-3, 0))]


@case
def range_output_type(tf):
    ds = tf.data.Dataset.range(1, 4, output_type=tf.int32)
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def range_step_zero(tf):
    return raises(lambda: first_error(tf, tf.data.Dataset.range(0, 5, 0)))


@case
def generator_types_only(tf):
    def gen():
        for i in range(3):
            yield [i] * i

    ds = tf.data.Dataset.from_generator(gen, output_types=tf.int64)
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def generator_types_and_shapes(tf):
    def gen():
        yield [1, 2], b"a"
        yield [3], b"bc"

    ds = tf.data.Dataset.from_generator(gen, output_types=(tf.int32, tf.string), output_shapes=([None], []))
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def generator_dict_elements(tf):
    def gen():
        for i in range(2):
            yield {"x": float(i), "y": [i, i + 1]}

    ds = tf.data.Dataset.from_generator(gen, output_types={"x": tf.float32, "y": tf.int64},
                                        output_shapes={"x": [], "y": [2]})
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def generator_args(tf):
    def gen(n, text):
        for i in range(int(n)):
            yield text * (i + 1), type(n).__name__

    ds = tf.data.Dataset.from_generator(gen, output_types=(tf.string, tf.string), args=(3, "ab"))
    return drain(tf, ds)


@case
def generator_yield_has_wrong_shape(tf):
    def gen():
        yield [1, 2]
        yield [1, 2, 3]

    ds = tf.data.Dataset.from_generator(gen, output_types=tf.int32, output_shapes=[2])
    return first_error(tf, ds)


@case
def generator_yield_has_wrong_type(tf):
    def gen():
        yield 1
        yield "x"

    ds = tf.data.Dataset.from_generator(gen, output_types=tf.int32)
    got = first_error(tf, ds)
    got[-1].pop("message", None)  # TF's wording names the generator's function object
    return got


@case
def generator_is_called_per_iterator(tf):
    calls = []

    def gen():
        calls.append(1)
        yield 1
        yield 2

    ds = tf.data.Dataset.from_generator(gen, output_types=tf.int32, output_shapes=[])
    return [drain(tf, ds.repeat(3)), len(calls)]


@case
def generator_missing_output_types(tf):
    return raises(lambda: tf.data.Dataset.from_generator(lambda: iter([1])))


@case
def zip_tuple_stops_at_shortest(tf):
    a = tf.data.Dataset.range(5)
    b = tf.data.Dataset.from_tensor_slices(["x", "y", "z"])
    ds = tf.data.Dataset.zip((a, b))
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def zip_nested_and_dict(tf):
    a = tf.data.Dataset.range(3)
    b = tf.data.Dataset.from_tensor_slices(([1.0, 2.0, 3.0], [[1], [2], [3]]))
    ds = tf.data.Dataset.zip((a, {"p": b, "q": a}))
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def zip_single_dataset_in_tuple(tf):
    ds = tf.data.Dataset.zip((tf.data.Dataset.range(2),))
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def zip_not_a_dataset(tf):
    return [raises(lambda: tf.data.Dataset.zip((tf.data.Dataset.range(2), [1, 2]))),
            short_classes(raises(lambda: tf.data.Dataset.zip(tf.constant([1, 2]))))]
