"""Operations to ``NodeDef`` messages, and attribute values to ``AttrValue`` and back.

A node's attributes are its wrapper's plus the defaults its ``OpDef`` declares, as in a
GraphDef TensorFlow writes. Python values map to ``AttrValue`` fields by their type (a
``DType`` is a ``type``, a ``TensorShape`` a ``shape``, an array a ``tensor``...); a number
given for an attribute whose default is a float is written as one.
"""

from __future__ import annotations

import numbers

import numpy as np

from scopeflow._src import protos
from scopeflow._src.framework import dtypes, registry
from scopeflow._src.framework.tensor_proto import array_to_proto, proto_to_array, shape_from_proto, shape_proto
from scopeflow._src.framework.tensor_shape import TensorShape

_UNSET = object()


def node_attrs(op, opdef=_UNSET) -> dict:
    """Every attribute of ``op`` that TensorFlow's node has: its own, then its op type's
    defaults for the rest, without scopeflow's private lengths of type lists."""
    if opdef is _UNSET:
        opdef = registry.find(op._type)
    if opdef is None:
        return op._attrs
    attrs = {**opdef.defaults, **op._attrs} if opdef.defaults else op._attrs
    hidden = private_attrs(opdef)
    return {k: v for k, v in attrs.items() if k not in hidden} if hidden else attrs


_PRIVATE: dict[str, frozenset] = {}


def private_attrs(opdef) -> frozenset:
    """The attributes of ``opdef``'s ops that are scopeflow's own bookkeeping, not TensorFlow's:
    the length of each type-list argument (``Assert``'s ``_num_data``), kept off NodeDefs."""
    found = _PRIVATE.get(opdef.type)
    if found is None:
        found = _PRIVATE[opdef.type] = frozenset(a.number_attr for a in opdef.inputs + opdef.outputs if a.type_list)
    return found


def input_names(op, sort_control=False) -> list[str]:
    """A NodeDef's ``input`` strings: ``name`` (output 0), ``name:i``, ``^name`` (control inputs
    in the order they were added, or by name as in a GraphDef with ``sort_control``)."""
    names = [t._op._name if t._value_index == 0 else f"{t._op._name}:{t._value_index}" for t in op._inputs]
    control = [c._name for c in op._control_inputs]
    names += ["^" + c for c in (sorted(control) if sort_control else control)]
    return names


def node_def(op, proto=None, sort_control=False):
    """``op`` as a ``NodeDef`` (written into ``proto``, a ``GraphDef.node`` entry, if given);
    ``sort_control`` sorts the control inputs by name, as TensorFlow's ``GraphDef``s do."""
    proto = protos.NodeDef() if proto is None else proto
    proto.name = op._name
    proto.op = op._type
    proto.input.extend(input_names(op, sort_control))
    if op._device:
        proto.device = op._device
    opdef = registry.find(op._type)
    defaults = opdef.defaults if opdef is not None else {}
    attr = proto.attr
    for key, value in node_attrs(op, opdef).items():
        kind = type(value)
        if kind is bool:  # the commonest kinds first: a GraphDef of thousands of nodes is written in Python
            attr[key].b = value
        elif kind is dtypes.DType:
            attr[key].type = value.as_datatype_enum
        elif kind is str:
            attr[key].s = value.encode()
        else:
            set_attr_value(attr[key], value, defaults.get(key))
    return proto


def set_attr_value(proto, value, like=None) -> None:
    """Write ``value`` into the ``AttrValue`` ``proto``; ``like`` (the attribute's default)
    decides between ``i`` and ``f`` for a number."""
    if isinstance(value, dtypes.DType):
        proto.type = value.as_datatype_enum
    elif isinstance(value, TensorShape):
        shape_proto(value, proto.shape)
    elif isinstance(value, (bool, np.bool_)):
        proto.b = bool(value)
    elif isinstance(value, numbers.Integral) and not isinstance(like, float):
        proto.i = int(value)
    elif isinstance(value, numbers.Real):
        proto.f = float(value)
    elif isinstance(value, str):
        proto.s = value.encode()
    elif isinstance(value, bytes):
        proto.s = value
    elif isinstance(value, np.ndarray):
        array_to_proto(value, proto=proto.tensor)
    elif isinstance(value, (list, tuple)):
        _set_list(proto.list, value, like[0] if isinstance(like, (list, tuple)) and like else None)
    elif isinstance(value, protos.NameAttrList):
        proto.func.CopyFrom(value)
    elif hasattr(value, "name_attr_list"):  # a traced function (tf.data's map function): its name
        proto.func.CopyFrom(value.name_attr_list())
    elif isinstance(value, protos.TensorProto):
        proto.tensor.CopyFrom(value)
    else:
        raise TypeError(f"Cannot write attribute value {value!r} of type {type(value).__name__} into a NodeDef")


def _set_list(proto, values, like) -> None:
    proto.SetInParent()  # an empty list is still a list
    for v in values:
        if isinstance(v, dtypes.DType):
            proto.type.append(v.as_datatype_enum)
        elif isinstance(v, TensorShape):
            shape_proto(v, proto.shape.add())
        elif isinstance(v, (bool, np.bool_)):
            proto.b.append(bool(v))
        elif isinstance(v, numbers.Integral) and not isinstance(like, float):
            proto.i.append(int(v))
        elif isinstance(v, numbers.Real):
            proto.f.append(float(v))
        elif isinstance(v, (str, bytes)):
            proto.s.append(v.encode() if isinstance(v, str) else v)
        elif isinstance(v, np.ndarray):
            array_to_proto(v, proto=proto.tensor.add())
        else:
            raise TypeError(f"Cannot write attribute list item {v!r} of type {type(v).__name__} into a NodeDef")


def python_value(value, like=None):
    """An attribute as ``Operation.get_attr`` returns it in TensorFlow, which reads it back
    from the NodeDef: strings as ``bytes``, floats rounded to float32, shapes as
    ``TensorShapeProto``, tensors as ``TensorProto``, lists as new lists."""
    if isinstance(value, str):
        return value.encode()
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, numbers.Integral) and not isinstance(like, float):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(np.float32(value))
    if isinstance(value, TensorShape):
        return shape_proto(value)
    if isinstance(value, np.ndarray):
        return array_to_proto(value)
    if isinstance(value, (list, tuple)):
        item = like[0] if isinstance(like, (list, tuple)) and like else None
        return [python_value(v, item) for v in value]
    return value


def attr_value(proto):
    """The Python value of an ``AttrValue``: as scopeflow's ops hold it (strings as ``str``,
    string lists as ``bytes``, types as ``DType``, shapes as ``TensorShape``, tensors as
    read-only arrays)."""
    kind = proto.WhichOneof("value")
    if kind == "s":
        try:
            return proto.s.decode()
        except UnicodeDecodeError:
            return proto.s
    if kind in ("i", "f", "b", "placeholder"):
        return getattr(proto, kind)
    if kind == "type":
        return dtypes.as_dtype(proto.type)
    if kind == "shape":
        return shape_from_proto(proto.shape)
    if kind == "tensor":
        array = proto_to_array(proto.tensor)
        array.flags.writeable = False
        return array
    if kind == "func":
        return proto.func
    if kind == "list":
        lst = proto.list
        for field in ("s", "i", "f", "b"):
            if len(getattr(lst, field)):
                return list(getattr(lst, field))
        if len(lst.type):
            return [dtypes.as_dtype(t) for t in lst.type]
        if len(lst.shape):
            return [shape_from_proto(s) for s in lst.shape]
        if len(lst.tensor):
            return [proto_to_array(t) for t in lst.tensor]
        return list(lst.func)
    return None
