"""tf.get_variable: creation, fetching, sharing errors, initializers, parameters and dtypes."""

import numpy as np

from tests.conformance.harness import case, error_class, op_names, op_summary, raises, shape_of


def _init_and_run(tf, *tensors):
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(list(tensors))


@case
def gv_create_name(tf):
    v = tf.get_variable("w", [2, 3])
    return [v.name, v.op.name, shape_of(v), v.dtype]


@case
def gv_create_returns_refvariable(tf):
    v = tf.get_variable("w", [1])
    return type(v).__name__


@case
def gv_create_op_summary_default_initializer(tf):
    tf.get_variable("w", [2, 3])
    return op_summary(tf.get_default_graph())


@case
def gv_create_then_fetch_with_reuse(tf):
    with tf.variable_scope("s"):
        v1 = tf.get_variable("w", [1])
    with tf.variable_scope("s", reuse=True):
        v2 = tf.get_variable("w")
    return [v1 is v2, v2.name]


@case
def gv_fetch_with_reuse_creates_no_ops(tf):
    with tf.variable_scope("s"):
        tf.get_variable("w", [1], initializer=tf.zeros_initializer())
    n = len(op_names(tf.get_default_graph()))
    with tf.variable_scope("s", reuse=True):
        tf.get_variable("w")
    return [n, len(op_names(tf.get_default_graph()))]


@case
def gv_reuse_true_missing(tf):
    with tf.variable_scope("s", reuse=True):
        tf.get_variable("missing", [1])
    return "unreachable"


@case
def gv_reuse_true_missing_root(tf):
    tf.get_variable_scope().reuse_variables()
    tf.get_variable("missing", [1])
    return "unreachable"


@case
def gv_reuse_true_tf_variable_not_found(tf):
    with tf.variable_scope("s"):
        tf.Variable(1.0, name="v")
    with tf.variable_scope("s", reuse=True):
        tf.get_variable("v", [])
    return "unreachable"


@case
def gv_create_twice(tf):
    tf.get_variable("w", [1])
    tf.get_variable("w", [1])
    return "unreachable"


@case
def gv_create_twice_in_scope(tf):
    with tf.variable_scope("a"):
        tf.get_variable("w", [1])
        tf.get_variable("w", [1])
    return "unreachable"


@case
def gv_create_twice_error_class(tf):
    tf.get_variable("w", [1])
    return raises(tf.get_variable, "w", [1])["error"]


@case
def gv_name_collides_with_tf_variable(tf):
    v = tf.Variable(1.0, name="w")
    g = tf.get_variable("w", [1])
    return [v.name, g.name]


@case
def gv_tf_variable_after_get_variable(tf):
    g = tf.get_variable("w", [1])
    v = tf.Variable(1.0, name="w")
    return [g.name, v.name]


@case
def gv_shape_mismatch_on_reuse(tf):
    with tf.variable_scope("s"):
        tf.get_variable("w", [2, 3])
    with tf.variable_scope("s", reuse=True):
        tf.get_variable("w", [3, 2])
    return "unreachable"


@case
def gv_shape_rank_mismatch_on_reuse(tf):
    tf.get_variable("w", [2])
    tf.get_variable_scope().reuse_variables()
    tf.get_variable("w", [2, 1])
    return "unreachable"


@case
def gv_reuse_without_shape_ok(tf):
    v1 = tf.get_variable("w", [2, 3])
    tf.get_variable_scope().reuse_variables()
    v2 = tf.get_variable("w")
    return [v1 is v2, shape_of(v2)]


@case
def gv_reuse_with_compatible_partial_shape(tf):
    v1 = tf.get_variable("w", [2, 3])
    tf.get_variable_scope().reuse_variables()
    return raises(lambda: tf.get_variable("w", [None, 3]) is v1)


@case
def gv_dtype_mismatch_on_reuse(tf):
    tf.get_variable("w", [1], dtype=tf.float32)
    tf.get_variable_scope().reuse_variables()
    tf.get_variable("w", [1], dtype=tf.float64)
    return "unreachable"


@case
def gv_dtype_mismatch_int_on_reuse(tf):
    tf.get_variable("w", [1], dtype=tf.float32)
    tf.get_variable_scope().reuse_variables()
    tf.get_variable("w", [1], dtype=tf.int32)
    return "unreachable"


@case
def gv_no_shape_no_initializer(tf):
    tf.get_variable("w")
    return "unreachable"


@case
def gv_no_shape_with_initializer_object(tf):
    tf.get_variable("w", initializer=tf.zeros_initializer())
    return "unreachable"


@case
def gv_shape_with_constant_tensor_initializer(tf):
    tf.get_variable("w", [2], initializer=tf.constant([1.0, 2.0]))
    return "unreachable"


@case
def gv_tensor_initializer(tf):
    v = tf.get_variable("w", initializer=tf.constant([1.0, 2.0]))
    return [v.name, shape_of(v), v.dtype] + _init_and_run(tf, v)


@case
def gv_tensor_initializer_ops(tf):
    tf.get_variable("w", initializer=tf.constant([1.0, 2.0]))
    return op_summary(tf.get_default_graph())


@case
def gv_numpy_initializer(tf):
    v = tf.get_variable("w", initializer=np.array([[1.0, 2.0], [3.0, 4.0]], dtype=np.float32))
    return [shape_of(v), v.dtype] + _init_and_run(tf, v)


@case
def gv_numpy_initializer_ops(tf):
    tf.get_variable("w", initializer=np.array([1.0, 2.0], dtype=np.float32))
    return op_summary(tf.get_default_graph())


@case
def gv_numpy_float64_initializer_dtype(tf):
    v = tf.get_variable("w", initializer=np.array([1.0, 2.0]))
    return [v.dtype] + _init_and_run(tf, v)


@case
def gv_list_initializer(tf):
    v = tf.get_variable("w", initializer=[1.0, 2.0, 3.0])
    return [shape_of(v), v.dtype] + _init_and_run(tf, v)


@case
def gv_list_int_initializer(tf):
    v = tf.get_variable("w", initializer=[1, 2, 3])
    return [shape_of(v), v.dtype] + _init_and_run(tf, v)


@case
def gv_scalar_python_initializer(tf):
    v = tf.get_variable("w", initializer=5.0)
    return [shape_of(v), v.dtype] + _init_and_run(tf, v)


@case
def gv_tensor_initializer_with_dtype_mismatch(tf):
    tf.get_variable("w", initializer=tf.constant([1.0]), dtype=tf.float64)
    return "unreachable"


@case
def gv_tensor_initializer_int(tf):
    v = tf.get_variable("w", initializer=tf.constant([1, 2]))
    return [v.dtype] + _init_and_run(tf, v)


@case
def gv_tensor_initializer_unknown_shape_validate(tf):
    p = tf.placeholder(tf.float32, shape=[None])
    tf.get_variable("w", initializer=p)
    return "unreachable"


@case
def gv_tensor_initializer_unknown_shape_no_validate(tf):
    p = tf.placeholder(tf.float32, shape=[None])
    v = tf.get_variable("w", initializer=p, validate_shape=False)
    return [v.name, shape_of(v)]


@case
def gv_validate_shape_false_with_tensor(tf):
    v = tf.get_variable("w", initializer=tf.constant([1.0, 2.0]), validate_shape=False)
    return [shape_of(v)] + _init_and_run(tf, v)


@case
def gv_validate_shape_false_assign_ops(tf):
    tf.get_variable("w", initializer=tf.constant([1.0, 2.0]), validate_shape=False)
    g = tf.get_default_graph()
    return g.get_operation_by_name("w/Assign").get_attr("validate_shape")


@case
def gv_validate_shape_true_assign_attr(tf):
    tf.get_variable("w", [1], initializer=tf.zeros_initializer())
    g = tf.get_default_graph()
    return g.get_operation_by_name("w/Assign").get_attr("validate_shape")


@case
def gv_callable_initializer_with_shape(tf):
    v = tf.get_variable("w", [2, 2], initializer=tf.ones_initializer())
    return _init_and_run(tf, v)


@case
def gv_plain_function_initializer(tf):
    seen = {}

    def init(shape, dtype=None, partition_info=None):
        seen["shape"] = list(shape)
        seen["dtype"] = dtype.name
        seen["partition_info"] = partition_info
        return tf.fill(shape, 4.0)

    v = tf.get_variable("w", [2], initializer=init)
    return [seen, op_names(tf.get_default_graph())] + _init_and_run(tf, v)


@case
def gv_plain_function_initializer_no_partition_info(tf):
    def init(shape, dtype=None):
        return tf.zeros(shape, dtype)

    v = tf.get_variable("w", [2], initializer=init)
    return _init_and_run(tf, v)


@case
def gv_trainable_false(tf):
    v = tf.get_variable("w", [1], trainable=False)
    return [v.trainable, [x.name for x in tf.trainable_variables()], [x.name for x in tf.global_variables()]]


@case
def gv_trainable_default(tf):
    v = tf.get_variable("w", [1])
    return [v.trainable, [x.name for x in tf.trainable_variables()]]


@case
def gv_collections_custom(tf):
    v = tf.get_variable("w", [1], collections=["mine"])
    return [
        [x.name for x in tf.get_collection("mine")],
        [x.name for x in tf.global_variables()],
        [x.name for x in tf.trainable_variables()],
        v.trainable,
    ]


@case
def gv_collections_custom_plus_global(tf):
    tf.get_variable("w", [1], collections=["mine", tf.GraphKeys.GLOBAL_VARIABLES])
    return [
        [x.name for x in tf.get_collection("mine")],
        [x.name for x in tf.global_variables()],
        [x.name for x in tf.trainable_variables()],
    ]


@case
def gv_collections_empty_list(tf):
    v = tf.get_variable("w", [1], collections=[])
    return [v.name, len(tf.global_variables()), len(tf.trainable_variables())]


@case
def gv_collections_local(tf):
    tf.get_variable("w", [1], collections=[tf.GraphKeys.LOCAL_VARIABLES])
    return [[x.name for x in tf.local_variables()], [x.name for x in tf.global_variables()],
            [x.name for x in tf.trainable_variables()]]


@case
def gv_collections_tuple(tf):
    tf.get_variable("w", [1], collections=("mine",))
    return [x.name for x in tf.get_collection("mine")]


@case
def gv_dtype_int32_default_initializer(tf):
    v = tf.get_variable("w", [2], dtype=tf.int32)
    return [v.dtype, op_summary(tf.get_default_graph())] + _init_and_run(tf, v)


@case
def gv_dtype_int64_default_initializer(tf):
    v = tf.get_variable("w", [2], dtype=tf.int64)
    return [v.dtype, op_names(tf.get_default_graph())] + _init_and_run(tf, v)


@case
def gv_dtype_bool_default_initializer(tf):
    v = tf.get_variable("w", [2], dtype=tf.bool)
    return [v.dtype, op_summary(tf.get_default_graph())] + _init_and_run(tf, v)


@case
def gv_dtype_string_default_initializer(tf):
    v = tf.get_variable("w", [2], dtype=tf.string)
    return [v.dtype, op_summary(tf.get_default_graph())] + _init_and_run(tf, v)


@case
def gv_dtype_float64_default_initializer(tf):
    v = tf.get_variable("w", [2], dtype=tf.float64)
    return [v.dtype, op_summary(tf.get_default_graph())]


@case
def gv_dtype_float16_default_initializer(tf):
    v = tf.get_variable("w", [2], dtype=tf.float16)
    return [v.dtype, op_summary(tf.get_default_graph())]


@case
def gv_dtype_complex_no_initializer(tf):
    tf.get_variable("w", [2], dtype=tf.complex64)
    return "unreachable"


@case
def gv_dtype_string_as_dtype_name(tf):
    v = tf.get_variable("w", [1], dtype="float64")
    return v.dtype


@case
def gv_dtype_numpy_type(tf):
    v = tf.get_variable("w", [1], dtype=np.int32)
    return [v.dtype] + _init_and_run(tf, v)


@case
def gv_shape_partially_unknown(tf):
    tf.get_variable("w", [None, 3])
    return "unreachable"


@case
def gv_shape_partially_unknown_with_initializer(tf):
    tf.get_variable("w", [None, 3], initializer=tf.zeros_initializer())
    return "unreachable"


@case
def gv_shape_tensorshape(tf):
    v = tf.get_variable("w", tf.TensorShape([2, 1]))
    return shape_of(v)


@case
def gv_shape_tuple(tf):
    v = tf.get_variable("w", (3,))
    return shape_of(v)


@case
def gv_shape_scalar(tf):
    v = tf.get_variable("w", [], initializer=tf.zeros_initializer())
    return [shape_of(v), op_names(tf.get_default_graph())] + _init_and_run(tf, v)


@case
def gv_shape_zero_dim(tf):
    v = tf.get_variable("w", [0, 3])
    return [shape_of(v)] + _init_and_run(tf, v)


@case
def gv_shape_numpy_ints(tf):
    v = tf.get_variable("w", [np.int64(2), np.int32(2)])
    return shape_of(v)


@case
def gv_name_with_colon(tf):
    tf.get_variable("w:0", [1])
    return "unreachable"


@case
def gv_name_with_slash(tf):
    v = tf.get_variable("a/w", [1])
    return [v.name, v.op.name]


@case
def gv_name_with_slash_reuse(tf):
    v1 = tf.get_variable("a/w", [1])
    with tf.variable_scope("a", reuse=True):
        v2 = tf.get_variable("w", [1])
    return v1 is v2


@case
def gv_name_with_leading_underscore(tf):
    v = tf.get_variable("_w", [1])
    return v.name


@case
def gv_name_invalid_characters(tf):
    tf.get_variable("w w", [1])
    return "unreachable"


@case
def gv_name_empty(tf):
    v = tf.get_variable("", [1])
    return [v.name, op_names(tf.get_default_graph())]


@case
def gv_in_name_scope_ignores_name_scope(tf):
    with tf.name_scope("ns"):
        v = tf.get_variable("w", [1], initializer=tf.zeros_initializer())
    return [v.name, op_names(tf.get_default_graph())]


@case
def gv_initializer_ops_under_variable_name(tf):
    with tf.name_scope("ns"):
        with tf.variable_scope("vs"):
            tf.get_variable("w", [1], initializer=tf.constant_initializer(1.0))
    return op_names(tf.get_default_graph())


@case
def gv_regularizer_param(tf):
    tf.get_variable("w", [1], regularizer=lambda w: tf.multiply(w, 0.5, name="reg"))
    return [t.name for t in tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)]


@case
def gv_caching_device_param(tf):
    v = tf.get_variable("w", [1], caching_device="/cpu:0", initializer=tf.zeros_initializer())
    return [v.name, op_names(tf.get_default_graph()), v.value().name]


@case
def gv_partitioner_none(tf):
    v = tf.get_variable("w", [4], partitioner=None)
    return type(v).__name__


@case
def gv_partitioner_fixed_size(tf):
    v = tf.get_variable("w", [4, 2], partitioner=tf.fixed_size_partitioner(2),
                        initializer=tf.zeros_initializer())
    return [type(v).__name__, [p.name for p in v], [shape_of(p) for p in v],
            [x.name for x in tf.global_variables()]]


@case
def gv_use_resource_false(tf):
    v = tf.get_variable("w", [1], use_resource=False)
    return [type(v).__name__, v.dtype]


@case
def gv_custom_getter_param(tf):
    calls = []

    def getter(getter, name, *args, **kwargs):
        calls.append(name)
        return getter(name, *args, **kwargs)

    v = tf.get_variable("w", [1], custom_getter=getter)
    return [calls, v.name]


@case
def gv_constraint_param(tf):
    cons = lambda w: tf.identity(w)  # noqa: E731
    v = tf.get_variable("w", [1], constraint=cons)
    return [v.constraint is cons, op_names(tf.get_default_graph())[-3:]]


@case
def gv_constraint_default_none(tf):
    return tf.get_variable("w", [1]).constraint


@case
def gv_constraint_not_callable(tf):
    tf.get_variable("w", [1], constraint=3)
    return "unreachable"


@case
def gv_synchronization_aggregation_params(tf):
    v = tf.get_variable("w", [1], synchronization=tf.VariableSynchronization.AUTO,
                        aggregation=tf.VariableAggregation.NONE)
    return [str(v.synchronization), str(v.aggregation)]


@case
def gv_synchronization_on_read_explicit_trainable(tf):
    v = tf.get_variable("w", [1], synchronization=tf.VariableSynchronization.ON_READ, trainable=True)
    return [v.trainable, [x.name for x in tf.trainable_variables()]]


@case
def gv_synchronization_on_read_default_not_trainable(tf):
    v = tf.get_variable("w", [1], synchronization=tf.VariableSynchronization.ON_READ)
    return [v.trainable, [x.name for x in tf.trainable_variables()]]


@case
def gv_all_keywords(tf):
    v = tf.get_variable(
        name="w", shape=[2], dtype=tf.float32, initializer=tf.ones_initializer(), regularizer=None,
        trainable=True, collections=None, caching_device=None, partitioner=None, validate_shape=True,
        use_resource=None, custom_getter=None, constraint=None,
        synchronization=tf.VariableSynchronization.AUTO, aggregation=tf.VariableAggregation.NONE)
    return [v.name] + _init_and_run(tf, v)


@case
def gv_get_local_variable(tf):
    v = tf.get_local_variable("lv", [2], initializer=tf.zeros_initializer())
    return [v.name, v.trainable, [x.name for x in tf.local_variables()],
            [x.name for x in tf.global_variables()], [x.name for x in tf.trainable_variables()]]


@case
def gv_get_local_variable_ops(tf):
    tf.get_local_variable("lv", [2], initializer=tf.zeros_initializer())
    return op_summary(tf.get_default_graph())


@case
def gv_get_local_variable_extra_collections(tf):
    tf.get_local_variable("lv", [1], collections=["mine"])
    return [[x.name for x in tf.get_collection("mine")], [x.name for x in tf.local_variables()]]


@case
def gv_get_local_variable_in_scope_and_reuse(tf):
    with tf.variable_scope("s"):
        v1 = tf.get_local_variable("lv", [1])
    with tf.variable_scope("s", reuse=True):
        v2 = tf.get_local_variable("lv", [1])
    return [v1.name, v1 is v2]


@case
def gv_get_local_variable_trainable_arg_ignored(tf):
    v = tf.get_local_variable("lv", [1], trainable=True)
    return [v.trainable, [x.name for x in tf.trainable_variables()]]


@case
def gv_values_after_init_constant(tf):
    v = tf.get_variable("w", [2, 2], initializer=tf.constant_initializer([1.0, 2.0, 3.0, 4.0]))
    return _init_and_run(tf, v)


@case
def gv_read_before_init_error(tf):
    v = tf.get_variable("w", [1])
    with tf.Session() as sess:
        sess.run(v)
    return "unreachable"


@case
def gv_read_before_init_error_class(tf):
    v = tf.get_variable("w", [1])
    with tf.Session() as sess:
        return error_class(sess.run, v)


@case
def gv_reuse_ignores_trainable_arg(tf):
    tf.get_variable("w", [1], trainable=False)
    tf.get_variable_scope().reuse_variables()
    v = tf.get_variable("w", [1], trainable=True)
    return [v.trainable, [x.name for x in tf.trainable_variables()]]


@case
def gv_auto_reuse_shape_mismatch(tf):
    with tf.variable_scope("s", reuse=tf.AUTO_REUSE):
        tf.get_variable("w", [1])
        tf.get_variable("w", [2])
    return "unreachable"


@case
def gv_variable_store_across_graphs(tf):
    tf.get_variable("w", [1])
    g = tf.Graph()
    with g.as_default():
        v = tf.get_variable("w", [1])
    return [v.name, len(g.get_collection(tf.GraphKeys.GLOBAL_VARIABLES))]


@case
def gv_shape_negative(tf):
    tf.get_variable("w", [-1, 2])
    return "unreachable"


@case
def gv_initializer_dtype_from_initializer_object(tf):
    v = tf.get_variable("w", [2], initializer=tf.zeros_initializer(dtype=tf.int32))
    return [v.dtype] + _init_and_run(tf, v)


@case
def gv_get_variable_is_same_object_through_collection(tf):
    v = tf.get_variable("w", [1])
    return tf.global_variables()[0] is v


@case
def gv_reuse_constant_initializer_dtype_mismatch(tf):
    with tf.variable_scope("s"):
        tf.get_variable("v", initializer=tf.constant([1.0, 2.0]))
    with tf.variable_scope("s", reuse=True):
        got = raises(tf.get_variable, "v", dtype=tf.int32, initializer=[1, 2])
    return [got, op_names(tf.get_default_graph())]


@case
def gv_reuse_lookup_builds_nothing(tf):
    with tf.variable_scope("s"):
        v = tf.get_variable("v", [2], initializer=tf.zeros_initializer())
    before = op_names(tf.get_default_graph())
    with tf.variable_scope("s", reuse=True):
        again = [tf.get_variable("v", [2]), tf.get_variable("v"), tf.get_variable("v", [2], dtype=tf.float32)]
    return [all(a is v for a in again), op_names(tf.get_default_graph())[len(before):]]


@case
def gv_reuse_with_callable_and_partitioner(tf):
    with tf.variable_scope("s"):
        v = tf.get_variable("v", [4], initializer=tf.zeros_initializer())
    with tf.variable_scope("s", reuse=True):
        same = tf.get_variable("v", [4], initializer=tf.ones_initializer()) is v
        partitioned = error_class(tf.get_variable, "v", [4], partitioner=lambda shape, dtype: [2])
    return [same, partitioned]
