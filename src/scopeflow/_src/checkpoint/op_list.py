"""A meta graph's ``stripped_op_list`` (the ``OpDef`` of each op type its graph uses), built
from scopeflow's op registry, and the removal of default-valued attributes.

TensorFlow's consumers read the list only to drop attributes that a newer producer added with
their default values (``RemoveNewDefaultAttrsFromGraphDef``), so what must be right is the set
of op types (sorted, as TensorFlow lists them), each argument, and each default value. What
scopeflow's registry does not record is left out or taken from the graph: an attribute
without a default appears with the type of its value on the op's first node, a number
attribute (``N``) with no minimum, and attributes come in the order arguments and nodes use
them rather than in TensorFlow's ``REGISTER_OP`` order.

>>> import scopeflow as tf
>>> g = tf.Graph()
>>> with g.as_default():
...     _ = tf.matmul(tf.ones([2, 2]), tf.ones([2, 2]))
>>> [op.name for op in stripped_op_list_for_graph(g.as_graph_def()).op]
['Const', 'MatMul']
"""

from __future__ import annotations

from scopeflow._src import protos
from scopeflow._src.framework import registry
from scopeflow._src.framework.node_def import set_attr_value

# The AttrValue field of a value, as the attr type an OpDef names.
_ATTR_TYPES = {"s": "string", "i": "int", "f": "float", "b": "bool", "type": "type", "shape": "shape",
               "tensor": "tensor", "func": "func", "placeholder": "string"}


def stripped_op_list_for_graph(graph_def):
    """The ``OpList`` of the registered op types ``graph_def`` uses, sorted by name."""
    first_node = {}
    for node in graph_def.node:
        first_node.setdefault(node.op, node)
    op_list = protos.OpList()
    for op_type in sorted(first_node):
        opdef = registry.find(op_type)
        if opdef is not None:
            op_def_proto(opdef, first_node[op_type], op_list.op.add())
    return op_list


def _arg_def(arg, proto) -> None:
    proto.name = arg.name
    if arg.dtype is not None:
        proto.type = arg.dtype.as_datatype_enum
    elif arg.type_list:
        proto.type_list_attr = arg.type_attr
    else:
        proto.type_attr = arg.type_attr
    if arg.number_attr and not arg.type_list:
        proto.number_attr = arg.number_attr
    proto.is_ref = arg.is_ref


def op_def_proto(opdef, node=None, proto=None):
    """``opdef`` (a registry ``OpDef``) as TensorFlow's ``OpDef`` proto; ``node``, a
    ``NodeDef`` of that type, gives the types of attributes the registry does not declare."""
    proto = protos.OpDef() if proto is None else proto
    proto.name = opdef.type
    for arg in opdef.inputs:
        _arg_def(arg, proto.input_arg.add())
    for arg in opdef.outputs:
        _arg_def(arg, proto.output_arg.add())
    attrs = {}
    for arg in opdef.inputs + opdef.outputs:
        if arg.type_attr and arg.type_list:
            attrs.setdefault(arg.type_attr, "list(type)")
        elif arg.type_attr:
            attrs.setdefault(arg.type_attr, "type")
        if arg.number_attr and not arg.type_list:
            attrs.setdefault(arg.number_attr, "int")
    for name in list(opdef.defaults) + (list(node.attr) if node is not None else []):
        if not name.startswith("_") and name not in attrs:
            attrs[name] = _attr_type(node.attr[name] if node is not None and name in node.attr else None,
                                     opdef.defaults.get(name))
    for name, kind in attrs.items():
        _attr_def(opdef, name, kind, proto.attr.add())
    # scopeflow marks the ops that update a variable reference stateful (they must run); TF
    # does not (a reference input already keeps them from being merged or folded)
    proto.is_stateful = opdef.stateful and not any(arg.is_ref for arg in opdef.inputs)
    proto.is_aggregate = proto.is_commutative = opdef.accumulates
    return proto


def _attr_def(opdef, name, kind, proto) -> None:
    proto.name = name
    proto.type = kind
    if name in opdef.defaults:
        set_attr_value(proto.default_value, opdef.defaults[name])
        if kind.startswith("list(") and not proto.default_value.HasField("list"):
            proto.default_value.list.SetInParent()
    allowed = opdef.attrs.get(name)
    if kind == "type" and allowed is not None:
        proto.allowed_values.list.type.extend(d.as_datatype_enum for d in allowed)


def _attr_type(value, default) -> str:
    """The OpDef attr type of an ``AttrValue`` (or, without one, of a default value)."""
    if value is None:
        value = protos.AttrValue()
        set_attr_value(value, default)
    kind = value.WhichOneof("value")
    if kind != "list":
        return _ATTR_TYPES.get(kind, "string")
    for field in ("s", "i", "f", "b", "type", "shape", "tensor", "func"):
        if len(getattr(value.list, field)):
            return f"list({_ATTR_TYPES[field]})"
    return "list(int)"  # an empty list says nothing of its items


def strip_default_attrs(graph_def) -> None:
    """Remove from each node the attributes whose value is their op type's default."""
    defaults: dict = {}
    for node in graph_def.node:
        if node.op not in defaults:
            opdef = registry.find(node.op)
            defaults[node.op] = _default_values(opdef) if opdef is not None else {}
        found = defaults[node.op]
        for name in [n for n in node.attr if n in found]:
            if node.attr[name].SerializeToString(deterministic=True) == found[name]:
                del node.attr[name]


def _default_values(opdef) -> dict:
    """``{attr name: serialized AttrValue}`` of the op type's default values."""
    values = {}
    for name, value in opdef.defaults.items():
        proto = protos.AttrValue()
        set_attr_value(proto, value)
        values[name] = proto.SerializeToString(deterministic=True)
    return values
