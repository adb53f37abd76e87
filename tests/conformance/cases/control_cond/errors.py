"""tf.cond errors: arguments (callables, missing functions, fn1/fn2), branch results (None,
different structures, dtypes, counts), and predicates (Python bool, wrong dtype or rank) at build
time and at run time."""

import collections

from tests.conformance.cases.control_cond._helpers import first_line, pred
from tests.conformance.harness import case, raises, run_error


def _c(tf, v):
    return lambda: tf.constant(v)


# -- arguments -------------------------------------------------------------------------------------
@case
def error_true_fn_not_callable(tf):
    p = pred(tf)
    return raises(tf.cond, p, tf.constant(1.0), _c(tf, 2.0))


@case
def error_false_fn_not_callable(tf):
    p = pred(tf)
    return raises(tf.cond, p, _c(tf, 1.0), 2.0)


@case
def error_missing_false_fn(tf):
    p = pred(tf)
    return raises(tf.cond, p, _c(tf, 1.0))


@case
def error_missing_true_fn(tf):
    p = pred(tf)
    return raises(tf.cond, p, false_fn=_c(tf, 1.0))


@case
def error_true_fn_and_fn1(tf):
    p = pred(tf)
    return raises(tf.cond, p, _c(tf, 1.0), _c(tf, 2.0), fn1=_c(tf, 3.0))


@case
def error_false_fn_and_fn2(tf):
    p = pred(tf)
    return raises(tf.cond, p, _c(tf, 1.0), _c(tf, 2.0), fn2=_c(tf, 3.0))


@case
def fn1_fn2_still_accepted(tf):
    p = pred(tf)
    r = tf.cond(p, fn1=_c(tf, 1.0), fn2=_c(tf, 2.0))
    with tf.Session() as sess:
        return [r.name, sess.run(r, {p: True}), sess.run(r, {p: False})]


@case
def error_not_callable_checked_before_ops(tf):
    p = pred(tf)
    got = raises(tf.cond, p, 1.0, 2.0)
    return [got, [op.name for op in tf.get_default_graph().get_operations()]]


# -- branch results -----------------------------------------------------------------------------------
@case
def error_true_fn_returns_none(tf):
    p = pred(tf)
    return raises(tf.cond, p, lambda: None, _c(tf, 2.0))


@case
def error_false_fn_returns_none(tf):
    p = pred(tf)
    return raises(tf.cond, p, _c(tf, 1.0), lambda: None)


@case
def error_false_fn_returns_none_ops_left(tf):
    p = pred(tf)
    raises(tf.cond, p, _c(tf, 1.0), lambda: None)
    return [op.name for op in tf.get_default_graph().get_operations()]


@case
def error_returns_empty_lists(tf):
    p = pred(tf)
    return raises(tf.cond, p, lambda: [], lambda: [])


@case
def error_tuple_element_none(tf):
    p = pred(tf)
    return raises(tf.cond, p, lambda: (tf.constant(1.0), None), lambda: (tf.constant(2.0), None))


@case
def error_different_dtypes(tf):
    p = pred(tf)
    return raises(tf.cond, p, _c(tf, 1.0), _c(tf, 2))


@case
def error_different_float_widths(tf):
    p = pred(tf)
    return raises(tf.cond, p, lambda: tf.constant(1.0, tf.float64), _c(tf, 2.0))


@case
def error_different_dtypes_second_output(tf):
    p = pred(tf)
    return raises(tf.cond, p, lambda: (tf.constant(1.0), tf.constant(1)),
                  lambda: (tf.constant(2.0), tf.constant(2.0)))


@case
def error_tuple_vs_scalar(tf):
    p = pred(tf)
    return first_line(tf.cond, p, lambda: (tf.constant(1.0), tf.constant(2.0)), _c(tf, 3.0))


@case
def error_different_number_of_outputs(tf):
    p = pred(tf)
    return first_line(tf.cond, p, lambda: (tf.constant(1.0), tf.constant(2.0)),
                      lambda: (tf.constant(1.0), tf.constant(2.0), tf.constant(3.0)))


@case
def error_list_vs_tuple(tf):
    p = pred(tf)
    return first_line(tf.cond, p, lambda: [tf.constant(1.0), tf.constant(2.0)],
                      lambda: (tf.constant(1.0), tf.constant(2.0)))


@case
def error_dict_keys_differ(tf):
    p = pred(tf)
    return first_line(tf.cond, p, lambda: {"a": tf.constant(1.0)}, lambda: {"b": tf.constant(1.0)})


@case
def error_namedtuple_vs_tuple(tf):
    p = pred(tf)
    pair = collections.namedtuple("Pair", ["a", "b"])
    return first_line(tf.cond, p, lambda: pair(tf.constant(1.0), tf.constant(2.0)),
                      lambda: (tf.constant(1.0), tf.constant(2.0)))


@case
def error_strict_singleton_vs_scalar(tf):
    p = pred(tf)
    return first_line(tf.cond, p, lambda: [tf.constant(1.0)], _c(tf, 2.0), strict=True)


@case
def error_branch_result_not_convertible(tf):
    p = pred(tf)
    return raises(tf.cond, p, lambda: object(), _c(tf, 2.0))


@case
def error_branch_raises_propagates(tf):
    p = pred(tf)

    def bad():
        raise RuntimeError("boom")

    return raises(tf.cond, p, bad, _c(tf, 2.0))


# -- predicates -----------------------------------------------------------------------------------------
@case
def error_pred_python_bool(tf):
    return raises(tf.cond, True, _c(tf, 1.0), _c(tf, 2.0))


@case
def error_pred_python_bool_false(tf):
    return raises(tf.cond, False, _c(tf, 1.0), _c(tf, 2.0))


@case
def error_pred_int32_tensor(tf):
    return raises(tf.cond, tf.constant(1), _c(tf, 1.0), _c(tf, 2.0))


@case
def error_pred_float_tensor(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    return raises(tf.cond, x, _c(tf, 1.0), _c(tf, 2.0))


@case
def error_pred_python_int(tf):
    return raises(tf.cond, 1, _c(tf, 1.0), _c(tf, 2.0))


@case
def error_pred_string(tf):
    return raises(tf.cond, tf.constant("yes"), _c(tf, 1.0), _c(tf, 2.0))


@case
def error_pred_vector_constant(tf):
    return raises(tf.cond, tf.constant([True, False]), _c(tf, 1.0), _c(tf, 2.0))


@case
def error_pred_vector_placeholder(tf):
    p = tf.placeholder(tf.bool, [2], name="p")
    return raises(tf.cond, p, _c(tf, 1.0), _c(tf, 2.0))


@case
def error_pred_matrix_placeholder_partial(tf):
    p = tf.placeholder(tf.bool, [None, 1], name="p")
    return raises(tf.cond, p, _c(tf, 1.0), _c(tf, 2.0))


@case
def error_pred_unknown_shape_fed_vector(tf):
    p = tf.placeholder(tf.bool, None, name="p")
    r = tf.cond(p, _c(tf, 1.0), _c(tf, 2.0))
    return [run_error(tf, r, {p: [True, False]}), run_error(tf, r, {p: [True]})]


@case
def error_pred_not_fed(tf):
    p = pred(tf)
    r = tf.cond(p, _c(tf, 1.0), _c(tf, 2.0))
    return run_error(tf, r)


@case
def error_pred_fed_wrong_shape(tf):
    p = pred(tf)
    r = tf.cond(p, _c(tf, 1.0), _c(tf, 2.0))
    return run_error(tf, r, {p: [True, False]})
