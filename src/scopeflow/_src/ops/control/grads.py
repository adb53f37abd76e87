"""Gradients of the control-flow ops, as TensorFlow's ``control_flow_grad.py`` builds them.

In a cond, the gradient of a ``Merge`` switches the incoming gradient on the cond's
predicate (``cond_grad``), sending it back into the branch that ran; the gradient of a
branch's ``Switch`` merges the gradient of the branch that ran with zeros for the other
(``cond.zeros_for_untaken``, which ``tf.gradients`` builds for the missing output).
"""

from __future__ import annotations

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.registry import gradient, not_differentiable
from scopeflow._src.ops.control import flow_ops
from scopeflow._src.ops.control.contexts import output_context
from scopeflow._src.ops.math.comparison import equal


@gradient("Switch", "RefSwitch")
def _switch_grad(op, *grads):
    ctx = op._control_flow_context
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
    if ctx is not None and ctx.IsCondContext():
        return flow_ops.switch_ref_or_tensor(grad, ctx.pred, name="cond_grad")
    taken = [equal(op._outputs[1], i) for i in range(len(op._inputs))]
    return [flow_ops.switch_ref_or_tensor(grad, t)[1] for t in taken]


not_differentiable("Assert")
