"""``tf.train.Scaffold``: the ops a monitored session needs (init, ready, local init, summary,
saver), taken from the graph's collections or made with TensorFlow's defaults and names, then the
graph is finalized."""

from __future__ import annotations

from scopeflow._src import logging_module as logging
from scopeflow._src.checkpoint.saver import Saver
from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import constant
from scopeflow._src.framework.context import default_graph
from scopeflow._src.framework.default_graph import device, name_scope
from scopeflow._src.framework.graph_keys import GraphKeys
from scopeflow._src.ops.array.joining import concat
from scopeflow._src.ops.control.control_flow_ops import group, no_op
from scopeflow._src.ops.lookup.api import tables_initializer
from scopeflow._src.ops.summary.api import merge_all
from scopeflow._src.variables.collections import (
    global_variables,
    global_variables_initializer,
    local_variables_initializer,
    report_uninitialized_variables,
)


def _initialize_resources():
    """``tf.initialize_resources([])``: scopeflow's graphs hold no resource collections, so a
    ``NoOp`` named ``init`` as TensorFlow makes for an empty list."""
    return no_op(name="init")


def _report_uninitialized_resources():
    with name_scope("report_uninitialized_resources"), device("/cpu:0"):
        return constant([], dtype=dtypes.string)


def _default_init_op():
    return group(global_variables_initializer(), _initialize_resources(),
                 default_graph().get_collection("saved_model_initializers"))


def _default_ready_op():
    return concat([report_uninitialized_variables(), _report_uninitialized_resources()], 0)


def _default_ready_for_local_init_op():
    return concat([report_uninitialized_variables(global_variables()), _report_uninitialized_resources()], 0)


def _saver_or_default():
    savers = default_graph().get_collection(GraphKeys.SAVERS)
    if savers:
        if len(savers) > 1:
            raise RuntimeError(f"More than one item in collection {GraphKeys.SAVERS}. Please indicate which one to use "
                               "by passing it to the constructor.")
        return savers[0]
    saver = Saver(sharded=True, allow_empty=True)
    default_graph().add_to_collection(GraphKeys.SAVERS, saver)
    return saver


class Scaffold:
    """The ops a ``MonitoredSession`` uses to initialize, check and save a model.

    Each argument left None is found at ``finalize()`` in its collection (``init_op``,
    ``ready_op``, ``local_init_op``, ``summary_op``, ``savers``...) or made as TensorFlow makes it
    (and added there); ``finalize()`` then finalizes the graph. ``init_fn(scaffold, session)`` runs
    after ``init_op`` when no checkpoint was restored.

    >>> import scopeflow as tf
    >>> v = tf.Variable(1.0, name="v")
    >>> scaffold = tf.train.Scaffold().finalize()
    >>> scaffold.init_op.name, tf.get_default_graph().finalized
    ('group_deps', True)
    >>> tf.get_default_graph()._unsafe_unfinalize()
    """

    def __init__(self, init_op=None, init_feed_dict=None, init_fn=None, ready_op=None, ready_for_local_init_op=None,
                 local_init_op=None, summary_op=None, saver=None, copy_from_scaffold=None,
                 local_init_feed_dict=None):
        if copy_from_scaffold is not None:
            if not isinstance(copy_from_scaffold, Scaffold):
                raise TypeError("copy_from_scaffold is not a Scaffold instance.")

            def coalesce(a, b):
                return a if a is not None else b

            init_op = coalesce(init_op, copy_from_scaffold.init_op)
            init_feed_dict = coalesce(init_feed_dict, copy_from_scaffold.init_feed_dict)
            init_fn = coalesce(init_fn, copy_from_scaffold._user_init_fn)
            ready_op = coalesce(ready_op, copy_from_scaffold.ready_op)
            ready_for_local_init_op = coalesce(ready_for_local_init_op, copy_from_scaffold.ready_for_local_init_op)
            local_init_op = coalesce(local_init_op, copy_from_scaffold.local_init_op)
            local_init_feed_dict = coalesce(local_init_feed_dict, copy_from_scaffold.local_init_feed_dict)
            summary_op = coalesce(summary_op, copy_from_scaffold.summary_op)
            saver = coalesce(saver, copy_from_scaffold.saver)
        self._user_init_fn = init_fn
        self._init_fn = (lambda sess: init_fn(self, sess)) if init_fn else None
        self._init_op = init_op
        self._init_feed_dict = init_feed_dict
        self._ready_op = ready_op
        self._ready_for_local_init_op = ready_for_local_init_op
        self._local_init_op = local_init_op
        self._local_init_feed_dict = local_init_feed_dict
        self._summary_op = summary_op
        self._saver = saver

    def finalize(self) -> "Scaffold":
        """Make the ops still missing, build the saver, and finalize the default graph."""
        if self._init_op is None:
            self._init_op = Scaffold.get_or_default("init_op", GraphKeys.INIT_OP, _default_init_op)
        if self._ready_op is None:
            self._ready_op = Scaffold.get_or_default("ready_op", GraphKeys.READY_OP, _default_ready_op)
        if self._ready_for_local_init_op is None:
            self._ready_for_local_init_op = Scaffold.get_or_default(
                "ready_for_local_init_op", GraphKeys.READY_FOR_LOCAL_INIT_OP, _default_ready_for_local_init_op)
        if self._local_init_op is None:
            self._local_init_op = Scaffold.get_or_default("local_init_op", GraphKeys.LOCAL_INIT_OP,
                                                          Scaffold.default_local_init_op)
        if self._summary_op is None:
            self._summary_op = Scaffold.get_or_default("summary_op", GraphKeys.SUMMARY_OP, merge_all)
        if self._saver is None:
            self._saver = _saver_or_default()
        self._saver.build()
        default_graph().finalize()
        logging.info("Graph was finalized.")
        return self

    @property
    def init_fn(self):
        return self._init_fn

    @property
    def init_op(self):
        return self._init_op

    @property
    def ready_op(self):
        return self._ready_op

    @property
    def ready_for_local_init_op(self):
        return self._ready_for_local_init_op

    @property
    def local_init_op(self):
        return self._local_init_op

    @property
    def local_init_feed_dict(self):
        return self._local_init_feed_dict

    @property
    def summary_op(self):
        return self._summary_op

    @property
    def saver(self):
        return self._saver

    @property
    def init_feed_dict(self):
        return self._init_feed_dict

    @staticmethod
    def get_or_default(arg_name, collection_key, default_constructor):
        """The one element of ``collection_key``, or ``default_constructor()`` (added to it)."""
        elements = default_graph().get_collection(collection_key)
        if elements:
            if len(elements) > 1:
                # TensorFlow passes its format arguments as further exception arguments, unformatted
                raise RuntimeError('More than one item in the collection "%s". Please indicate which one to use by '
                                   "passing it to the tf.Scaffold constructor as:  tf.Scaffold(%s=item to use)",
                                   collection_key, arg_name)
            return elements[0]
        op = default_constructor()
        if op is not None:
            default_graph().add_to_collection(collection_key, op)
        return op

    @staticmethod
    def default_local_init_op():
        """``group(local_variables_initializer(), tables_initializer(), initialize_resources(...))``."""
        return group(local_variables_initializer(), tables_initializer(), _initialize_resources())
