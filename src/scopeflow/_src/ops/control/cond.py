"""``tf.cond``: TensorFlow's v1 conditional, built of ``Switch`` and ``Merge`` ops.

``cond(pred, true_fn, false_fn)`` opens the name scope ``cond`` and builds
``cond/Switch`` (the predicate switched on itself), the branch gates ``cond/switch_t`` and
``cond/switch_f``, and ``cond/pred_id``; then each branch in its ``CondContext``, which
routes outside values in through ``Switch`` ops; then one ``Merge`` per result tensor
(``cond/Merge:0``). At run time only the taken branch computes: the other one's values are
dead (``ops/common/dead.py``).
"""

from __future__ import annotations

from scopeflow._src.framework import nest
from scopeflow._src.framework.default_graph import control_dependencies, name_scope
from scopeflow._src.framework.graph_keys import GraphKeys
from scopeflow._src.ops.array.creation import zeros, zeros_like
from scopeflow._src.ops.array.identity import identity
from scopeflow._src.ops.array.shapes import shape_internal
from scopeflow._src.ops.control import flow_ops
from scopeflow._src.ops.control.contexts import CondContext


def _single(result):
    return result[0] if isinstance(result, (list, tuple)) and len(result) == 1 else result


def cond(pred, true_fn=None, false_fn=None, strict=False, name=None, fn1=None, fn2=None):
    """``true_fn()`` if ``pred`` else ``false_fn()``, decided when the graph runs.

    Both functions are called once, now, each building its branch; their results must have
    the same structure and dtypes. Unless ``strict``, a one-element list or tuple result is
    returned as its element.

    >>> import scopeflow as tf
    >>> p = tf.placeholder(tf.bool, [])
    >>> r = tf.cond(p, lambda: tf.constant(1), lambda: tf.constant(2))
    >>> r.name
    'cond/Merge:0'
    >>> with tf.Session() as sess:
    ...     int(sess.run(r, {p: False}))
    2
    """
    true_fn = _one_of(true_fn, fn1, "true_fn", "fn1")
    false_fn = _one_of(false_fn, fn2, "false_fn", "fn2")
    if not callable(true_fn):
        raise TypeError("'true_fn' must be callable.")
    if not callable(false_fn):
        raise TypeError("'false_fn' must be callable.")
    with name_scope(name, "cond", [pred]):
        if isinstance(pred, bool):
            raise TypeError("'pred' must not be a Python bool.")
        p_false, p_true = flow_ops.switch(pred, pred)
        pivot_t = identity(p_true, name="switch_t")
        pivot_f = identity(p_false, name="switch_f")
        pred = identity(pred, name="pred_id")
        graph = pred.graph
        for t in (p_true, p_false, pivot_t, pivot_f, pred):
            graph.prevent_fetching(t.op)
        context_t = CondContext(pred, pivot_t, branch=1)
        orig_t, res_t = _build_branch(context_t, true_fn, "true_fn")
        context_f = CondContext(pred, pivot_f, branch=0)
        orig_f, res_f = _build_branch(context_f, false_fn, "false_fn")
        if not strict:
            orig_t, orig_f = _single(orig_t), _single(orig_f)
        nest.assert_same_structure(orig_t, orig_f)
        if not res_t:
            raise ValueError("'true_fn' and 'false_fn' must return at least one result.")
        flat_t, flat_f = nest.flatten(res_t, expand_composites=True), nest.flatten(res_f, expand_composites=True)
        for x, y in zip(flat_t, flat_f):
            if x.dtype.base_dtype != y.dtype.base_dtype:
                raise ValueError(f"Outputs of 'true_fn' and 'false_fn' must have the same type(s). Received "
                                 f"{x.dtype.name} from 'true_fn' and {y.dtype.name} from 'false_fn'.")
        merges = [flow_ops.merge([f, t])[0] for f, t in zip(flat_f, flat_t)]
        merges = [_like(o, m) for o, m in zip(nest.flatten(orig_t, expand_composites=True), merges)]
        if context_t.outer_context is None:
            graph.add_to_collection(GraphKeys.COND_CONTEXT, context_t)
            graph.add_to_collection(GraphKeys.COND_CONTEXT, context_f)
        merges = nest.pack_sequence_as(orig_t, merges, expand_composites=True)
        return _single(merges) if not strict else merges


def _one_of(fn, old, name, old_name):
    if old is not None:
        if fn is not None:
            raise TypeError(f"cond(): '{name}' and '{old_name}' may not be set simultaneously.")
        return old
    if fn is None:
        raise TypeError(f"cond(): '{name}' argument required")
    return fn


def _build_branch(context, fn, fn_name):
    context.Enter()
    try:
        original, result = context.BuildCondBranch(fn)
        if original is None:
            raise ValueError(f"'{fn_name}' must have a return value.")
        context.ExitResult(result)
    finally:
        context.Exit()
    return original, result


def _like(original, merged):
    """A merged tensor as the branch returned it: a TensorArray with the merged flow."""
    rebuild = getattr(original, "_with_flow", None)
    return rebuild(merged) if rebuild is not None else merged


def zeros_for_untaken(op, index):
    """The zero gradient for output ``index`` of a routing op (``Switch``) that received none:
    inside a cond, zeros computed only when the other branch runs (TensorFlow's
    ``_ZerosLikeV1``); elsewhere ``zeros_like``."""
    val = op._outputs[index]
    ctx = op._control_flow_context
    if ctx is None or not ctx.IsCondContext():
        return zeros_like(val, optimize=False)
    switch_val = flow_ops.switch(op._inputs[0], ctx.pred)[1 - ctx.branch]
    pivot = identity(switch_val)
    shape = shape_internal(switch_val, optimize=False)
    with control_dependencies([pivot]):
        return zeros(shape, dtype=val.dtype.base_dtype)
