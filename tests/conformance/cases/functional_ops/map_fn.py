"""tf.map_fn: values, static shapes, dtype/fn_output_signature, nested elems and results, names of
the result and of the loop ops (``map/while/...``), options, gradients and errors."""

import numpy as np

from tests.conformance.cases.functional_ops._helpers import (
    first_line,
    grad_info,
    loop_names,
    run,
    sig,
    sigs,
    summary,
)
from tests.conformance.harness import case, raises, run_error

X = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, -6.0]], np.float32)


@case
def map_square_values(tf):
    r = tf.map_fn(lambda x: x * x, tf.constant([1.0, 2.0, 3.0], name="x"))
    return [sig(r), run(tf, r)]


@case
def map_graph_ops(tf):
    r = tf.map_fn(lambda x: x * 2.0, tf.constant([1.0, 2.0], name="x"))
    return [r.name, summary(tf)]


@case
def map_named(tf):
    r = tf.map_fn(lambda x: x + 1.0, tf.constant([1.0, 2.0], name="x"), name="plus")
    return [r.name, loop_names(tf, "plus/while/LoopCond") + loop_names(tf, "plus/TensorArray")]


@case
def map_twice_names(tf):
    x = tf.constant([1.0, 2.0], name="x")
    a = tf.map_fn(lambda v: v + 1.0, x)
    b = tf.map_fn(lambda v: v * 3.0, x)
    return [a.name, b.name, [op.name for op in tf.get_default_graph().get_operations() if op.type == "LoopCond"]]


@case
def map_in_name_scope(tf):
    with tf.name_scope("outer"):
        r = tf.map_fn(lambda v: v + 1.0, tf.constant([1.0, 2.0], name="x"))
    return [r.name, loop_names(tf, "outer/map/while/LoopCond")]


@case
def map_rows_of_matrix(tf):
    r = tf.map_fn(lambda row: tf.reduce_sum(row), tf.constant(X))
    s = tf.map_fn(lambda row: row[::-1], tf.constant(X))
    return [sigs([r, s]), run(tf, [r, s])]


@case
def map_dtype_argument(tf):
    r = tf.map_fn(lambda v: tf.cast(v, tf.float32) / 2.0, tf.constant([1, 2, 3]), dtype=tf.float32)
    return [sig(r), run(tf, r)]


@case
def map_fn_output_signature(tf):
    r = tf.map_fn(lambda v: tf.cast(v, tf.int64) * 10, tf.constant([1.5, 2.5]), fn_output_signature=tf.int64)
    return [sig(r), run(tf, r)]


@case
def map_dtype_missing_for_cast(tf):
    r = tf.map_fn(lambda v: tf.cast(v, tf.float32), tf.constant([1, 2]))
    return [sig(r), run_error(tf, r)]


@case
def map_nested_elems(tf):
    a = tf.constant([1.0, 2.0, 3.0], name="a")
    b = tf.constant([10.0, 20.0, 30.0], name="b")
    r = tf.map_fn(lambda ab: ab[0] * ab[1], (a, b), dtype=tf.float32)
    return [sig(r), run(tf, r)]


@case
def map_nested_results(tf):
    x = tf.constant([1, 2, 3], name="x")
    r = tf.map_fn(lambda v: (v * 2, tf.cast(v, tf.float32) + 0.5), x, dtype=(tf.int32, tf.float32))
    return [type(r).__name__, sigs(r), run(tf, list(r))]


@case
def map_dict_elems(tf):
    d = {"p": tf.constant([1.0, 2.0]), "q": tf.constant([3.0, 4.0])}
    r = tf.map_fn(lambda e: e["p"] - e["q"], d, dtype=tf.float32)
    return [sig(r), run(tf, r)]


@case
def map_unknown_batch(tf):
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    r = tf.map_fn(lambda row: row * 2.0, x)
    return [sig(r), run(tf, r, {x: X})]


@case
def map_infer_shape_false(tf):
    r = tf.map_fn(lambda row: row * 2.0, tf.constant(X), infer_shape=False)
    return [sig(r), run(tf, r)]


@case
def map_options_accepted(tf):
    r = tf.map_fn(lambda v: v - 1.0, tf.constant([1.0, 2.0]), parallel_iterations=1, back_prop=False,
                  swap_memory=True)
    ctx = [[c.name, c.parallel_iterations, c.back_prop, c.swap_memory]
           for c in tf.get_collection(tf.GraphKeys.WHILE_CONTEXT)]
    return [sig(r), ctx, run(tf, r)]


@case
def map_empty_elems(tf):
    r = tf.map_fn(lambda v: v * 2.0, tf.zeros([0, 3]))
    got = run(tf, r)
    return [sig(r), list(got.shape)]


@case
def map_closure_tensor(tf):
    w = tf.constant([1.0, -1.0], name="w")
    r = tf.map_fn(lambda row: tf.reduce_sum(row * w), tf.constant(X))
    return [sig(r), [op.name for op in tf.get_default_graph().get_operations() if op.type == "Enter"], run(tf, r)]


@case
def map_grad(tf):
    x = tf.constant([1.0, 2.0, 3.0], name="x")
    r = tf.map_fn(lambda v: v * v * v, x)
    return grad_info(tf, tf.reduce_sum(r), x)


@case
def map_grad_closure(tf):
    x = tf.constant(X, name="x")
    w = tf.constant([0.5, 2.0], name="w")
    r = tf.map_fn(lambda row: tf.reduce_sum(row * w), x)
    return grad_info(tf, tf.reduce_sum(r * r), [x, w])


@case
def map_grad_nested(tf):
    a = tf.constant([1.0, 2.0], name="a")
    b = tf.constant([3.0, 4.0], name="b")
    r = tf.map_fn(lambda ab: ab[0] * ab[1] + ab[0], (a, b), dtype=tf.float32)
    return grad_info(tf, tf.reduce_sum(r), [a, b])


@case
def map_scalar_elems_error(tf):
    return raises(tf.map_fn, lambda v: v, tf.constant(1.0))


@case
def map_empty_list_elems_error(tf):
    return raises(tf.map_fn, lambda v: v, [])


@case
def map_mismatched_lengths_error(tf):
    a = tf.constant([1.0, 2.0, 3.0], name="a")
    b = tf.constant([1.0, 2.0], name="b")
    return raises(tf.map_fn, lambda ab: ab[0] + ab[1], (a, b), dtype=tf.float32)


@case
def map_mismatched_lengths_unknown_static(tf):
    a = tf.placeholder(tf.float32, [None], name="a")
    b = tf.placeholder(tf.float32, [None], name="b")
    r = tf.map_fn(lambda ab: ab[0] + ab[1], (a, b), dtype=tf.float32)
    return [sig(r), run_error(tf, r, {a: [1.0, 2.0, 3.0], b: [1.0, 2.0]})]


@case
def map_dtype_structure_mismatch(tf):
    x = tf.constant([1.0, 2.0], name="x")
    return first_line(tf.map_fn, lambda v: (v, v), x, dtype=tf.float32)


@case
def map_not_callable(tf):
    return raises(tf.map_fn, 3, tf.constant([1.0]))
