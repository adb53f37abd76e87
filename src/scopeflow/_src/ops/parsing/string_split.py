"""``StringSplit`` (TF1's ``tf.string_split``: each byte of the delimiter splits) and
``StringSplitV2`` (``tf.strings.split``: Python's ``str.split`` rules, with ``maxsplit``): each
splits a vector of strings into a ``SparseTensor`` of tokens (indices ``[row, token]``, dense
shape ``[rows, most tokens]``).

scopeflow has no ``RaggedTensor``: ``result_type="SparseTensor"`` (the TF1 default) is the only
result type, and ``tf.strings.split`` takes inputs of rank 0 or 1 (TF splits higher ranks
through a ``RaggedTensor``).
"""

from __future__ import annotations

import re

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.sparse_tensor import SparseTensor
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops.array.shapes import expand_dims
from scopeflow._src.ops.common import shape_fns
from scopeflow._src.ops.common.shape_context import shape_fn


@shape_fn
def _split_shape(ctx, attrs):
    ctx.with_rank(0, 1)
    ctx.with_rank(1, 0)
    return [TensorShape([None, 2]), TensorShape([None]), TensorShape([2])]


def _sparse(op, values, split):
    if values.ndim != 1:
        raise errors.InvalidArgumentError(None, op, f"input must be a vector, got shape: "
                                                    f"{shape_fns.dims_text(values.shape)}")
    rows = [split(s) for s in values.tolist()]
    indices = [(i, j) for i, row in enumerate(rows) for j in range(len(row))]
    tokens = np.empty(len(indices), dtype=object)
    tokens[...] = [t for row in rows for t in row]
    width = max((len(row) for row in rows), default=0)
    return (np.array(indices, dtype=np.int64).reshape(-1, 2), tokens,
            np.array([len(rows), width], dtype=np.int64))


def _split_factory(op, state):
    skip_empty = op._attrs.get("skip_empty", True)

    def string_split(values, delimiter):
        delimiter = delimiter.item()
        if not delimiter:
            return _sparse(op, values, lambda s: [s[i:i + 1] for i in range(len(s))])
        pattern = re.compile(b"[" + re.escape(delimiter) + b"]")
        return _sparse(op, values, lambda s: [t for t in pattern.split(s) if t or not skip_empty] if s else [])
    return string_split


def _split_v2_factory(op, state):
    maxsplit = op._attrs.get("maxsplit", -1)

    def string_split_v2(values, sep):
        sep = sep.item() or None
        return _sparse(op, values, lambda s: s.split(sep, maxsplit) if s or sep is None else [b""])
    return string_split_v2


_OUTPUTS = ["indices: int64", "values: string", "shape: int64"]
registry.register(OpDef("StringSplit", inputs=["input: string", "delimiter: string"], outputs=_OUTPUTS,
                        defaults={"skip_empty": True}, shape=_split_shape, factory=_split_factory))
registry.register(OpDef("StringSplitV2", inputs=["input: string", "sep: string"], outputs=_OUTPUTS,
                        defaults={"maxsplit": -1}, shape=_split_shape, factory=_split_v2_factory))


def string_split(source, sep=None, skip_empty=True, delimiter=None, result_type="SparseTensor", name=None):
    """TF1's split: each string of the vector ``source`` cut at every byte of ``sep`` (default
    ``" "``; ``delimiter`` is its old name; empty: into single bytes), empty tokens dropped
    unless ``skip_empty`` is false. A ``SparseTensor`` of the tokens.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     st = tf.string_split(["a b", "c"])
    ...     print(tf.Session().run(st.values).tolist())
    [b'a', b'b', b'c']
    """
    with name_scope(name, "StringSplit", [source]):
        if sep is not None and delimiter is not None:
            raise ValueError("Cannot specify both 'delimiter' and 'sep'.")
        sep = delimiter if sep is None else sep
        sep = convert_to_tensor(" " if sep is None else sep, dtype=dtypes.string)
        source = convert_to_tensor(source, dtype=dtypes.string)
        result = SparseTensor(*create("StringSplit", [source, sep], {"skip_empty": bool(skip_empty)}).outputs)
        if result_type != "SparseTensor":
            raise _result_type_error(result_type)
        return result


def _result_type_error(result_type):
    if result_type == "RaggedTensor":
        return ValueError("result_type 'RaggedTensor' is not supported: scopeflow has no RaggedTensor.")
    return ValueError("result_type must be 'RaggedTensor' or 'SparseTensor'.")


def strings_split(input=None, sep=None, maxsplit=-1, result_type="SparseTensor", source=None, name=None):  # noqa: A002
    """``tf.strings.split``: each string split as Python's ``str.split(sep, maxsplit)`` does
    (``sep`` ``None`` or empty: runs of whitespace), as a ``SparseTensor`` (``source`` is the old
    name of ``input``). A scalar is split as a vector of one string.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     st = tf.strings.split(["a<>b<><>c"], sep="<>")
    ...     print(tf.Session().run(st.values).tolist())
    [b'a', b'b', b'', b'c']
    """
    if input is not None and source is not None:
        raise ValueError("Cannot specify both 'source' and 'input'.")
    input = source if input is None else input  # noqa: A001
    with name_scope(name, "StringSplit", [input]):
        input = convert_to_tensor(input, dtype=dtypes.string, name="input")  # noqa: A001
        if result_type != "SparseTensor":
            raise _result_type_error(result_type)
        if input.shape.ndims == 0:
            input = expand_dims(input, 0)  # noqa: A001
        elif input.shape.ndims not in (None, 1):
            raise ValueError(f"tf.strings.split in scopeflow takes a vector of strings (TF splits rank "
                             f"{input.shape.ndims} through a RaggedTensor, which scopeflow lacks).")
        sep = convert_to_tensor("" if sep is None else sep, dtype=dtypes.string)
        return SparseTensor(*create("StringSplitV2", [input, sep], {"maxsplit": int(maxsplit)}).outputs)
