"""Element-wise transformations: ``map`` (nested structures, dicts, ``num_parallel_calls``,
captured tensors, placeholders and variables, errors), ``flat_map``, ``interleave``, ``filter``."""

import numpy as np

from tests.conformance.cases.data_dataset._helpers import drain, drain_initializable, first_error, graph_ops, structure
from tests.conformance.harness import case, raises


@case
def map_scalar_function(tf):
    ds = tf.data.Dataset.range(4).map(lambda x: x * x + 1)
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def map_tuple_arguments_are_unpacked(tf):
    ds = tf.data.Dataset.from_tensor_slices(([1, 2], [10.0, 20.0])).map(lambda a, b: (b, tf.cast(a, tf.float32) + b))
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def map_dict_argument_is_one(tf):
    ds = tf.data.Dataset.from_tensor_slices({"a": [1, 2], "b": [3, 4]}).map(lambda d: d["a"] * d["b"])
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def map_returns_nested_dict(tf):
    ds = tf.data.Dataset.range(2).map(lambda x: {"orig": x, "pair": (tf.cast(x, tf.float64), tf.fill([2], x))})
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def map_returns_python_constants_and_lists(tf):
    ds = tf.data.Dataset.range(2).map(lambda x: (x, 7, 2.5, "s"))
    lists = tf.data.Dataset.range(2).map(lambda x: [x, x + 1])
    return {"structure": structure(tf, ds), "values": drain(tf, ds), "lists": structure(tf, lists),
            "list_values": drain(tf, lists)}


@case
def map_num_parallel_calls_keeps_order(tf):
    ds = tf.data.Dataset.range(20).map(lambda x: x * 3, num_parallel_calls=4)
    auto = tf.data.Dataset.range(5).map(lambda x: -x, num_parallel_calls=tf.data.experimental.AUTOTUNE)
    return {"structure": structure(tf, ds), "values": drain(tf, ds), "autotune": drain(tf, auto)}


@case
def map_static_shapes(tf):
    ds = tf.data.Dataset.from_tensor_slices(np.zeros((3, 6), np.float32))
    return [structure(tf, ds.map(lambda x: tf.reshape(x, [2, 3]))),
            structure(tf, ds.map(lambda x: tf.reshape(x, [-1, 2]))),
            structure(tf, ds.map(lambda x: tf.boolean_mask(x, x > 0))),
            structure(tf, ds.map(lambda x: tf.expand_dims(x, 0)))]


@case
def map_captures_outer_tensor(tf):
    scale = tf.constant(10, tf.int64)
    offset = tf.constant([1, 2], tf.int64)
    ds = tf.data.Dataset.range(3).map(lambda x: x * scale + offset)
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def map_captures_placeholder(tf):
    p = tf.placeholder(tf.int64, [])
    ds = tf.data.Dataset.range(3).map(lambda x: x + p)
    return [drain_initializable(tf, ds, {p: 100}), drain_initializable(tf, ds, {p: -1})]


@case
def map_captures_variable(tf):
    v = tf.Variable(5, dtype=tf.int64, name="v")
    ds = tf.data.Dataset.range(3).map(lambda x: x + v)
    return drain_initializable(tf, ds)


@case
def map_runtime_error(tf):
    ds = tf.data.Dataset.from_tensor_slices([[1, 2, 3, 4], [1, 2, 3, 0]]).map(
        lambda x: tf.reshape(tf.boolean_mask(x, x > 0), [2, 2]))
    return first_error(tf, ds)


@case
def map_runtime_error_string_to_number(tf):
    ds = tf.data.Dataset.from_tensor_slices(["1.5", "x"]).map(lambda s: tf.strings.to_number(s))
    return first_error(tf, ds)


def _arity_error(fn):
    """The error class and Python's complaint after ``<lambda>()`` (TF's message wraps it in its
    own tracing's words and names the lambda by its qualified name)."""
    got = raises(fn)
    if "message" in got:
        got["message"] = got["message"].rsplit("<lambda>()", 1)[-1].strip()
    return got


@case
def map_wrong_arity(tf):
    ds = tf.data.Dataset.from_tensor_slices(([1], [2]))
    return [_arity_error(lambda: ds.map(lambda x: x)),
            _arity_error(lambda: tf.data.Dataset.range(2).map(lambda a, b: a))]


@case
def map_returns_none(tf):
    return raises(lambda: tf.data.Dataset.range(2).map(lambda x: None))


@case
def map_graph_ops(tf):
    ds = tf.data.Dataset.range(3).map(lambda x: x + 1).map(lambda x: x * 2, num_parallel_calls=2)
    tf.data.make_one_shot_iterator(ds).get_next()
    return graph_ops(tf)


@case
def flat_map_repeats_each(tf):
    ds = tf.data.Dataset.range(1, 4).flat_map(lambda x: tf.data.Dataset.from_tensors(x).repeat(x))
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def flat_map_of_slices(tf):
    ds = tf.data.Dataset.from_tensor_slices([[1, 2], [3, 4], [5, 6]]).flat_map(
        lambda row: tf.data.Dataset.from_tensor_slices((row, row * 10)))
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def interleave_cycle_and_block(tf):
    ds = tf.data.Dataset.range(1, 6).interleave(lambda x: tf.data.Dataset.from_tensors(x).repeat(6),
                                                cycle_length=2, block_length=4)
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def interleave_uneven_inputs(tf):
    ds = tf.data.Dataset.range(1, 5).interleave(lambda x: tf.data.Dataset.range(x), cycle_length=3)
    return drain(tf, ds)


@case
def interleave_parallel_is_deterministic(tf):
    ds = tf.data.Dataset.range(4).interleave(lambda x: tf.data.Dataset.range(10 * x, 10 * x + 3),
                                             cycle_length=2, block_length=2, num_parallel_calls=2)
    return drain(tf, ds)


@case
def interleave_cycle_length_one_is_flat_map(tf):
    ds = tf.data.Dataset.range(3).interleave(lambda x: tf.data.Dataset.range(x + 1), cycle_length=1)
    return drain(tf, ds)


@case
def filter_keeps_matching(tf):
    ds = tf.data.Dataset.range(10).filter(lambda x: tf.equal(x % 3, 0))
    return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def filter_tuple_and_dict_elements(tf):
    pairs = tf.data.Dataset.from_tensor_slices(([1, 2, 3, 4], ["a", "b", "c", "d"])).filter(lambda n, s: n > 2)
    dicts = tf.data.Dataset.from_tensor_slices({"k": [0.5, -1.0, 2.0]}).filter(lambda d: d["k"] > 0)
    return [structure(tf, pairs), drain(tf, pairs), structure(tf, dicts), drain(tf, dicts)]


@case
def filter_everything_out(tf):
    return drain(tf, tf.data.Dataset.range(5).filter(lambda x: x > 10))


@case
def filter_predicate_not_bool(tf):
    return [raises(lambda: tf.data.Dataset.range(3).filter(lambda x: x)),
            raises(lambda: tf.data.Dataset.range(3).filter(lambda x: tf.fill([2], True)))]
