"""tf.get_variable: trainable, collections, dtypes, shapes, names and the other parameters."""

import numpy as np

from tests.conformance.cases.get_variable._helpers import _init_and_run
from tests.conformance.harness import case, op_names, op_summary, shape_of


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
