"""A graph's collections as a meta graph's ``collection_def`` map, and back (TensorFlow's rules).

Each collection becomes one ``CollectionDef``, its kind chosen by the collection's first
item: strings as ``bytes_list``, ints as ``int64_list``, floats as ``float_list``, anything
else (tensors, operations, variables in a user collection) as the ``node_list`` of its names.
A collection with registered proto functions (variables as ``VariableDef``, savers as
``SaverDef``, cond and loop contexts) is a ``bytes_list`` of serialized protos. A collection
that does not fit is skipped with TensorFlow's warning.

>>> import scopeflow as tf
>>> from scopeflow._src import protos
>>> tf.add_to_collection("sizes", 3)
>>> meta = protos.MetaGraphDef()
>>> add_collection_def(meta, "sizes")
>>> list(meta.collection_def["sizes"].int64_list.value)
[3]
"""

from __future__ import annotations

import re
from typing import Callable, NamedTuple

from scopeflow._src import logging_module as logging
from scopeflow._src import protos
from scopeflow._src.framework.context import default_graph
from scopeflow._src.framework.graph_keys import GraphKeys
from scopeflow._src.framework.scoped_names import prepend_name_scope, strip_name_scope
from scopeflow._src.variables.variable import RefVariable

UNBOUND_INPUT_PREFIX = "$unbound_inputs_"

# Collections TensorFlow once wrote without proto functions (a list of another kind is read with a warning).
_COMPAT_COLLECTIONS = (GraphKeys.LOCAL_VARIABLES, GraphKeys.MODEL_VARIABLES, GraphKeys.METRIC_VARIABLES)


class ProtoFunctions(NamedTuple):
    """How the items of one collection become protos and back: ``proto_type`` names the
    message class in ``scopeflow._src.protos``, ``to_proto(item, export_scope=...)`` returns
    the proto or ``None``, ``from_proto(proto, import_scope=...)`` the item."""

    proto_type: str
    to_proto: Callable | None
    from_proto: Callable | None


_PROTO_FUNCTIONS: dict[str, ProtoFunctions] = {}


def register_proto_function(collection_name, proto_type=None, to_proto=None, from_proto=None) -> None:
    """Serialize the items of ``collection_name`` as ``proto_type`` protos in meta graphs."""
    _PROTO_FUNCTIONS[collection_name] = ProtoFunctions(proto_type, to_proto, from_proto)


def proto_functions(collection_name) -> ProtoFunctions | None:
    return _PROTO_FUNCTIONS.get(collection_name)


def _variable_to_proto(variable, export_scope=None):
    return variable.to_proto(export_scope=export_scope)


def _context_function(name):
    """``ops/control/context_protos.<name>``, loaded when a cond or loop context is written or read."""
    def call(item, **scope):
        # loaded on first use: the control flow, which a graph without conds or loops never loads
        from scopeflow._src.ops.control import context_protos

        return getattr(context_protos, name)(item, **scope)
    call.__name__ = name
    return call


register_proto_function(GraphKeys.COND_CONTEXT, "CondContextDef", _context_function("cond_context_to_proto"),
                        _context_function("cond_context_from_proto"))
register_proto_function(GraphKeys.WHILE_CONTEXT, "WhileContextDef", _context_function("while_context_to_proto"),
                        _context_function("while_context_from_proto"))
def _queue_runner_to_proto(runner, export_scope=None):
    return runner.to_proto(export_scope=export_scope)


def _queue_runner_from_proto(proto, import_scope=None):
    # loaded on first use: the queue-based input pipeline, which most graphs never load
    from scopeflow._src.training.queue_runner import QueueRunner

    return QueueRunner.from_proto(proto, import_scope=import_scope)


register_proto_function(GraphKeys.QUEUE_RUNNERS, "QueueRunnerDef", _queue_runner_to_proto, _queue_runner_from_proto)
for _key in (GraphKeys.GLOBAL_VARIABLES, GraphKeys.TRAINABLE_VARIABLES, GraphKeys.MOVING_AVERAGE_VARIABLES,
             GraphKeys.LOCAL_VARIABLES, GraphKeys.MODEL_VARIABLES, GraphKeys.GLOBAL_STEP, GraphKeys.METRIC_VARIABLES):
    register_proto_function(_key, "VariableDef", _variable_to_proto, RefVariable.from_proto)


# -- export -----------------------------------------------------------------------------------
def should_include_node(node_or_name, export_scope, exclude_nodes) -> bool:
    """Whether a node (or an item with a ``name``) belongs in an export under ``export_scope``."""
    if isinstance(node_or_name, str):
        name = node_or_name
    else:
        name = getattr(node_or_name, "name", None)
        if not isinstance(name, str):
            return True  # kept: the collection's serializer decides what to make of it
    if exclude_nodes and (node_or_name in exclude_nodes or name in exclude_nodes):
        return False
    return name.startswith(UNBOUND_INPUT_PREFIX) or not export_scope or name.startswith(export_scope)


def _kind_of(item) -> str:
    if isinstance(item, (str, bytes)):
        return "bytes_list"
    if isinstance(item, int):
        return "int64_list"
    if isinstance(item, float):
        return "float_list"
    if isinstance(item, protos.Any):
        return "any_list"
    return "node_list"


def _as_bytes(item) -> bytes:
    if isinstance(item, bytes):
        return item
    if isinstance(item, str):
        return item.encode("utf-8")
    raise TypeError(f"Expected binary or unicode string, got {item!r}")


def add_collection_def(meta_graph_def, key, graph=None, export_scope=None, exclude_nodes=None,
                       override_contents=None) -> None:
    """Add the collection ``key`` of ``graph`` (default: the default graph) to
    ``meta_graph_def.collection_def``, TensorFlow's way (see the module docstring)."""
    if not isinstance(key, (str, bytes)):
        logging.warning("Only collections with string type keys will be serialized. This key has %s", type(key))
        return
    graph = graph or default_graph()
    items = override_contents or graph.get_collection(key)
    items = [x for x in items if should_include_node(x, export_scope, exclude_nodes)]
    if not items:
        return
    try:
        col_def = meta_graph_def.collection_def[key]
        functions = proto_functions(key)
        if functions is not None and functions.to_proto is not None:
            proto_type = getattr(protos, functions.proto_type)
            for x in items:
                proto = functions.to_proto(x, export_scope=export_scope)
                if proto:
                    if not isinstance(proto, proto_type):
                        raise TypeError(f"{type(proto).__name__} is not a {functions.proto_type}")
                    col_def.bytes_list.value.append(proto.SerializeToString())
            return
        kind = _kind_of(items[0])
        if kind == "node_list":
            names = [x.name for x in items]
            col_def.node_list.value.extend(strip_name_scope(n, export_scope) for n in names
                                           if not export_scope or n.startswith(export_scope))
        elif kind == "bytes_list":
            col_def.bytes_list.value.extend([_as_bytes(x) for x in items])
        else:
            getattr(col_def, kind).value.extend(items)
    except Exception as e:  # noqa: BLE001 - TensorFlow skips any collection it cannot write, with a warning
        logging.warning("Issue encountered when serializing %s.\nType is unsupported, or the types of the items "
                        "don't match field type in CollectionDef. Note this is a warning and probably safe to "
                        "ignore.\n%s", key, str(e))
        if key in meta_graph_def.collection_def:
            del meta_graph_def.collection_def[key]


# -- import -----------------------------------------------------------------------------------
def restore_collections(meta_graph_def, graph, scope, unbound_inputs_col_name="unbound_inputs",
                        predicate=lambda key: True) -> None:
    """Add the items of ``meta_graph_def``'s collections to ``graph``, whose ops were imported
    under ``scope``: variables become variables bound to the imported ops (one object for a
    variable listed in several variable collections), names become ops or tensors, numbers
    and strings stay values (strings moved under ``scope``, as TensorFlow does)."""
    collections = meta_graph_def.collection_def
    keys = sorted(collections)
    if GraphKeys.TRAINABLE_VARIABLES in collections:  # first: a VariableDef written before TF 1.9 has no trainable
        keys.remove(GraphKeys.TRAINABLE_VARIABLES)
        keys.insert(0, GraphKeys.TRAINABLE_VARIABLES)
    has_trainable = _has_trainable_field(meta_graph_def.meta_info_def.tensorflow_version)
    variables: dict = {}
    for key in keys:
        if key == unbound_inputs_col_name or not predicate(key):
            continue
        col_def = collections[key]
        kind = col_def.WhichOneof("kind")
        if kind is None:
            logging.error("Cannot identify data type for collection %s. Skipping.", key)
            continue
        functions = proto_functions(GraphKeys.GLOBAL_VARIABLES if key == GraphKeys.METRIC_VARIABLES else key)
        if functions is not None and functions.from_proto is not None and kind == "bytes_list":
            _restore_protos(graph, key, col_def.bytes_list.value, functions, scope, has_trainable, variables)
        else:
            _restore_values(graph, key, kind, getattr(col_def, kind).value, scope)


def _has_trainable_field(tensorflow_version: str) -> bool:
    """Whether a meta graph written by TensorFlow ``tensorflow_version`` (empty: unknown) has
    ``VariableDef.trainable``: TF 1.9 and later (its pre-releases, ``1.9.0-rc0``, not yet)."""
    if not tensorflow_version:
        return True
    match = re.fullmatch(r"v?(\d+)((?:\.\d+)*)(.*)", tensorflow_version.strip())
    if match is None:
        raise ValueError(f"Invalid version: {tensorflow_version!r}")
    release = [int(match.group(1))] + [int(p) for p in match.group(2).split(".")[1:]]
    release += [0] * (3 - len(release))
    if release[:3] != [1, 9, 0]:
        return release > [1, 9, 0]
    return not re.match(r"[-._]?(a|b|c|rc|alpha|beta|pre|preview|dev)", match.group(3).lower())


def _restore_protos(graph, key, values, functions, scope, has_trainable, variables) -> None:
    proto_type = getattr(protos, functions.proto_type)
    shared = key in GraphKeys._VARIABLE_COLLECTIONS
    for value in values:
        item = variables.get(value) if shared else None
        if item is None:
            proto = proto_type()
            proto.ParseFromString(value)
            if shared and not has_trainable:
                proto.trainable = key == GraphKeys.TRAINABLE_VARIABLES
            item = functions.from_proto(proto, import_scope=scope)
            if shared:
                variables[value] = item
        graph.add_to_collection(key, item)


def _restore_values(graph, key, kind, values, scope) -> None:
    if key in _COMPAT_COLLECTIONS:
        logging.warning("The saved meta_graph is possibly from an older release:\n'%s' collection should be of "
                        "type 'byte_list', but instead is of type '%s'.", key, kind)
    for value in values:
        if kind == "node_list":
            graph.add_to_collection(key, graph.as_graph_element(prepend_name_scope(value, scope)))
        elif kind == "int64_list":
            graph.add_to_collection(key, int(value))
        else:
            graph.add_to_collection(key, _scoped_value(value, scope))


def _scoped_value(value, scope):
    """A string value moved under ``scope`` (TensorFlow does this to every bytes and float
    value: strings come back as ``str``, other values unchanged after a warning)."""
    if not scope:
        return value
    if isinstance(value, bytes):
        value = value.decode("utf-8")
    if not isinstance(value, str):
        logging.warning("%s", f"Expected binary or unicode string, got {value!r}")
        return value
    return prepend_name_scope(value, scope)
