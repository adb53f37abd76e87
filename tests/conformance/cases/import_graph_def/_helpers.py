"""Graphs the import cases share, built in a graph of their own and returned as a GraphDef."""


def small_graph_def(tf):
    """``a`` (Const 1.0), ``b = identity(a)``, ``c = a + b``."""
    g = tf.Graph()
    with g.as_default():
        a = tf.constant(1.0, name="a")
        b = tf.identity(a, name="b")
        tf.add(a, b, name="c")
    return g.as_graph_def()


def model_graph_def(tf):
    """A placeholder ``x`` fed through a variable scope ``layer`` (dense + relu) to ``y``, with
    an initializer op ``init``."""
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [None, 3], name="x")
        with tf.variable_scope("layer"):
            w = tf.get_variable("w", [3, 2], initializer=tf.constant_initializer([[1., 2.], [3., 4.], [5., 6.]]))
            b = tf.get_variable("b", [2], initializer=tf.constant_initializer(-10.0))
        tf.nn.relu(tf.matmul(x, w) + b, name="y")
        tf.global_variables_initializer()
    return g.as_graph_def()


def names(graph):
    return [op.name for op in graph.get_operations()]


def nodes(graph_def):
    return [[n.name, n.op, list(n.input), n.device] for n in graph_def.node]
