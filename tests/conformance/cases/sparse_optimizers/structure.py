"""The update graphs of the optimizers for sparse gradients, and their errors."""

from tests.conformance.cases.sparse_optimizers._helpers import OPTIMIZERS, model
from tests.conformance.harness import case, error_class, raises


def _update_ops(tf, make, dtype="float32"):
    """[name, type, inputs, control inputs] of every op outside the gradients/ scope."""
    _, _, _, loss = model(tf, dtype)
    train = make(tf).minimize(loss)
    ops = [[op.name, op.type, [t.name for t in op.inputs], sorted(c.name for c in op.control_inputs)]
           for op in tf.get_default_graph().get_operations() if not op.name.startswith("gradients/")]
    return [train.name, train.type, ops]


def _graph_case(name, dtype):
    def fn(tf):
        return _update_ops(tf, OPTIMIZERS[name], dtype)
    fn.__name__ = f"update_graph_{name}_{dtype}"
    fn.__qualname__ = fn.__name__
    fn.__module__ = __name__
    return case(fn)


for _name in ("gd", "momentum", "nesterov", "adagrad", "adam", "rmsprop", "rmsprop_centered", "adadelta",
              "proximal"):
    _graph_case(_name, "float32")
for _name in ("gd", "adam", "adagrad"):
    _graph_case(_name, "float64")


@case
def gradient_graph(tf):
    _, _, _, loss = model(tf)
    tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    return [[op.name, op.type, [t.name for t in op.inputs]] for op in tf.get_default_graph().get_operations()
            if op.name.startswith("gradients/")]


@case
def update_op_attrs(tf):
    _, _, _, loss = model(tf)
    out = {}
    for name in ("momentum", "nesterov", "adagrad", "rmsprop", "adadelta", "proximal"):
        OPTIMIZERS[name](tf).minimize(loss)
    for op in tf.get_default_graph().get_operations():
        if op.type.startswith("SparseApply") or op.type.startswith("Scatter"):
            out[op.name] = [op.type] + [[a, str(op.get_attr(a))] for a in ("T", "Tindices", "use_locking")]
    return out


@case
def constraint_on_a_sparse_variable(tf):
    w = tf.Variable(tf.ones([4, 2]), name="w", constraint=lambda x: tf.clip_by_value(x, 0.0, 1.0))
    loss = tf.reduce_sum(tf.gather(w, [0]))
    return raises(lambda: tf.train.GradientDescentOptimizer(0.1).minimize(loss))


@case
def optimizer_without_apply_sparse(tf):
    class DenseOnly(tf.train.Optimizer):
        def __init__(self):
            super().__init__(False, "DenseOnly")

        def _apply_dense(self, grad, var):
            return tf.assign_sub(var, grad).op

    w = tf.Variable(tf.ones([4, 2]), name="w")
    loss = tf.reduce_sum(tf.gather(w, [0]))
    return error_class(lambda: DenseOnly().minimize(loss))


@case
def custom_apply_sparse_gets_unique_indices(tf):
    seen = []

    class Recording(tf.train.GradientDescentOptimizer):
        def _apply_sparse_duplicate_indices(self, grad, var):
            return tf.train.Optimizer._apply_sparse_duplicate_indices(self, grad, var)

        def _apply_sparse(self, grad, var):
            seen.append(grad)
            return tf.scatter_sub(var, grad.indices, grad.values * 0.5).op

    w = tf.Variable(tf.ones([4, 2]), name="w")
    train = Recording(0.1).minimize(tf.reduce_sum(tf.gather(w, [3, 1, 3, 3])))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        g = sess.run(seen[0])
        sess.run(train)
        ops = [[op.name, op.type] for op in tf.get_default_graph().get_operations()
               if op.name.startswith("GradientDescent/")]
        return [type(seen[0]).__name__, seen[0].values.name, seen[0].indices.name, g.values, g.indices,
                sess.run(w), ops]


@case
def apply_gradients_refuses_non_tensors(tf):
    w = tf.Variable(tf.ones([2]), name="w")
    return [raises(lambda: tf.train.GradientDescentOptimizer(0.1).apply_gradients([(object(), w)]))]
