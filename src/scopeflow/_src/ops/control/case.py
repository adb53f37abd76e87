"""``tf.case``: a chain of ``tf.cond``s, the first true predicate's function winning."""

from __future__ import annotations

import collections

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import control_dependencies, name_scope
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.ops.array.joining import stack
from scopeflow._src.ops.control.assert_op import Assert
from scopeflow._src.ops.control.cond import cond
from scopeflow._src.ops.math.cast import cast
from scopeflow._src.ops.math.comparison import less_equal
from scopeflow._src.ops.math.reduction import reduce_sum


def case(pred_fn_pairs, default=None, exclusive=False, strict=False, name="case"):
    """The result of the first callable whose predicate is true (else of ``default``),
    built as nested conds; with ``exclusive``, an ``Assert`` checks that at most one
    predicate is true."""
    predicates, actions = _case_pairs(pred_fn_pairs, exclusive, name)
    with name_scope(name, "case", [predicates]):
        if default is None:
            default, predicates, actions = _default_action(predicates, actions)
        fn = default
        for predicate, action in reversed(list(zip(predicates, actions))):
            fn = _chained(predicate, action, fn, strict)
        if exclusive:
            with control_dependencies([_at_most_n_true(predicates, 1, "Input error: exclusive=True")]):
                return fn()
        return fn()


def _chained(predicate, action, otherwise, strict):
    return lambda: cond(predicate, true_fn=action, false_fn=otherwise, strict=strict)


def _case_pairs(pred_fn_pairs, exclusive, name):
    if not isinstance(pred_fn_pairs, (list, tuple, dict)):
        raise TypeError(f"'pred_fn_pairs' must be a list, tuple, or dict. Received: {type(pred_fn_pairs)}")
    if isinstance(pred_fn_pairs, collections.OrderedDict):
        pred_fn_pairs = list(pred_fn_pairs.items())
    elif isinstance(pred_fn_pairs, dict):
        pred_fn_pairs = sorted(pred_fn_pairs.items(), key=lambda item: item[0].name)
    for pair in pred_fn_pairs:
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise TypeError(f"Each entry in 'pred_fn_pairs' must be a 2-tuple. Received {pair}.")
        pred, fn = pair
        if isinstance(pred, Tensor):
            if pred.dtype != dtypes.bool:
                raise TypeError(f"pred must be Tensor of type bool: {pred.name}")
        else:
            raise TypeError(f"pred must be a Tensor, got: {pred}")
        if not callable(fn):
            raise TypeError(f"fn for pred {pred.name} must be callable.")
    predicates, actions = zip(*pred_fn_pairs)
    return predicates, actions


def _at_most_n_true(predicates, n, msg):
    stacked = stack(predicates, name="preds_c")
    count = reduce_sum(cast(stacked, dtypes.int32), name="num_true_conds")
    condition = less_equal(count, convert_to_tensor(n, name="n_true_conds"))
    names = ", ".join(getattr(p, "name", "?") for p in predicates)
    return Assert(condition, [f"{msg}: more than {n} conditions ({names}) evaluated as True:", stacked],
                            summarize=len(predicates))


def _default_action(predicates, actions):
    """The last pair as the default, guarded by asserts that it is the only true one."""
    k = len(predicates) - 1
    predicate, action = predicates[k], actions[k]

    def default_action():
        others_msg = (f"Implementation error: selected default action #{k} was called, but some of other "
                      f"predicates are True: ")
        default_msg = ["Input error: None of conditions evaluated as True:", stack(predicates, name="preds_c")]
        with control_dependencies([_at_most_n_true(predicates[:k], 0, others_msg), Assert(predicate, default_msg)]):
            return action()
    return default_action, predicates[:k], actions[:k]
