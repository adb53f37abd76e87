"""``tf.train.export_meta_graph``: a graph, its saver and its collections as one
``MetaGraphDef`` (the ``.meta`` file written beside each checkpoint), and reading one back.

The meta graph holds what TensorFlow's does: ``meta_info_def`` (the ``stripped_op_list`` of
the op types used, see ``op_list.py``, and the versions), the ``graph_def`` with each node's
``_output_shapes``, the ``saver_def`` when one is given, and a ``collection_def`` per
collection (see ``collection_def.py``). With ``export_scope``, only the ops under that scope
are written, without it; inputs from outside become ``$unbound_inputs_<name>`` and are listed
in the ``unbound_inputs`` collection, which an importer must map.

``tensorflow_version`` is the TensorFlow release whose graphs scopeflow writes (2.21.0, the
``producer`` of its ``GraphDef`` versions): TensorFlow's importer reads it to decide whether
``VariableDef``s carry ``trainable``. ``tensorflow_git_version`` says who wrote the file:
``scopeflow-<version>``.
"""

from __future__ import annotations

import os
import re
import sys

from scopeflow._src import protos
from scopeflow._src.checkpoint.collection_def import UNBOUND_INPUT_PREFIX, add_collection_def, should_include_node
from scopeflow._src.checkpoint.op_list import strip_default_attrs, stripped_op_list_for_graph
from scopeflow._src.framework.context import default_graph
from scopeflow._src.framework.graph import Graph
from scopeflow._src.framework.graph_def import versions
from scopeflow._src.framework.graph_keys import GraphKeys
from scopeflow._src.framework.scoped_names import strip_name_scope
from scopeflow._src.graph_io.write_graph import write_graph
from scopeflow._src.lib_io import file_io

TENSORFLOW_VERSION = "2.21.0"
SAVE_AND_RESTORE_OPS = ("SaveV2", "Save", "SaveSlice", "LegacySave", "LegacySaveSlice", "RestoreV2", "Restore",
                        "RestoreSlice", "LegacyRestore", "LegacyRestoreSlice")


def export_meta_graph(filename=None, meta_info_def=None, graph_def=None, saver_def=None, collection_list=None,
                      as_text=False, graph=None, export_scope=None, clear_devices=False,
                      clear_extraneous_savers=False, strip_default_attrs=False, save_debug_info=False, **kwargs):
    """The graph (default: the default graph) as a ``MetaGraphDef``, written to ``filename``
    (binary, or protobuf text with ``as_text``) when given.

    ``graph_def`` replaces the graph's own ``GraphDef``; ``collection_list`` limits the
    collections written; ``export_scope`` writes only the ops under that name scope, without
    it; ``clear_devices`` empties each node's device; ``clear_extraneous_savers`` drops the
    save and restore ops of savers other than ``saver_def``'s; ``strip_default_attrs``
    removes attributes that have their default value. ``save_debug_info`` is accepted:
    scopeflow keeps no creation stack traces, so no ``.debug`` file is written.

    >>> import scopeflow as tf
    >>> v = tf.Variable(1.0, name="v")
    >>> meta = tf.train.export_meta_graph()
    >>> [op.name for op in meta.meta_info_def.stripped_op_list.op]
    ['Assign', 'Const', 'Identity', 'VariableV2']
    >>> sorted(meta.collection_def)
    ['trainable_variables', 'variables']
    """
    meta, _ = export_scoped_meta_graph(
        filename=filename, meta_info_def=meta_info_def, graph_def=graph_def, saver_def=saver_def,
        collection_list=collection_list, as_text=as_text, graph=graph, export_scope=export_scope,
        clear_devices=clear_devices, clear_extraneous_savers=clear_extraneous_savers,
        strip_default_attrs=strip_default_attrs, save_debug_info=save_debug_info, **kwargs)
    return meta


def export_scoped_meta_graph(filename=None, graph_def=None, graph=None, export_scope=None, as_text=False,
                             unbound_inputs_col_name="unbound_inputs", clear_devices=False, saver_def=None,
                             clear_extraneous_savers=False, strip_default_attrs=False, save_debug_info=False,
                             **kwargs):
    """``(MetaGraphDef, {name without export_scope: variable})``: ``export_meta_graph``, and
    the global variables it covers; ``kwargs`` (``meta_info_def``, ``collection_list``) go to
    ``create_meta_graph_def``."""
    del save_debug_info  # scopeflow keeps no creation stack traces to write
    graph = graph or default_graph()
    exclude_nodes = None
    if export_scope or clear_extraneous_savers or clear_devices:
        if graph_def is None:
            graph_def = graph.as_graph_def(add_shapes=True)
        if clear_extraneous_savers:
            exclude_nodes = _extraneous_saver_nodes(graph_def, saver_def)
        unbound_inputs = []
        graph_def = _scoped_graph_def(graph_def, export_scope, exclude_nodes, clear_devices, unbound_inputs)
        if unbound_inputs_col_name:
            graph.clear_collection(unbound_inputs_col_name)
            for name in unbound_inputs:
                graph.add_to_collection(unbound_inputs_col_name, name)
    var_list = {strip_name_scope(v.name, export_scope): v
                for v in graph.get_collection(GraphKeys.GLOBAL_VARIABLES, scope=export_scope)
                if should_include_node(v, export_scope, exclude_nodes)}
    meta = create_meta_graph_def(graph_def=graph_def, saver_def=saver_def, graph=graph, export_scope=export_scope,
                                 exclude_nodes=exclude_nodes, clear_extraneous_savers=clear_extraneous_savers,
                                 strip_default_attrs=strip_default_attrs, **kwargs)
    if filename:
        write_graph(meta, os.path.dirname(filename), os.path.basename(filename), as_text=as_text)
    return meta, var_list


def create_meta_graph_def(meta_info_def=None, graph_def=None, saver_def=None, collection_list=None, graph=None,
                          export_scope=None, exclude_nodes=None, clear_extraneous_savers=False,
                          strip_default_attrs=False):
    """The ``MetaGraphDef`` of ``graph`` (see ``export_meta_graph``), its ``GraphDef`` given or
    taken with output shapes."""
    _check_type("graph", graph, Graph, "Graph")
    _check_type("meta_info_def", meta_info_def, protos.MetaGraphDef.MetaInfoDef, "MetaInfoDef")
    _check_type("graph_def", graph_def, protos.GraphDef, "GraphDef")
    _check_type("saver_def", saver_def, protos.SaverDef, "SaverDef")
    graph = graph or default_graph()
    meta = protos.MetaGraphDef()
    info = meta_info_def if meta_info_def else protos.MetaGraphDef.MetaInfoDef()
    info.tensorflow_version = TENSORFLOW_VERSION
    info.tensorflow_git_version = f"scopeflow-{getattr(sys.modules.get('scopeflow'), '__version__', 'unknown')}"
    meta.meta_info_def.MergeFrom(info)
    meta.graph_def.MergeFrom(graph_def if graph_def else graph.as_graph_def(add_shapes=True))
    if not meta.meta_info_def.stripped_op_list.op:
        meta.meta_info_def.stripped_op_list.MergeFrom(stripped_op_list_for_graph(meta.graph_def))
    if strip_default_attrs:
        strip_graph_default_valued_attrs(meta)
    if saver_def:
        meta.saver_def.MergeFrom(saver_def)
    keys = collection_list if collection_list is not None else [k for k in graph.get_all_collection_keys()
                                                                if isinstance(k, str)]
    for key in keys:
        override = None
        if clear_extraneous_savers and key == GraphKeys.SAVERS:
            override = [_saver_of(saver_def)]
        add_collection_def(meta, key, graph=graph, export_scope=export_scope, exclude_nodes=exclude_nodes,
                           override_contents=override)
    return meta


def _saver_of(saver_def):
    """The ``Saver`` of ``saver_def``, as the ``savers`` collection's only item."""
    # loaded on first use: the saver module imports this one
    from scopeflow._src.checkpoint.saver import Saver

    return Saver.from_proto(saver_def)


def strip_graph_default_valued_attrs(meta_graph_def) -> None:
    """Remove default-valued attributes from the meta graph's nodes and say so in its
    ``meta_info_def.stripped_default_attrs``."""
    strip_default_attrs(meta_graph_def.graph_def)
    meta_graph_def.meta_info_def.stripped_default_attrs = True


def _check_type(what, value, cls, cls_name) -> None:
    if value and not isinstance(value, cls):
        raise TypeError(f"{what} must be of type {cls_name}. Received type: {type(value)}.")


# -- export_scope, clear_devices and clear_extraneous_savers ------------------------------------
def _scoped_graph_def(graph_def, export_scope, exclude_nodes, clear_devices, unbound_inputs):
    """The nodes of ``graph_def`` under ``export_scope`` (and not excluded), renamed without it."""
    scoped = protos.GraphDef()
    scoped.versions.CopyFrom(graph_def.versions if graph_def.HasField("versions") else versions())
    scoped.library.CopyFrom(graph_def.library)
    for node in graph_def.node:
        if should_include_node(node.name, export_scope, exclude_nodes):
            _scoped_node(node, scoped.node.add(), export_scope, unbound_inputs, clear_devices)
    return scoped


def _scoped_node(node, proto, export_scope, unbound_inputs, clear_devices) -> None:
    proto.CopyFrom(node)
    for i, name in enumerate(node.input):
        if export_scope and not name.lstrip("^").startswith(export_scope):
            proto.input[i] = re.sub(r"(\^|^)(.*)", lambda m: m.group(1) + UNBOUND_INPUT_PREFIX + m.group(2), name,
                                    count=1)
            unbound_inputs.append(proto.input[i])
        else:
            proto.input[i] = strip_name_scope(name, export_scope)
    proto.name = strip_name_scope(node.name, export_scope)
    if "_class" in node.attr:
        kept = [strip_name_scope(s.decode(), export_scope).encode() for s in node.attr["_class"].list.s
                if not export_scope or s.decode().split("@")[1].startswith(export_scope)]
        del proto.attr["_class"]
        proto.attr["_class"].list.SetInParent()
        proto.attr["_class"].list.s.extend(kept)
    if node.op in ("Enter", "RefEnter") and "frame_name" in node.attr:
        frame = node.attr["frame_name"].s.decode()
        if not export_scope or frame.startswith(export_scope):
            proto.attr["frame_name"].s = strip_name_scope(frame, export_scope).encode()
    if clear_devices:
        proto.device = ""


def _scope_of(name: str) -> str:
    if not name:
        raise ValueError(f"Node name cannot be empty or None. Received: {name}.")
    name = name[1:] if name.startswith("^") else name
    return name.rsplit("/", 1)[0] if "/" in name else ""


def _extraneous_saver_nodes(graph_def, saver_def) -> set:
    """The nodes in the name scopes of save and restore ops other than ``saver_def``'s (each
    saver's ops live in a scope of their own)."""
    keep = set()
    if saver_def is not None:
        keep = {_scope_of(saver_def.save_tensor_name.split(":")[0]) + "/",
                _scope_of(saver_def.restore_op_name.split(":")[0]) + "/"}
    saver_nodes = {n.name for n in graph_def.node if n.op in SAVE_AND_RESTORE_OPS}
    scopes = {_scope_of(n) for n in saver_nodes} - saver_nodes
    extraneous = {s + "/" for s in scopes} - keep
    return {n.name for n in graph_def.node if any(n.name.startswith(s) for s in extraneous)}


# -- reading ------------------------------------------------------------------------------------
def read_meta_graph_file(filename):
    """The ``MetaGraphDef`` in ``filename``, binary or protobuf text (tried in that order)."""
    # loaded on first use: protobuf's text parser
    from google.protobuf import text_format

    meta = protos.MetaGraphDef()
    filename = file_io.path_text(filename)
    if not file_io.exists(filename):
        raise IOError(f"File does not exist. Received: {filename}.")
    if file_io.isdir(filename):
        content = file_io.read_file(filename)  # TensorFlow's FailedPreconditionError ("Is a directory")
    f, size = file_io.open_regular(filename, "a MetaGraphDef file")  # not a FIFO or /dev/zero: no hang, no OOM
    with f:
        content = f.read(size)
    try:
        meta.ParseFromString(content)
        return meta
    except Exception:  # noqa: BLE001 - not binary: TensorFlow then tries text
        meta.Clear()
    try:
        text_format.Merge(content.decode("utf-8"), meta)
    except text_format.ParseError as e:
        raise IOError(f"Cannot parse file {filename}: {e}.") from None
    return meta
