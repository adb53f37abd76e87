"""Sums of many per-step terms computed once, over the stacked operands.

The gradients of a weight and a bias that an unrolled RNN shares over its steps are each an
``AddN`` of one term per step: ``x_t.T @ dy_t`` (a ``MatMul``) for the weight, a sum of
``dy_t`` over its leading axes (``BiasAddGrad``, or ``Sum`` then a ``Reshape`` for ``+ b``)
for the bias. TensorFlow computes the terms one by one and adds them; a plan computes each
sum once over the stacked operands: ``concat(x).T @ concat(dy)``, since
``sum_t a_t @ b_t`` is ``[a_1 ... a_n] @ [b_1; ...; b_n]``, and the sum of ``concat(dy)``
over its leading axes. One product of many rows is cheaper than many small ones, and BLAS
runs it on every core (the ``rnn_unrolled`` benchmark's forward+backward row). The sums are
the same up to rounding: BLAS adds in its own order, TensorFlow's ``AddN`` input after input.

The ops are recognised by their ``OpDef`` facts: the sum ``accumulates``; a product term is
a ``matrix_product``; a reduction term has a ``leading_sum``; a term may pass through ops
that forward their input or reshape it.

A sum qualifies when it has at least ``MIN_TERMS`` inputs of one kind, each the only use
of its op (directly, or through ``Identity`` ops nothing else reads: an optimizer's gated
gradients pass through ``tf.tuple``), such that:

* its operands are float32 or float64 with shapes fully known when the graph was built, so
  no term can fail when the plan runs, and none is read from a variable (a variable is read
  when its reader runs, which the combined sum would delay);
* products have the transpose attributes of the other terms, and are small enough to run
  on one BLAS thread (``blas.SMALL`` multiply-adds): larger products already run at full
  speed, and copying their operands would only add time;
* reductions sum the same leading axes of operands of one shape.

The operands may take at most ``MAX_BYTES`` in all: they are kept until the sum runs,
where the one-by-one terms freed each as they went.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from scopeflow._src.framework import registry, tensor_util
from scopeflow._src.ops.common import blas

MIN_TERMS = 8
MAX_BYTES = 64 << 20
_FLOATS = frozenset(("float32", "float64"))


class Product(NamedTuple):
    """A term ``a @ b`` (a ``matrix_product`` op) under its transpose attributes."""

    transpose_a: bool
    transpose_b: bool


class LeadingSum(NamedTuple):
    """A term that sums its operand over the first ``axes`` axes (an op with ``leading_sum``)."""

    axes: int


class Term(NamedTuple):
    """One input of the sum: its kind, its operands, and the ops the stacked sum replaces."""

    kind: Product | LeadingSum
    operands: list
    taken: list


def find(ops, fetch_tensors, fed):
    """``({AddN op: (kernel, operand tensors in argument order)}, {ops the sums compute})``
    for the sums among ``ops`` that a plan computes over stacked operands."""
    seen = set(fetch_tensors) | set(fed)  # tensors read from outside the plan's ops
    sums, absorbed = {}, set()
    for op in ops:
        if (not registry.get(op._type).accumulates or len(op._inputs) < MIN_TERMS
                or op._outputs[0] in fed):
            continue
        terms = [_term(t, op, seen) for t in op._inputs]
        if not all(terms) or len({term.kind for term in terms}) != 1:
            continue
        kind = terms[0].kind
        operands = [t for term in terms for t in term.operands]
        if _stackable(kind, operands):
            if isinstance(kind, Product):  # every left operand, then every right one
                operands = operands[0::2] + operands[1::2]
            sums[op] = (_kernel(kind, len(terms)), operands)
            absorbed.update(o for term in terms for o in term.taken)
    return sums, absorbed


def _term(t, consumer, seen):
    """The ``Term`` the sum's input ``t`` is, if the plan can stack it, else ``None``. A
    reduction may reach the sum through a ``Reshape`` (a broadcast gradient sums with
    ``keepdims`` and reshapes to the bias's shape), if that gives the reduction's shape."""
    shape = t.shape.as_list() if t.shape.is_fully_defined() else None
    taken = []
    while True:
        if t in seen or list(t._consumers) != [consumer]:
            return None
        op = t._op
        opdef = registry.get(op._type)
        taken.append(op)
        if not (opdef.forwards_input or opdef.reshapes and tensor_util.constant_value(op._inputs[1]) is not None):
            break
        consumer, t = op, op._inputs[0]
    reshaped = any(registry.get(o._type).reshapes for o in taken)
    if opdef.matrix_product and not reshaped:
        return Term(Product(op._attrs["transpose_a"], op._attrs["transpose_b"]), list(op._inputs), taken)
    x = op._inputs[0] if op._inputs else None
    if x is None or not x.shape.ndims or opdef.leading_sum is None:
        return None
    k = opdef.leading_sum(op)
    if k and k < x.shape.ndims and shape == x.shape.as_list()[k:]:
        return Term(LeadingSum(k), [x], taken)
    return None


def _stackable(kind, operands) -> bool:
    size = 0
    for t in operands:
        if t._dtype.name not in _FLOATS or not t.shape.is_fully_defined() or _from_variable(t):
            return False
        size += t.shape.num_elements() * t._dtype.size
    if isinstance(kind, Product):
        for a, b in zip(operands[0::2], operands[1::2]):
            m, k = a.shape.as_list()
            if m * k * b.shape.as_list()[0 if kind.transpose_b else 1] >= blas.SMALL:
                return False
    elif len({tuple(t.shape.as_list()) for t in operands}) != 1:
        return False
    return size <= MAX_BYTES


def _from_variable(t) -> bool:
    """Whether ``t`` is a variable reference, or an op forwarding one (``v/read``)."""
    while not t._dtype._is_ref_dtype and registry.get(t._op._type).forwards_input:
        t = t._op._inputs[0]
    return t._dtype._is_ref_dtype


def _kernel(kind, terms: int):
    """The function of the stacked operands that returns the whole sum."""
    if isinstance(kind, LeadingSum):
        k = kind.axes
        return lambda *xs: blas.sum_leading(np.concatenate(xs, axis=0), k)
    transpose_a, transpose_b = kind

    def sum_of_products(*operands):
        lefts, rights = operands[:terms], operands[terms:]
        left = np.concatenate(lefts, axis=0).T if transpose_a else np.concatenate(lefts, axis=1)
        right = np.concatenate(rights, axis=1).T if transpose_b else np.concatenate(rights, axis=0)
        return blas.matmul(left, right)
    return sum_of_products
