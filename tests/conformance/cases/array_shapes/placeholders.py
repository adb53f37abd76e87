"""Shape ops: identity, stop_gradient, placeholders, shape, shape_n, size and rank."""

import numpy as np

from tests.conformance.cases._array_helpers import describe as _describe
from tests.conformance.cases._array_helpers import static as _static
from tests.conformance.cases.array_shapes._helpers import _x
from tests.conformance.harness import case, raises, shape_of


# -- identity, stop_gradient, placeholders ---------------------------------------------------
@case
def identity_ops_and_value(tf):
    x = tf.constant([1.0, 2.0], name="c")
    return _describe(tf, [tf.identity(x), tf.identity(x, name="named")])


@case
def identity_of_python_list(tf):
    return _describe(tf, tf.identity([[1, 2], [3, 4]]))


@case
def stop_gradient_ops(tf):
    x = tf.constant([1.0, 2.0], name="c")
    return _describe(tf, [tf.stop_gradient(x), tf.stop_gradient(x * 2.0, name="sg")])


@case
def placeholder_attrs(tf):
    a = tf.placeholder(tf.float32, [None, 3], name="a")
    b = tf.placeholder(tf.int64, name="b")
    c = tf.placeholder("float", (), name="c")
    return [_static([a, b, c]), a.op.get_attr("dtype").name, shape_of(tf.TensorShape(a.op.get_attr("shape"))),
            shape_of(tf.TensorShape(b.op.get_attr("shape")))]


@case
def placeholder_with_default_ops(tf):
    p = tf.placeholder_with_default([1.0, 2.0], shape=[None], name="p")
    q = tf.placeholder_with_default(tf.constant([[1, 2]]), [1, 2])
    return [_describe(tf, [p, q]), shape_of(tf.TensorShape(p.op.get_attr("shape")))]


@case
def placeholder_with_default_fed(tf):
    p = tf.placeholder_with_default(tf.constant([1.0, 2.0]), shape=[None], name="p")
    with tf.Session() as sess:
        return [sess.run(p), sess.run(p, {p: [5.0, 6.0, 7.0]})]


@case
def placeholder_with_default_incompatible_error(tf):
    return raises(tf.placeholder_with_default, [1.0, 2.0], shape=[3])


@case
def placeholder_with_default_unknown_shape(tf):
    p = tf.placeholder_with_default(tf.constant([1.0, 2.0]), shape=None)
    return _static(p)


# -- shape, shape_n, size, rank --------------------------------------------------------------
@case
def shape_known_is_const(tf):
    x = _x(tf)
    return _describe(tf, [tf.shape(x), tf.shape(x, out_type=tf.int64, name="s64")], {x: np.zeros((2, 3))})


@case
def shape_partial_is_op(tf):
    x = _x(tf, (None, 3))
    s = tf.shape(x)
    return [_describe(tf, s, {x: np.zeros((4, 3))}), s.op.get_attr("out_type").name]


@case
def shape_unknown_rank(tf):
    x = _x(tf, None)
    return _describe(tf, tf.shape(x), {x: np.zeros((1, 2, 3))})


@case
def shape_of_python_value(tf):
    return _describe(tf, [tf.shape([[1, 2, 3]]), tf.shape(5.0)])


@case
def shape_n_ops(tf):
    x, y = _x(tf, (None, 3)), _x(tf, (4,), name="y")
    outs = tf.shape_n([x, y])
    return _describe(tf, outs, {x: np.zeros((2, 3)), y: np.zeros(4)})


@case
def size_ops(tf):
    x, y, z = _x(tf), _x(tf, (None, 3), name="y"), _x(tf, (None, 0), name="z")
    outs = [tf.size(x), tf.size(y), tf.size(z), tf.size(y, out_type=tf.int64)]
    return _describe(tf, outs, {y: np.zeros((5, 3)), z: np.zeros((2, 0))})


@case
def rank_ops(tf):
    x, y = _x(tf, (None, 3)), _x(tf, None, name="y")
    outs = [tf.rank(x), tf.rank(y), tf.rank([1, 2], name="r")]
    return _describe(tf, outs, {y: np.zeros((1, 1, 1, 1))})
