"""What real TF1 programs build when a variable's initial value reads other variables: TF1's
``RefVariable`` guards the initializer (``_try_guard_against_uninitialized_dependencies``). The
CIFAR-10 trainer's ``ExponentialMovingAverage`` shadows are the everyday instance."""

from tests.conformance.harness import case


def _ops(graph, start=0):
    return [[op.name, op.type, op.device, [t.name for t in op.inputs], op.colocation_groups()]
            for op in graph.get_operations()[start:]]


@case
def initial_value_reading_a_variable_is_guarded(tf):
    with tf.Graph().as_default() as g:
        v = tf.Variable(1.0, name="v")
        w = tf.Variable(v * 2.0, name="w")
        u = tf.Variable(v.initialized_value() + 1.0, name="u")
        with tf.device("/cpu:0"):
            x = tf.get_variable("x", initializer=w.initialized_value())
        return {"ops": _ops(g), "initializers": [t.initializer.inputs[1].name for t in (w, u, x)],
                "initial_values": [t.initial_value.name for t in (w, u, x)]}


@case
def guarded_initializers_run_in_any_order(tf):
    with tf.Graph().as_default():
        v = tf.Variable([1.0, 2.0], name="v")
        w = tf.Variable(v * 3.0, name="w")
        z = tf.Variable(w + v, name="z")
        with tf.Session() as sess:
            sess.run(v.initializer)
            sess.run(z.initializer)  # w not initialized: z reads w's initial value
            first = sess.run(z).tolist()
            sess.run(w.assign([10.0, 20.0]))
            sess.run(z.initializer)  # w initialized now: z reads its value
            second = sess.run(z).tolist()
            sess.run(v.assign([0.5, 0.5]))
            sess.run([w.initializer])
            sess.run(z.initializer)
            third = sess.run(z).tolist()
            uninitialized = sorted(n.decode() for n in sess.run(tf.report_uninitialized_variables()))
        return [first, second, third, uninitialized]


@case
def moving_average_shadow_of_a_cpu_variable(tf):
    # cifar10.train(): EMA of variables made by get_variable under tf.device('/cpu:0')
    with tf.Graph().as_default() as g:
        with tf.variable_scope("conv1"), tf.device("/cpu:0"):
            w = tf.get_variable("weights", [2], initializer=tf.constant_initializer([1.0, 2.0]))
        step = tf.train.get_or_create_global_step()
        start = len(g.get_operations())
        ema = tf.train.ExponentialMovingAverage(0.9, step)
        update = ema.apply([w])
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(w.assign([3.0, 5.0]))
            sess.run(update)
            value = sess.run(ema.average(w)).tolist()
        return {"ops": _ops(g, start), "value": value, "average_name": ema.average_name(w)}


@case
def no_guard_for_a_variable_outside_the_collections(tf):
    with tf.Graph().as_default() as g:
        v = tf.Variable(1.0, name="v", collections=[])
        w = tf.Variable(v + 1.0, name="w")
        local = tf.Variable(2.0, name="local", collections=[tf.GraphKeys.LOCAL_VARIABLES])
        y = tf.Variable(local * 2.0, name="y")
        return {"ops": _ops(g), "inits": [w.initializer.inputs[1].name, y.initializer.inputs[1].name]}


@case
def no_guard_when_the_initial_value_comes_from_a_loop(tf):
    with tf.Graph().as_default() as g:
        v = tf.Variable(1.0, name="v")
        total = tf.while_loop(lambda i, s: i < 3, lambda i, s: (i + 1, s + v), [0, 0.0])[1]
        w = tf.Variable(lambda: total, name="w")  # a tensor from a loop needs a callable
        return [w.initializer.inputs[1].name, len(g.get_operations()),
                sorted(op.name for op in g.get_operations() if op.name.endswith("_w"))]


@case
def guard_copies_keep_attributes_and_scopes(tf):
    with tf.Graph().as_default() as g:
        with tf.name_scope("outer"):
            v = tf.Variable([[1.0, 2.0]], name="v")
            t = tf.transpose(v, name="t")
        with tf.variable_scope("scope"):
            w = tf.get_variable("w", initializer=tf.matmul(t, v, name="mm"))
        copies = [op for op in g.get_operations() if op.name.endswith("_scope/w")]
        return {"copies": [[op.name, op.type, [t.name for t in op.inputs], op.colocation_groups()]
                           for op in copies],
                "matmul_attrs": [copies[-1].get_attr("transpose_a"), copies[-1].get_attr("T").name],
                "shape": w.shape.as_list(), "init": w.initializer.inputs[1].name}
