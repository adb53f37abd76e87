"""Helpers shared by the ``graph_def`` conformance cases (no cases here).

A GraphDef is compared node by node as plain data: ``[name, op, inputs, device, attrs]``,
each attribute as ``[kind, value]`` where ``kind`` is the ``AttrValue`` field that holds it
(``"i"``, ``"f"``, ``"s"``, ``"type"``, ``"shape"``, ``"tensor"``, ``"list"``...), so an int
written where TensorFlow writes a float shows. Tensors compare by value (dtype, shape and the
values ``make_ndarray`` reads), never by their wire encoding.
"""

import numpy as np


def plain_array(array):
    """A NumPy array's values as a flat list (strings decoded, complex numbers as pairs)."""
    flat = np.asarray(array).ravel()
    if flat.dtype == object:
        return [v.decode("utf-8", "backslashreplace") if isinstance(v, bytes) else v for v in flat.tolist()]
    if flat.dtype.kind == "c":
        return [[float(v.real), float(v.imag)] for v in flat.tolist()]
    if flat.dtype.kind == "f" or flat.dtype.name == "bfloat16":
        return [float(v) for v in flat.astype(np.float64).tolist()]
    return flat.tolist()


def shape_plain(proto):
    """A ``TensorShapeProto`` as a list of sizes (-1 unknown), or None for an unknown rank."""
    return None if proto.unknown_rank else [d.size for d in proto.dim]


def tensor_plain(tf, proto):
    """A ``TensorProto`` as ``{"dtype", "shape", "values"}``."""
    return {"dtype": tf.as_dtype(proto.dtype).name, "shape": shape_plain(proto.tensor_shape),
            "values": plain_array(tf.make_ndarray(proto))}


def _scalar(tf, kind, value):
    if kind == "s":
        return value.decode("utf-8", "backslashreplace")
    if kind == "type":
        return tf.as_dtype(value).name
    if kind == "shape":
        return shape_plain(value)
    if kind == "tensor":
        return tensor_plain(tf, value)
    if kind == "func":
        return value.name
    return value


def attr_plain(tf, proto):
    """An ``AttrValue`` as ``[kind, value]``; a list as ``["list", {field: [values]}]`` with
    its non-empty fields only."""
    kind = proto.WhichOneof("value")
    if kind == "list":
        fields = {}
        for field in ("s", "i", "f", "b", "type", "shape", "tensor", "func"):
            values = getattr(proto.list, field)
            if len(values):
                fields[field] = [_scalar(tf, field, v) for v in values]
        return ["list", fields]
    return [kind, None if kind is None else _scalar(tf, kind, getattr(proto, kind))]


def node_plain(tf, node):
    """A ``NodeDef`` as ``[name, op, inputs, device, {attr: [kind, value]}]``."""
    return [node.name, node.op, list(node.input), node.device,
            {key: attr_plain(tf, value) for key, value in node.attr.items()}]


def nodes(tf, graph=None, **kwargs):
    """Every node of ``graph``'s (the default graph's) ``as_graph_def(**kwargs)``, in order."""
    graph = tf.get_default_graph() if graph is None else graph
    return [node_plain(tf, n) for n in graph.as_graph_def(**kwargs).node]


def nodes_of(tf, ops):
    """The nodes of ``ops`` (operations or tensors) only, by their ``node_def``."""
    return [node_plain(tf, getattr(op, "op", op).node_def) for op in ops]


def attrs_of(tf, op):
    """``{attr: [kind, value]}`` of one operation (or a tensor's operation)."""
    return node_plain(tf, getattr(op, "op", op).node_def)[4]


def nodes_under(tf, prefix, graph=None):
    """The nodes whose name starts with ``prefix``."""
    return [n for n in nodes(tf, graph) if n[0].startswith(prefix)]


def get_attr_plain(tf, value):
    """What ``Operation.get_attr`` returned, as plain data with its Python type's name, so that
    bytes, protos and dtypes show as TensorFlow returns them."""
    if isinstance(value, list):
        return ["list", [get_attr_plain(tf, v) for v in value]]
    if isinstance(value, bytes):
        return ["bytes", value.decode("utf-8", "backslashreplace")]
    if isinstance(value, bool):
        return ["bool", value]
    if isinstance(value, int):
        return ["int", value]
    if isinstance(value, float):
        return ["float", value]
    if hasattr(value, "as_datatype_enum"):
        return ["DType", value.name]
    if hasattr(value, "unknown_rank"):
        return ["TensorShapeProto", shape_plain(value)]
    if hasattr(value, "tensor_shape"):
        return ["TensorProto", tensor_plain(tf, value)]
    if hasattr(value, "func") or hasattr(value, "attr"):
        return ["NameAttrList", value.name]
    return [type(value).__name__, repr(value)]
