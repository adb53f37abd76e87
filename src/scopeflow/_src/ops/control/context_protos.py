"""Cond and loop contexts as TensorFlow's ``CondContextDef`` and ``WhileContextDef`` protos
(a meta graph's ``cond_context`` and ``while_context`` collections), and back.

A context is written with its names (the predicate, pivots, loop enters and exits) and its
``ValuesDef``: the sorted names of the tensors it has seen, and for each outside tensor the
tensor standing in for it inside. Read back after ``import_meta_graph``, a context is bound
to the imported tensors, and every op it lists gets it as its control flow context, so that
``tf.gradients`` and further control flow work on an imported graph as on the original.
"""

from __future__ import annotations

from scopeflow._src import protos
from scopeflow._src.framework.context import default_graph
from scopeflow._src.framework.scoped_names import prepend_name_scope, strip_name_scope
from scopeflow._src.ops.control.contexts import CondContext, ControlFlowContext
from scopeflow._src.ops.control.while_context import WhileContext


def _name(value) -> str:
    return value if isinstance(value, str) else value.name


# -- to protos ----------------------------------------------------------------------------------
def _values_def(ctx, export_scope, proto) -> None:
    proto.values.extend(strip_name_scope(v, export_scope) for v in sorted(_name(v) for v in ctx._values))
    for key, value in ctx._external_values.items():
        proto.external_values[strip_name_scope(_name(key), export_scope)] = strip_name_scope(value.name,
                                                                                             export_scope)


def _nested(ctx, proto) -> None:
    for nested in ctx._nested_contexts:
        entry = proto.nested_contexts.add()
        if isinstance(nested, WhileContext):
            entry.while_ctxt.CopyFrom(while_context_to_proto(nested))
        else:
            entry.cond_ctxt.CopyFrom(cond_context_to_proto(nested))


def cond_context_to_proto(ctx, export_scope=None):
    """``ctx`` as a ``CondContextDef``, or ``None`` when it lies outside ``export_scope``."""
    if export_scope is not None and not ctx.name.startswith(export_scope):
        return None
    proto = protos.CondContextDef()
    proto.context_name = strip_name_scope(ctx.name, export_scope)
    proto.pred_name = strip_name_scope(ctx._pred.name, export_scope)
    proto.pivot_name = strip_name_scope(ctx._pivot.name, export_scope)
    proto.branch = ctx._branch
    _values_def(ctx, export_scope, proto.values_def)
    _nested(ctx, proto)
    return proto


def while_context_to_proto(ctx, export_scope=None):
    """``ctx`` as a ``WhileContextDef``, or ``None`` when it lies outside ``export_scope``."""
    if export_scope is not None and not ctx.name.startswith(export_scope):
        return None
    proto = protos.WhileContextDef()
    proto.context_name = strip_name_scope(ctx.name, export_scope)
    proto.parallel_iterations = ctx._parallel_iterations
    if ctx._maximum_iterations is not None:
        proto.maximum_iterations_name = strip_name_scope(ctx._maximum_iterations.name, export_scope)
    proto.back_prop = ctx._back_prop
    proto.swap_memory = ctx._swap_memory
    proto.pivot_for_pred_name = strip_name_scope(ctx._pivot_for_pred.name, export_scope)
    proto.pivot_for_body_name = strip_name_scope(ctx._pivot_for_body.name, export_scope)
    proto.pivot_name = strip_name_scope(ctx._pivot.name, export_scope)
    proto.loop_exit_names.extend(strip_name_scope(t.name, export_scope) for t in ctx._loop_exits)
    proto.loop_enter_names.extend(strip_name_scope(t.name, export_scope) for t in ctx._loop_enters)
    _values_def(ctx, export_scope, proto.values_def)
    _nested(ctx, proto)
    return proto


# -- from protos --------------------------------------------------------------------------------
def _init_values(ctx, values_def, import_scope) -> None:
    """The base context's state, bound to the imported graph; each op listed (other than the
    outside values) gets ``ctx`` as its context."""
    graph = default_graph()
    ControlFlowContext.__init__(ctx)
    ctx._values = {graph.as_graph_element(prepend_name_scope(v, import_scope)) for v in values_def.values}
    for key, value in values_def.external_values.items():
        ctx._external_values[graph.as_graph_element(prepend_name_scope(key, import_scope))] = \
            graph.as_graph_element(prepend_name_scope(value, import_scope))
    for value in ctx._values - set(ctx._external_values):
        value.op._set_control_flow_context(ctx)


def _read_nested(ctx, proto, import_scope) -> None:
    ctx.Enter()
    try:
        for nested in proto.nested_contexts:
            if nested.HasField("cond_ctxt"):
                cond_context_from_proto(nested.cond_ctxt, import_scope)
            elif nested.HasField("while_ctxt"):
                while_context_from_proto(nested.while_ctxt, import_scope)
            else:
                raise NotImplementedError(f"Unknown ControlFlowContextDef field: {nested.WhichOneof('ctxt')}")
    finally:
        ctx.Exit()


def cond_context_from_proto(context_def, import_scope=None):
    """The ``CondContext`` a ``CondContextDef`` describes, bound to the default graph's ops."""
    graph = default_graph()
    ctx = CondContext.__new__(CondContext)
    graph.unique_name("cond_text")  # TF names every CondContext it makes, then renames one read from a proto
    _init_values(ctx, context_def.values_def, import_scope)
    ctx._name = prepend_name_scope(context_def.context_name, import_scope)
    ctx._pred = graph.as_graph_element(prepend_name_scope(context_def.pred_name, import_scope))
    ctx._pivot = graph.as_graph_element(prepend_name_scope(context_def.pivot_name, import_scope))
    ctx._branch = context_def.branch
    _read_nested(ctx, context_def, import_scope)
    return ctx


def while_context_from_proto(context_def, import_scope=None):
    """The ``WhileContext`` a ``WhileContextDef`` describes, bound to the default graph's ops
    (its ``Enter`` ops' frame names follow the import scope)."""
    graph = default_graph()

    def element(name):
        return graph.as_graph_element(prepend_name_scope(name, import_scope))

    ctx = WhileContext.__new__(WhileContext)
    _init_values(ctx, context_def.values_def, import_scope)
    ctx._graph = graph
    ctx._name = prepend_name_scope(context_def.context_name, import_scope)
    name = context_def.maximum_iterations_name
    ctx._maximum_iterations = element(name) if name else None
    ctx._parallel_iterations = context_def.parallel_iterations
    ctx._back_prop = context_def.back_prop
    ctx._swap_memory = context_def.swap_memory
    ctx._pivot_for_pred = element(context_def.pivot_for_pred_name)
    ctx._pivot_for_body = element(context_def.pivot_for_body_name)
    ctx._pivot = element(context_def.pivot_name)
    ctx._loop_exits = [element(n) for n in context_def.loop_exit_names]
    ctx._loop_enters = [element(n) for n in context_def.loop_enter_names]
    ctx._grad_state = None
    ctx.differentiating = False
    if import_scope:
        for value in ctx._values:
            if value.op._type in ("Enter", "RefEnter"):
                value.op._attrs["frame_name"] = ctx._name
    _read_nested(ctx, context_def, import_scope)
    return ctx
