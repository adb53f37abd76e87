"""Variable collections, GraphKeys and the variable initializer / initialization-check ops."""

from tests.conformance.harness import case, op_names, op_summary, raises


def _names(xs):
    return [x.name for x in xs]


@case
def coll_graphkeys_names(tf):
    k = tf.GraphKeys
    return [k.GLOBAL_VARIABLES, k.LOCAL_VARIABLES, k.TRAINABLE_VARIABLES, k.MODEL_VARIABLES,
            k.REGULARIZATION_LOSSES, k.UPDATE_OPS, k.LOSSES, k.SUMMARIES, k.QUEUE_RUNNERS,
            k.MOVING_AVERAGE_VARIABLES, k.GLOBAL_STEP, k.INIT_OP, k.LOCAL_INIT_OP, k.READY_OP,
            k.SAVEABLE_OBJECTS, k.CONCATENATED_VARIABLES, k.TRAIN_OP, k.ASSET_FILEPATHS]


@case
def coll_graphkeys_variables_alias(tf):
    return [tf.GraphKeys.VARIABLES, tf.GraphKeys.VARIABLES == tf.GraphKeys.GLOBAL_VARIABLES]


@case
def coll_global_variables_order(tf):
    a = tf.Variable(1.0, name="a")
    b = tf.get_variable("b", [1])
    c = tf.Variable(1.0, name="c", trainable=False)
    return [_names(tf.global_variables()), tf.global_variables()[0] is a, tf.global_variables()[1] is b,
            tf.global_variables()[2] is c]


@case
def coll_trainable_variables(tf):
    tf.Variable(1.0, name="a")
    tf.Variable(1.0, name="b", trainable=False)
    tf.get_variable("c", [1])
    tf.get_variable("d", [1], trainable=False)
    return _names(tf.trainable_variables())


@case
def coll_local_variables(tf):
    tf.Variable(1.0, name="a", collections=[tf.GraphKeys.LOCAL_VARIABLES])
    tf.get_local_variable("b", [1])
    tf.get_variable("c", [1])
    return [_names(tf.local_variables()), _names(tf.global_variables())]


@case
def coll_model_variables_empty(tf):
    tf.get_variable("a", [1])
    return _names(tf.model_variables())


@case
def coll_model_variables_explicit(tf):
    tf.get_variable("a", [1], collections=[tf.GraphKeys.GLOBAL_VARIABLES, tf.GraphKeys.MODEL_VARIABLES])
    tf.get_variable("b", [1])
    return [_names(tf.model_variables()), _names(tf.trainable_variables())]


@case
def coll_empty_collections(tf):
    return [tf.global_variables(), tf.trainable_variables(), tf.local_variables(), tf.model_variables(),
            tf.get_collection("nothing")]


@case
def coll_global_variables_scope_filter(tf):
    with tf.variable_scope("a"):
        tf.get_variable("x", [1])
    with tf.variable_scope("ab"):
        tf.get_variable("y", [1])
    tf.get_variable("z", [1])
    return [_names(tf.global_variables("a")), _names(tf.global_variables("a/")), _names(tf.global_variables("z")),
            _names(tf.global_variables(scope="ab"))]


@case
def coll_scope_filter_is_regex_match(tf):
    with tf.variable_scope("layer1"):
        tf.get_variable("w", [1])
    with tf.variable_scope("layer2"):
        tf.get_variable("w", [1])
    with tf.variable_scope("other"):
        tf.get_variable("layer3", [1])
    return [_names(tf.global_variables("layer[12]")), _names(tf.global_variables(".*w")),
            _names(tf.global_variables("layer3"))]


@case
def coll_trainable_variables_scope_filter(tf):
    with tf.variable_scope("a"):
        tf.get_variable("x", [1])
        tf.get_variable("y", [1], trainable=False)
    tf.get_variable("z", [1])
    return _names(tf.trainable_variables("a"))


@case
def coll_local_variables_scope_filter(tf):
    with tf.variable_scope("a"):
        tf.get_local_variable("x", [1])
    tf.get_local_variable("y", [1])
    return _names(tf.local_variables(scope="a"))


@case
def coll_get_collection_scope_filter_skips_objects_without_name(tf):
    tf.add_to_collection("mixed", 3)
    tf.add_to_collection("mixed", tf.constant(1.0, name="a"))
    tf.add_to_collection("mixed", "a string")
    return [len(tf.get_collection("mixed")), _names(tf.get_collection("mixed", scope="a"))]


@case
def coll_add_to_collection(tf):
    c = tf.constant(1.0, name="c")
    tf.add_to_collection("mine", c)
    tf.add_to_collection("mine", c)
    return [_names(tf.get_collection("mine")), tf.get_collection("mine")[0] is c]


@case
def coll_add_to_collections_multiple(tf):
    c = tf.constant(1.0, name="c")
    tf.add_to_collections(["x", "y"], c)
    return [_names(tf.get_collection("x")), _names(tf.get_collection("y"))]


@case
def coll_get_collection_returns_copy(tf):
    tf.add_to_collection("mine", 1)
    lst = tf.get_collection("mine")
    lst.append(2)
    return tf.get_collection("mine")


@case
def coll_get_collection_ref_is_live(tf):
    ref = tf.get_collection_ref("mine")
    ref.append(5)
    tf.add_to_collection("mine", 6)
    return [tf.get_collection("mine"), ref]


@case
def coll_clear_collection(tf):
    tf.add_to_collection("mine", 1)
    tf.get_default_graph().clear_collection("mine")
    return tf.get_collection("mine")


@case
def coll_graph_get_all_collection_keys(tf):
    tf.get_variable("a", [1])
    tf.get_local_variable("b", [1])
    return sorted(tf.get_default_graph().get_all_collection_keys())


@case
def coll_global_variables_initializer_name(tf):
    tf.Variable(1.0, name="a")
    init = tf.global_variables_initializer()
    return [init.name, init.type, type(init).__name__, [i.name for i in init.inputs],
            [c.name for c in init.control_inputs]]


@case
def coll_global_variables_initializer_many(tf):
    tf.Variable(1.0, name="a")
    tf.get_variable("b", [1], initializer=tf.zeros_initializer())
    tf.Variable(1.0, name="c", trainable=False)
    init = tf.global_variables_initializer()
    return [init.name, [c.name for c in init.control_inputs]]


@case
def coll_global_variables_initializer_excludes_locals(tf):
    tf.Variable(1.0, name="a")
    tf.get_local_variable("l", [1])
    init = tf.global_variables_initializer()
    return [c.name for c in init.control_inputs]


@case
def coll_global_variables_initializer_twice(tf):
    tf.Variable(1.0, name="a")
    i1 = tf.global_variables_initializer()
    i2 = tf.global_variables_initializer()
    return [i1.name, i2.name]


@case
def coll_global_variables_initializer_empty(tf):
    init = tf.global_variables_initializer()
    return [init.name, init.type, init.control_inputs, op_summary(tf.get_default_graph())]


@case
def coll_global_variables_initializer_in_name_scope(tf):
    tf.Variable(1.0, name="a")
    with tf.name_scope("ns"):
        init = tf.global_variables_initializer()
    return init.name


@case
def coll_global_variables_initializer_runs(tf):
    a = tf.Variable(1.0, name="a")
    b = tf.get_variable("b", [2], initializer=tf.ones_initializer())
    with tf.Session() as sess:
        out = sess.run(tf.global_variables_initializer())
        return [out, sess.run(a), sess.run(b)]


@case
def coll_local_variables_initializer_name(tf):
    tf.Variable(1.0, name="a")
    tf.get_local_variable("l", [1])
    g = tf.global_variables_initializer()
    l = tf.local_variables_initializer()
    return [g.name, l.name, l.type, [c.name for c in l.control_inputs]]


@case
def coll_local_variables_initializer_alone(tf):
    tf.get_local_variable("l", [1])
    l = tf.local_variables_initializer()
    return [l.name, [c.name for c in l.control_inputs]]


@case
def coll_local_variables_initializer_empty(tf):
    l = tf.local_variables_initializer()
    return [l.name, l.type]


@case
def coll_local_variables_initializer_runs(tf):
    v = tf.get_local_variable("l", [2], initializer=tf.constant_initializer(3.0))
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        return sess.run(v)


@case
def coll_variables_initializer_list(tf):
    a = tf.Variable(1.0, name="a")
    b = tf.Variable(2.0, name="b")
    init = tf.variables_initializer([a, b])
    return [init.name, init.type, [c.name for c in init.control_inputs]]


@case
def coll_variables_initializer_custom_name(tf):
    a = tf.Variable(1.0, name="a")
    init = tf.variables_initializer([a], name="my_init")
    return [init.name, [c.name for c in init.control_inputs]]


@case
def coll_variables_initializer_empty_list(tf):
    init = tf.variables_initializer([])
    return [init.name, init.type, init.control_inputs]


@case
def coll_variables_initializer_empty_list_named(tf):
    init = tf.variables_initializer([], name="nothing")
    return [init.name, init.type]


@case
def coll_variables_initializer_partial_run(tf):
    a = tf.Variable(1.0, name="a")
    b = tf.Variable(2.0, name="b")
    with tf.Session() as sess:
        sess.run(tf.variables_initializer([a]))
        return [sess.run(a), raises(sess.run, b)["error"]]


@case
def coll_variables_initializer_names_sequence(tf):
    a = tf.Variable(1.0, name="a")
    names = [tf.variables_initializer([a]).name, tf.variables_initializer([a]).name,
             tf.global_variables_initializer().name, tf.local_variables_initializer().name]
    return names


@case
def coll_initialize_all_variables_alias(tf):
    tf.Variable(1.0, name="a")
    init = tf.initialize_all_variables()
    return [init.name, init.type]


@case
def coll_initialize_variables_alias(tf):
    a = tf.Variable(1.0, name="a")
    init = tf.initialize_variables([a])
    return [init.name, init.type]


@case
def coll_initialize_local_variables_alias(tf):
    init = tf.initialize_local_variables()
    return [init.name, init.type]


@case
def coll_is_variable_initialized_op(tf):
    v = tf.Variable(1.0, name="v")
    t = tf.is_variable_initialized(v)
    return [t.name, t.op.type, t.dtype, [i.name for i in t.op.inputs]]


@case
def coll_is_variable_initialized_values(tf):
    v = tf.Variable(1.0, name="v")
    t = tf.is_variable_initialized(v)
    with tf.Session() as sess:
        before = sess.run(t)
        sess.run(v.initializer)
        after = sess.run(t)
    return [before, after]


@case
def coll_is_variable_initialized_twice_names(tf):
    v = tf.Variable(1.0, name="v")
    return [tf.is_variable_initialized(v).name, tf.is_variable_initialized(v).name]


@case
def coll_report_uninitialized_variables_ops(tf):
    tf.Variable(1.0, name="a")
    tf.Variable(2.0, name="b")
    t = tf.report_uninitialized_variables()
    return [t.name, t.dtype, op_summary(tf.get_default_graph())]


@case
def coll_report_uninitialized_variables_values(tf):
    a = tf.Variable(1.0, name="a")
    tf.Variable(2.0, name="b")
    with tf.variable_scope("s"):
        tf.get_variable("c", [1])
    t = tf.report_uninitialized_variables()
    with tf.Session() as sess:
        before = sess.run(t)
        sess.run(a.initializer)
        middle = sess.run(t)
        sess.run(tf.global_variables_initializer())
        after = sess.run(t)
    return [before, middle, after]


@case
def coll_report_uninitialized_variables_empty(tf):
    t = tf.report_uninitialized_variables()
    with tf.Session() as sess:
        out = sess.run(t)
    return [t.name, op_summary(tf.get_default_graph()), out]


@case
def coll_report_uninitialized_variables_list(tf):
    a = tf.Variable(1.0, name="a")
    tf.Variable(2.0, name="b")
    t = tf.report_uninitialized_variables([a])
    with tf.Session() as sess:
        return sess.run(t)


@case
def coll_report_uninitialized_variables_includes_locals(tf):
    tf.Variable(1.0, name="a")
    tf.get_local_variable("l", [1])
    t = tf.report_uninitialized_variables()
    with tf.Session() as sess:
        return sess.run(t)


@case
def coll_assert_variables_initialized_exists(tf):
    return hasattr(tf, "assert_variables_initialized")


@case
def coll_assert_variables_initialized_op(tf):
    tf.Variable(1.0, name="a")
    tf.Variable(2.0, name="b")
    t = tf.assert_variables_initialized()
    return [t.name, t.dtype, op_summary(tf.get_default_graph())]


@case
def coll_assert_variables_initialized_empty(tf):
    return tf.assert_variables_initialized()


@case
def coll_global_variables_initializer_control_inputs_are_assign_ops(tf):
    tf.Variable(1.0, name="a")
    init = tf.global_variables_initializer()
    return [[c.name, c.type] for c in init.control_inputs]


@case
def coll_add_to_collection_duplicates_variable_in_global(tf):
    v = tf.Variable(1.0, name="v", collections=[tf.GraphKeys.GLOBAL_VARIABLES, "x"])
    tf.add_to_collection(tf.GraphKeys.GLOBAL_VARIABLES, v)
    return [_names(tf.global_variables()), _names(tf.get_collection("x"))]


@case
def coll_add_to_collection_trainable_manually(tf):
    v = tf.Variable(1.0, name="v", trainable=False)
    tf.add_to_collection(tf.GraphKeys.TRAINABLE_VARIABLES, v)
    return [v.trainable, _names(tf.trainable_variables())]


@case
def coll_initializer_op_names_after_other_init(tf):
    tf.no_op(name="init")
    tf.Variable(1.0, name="a")
    return tf.global_variables_initializer().name


@case
def coll_global_variables_initializer_op_name_listing(tf):
    tf.Variable(1.0, name="a")
    tf.global_variables_initializer()
    tf.local_variables_initializer()
    return op_names(tf.get_default_graph())
