"""``tf.train.import_meta_graph``: a ``.meta`` file (or ``MetaGraphDef``) back into a graph,
with its collections and a ``Saver`` for its checkpoints, so that a model restores and runs
without the Python code that built it.

>>> import os, tempfile, scopeflow as tf
>>> path = os.path.join(tempfile.mkdtemp(), "model.meta")
>>> with tf.Graph().as_default():
...     v = tf.Variable(3.0, name="v")
...     tf.add_to_collection("outputs", tf.multiply(v, 2.0, name="double"))
...     _ = tf.train.export_meta_graph(path)
>>> with tf.Graph().as_default():
...     saver = tf.train.import_meta_graph(path)
...     double, = tf.get_collection("outputs")
...     with tf.Session() as sess:
...         sess.run(tf.global_variables_initializer())
...         float(sess.run(double))
6.0
"""

from __future__ import annotations

from scopeflow._src import logging_module as logging
from scopeflow._src import protos
from scopeflow._src.checkpoint.collection_def import restore_collections
from scopeflow._src.checkpoint.meta_graph import read_meta_graph_file
from scopeflow._src.checkpoint.saveables import all_saveable_objects
from scopeflow._src.checkpoint.saver import Saver
from scopeflow._src.framework.context import default_graph
from scopeflow._src.framework.graph_keys import GraphKeys
from scopeflow._src.framework.scoped_names import strip_name_scope
from scopeflow._src.graph_io.importer import import_graph_def


def import_meta_graph(meta_graph_or_file, clear_devices=False, import_scope=None, **kwargs):
    """Import the graph and collections of a ``MetaGraphDef`` (or of the ``.meta`` file it
    is in, binary or text) into the default graph, under ``import_scope``, and return a
    ``Saver`` that restores its variables: built from the meta graph's ``saver_def`` when it
    has one, else a new ``Saver()`` when the graph has variables, else ``None``.

    ``clear_devices`` empties the nodes' devices; ``kwargs`` are ``input_map``,
    ``unbound_inputs_col_name``, ``restore_collections_predicate``, ``return_elements`` and
    ``graph``, as in TensorFlow.
    """
    return _import_meta_graph_with_return_elements(meta_graph_or_file, clear_devices, import_scope, **kwargs)[0]


def _import_meta_graph_with_return_elements(meta_graph_or_file, clear_devices=False, import_scope=None,
                                            return_elements=None, **kwargs):
    meta_graph_def = meta_graph_or_file if isinstance(meta_graph_or_file, protos.MetaGraphDef) \
        else read_meta_graph_file(meta_graph_or_file)
    imported_vars, elements = import_scoped_meta_graph_with_return_elements(
        meta_graph_def, clear_devices=clear_devices, import_scope=import_scope, return_elements=return_elements,
        **kwargs)
    return _saver_for(meta_graph_def, import_scope, imported_vars), elements


def import_scoped_meta_graph_with_return_elements(meta_graph_or_file, clear_devices=False, graph=None,
                                                  import_scope=None, input_map=None,
                                                  unbound_inputs_col_name="unbound_inputs",
                                                  restore_collections_predicate=(lambda key: True),
                                                  return_elements=None):
    """``({name without the scope: variable}, return elements)`` of an import (see
    ``import_meta_graph``), into ``graph`` (default: the default graph)."""
    meta_graph_def = meta_graph_or_file if isinstance(meta_graph_or_file, protos.MetaGraphDef) \
        else read_meta_graph_file(meta_graph_or_file)
    _check_unbound_inputs(meta_graph_def, unbound_inputs_col_name, input_map)
    graph = graph or default_graph()
    with graph.as_default():
        producer_op_list = meta_graph_def.meta_info_def.stripped_op_list \
            if meta_graph_def.meta_info_def.HasField("stripped_op_list") else None
        graph_def = meta_graph_def.graph_def
        if clear_devices:  # in the caller's proto, as TensorFlow does
            for node in graph_def.node:
                node.device = ""
        scope = graph.unique_name(import_scope or "", mark_as_used=False)
        elements = import_graph_def(graph_def, name=import_scope or scope, input_map=input_map,
                                    producer_op_list=producer_op_list, return_elements=return_elements)
        restore_collections(meta_graph_def, graph, scope, unbound_inputs_col_name, restore_collections_predicate)
        var_list = {strip_name_scope(v.name, scope): v
                    for v in graph.get_collection(GraphKeys.GLOBAL_VARIABLES, scope=scope)}
    return var_list, elements


def _check_unbound_inputs(meta_graph_def, col_name, input_map) -> None:
    if not col_name or col_name not in meta_graph_def.collection_def:
        return
    col_def = meta_graph_def.collection_def[col_name]
    kind = col_def.WhichOneof("kind")
    values = [v.decode() if isinstance(v, bytes) else v for v in getattr(col_def, kind).value] if kind else []
    if values and (not input_map or sorted(str(v) for v in values) != sorted(input_map)):
        missing = [str(v) for v in values if not input_map or v not in input_map]
        raise ValueError(f"Graph contains unbound inputs: {','.join(missing)}. Must provide these inputs through "
                         f"input_map.")


def _saver_for(meta_graph_def, import_scope, imported_vars):
    """TensorFlow's rule for the saver ``import_meta_graph`` returns."""
    if meta_graph_def.HasField("saver_def"):
        scope = import_scope
        if imported_vars:
            key, variable = next(iter(imported_vars.items()))
            scope = variable.name[:-len(key)]
        return Saver(saver_def=meta_graph_def.saver_def, name=scope)
    if all_saveable_objects(scope=import_scope):
        return Saver()
    logging.info("Saver not created because there are no variables in the graph to restore")
    return None
