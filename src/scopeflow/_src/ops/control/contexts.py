"""Control-flow contexts: what a cond branch or a loop body does to the ops built in it.

While a branch or a body is built, its context is the builder state's
``control_flow_context``, and ``Graph`` hands it every new op (``AddOp``, TensorFlow's
``_control_flow_post_processing``). The context then routes each input that comes from
outside through a ``Switch`` on the predicate (a cond) or an ``Enter`` into the loop's frame
(a loop, ``while_context.WhileContext``), once per outside tensor, and gives an op without inputs a control input on the
pivot, so that it runs only when its branch or iteration does. Contexts nest: an outside
value is first made available to the outer context.

The method names are TensorFlow's (``AddValue``, ``GetWhileContext``...), since TF1
programs and libraries reach them through ``op._get_control_flow_context()``.
"""

from __future__ import annotations

from scopeflow._src.framework import nest, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.context import default_graph
from scopeflow._src.framework.default_graph import control_dependencies
from scopeflow._src.framework.operation import Operation, Tensor
from scopeflow._src.ops.array.identity import identity
from scopeflow._src.ops.control import control_flow_ops, flow_ops

SUMMARY_COLLECTION = "_SUMMARY_V2"  # summaries built inside a branch are gated on it (TF's rule)


def is_loop_exit(op) -> bool:
    return registry.get(op._type).exits_frame


def is_loop_constant_enter(op) -> bool:
    return registry.get(op._type).enters_frame and bool(op._attrs.get("is_constant"))


def output_context(op):
    """The context an op's outputs live in: an ``Exit``'s are outside its loop."""
    ctx = op._control_flow_context
    if ctx is not None and is_loop_exit(op):
        ctx = ctx.outer_context
    return ctx


def contains(outer, ctx) -> bool:
    """Whether ``ctx`` is ``outer`` or nested inside it."""
    while ctx is not outer:
        if ctx is None:
            return False
        ctx = ctx.outer_context
    return True


def _grad_pair(loop, input_loop, input_ctxt) -> bool:
    """Whether a gradient loop and a forward loop may read each other's values (TF's rules)."""
    grad = loop.grad_state
    if grad is not None and (contains(input_loop, grad.forward_context)
                             or grad.forward_context is input_loop.outer_context):
        return True
    input_grad = input_loop.grad_state
    if input_grad is not None and input_grad.forward_context is loop:
        return True
    forward_grad = input_ctxt.grad_state.forward_context.grad_state if input_ctxt.grad_state is not None else None
    return forward_grad is not None and forward_grad.forward_context is loop


def while_context_of(op):
    ctx = op._control_flow_context
    return ctx.GetWhileContext() if ctx is not None else None


class ControlFlowContext:
    """What cond and loop contexts share: the values seen inside, the outside values routed
    in (``_external_values``: outside tensor -> the tensor used for it inside), and the
    stack of contexts ``Enter`` and ``Exit`` switch between."""

    def __init__(self):
        graph = default_graph()
        graph._has_control_flow = True
        self._outer_context = graph._get_control_flow_context()
        self._nested_contexts = []
        if self._outer_context is not None:
            self._outer_context._nested_contexts.append(self)
        self._context_stack = []
        self._values = set()          # tensors built in, or already available to, this context
        self._external_values = {}    # outside tensor -> its stand-in inside

    @property
    def name(self) -> str:
        return self._name

    @property
    def outer_context(self):
        return self._outer_context

    def Enter(self) -> None:  # noqa: N802 - TensorFlow's names, from here on
        graph = default_graph()
        self._context_stack.append(graph._get_control_flow_context())
        graph._set_control_flow_context(self)

    def Exit(self) -> None:  # noqa: N802
        default_graph()._set_control_flow_context(self._context_stack.pop())

    def AddName(self, name) -> None:  # noqa: N802
        self._values.add(name)

    def ExitResult(self, result) -> None:  # noqa: N802
        """Make the tensors of ``result`` known to the outer context."""
        if self._outer_context is not None:
            for t in result:
                self._outer_context._values.add(t)

    def GetWhileContext(self):  # noqa: N802
        return self._outer_context.GetWhileContext() if self._outer_context is not None else None

    def GetControlPivot(self):  # noqa: N802
        return None

    def IsWhileContext(self) -> bool:  # noqa: N802
        return False

    def IsCondContext(self) -> bool:  # noqa: N802
        return False

    def AddInnerOp(self, op) -> None:  # noqa: N802
        if self._outer_context is not None:
            self._outer_context.AddInnerOp(op)

    def check_consumer(self, op, input_op, op_ctxt) -> None:
        """Raise TensorFlow's ``ValueError`` if ``op`` (being built in ``op_ctxt``) may not read
        ``input_op`` of this context: a loop's values are only visible in that loop (and in
        its gradient loop), or outside it through an ``Exit``."""
        input_ctxt = output_context(input_op)
        if input_ctxt is None or op_ctxt is input_ctxt:
            return
        loop = op_ctxt.GetWhileContext() if op_ctxt is not None else None
        input_loop = input_ctxt.GetWhileContext()
        if loop is None:
            if input_loop is None or registry.get(op._type).enters_frame or registry.get(op._type).routes_input:
                return
        elif contains(input_loop, loop) or _grad_pair(loop, input_loop, input_ctxt):
            return
        if loop is not None:
            raise ValueError(f"Cannot use '{input_op.name}' as input to '{op.name}' because they are in different "
                             f"while loops. See info log for more details.")
        raise ValueError(f"Cannot use '{input_op.name}' as input to '{op.name}' because '{input_op.name}' is in a "
                         f"while loop. See info log for more details.")

    def _mark_seen(self, tensors) -> None:
        ctx = self
        while ctx is not None:
            ctx._values.update(tensors)
            ctx = ctx._outer_context

    def _RemoveExternalControlEdges(self, op):  # noqa: N802
        """Drop ``op``'s control inputs from outside the enclosing loop (a loop body cannot
        wait for an op that runs once); returns (kept, dropped)."""
        loop = self.GetWhileContext()
        if loop is None:
            return list(op._control_inputs), []
        internal, external = [], []
        for c in op._control_inputs:
            ctx = output_context(c)
            (internal if ctx is not None and ctx.GetWhileContext() is loop else external).append(c)
        if external:
            op._remove_all_control_inputs()
            op._add_control_inputs(internal)
        return internal, external

    def __str__(self):
        return self._name


class CondContext(ControlFlowContext):
    """One branch of a cond: ``pred`` is the predicate (``cond/pred_id``), ``pivot`` the
    branch's gate (``cond/switch_t`` or ``cond/switch_f``), ``branch`` 1 for true, 0 for false."""

    def __init__(self, pred, pivot, branch, name="cond_text"):
        self._name = default_graph().unique_name(name)
        super().__init__()
        self._pred = pred
        self._pivot = pivot
        self._branch = branch
        self._values.add(pred)
        self._external_values[pred] = pred
        self._values.add(pivot)
        pivot.op._set_control_flow_context(self)

    @property
    def pred(self):
        return self._pred

    @property
    def pivot(self):
        return self._pivot

    @property
    def branch(self) -> int:
        return self._branch

    @property
    def grad_state(self):
        loop = self.GetWhileContext()
        return loop.grad_state if loop is not None else None

    @property
    def back_prop(self) -> bool:
        loop = self.GetWhileContext()
        return loop.back_prop if loop is not None else False

    def GetControlPivot(self):  # noqa: N802
        return self._pivot

    def IsCondContext(self) -> bool:  # noqa: N802
        return True

    def AddValue(self, val):  # noqa: N802
        """The tensor this branch uses for ``val``: ``val`` itself if it is built inside,
        else (once per tensor) a ``Switch`` of it on the predicate, built outside any
        control dependency, named ``<consumer>/Switch``."""
        if val in self._values:
            return self._external_values.get(val, val)
        result = self._from_outer(val)
        with control_dependencies(None):
            result = flow_ops.switch_ref_or_tensor(result, self._pred)[self._branch]
            if self._outer_context is not None:
                self._outer_context.AddInnerOp(result.op)
        result.op._graph.prevent_fetching(result.op)
        result.op._set_control_flow_context(self)
        self._mark_seen([result])
        self._external_values[val] = result
        return result

    def _from_outer(self, val):
        """``val`` as the outer context sees it (``val`` itself outside any), both now known here."""
        self._values.add(val)
        if self._outer_context is None:
            return val
        real = self._outer_context.AddValue(val)
        self._values.add(real)
        self._external_values[real] = real
        return real

    def AddOp(self, op) -> None:  # noqa: N802
        """Take ``op``, just built in this branch (see the module docstring)."""
        self._add_op_internal(op)

    def _add_op_internal(self, op) -> None:
        if not op._inputs:
            self._RemoveExternalControlEdges(op)
            if not any(contains(self, c._control_flow_context) for c in op._control_inputs):
                op._add_control_input(self._pivot.op)
        else:
            takes_dead = registry.get(op._type).takes_dead_inputs
            for i, x in enumerate(op._inputs):
                if takes_dead and registry.get(x.op._type).next_iteration:
                    continue  # a loop being built inside this branch: its back edge is added later
                real = self.AddValue(x)
                if real is not x:
                    op._update_input(i, real)
            self._RemoveExternalControlEdges(op)
        self._mark_seen(op._outputs)
        if self._outer_context is not None or not is_loop_exit(op):
            op._graph.prevent_fetching(op)
        if self._outer_context is not None:
            self._outer_context.AddInnerOp(op)

    def _ProcessOutputTensor(self, val):  # noqa: N802
        """The branch's stand-in for a result tensor ``val`` (a ``Switch`` when ``val`` comes
        from outside the branch, as in ``lambda: x``)."""
        if val not in self._values:
            real = flow_ops.switch_ref_or_tensor(self._from_outer(val), self._pred)[self._branch]
            self._external_values[val] = real
            return real
        return self._external_values.get(val, val)

    def BuildCondBranch(self, fn):  # noqa: N802
        """``(fn()'s result, its flat list of branch tensors)``; an op in the result is
        represented by the pivot under a control dependency on it."""
        graph = default_graph()
        summaries = graph.get_collection(SUMMARY_COLLECTION)
        original = fn()
        new_summaries = graph.get_collection(SUMMARY_COLLECTION)[len(summaries):]
        if new_summaries:  # summaries of a branch run only with it: the result waits for them
            graph.get_collection_ref(SUMMARY_COLLECTION)[:] = summaries
            with control_dependencies(new_summaries):
                if original is None:
                    return control_flow_ops.no_op(), None
                if not isinstance(original, Operation):
                    original = nest.map_structure(identity, as_values(original))
        if original is None:
            return None, None
        result = nest.map_structure(self._build_cond_tensor, as_values(original), expand_composites=True)
        if not isinstance(result, (list, tuple)):
            result = [result]
        return original, result

    def _build_cond_tensor(self, v):
        if isinstance(v, Operation):
            return control_flow_ops.with_dependencies([v], self._pivot)
        return self._ProcessOutputTensor(convert_to_tensor(v))


def as_values(structure):
    """``structure`` with each variable as the tensor it reads and each TensorArray as its flow
    (a ``SparseTensor`` stays one, of its three tensors)."""
    return nest.map_structure(_as_value, structure, expand_composites=True)


def _as_value(v):
    if isinstance(v, (Operation, Tensor)):
        return v
    flow = getattr(v, "_loop_value", None)  # a TensorArray travels through control flow as its flow
    return flow() if flow is not None else convert_to_tensor(v)
