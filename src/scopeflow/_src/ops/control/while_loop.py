"""``tf.while_loop``: TensorFlow's v1 loop (``Enter``, ``Merge``, ``LoopCond``, ``Switch``,
``NextIteration``, ``Exit``), built by ``WhileContext.BuildLoop``.

At run time a loop is a frame: a plan runs its ops as one compiled block per iteration
(``client/plan_writer.py``) until no value flows to a next iteration.
"""

from __future__ import annotations

from scopeflow._src.framework.constant_op import constant, convert_to_tensor
from scopeflow._src.framework.context import default_graph
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.graph_keys import GraphKeys
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops.control.while_context import WhileContext
from scopeflow._src.ops.math.comparison import less, logical_and


def while_loop(cond, body, loop_vars, shape_invariants=None, parallel_iterations=10, back_prop=True,
               swap_memory=False, name=None, maximum_iterations=None, return_same_structure=False):
    """Repeat ``body`` while ``cond`` is true, on the loop variables ``loop_vars``.

    ``cond`` and ``body`` take the loop variables as arguments (a nested structure of
    tensors and TensorArrays); ``body`` returns their next values, in the same structure.
    Each function is called once, to build the loop. ``shape_invariants`` relaxes the static
    shapes a variable may take across iterations; ``maximum_iterations`` stops the loop
    after that many iterations. ``parallel_iterations`` and ``swap_memory`` are accepted
    (iterations run one after the other here); ``back_prop=False`` gives no gradients.

    >>> import scopeflow as tf
    >>> i, total = tf.while_loop(lambda i, s: i < 5, lambda i, s: (i + 1, s + i), [0, 0])
    >>> total.name
    'while/Exit_1:0'
    >>> with tf.Session() as sess:
    ...     int(sess.run(total))
    10
    """
    if not callable(cond):
        raise TypeError("'cond' must be callable.")
    if not callable(body):
        raise TypeError("'body' must be callable.")
    if parallel_iterations < 1:
        raise TypeError("'parallel_iterations' must be a positive integer.")
    with name_scope(name, "while", loop_vars):
        if not loop_vars:
            raise ValueError("'loop_vars' must be provided.")
        try_to_pack = len(loop_vars) == 1 and not return_same_structure
        if maximum_iterations is not None:
            maximum_iterations = convert_to_tensor(maximum_iterations, name="maximum_iterations")
            if maximum_iterations.shape.ndims != 0:
                raise ValueError(f"'maximum_iterations' must be a scalar. Received shape: {maximum_iterations.shape}")
            counter = constant(0, dtype=maximum_iterations.dtype, name="iteration_counter")
            cond, body, loop_vars = _counted(cond, body, loop_vars, counter, maximum_iterations, try_to_pack)
            try_to_pack = False
            if shape_invariants is not None:
                shape_invariants = (TensorShape([]), shape_invariants)
        context = WhileContext(maximum_iterations=maximum_iterations, parallel_iterations=parallel_iterations,
                               back_prop=back_prop, swap_memory=swap_memory)
        if context.outer_context is None:
            default_graph().add_to_collection(GraphKeys.WHILE_CONTEXT, context)
        result = context.BuildLoop(cond, body, loop_vars, shape_invariants, return_same_structure)
        return result[1] if maximum_iterations is not None else result


def _counted(cond, body, loop_vars, counter, limit, single):
    """The loop with an iteration counter in front of its variables, stopping at ``limit``."""
    if single:
        return ((lambda i, lv: logical_and(less(i, limit), cond(lv))),
                (lambda i, lv: (i + 1, body(lv))), (counter, loop_vars[0]))
    return ((lambda i, lv: logical_and(less(i, limit), cond(*lv))),
            (lambda i, lv: (i + 1, body(*lv))), (counter, loop_vars))
