"""``ParseExampleV2``: serialized ``tf.train.Example``s into tensors (``tf.io.parse_example``,
``tf.io.parse_single_example``).

The op takes the records (a vector, or a scalar for one record), their names, the sparse,
dense and ragged keys, and one default tensor per dense key; it returns, in this order, the
indices, values and dense shape of each sparse key, then each dense key's tensor. The
wrappers build what TensorFlow builds (``ParseExample/ParseExampleV2`` with its key constants
and default tensors) and give a dict from feature key to ``Tensor`` or ``SparseTensor``.
Decoding is ``example_batch.py``'s (``example_fast.py`` first, for batches it can read).
"""

from __future__ import annotations

from scopeflow._src.framework import dtypes, errors, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import infer_outputs
from scopeflow._src.framework.registry import Arg, OpDef
from scopeflow._src.framework.sparse_tensor import SparseTensor
from scopeflow._src.framework.tensor_shape import UNKNOWN, TensorShape
from scopeflow._src.ops.common.shape_context import shape_fn
from scopeflow._src.ops.parsing import example_batch as batch
from scopeflow._src.ops.parsing import example_fast
from scopeflow._src.ops.parsing import features as config
from scopeflow._src.ops.parsing.scalar_check import assert_scalar
from scopeflow._src.ops.parsing.sparse_features import SparseFeature, merge_sparse_features

_TYPES = config.PARSED_TYPES
_DENSE, _SPARSE, _RAGGED = "_num_dense", "_num_sparse_types", "_num_ragged"  # private lengths of the type lists
_FAST_BATCH = 32  # batches read by example_fast.py first (smaller ones: the exact path is quicker)
_KEYS = ("serialized: string", "names: string", "sparse_keys: string", "dense_keys: string", "ragged_keys: string")


def records_dims(ctx):
    """The dims of the records input (a vector or a scalar; ``None``: unknown rank), and its rank."""
    dims = ctx.dims(0)
    if dims is not None and len(dims) > 1:
        raise ctx.error(f"Shape must be at most rank 1 but is rank {len(dims)}")
    return dims, None if dims is None else len(dims)


@shape_fn
def _shape(ctx, attrs):
    dims, rank = records_dims(ctx)
    n = attrs["num_sparse"]
    indices = TensorShape([None, None if rank is None else rank + 1])
    shapes = TensorShape([None if rank is None else rank + 1])
    dense = [UNKNOWN if dims is None else TensorShape(list(dims) + s.as_list()) for s in attrs["dense_shapes"]]
    return [indices] * n + [TensorShape([None])] * n + [shapes] * n + dense


def _parse_factory(op, state):
    specs = {}

    def parse_example_v2(serialized, names, sparse_keys, dense_keys, ragged_keys, *defaults):
        if ragged_keys.size:
            raise errors.UnimplementedError(None, op, "ParseExampleV2: ragged features are not supported")
        return parse_records(op, specs, serialized, names, sparse_keys.tolist(), dense_keys.tolist(), defaults)
    return parse_example_v2


def parse_records(op, specs, serialized, names, sparse_keys, dense_keys, defaults, kind="scalar or vector"):
    """The outputs of ``op`` (``ParseExampleV2``, or TF1's ``ParseExample``/``ParseSingleExample``,
    whose attributes give the types and shapes) for the ``serialized`` records (a vector or a
    scalar), their ``names`` and the ``sparse_keys``/``dense_keys``; ``specs`` is the kernel's
    memo of the keys' ``Spec``s (the keys are usually constants)."""
    if serialized.ndim > (0 if kind == "scalar" else 1) or kind == "vector" and serialized.ndim != 1:
        shown = batch.shape_text(serialized.shape)
        raise errors.InvalidArgumentError(None, op, f"Expected serialized to be a {kind}, got shape: {shown}")
    single = serialized.ndim == 0
    if names.size and names.shape != serialized.shape:
        raise errors.InvalidArgumentError(
            None, op, f"Expected names have the same shape as serialized: name.shape={list(names.shape)}, "
                      f"serialized.shape={list(serialized.shape)}")
    keys = (tuple(sparse_keys), tuple(dense_keys))
    if keys not in specs:
        specs.clear()
        specs[keys] = _specs(op._attrs, *keys)
    sparse, dense = specs[keys]
    names = [n.decode("utf-8", "replace") for n in names.reshape(-1).tolist()]
    try:
        return _parse(serialized.reshape(-1).tolist(), names, sparse, dense, defaults, single)
    except batch.ParseError as e:
        raise errors.InvalidArgumentError(None, op, str(e)) from None


def _specs(attrs, sparse_keys, dense_keys):
    sparse = [batch.Spec.of(_bytes(k), t) for k, t in zip(sparse_keys, attrs["sparse_types"])]
    dense = [batch.Spec.of(_bytes(k), t, s) for k, t, s in zip(dense_keys, attrs["Tdense"], attrs["dense_shapes"])]
    return sparse, dense


def _bytes(key):
    return key if isinstance(key, bytes) else key.encode("utf-8")


def _parse(records, names, sparse, dense, defaults, single):
    if not single and len(records) >= _FAST_BATCH:
        fast = example_fast.outputs(records, sparse, dense, defaults)
        if fast is not None:
            return fast
    examples = batch.decode_records(records)
    out = [batch.sparse_output(examples, spec, names, single) for spec in sparse]
    dense_values = []
    for spec, default in zip(dense, defaults):
        if spec.shape and spec.shape[0] is None:
            value = batch.sequence_output(examples, spec, default, names, single)
        else:
            value = batch.dense_output(examples, spec, default, names, single)
        dense_values.append(value.reshape(value.shape[1:]) if single else value)  # a 0-d array, not a scalar
    return tuple([o[0] for o in out] + [o[1] for o in out] + [o[2] for o in out] + dense_values)


registry.register(OpDef(
    "ParseExampleV2",
    inputs=list(_KEYS) + [Arg("dense_defaults", type_attr="Tdense", number_attr=_DENSE)],
    outputs=["sparse_indices: num_sparse * int64", Arg("sparse_values", type_attr="sparse_types", number_attr=_SPARSE),
             "sparse_shapes: num_sparse * int64", Arg("dense_values", type_attr="Tdense", number_attr=_DENSE),
             Arg("ragged_values", type_attr="ragged_value_types", number_attr=_RAGGED),
             Arg("ragged_row_splits", type_attr="ragged_split_types", number_attr=_RAGGED)],
    attrs={"Tdense": _TYPES, "sparse_types": _TYPES, "ragged_value_types": _TYPES,
           "ragged_split_types": (dtypes.int32, dtypes.int64)},
    shape=_shape, factory=_parse_factory))


def _string(value, name):
    return convert_to_tensor(value, dtype=dtypes.string, name=name)


def _parse_example_raw(serialized, names, params, name):
    """The ``ParseExampleV2`` op of ``params`` in a ``ParseExample`` scope; its results by key."""
    if params.num_features == 0:
        raise ValueError("Must provide at least one feature key.")
    with name_scope(name, "ParseExample", [serialized, names]):
        serialized = convert_to_tensor(serialized, name="serialized")
        defaults = params.dense_defaults()
        graph = serialized.graph
        with name_scope(name, "ParseExampleV2") as op_scope:
            if serialized.dtype.base_dtype != dtypes.string:
                raise TypeError(f"Input 'serialized' of 'ParseExampleV2' Op has type {serialized.dtype.name} that "
                                f"does not match expected type of string.")
            inputs = [serialized, _string([] if names is None else names, "names"),
                      _string(params.sparse_keys, "sparse_keys"), _string(params.dense_keys, "dense_keys"),
                      _string([], "ragged_keys")] + defaults
            attrs = {"sparse_types": list(params.sparse_types), "Tdense": list(params.dense_types),
                     "num_sparse": len(params.sparse_keys), "dense_shapes": list(params.dense_shapes),
                     "ragged_value_types": [], "ragged_split_types": [], _DENSE: len(defaults),
                     _SPARSE: len(params.sparse_keys), _RAGGED: 0}
            op = graph._add_op("ParseExampleV2", op_scope[:-1], inputs, attrs,
                               infer_outputs(registry.get("ParseExampleV2"), op_scope[:-1], inputs, attrs))
        outs, n = op.outputs, len(params.sparse_keys)
        sparse = [SparseTensor(outs[i], outs[n + i], outs[2 * n + i]) for i in range(n)]  # in the scope, as TF
    return dict(zip(params.sparse_keys + params.dense_keys, sparse + list(outs[3 * n:])))


_ALLOWED = (config.VarLenFeature, SparseFeature, config.FixedLenFeature, config.FixedLenSequenceFeature)


def parse_example(serialized, features, name=None, example_names=None):
    """Parse a batch of serialized ``tf.train.Example``s (a string vector) into a dict from
    each key of ``features`` to a ``Tensor`` (``FixedLenFeature``: ``[batch] + shape``;
    ``FixedLenSequenceFeature``: ``[batch, None] + shape``) or a ``SparseTensor``
    (``VarLenFeature``, ``SparseFeature``).

    >>> import scopeflow as tf
    >>> record = tf.train.Example(features=tf.train.Features(feature={
    ...     "x": tf.train.Feature(int64_list=tf.train.Int64List(value=[7, 8]))})).SerializeToString()
    >>> with tf.Graph().as_default():
    ...     parsed = tf.io.parse_example([record], {"x": tf.io.FixedLenFeature([2], tf.int64)})
    ...     print(parsed["x"].name, tf.Session().run(parsed["x"]).tolist())
    ParseExample/ParseExampleV2:0 [[7, 8]]
    """
    if not features:
        raise ValueError(f"Argument `features` cannot be None or falsy. Got {features}")
    features = config.prepend_none_dimension(features)
    params = config.ParseParams.from_features(features, _ALLOWED)
    params.check_types("dense_defaults", "sparse_types")
    return merge_sparse_features(features, _parse_example_raw(serialized, example_names, params, name))


def parse_single_example(serialized, features, name=None, example_names=None):
    """``parse_example`` of one serialized ``Example`` (a string scalar): dense results have
    no batch dimension, sparse ones have one index column.

    >>> import scopeflow as tf
    >>> record = tf.train.Example(features=tf.train.Features(feature={
    ...     "x": tf.train.Feature(float_list=tf.train.FloatList(value=[0.5]))})).SerializeToString()
    >>> with tf.Graph().as_default():
    ...     parsed = tf.io.parse_single_example(record, {"x": tf.io.FixedLenFeature([], tf.float32)})
    ...     print(parsed["x"].shape, tf.Session().run(parsed["x"]))
    () 0.5
    """
    if features is None:
        raise ValueError("Invalid argument: features cannot be None.")
    if not features:
        raise ValueError("Invalid argument: features cannot be empty.")
    with name_scope(name, "ParseSingleExample", [serialized, example_names]):
        serialized = assert_scalar(convert_to_tensor(serialized, name="serialized"), "serialized")
        return parse_example(serialized, features, name, example_names)
