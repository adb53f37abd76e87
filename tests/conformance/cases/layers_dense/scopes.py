"""tf.layers.dense / Dense: op and variable names, sharing and reuse, variable and name scopes, layer
objects."""

from tests.conformance.cases._layers_helpers import model, var_names
from tests.conformance.cases.layers_dense._helpers import _x
from tests.conformance.harness import case, op_names, raises


@case
def dense_model_ops(tf):
    y = tf.layers.dense(_x(tf), 3, activation=tf.nn.relu)
    return model(tf, y)


@case
def dense_two_layers_model(tf):
    x = _x(tf)
    h = tf.layers.dense(x, 5, activation=tf.nn.relu)
    y = tf.layers.dense(h, 2)
    return model(tf, [h, y])


@case
def dense_no_bias_model(tf):
    y = tf.layers.dense(_x(tf), 3, use_bias=False)
    return model(tf, y)


@case
def dense_named(tf):
    x = _x(tf)
    a = tf.layers.dense(x, 3, name="fc")
    b = tf.layers.dense(x, 3, name="fc2")
    return [a.name, b.name, var_names(tf.global_variables())]


@case
def dense_name_reuse_true(tf):
    x = _x(tf)
    a = tf.layers.dense(x, 3, name="fc")
    b = tf.layers.dense(x, 3, name="fc", reuse=True)
    c = tf.layers.dense(x, 3, name="fc", reuse=True)
    return [a.name, b.name, c.name, var_names(tf.global_variables()), op_names(tf.get_default_graph())[-6:]]


@case
def dense_name_reuse_auto(tf):
    x = _x(tf)
    a = tf.layers.dense(x, 3, name="fc", reuse=tf.AUTO_REUSE)
    b = tf.layers.dense(x, 3, name="fc", reuse=tf.AUTO_REUSE)
    return [a.name, b.name, var_names(tf.global_variables())]


@case
def dense_reuse_missing_error(tf):
    return raises(lambda: tf.layers.dense(_x(tf), 3, name="nope", reuse=True))


@case
def dense_duplicate_name_error(tf):
    x = _x(tf)
    tf.layers.dense(x, 3, name="fc")
    return raises(lambda: tf.layers.dense(x, 3, name="fc"))


@case
def dense_reuse_shape_mismatch_error(tf):
    x = _x(tf)
    tf.layers.dense(x, 3, name="fc")
    return raises(lambda: tf.layers.dense(x, 4, name="fc", reuse=True))


@case
def dense_in_variable_scope(tf):
    x = _x(tf)
    with tf.variable_scope("outer"):
        a = tf.layers.dense(x, 3)
        b = tf.layers.dense(x, 3)
        with tf.variable_scope("inner"):
            c = tf.layers.dense(x, 3, name="fc")
    return [a.name, b.name, c.name, var_names(tf.global_variables())]


@case
def dense_variable_scope_reuse(tf):
    x = _x(tf)
    with tf.variable_scope("s"):
        a = tf.layers.dense(x, 3)
    with tf.variable_scope("s", reuse=True):
        b = tf.layers.dense(x, 3)
    return [a.name, b.name, var_names(tf.global_variables())]


@case
def dense_variable_scope_auto_reuse_loop(tf):
    x = _x(tf)
    outs = []
    for _ in range(3):
        with tf.variable_scope("tower", reuse=tf.AUTO_REUSE):
            outs.append(tf.layers.dense(x, 2, name="fc").name)
    return [outs, var_names(tf.global_variables())]


@case
def dense_reuse_variables_method(tf):
    x = _x(tf)
    with tf.variable_scope("m") as scope:
        a = tf.layers.dense(x, 3, name="fc")
        scope.reuse_variables()
        b = tf.layers.dense(x, 3, name="fc")
    return [a.name, b.name, var_names(tf.global_variables())]


@case
def dense_in_name_scope(tf):
    x = _x(tf)
    with tf.name_scope("ns"):
        a = tf.layers.dense(x, 3)
    b = tf.layers.dense(x, 3)
    return [a.name, b.name, var_names(tf.global_variables())]


@case
def dense_name_scope_clash(tf):
    x = _x(tf)
    tf.constant(1.0, name="dense")
    y = tf.layers.dense(x, 3)
    return [y.name, var_names(tf.global_variables())]


@case
def dense_object_called_twice(tf):
    x = _x(tf)
    layer = tf.layers.Dense(3, activation=tf.nn.relu)
    a = layer(x)
    b = layer(x)
    return {"outs": [a.name, b.name], "vars": var_names(layer.variables),
            "global": var_names(tf.global_variables()), "ops": op_names(tf.get_default_graph())[-6:]}


@case
def dense_object_names(tf):
    a, b = tf.layers.Dense(3), tf.layers.Dense(3)
    c = tf.layers.Dense(3, name="head")
    names = [a.name, b.name, c.name]
    x = _x(tf)
    b(x)
    a(x)
    c(x)
    return [names, a.scope_name, b.scope_name, c.scope_name, var_names(tf.global_variables())]


@case
def dense_object_same_explicit_name(tf):
    x = _x(tf)
    a = tf.layers.Dense(3, name="head")
    b = tf.layers.Dense(3, name="head")
    return [a(x).name, b(x).name, a.scope_name, b.scope_name, var_names(tf.global_variables())]


@case
def dense_object_in_scope_then_outside(tf):
    x = _x(tf)
    with tf.variable_scope("outer"):
        layer = tf.layers.Dense(3)
        a = layer(x)
    b = layer(x)
    return [a.name, b.name, layer.scope_name, var_names(tf.global_variables())]


@case
def dense_call_scope_argument(tf):
    x = _x(tf)
    layer = tf.layers.Dense(3)
    y = layer(x, scope="custom")
    return [y.name, layer.scope_name, var_names(layer.variables)]
