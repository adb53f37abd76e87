"""Sums of many matrix products computed as one product.

The gradient of a weight that an unrolled RNN shares over its steps is an ``AddN`` of one
``MatMul`` per step, ``x_t.T @ dy_t``. TensorFlow runs the products one by one and adds
them; a plan runs them as the single product ``concat(x).T @ concat(dy)``, since
``sum_t a_t @ b_t`` is ``[a_1 ... a_n] @ [b_1; ...; b_n]``. One product of 3,200 rows
is cheaper than 100 of 32, and BLAS runs it on every core: on a Zen 3, 1.3 ms with the
copies against 2.9 ms, and the ``rnn_unrolled`` benchmark's forward+backward pass took
12.5 instead of 14.5 ms (medians of 5 fresh-process pairs). The sum is the same up to
rounding: BLAS adds the terms in its own order, TensorFlow's ``AddN`` input after input.

A sum qualifies when it has at least ``MIN_TERMS`` inputs, each the only use of a
``MatMul`` (directly, or through ``Identity`` ops nothing else reads: an optimizer's gated
gradients pass through ``tf.tuple``) such that:

* its operands are float32 or float64 with shapes fully known when the graph was built, so
  no product can fail when the plan runs, and none is read from a variable (a variable is
  read when its reader runs, which the combined product would delay);
* its transpose attributes are those of the other terms;
* it is small enough to run on one BLAS thread (``blas.SMALL`` multiply-adds): larger
  products already run at full speed, and copying their operands would only add time.

The operands may take at most ``MAX_BYTES`` in all: they are kept until the sum runs,
where the one-by-one products freed each as they went.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import blas
from scopeflow._src.ops.shape_fns import static_shapes_known

MIN_TERMS = 8
MAX_BYTES = 64 << 20
_FLOATS = frozenset(("float32", "float64"))


def find(ops, fetch_tensors, fed):
    """``({AddN op: [its MatMul ops, in input order]}, {ops the sums compute})`` for the sums
    among ``ops`` that a plan computes as one product. A term may reach its ``AddN`` through
    ``Identity`` ops, as gated gradients do (``tf.tuple``); their control inputs only order
    stateless ops, so computing the products later changes no value."""
    in_plan = set(ops)
    fetched = set(fetch_tensors) | set(fed)
    groups, absorbed = {}, set()
    for op in ops:
        if op._type != "AddN" or len(op._inputs) < MIN_TERMS or op._outputs[0] in fed:
            continue
        terms = [_product(t, op, fetched) for t in op._inputs]
        if all(terms) and _combinable([p for p, _ in terms], in_plan):
            groups[op] = [p for p, _ in terms]
            absorbed.update(o for p, between in terms for o in [p, *between])
    return groups, absorbed


def _product(t, consumer, fetched):
    """``(MatMul op, [Identity ops passed])`` when ``t`` is a product read only by ``consumer``
    (directly or through ``Identity`` ops read only by the next), else ``None``."""
    between = []
    while t._op._type == "Identity":
        if t in fetched or list(t._consumers) != [consumer]:
            return None
        consumer = t._op
        between.append(consumer)
        t = consumer._inputs[0]
    if t._op._type != "MatMul" or t in fetched or list(t._consumers) != [consumer]:
        return None
    return t._op, between


def _combinable(products, in_plan) -> bool:
    if len(set(products)) != len(products):
        return False
    attrs = products[0]._attrs
    size = 0
    for p in products:
        if (p not in in_plan or p._attrs["transpose_a"] != attrs["transpose_a"]
                or p._attrs["transpose_b"] != attrs["transpose_b"]
                or p._outputs[0]._dtype.name not in _FLOATS or not static_shapes_known(p)):
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
