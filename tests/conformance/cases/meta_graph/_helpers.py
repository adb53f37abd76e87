"""Helpers shared by the ``meta_graph`` conformance cases (no cases here).

A meta graph is compared as plain data: each collection as ``[kind, values]`` with the
serialized protos of variable, saver and context collections decoded to dicts (proto field
names, enums by name); ``MetaInfoDef``, ``SaverDef`` and ``VariableDef`` likewise.
"""

import contextlib
import logging

import numpy as np
from google.protobuf import json_format

X = np.array([[1.0, 2.0], [3.0, -4.0]], np.float32)

# The proto class of each collection that TensorFlow writes as serialized protos.
PROTO_OF = {key: "VariableDef" for key in ("variables", "trainable_variables", "global_step", "local_variables",
                                           "model_variables", "metric_variables", "moving_average_variables")}
PROTO_OF.update(savers="SaverDef", cond_context="CondContextDef", while_context="WhileContextDef")


def is_scopeflow(tf) -> bool:
    return tf.__name__.split(".")[0] == "scopeflow"


def proto_class(tf, name):
    """The message class ``name`` of the library under test."""
    if is_scopeflow(tf):
        from scopeflow._src import protos

        return getattr(protos, name)
    from tensorflow.core.framework import variable_pb2
    from tensorflow.core.protobuf import control_flow_pb2, saver_pb2

    for module in (variable_pb2, control_flow_pb2, saver_pb2):
        if hasattr(module, name):
            return getattr(module, name)
    raise KeyError(name)


def plain(message) -> dict:
    """A message as a dict of its set fields (proto field names, enums by name)."""
    return json_format.MessageToDict(message, preserving_proto_field_name=True)


def collection_plain(tf, key, col_def):
    kind = col_def.WhichOneof("kind")
    if kind is None:
        return [None, []]
    values = list(getattr(col_def, kind).value)
    if kind == "bytes_list" and key in PROTO_OF:
        cls = proto_class(tf, PROTO_OF[key])
        values = [plain(cls.FromString(v)) for v in values]
    elif kind == "bytes_list":
        values = [v.decode("utf-8", "backslashreplace") for v in values]
    return [kind, values]


def collections(tf, meta) -> dict:
    """``{key: [kind, values]}`` of every collection in ``meta``."""
    return {key: collection_plain(tf, key, meta.collection_def[key]) for key in sorted(meta.collection_def)}


def node_names(meta) -> list:
    return [n.name for n in meta.graph_def.node]


def listing(meta) -> list:
    """``[name, op, inputs, device]`` of each node of the meta graph."""
    return [[n.name, n.op, list(n.input), n.device] for n in meta.graph_def.node]


def items(collection) -> list:
    """What an imported collection holds: names of graph elements, other values as they are."""
    out = []
    for item in collection:
        name = getattr(item, "name", None)
        out.append([type(item).__name__ if name is None else _kind(item), name if name is not None else item])
    return out


def _kind(item) -> str:
    """``Variable``, ``Tensor`` or ``Operation`` whatever the library calls its classes."""
    if hasattr(item, "initializer"):
        return "Variable"
    if hasattr(item, "outputs"):
        return "Operation"
    return "Tensor"


def linear_model(tf):
    """``x`` -> ``s/w``, ``s/b`` -> ``y`` -> ``loss``, a global step and a ``train`` op."""
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    with tf.variable_scope("s"):
        w = tf.get_variable("w", [2, 1], initializer=tf.constant_initializer([[0.5], [-1.0]]))
        b = tf.get_variable("b", [1], initializer=tf.zeros_initializer())
    y = tf.add(tf.matmul(x, w), b, name="y")
    loss = tf.reduce_mean(tf.square(y - 1.0), name="loss")
    step = tf.train.get_or_create_global_step()
    train = tf.train.GradientDescentOptimizer(0.05).minimize(loss, global_step=step, name="train")
    return x, loss, train


@contextlib.contextmanager
def captured_logs(tf):
    """The messages the library logs (TF's ``tensorflow`` logger, scopeflow's ``scopeflow``)."""
    records = []

    class Handler(logging.Handler):
        def emit(self, record):
            records.append([record.levelname, record.getMessage()])

    logger = logging.getLogger("scopeflow" if is_scopeflow(tf) else "tensorflow")
    handler, level = Handler(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield records
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
