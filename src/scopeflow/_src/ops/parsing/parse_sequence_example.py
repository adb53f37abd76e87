"""``ParseSequenceExampleV2``: serialized ``tf.train.SequenceExample``s into tensors
(``tf.io.parse_single_sequence_example``, ``tf.io.parse_sequence_example``).

The op's inputs are the records (a vector, or a scalar), their debug names, the context and
feature-list keys of each kind, which dense feature lists may be missing, and the context's
dense defaults; its outputs are the context's sparse triples and dense tensors, then the
feature lists' sparse triples, dense tensors and lengths. Decoding is ``sequence_batch.py``'s.
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
from scopeflow._src.ops.parsing import example_batch, sequence_batch
from scopeflow._src.ops.parsing import features as config
from scopeflow._src.ops.parsing.parse_example import records_dims
from scopeflow._src.ops.parsing.scalar_check import assert_scalar

_TYPES = config.PARSED_TYPES
_SPLITS = (dtypes.int32, dtypes.int64)
# the private lengths of the type lists (not part of TF's node, as SaveV2's)
_C_DENSE, _C_SPARSE, _C_RAGGED = "_num_context_dense", "_num_context_sparse_types", "_num_context_ragged"
_F_DENSE, _F_SPARSE, _F_RAGGED = "_num_feature_list_dense_types", "_num_feature_list_sparse_types", "_num_fl_ragged"
_KEY_INPUTS = ("debug_name", "context_sparse_keys", "context_dense_keys", "context_ragged_keys",
               "feature_list_sparse_keys", "feature_list_dense_keys", "feature_list_ragged_keys")


# The outputs TF1's sequence parse ops share with this one (``legacy_parse.py``).
CONTEXT_OUTPUTS = ["context_sparse_indices: Ncontext_sparse * int64",
                   Arg("context_sparse_values", type_attr="context_sparse_types", number_attr=_C_SPARSE),
                   "context_sparse_shapes: Ncontext_sparse * int64",
                   Arg("context_dense_values", type_attr="Tcontext_dense", number_attr=_C_DENSE)]
LIST_OUTPUTS = ["feature_list_sparse_indices: Nfeature_list_sparse * int64",
                Arg("feature_list_sparse_values", type_attr="feature_list_sparse_types", number_attr=_F_SPARSE),
                "feature_list_sparse_shapes: Nfeature_list_sparse * int64",
                Arg("feature_list_dense_values", type_attr="feature_list_dense_types", number_attr=_F_DENSE)]
LENGTHS = "feature_list_dense_lengths: Nfeature_list_dense * int64"
CONTEXT_DEFAULTS = Arg("context_dense_defaults", type_attr="Tcontext_dense", number_attr=_C_DENSE)


@shape_fn
def _shape(ctx, attrs):
    dims, rank = records_dims(ctx)

    def sparse(n, extra):
        width = None if rank is None else rank + extra
        return [TensorShape([None, width])] * n + [TensorShape([None])] * n + [TensorShape([width])] * n

    def dense(shapes, lead):
        return [UNKNOWN if dims is None else TensorShape(list(dims) + lead + s.as_list()) for s in shapes]
    n_dense = attrs["Nfeature_list_dense"]
    return (sparse(attrs["Ncontext_sparse"], 1) + dense(attrs["context_dense_shapes"], [])
            + sparse(attrs["Nfeature_list_sparse"], 2) + dense(attrs["feature_list_dense_shapes"], [None])
            + [UNKNOWN if dims is None else TensorShape(list(dims))] * n_dense)


def _factory(op, state):
    def parse_sequence_example_v2(serialized, debug_name, c_sparse, c_dense, c_ragged, f_sparse, f_dense, f_ragged,
                                  missing_ok, *defaults):
        if c_ragged.size or f_ragged.size:
            raise errors.UnimplementedError(None, op, "ParseSequenceExampleV2: ragged features are not supported")
        keys = [k.tolist() for k in (c_sparse, c_dense, f_sparse, f_dense)]
        return parse_sequences(op, serialized, debug_name, keys, missing_ok.tolist(), defaults)
    return parse_sequence_example_v2


def parse_sequences(op, serialized, debug_name, keys, missing_ok, defaults):
    """The outputs of ``op`` (``ParseSequenceExampleV2``, or TF1's sequence parse ops, whose
    attributes give the types and shapes) for ``serialized`` (a vector, or a scalar), their
    ``debug_name``, the context sparse and dense and feature-list sparse and dense ``keys``,
    whether each dense feature list may be missing, and the context's dense ``defaults``."""
    attrs, spec = op._attrs, example_batch.Spec.of
    c_sparse, c_dense, f_sparse, f_dense = ([k if isinstance(k, bytes) else k.encode() for k in group]
                                            for group in keys)
    specs = ([spec(k, t) for k, t in zip(c_sparse, attrs["context_sparse_types"])],
             [spec(k, t, s) for k, t, s in zip(c_dense, attrs["Tcontext_dense"], attrs["context_dense_shapes"])],
             [spec(k, t) for k, t in zip(f_sparse, attrs["feature_list_sparse_types"])],
             [spec(k, t, s) for k, t, s in zip(f_dense, attrs["feature_list_dense_types"],
                                               attrs["feature_list_dense_shapes"])])
    names = [n.decode("utf-8", "replace") for n in debug_name.reshape(-1).tolist()]
    try:
        return _parse(serialized.reshape(-1).tolist(), names, specs, missing_ok, defaults, serialized.ndim == 0)
    except example_batch.ParseError as e:
        raise errors.InvalidArgumentError(None, op, str(e)) from None


def _parse(records, names, specs, missing_ok, defaults, single):
    seqs = sequence_batch.decode_records(records, names)
    c_sparse, c_dense, f_sparse, f_dense = specs
    drop = 1 if single else 0  # a single record's results lose the batch index and dimension
    cs = [sequence_batch.context_sparse(seqs, s, names) for s in c_sparse]
    cd = [sequence_batch.context_dense(seqs, s, d, names) for s, d in zip(c_dense, defaults)]
    fs = [sequence_batch.list_sparse(seqs, s, names) for s in f_sparse]
    fd = [sequence_batch.list_dense(seqs, s, m, names) for s, m in zip(f_dense, missing_ok)]
    out = ([i[:, drop:] for i, _, _ in cs] + [v for _, v, _ in cs] + [s[drop:] for _, _, s in cs]
           + [_unbatched(v) if single else v for v in cd]
           + [i[:, drop:] for i, _, _ in fs] + [v for _, v, _ in fs] + [s[drop:] for _, _, s in fs]
           + [_unbatched(v) if single else v for v, _ in fd] + [_unbatched(n) if single else n for _, n in fd])
    return tuple(out)


def _unbatched(value):
    """A single record's result: the batch of one without its batch dimension (a 0-d array,
    never a NumPy or Python scalar: kernels downstream read ``.shape``)."""
    return value.reshape(value.shape[1:])


registry.register(OpDef(
    "ParseSequenceExampleV2",
    inputs=["serialized: string"] + [f"{k}: string" for k in _KEY_INPUTS]
    + ["feature_list_dense_missing_assumed_empty: bool",
       CONTEXT_DEFAULTS],
    outputs=CONTEXT_OUTPUTS
    + [Arg("context_ragged_values", type_attr="context_ragged_value_types", number_attr=_C_RAGGED),
       Arg("context_ragged_row_splits", type_attr="context_ragged_split_types", number_attr=_C_RAGGED)]
    + LIST_OUTPUTS + [LENGTHS]
    + [Arg("feature_list_ragged_values", type_attr="feature_list_ragged_value_types", number_attr=_F_RAGGED),
       Arg("feature_list_ragged_outer_splits", type_attr="feature_list_ragged_split_types", number_attr=_F_RAGGED),
       Arg("feature_list_ragged_inner_splits", type_attr="feature_list_ragged_split_types", number_attr=_F_RAGGED)],
    attrs={"Tcontext_dense": _TYPES, "context_sparse_types": _TYPES, "context_ragged_value_types": _TYPES,
           "context_ragged_split_types": _SPLITS, "feature_list_dense_types": _TYPES,
           "feature_list_sparse_types": _TYPES, "feature_list_ragged_value_types": _TYPES,
           "feature_list_ragged_split_types": _SPLITS},
    defaults={"Ncontext_sparse": 0, "Nfeature_list_sparse": 0, "Nfeature_list_dense": 0, "Tcontext_dense": [],
              "context_sparse_types": [], "context_ragged_value_types": [], "context_ragged_split_types": [],
              "context_dense_shapes": [], "feature_list_dense_types": [], "feature_list_sparse_types": [],
              "feature_list_ragged_value_types": [], "feature_list_ragged_split_types": [],
              "feature_list_dense_shapes": []},
    shape=_shape, factory=_factory))


def _attrs(context, lists, n_defaults):
    return {"Ncontext_sparse": len(context.sparse_keys), "Nfeature_list_sparse": len(lists.sparse_keys),
            "Nfeature_list_dense": len(lists.dense_keys), "context_sparse_types": list(context.sparse_types),
            "context_ragged_value_types": [], "context_ragged_split_types": [],
            "feature_list_dense_types": list(lists.dense_types), "feature_list_sparse_types": list(lists.sparse_types),
            "feature_list_ragged_value_types": [], "feature_list_ragged_split_types": [],
            "context_dense_shapes": list(context.dense_shapes), "feature_list_dense_shapes": list(lists.dense_shapes),
            "Tcontext_dense": list(context.dense_types), _C_DENSE: n_defaults,
            _C_SPARSE: len(context.sparse_keys), _C_RAGGED: 0, _F_DENSE: len(lists.dense_keys),
            _F_SPARSE: len(lists.sparse_keys), _F_RAGGED: 0}


def _parse_raw(serialized, debug_name, context, lists, name):
    """The ``ParseSequenceExampleV2`` op in a ``ParseSequenceExample`` scope: (context results,
    feature-list results, feature-list lengths), each a dict by key."""
    if context.num_features + lists.num_features == 0:
        raise ValueError("Must provide at least one feature key.")
    with name_scope(name, "ParseSequenceExample", [serialized]):
        for key, value in lists.defaults.items():
            if value is not None:
                raise ValueError(f"Value feature_list.dense_defaults[{key}] must be None")
        serialized = convert_to_tensor(serialized, name="serialized")
        missing_ok = [key in lists.defaults for key in lists.dense_keys]
        defaults = context.dense_defaults()
        with name_scope(name, "ParseSequenceExampleV2") as scope:
            keys = ([] if debug_name is None else debug_name, context.sparse_keys, context.dense_keys, [],
                    lists.sparse_keys, lists.dense_keys, [])
            inputs = ([serialized] + [convert_to_tensor(k, dtypes.string, name=n) for k, n in zip(keys, _KEY_INPUTS)]
                      + [convert_to_tensor(missing_ok, dtypes.bool, name="feature_list_dense_missing_assumed_empty")]
                      + defaults)
            attrs = _attrs(context, lists, len(defaults))
            op = serialized.graph._add_op("ParseSequenceExampleV2", scope[:-1], inputs, attrs, infer_outputs(
                registry.get("ParseSequenceExampleV2"), scope[:-1], inputs, attrs))
        outs = list(op.outputs)
        context_out = _results(outs, context)  # SparseTensors made in the scope, as TF makes them
        lists_out = _results(outs[3 * len(context.sparse_keys) + len(context.dense_keys):], lists)
    lengths = outs[len(outs) - len(lists.dense_keys):]
    return context_out, lists_out, dict(zip(lists.dense_keys, lengths))


def _results(outs, params):
    n, d = len(params.sparse_keys), len(params.dense_keys)
    sparse = [SparseTensor(outs[i], outs[n + i], outs[2 * n + i]) for i in range(n)]
    return dict(zip(params.sparse_keys + params.dense_keys, sparse + outs[3 * n:3 * n + d]))


def _params(context_features, sequence_features):
    context = config.ParseParams.from_features(context_features, [config.VarLenFeature, config.FixedLenFeature])
    lists = config.ParseParams.from_features(sequence_features,
                                             [config.VarLenFeature, config.FixedLenSequenceFeature])
    context.check_types("context_dense_defaults", "context_sparse_types")
    lists.check_types("feature_list_dense_types", "feature_list_sparse_types")
    return context, lists


def parse_single_sequence_example(serialized, context_features=None, sequence_features=None, example_name=None,
                                  name=None):
    """Parse one serialized ``tf.train.SequenceExample`` (a string scalar) into two dicts: the
    context features (``FixedLenFeature``, ``VarLenFeature``) and the feature lists
    (``FixedLenSequenceFeature``: ``[frames] + shape``; ``VarLenFeature``: a ``SparseTensor``
    indexed ``[frame, i]``).

    >>> import scopeflow as tf
    >>> frames = [tf.train.Feature(int64_list=tf.train.Int64List(value=[t])) for t in (3, 4)]
    >>> record = tf.train.SequenceExample(feature_lists=tf.train.FeatureLists(
    ...     feature_list={"t": tf.train.FeatureList(feature=frames)})).SerializeToString()
    >>> with tf.Graph().as_default():
    ...     _, lists = tf.io.parse_single_sequence_example(
    ...         record, sequence_features={"t": tf.io.FixedLenSequenceFeature([], tf.int64)})
    ...     print(lists["t"].shape, tf.Session().run(lists["t"]).tolist())
    (?,) [3, 4]
    """
    if not (context_features or sequence_features):
        raise ValueError("Both context_features and sequence_features are None, but at least one should have values.")
    context, lists = _params(context_features, sequence_features)
    with name_scope(name, "ParseSingleSequenceExample", [serialized, example_name]):
        with name_scope(name, "ParseSingleExample", [serialized, example_name]):
            serialized = assert_scalar(convert_to_tensor(serialized, name="serialized"), "serialized")
        return _parse_raw(serialized, example_name, context, lists, name)[:2]


def parse_sequence_example(serialized, context_features=None, sequence_features=None, example_names=None,
                           name=None):
    """``parse_single_sequence_example`` of a batch (a string vector): three dicts, the
    context features, the feature lists (padded to the longest record) and their lengths.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     context, lists, lengths = tf.io.parse_sequence_example(
    ...         tf.placeholder(tf.string, [None]), sequence_features={"t": tf.io.VarLenFeature(tf.float32)})
    ...     print(lists["t"].indices.shape, lengths)
    (?, 3) {}
    """
    if not (context_features or sequence_features):
        raise ValueError("Both `context_features` and `sequence_features` argument are None, but at least one should "
                         "have values.")
    context, lists = _params(context_features, sequence_features)
    with name_scope(name, "ParseSequenceExample", [serialized, example_names]):
        return _parse_raw(serialized, example_names, context, lists, name)
