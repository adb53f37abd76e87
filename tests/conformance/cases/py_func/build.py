"""Building py_funcs: op types, names, attributes, ``Tout`` structures, static shapes, and the
errors TensorFlow raises while building."""

import numpy as np

from tests.conformance.cases.py_func._helpers import attrs, build_err, token_number
from tests.conformance.harness import case, op_summary, shape_of


def _identity(*args):
    return args[0] if args else None


@case
def single_tout_gives_one_tensor(tf):
    y = tf.py_func(_identity, [tf.constant([1.0, 2.0])], tf.float32)
    return {"name": y.name, "dtype": y.dtype.name, "shape": shape_of(y), "op": attrs(y.op),
            "inputs": [t.name for t in y.op.inputs], "outputs": len(y.op.outputs)}


@case
def list_tout_gives_a_list(tf):
    ys = tf.py_func(_identity, [tf.constant(1), tf.constant("a")], [tf.int32, tf.string, tf.float64])
    return {"type": type(ys).__name__, "names": [y.name for y in ys], "dtypes": [y.dtype.name for y in ys],
            "shapes": [shape_of(y) for y in ys], "op": attrs(ys[0].op)}


@case
def tuple_tout_gives_a_list(tf):
    ys = tf.py_func(_identity, [tf.constant(1.0)], (tf.float32,))
    return [type(ys).__name__, [y.name for y in ys]]


@case
def empty_tout_gives_the_op(tf):
    op = tf.py_func(lambda: None, [], [])
    return {"type": type(op).__name__, "name": op.name, "outputs": len(op.outputs), "op": attrs(op)}


@case
def stateless_py_func(tf):
    y = tf.py_func(_identity, [tf.constant(1.0)], tf.float32, stateful=False)
    z = tf.numpy_function(_identity, [tf.constant(1.0)], tf.float32, stateful=False)
    return [y.name, attrs(y.op), z.name]


@case
def numpy_function_ops(tf):
    y = tf.numpy_function(_identity, [tf.constant(1.0)], tf.float32)
    return [y.name, attrs(y.op), shape_of(y)]


@case
def py_function_op(tf):
    y = tf.py_function(_identity, [tf.constant(1.0), tf.constant([1, 2])], tf.float32)
    ys = tf.py_function(_identity, [tf.constant(1.0)], [tf.float32, tf.int64], name="two")
    return [y.name, attrs(y.op), y.op.get_attr("is_async"), [t.name for t in ys]]


@case
def python_inputs_become_constants(tf):
    tf.py_func(_identity, [1.0, np.int64(2), [1, 2], "s"], tf.float32)
    tf.py_function(_identity, [1.0, 2], tf.float32, name="pf")
    tf.numpy_function(_identity, [[1, 2]], tf.int32, stateful=False)
    g = tf.get_default_graph()
    return [op_summary(g), [[t.dtype.name for t in op.inputs] for op in g.get_operations() if op.inputs]]


@case
def names_and_scopes(tf):
    with tf.name_scope("outer"):
        a = tf.py_func(_identity, [1.0], tf.float32, name="f")
        b = tf.py_func(_identity, [1.0], tf.float32, name="f")
        c = tf.py_function(_identity, [1.0], tf.float32)
    return [a.name, b.name, c.name, [t.name for t in a.op.inputs]]


@case
def tokens_are_new_for_each_op(tf):
    a = tf.py_func(_identity, [1.0], tf.float32)
    b = tf.py_func(_identity, [1.0], tf.float32)
    c = tf.py_function(_identity, [1.0], tf.float32)
    return [token_number(b.op) - token_number(a.op), token_number(c.op) - token_number(b.op)]


@case
def set_shape_on_an_output(tf):
    y = tf.py_func(_identity, [tf.constant([1.0, 2.0])], tf.float32)
    y.set_shape([2])
    z = tf.py_func(_identity, [tf.constant([1.0, 2.0])], [tf.float32, tf.float32])
    z[1].set_shape([None, 3])
    return [shape_of(y), [shape_of(t) for t in z]]


@case
def variable_and_placeholder_inputs(tf):
    v = tf.Variable([1.0, 2.0], name="v")
    p = tf.placeholder(tf.int64, [None], name="p")
    y = tf.py_func(_identity, [v, p], tf.float32)
    return [attrs(y.op), [t.name for t in y.op.inputs]]


@case
def decorators(tf):
    @tf.numpy_function(Tout=tf.float32)
    def plus_one(x):
        return x + 1

    @tf.py_function(Tout=[tf.float32])
    def eager_plus_one(x):
        return x.numpy() + 1

    a = plus_one(tf.constant(1.0))
    b = eager_plus_one(tf.constant(1.0))
    with tf.Session() as sess:
        return [a.name, [t.name for t in b], plus_one.__name__, sess.run([a, b])]


@case
def func_not_callable(tf):
    return [build_err(lambda: tf.py_func(5, [], tf.int32)),
            build_err(lambda: tf.numpy_function("f", [], tf.int32)),
            build_err(lambda: tf.py_function(None, [1], tf.int32))]


@case
def tout_missing_or_bad(tf):
    return [build_err(lambda: tf.py_func(_identity, [], None)),
            build_err(lambda: tf.numpy_function(_identity, [], None)),
            build_err(lambda: tf.py_function(_identity, [], None)),
            build_err(lambda: tf.py_func(_identity, [], "foo")),
            build_err(lambda: tf.py_func(_identity, [], [tf.float32, 3.5]))]


@case
def inp_missing_or_bad(tf):
    return [build_err(lambda: tf.numpy_function(_identity, None, tf.int32)),
            build_err(lambda: tf.py_function(_identity, None, tf.int32)),
            build_err(lambda: tf.numpy_function(None, [1], Tout=tf.int32)),
            build_err(lambda: tf.py_func(_identity, 5, tf.int32)),
            build_err(lambda: tf.py_func(_identity, [object()], tf.int32)),
            build_err(lambda: tf.py_func(_identity, [1.0, [1, "a"]], tf.int32)),
            len(tf.get_default_graph().get_operations())]
