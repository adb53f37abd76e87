"""Custom getters: what a getter receives, renaming and wrapping."""

from tests.conformance.harness import case, op_names, shape_of


@case
def cg_passthrough(tf):
    calls = []

    def getter(getter, name, *args, **kwargs):
        calls.append(name)
        return getter(name, *args, **kwargs)

    with tf.variable_scope("s", custom_getter=getter):
        v = tf.get_variable("w", [1])
    return [calls, v.name, type(v).__name__]


@case
def cg_kwargs_keys(tf):
    seen = {}

    def getter(getter, name, *args, **kwargs):
        seen["args"] = len(args)
        seen["keys"] = sorted(kwargs)
        return getter(name, *args, **kwargs)

    with tf.variable_scope("s", custom_getter=getter):
        tf.get_variable("w", [2, 3])
    return seen


@case
def cg_kwargs_values(tf):
    seen = {}

    def getter(getter, name, *args, **kwargs):
        seen["shape"] = shape_of(tf.TensorShape(kwargs["shape"]))
        seen["dtype"] = kwargs["dtype"]
        seen["trainable"] = kwargs["trainable"]
        seen["reuse"] = kwargs["reuse"]
        seen["collections"] = kwargs["collections"]
        seen["validate_shape"] = kwargs["validate_shape"]
        seen["initializer_is_none"] = kwargs["initializer"] is None
        seen["regularizer_is_none"] = kwargs["regularizer"] is None
        seen["partitioner"] = kwargs["partitioner"]
        seen["use_resource"] = kwargs["use_resource"]
        seen["caching_device"] = kwargs["caching_device"]
        seen["constraint"] = kwargs["constraint"]
        seen["synchronization"] = str(kwargs["synchronization"])
        seen["aggregation"] = str(kwargs["aggregation"])
        return getter(name, *args, **kwargs)

    with tf.variable_scope("s", custom_getter=getter):
        tf.get_variable("w", [2, 3])
    return seen


@case
def cg_kwargs_values_explicit(tf):
    seen = {}

    def getter(getter, name, *args, **kwargs):
        seen["dtype"] = kwargs["dtype"]
        seen["trainable"] = kwargs["trainable"]
        seen["collections"] = kwargs["collections"]
        seen["initializer_type"] = type(kwargs["initializer"]).__name__
        return getter(name, *args, **kwargs)

    with tf.variable_scope("s", custom_getter=getter):
        tf.get_variable("w", [2], dtype=tf.float64, trainable=False, collections=["c", "variables"],
                        initializer=tf.zeros_initializer())
    return seen


@case
def cg_kwargs_reuse_value_under_reuse(tf):
    seen = []

    def getter(getter, name, *args, **kwargs):
        seen.append(str(kwargs["reuse"]))
        return getter(name, *args, **kwargs)

    with tf.variable_scope("s", custom_getter=getter):
        tf.get_variable("w", [1])
    with tf.variable_scope("s", custom_getter=getter, reuse=True):
        tf.get_variable("w", [1])
    with tf.variable_scope("s", custom_getter=getter, reuse=tf.AUTO_REUSE):
        tf.get_variable("w", [1])
    return seen


@case
def cg_kwargs_dtype_default_from_scope(tf):
    seen = []

    def getter(getter, name, *args, **kwargs):
        seen.append(kwargs["dtype"])
        return getter(name, *args, **kwargs)

    with tf.variable_scope("s", custom_getter=getter, dtype=tf.float64):
        tf.get_variable("w", [1])
    return seen


@case
def cg_rename(tf):
    def getter(getter, name, *args, **kwargs):
        return getter(name + "_renamed", *args, **kwargs)

    with tf.variable_scope("s", custom_getter=getter):
        v = tf.get_variable("w", [1])
    return [v.name, [x.name for x in tf.global_variables()]]


@case
def cg_wrap_with_identity(tf):
    def getter(getter, name, *args, **kwargs):
        return tf.identity(getter(name, *args, **kwargs), name="wrapped")

    with tf.variable_scope("s", custom_getter=getter):
        v = tf.get_variable("w", [1], initializer=tf.zeros_initializer())
    return [v.name, isinstance(v, tf.Tensor), op_names(tf.get_default_graph()),
            [x.name for x in tf.global_variables()]]


@case
def cg_wrap_with_multiply(tf):
    def getter(getter, name, *args, **kwargs):
        return getter(name, *args, **kwargs) * 2.0

    with tf.variable_scope("s", custom_getter=getter):
        v = tf.get_variable("w", [2], initializer=tf.ones_initializer())
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return [v.name, sess.run(v)]
