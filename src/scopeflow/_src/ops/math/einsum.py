"""``tf.einsum``: one ``Einsum`` op per one- or two-operand equation (named ``einsum/Einsum``
as in TensorFlow), with TF's equation checks, static shapes and gradient.

TensorFlow contracts three or more operands in the order ``opt_einsum`` picks; scopeflow
contracts them left to right, so the values agree but the intermediate ops may differ.
"""

from __future__ import annotations

import collections
import re

import numpy as np

from scopeflow._src.framework import registry
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.shape_inference import ShapeError, shape_text
from scopeflow._src.framework.tensor_shape import UNKNOWN, TensorShape
from scopeflow._src.ops.common import shape_fns

ELLIPSIS = "..."


# -- the op ----------------------------------------------------------------------------------------
def _einsum_shape(inputs, attrs):
    in_subs, out_subs = attrs["equation"].split("->")
    subs = in_subs.split(",")
    if len(subs) != len(inputs):
        raise ShapeError(f"Expecting {len(subs)} inputs but got {len(inputs)}")
    label_dims = {}
    batch = TensorShape([])
    for labels, t in zip(subs, inputs):
        dims = t.shape.as_tuple()
        if dims is None:
            return UNKNOWN
        named = labels.replace(ELLIPSIS, "")
        n_batch = len(dims) - len(named)
        if n_batch < 0 or (n_batch > 0 and ELLIPSIS not in labels):
            raise ShapeError(f"Expected input {subs.index(labels)} to have rank {len(named)} but got: {len(dims)}")
        start = labels.find(ELLIPSIS)
        if start >= 0:
            batch = shape_fns.broadcast_shapes(batch, TensorShape(dims[start:start + n_batch]))
            dims = dims[:start] + dims[start + n_batch:]
        for label, d in zip(named, dims):
            known = label_dims.get(label)
            if known is not None and d is not None and known != d and 1 not in (known, d):
                raise ShapeError(f"Expected dimension {known} at axis {named.index(label)} of the input shaped "
                                 f"{shape_text(t.shape)} but got dimension {d}")
            label_dims[label] = d if known is None or known == 1 else known
    out = []
    for part in re.split(r"(\.\.\.)", out_subs):
        if part == ELLIPSIS:
            if batch.ndims is None:
                return UNKNOWN
            out.extend(batch.as_list())
        else:
            out.extend(label_dims.get(label) for label in part)
    return TensorShape(out)


def _einsum_factory(op, state):
    equation = op._attrs["equation"]
    in_subs, out_subs = equation.split("->")
    unique = "".join(dict.fromkeys(out_subs))
    if unique == out_subs or ELLIPSIS in out_subs:
        return lambda *xs: np.asarray(np.einsum(equation, *xs))

    def inflate(*xs):
        """Repeated output labels (``i->ii``, built by gradients) place values on a diagonal."""
        result = np.asarray(np.einsum(f"{in_subs}->{unique}", *xs))
        out = np.zeros([result.shape[unique.index(label)] for label in out_subs], dtype=result.dtype)
        grids = np.indices(result.shape)
        out[tuple(grids[unique.index(label)] for label in out_subs)] = result
        return out
    return inflate


def _lower_einsum(op, jx):
    equation = op._attrs["equation"]
    in_subs, out_subs = equation.split("->")
    unique = "".join(dict.fromkeys(out_subs))
    if unique == out_subs or ELLIPSIS in out_subs:
        return lambda *xs: jx.jnp.einsum(equation, *xs)

    def inflate(*xs):  # repeated output labels: the values on a diagonal, as the kernel places them
        result = jx.jnp.einsum(f"{in_subs}->{unique}", *xs)
        grids = np.indices(result.shape)
        out = jx.jnp.zeros([result.shape[unique.index(label)] for label in out_subs], result.dtype)
        return out.at[tuple(grids[unique.index(label)] for label in out_subs)].set(result)
    return inflate


registry.register(OpDef("Einsum", inputs=["inputs: N*T"], outputs=["output: T"], shape=_einsum_shape,
                        factory=_einsum_factory,
                        lower=_lower_einsum))


def raw_einsum(inputs, equation, name=None):
    """One ``Einsum`` op of ``inputs`` for a resolved ``equation`` (TF's ``gen_linalg_ops.einsum``)."""
    return create_output("Einsum", [list(inputs)], {"equation": equation}, name=name)


# -- parsing ---------------------------------------------------------------------------------------
def _resolve(equation, n_inputs):
    """TF's ``_einsum_v2_parse_and_resolve_equation`` for the label checks and ``->`` output."""
    resolved = equation.replace(" ", "")
    ellipsis_label = None
    if ELLIPSIS in equation:
        ellipsis_label = "0"
        if ellipsis_label in resolved:
            raise ValueError(f'Invalid character "{ellipsis_label}" in equation: {equation}.')
        resolved = resolved.replace(ELLIPSIS, ellipsis_label)
    allowed = "a-zA-Z" + (ellipsis_label or "")
    match = re.match(f"^([{allowed},]*)(->[{allowed}]*)?$", resolved)
    if not match:
        raise ValueError(f"Subscripts have incorrect format: {resolved}")
    input_labels = match.group(1).split(",")
    output_labels = match.group(2)[2:] if match.group(2) else None
    if n_inputs != len(input_labels):
        raise ValueError(f'Got {n_inputs} inputs for equation "{equation}", expecting {len(input_labels)}')
    if "->" not in resolved:
        counts = collections.Counter(match.group(1))
        output_labels = "".join(x for x in sorted(counts) if x != "," and counts[x] == 1)
        resolved += "->" + output_labels
    if output_labels and len(set(output_labels)) != len(output_labels):
        raise ValueError(f"Output subscripts contain a label appearing more than once: {equation}")
    for label in output_labels:
        if label != ellipsis_label and label not in set(match.group(1)):
            raise ValueError(f"Output subscripts contain the label {label} not present in the input subscripts.")
    if ellipsis_label and output_labels and output_labels.count(ellipsis_label) > 1:
        raise ValueError(f"Output subscripts contain multiple ellipsis: {equation}")
    return resolved.replace(ellipsis_label, ELLIPSIS) if ellipsis_label else resolved


def _pairwise(inputs, equation):
    """Contract three or more operands left to right, keeping the labels still needed."""
    in_subs, out_subs = equation.split("->")
    subs = in_subs.split(",")
    current, current_subs = inputs[0], subs[0]
    for i in range(1, len(inputs)):
        needed = set("".join(subs[i + 1:]) + out_subs)
        keep = []
        for label in current_subs.replace(ELLIPSIS, "") + subs[i].replace(ELLIPSIS, ""):
            if (label in needed or i == len(inputs) - 1 and label in out_subs) and label not in keep:
                keep.append(label)
        has_ellipsis = ELLIPSIS in current_subs + subs[i]
        step_out = out_subs if i == len(inputs) - 1 else (ELLIPSIS if has_ellipsis else "") + "".join(keep)
        current = raw_einsum([current, inputs[i]], f"{current_subs},{subs[i]}->{step_out}")
        current_subs = step_out
    return current


def einsum(equation, *inputs, **kwargs):
    """Tensor contraction by Einstein summation (``'ij,jk->ik'``, ``'bij,bjk->bik'``,
    ``'ij->ji'``, ``'i,j->ij'``, ``'...ij,...jk->...ik'``): an ``Einsum`` op.

    >>> import scopeflow as tf
    >>> tf.einsum("ij,jk->ik", tf.ones([2, 3]), tf.ones([3, 4])).name
    'einsum/Einsum:0'
    """
    name = kwargs.pop("name", None)
    kwargs.pop("optimize", None)
    if kwargs:
        raise TypeError(f'Invalid keyword arguments for einsum: {", ".join(kwargs)}. Valid arguments: name, '
                        f'optimize, greedy.')
    with name_scope(name, "einsum", [equation, inputs]):
        for operand in inputs:
            if not hasattr(operand, "shape"):  # TF reads each operand's shape before converting it
                raise AttributeError(f"'{type(operand).__name__}' object has no attribute 'shape'")
        resolved = _resolve(equation, len(inputs))
        if len(inputs) <= 2:
            return raw_einsum(inputs, resolved)
        return _pairwise(list(inputs), resolved)
