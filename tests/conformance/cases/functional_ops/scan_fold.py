"""tf.scan, tf.foldl and tf.foldr: values, initializers, ``reverse=True``, nested structures,
static shapes, names of the results and loop ops (``scan/while/...``, ``foldl/while/...``,
``foldr/while/...``), gradients and errors."""

import numpy as np

from tests.conformance.cases.functional_ops._helpers import (
    first_line,
    grad_info,
    loop_names,
    names,
    run,
    sig,
    sigs,
    summary,
)
from tests.conformance.harness import case, raises, run_error

V = np.array([1.0, 2.0, 3.0, 4.0], np.float32)


@case
def scan_cumsum(tf):
    r = tf.scan(lambda a, x: a + x, tf.constant(V, name="v"))
    return [sig(r), run(tf, r)]


@case
def scan_graph_ops(tf):
    r = tf.scan(lambda a, x: a + x, tf.constant([1.0, 2.0], name="v"))
    return [r.name, summary(tf)]


@case
def scan_with_initializer(tf):
    r = tf.scan(lambda a, x: a * x, tf.constant(V, name="v"), initializer=tf.constant(2.0, name="init"))
    return [sig(r), run(tf, r)]


@case
def scan_reverse(tf):
    r = tf.scan(lambda a, x: a + x, tf.constant(V, name="v"), reverse=True)
    s = tf.scan(lambda a, x: a * 10.0 + x, tf.constant(V), initializer=0.0, reverse=True)
    return [sigs([r, s]), run(tf, [r, s])]


@case
def scan_named(tf):
    r = tf.scan(lambda a, x: a + x, tf.constant(V, name="v"), name="running")
    return [r.name, loop_names(tf, "running/while/LoopCond") + loop_names(tf, "running/TensorArray")]


@case
def scan_vector_state(tf):
    x = tf.constant([[1.0, 0.0], [0.0, 1.0], [2.0, 2.0]], name="x")
    r = tf.scan(lambda a, row: a * 0.5 + row, x, initializer=tf.zeros([2]))
    return [sig(r), run(tf, r)]


@case
def scan_nested_initializer(tf):
    def step(acc, x):
        total, count = acc
        return total + x, count + 1

    r = tf.scan(step, tf.constant(V, name="v"), initializer=(tf.constant(0.0), tf.constant(0)))
    return [type(r).__name__, sigs(r), run(tf, list(r))]


@case
def scan_nested_elems(tf):
    a = tf.constant([1.0, 2.0, 3.0], name="a")
    b = tf.constant([2.0, 2.0, 0.5], name="b")
    r = tf.scan(lambda acc, ab: acc * ab[1] + ab[0], (a, b), initializer=tf.constant(1.0))
    return [sig(r), run(tf, r)]


@case
def scan_fibonacci(tf):
    r = tf.scan(lambda ab, _: (ab[1], ab[0] + ab[1]), tf.range(8), initializer=(tf.constant(0), tf.constant(1)))
    return [sigs(r), run(tf, list(r))]


@case
def scan_unknown_length(tf):
    x = tf.placeholder(tf.float32, [None], name="x")
    r = tf.scan(lambda a, v: a + v, x)
    return [sig(r), run(tf, r, {x: V})]


@case
def scan_grad(tf):
    v = tf.constant([1.0, 2.0, 3.0], name="v")
    r = tf.scan(lambda a, x: a * x, v)
    return grad_info(tf, tf.reduce_sum(r), v)


@case
def scan_grad_initializer(tf):
    v = tf.constant([1.0, 2.0, 3.0], name="v")
    init = tf.constant(0.5, name="init")
    r = tf.scan(lambda a, x: a * x + a, v, initializer=init)
    return grad_info(tf, r[-1], [v, init])


@case
def scan_grad_reverse(tf):
    v = tf.constant([1.0, 2.0, 3.0], name="v")
    r = tf.scan(lambda a, x: a * x + 1.0, v, initializer=tf.constant(1.0), reverse=True)
    return grad_info(tf, tf.reduce_sum(r), v)


@case
def scan_structure_mismatch_error(tf):
    return first_line(tf.scan, lambda a, x: (a, x), tf.constant(V), initializer=tf.constant(0.0))


@case
def scan_scalar_elems_error(tf):
    return raises(tf.scan, lambda a, x: a + x, tf.constant(1.0))


@case
def scan_empty_list_elems_error(tf):
    return raises(tf.scan, lambda a, x: a + x, [])


@case
def scan_empty_no_initializer(tf):
    r = tf.scan(lambda a, x: a + x, tf.zeros([0]))
    return [sig(r), run_error(tf, r)]


@case
def foldl_sum(tf):
    r = tf.foldl(lambda a, x: a + x, tf.constant(V, name="v"))
    return [sig(r), run(tf, r)]


@case
def foldl_graph_ops(tf):
    r = tf.foldl(lambda a, x: a + x, tf.constant([1.0, 2.0], name="v"))
    return [r.name, summary(tf)]


@case
def foldl_initializer_order(tf):
    r = tf.foldl(lambda a, x: a * 10.0 + x, tf.constant(V, name="v"), initializer=tf.constant(0.0))
    return [sig(r), run(tf, r)]


@case
def foldr_order(tf):
    r = tf.foldr(lambda a, x: a * 10.0 + x, tf.constant(V, name="v"), initializer=tf.constant(0.0))
    s = tf.foldr(lambda a, x: a - x, tf.constant(V))
    return [sigs([r, s]), run(tf, [r, s])]


@case
def foldr_graph_ops(tf):
    r = tf.foldr(lambda a, x: a + x, tf.constant([1.0, 2.0], name="v"))
    return [r.name, summary(tf)]


@case
def fold_named(tf):
    v = tf.constant(V, name="v")
    a = tf.foldl(lambda a, x: a + x, v, name="left")
    b = tf.foldr(lambda a, x: a + x, v, name="right")
    return [a.name, b.name, loop_names(tf, "left/while/LoopCond") + loop_names(tf, "right/while/LoopCond")]


@case
def fold_names_repeated(tf):
    v = tf.constant(V, name="v")
    outs = [tf.foldl(lambda a, x: a + x, v), tf.foldl(lambda a, x: a * x, v), tf.foldr(lambda a, x: a + x, v)]
    return names(outs)


@case
def foldl_nested_initializer(tf):
    r = tf.foldl(lambda acc, x: (acc[0] + x, tf.maximum(acc[1], x)), tf.constant(V, name="v"),
                 initializer=(tf.constant(0.0), tf.constant(-1e9)))
    return [type(r).__name__, sigs(r), run(tf, list(r))]


@case
def foldl_nested_elems(tf):
    a = tf.constant([1.0, 2.0, 3.0], name="a")
    b = tf.constant([4.0, 5.0, 6.0], name="b")
    r = tf.foldl(lambda acc, ab: acc + ab[0] * ab[1], (a, b), initializer=tf.constant(0.0))
    return [sig(r), run(tf, r)]


@case
def foldl_matrix_elems(tf):
    x = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], name="x")
    r = tf.foldl(lambda a, row: a * row, x)
    return [sig(r), run(tf, r)]


@case
def foldl_int(tf):
    r = tf.foldl(lambda a, x: a * x, tf.range(1, 7))
    return [sig(r), run(tf, r)]


@case
def foldl_grad(tf):
    v = tf.constant([1.0, 2.0, 3.0], name="v")
    r = tf.foldl(lambda a, x: a * x + x, v)
    return grad_info(tf, r, v)


@case
def foldr_grad(tf):
    v = tf.constant([1.0, 2.0, 3.0], name="v")
    init = tf.constant(2.0, name="init")
    r = tf.foldr(lambda a, x: a * x + x, v, initializer=init)
    return grad_info(tf, r, [v, init])


@case
def foldl_grad_closure_variable(tf):
    w = tf.Variable(1.5, name="w")
    r = tf.foldl(lambda a, x: a * w + x, tf.constant([1.0, 2.0, 3.0], name="v"))
    return grad_info(tf, r, w)


@case
def foldl_scalar_elems_error(tf):
    return raises(tf.foldl, lambda a, x: a + x, tf.constant(1.0))


@case
def foldr_scalar_elems_error(tf):
    return raises(tf.foldr, lambda a, x: a + x, tf.constant(1.0))


@case
def foldl_empty_list_elems_error(tf):
    return raises(tf.foldl, lambda a, x: a + x, [], initializer=tf.constant(0.0))


@case
def foldl_empty_no_initializer(tf):
    r = tf.foldl(lambda a, x: a + x, tf.zeros([0]))
    return [sig(r), run_error(tf, r)]


@case
def foldl_empty_with_initializer(tf):
    r = tf.foldl(lambda a, x: a + x, tf.zeros([0]), initializer=tf.constant(7.0))
    return [sig(r), run(tf, r)]


@case
def foldl_structure_mismatch_error(tf):
    return first_line(tf.foldl, lambda a, x: (a, x), tf.constant(V), initializer=tf.constant(0.0))


@case
def foldl_mismatched_lengths(tf):
    a = tf.constant([1.0, 2.0, 3.0], name="a")
    b = tf.constant([1.0, 2.0], name="b")
    r = tf.foldl(lambda acc, ab: acc + ab[0] * ab[1], (a, b), initializer=tf.constant(0.0))
    return [sig(r), run_error(tf, r)]
