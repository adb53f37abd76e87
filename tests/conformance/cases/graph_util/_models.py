"""Models and helpers the ``graph_util`` cases share (no cases here)."""

import numpy as np
from google.protobuf import text_format

from tests.conformance.cases.graph_def._helpers import node_plain, tensor_plain

X = np.array([[1.0, -2.0, 0.5], [0.25, 0.0, -1.0]], np.float32)


def dense(tf):
    """``x`` -> ``dense/w`` (3x2), ``dense/b`` -> relu ``y``; returns (x, y)."""
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    with tf.variable_scope("dense"):
        w = tf.get_variable("w", initializer=np.arange(6, dtype=np.float32).reshape(3, 2) / 4 - 0.5)
        b = tf.get_variable("b", initializer=np.array([0.25, -0.25], np.float32))
    return x, tf.nn.relu(tf.matmul(x, w) + b, name="y")


def freeze(tf, outputs, init=True, **kwargs):
    """The default graph frozen for ``outputs`` in a new session (variables initialized)."""
    with tf.Session() as sess:
        if init:
            sess.run(tf.global_variables_initializer())
        return tf.graph_util.convert_variables_to_constants(sess, tf.get_default_graph().as_graph_def(), outputs,
                                                            **kwargs)


def listing(graph_def):
    """``[name, op, inputs]`` of each node."""
    return [[n.name, n.op, list(n.input)] for n in graph_def.node]


def plain(tf, graph_def):
    """Each node as plain data, attributes included."""
    return [node_plain(tf, n) for n in graph_def.node]


def constants(tf, graph_def):
    """``{name: {dtype, shape, values}}`` of each ``Const`` node's value."""
    return {n.name: tensor_plain(tf, n.attr["value"].tensor) for n in graph_def.node if n.op == "Const"}


def run_imported(tf, graph_def, fetches, feed=None):
    """Import ``graph_def`` into a new graph and run ``fetches`` (names) with ``feed``."""
    with tf.Graph().as_default():
        tf.import_graph_def(graph_def, name="")
        with tf.Session() as sess:
            return sess.run(fetches, feed)


def parse(tf, text):
    """A GraphDef from protobuf text."""
    return text_format.Parse(text, tf.GraphDef())
