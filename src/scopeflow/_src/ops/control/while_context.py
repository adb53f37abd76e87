"""The v1 loop's context: what a ``tf.while_loop`` body does to the ops built in it.

``WhileContext`` is the ``ControlFlowContext`` (``contexts.py``) of one loop frame; it
builds the loop's ``Enter``/``Merge``/``Switch``/``Exit``/``NextIteration`` ops and routes
each outside tensor in as a loop invariant. The helpers below it carry loop variables (a
TensorArray travels as its flow) and check shape invariants.
"""

from __future__ import annotations

from scopeflow._src.framework import nest
from scopeflow._src.framework.constant_op import constant, convert_to_tensor
from scopeflow._src.framework.context import builder, default_graph
from scopeflow._src.framework.default_graph import control_dependencies
from scopeflow._src.framework.indexed_slices import IndexedSlices
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops.array.creation import zeros, zeros_like
from scopeflow._src.ops.array.identity import identity
from scopeflow._src.ops.array.joining import concat
from scopeflow._src.ops.array.shapes import shape, shape_internal
from scopeflow._src.ops.control import flow_ops
from scopeflow._src.ops.control.contexts import (
    SUMMARY_COLLECTION,
    ControlFlowContext,
    is_loop_constant_enter,
    is_loop_exit,
    output_context,
    while_context_of,
)
from scopeflow._src.ops.math.arithmetic import add, maximum, subtract
from scopeflow._src.ops.math.comparison import greater_equal


class WhileContext(ControlFlowContext):
    """The body and condition of one ``tf.while_loop``: a frame named ``<scope>while_context``.

    ``BuildLoop`` builds TensorFlow's v1 loop: per loop variable an ``Enter``, a ``Merge``
    of its first and next value, a ``Switch`` on ``LoopCond`` whose false output ``Exit``s
    and whose true output (through an ``Identity``) feeds the body, and a ``NextIteration``
    back into the ``Merge``. Outside tensors enter once each as loop invariants
    (``Enter`` with ``is_constant``). A gradient loop is a ``WhileContext`` too, with the
    ``grad_state`` (``while_grad.GradLoopState``) that pairs it with its forward loop.
    """

    def __init__(self, maximum_iterations=None, parallel_iterations=10, back_prop=True, swap_memory=False,
                 name="while_context", grad_state=None):
        super().__init__()
        if not isinstance(parallel_iterations, int) or parallel_iterations <= 0:
            raise ValueError(f"'parallel_iterations' must be a positive integer: {parallel_iterations}")
        self._graph = default_graph()
        self._name = self._graph.unique_name(name)
        self._maximum_iterations = maximum_iterations
        self._parallel_iterations = parallel_iterations
        self._back_prop = back_prop
        self._swap_memory = swap_memory
        self._pivot_for_pred = None
        self._pivot_for_body = None
        self._pivot = None
        self._loop_exits = []
        self._loop_enters = []
        self._grad_state = grad_state
        self.differentiating = False  # tf.gradients is adding its bookkeeping to this (forward) loop

    maximum_iterations = property(lambda self: self._maximum_iterations)
    parallel_iterations = property(lambda self: self._parallel_iterations)
    back_prop = property(lambda self: self._back_prop)
    swap_memory = property(lambda self: self._swap_memory)
    pivot = property(lambda self: self._pivot, doc="The loop's ``LoopCond`` tensor.")
    loop_enters = property(lambda self: self._loop_enters)
    loop_exits = property(lambda self: self._loop_exits)
    grad_state = property(lambda self: self._grad_state)

    def GetWhileContext(self):  # noqa: N802
        return self

    def GetControlPivot(self):  # noqa: N802
        return self._pivot_for_body if self._pivot_for_body is not None else self._pivot_for_pred

    def IsWhileContext(self) -> bool:  # noqa: N802
        return True

    def AddValue(self, val):  # noqa: N802
        """The tensor the loop uses for ``val``: itself if built in the loop, else (once per
        tensor) an ``Enter`` of it as a loop invariant, built outside any control dependency.
        In a gradient loop, a value of the forward loop is read from its history instead."""
        if val in self._values or val.op._control_flow_context is self:
            return self._external_values.get(val, val)
        self._values.add(val)
        grad_ctxt = self._graph._get_control_flow_context()
        grad_ctxt = grad_ctxt.GetWhileContext() if grad_ctxt is not None else None
        if grad_ctxt is not None and grad_ctxt.grad_state is not None:
            forward = while_context_of(val.op)
            if forward is not None and is_loop_exit(val.op):
                forward = forward.outer_context
                forward = forward.GetWhileContext() if forward is not None else None
            if forward is grad_ctxt.grad_state.forward_context:
                real = grad_ctxt.grad_state.GetRealValue(val)
                self._external_values[val] = real
                return real
        result = val
        if self._outer_context is not None:
            result = self._outer_context.AddValue(val)
        with control_dependencies(None):
            enter = flow_ops.enter(result, self._name, is_constant=True,
                                   parallel_iterations=self._parallel_iterations)
            enter.graph.prevent_feeding(enter)
            if self._outer_context is not None:
                self._outer_context.AddInnerOp(enter.op)
        self._fix_control_inputs_and_context([enter])
        self._values.add(enter)
        self._external_values[val] = enter
        return enter

    def AddOp(self, op) -> None:  # noqa: N802
        if op._type in ("Shape", "Size", "Rank"):  # TF's rule: in a gradient loop, a shape read of a forward
            grad_ctxt = self._graph._get_control_flow_context()  # value is computed next to that value
            grad_ctxt = grad_ctxt.GetWhileContext() if grad_ctxt is not None else None
            if grad_ctxt is not None and grad_ctxt.grad_state is not None:
                if while_context_of(op._inputs[0].op) is grad_ctxt.grad_state.forward_context:
                    input_ctxt = op._inputs[0].op._control_flow_context
                    op._set_control_flow_context(input_ctxt)
                    input_ctxt._add_op_internal(op)
                    return
        self._add_op_internal(op)

    def _add_op_internal(self, op) -> None:
        """Route ``op``'s outside inputs in as loop invariants; an op that depends on nothing
        that changes per iteration waits for the pivot; control inputs from outside the loop
        move to an ``Identity`` of them inside it."""
        if not op._inputs:
            control_inputs, external = self._RemoveExternalControlEdges(op)
            if not control_inputs:
                op._add_control_input(self.GetControlPivot().op)
        else:
            for i, x in enumerate(op._inputs):
                real = self.AddValue(x)
                if real is not x:
                    op._update_input(i, real)
            _, external = self._RemoveExternalControlEdges(op)
            if not op._control_inputs and all(is_loop_constant_enter(x.op) for x in op._inputs):
                op._add_control_input(self.GetControlPivot().op)
        self._values.update(op._outputs)
        if external and not self.differentiating:  # see ``differentiating`` in while_grad.GradLoopState
            with control_dependencies(None):
                self.Enter()
                external = [identity(x._outputs[0]).op for x in external if x._outputs]
                self.Exit()
            op._add_control_inputs(external)
        if self._outer_context is not None or not is_loop_exit(op):
            op._graph.prevent_fetching(op)
            for x in op._outputs:
                op._graph.prevent_feeding(x)
        if self._outer_context is not None:
            self._outer_context.AddInnerOp(op)

    def _fix_control_inputs_and_context(self, enters) -> None:
        """An ``Enter`` built outside any control dependency keeps the control inputs of the
        blocks open around the loop (those of this loop's outer conds), and joins the loop."""
        graph = self._graph
        state = builder(graph)
        for e in enters:
            inp_op = e.op._inputs[0].op
            keep = []
            for c in graph._control_dependencies_for_inputs({inp_op}, state):
                ctx, outer = output_context(c), self._outer_context
                outer_loop = outer.GetWhileContext() if outer is not None else None
                while outer is not ctx:
                    if outer is None or outer is outer_loop:
                        break
                    outer = outer.outer_context
                else:
                    keep.append(c)
            e.op._set_control_flow_context(self)
            e.op._add_control_inputs(keep)
            graph._record_op_seen_by_control_dependencies(e.op)

    # -- building the loop ---------------------------------------------------------------------
    def BuildLoop(self, pred, body, loop_vars, shape_invariants, return_same_structure):  # noqa: N802
        """The loop's exits, packed like ``body``'s result (or the bare tensor of a one-variable
        loop, unless ``return_same_structure``)."""
        flat_original = nest.flatten(loop_vars)
        loop_vars = nest.map_structure(_loop_value, loop_vars)
        flat_vars = [_flow(v) for v in nest.flatten(loop_vars)]
        if shape_invariants is None:
            invariants = [v.shape for v in flat_vars]
        else:
            invariants = [_invariant_shape(s) for s in nest.flatten(nest.map_structure(
                lambda _, s: s, loop_vars, shape_invariants))]
        signature = loop_vars
        self.Enter()
        try:
            original_result, exits = self._build_loop(pred, body, flat_original, flat_vars, signature, invariants)
        finally:
            self.Exit()
        flat_result = nest.flatten(original_result)
        exits = [_rebuilt(o, e) for o, e in zip(flat_result, exits)]
        packed = nest.pack_sequence_as(original_result, exits)
        if return_same_structure:
            return packed
        return packed[0] if len(exits) == 1 else packed

    def _build_loop(self, pred, body, flat_original, flat_vars, signature, invariants):
        self._values = set(flat_vars)
        real_vars = flat_vars
        if self._outer_context is not None:
            real_vars = [self._outer_context.AddValue(x) for x in flat_vars]
        enter_vars = []
        with control_dependencies(None):
            for real, invariant in zip(real_vars, invariants):
                enter_var = flow_ops.enter(real, self._name, is_constant=False,
                                           parallel_iterations=self._parallel_iterations, use_input_shape=False)
                if not shape_less_equal(real.shape, invariant):
                    raise ValueError(
                        f"The shape invariant specified for {real.name} is not compatible with the initial shape of "
                        f"the loop variable. It enters the loop with shape {real.shape}, but the specified shape "
                        f"invariant is {invariant}.")
                enter_var.set_shape(invariant)
                enter_var.graph.prevent_feeding(enter_var)
                if self._outer_context is not None:
                    self._outer_context.AddInnerOp(enter_var.op)
                enter_vars.append(enter_var)
        outer, control_pivot = self._outer_context, None
        while outer is not None and control_pivot is None:
            control_pivot = outer.GetControlPivot()
            outer = outer.outer_context
        if control_pivot is not None:
            for var in enter_vars:
                if is_loop_constant_enter(var.op._inputs[0].op):
                    var.op._add_control_input(control_pivot.op)
        self._fix_control_inputs_and_context(enter_vars)
        self._values = set(enter_vars)
        self._loop_enters = enter_vars

        merge_vars = [flow_ops.merge([x, x])[0] for x in enter_vars]
        self._pivot_for_pred = merge_vars[0]
        packed = _packed_like(signature, flat_original, merge_vars)
        c = convert_to_tensor(pred(*packed))
        self._pivot = flow_ops.loop_cond(c, name="LoopCond")
        switch_vars = [flow_ops.switch_ref_or_tensor(x, self._pivot) for x in merge_vars]
        vars_for_body = [identity(x[1]) for x in switch_vars]
        self._pivot_for_body = vars_for_body[0]
        packed = _packed_like(signature, flat_original, vars_for_body)

        summaries = self._graph.get_collection(SUMMARY_COLLECTION)
        body_result = body(*packed)
        if not nest.is_nested(body_result):
            body_result = [body_result]
        new_summaries = self._graph.get_collection(SUMMARY_COLLECTION)[len(summaries):]
        if new_summaries:
            self._graph.get_collection_ref(SUMMARY_COLLECTION)[:] = summaries
            with control_dependencies(new_summaries):
                body_result = nest.map_structure(
                    lambda x: x if getattr(x, "_loop_value", None) else identity(x), body_result)
        body_result = nest.map_structure(_loop_value, body_result)
        nest.assert_same_structure(list(packed), list(body_result))
        original_body_result = body_result
        result = [_flow(v) if not isinstance(v, Tensor) else v for v in nest.flatten(body_result)]
        result = [convert_to_tensor(v) for v in result]
        if len(merge_vars) != len(result):
            raise ValueError(f"Number of inputs and outputs of 'body' must match 'loop_vars'. Got {len(merge_vars)} "
                             f"for the number of inputs/outputs, and {len(result)} for 'loop_vars'.")
        for m, v in zip(merge_vars, result):
            add_next_and_back_edge(m, v)
        exit_vars = [flow_ops.exit(x[0]) for x in switch_vars]
        self._loop_exits = exit_vars
        self.ExitResult(exit_vars)
        return original_body_result, exit_vars

    # -- the gradient machinery's loops (while_grad.py calls these) ------------------------------
    def AddForwardLoopCounter(self, outer_grad_state):  # noqa: N802
        """A counter of this loop's iterations (``f_count``): returns (its exit, its next value).

        Unlike TensorFlow's, the counter is built outside the ``control_dependencies`` open
        around ``tf.gradients`` (typically ``UPDATE_OPS``, which need the loop's results):
        TF's executor then runs the counter's iterations after the loop, a loop compiled as
        one block cannot, and the counter has nothing to wait for (see the README).
        """
        outer = self._graph._get_control_flow_context()
        with control_dependencies(None):
            if outer is not None:
                outer.Enter()
            n = constant(0, name="f_count")
            if outer is not None:
                outer.Exit()
            if outer_grad_state is not None:
                n.op._add_control_input(outer_grad_state.forward_index.op._inputs[0].op)
            self.Enter()
            self.AddName(n)
            enter_n = flow_ops.enter(n, self._name, is_constant=False, parallel_iterations=self._parallel_iterations,
                                     name="f_count")
            self._loop_enters.append(enter_n)
            merge_n = flow_ops.merge([enter_n, enter_n])[0]
            switch_n = flow_ops.switch(merge_n, self._pivot)
            index = add(switch_n[1], 1)
            next_n = flow_ops.next_iteration(index)
            merge_n.op._update_input(1, next_n)
            total = flow_ops.exit(switch_n[0], name="f_count")
            self._loop_exits.append(total)
            self.ExitResult([total])
            self.Exit()
        self._graph._record_op_seen_by_control_dependencies(total.op)  # as if built inside them, as TF's is
        return total, next_n

    def AddBackpropLoopCounter(self, count, outer_grad_state):  # noqa: N802
        """The gradient loop's own counter (``b_count``): it runs ``count`` iterations."""
        one = constant(1, name="b_count")
        self.Enter()
        self.AddName(count)
        enter_count = flow_ops.enter(count, self._name, is_constant=False,
                                     parallel_iterations=self._parallel_iterations, name="b_count")
        self._loop_enters.append(enter_count)
        merge_count = flow_ops.merge([enter_count, enter_count])[0]
        self._pivot_for_pred = merge_count
        pred = greater_equal(merge_count, one)
        self._pivot = flow_ops.loop_cond(pred, name="b_count")
        switch_count = flow_ops.switch(merge_count, self._pivot)
        index = subtract(switch_count[1], one)
        self._pivot_for_body = index
        next_count = flow_ops.next_iteration(index)
        merge_count.op._update_input(1, next_count)
        final_zero = flow_ops.exit(switch_count[0], name="b_count")
        self._loop_exits.append(final_zero)
        if outer_grad_state is not None:
            outer_grad_state.grad_sync._add_control_input(final_zero.op)
        self.ExitResult([final_zero])
        self.Exit()
        return next_count

    def AddBackpropAccumulator(self, op, grad):  # noqa: N802
        """The sum over iterations of a loop invariant's per-iteration gradient (``b_acc``)."""
        self.Exit()
        shape = grad.shape
        outer = self._outer_context
        if shape.is_fully_defined():
            if outer is not None:
                outer.Enter()
            acc = constant(0, grad.dtype, shape=shape, name="b_acc")
            if outer is not None:
                outer.Exit()
        else:
            value = op._inputs[0]
            if isinstance(outer, WhileContext) and outer.grad_state is not None:
                forward = self._grad_state.forward_context
                forward.outer_context.Enter()
                zeros_shape = shape_internal(value, optimize=False)
                forward.outer_context.Exit()
                outer_grad_state = self._grad_state.outer_grad_state
                history = outer_grad_state.AddForwardAccumulator(zeros_shape)
                outer.Enter()
                real_shape = outer_grad_state.AddBackpropAccumulatedValue(history, zeros_shape)
                acc = zeros(real_shape, grad.dtype)
                outer.Exit()
            else:
                if outer is not None:
                    outer.Enter()
                acc = zeros(shape_internal(value, optimize=False), grad.dtype)
                if outer is not None:
                    outer.Exit()
        self.Enter()
        self.AddName(acc)
        enter_acc = flow_ops.enter(acc, self._name, is_constant=False, parallel_iterations=self._parallel_iterations,
                                   name="b_acc")
        self._loop_enters.append(enter_acc)
        merge_acc = flow_ops.merge([enter_acc, enter_acc], name="b_acc")[0]
        switch_false, switch_true = flow_ops.switch(merge_acc, self._pivot)
        next_acc = flow_ops.next_iteration(add(switch_true, grad))
        merge_acc.op._update_input(1, next_acc)
        result = flow_ops.exit(switch_false, name="b_acc")
        self._loop_exits.append(result)
        self.ExitResult([result])
        return result


    def AddBackpropIndexedSlicesAccumulator(self, op, grad):  # noqa: N802
        """A loop invariant's ``IndexedSlices`` gradients of all iterations, concatenated
        (``b_acc`` loops of its indices, values and the largest dense shape; TF's rows)."""
        values, indices, dense_shape = grad.values, grad.indices, grad.dense_shape
        outer = self._outer_context
        self.Exit()
        if outer is not None:
            outer.Enter()
        if values.shape.is_fully_defined():
            values_acc = constant(0, values.dtype, shape=TensorShape([1] + values.shape.as_list()[1:]), name="b_acc")
        else:
            values_shape = concat([[1], shape(op._inputs[0])[1:]], 0)
            values_acc = zeros(values_shape, dtype=values.dtype)
        indices_acc = constant([0], indices.dtype)
        shape_acc = None
        if dense_shape is not None:
            if dense_shape.shape.is_fully_defined():
                shape_acc = constant(0, dense_shape.dtype, shape=dense_shape.shape)
            else:
                shape_acc = zeros_like(shape(op._inputs[0], out_type=dense_shape.dtype), optimize=False)
        if outer is not None:
            outer.Exit()
        self.Enter()
        init = [indices_acc, values_acc] + ([] if shape_acc is None else [shape_acc])
        for t in init:
            self.AddName(t)
        enter_acc = [flow_ops.enter(t, self._name, is_constant=False, parallel_iterations=self._parallel_iterations,
                                    use_input_shape=False, name="b_acc") for t in init]
        enter_acc[0].set_shape([None])
        if values_acc.shape.ndims is not None:
            enter_acc[1].set_shape([None] + values_acc.shape.as_list()[1:])
        self._loop_enters.extend(enter_acc)
        merge_acc = [flow_ops.merge([t, t], name="b_acc")[0] for t in enter_acc]
        switch_acc = [flow_ops.switch(t, self._pivot) for t in merge_acc]
        accumulated = [concat([sw[1], x], 0) for sw, x in zip(switch_acc[:2], [indices, values])]
        if shape_acc is not None:  # the dense shape: the largest seen
            accumulated.append(maximum(dense_shape, switch_acc[2][1]))
        for m, x in zip(merge_acc, accumulated):
            m.op._update_input(1, flow_ops.next_iteration(x))
        exit_acc = [flow_ops.exit(sw[0], name="b_acc") for sw in switch_acc]
        self._loop_exits.extend(exit_acc)
        self.ExitResult(exit_acc)
        return IndexedSlices(exit_acc[1], exit_acc[0], exit_acc[2] if shape_acc is not None else None)


def shape_less_equal(shape, invariant) -> bool:
    """Whether ``shape`` is at least as specific as ``invariant`` (TF's ``_ShapeLessThanOrEqual``)."""
    if invariant.ndims is None:
        return True
    if shape.ndims != invariant.ndims:
        return False
    return all(b is None or a == b for a, b in zip(shape.as_list(), invariant.as_list()))


def add_next_and_back_edge(merge_var, value, enforce_shape_invariant=True):
    """``NextIteration(value)`` as the second input of the loop variable's ``Merge``."""
    value = flow_ops.next_iteration(convert_to_tensor(value))
    if enforce_shape_invariant and not shape_less_equal(value.shape, merge_var.shape):
        input_t = merge_var.op._inputs[0].op._inputs[0]
        raise ValueError(
            f"Input tensor '{input_t.name}' enters the loop with shape {input_t.shape}, but has shape {value.shape} "
            f"after one iteration. To allow the shape to vary across iterations, use the `shape_invariants` "
            f"argument of tf.while_loop to specify a less-specific shape.")
    merge_var.op._update_input(1, value)
    return value


def _invariant_shape(shape):
    if not isinstance(shape, TensorShape):
        raise TypeError(f"'shape' must be one of TypeSpec, TensorShape or None. Received: {type(shape)}")
    return shape


def _loop_value(v):
    """A loop variable as the loop carries it: a TensorArray as is, anything else as a tensor."""
    return v if getattr(v, "_loop_value", None) is not None else convert_to_tensor(v)


def _flow(v):
    flow = getattr(v, "_loop_value", None)
    return flow() if flow is not None else v


def _rebuilt(original, value):
    """``value`` (a loop's tensor) in the form of ``original``: a TensorArray with that flow."""
    rebuild = getattr(original, "_with_flow", None)
    return rebuild(value) if rebuild is not None else value


def _packed_like(signature, flat_original, flat_values):
    return nest.pack_sequence_as(signature, [_rebuilt(o, v) for o, v in zip(flat_original, flat_values)])


