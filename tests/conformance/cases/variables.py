"""tf.Variable (RefVariable): op structure, attributes, assignment ops, naming and errors."""

import numpy as np

from tests.conformance.harness import case, op_names, op_summary, raises, shape_of


def _run_init(tf, *fetches):
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(list(fetches))


@case
def var_op_summary_scalar(tf):
    tf.Variable(1.0, name="v")
    return op_summary(tf.get_default_graph())


@case
def var_op_summary_default_name(tf):
    tf.Variable(1.0)
    return op_summary(tf.get_default_graph())


@case
def var_op_summary_list_value(tf):
    tf.Variable([1.0, 2.0], name="v")
    return op_summary(tf.get_default_graph())


@case
def var_op_summary_tensor_initial_value(tf):
    c = tf.constant([1.0, 2.0], name="c")
    tf.Variable(c, name="v")
    return op_summary(tf.get_default_graph())


@case
def var_callable_initial_value(tf):
    v = tf.Variable(lambda: tf.zeros([2]), name="v")
    return [op_summary(tf.get_default_graph()), shape_of(v)] + _run_init(tf, v)


@case
def var_callable_initial_value_initializer_object(tf):
    v = tf.Variable(lambda: tf.ones_initializer()([2, 2]), name="v")
    return [op_names(tf.get_default_graph())] + _run_init(tf, v)


@case
def var_callable_initial_value_initial_value_name(tf):
    v = tf.Variable(lambda: tf.constant(3.0), name="v")
    return v.initial_value.name


@case
def var_name_uniquification(tf):
    a = tf.Variable(1.0, name="v")
    b = tf.Variable(2.0, name="v")
    c = tf.Variable(3.0, name="v")
    return [a.name, b.name, c.name]


@case
def var_default_names(tf):
    return [tf.Variable(1.0).name, tf.Variable(2.0).name]


@case
def var_name_collides_with_op(tf):
    tf.constant(1.0, name="v")
    return tf.Variable(1.0, name="v").name


@case
def var_name_attrs(tf):
    v = tf.Variable(1.0, name="v")
    return [v.name, v.op.name, v.op.type, v.initializer.name, v.initializer.type,
            v.initial_value.name, v.value().name, v._snapshot.name]


@case
def var_dtype(tf):
    v = tf.Variable(1.0, name="v")
    return [v.dtype, v.dtype.base_dtype, v.value().dtype, v.initial_value.dtype]


@case
def var_dtype_int(tf):
    v = tf.Variable(1, name="v")
    return [v.dtype, v.dtype.base_dtype]


@case
def var_dtype_conversion(tf):
    v = tf.Variable(1, name="v", dtype=tf.float32)
    return [v.dtype] + _run_init(tf, v)


@case
def var_dtype_conversion_float64(tf):
    v = tf.Variable([1.5, 2.5], name="v", dtype=tf.float64)
    return [v.dtype, op_summary(tf.get_default_graph())] + _run_init(tf, v)


@case
def var_dtype_conversion_float_to_int_error(tf):
    tf.Variable(1.5, name="v", dtype=tf.int32)
    return "unreachable"


@case
def var_dtype_conversion_tensor_mismatch(tf):
    tf.Variable(tf.constant(1.0), dtype=tf.float64)
    return "unreachable"


@case
def var_numpy_initial_value(tf):
    v = tf.Variable(np.arange(6, dtype=np.int64).reshape(2, 3), name="v")
    return [v.dtype, shape_of(v)] + _run_init(tf, v)


@case
def var_numpy_float64_default_dtype(tf):
    v = tf.Variable(np.array([1.0]), name="v")
    return v.dtype


@case
def var_bool_and_string(tf):
    b = tf.Variable(True, name="b")
    s = tf.Variable("hi", name="s")
    return [b.dtype, s.dtype] + _run_init(tf, b, s)


@case
def var_shape(tf):
    v = tf.Variable([[1.0, 2.0, 3.0]], name="v")
    return [v.shape, v.get_shape(), shape_of(v), v.shape.ndims]


@case
def var_scalar_shape(tf):
    v = tf.Variable(1.0, name="v")
    return [v.shape, shape_of(v)]


@case
def var_graph(tf):
    v = tf.Variable(1.0, name="v")
    return [v.graph is tf.get_default_graph(), v.op.graph is tf.get_default_graph()]


@case
def var_graph_other(tf):
    g = tf.Graph()
    with g.as_default():
        v = tf.Variable(1.0, name="v")
    return [v.graph is g, v.graph is tf.get_default_graph(), len(tf.global_variables()),
            len(g.get_collection(tf.GraphKeys.GLOBAL_VARIABLES))]


@case
def var_repr(tf):
    return [repr(tf.Variable(1.0, name="v")), repr(tf.Variable([[1, 2]], name="w"))]


@case
def var_str(tf):
    return str(tf.Variable(1.0, name="v"))


@case
def var_value_name(tf):
    v = tf.Variable(1.0, name="v")
    a = v.value()
    b = v.value()
    return [a.name, b.name, a is b, op_names(tf.get_default_graph())]


@case
def var_read_value(tf):
    v = tf.Variable(1.0, name="v")
    r1 = v.read_value()
    r2 = v.read_value()
    return [r1.name, r2.name, r1.op.type, op_summary(tf.get_default_graph())]


@case
def var_read_value_in_name_scope(tf):
    v = tf.Variable(1.0, name="v")
    with tf.name_scope("ns"):
        r = v.read_value()
    return r.name


@case
def var_assign(tf):
    v = tf.Variable(1.0, name="v")
    a = v.assign(5.0)
    return [a.name, a.op.type, a.dtype, op_summary(tf.get_default_graph())] + _run_init(tf, a)


@case
def var_assign_twice_names(tf):
    v = tf.Variable(1.0, name="v")
    return [v.assign(2.0).name, v.assign(3.0).name]


@case
def var_assign_add(tf):
    v = tf.Variable(1.0, name="v")
    a = v.assign_add(2.0)
    return [a.name, a.op.type, op_summary(tf.get_default_graph())] + _run_init(tf, a)


@case
def var_assign_sub(tf):
    v = tf.Variable(10.0, name="v")
    a = v.assign_sub(3.0)
    return [a.name, a.op.type, op_summary(tf.get_default_graph())] + _run_init(tf, a)


@case
def var_assign_sequence_values(tf):
    v = tf.Variable(1.0, name="v")
    a = v.assign(4.0)
    b = v.assign_add(1.0)
    c = v.assign_sub(2.0)
    with tf.Session() as sess:
        sess.run(v.initializer)
        return [sess.run(a), sess.run(b), sess.run(c), sess.run(v), sess.run(b), sess.run(v)]


@case
def var_assign_in_name_scope(tf):
    v = tf.Variable(1.0, name="v")
    with tf.name_scope("ns"):
        a = v.assign(2.0)
        b = v.assign_add(2.0)
    return [a.name, b.name]


@case
def var_assign_with_name(tf):
    v = tf.Variable(1.0, name="v")
    return [v.assign(2.0, name="set").name, v.assign_add(1.0, name="inc").name,
            v.assign_sub(1.0, name="dec").name]


@case
def var_assign_read_value_false(tf):
    v = tf.Variable(1.0, name="v")
    op = v.assign(2.0, read_value=False)
    return [type(op).__name__, op.name, op.type]


@case
def var_assign_use_locking_attr(tf):
    v = tf.Variable(1.0, name="v")
    a = v.assign(2.0, use_locking=True)
    return [a.op.get_attr("use_locking"), v.assign(3.0).op.get_attr("use_locking")]


@case
def var_assign_shape_mismatch(tf):
    v = tf.Variable([1.0, 2.0], name="v")
    v.assign([1.0, 2.0, 3.0])
    return "unreachable"


@case
def var_assign_dtype_mismatch(tf):
    v = tf.Variable(1.0, name="v")
    v.assign(tf.constant(1, dtype=tf.int32))
    return "unreachable"


@case
def var_tf_assign_functions(tf):
    v = tf.Variable(1.0, name="v")
    a = tf.assign(v, 3.0)
    b = tf.assign_add(v, 1.0)
    c = tf.assign_sub(v, 2.0)
    return [[a.name, a.op.type], [b.name, b.op.type], [c.name, c.op.type]]


@case
def var_tf_assign_functions_values(tf):
    v = tf.Variable(1.0, name="v")
    a = tf.assign(v, 3.0)
    b = tf.assign_add(v, 1.0)
    with tf.Session() as sess:
        sess.run(v.initializer)
        return [sess.run(a), sess.run(b), sess.run(v)]


@case
def var_trainable_false(tf):
    v = tf.Variable(1.0, name="v", trainable=False)
    return [v.trainable, [x.name for x in tf.trainable_variables()], [x.name for x in tf.global_variables()]]


@case
def var_trainable_default(tf):
    v = tf.Variable(1.0, name="v")
    return [v.trainable, [x.name for x in tf.trainable_variables()]]


@case
def var_collections(tf):
    tf.Variable(1.0, name="v", collections=["mine"])
    return [[x.name for x in tf.get_collection("mine")], [x.name for x in tf.global_variables()],
            [x.name for x in tf.trainable_variables()]]


@case
def var_collections_local(tf):
    tf.Variable(1.0, name="v", collections=[tf.GraphKeys.LOCAL_VARIABLES])
    return [[x.name for x in tf.local_variables()], [x.name for x in tf.global_variables()],
            [x.name for x in tf.trainable_variables()]]


@case
def var_validate_shape_false(tf):
    p = tf.placeholder(tf.float32, [None])
    v = tf.Variable(p, validate_shape=False, name="v")
    return [shape_of(v), shape_of(tf.TensorShape(v.op.get_attr("shape"))), op_summary(tf.get_default_graph())]


@case
def var_validate_shape_false_value(tf):
    v = tf.Variable([1.0, 2.0], validate_shape=False, name="v")
    return [shape_of(v)] + _run_init(tf, v)


@case
def var_unknown_shape_validate_error(tf):
    p = tf.placeholder(tf.float32, [None])
    tf.Variable(p, name="v")
    return "unreachable"


@case
def var_shape_arg_does_not_relax_unknown_initial_shape(tf):
    p = tf.placeholder(tf.float32, [None])
    v = tf.Variable(p, shape=tf.TensorShape([None]), name="v")
    return [shape_of(v)]


@case
def var_variable_shape_attr_in_op(tf):
    v = tf.Variable([[1.0], [2.0]], name="v")
    return [shape_of(tf.TensorShape(v.op.get_attr("shape"))), v.op.get_attr("dtype"), v.op.get_attr("container"),
            v.op.get_attr("shared_name")]


@case
def var_add_python_int(tf):
    v = tf.Variable(1.0, name="v")
    y = v + 1
    return [y.name, y.op.type, [i.name for i in y.op.inputs], op_names(tf.get_default_graph())] + _run_init(tf, y)


@case
def var_arithmetic_ops(tf):
    v = tf.Variable(2.0, name="v")
    ops = [v + 1.0, v - 1.0, v * 3.0, v / 4.0, -v, 1.0 - v, 2.0 * v]
    return [[t.name, t.op.type] for t in ops] + _run_init(tf, *ops)


@case
def var_matmul_operator(tf):
    v = tf.Variable([[1.0, 2.0]], name="v")
    w = tf.Variable([[3.0], [4.0]], name="w")
    y = v @ w
    return [y.name, y.op.type] + _run_init(tf, y)


@case
def var_indexing(tf):
    v = tf.Variable([1.0, 2.0, 3.0], name="v")
    y = v[1]
    return [y.name, y.op.type, shape_of(y)] + _run_init(tf, y)


@case
def var_inputs_of_add_use_read(tf):
    v = tf.Variable(1.0, name="v")
    w = tf.Variable(2.0, name="w")
    y = tf.add(v, w)
    return [i.name for i in y.op.inputs]


@case
def var_identity_input(tf):
    v = tf.Variable(1.0, name="v")
    y = tf.identity(v)
    return [y.name, [i.name for i in y.op.inputs], y.dtype]


@case
def var_in_name_scope(tf):
    with tf.name_scope("ns"):
        v = tf.Variable(1.0, name="v")
    return [v.name, op_names(tf.get_default_graph())]


@case
def var_in_variable_scope(tf):
    with tf.variable_scope("vs"):
        v = tf.Variable(1.0, name="v")
    return [v.name, op_names(tf.get_default_graph())]


@case
def var_in_reentered_variable_scope(tf):
    with tf.variable_scope("vs"):
        v1 = tf.Variable(1.0, name="v")
    with tf.variable_scope("vs"):
        v2 = tf.Variable(1.0, name="v")
    return [v1.name, v2.name]


@case
def var_in_variable_scope_reuse_true(tf):
    with tf.variable_scope("vs", reuse=True):
        v1 = tf.Variable(1.0, name="v")
        v2 = tf.Variable(1.0, name="v")
    return [v1.name, v2.name]


@case
def var_initial_value_tensor_in_other_scope(tf):
    with tf.name_scope("a"):
        c = tf.constant(1.0, name="c")
    with tf.name_scope("b"):
        v = tf.Variable(c, name="v")
    return [v.initial_value.name, v.name, op_names(tf.get_default_graph())]




@case
def var_no_initial_value(tf):
    tf.Variable()
    return "unreachable"


@case
def var_none_initial_value(tf):
    tf.Variable(None)
    return "unreachable"


@case
def var_none_initial_value_with_name(tf):
    tf.Variable(None, name="v")
    return "unreachable"


@case
def var_initial_value_string_list_mixed_error(tf):
    tf.Variable([1.0, "a"])
    return "unreachable"


@case
def var_session_value_after_init(tf):
    v = tf.Variable([[1, 2], [3, 4]], name="v")
    return _run_init(tf, v, v.value(), v.read_value())


@case
def var_eval_in_session(tf):
    v = tf.Variable(7.0, name="v")
    with tf.Session() as sess:
        sess.run(v.initializer)
        return v.eval(session=sess)


@case
def var_load(tf):
    v = tf.Variable(7.0, name="v")
    with tf.Session() as sess:
        sess.run(v.initializer)
        v.load(3.0, sess)
        return [sess.run(v), op_names(tf.get_default_graph())]


@case
def var_uninitialized_read(tf):
    v = tf.Variable(1.0, name="v")
    with tf.Session() as sess:
        return raises(sess.run, v)["error"]


@case
def var_initializer_run_sets_value(tf):
    v = tf.Variable(3.0, name="v")
    with tf.Session() as sess:
        sess.run(v.initializer)
        sess.run(v.assign(1.0))
        sess.run(v.initializer)
        return sess.run(v)


@case
def var_placeholder_initial_value_feed(tf):
    p = tf.placeholder(tf.float32, [2], name="p")
    v = tf.Variable(p, name="v")
    with tf.Session() as sess:
        sess.run(v.initializer, feed_dict={p: [5.0, 6.0]})
        return sess.run(v)


@case
def var_constraint(tf):
    cons = lambda x: x  # noqa: E731
    v = tf.Variable(1.0, name="v", constraint=cons)
    return [v.constraint is cons, tf.Variable(1.0).constraint]


@case
def var_constraint_not_callable(tf):
    tf.Variable(1.0, constraint=5)
    return "unreachable"


@case
def var_type_and_isinstance(tf):
    v = tf.Variable(1.0, name="v")
    return [type(v).__name__, isinstance(v, tf.Variable)]


@case
def var_use_resource_false_explicit(tf):
    v = tf.Variable(1.0, name="v", use_resource=False)
    return type(v).__name__


@case
def var_device_empty(tf):
    v = tf.Variable(1.0, name="v")
    return [v.device, v.op.device]



@case
def var_initial_value_op_with_dtype_conversion(tf):
    tf.Variable(1, dtype=tf.float64, name="v")
    return op_summary(tf.get_default_graph())



@case
def var_has_assign_and_read_methods(tf):
    v = tf.Variable(1.0, name="v")
    return [hasattr(v, "assign"), hasattr(v, "assign_add"), hasattr(v, "assign_sub"), hasattr(v, "initializer"),
            hasattr(v, "read_value"), hasattr(v, "value")]


@case
def var_name_with_colon_error(tf):
    tf.Variable(1.0, name="v:0")
    return "unreachable"


@case
def var_name_with_trailing_slash(tf):
    v = tf.Variable(1.0, name="abs/")
    return [v.name, op_names(tf.get_default_graph())]


@case
def var_get_shape_is_shape(tf):
    v = tf.Variable([1.0, 2.0], name="v")
    return [v.get_shape().as_list(), v.shape.as_list(), v.get_shape() == v.shape]


@case
def var_hash_and_eq(tf):
    v = tf.Variable(1.0, name="v")
    d = {v: 1}
    return [d[v], v in [v]]
