"""tf.make_template: scope naming, variable sharing across calls and its errors."""

from tests.conformance.harness import case, op_names, raises


def _template_error(fn, *args):
    """Template errors append a lower-case "originally defined at:" stack trace: keep what precedes it."""
    result = raises(fn, *args)
    if "error" in result:
        result["message"] = result["message"].split("\n\noriginally defined at:")[0]
    return result


def _dense(tf):
    def fn(x):
        w = tf.get_variable("w", [1], initializer=tf.ones_initializer())
        return tf.multiply(x, w, name="out")

    return fn


@case
def tmpl_first_call_names(tf):
    t = tf.make_template("template", _dense(tf))
    y = t(tf.constant(2.0, name="x"))
    return [y.name, [v.name for v in tf.global_variables()]]


@case
def tmpl_second_call_shares(tf):
    t = tf.make_template("template", _dense(tf))
    y1 = t(tf.constant(2.0, name="x"))
    y2 = t(tf.constant(3.0, name="x"))
    return [y1.name, y2.name, [v.name for v in tf.global_variables()]]


@case
def tmpl_second_call_op_names(tf):
    t = tf.make_template("template", _dense(tf))
    t(tf.constant(2.0, name="x"))
    t(tf.constant(3.0, name="x"))
    return op_names(tf.get_default_graph())


@case
def tmpl_two_templates_same_name(tf):
    t1 = tf.make_template("template", _dense(tf))
    t2 = tf.make_template("template", _dense(tf))
    y1 = t1(tf.constant(1.0))
    y2 = t2(tf.constant(1.0))
    return [y1.name, y2.name, [v.name for v in tf.global_variables()]]


@case
def tmpl_values(tf):
    t = tf.make_template("template", _dense(tf))
    y1 = t(tf.constant(2.0))
    y2 = t(tf.constant(3.0))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run([y1, y2])


@case
def tmpl_variable_scope_name_before_call(tf):
    t = tf.make_template("template", _dense(tf))
    return t.variable_scope is None if hasattr(t, "variable_scope") else "no attribute"


@case
def tmpl_variable_scope_name_after_call(tf):
    t = tf.make_template("template", _dense(tf))
    t(tf.constant(1.0))
    return [t.variable_scope.name, t.variable_scope_name, t.name]


@case
def tmpl_create_scope_now(tf):
    t = tf.make_template("template", _dense(tf), create_scope_now_=True)
    before = t.variable_scope.name
    c = tf.constant(1.0, name="c")
    y = t(c)
    return [before, y.name, [v.name for v in tf.global_variables()]]


@case
def tmpl_create_scope_now_op_names(tf):
    t = tf.make_template("template", _dense(tf), create_scope_now_=True)
    t(tf.constant(1.0, name="c"))
    t(tf.constant(1.0, name="c"))
    return op_names(tf.get_default_graph())


@case
def tmpl_create_scope_now_two_templates(tf):
    t1 = tf.make_template("template", _dense(tf), create_scope_now_=True)
    t2 = tf.make_template("template", _dense(tf), create_scope_now_=True)
    return [t1.variable_scope.name, t2.variable_scope.name]


@case
def tmpl_unique_name(tf):
    t = tf.make_template("template", _dense(tf), unique_name_="custom")
    y = t(tf.constant(1.0))
    return [y.name, [v.name for v in tf.global_variables()], t.variable_scope.name]


@case
def tmpl_unique_name_reused_fails(tf):
    t1 = tf.make_template("template", _dense(tf), unique_name_="custom")
    t2 = tf.make_template("template", _dense(tf), unique_name_="custom")
    t1(tf.constant(1.0))
    return _template_error(t2, tf.constant(1.0))


@case
def tmpl_inside_variable_scope(tf):
    with tf.variable_scope("outer"):
        t = tf.make_template("template", _dense(tf))
        y = t(tf.constant(1.0))
    return [y.name, [v.name for v in tf.global_variables()], t.variable_scope.name]


@case
def tmpl_created_in_scope_called_outside(tf):
    with tf.variable_scope("outer"):
        t = tf.make_template("template", _dense(tf))
    y = t(tf.constant(1.0))
    return [y.name, [v.name for v in tf.global_variables()]]


@case
def tmpl_created_in_scope_now_called_outside(tf):
    with tf.variable_scope("outer"):
        t = tf.make_template("template", _dense(tf), create_scope_now_=True)
    y = t(tf.constant(1.0))
    return [y.name, [v.name for v in tf.global_variables()]]


@case
def tmpl_called_inside_other_scope(tf):
    t = tf.make_template("template", _dense(tf))
    with tf.variable_scope("a"):
        y1 = t(tf.constant(1.0))
    with tf.variable_scope("b"):
        y2 = t(tf.constant(1.0))
    return [y1.name, y2.name, [v.name for v in tf.global_variables()]]


@case
def tmpl_tf_variable_on_first_call_ok(tf):
    def fn():
        return tf.Variable(1.0, name="v")

    t = tf.make_template("template", fn)
    v = t()
    return v.name


@case
def tmpl_tf_variable_trainable_on_second_call_error(tf):
    def fn():
        return tf.Variable(1.0, name="v")

    t = tf.make_template("template", fn)
    t()
    return _template_error(t)


@case
def tmpl_tf_variable_non_trainable_on_second_call(tf):
    def fn():
        return tf.Variable(1.0, name="v", trainable=False)

    t = tf.make_template("template", fn)
    a = t()
    b = t()
    return [a.name, b.name]


@case
def tmpl_new_get_variable_on_second_call_error(tf):
    state = {"n": 0}

    def fn():
        state["n"] += 1
        return tf.get_variable("w%d" % state["n"], [1])

    t = tf.make_template("template", fn)
    t()
    return _template_error(t)


@case
def tmpl_kwargs_passed_to_function(tf):
    def fn(x, scale=1.0):
        w = tf.get_variable("w", [1], initializer=tf.constant_initializer(scale))
        return x * w

    t = tf.make_template("template", fn, scale=3.0)
    y = t(tf.constant(2.0))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return [y.name, sess.run(y)]


@case
def tmpl_name_with_invalid_chars(tf):
    t = tf.make_template("bad name", _dense(tf))
    return _template_error(t, tf.constant(1.0))


@case
def tmpl_name_none(tf):
    tf.make_template(None, _dense(tf))
    return "unreachable"


@case
def tmpl_global_variables_property(tf):
    t = tf.make_template("template", _dense(tf))
    t(tf.constant(1.0))
    tf.get_variable("other", [1])
    return [[v.name for v in t.global_variables], [v.name for v in t.trainable_variables],
            [v.name for v in t.variables], [v.name for v in t.local_variables]]


@case
def tmpl_trainable_vs_non_trainable_properties(tf):
    def fn():
        tf.get_variable("a", [1])
        tf.get_variable("b", [1], trainable=False)

    t = tf.make_template("template", fn)
    t()
    return [[v.name for v in t.trainable_variables], [v.name for v in t.non_trainable_variables]]


@case
def tmpl_type_name(tf):
    return type(tf.make_template("template", _dense(tf))).__name__


@case
def tmpl_nested_templates(tf):
    inner = tf.make_template("inner", _dense(tf))

    def outer_fn(x):
        return inner(x) + tf.get_variable("b", [1], initializer=tf.zeros_initializer())

    outer = tf.make_template("outer", outer_fn)
    outer(tf.constant(1.0))
    outer(tf.constant(1.0))
    return sorted(v.name for v in tf.global_variables())


@case
def tmpl_template_inside_template_created_inside(tf):
    def outer_fn(x):
        inner = tf.make_template("inner", _dense(tf))
        return inner(x)

    outer = tf.make_template("outer", outer_fn)
    y = outer(tf.constant(1.0))
    return [y.name, [v.name for v in tf.global_variables()]]


@case
def tmpl_three_calls_op_names(tf):
    def fn(x):
        w = tf.get_variable("w", [1], initializer=tf.zeros_initializer())
        return tf.add(x, w, name="sum")

    t = tf.make_template("t", fn)
    ys = [t(tf.constant(1.0, name="c")) for _ in range(3)]
    return [y.name for y in ys]


@case
def tmpl_no_variables_created(tf):
    t = tf.make_template("t", lambda x: tf.identity(x, name="id"))
    y1 = t(tf.constant(1.0))
    y2 = t(tf.constant(1.0))
    return [y1.name, y2.name]


@case
def tmpl_func_name_attribute(tf):
    def my_function(x):
        return x

    t = tf.make_template("t", my_function)
    return t.name


@case
def tmpl_get_variable_with_auto_reuse_inside(tf):
    def fn():
        with tf.variable_scope("inner", reuse=tf.AUTO_REUSE):
            return tf.get_variable("w", [1])

    t = tf.make_template("t", fn)
    a = t()
    b = t()
    return [a.name, a is b]


@case
def tmpl_reuse_of_outer_scope_on_first_call(tf):
    t = tf.make_template("t", _dense(tf))
    with tf.variable_scope("s", reuse=True):
        return _template_error(t, tf.constant(1.0))


@case
def tmpl_two_calls_in_name_scope(tf):
    t = tf.make_template("t", _dense(tf))
    with tf.name_scope("ns"):
        y1 = t(tf.constant(1.0))
        y2 = t(tf.constant(1.0))
    return [y1.name, y2.name, [v.name for v in tf.global_variables()]]
