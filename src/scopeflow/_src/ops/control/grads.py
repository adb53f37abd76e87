"""Gradients of the control-flow ops, as TensorFlow's ``control_flow_grad.py`` builds them.

In a cond, the gradient of a ``Merge`` switches the incoming gradient on the cond's
predicate (``cond_grad``), sending it back into the branch that ran; the gradient of a
branch's ``Switch`` merges the gradient of the branch that ran with zeros for the other
(``cond.zeros_for_untaken``, which ``tf.gradients`` builds for the missing output).
"""

from __future__ import annotations

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.context import default_graph
from scopeflow._src.framework.default_graph import control_dependencies
from scopeflow._src.framework.indexed_slices import IndexedSlices, to_dense_quietly
from scopeflow._src.framework.registry import gradient, not_differentiable
from scopeflow._src.ops.array.identity import identity
from scopeflow._src.ops.control import flow_ops
from scopeflow._src.ops.control.contexts import output_context
from scopeflow._src.ops.control.tensor_array import TensorArray
from scopeflow._src.ops.control.while_context import WhileContext, add_next_and_back_edge
from scopeflow._src.ops.math.comparison import equal


@gradient("Switch", "RefSwitch")
def _switch_grad(op, *grads):
    ctx = op._control_flow_context
    if isinstance(ctx, WhileContext):  # a loop variable's Switch: a Merge in the gradient loop
        grad_ctxt = default_graph()._get_control_flow_context()
        merge_grad = grad_ctxt.grad_state.switch_map.get(op)
        if merge_grad is not None:  # the body's gradient: the gradient loop's back edge
            if grads[1] is not None:
                add_next_and_back_edge(merge_grad, grads[1], enforce_shape_invariant=False)
            return None, None
        if grads[0] is not None:  # the exit's gradient: it enters the gradient loop
            merge_grad = flow_ops.merge([grads[0], grads[0]], name="b_switch")[0]
            grad_ctxt.grad_state.switch_map[op] = merge_grad
            return merge_grad, None
        return None, None
    if ctx is not None and ctx.IsCondContext():
        if grads[1 - ctx.branch] is None:  # a dtype without gradients: the other branch sent none
            if op._inputs[0].dtype == dtypes.resource:
                return flow_ops.merge([grads[ctx.branch]] * 2, name="cond_resource_grad")[0], None
            return None, None
        return flow_ops.merge(list(grads), name="cond_grad")[0], None
    false_grad = flow_ops.switch(grads[0], op._inputs[1])[0]
    true_grad = flow_ops.switch(grads[1], op._inputs[1])[1]
    return flow_ops.merge([false_grad, true_grad])[0], None


@gradient("Merge", "RefMerge")
def _merge_grad(op, grad, _):
    ctx = output_context(op._inputs[0].op)
    grad_ctxt = default_graph()._get_control_flow_context()
    if isinstance(ctx, WhileContext):
        return flow_ops.switch_ref_or_tensor(grad, grad_ctxt.pivot)
    if ctx is not None and ctx.IsCondContext():
        pred = ctx.pred
        grad_state = grad_ctxt.grad_state if grad_ctxt is not None else None
        if grad_state is not None:  # a cond in a loop: the predicate of each iteration, from its history
            real_pred = grad_state.history_map.get(pred)
            if real_pred is None:
                grad_ctxt = grad_state.grad_context
                grad_ctxt.Exit()
                history = grad_state.AddForwardAccumulator(pred)
                grad_ctxt.Enter()
                real_pred = grad_state.history_map[pred] = grad_state.AddBackpropAccumulatedValue(history, pred)
            pred = real_pred
        return flow_ops.switch_ref_or_tensor(grad, pred, name="cond_grad")
    taken = [equal(op._outputs[1], i) for i in range(len(op._inputs))]
    return [flow_ops.switch_ref_or_tensor(grad, t)[1] for t in taken]


@gradient("Exit", "RefExit")
def _exit_grad(op, grad):
    """The gradient enters the gradient loop (``b_exit``)."""
    grad_ctxt = default_graph()._get_control_flow_context()
    if not grad_ctxt.back_prop:
        return None
    if op._control_flow_context.grad_state is not None:
        raise TypeError("Second-order gradient for while loops not supported.")
    if isinstance(grad, IndexedSlices):  # made dense outside the gradient loop (TF's sparse path fails to
        grad_ctxt.Exit()                 # build: its accumulator's rows differ from the variable's)
        grad = to_dense_quietly(grad)
        grad_ctxt.Enter()
    grad_ctxt.AddName(grad)
    grad_ctxt.Enter()
    result = flow_ops.enter(grad, grad_ctxt.name, is_constant=False, parallel_iterations=grad_ctxt.parallel_iterations,
                            name="b_exit")
    grad_ctxt.loop_enters.append(result)
    grad_ctxt.Exit()
    return result


@gradient("NextIteration", "RefNextIteration")
def _next_iteration_grad(_, grad):
    return grad


@gradient("Enter", "RefEnter")
def _enter_grad(op, grad):
    """A loop variable's gradient leaves the gradient loop (``Exit``); a loop invariant's is
    summed over the iterations (``b_acc``)."""
    grad_ctxt = default_graph()._get_control_flow_context()
    if grad_ctxt is None or not grad_ctxt.back_prop or grad_ctxt.grad_state is None:
        return grad
    if op._attrs.get("is_constant"):
        if isinstance(grad, IndexedSlices):
            return grad_ctxt.AddBackpropIndexedSlicesAccumulator(op, grad)
        return grad_ctxt.AddBackpropAccumulator(op, grad)
    result = flow_ops.exit(grad)
    grad_ctxt.loop_exits.append(result)
    grad_ctxt.ExitResult([result])
    return result


@gradient("LoopCond")
def _loop_cond_grad(_, grad):
    return None


not_differentiable("Assert", "StackV2", "StackPushV2", "StackPopV2", "ControlTrigger", "TensorArrayV3",
                   "TensorArrayGradV3", "TensorArraySizeV3", "TensorArrayCloseV3")


# -- TensorArrays: the gradient of a write is a read of the gradient array, and so on -------------
def _grad_source(t) -> str:
    """The ``gradients`` scope ``t`` was built in: each ``tf.gradients`` call has its own arrays."""
    parts = t.name.split("/")
    at = [i for i, part in enumerate(parts) if part.startswith("gradients")]
    if not at:
        raise ValueError(f"Expected op/tensor name to start with gradients (excluding scope), got: {t.name}. This "
                         f"means that a tf.gradients op with this op in its dependency path has a custom name that "
                         f"does not start with 'gradients'. Please make sure all calls to tf.gradients that have "
                         f"non-empty `name` arguments use names that start with 'gradients'.")
    return "/".join(parts[:at[-1] + 1])


def _grad_array(op, dtype_attr, flow, source):
    ta = TensorArray(dtype=op._attrs[dtype_attr], handle=op._inputs[0], flow=flow,
                     colocate_with_first_write_call=False)
    return ta.grad(source=source, flow=flow)


def _write_barrier(op, flow):
    """The incoming flow, after the forward op's own flow (TF's ``write_barrier``)."""
    flow_out = identity(op._outputs[0], "flow_out")
    with control_dependencies([flow_out]):
        return identity(flow, "write_barrier")


@gradient("TensorArrayReadV3")
def _ta_read_grad(op, grad):
    g = _grad_array(op, "dtype", op._inputs[2], _grad_source(grad))
    return [None, None, g.write(op._inputs[1], grad).flow]


@gradient("TensorArrayWriteV3")
def _ta_write_grad(op, flow):
    source = _grad_source(flow)
    flow = _write_barrier(op, flow)
    return [None, None, _grad_array(op, "T", flow, source).read(op._inputs[1]), flow]


@gradient("TensorArrayGatherV3")
def _ta_gather_grad(op, grad):
    g = _grad_array(op, "dtype", op._inputs[2], _grad_source(grad))
    return [None, None, g.scatter(op._inputs[1], grad).flow]


@gradient("TensorArrayScatterV3")
def _ta_scatter_grad(op, flow):
    source = _grad_source(flow)
    flow = _write_barrier(op, flow)
    return [None, None, _grad_array(op, "T", flow, source).gather(op._inputs[1]), flow]


@gradient("TensorArrayConcatV3")
def _ta_concat_grad(op, grad, _):
    g = _grad_array(op, "dtype", op._inputs[1], _grad_source(grad))
    return [None, g.split(grad, lengths=op._outputs[1]).flow]


@gradient("TensorArraySplitV3")
def _ta_split_grad(op, flow):
    source = _grad_source(flow)
    flow = _write_barrier(op, flow)
    return [None, _grad_array(op, "T", flow, source).concat(), None, flow]
