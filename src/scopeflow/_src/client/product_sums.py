"""Sums of many matrix products computed as one product.

The gradient of a weight that an unrolled RNN shares over its steps is an ``AddN`` of one
``MatMul`` per step, ``x_t.T @ dy_t``. TensorFlow runs the products one by one and adds
them; a plan runs them as the single product ``concat(x).T @ concat(dy)``, since
``sum_t a_t @ b_t`` is ``[a_1 ... a_n] @ [b_1; ...; b_n]``. One product of 3,200 rows
is cheaper than 100 of 32, and BLAS runs it on every core: on a Zen 3, 1.3 ms with the
copies against 2.9 ms, and the ``rnn_unrolled`` benchmark's forward+backward pass took
12.5 instead of 14.5 ms (medians of 5 fresh-process pairs). The sum is the same up to rounding: BLAS adds the terms in its own
order, where TensorFlow's ``AddN`` adds them input after input.

A sum qualifies when it has at least ``MIN_TERMS`` inputs, each the only use of a
``MatMul`` of float32 or float64 operands whose shapes were fully known when the graph was
built (so no product can fail when the plan runs), with the same transpose attributes, and
no operand read from a variable (a variable's value is read when its reader runs, which the
combined product would delay). Each product must be small enough to run on one BLAS
thread (``blas.SMALL`` multiply-adds): larger ones already run at full speed, and copying
their operands would only add time. The operands may take at most ``MAX_BYTES`` in all:
they are kept until the sum runs, where the one-by-one products freed each as they went.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import blas
from scopeflow._src.ops.shape_fns import static_shapes_known

MIN_TERMS = 8
MAX_BYTES = 64 << 20
_FLOATS = frozenset(("float32", "float64"))


def find(ops, fetch_tensors, fed) -> dict:
    """``{AddN op: [its MatMul ops, in input order]}`` for the sums among ``ops`` a plan
    computes as one product."""
    in_plan = set(ops)
    fetched = set(fetch_tensors)
    groups = {}
    for op in ops:
        if op._type != "AddN" or len(op._inputs) < MIN_TERMS or op._outputs[0] in fed:
            continue
        products = [t._op for t in op._inputs]
        if len(set(products)) == len(products) and _combinable(products, op, in_plan, fetched, fed):
            groups[op] = products
    return groups


def _combinable(products, total, in_plan, fetched, fed) -> bool:
    attrs = products[0]._attrs
    size = 0
    for p in products:
        out = p._outputs[0]
        if (p._type != "MatMul" or p not in in_plan or out in fetched or out in fed
                or p._attrs["transpose_a"] != attrs["transpose_a"] or p._attrs["transpose_b"] != attrs["transpose_b"]
                or out._dtype.name not in _FLOATS or not static_shapes_known(p)
                or list(out._consumers) != [total] or p._control_outputs):
            return False
        a, b = (t.shape.as_list() for t in p._inputs)
        if a[0] * a[1] * (b[0] if attrs["transpose_b"] else b[1]) >= blas.SMALL:
            return False
        for t in p._inputs:
            if _from_variable(t):
                return False
            size += t.shape.num_elements() * t._dtype.size
    return size <= MAX_BYTES


def _from_variable(t) -> bool:
    """Whether ``t`` is a variable reference, or an ``Identity`` forwarding one (``v/read``)."""
    while not t._dtype._is_ref_dtype and t._op._type == "Identity":
        t = t._op._inputs[0]
    return t._dtype._is_ref_dtype


def kernel(transpose_a: bool, transpose_b: bool, terms: int):
    """The function of ``2 * terms`` arrays (every left operand, then every right one) that
    returns the sum of their products."""
    def sum_of_products(*operands):
        lefts, rights = operands[:terms], operands[terms:]
        left = np.concatenate(lefts, axis=0).T if transpose_a else np.concatenate(lefts, axis=1)
        right = np.concatenate(rights, axis=1).T if transpose_b else np.concatenate(rights, axis=0)
        return blas.matmul(left, right)
    return sum_of_products
