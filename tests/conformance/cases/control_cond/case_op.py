"""tf.case: list and dict pred_fn_pairs, default, exclusive, strict, names, the nested conds
and Asserts it builds, values for every predicate combination, and its errors."""

import itertools

from tests.conformance.cases.control_cond._helpers import detail, first_line, pred
from tests.conformance.harness import case, op_summary, raises, run_error, static


def _preds(tf, n):
    return [pred(tf, f"p{i}") for i in range(n)]


def _combos(tf, fetches, preds, feed=None):
    """``fetches`` for every combination of the predicates' values (errors recorded)."""
    out = []
    for combo in itertools.product([False, True], repeat=len(preds)):
        out.append([list(combo), run_error(tf, fetches, {**(feed or {}), **dict(zip(preds, combo))})])
    return out


@case
def case_list_with_default(tf):
    p0, p1 = _preds(tf, 2)
    r = tf.case([(p0, lambda: tf.constant(1)), (p1, lambda: tf.constant(2))], default=lambda: tf.constant(3))
    return [static(r), op_summary(tf.get_default_graph()), _combos(tf, r, [p0, p1])]


@case
def case_list_with_default_detail(tf):
    p0 = pred(tf, "p0")
    x = tf.constant(2.0, name="x")
    tf.case([(p0, lambda: x * 2.0)], default=lambda: x)
    return detail(tf)


@case
def case_single_pair_with_default(tf):
    p0 = pred(tf, "p0")
    r = tf.case([(p0, lambda: tf.constant(10.0))], default=lambda: tf.constant(-1.0))
    return [r.name, _combos(tf, r, [p0])]


@case
def case_three_preds_first_true_wins(tf):
    ps = _preds(tf, 3)
    fns = [lambda: tf.constant(0), lambda: tf.constant(1), lambda: tf.constant(2)]
    r = tf.case(list(zip(ps, fns)), default=lambda: tf.constant(-1))
    return [r.name, _combos(tf, r, ps)]


@case
def case_no_default(tf):
    p0, p1 = _preds(tf, 2)
    r = tf.case([(p0, lambda: tf.constant(1)), (p1, lambda: tf.constant(2))])
    return [r.name, op_summary(tf.get_default_graph()), _combos(tf, r, [p0, p1])]


@case
def case_no_default_single_pair(tf):
    p0 = pred(tf, "p0")
    r = tf.case([(p0, lambda: tf.constant(1.0))])
    return [r.name, op_summary(tf.get_default_graph()), _combos(tf, r, [p0])]


@case
def case_exclusive_true(tf):
    p0, p1 = _preds(tf, 2)
    r = tf.case([(p0, lambda: tf.constant(1)), (p1, lambda: tf.constant(2))], default=lambda: tf.constant(3),
                exclusive=True)
    return [r.name, op_summary(tf.get_default_graph()), _combos(tf, r, [p0, p1])]


@case
def case_exclusive_three(tf):
    ps = _preds(tf, 3)
    fns = [lambda: tf.constant(0), lambda: tf.constant(1), lambda: tf.constant(2)]
    r = tf.case(list(zip(ps, fns)), default=lambda: tf.constant(-1), exclusive=True)
    return _combos(tf, r, ps)


@case
def case_exclusive_no_default(tf):
    p0, p1 = _preds(tf, 2)
    r = tf.case([(p0, lambda: tf.constant(1)), (p1, lambda: tf.constant(2))], exclusive=True)
    return [op_summary(tf.get_default_graph()), _combos(tf, r, [p0, p1])]


@case
def case_dict_exclusive(tf):
    b, a = pred(tf, "b"), pred(tf, "a")
    r = tf.case({b: lambda: tf.constant(2), a: lambda: tf.constant(1)}, default=lambda: tf.constant(0),
                exclusive=True)
    return [op_summary(tf.get_default_graph()), _combos(tf, r, [a, b])]


@case
def case_dict_not_exclusive_sorted_by_name(tf):
    b, a = pred(tf, "b"), pred(tf, "a")
    r = tf.case({b: lambda: tf.constant(2), a: lambda: tf.constant(1)}, default=lambda: tf.constant(0))
    return [op_summary(tf.get_default_graph()), _combos(tf, r, [a, b])]


@case
def case_named(tf):
    p0 = pred(tf, "p0")
    r = tf.case([(p0, lambda: tf.constant(1.0))], default=lambda: tf.constant(2.0), name="my_case")
    return [r.name, op_summary(tf.get_default_graph())]


@case
def case_two_in_graph(tf):
    p0 = pred(tf, "p0")
    a = tf.case([(p0, lambda: tf.constant(1.0))], default=lambda: tf.constant(2.0))
    b = tf.case([(p0, lambda: tf.constant(1.0))], default=lambda: tf.constant(2.0))
    return [a.name, b.name]


@case
def case_in_name_scope(tf):
    p0 = pred(tf, "p0")
    with tf.name_scope("outer"):
        r = tf.case([(p0, lambda: tf.constant(1.0))], default=lambda: tf.constant(2.0))
    return r.name


@case
def case_tuple_outputs(tf):
    p0, p1 = _preds(tf, 2)
    x = tf.constant(1.0, name="x")
    out = tf.case([(p0, lambda: (x, x * 2.0)), (p1, lambda: (x * 3.0, x * 4.0))], default=lambda: (x * 5.0, x * 6.0))
    return [[t.name for t in out], _combos(tf, list(out), [p0, p1])]


@case
def case_singleton_nonstrict(tf):
    p0 = pred(tf, "p0")
    r = tf.case([(p0, lambda: [tf.constant(1.0)])], default=lambda: [tf.constant(2.0)])
    return [r.name, _combos(tf, r, [p0])]


@case
def case_singleton_strict(tf):
    p0 = pred(tf, "p0")
    r = tf.case([(p0, lambda: [tf.constant(1.0)])], default=lambda: [tf.constant(2.0)], strict=True)
    return [[t.name for t in r], _combos(tf, r, [p0])]


@case
def case_computed_predicates(tf):
    x = tf.placeholder(tf.int32, [], name="x")
    r = tf.case([(tf.less(x, 0), lambda: tf.constant("neg")), (tf.equal(x, 0), lambda: tf.constant("zero"))],
                default=lambda: tf.constant("pos"))
    with tf.Session() as sess:
        return [sess.run(r, {x: v}) for v in (-3, 0, 4)]


@case
def case_only_taken_branch_runs(tf):
    p0, p1 = _preds(tf, 2)
    v = tf.Variable(0, name="v")
    r = tf.case([(p0, lambda: tf.assign_add(v, 1)), (p1, lambda: tf.assign_add(v, 10))],
                default=lambda: tf.assign_add(v, 100))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        got = [sess.run(r, {p0: a, p1: b}) for a, b in [(True, True), (False, True), (False, False)]]
    return [static(r), got]


@case
def case_gradient(tf):
    p0 = pred(tf, "p0")
    x = tf.constant(3.0, name="x")
    r = tf.case([(p0, lambda: x * x)], default=lambda: x * 5.0)
    g = tf.gradients(r, x)
    with tf.Session() as sess:
        return [[t.name for t in g], sess.run(g, {p0: True}), sess.run(g, {p0: False})]


@case
def assert_builds_guard_cond(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    a = tf.Assert(x > 0.0, ["x must be positive", x], name="check")
    with tf.control_dependencies([a]):
        y = tf.identity(x)
    return [a.name, a.type, detail(tf), run_error(tf, y, {x: 2.0}), run_error(tf, y, {x: -1.0})]


# -- errors -------------------------------------------------------------------------------------------
@case
def case_error_pairs_not_list(tf):
    return raises(tf.case, 5, default=lambda: tf.constant(1.0))


@case
def case_error_bare_pair(tf):
    p0 = pred(tf, "p0")
    return first_line(tf.case, (p0, lambda: tf.constant(1.0)))


@case
def case_error_entry_not_tuple(tf):
    p0 = pred(tf, "p0")
    return first_line(tf.case, [[p0, 1]])


@case
def case_error_entry_wrong_length(tf):
    p0 = pred(tf, "p0")
    return first_line(tf.case, [(p0,)])


@case
def case_error_pred_not_bool(tf):
    x = tf.constant(1, name="x")
    return raises(tf.case, [(x, lambda: tf.constant(1.0))])


@case
def case_error_pred_python_bool(tf):
    return raises(tf.case, [(True, lambda: tf.constant(1.0))])


@case
def case_error_fn_not_callable(tf):
    p0 = pred(tf, "p0")
    return raises(tf.case, [(p0, tf.constant(1.0))])


@case
def case_error_default_not_callable(tf):
    p0 = pred(tf, "p0")
    return raises(tf.case, [(p0, lambda: tf.constant(1.0))], default=tf.constant(2.0))


@case
def case_error_empty_list(tf):
    return raises(tf.case, [], default=lambda: tf.constant(1.0))


@case
def case_error_mismatched_dtypes(tf):
    p0 = pred(tf, "p0")
    return raises(tf.case, [(p0, lambda: tf.constant(1.0))], default=lambda: tf.constant(1))
