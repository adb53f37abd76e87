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


# -- tf.test ------------------------------------------------------------------------------------
@case
def test_compute_gradient_of_matmul(tf):
    x = tf.constant(np.arange(6.0).reshape(2, 3), tf.float64, name="x")
    w = tf.constant(np.linspace(-1.0, 1.0, 9).reshape(3, 3), tf.float64, name="w")
    y = tf.tanh(tf.matmul(x, w))
    with tf.Session():
        jt, jn = tf.test.compute_gradient(x, [2, 3], y, [2, 3], x_init_value=np.linspace(0.0, 1.0, 6).reshape(2, 3))
        error = tf.test.compute_gradient_error(w, [3, 3], y, [2, 3], x_init_value=np.eye(3))
    return [jt, jn, bool(error < 1e-6), sorted({op.type for op in tf.get_default_graph().get_operations()})]


@case
def test_compute_gradient_of_gather_is_sparse(tf):
    params = tf.constant(np.arange(8.0).reshape(4, 2), tf.float64)
    y = tf.gather(params, [3, 1, 3])
    with tf.Session():
        jt, jn = tf.test.compute_gradient(params, [4, 2], y, [3, 2], x_init_value=np.ones((4, 2)))
    return [jt, jn]


@case
def test_compute_gradient_of_a_list(tf):
    a = tf.constant([1.0, 2.0], tf.float64)
    b = tf.constant([3.0, 4.0], tf.float64)
    y = a * b + a
    with tf.Session():
        pairs = tf.test.compute_gradient([a, b], [[2], [2]], y, [2], x_init_value=[np.ones(2), np.full(2, 2.0)])
    return [list(p) for p in pairs]


@case
def test_device_queries(tf):
    return [tf.test.is_gpu_available(), tf.test.gpu_device_name(), tf.test.is_built_with_rocm()]


def _failure(fn, *args, **kwargs):
    try:
        fn(*args, **kwargs)
    except Exception as e:  # noqa: BLE001 - the class and message are the result
        return [type(e).__name__, str(e)]
    return None


@case
def test_case_assertion_messages(tf):
    t = tf.test.TestCase("assertAllClose")
    return [_failure(t.assertNear, 1.0, 2.0, 0.1), _failure(t.assertNear, 1.0, 2.0, 0.5, msg="why"),
            _failure(t.assertAllInRange, np.array([0.0, 2.0, 5.0]), 0.0, 4.0),
            _failure(t.assertAllInRange, np.array([0.0, 1.0]), 0.0, 1.0, open_upper_bound=True),
            _failure(t.assertAllInRange, np.array([np.nan, 1.0]), 0.0, 1.0),
            _failure(t.assertAllInRange, np.array(["a"]), 0, 1),
            _failure(t.assertAllInSet, np.array([1, 2, 3]), [1]),
            _failure(t.assertShapeEqual, [1], np.zeros(1)),
            _failure(t.assertDeviceEqual, "/cpu:0", "/job:w/device:CPU:0"),
            _failure(t.assertNotAllClose, [1.0], [1.0]), _failure(t.assertNotAllEqual, [1], [1]),
            _failure(t.assertAllClose, {"a": 1.0}, [1.0]), _failure(t.assertAllClose, [[1.0], 2.0], [[1.0]]),
            _failure(t.assertAllGreater, [1, 2], 1)]


@case
def test_case_passing_assertions(tf):
    t = tf.test.TestCase("assertAllClose")
    with tf.Session().as_default():
        return [t.assertAllClose(tf.constant([1.0, 2.0]), [1.0, 2.0]), t.assertAllEqual([[1, 2]], [[1, 2]]),
                t.assertAllInRange([1.0], 1.0, 2.0), t.assertArrayNear([1.0], [1.05], 0.1),
                t.assertNDArrayNear(np.ones(2), np.ones(2), 0.1), t.assertDeviceEqual("/cpu:0", "/device:CPU:0"),
                t.assertShapeEqual(np.zeros((2, 1)), tf.zeros([2, 1])),
                t.assertAllCloseAccordingToType(np.float32([1.0]), np.float32([1.0 + 5e-7])),
                t.evaluate({"k": tf.constant(3)})]


@case
def test_case_raises_op_error(tf):
    t = tf.test.TestCase("assertAllClose")
    x = tf.placeholder(tf.float32, name="x")
    checked = tf.check_numerics(x, "not finite")
    with tf.Session().as_default():
        with t.assertRaisesOpError("not finite"):
            checked.eval(feed_dict={x: np.inf})
        with t.assertRaisesOpError("Caused by: CheckNumerics"):
            checked.eval(feed_dict={x: np.inf})
        wrong = _failure(_expect_op_error, t, "other text", checked, x)
        none = _failure(_expect_op_error, t, "x", tf.identity(x), x)
    return [wrong[0], wrong[1].split(" <class")[0], none]


def _expect_op_error(t, pattern, fetch, x):
    with t.assertRaisesOpError(pattern):
        fetch.eval(feed_dict={x: np.inf})


# -- custom_gradient, grad_pass_through ----------------------------------------------------------
@case
def custom_gradient_graph_and_values(tf):
    @tf.custom_gradient
    def log1pexp(x):
        e = tf.exp(x)

        def grad(dy):
            return dy * (1 - 1 / (1 + e))

        return tf.log(1 + e), grad

    x = tf.constant([0.0, 100.0], name="x")
    y = log1pexp(x)
    g, = tf.gradients(y, x)
    ops = [[op.name, op.type] for op in tf.get_default_graph().get_operations()]
    with tf.Session() as sess:
        values = sess.run([y, g])
    return [y.name, g.name, ops, values, y.op.get_attr("_gradient_op_type").decode().split("-")[0]]


@case
def custom_gradient_two_inputs_two_outputs(tf):
    @tf.custom_gradient
    def f(a, b):
        def grad(da, db):
            return da * 2.0 + db, da - db * 3.0

        return [a * b, a + b], grad

    a = tf.constant([1.0, 2.0], name="a")
    b = tf.constant([3.0, 4.0], name="b")
    p, s = f(a, b)
    ga, gb = tf.gradients(p + 2.0 * s, [a, b])
    with tf.Session() as sess:
        return [p.name, s.name, ga.name, gb.name, sess.run([p, s, ga, gb])]


@case
def custom_gradient_with_a_variable(tf):
    w = tf.get_variable("w", initializer=tf.constant([[2.0]]))

    @tf.custom_gradient
    def linear(x):
        def grad(dy, variables=None):
            return dy * 10.0, [tf.ones_like(variables[0]) * 7.0]

        return tf.matmul(x, w), grad

    x = tf.constant([[3.0]], name="x")
    y = linear(x)
    gx, gw = tf.gradients(y, [x, w])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return [y.name, gx.name, gw.name, sess.run([y, gx, gw])]


@case
def custom_gradient_errors(tf):
    w = tf.get_variable("w", initializer=tf.constant([[2.0]]))

    @tf.custom_gradient
    def needs_variables(x):
        return tf.matmul(x, w), lambda dy: dy

    @tf.custom_gradient
    def makes_a_variable(x):
        v = tf.get_variable("inner", initializer=tf.constant(1.0))
        return x * v, lambda dy: dy

    @tf.custom_gradient
    def keyword(x, scale=2.0):
        return x * scale, lambda dy: dy

    x = tf.constant([[1.0]])
    return [raises(needs_variables, x)["error"], raises(makes_a_variable, x)["error"],
            raises(keyword, x, scale=3.0)]


@case
def grad_pass_through_of_an_assign(tf):
    x = tf.get_variable("x", initializer=tf.constant([1.0, 2.0]))
    y = tf.constant([5.0, 6.0], name="y")
    z = tf.grad_pass_through(x.assign)(y)
    g, = tf.gradients(z * 3.0, y)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return [z.name, g.name, sess.run([z, g])]
