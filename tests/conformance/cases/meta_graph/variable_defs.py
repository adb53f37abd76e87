"""``Variable.to_proto`` / ``from_proto`` and ``tf.Variable(variable_def=...)``."""

from tests.conformance.cases.meta_graph._helpers import plain
from tests.conformance.harness import case, raises


@case
def variable_def_of_a_variable(tf):
    v = tf.Variable([1.0, 2.0], name="v")
    return plain(v.to_proto())


@case
def variable_def_of_get_variable_and_of_a_callable_initial_value(tf):
    with tf.variable_scope("scope"):
        w = tf.get_variable("w", [2, 3])
    c = tf.Variable(lambda: tf.ones([2]), name="c", trainable=False)
    return [plain(w.to_proto()), plain(c.to_proto())]


@case
def variable_def_of_synchronized_and_aggregated_variables(tf):
    a = tf.Variable(1.0, name="a", synchronization=tf.VariableSynchronization.ON_READ,
                    aggregation=tf.VariableAggregation.MEAN)
    b = tf.get_variable("b", [], synchronization=tf.VariableSynchronization.ON_WRITE,
                        aggregation=tf.VariableAggregation.SUM)
    return [plain(a.to_proto()), plain(b.to_proto())]


@case
def to_proto_with_an_export_scope(tf):
    with tf.variable_scope("outer"):
        with tf.variable_scope("inner"):
            v = tf.Variable(1.0, name="v")
    return [plain(v.to_proto(export_scope="outer")), plain(v.to_proto(export_scope="outer/inner/")),
            v.to_proto(export_scope="other") is None, plain(v.to_proto(export_scope="outer/inner/v"))]


@case
def from_proto_binds_the_existing_ops(tf):
    v = tf.Variable([1.0, 2.0], name="v", trainable=False)
    again = tf.Variable.from_proto(v.to_proto()) if hasattr(tf.Variable, "from_proto") else None
    made = tf.Variable(variable_def=v.to_proto())
    with tf.Session() as sess:
        sess.run(made.initializer)
        value = sess.run(made).tolist()
    return {"name": made.name, "op": made.op.name, "initializer": made.initializer.name,
            "initial_value": made.initial_value.name, "value_tensor": made.value().name, "trainable": made.trainable,
            "from_proto": None if again is None else again.name, "same_op": made.op is v.op, "value": value,
            "collections": [x.name for x in tf.global_variables()], "ops": len(tf.get_default_graph().get_operations())}


@case
def variable_def_with_an_import_scope(tf):
    with tf.name_scope("copy"):
        v = tf.Variable(3.0, name="v")
    proto = v.to_proto(export_scope="copy")
    made = tf.Variable(variable_def=proto, import_scope="copy")
    return [made.name, made.initializer.name, made.value().name, plain(proto)]


@case
def variable_def_errors(tf):
    v = tf.Variable(1.0, name="v")
    proto = v.to_proto()
    missing = v.to_proto()
    missing.snapshot_name = "nothing:0"
    bad = v.to_proto()
    bad.synchronization = 9
    return [raises(lambda: tf.Variable(2.0, variable_def=proto)), raises(lambda: tf.Variable(variable_def=missing)),
            raises(lambda: tf.Variable(variable_def=bad))]
