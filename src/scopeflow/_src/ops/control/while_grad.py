"""What ``tf.gradients`` needs to differentiate through loops: TensorFlow's v1 scheme.

For each forward loop between ``xs`` and ``ys`` a ``GradLoopState`` adds, to the forward
loop, a counter of its iterations (``f_count``) and builds a gradient loop (a
``WhileContext`` with the forward loop's name) that runs as many iterations backwards
(``b_count``). A forward value that a gradient rule reads inside the gradient loop is
pushed on a stack by the forward loop (``f_acc``) and popped by the gradient loop, one per
iteration, in reverse (``GetRealValue``); a loop invariant's gradient is summed over the
iterations (``b_acc``). ``ControlFlowState`` holds the states of one ``tf.gradients`` call
and enters the right gradient loop around each op's rule.
"""

from __future__ import annotations

from scopeflow._src.framework import dtypes, registry, tensor_util
from scopeflow._src.framework.constant_op import constant, convert_to_tensor
from scopeflow._src.framework.default_graph import colocate_with, control_dependencies
from scopeflow._src.ops.array.creation import zeros, zeros_like
from scopeflow._src.ops.array.shapes import shape_internal
from scopeflow._src.ops.control import flow_ops, stack_ops
from scopeflow._src.ops.control.cond import zeros_for_untaken
from scopeflow._src.ops.control.contexts import CondContext, output_context, while_context_of
from scopeflow._src.ops.control.while_context import WhileContext


def is_loop_switch(op) -> bool:
    """A loop variable's ``Switch`` (not the ``Switch`` of a cond inside a loop body)."""
    if not registry.get(op._type).routes_input:
        return False
    ctx = op._control_flow_context
    return ctx is not None and ctx.IsWhileContext() and not _is_cond_switch(op)


def _is_cond_switch(op) -> bool:
    if not op._outputs:
        return False
    for t in op._outputs:
        for c in t._consumers:
            ctx = c._control_flow_context
            if registry.get(c._type).enters_frame:
                ctx = ctx.outer_context
            if ctx is None or not ctx.IsCondContext():
                return False
    return True


def _loop_constant_enter(value):
    """The loop-invariant ``Enter`` that ``value`` forwards (through identities and switches)."""
    op = value.op
    while registry.get(op._type).forwards_input or registry.get(op._type).routes_input:
        op = op._inputs[0].op
    opdef = registry.get(op._type)
    return op if opdef.enters_frame and op._attrs.get("is_constant") else None


class GradLoopState:
    """One forward loop and its gradient loop (see the module docstring)."""

    def __init__(self, forward_ctxt, outer_grad_state):
        self.outer_grad_state = outer_grad_state
        self.forward_context = forward_ctxt
        self._forward_sync = None
        self._grad_sync = None
        self.history_map = {}   # forward tensor -> its value in the gradient loop
        self.switch_map = {}    # forward loop Switch op -> the gradient loop's Merge of its gradient
        self.unused_exits = []
        self.deferred_exits = []
        self.forward_loop_exits = list(forward_ctxt.loop_exits)
        self.pending_exits_count = len(forward_ctxt.loop_exits)
        # The ops tf.gradients puts into the forward loop (its counter, shape reads) wait in
        # TF for the control dependencies open around tf.gradients, and TF's executor runs
        # them after the loop when those need the loop's results. A loop compiled as one block
        # cannot wait for its own results, and these ops need no waiting (see the README).
        forward_ctxt.differentiating = True
        outer_forward = outer_grad_state.forward_context if outer_grad_state else forward_ctxt.outer_context
        if outer_forward is not None:
            outer_forward.Enter()
        count, self.forward_index = forward_ctxt.AddForwardLoopCounter(outer_grad_state)
        if outer_forward is not None:
            outer_forward.Exit()
        if outer_grad_state is not None:
            outer_forward.AddName(count)
            history_count = outer_grad_state.AddForwardAccumulator(count)
            outer_grad_ctxt = outer_grad_state.grad_context
            outer_grad_ctxt.Enter()
            self.grad_context = self._new_grad_context()
            real_count = outer_grad_state.AddBackpropAccumulatedValue(history_count, count)
            self.grad_index = self.grad_context.AddBackpropLoopCounter(real_count, outer_grad_state)
            outer_grad_ctxt.Exit()
        else:
            if outer_forward is not None:
                outer_forward.Enter()
            self.grad_context = self._new_grad_context()
            self.grad_index = self.grad_context.AddBackpropLoopCounter(count, outer_grad_state)
            if outer_forward is not None:
                outer_forward.Exit()

    def _new_grad_context(self):
        f = self.forward_context
        return WhileContext(maximum_iterations=f.maximum_iterations, parallel_iterations=f.parallel_iterations,
                            back_prop=f.back_prop, swap_memory=f.swap_memory, name=f.name, grad_state=self)

    @property
    def forward_sync(self):
        """A trigger the forward counter waits for: every push inside a cond of the body."""
        if self._forward_sync is None:
            with control_dependencies(None):
                self._forward_sync = stack_ops.control_trigger(name="f_sync")
            self._forward_sync._set_control_flow_context(self.forward_context)
            self.forward_index.op._add_control_input(self._forward_sync)
        return self._forward_sync

    @property
    def grad_sync(self):
        """A trigger the gradient counter waits for: every pop of the iteration."""
        if self._grad_sync is None:
            with control_dependencies(None):
                self._grad_sync = stack_ops.control_trigger(name="b_sync")
            self._grad_sync._set_control_flow_context(self.grad_context)
            self.grad_index.op._add_control_input(self._grad_sync)
            if self.grad_context.outer_context is not None:
                self.grad_context.outer_context.AddInnerOp(self._grad_sync)
        return self._grad_sync

    def AddForwardAccumulator(self, value, dead_branch=False):  # noqa: N802 - TensorFlow's names
        """A stack (``f_acc``) the forward loop pushes ``value`` on, once per iteration."""
        graph = self.forward_index.graph
        curr = graph._get_control_flow_context()
        with control_dependencies(None):
            if curr is not None:
                curr.Enter()
            with colocate_with(value):
                acc = stack_ops.stack_v2(constant(-1, dtypes.int32), value.dtype.base_dtype, name="f_acc")
            if curr is not None:
                curr.Exit()
            enter_acc = self.forward_context.AddValue(acc)
            value_ctxt = output_context(value.op)
            if value_ctxt is self.forward_context:
                self.forward_context.Enter()
                push = stack_ops.stack_push_v2(enter_acc, value, swap_memory=self.forward_context.swap_memory)
                self.forward_context.Exit()
                self.forward_index.op._add_control_input(push.op)
            else:
                if not isinstance(value_ctxt, CondContext):
                    raise TypeError(f"value_ctxt is not a CondContext: {value_ctxt}")
                entered = value_ctxt.outer_context if dead_branch else value_ctxt
                entered.Enter()
                push = stack_ops.stack_push_v2(enter_acc, value, swap_memory=self.forward_context.swap_memory)
                entered.Exit()
                if dead_branch:
                    push.op._set_control_flow_context(value_ctxt)
                self.forward_sync._add_control_input(push.op)
            push.op._add_control_input(self.forward_index.op._inputs[0].op)
            return acc

    def AddBackpropAccumulatedValue(self, history_value, value, dead_branch=False):  # noqa: N802
        """The gradient loop's pop of ``history_value`` (a stack), shaped like ``value``."""
        history_ctxt = history_value.op._control_flow_context
        cond_ctxt, value_ctxt = None, value.op._control_flow_context
        while value_ctxt is not None and value_ctxt is not history_ctxt:
            if isinstance(value_ctxt, CondContext):
                cond_ctxt = value_ctxt
                break
            value_ctxt = value_ctxt.outer_context
        with control_dependencies(None):
            self.grad_context.Enter()
            if cond_ctxt is not None:  # pushed inside a cond: pop only when that branch ran
                grad_state, pred = self, None
                while pred is None and grad_state is not None:
                    pred = grad_state.history_map.get(cond_ctxt.pred)
                    grad_state = grad_state.outer_grad_state
                if pred is None:
                    pred = cond_ctxt.pred
                branch = (1 - cond_ctxt.branch) if dead_branch else cond_ctxt.branch
                history_value = flow_ops.switch_ref_or_tensor(history_value, pred)[branch]
            pop = stack_ops.stack_pop_v2(history_value, value.dtype.base_dtype)
            pop.set_shape(value.shape)
            self.grad_context.Exit()
        if self.grad_context.parallel_iterations > 1:
            self.grad_sync._add_control_input(pop.op)
        return pop

    def GetRealValue(self, value):  # noqa: N802
        """``value`` of the forward loop as the gradient loop sees it: a loop invariant is
        entered again, a constant rebuilt, anything else popped from its history."""
        real = self.history_map.get(value)
        if real is not None:
            return real
        cur_value, cur_state, history = value, self, None
        while True:
            enter = _loop_constant_enter(cur_value)
            if enter is not None:
                cur_value = enter._inputs[0]
                cur_state = cur_state.outer_grad_state
                if cur_state is None:
                    real = self.grad_context.AddValue(cur_value)
                    break
            elif registry.get(cur_value.op._type).constant:
                real = constant(tensor_util.constant_value(cur_value), dtype=cur_value.dtype)
                break
            else:
                self.grad_context.Exit()
                history = cur_state.AddForwardAccumulator(cur_value)
                self.grad_context.Enter()
                break
        if real is None:
            real = cur_state.AddBackpropAccumulatedValue(history, cur_value)
            if cur_state is not self:
                real = self.grad_context.AddValue(real)
        self.history_map[value] = real
        return real


class ControlFlowState:
    """The gradient loop states of one ``tf.gradients`` call, by forward loop."""

    def __init__(self):
        self._map = {}

    is_loop_switch = staticmethod(is_loop_switch)

    def GetGradState(self, op, before):  # noqa: N802
        if before and registry.get(op._type).exits_frame:
            forward = op._control_flow_context.outer_context
            forward = forward.GetWhileContext() if forward is not None else None
        else:
            forward = while_context_of(op)
        return self._map.get(forward) if forward is not None else None

    def ProcessUnusedLoopExits(self, pending_count, to_ops_set):  # noqa: N802
        """The exits of loops whose other exits no ``y`` depends on (they get zero gradients)."""
        loop_exits = []
        for grad_state in self._map.values():
            for y in grad_state.forward_loop_exits:
                if pending_count[y.op] == 0:
                    grad_state.pending_exits_count -= 1
                    if y.op not in to_ops_set:
                        grad_state.unused_exits.append(y)
                    if grad_state.pending_exits_count == 0:
                        loop_exits.extend(grad_state.unused_exits)
            for y in grad_state.forward_context.loop_enters:
                if pending_count[y.op] == 0:
                    pending_count[y.op] = 1
        return loop_exits

    def EnterGradWhileContext(self, op, before):  # noqa: N802
        grad_state = self.GetGradState(op, before)
        if grad_state is not None:
            grad_state.grad_context.Enter()

    def ExitGradWhileContext(self, op, before):  # noqa: N802
        grad_state = self.GetGradState(op, before)
        if grad_state is not None:
            grad_state.grad_context.Exit()

    def AddWhileContext(self, op, between_op_list, between_ops):  # noqa: N802
        forward = while_context_of(op)
        if forward in self._map:
            return
        outer_forward = forward.outer_context
        outer_forward = outer_forward.GetWhileContext() if outer_forward is not None else None
        outer_grad_state = self._map.get(outer_forward) if outer_forward is not None else None
        grad_state = GradLoopState(forward, outer_grad_state)
        self._map[forward] = grad_state
        for loop_exit in grad_state.forward_loop_exits:  # the counter's exit joins the ops in between
            if loop_exit.op not in between_ops:
                between_ops.add(loop_exit.op)
                between_op_list.append(loop_exit.op)

    def ZerosLikeForExit(self, val):  # noqa: N802
        """The zero gradient of a loop exit no ``y`` depends on."""
        forward = val.op._control_flow_context
        outer_forward = forward.outer_context
        outer_forward = outer_forward.GetWhileContext() if outer_forward is not None else None
        outer_grad_state = self._map.get(outer_forward) if outer_forward is not None else None
        shape = val.shape
        if outer_grad_state is None:
            return zeros(shape.as_list(), val.dtype) if shape.is_fully_defined() else zeros_like(val, optimize=False)
        if shape.is_fully_defined():
            outer_grad_state.grad_context.Enter()
            result = zeros(shape.as_list(), val.dtype)
            outer_grad_state.grad_context.Exit()
            return result
        forward.outer_context.Enter()
        value_shape = shape_internal(val, optimize=False)
        forward.outer_context.Exit()
        history = outer_grad_state.AddForwardAccumulator(value_shape)
        outer_grad_state.grad_context.Enter()
        real_shape = outer_grad_state.AddBackpropAccumulatedValue(history, value_shape)
        result = zeros(real_shape, val.dtype)
        outer_grad_state.grad_context.Exit()
        return result

    def ZerosLikeV1WhileLoop(self, op, index):  # noqa: N802
        """The zero gradient of output ``index`` of ``op``, an op inside a loop."""
        if is_loop_switch(op):
            return None
        dead_branch = registry.get(op._type).routes_input
        grad_state = self._map.get(while_context_of(op))
        if grad_state is None:
            return zeros_for_untaken(op, index) if dead_branch else zeros_like(op._outputs[index], optimize=False)
        op_ctxt = op._control_flow_context
        val = convert_to_tensor(op._outputs[index], name="tensor")
        shape = val.shape
        if shape.is_fully_defined():
            result = constant(0, shape=shape.as_list(), dtype=val.dtype)
            if dead_branch:
                pred = grad_state.history_map.get(op_ctxt.pred)
                result = flow_ops.switch_ref_or_tensor(result, pred)[1 - op_ctxt.branch]
            return result
        if dead_branch:
            op_ctxt.outer_context.Enter()
            val = flow_ops.switch_ref_or_tensor(op._inputs[0], op_ctxt.pred)[1 - op_ctxt.branch]
            zeros_shape = shape_internal(val, optimize=False)
            op_ctxt.outer_context.Exit()
            val.op._set_control_flow_context(op_ctxt)
            zeros_shape.op._set_control_flow_context(op_ctxt)
        else:
            op_ctxt.Enter()
            zeros_shape = shape_internal(val, optimize=False)
            op_ctxt.Exit()
        grad_state.grad_context.Exit()
        history = grad_state.AddForwardAccumulator(zeros_shape, dead_branch=dead_branch)
        grad_state.grad_context.Enter()
        shape = grad_state.AddBackpropAccumulatedValue(history, zeros_shape, dead_branch)
        return zeros(shape, val.dtype)

    def PostProcessing(self):  # noqa: N802
        """Close the back edge of every gradient ``Merge`` that received one gradient only."""
        for grad_state in self._map.values():
            grad_state.forward_context.differentiating = False
            for b_merge in grad_state.switch_map.values():
                if b_merge.op._inputs[0] is b_merge.op._inputs[1]:
                    dtype = b_merge.op._inputs[0].dtype
                    shape = b_merge.op._inputs[0].shape
                    if shape.is_fully_defined():
                        grad_state.grad_context.Enter()
                        next_value = flow_ops.next_iteration(constant(0, dtype=dtype, shape=shape.as_list()))
                        grad_state.grad_context.Exit()
                    else:
                        outer = grad_state.grad_context.outer_context
                        if outer is not None:
                            outer.Enter()
                        enter_grad = b_merge.op._inputs[0].op._inputs[0]
                        value = zeros(shape_internal(enter_grad, optimize=False))
                        if outer is not None:
                            outer.Exit()
                        grad_state.grad_context.Enter()
                        next_value = flow_ops.next_iteration(value)
                        grad_state.grad_context.Exit()
                    b_merge.op._update_input(1, next_value)


def control_flow_state(between_op_list, between_ops):
    """A ``ControlFlowState`` when a loop's ``Exit`` lies between ``xs`` and ``ys``, else ``None``."""
    state = None
    for op in between_op_list:  # grows: each loop's counter exit joins it
        if registry.get(op._type).exits_frame:
            if state is None:
                state = ControlFlowState()
            state.AddWhileContext(op, between_op_list, between_ops)
    return state

