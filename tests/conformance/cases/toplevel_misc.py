"""Conformance cases for the small top-level names: version constants, the behaviour queries,
``get_static_value``, ``no_gradient``/``NoGradient``, ``get_logger`` and the refusal of
``enable_eager_execution`` once a graph has ops."""

import numpy as np

from tests.conformance.harness import case, raises


@case
def version_constants(tf):
    return [tf.VERSION, tf.version.VERSION, tf.GRAPH_DEF_VERSION, tf.GRAPH_DEF_VERSION_MIN_CONSUMER,
            tf.GRAPH_DEF_VERSION_MIN_PRODUCER, tf.version.GRAPH_DEF_VERSION == tf.GRAPH_DEF_VERSION,
            sorted(n for n in dir(tf.version) if not n.startswith("_"))]


@case
def version_types(tf):
    return [type(tf.GIT_VERSION).__name__, type(tf.COMPILER_VERSION).__name__, type(tf.GRAPH_DEF_VERSION).__name__]


@case
def graph_def_versions_match_the_constants(tf):
    versions = tf.Graph().as_graph_def().versions
    return [versions.producer == tf.GRAPH_DEF_VERSION, versions.min_consumer == tf.GRAPH_DEF_VERSION_MIN_CONSUMER]


@case
def behaviour_queries(tf):
    return [tf.executing_eagerly(), tf.executing_eagerly_outside_functions(), tf.resource_variables_enabled(),
            tf.control_flow_v2_enabled()]


@case
def disable_switches_keep_graph_mode(tf):
    tf.disable_resource_variables()
    tf.disable_control_flow_v2()
    tf.disable_tensor_equality()
    tf.disable_v2_tensorshape()
    x = tf.constant([1.0, 2.0])
    return [tf.resource_variables_enabled(), tf.control_flow_v2_enabled(), x == x, str(tf.TensorShape([2])[0]),
            type(tf.TensorShape([2])[0]).__name__]


@case
def enable_eager_after_ops_is_refused(tf):
    tf.constant(1.0)
    return raises(tf.enable_eager_execution)


@case
def get_logger_is_a_logger(tf):
    logger = tf.get_logger()
    return [type(logger).__name__, logger is tf.get_logger()]


@case
def get_static_value_of_constants_and_shapes(tf):
    x = tf.placeholder(tf.float32, [2, 3], name="x")
    y = tf.placeholder(tf.float32, [None, 3], name="y")
    return [tf.get_static_value(tf.constant([[1, 2], [3, 4]])), tf.get_static_value(tf.shape(x)),
            tf.get_static_value(tf.shape(y)), tf.get_static_value(tf.size(x)), tf.get_static_value(tf.rank(y)),
            tf.get_static_value(x), tf.get_static_value(x + 1.0)]


@case
def get_static_value_of_python_and_numpy(tf):
    return [tf.get_static_value(3), tf.get_static_value([1, 2]), tf.get_static_value(np.float32(2.5)),
            tf.get_static_value(tf.cast(tf.constant([1, 2]), tf.float32)),
            tf.get_static_value(tf.stack([1, 2, 3])), tf.get_static_value(tf.fill([2], 3)),
            tf.get_static_value(tf.range(3)), tf.get_static_value(tf.concat([[1], [2]], 0)),
            tf.get_static_value(tf.shape(tf.placeholder(tf.float32, [4, None]))[0])]


@case
def get_static_value_partial(tf):
    n = tf.placeholder(tf.int32, [], name="n")
    packed = tf.stack([2, n])
    value = tf.get_static_value(packed, partial=True)
    return [None if value is None else [None if v is None else int(v) for v in value],
            tf.get_static_value(packed)]


@case
def no_gradient_names(tf):
    return [tf.no_gradient is tf.NoGradient, tf.NoGradient is tf.NotDifferentiable]


@case
def no_gradient_refuses_non_strings(tf):
    return [raises(tf.no_gradient, 3), raises(tf.NoGradient, None)]


@case
def no_gradient_override_gives_none(tf):
    tf.no_gradient("ToplevelMiscNoGrad")
    g = tf.get_default_graph()
    x = tf.constant([1.0, 2.0], name="x")
    with g.gradient_override_map({"Identity": "ToplevelMiscNoGrad"}):
        y = tf.identity(x, name="y")
    z = tf.identity(x, name="z")
    return [tf.gradients(y, x), tf.gradients(z, x)[0].name]
