"""tf.cond branch results: tuples, lists, dicts, namedtuples, nested structures, singletons with
strict=False/True, operations, variables and Python values; the Merge ops built for each."""

import collections

from tests.conformance.cases.control_cond._helpers import detail, pred, run_both
from tests.conformance.harness import case, op_summary, static

Pair = collections.namedtuple("Pair", ["first", "second"])


def _names(out):
    """The structure of ``out`` with each tensor replaced by its name (and its type kept)."""
    if isinstance(out, dict):
        return {"dict": {k: _names(v) for k, v in sorted(out.items())}}
    if isinstance(out, tuple) and hasattr(out, "_fields"):
        return {type(out).__name__: [_names(v) for v in out]}
    if isinstance(out, (list, tuple)):
        return {type(out).__name__: [_names(v) for v in out]}
    if hasattr(out, "dtype"):
        return out.name
    return {"other": type(out).__name__}


@case
def returns_tuple(tf):
    p = pred(tf)
    x = tf.constant(3.0, name="x")
    out = tf.cond(p, lambda: (x * 2.0, x + 1.0), lambda: (x, -x))
    return [_names(out), op_summary(tf.get_default_graph()), run_both(tf, list(out), p)]


@case
def returns_list(tf):
    p = pred(tf)
    x = tf.constant(3.0, name="x")
    out = tf.cond(p, lambda: [x * 2.0, tf.constant(1)], lambda: [x, tf.constant(2)])
    return [_names(out), static(out), run_both(tf, out, p)]


@case
def returns_dict(tf):
    p = pred(tf)
    x = tf.constant(3.0, name="x")
    out = tf.cond(p, lambda: {"b": x * 2.0, "a": tf.constant(1)}, lambda: {"b": x, "a": tf.constant(2)})
    return [_names(out), op_summary(tf.get_default_graph()), run_both(tf, out, p)]


@case
def returns_namedtuple(tf):
    p = pred(tf)
    x = tf.constant(3.0, name="x")
    out = tf.cond(p, lambda: Pair(x * 2.0, x + 1.0), lambda: Pair(x, -x))
    return [_names(out), list(out._fields), run_both(tf, list(out), p)]


@case
def returns_nested_structure(tf):
    p = pred(tf)
    x = tf.constant(3.0, name="x")

    def t():
        return {"k": (x * 2.0, [x + 1.0, tf.constant(True)])}, x

    def f():
        return {"k": (x, [-x, tf.constant(False)])}, tf.constant(0.0)

    out = tf.cond(p, t, f)
    flat = [out[0]["k"][0], out[0]["k"][1][0], out[0]["k"][1][1], out[1]]
    return [_names(out), run_both(tf, flat, p)]


@case
def returns_single_element_list_nonstrict(tf):
    p = pred(tf)
    out = tf.cond(p, lambda: [tf.constant(1.0)], lambda: [tf.constant(2.0)])
    return [_names(out), run_both(tf, out, p)]


@case
def returns_single_element_list_strict(tf):
    p = pred(tf)
    out = tf.cond(p, lambda: [tf.constant(1.0)], lambda: [tf.constant(2.0)], strict=True)
    return [_names(out), run_both(tf, out, p)]


@case
def returns_single_element_tuple_nonstrict(tf):
    p = pred(tf)
    out = tf.cond(p, lambda: (tf.constant(1.0),), lambda: (tf.constant(2.0),))
    return _names(out)


@case
def returns_single_element_tuple_strict(tf):
    p = pred(tf)
    out = tf.cond(p, lambda: (tf.constant(1.0),), lambda: (tf.constant(2.0),), strict=True)
    return _names(out)


@case
def returns_singleton_and_scalar_nonstrict(tf):
    p = pred(tf)
    out = tf.cond(p, lambda: [tf.constant(1.0)], lambda: tf.constant(2.0))
    return [_names(out), run_both(tf, out, p)]


@case
def returns_nested_singleton_nonstrict(tf):
    p = pred(tf)
    out = tf.cond(p, lambda: [[tf.constant(1.0)]], lambda: [[tf.constant(2.0)]])
    return _names(out)


@case
def returns_single_scalar_strict(tf):
    p = pred(tf)
    out = tf.cond(p, lambda: tf.constant(1.0), lambda: tf.constant(2.0), strict=True)
    return [_names(out), run_both(tf, out, p)]


@case
def returns_single_element_dict_nonstrict(tf):
    p = pred(tf)
    out = tf.cond(p, lambda: {"a": tf.constant(1.0)}, lambda: {"a": tf.constant(2.0)})
    return [_names(out), run_both(tf, out, p)]


@case
def returns_operation(tf):
    p = pred(tf)
    x = tf.constant(1.0, name="x")
    out = tf.cond(p, lambda: tf.group(x * 2.0, x + 1.0), lambda: tf.no_op())
    return [static(out), detail(tf), run_both(tf, out, p)]


@case
def returns_operation_and_tensor(tf):
    p = pred(tf)
    x = tf.constant(1.0, name="x")
    out = tf.cond(p, lambda: (tf.no_op(name="t_op"), x * 2.0), lambda: (tf.no_op(name="f_op"), x))
    return [_names(out), op_summary(tf.get_default_graph()), run_both(tf, list(out), p)]


@case
def returns_ref_variable(tf):
    p = pred(tf)
    v = tf.Variable(5.0, name="v")
    out = tf.cond(p, lambda: v, lambda: tf.constant(1.0))
    return [static(out), op_summary(tf.get_default_graph()), run_both(tf, out, p)]


@case
def returns_get_variable(tf):
    p = pred(tf)
    v = tf.get_variable("v", [2], initializer=tf.constant_initializer(4.0))
    out = tf.cond(p, lambda: v, lambda: v * 2.0)
    return [static(out), op_summary(tf.get_default_graph()), run_both(tf, out, p)]


@case
def returns_strings(tf):
    p = pred(tf)
    out = tf.cond(p, lambda: tf.constant("yes"), lambda: "no")
    return [static(out), run_both(tf, out, p)]


@case
def returns_many_merges_order(tf):
    p = pred(tf)
    x = tf.constant(1.0, name="x")
    out = tf.cond(p, lambda: [x + 1.0, x + 2.0, x + 3.0], lambda: [x - 1.0, x - 2.0, x - 3.0])
    return [_names(out), op_summary(tf.get_default_graph())[-3:], run_both(tf, out, p)]


@case
def returns_tuple_with_shared_tensor(tf):
    p = pred(tf)
    x = tf.constant(2.0, name="x")

    def t():
        y = x * 3.0
        return y, y

    out = tf.cond(p, t, lambda: (x, x))
    return [_names(out), op_summary(tf.get_default_graph()), run_both(tf, list(out), p)]
