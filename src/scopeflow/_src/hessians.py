"""``tf.hessians``: the second derivatives of ``sum(ys)`` with respect to each of ``xs``, built as
TF1 builds them: ``tf.gradients``, then a ``while_loop`` that writes the gradient of each
element of the flattened gradient into a ``TensorArray``, reshaped to ``shape(x) + shape(x)``.

Example::

    x = tf.constant([1.0, 2.0])
    h, = tf.hessians(tf.reduce_sum(x ** 3), x)   # [[6, 0], [0, 12]]
"""

from __future__ import annotations

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import constant
from scopeflow._src.gradients import gradients
from scopeflow._src.ops import array_ops
from scopeflow._src.ops.control.api import TensorArray, while_loop


def hessians(ys, xs, name="hessians", colocate_gradients_with_ops=False, gate_gradients=False,
             aggregation_method=None):
    """The Hessian of ``sum(ys)`` for each tensor of ``xs`` (a list), each of shape
    ``shape(x) + shape(x)``. ``name`` is accepted and unused, as in TF."""
    del name
    xs = list(xs) if isinstance(xs, (list, tuple)) else [xs]
    kwargs = {"colocate_gradients_with_ops": colocate_gradients_with_ops, "gate_gradients": gate_gradients,
              "aggregation_method": aggregation_method}
    result = []
    for gradient, x in zip(gradients(ys, xs, **kwargs), xs):
        gradient = array_ops.reshape(gradient, [-1])
        n = array_ops.size(x)
        loop_vars = [constant(0, dtypes.int32), TensorArray(x.dtype, n)]
        _, hessian = while_loop(lambda j, _, n=n: j < n,
                                lambda j, out, g=gradient, x=x: (j + 1, out.write(j, gradients(g[j], x)[0])),
                                loop_vars)
        shape = array_ops.shape(x)
        result.append(array_ops.reshape(hessian.stack(), array_ops.concat((shape, shape), 0)))
    return result
