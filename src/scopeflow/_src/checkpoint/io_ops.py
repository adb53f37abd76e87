"""``SaveV2`` and ``RestoreV2``: the graph ops that write and read checkpoints.

As in TensorFlow, ``SaveV2(prefix, tensor_names, shape_and_slices, tensors)`` writes one
V2 checkpoint and ``RestoreV2(prefix, tensor_names, shape_and_slices)`` returns one tensor
per name, checked against the op's ``dtypes`` attribute. A ``shape_and_slices`` entry
``""`` means the whole tensor; ``"10 4 0,4:-"`` a slice of a partitioned variable: ``SaveV2``
writes it as TensorFlow's ``AddSlice`` does, ``RestoreV2`` cuts it from the stored tensor,
however that was partitioned.

A sharded ``Saver`` also builds ``ShardedFilename`` (``<basename>-00001-of-00004``),
``ShardedFilespec`` (``<basename>-?????-of-00004``) and ``MergeV2Checkpoints``, which merges
the shards' checkpoints into one (``checkpoint/merge.py``).
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.checkpoint import bundle_format as fmt
from scopeflow._src.checkpoint import merge, slices
from scopeflow._src.checkpoint.bundle_reader import BundleReader
from scopeflow._src.checkpoint.bundle_writer import BundleWriter
from scopeflow._src.framework import dtypes, errors, registry
from scopeflow._src.framework.constant_op import constant
from scopeflow._src.framework.context import default_graph
from scopeflow._src.framework.op_builder import create, create_output
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.registry import Arg, OpDef, not_differentiable
from scopeflow._src.framework.tensor_shape import UNKNOWN, TensorShape
from scopeflow._src.ops.common.shape_context import shape_fn


def _text(value) -> str:
    if isinstance(value, np.ndarray):
        value = value[()] if value.ndim == 0 else value
    return value.decode("utf-8", "surrogateescape") if isinstance(value, bytes) else str(value)


def _texts(values) -> list[str]:
    return [_text(v) for v in np.ravel(np.asarray(values, dtype=object))]


def _value(v):
    """A tensor input's array (variables reach kernels as references to their storage)."""
    get = getattr(v, "get", None)
    return get() if get is not None and not isinstance(v, np.ndarray) else v


def _checked_names(op, tensor_names, shape_and_slices, count, what):
    """The tensor names and slice specs, after TF's checks that there are ``count`` of each
    (one per tensor or dtype)."""
    names = _texts(tensor_names)
    if len(names) != count:
        raise errors.InvalidArgumentError(None, op, f"Got {len(names)} tensor names but {count} {what}")
    specs = _texts(shape_and_slices)
    if len(specs) != count:
        raise errors.InvalidArgumentError(None, op, f"Expected {count} shape_and_slices, got {len(specs)}")
    return names, specs


def _parsed(op, spec):
    """``(full shape, extents)`` of a slice spec, with TensorFlow's error classes."""
    try:
        return slices.parse_shape_and_slice(spec)
    except slices.SliceError as e:
        raise errors.InternalError(None, op, str(e)) from None
    except ValueError as e:
        raise errors.InvalidArgumentError(None, op, str(e)) from None


def _with_op(e: errors.OpError, op) -> errors.OpError:
    return type(e)(e.node_def, op, e.message)


def _save_factory(op, state):
    dtype_list = list(op._attrs["dtypes"])

    def save(prefix, tensor_names, shape_and_slices, *tensors):
        names, specs = _checked_names(op, tensor_names, shape_and_slices, len(tensors), "tensors")
        parsed = [_parsed(op, spec) if spec else None for spec in specs]
        try:
            with BundleWriter(_text(prefix)) as writer:
                for name, spec, value, dtype, sliced in zip(names, specs, tensors, dtype_list, parsed):
                    value = _value(value)
                    if sliced is None:
                        writer.add(name, value, dtype)
                        continue
                    full_shape, extents = sliced
                    if tuple(slices.region(extents, full_shape)[1]) != tuple(np.shape(value)):
                        raise errors.InvalidArgumentError(
                            None, op, f"Slice in shape_and_slice specification does not match the shape of the "
                                      f"tensor to  save: {spec}, tensor: {slices._dims(np.shape(value))}")
                    writer.add_slice(name, full_shape, extents, value, dtype)
        except errors.OpError as e:
            raise _with_op(e, op) from None
    return save


def _restore_factory(op, state):
    wanted = [d.as_datatype_enum for d in op._attrs["dtypes"]]

    def restore(prefix, tensor_names, shape_and_slices):
        names, specs = _checked_names(op, tensor_names, shape_and_slices, len(wanted), "dtypes")
        parsed = [_parsed(op, spec) if spec else None for spec in specs]
        try:
            with BundleReader(_text(prefix)) as reader:
                out = [read_checked(reader, name, enum, sliced) for name, enum, sliced in zip(names, wanted, parsed)]
        except errors.OpError as e:
            raise _with_op(e, op) from None
        return tuple(out)
    return restore


def read_checked(reader: BundleReader, name: str, enum: int, sliced=None) -> np.ndarray:
    """``reader``'s tensor ``name`` (or the slice ``sliced``: ``(full shape, extents)``), with
    TensorFlow's errors for a missing key, a dtype change or another full shape."""
    entry = reader.entries.get(name)
    if entry is None:
        raise errors.NotFoundError(None, None, f"Key {name} not found in checkpoint")
    if entry.dtype != enum:
        raise errors.InvalidArgumentError(
            None, None, f"tensor_name = {name}; expected dtype {fmt.tf_type_name(enum)} does not equal original "
                        f"dtype {fmt.tf_type_name(entry.dtype)}")
    if sliced is None:
        return reader.read(name)
    full_shape, extents = sliced
    if tuple(full_shape) != tuple(entry.shape):
        raise errors.InvalidArgumentError(
            None, None, f"tensor_name = {name}; shape in shape_and_slice spec {slices._dims(full_shape)} does not "
                        f"match the shape stored in checkpoint: {slices._dims(entry.shape)}")
    return reader.read_slice(name, extents)


# ``tensors`` is TensorFlow's type-list argument (``dtypes`` attr). The registry and executor
# expand list arguments through a count attribute, so the ops also carry a private
# ``_num_tensors`` (private ``_`` attrs are not part of TF's node text, like its ``_class``).
_COUNT = "_num_tensors"
_TENSORS = Arg("tensors", type_attr="dtypes", number_attr=_COUNT)
_STRING_ARGS = ("prefix: string", "tensor_names: string", "shape_and_slices: string")
registry.register(OpDef("SaveV2", inputs=_STRING_ARGS + (_TENSORS,), outputs=(), factory=_save_factory,
                        stateful=True))
registry.register(OpDef("RestoreV2", inputs=_STRING_ARGS, outputs=(_TENSORS,), factory=_restore_factory,
                        stateful=True))
not_differentiable("SaveV2", "RestoreV2")  # loaded with the checkpoint code, so declared here, not in ops/*/grads


def _string_input(value, name):
    return value if isinstance(value, Tensor) else constant(value, dtype=dtypes.string, name=name)


def _add_op(op_type, prefix, tensor_names, shape_and_slices, tensors, out_dtypes, name):
    graph = tensors[0].graph if tensors else prefix.graph if isinstance(prefix, Tensor) else default_graph()
    with graph.as_default(), graph.name_scope(name or op_type) as scope:
        inputs = [_string_input(prefix, "prefix"), _string_input(list(tensor_names), "tensor_names"),
                  _string_input(list(shape_and_slices), "shape_and_slices")]
        types = [t.dtype.base_dtype for t in tensors] if op_type == "SaveV2" else list(out_dtypes)
        attrs = {"dtypes": types, _COUNT: len(types)}
        outputs = [(d, UNKNOWN) for d in out_dtypes]
        return graph._add_op(op_type, scope[:-1], inputs + list(tensors), attrs, outputs)


def save_v2(prefix, tensor_names, shape_and_slices, tensors, name=None):
    """A ``SaveV2`` op writing ``tensors`` under ``tensor_names`` to the checkpoint ``prefix``."""
    return _add_op("SaveV2", prefix, tensor_names, shape_and_slices, list(tensors), [], name)


def restore_v2(prefix, tensor_names, shape_and_slices, dtypes_, name=None):
    """A ``RestoreV2`` op; returns its output tensors (one per name, of ``dtypes_``)."""
    out_dtypes = [dtypes.as_dtype(d).base_dtype for d in dtypes_]
    return list(_add_op("RestoreV2", prefix, tensor_names, shape_and_slices, [], out_dtypes, name).outputs)


# -- sharded checkpoints -----------------------------------------------------------------------
def _scalar_inputs(op, names, values):
    for name, value in zip(names, values):
        if np.ndim(value) != 0:
            shape = "[" + ",".join(str(d) for d in np.shape(value)) + "]"
            raise errors.InvalidArgumentError(None, op, f"{name} must be a scalar, got shape {shape}")


def _sharded_filename_factory(op, state):
    def sharded_filename(basename, shard, num_shards):
        _scalar_inputs(op, ("basename", "shard", "num_shards"), (basename, shard, num_shards))
        return np.asarray(f"{_text(basename)}-{int(shard):05d}-of-{int(num_shards):05d}".encode("utf-8",
                                                                                                "surrogateescape"),
                          dtype=object)
    return sharded_filename


def _sharded_filespec_factory(op, state):
    def sharded_filespec(basename, num_shards):
        _scalar_inputs(op, ("basename", "num_shards"), (basename, num_shards))
        return np.asarray(f"{_text(basename)}-?????-of-{int(num_shards):05d}".encode("utf-8", "surrogateescape"),
                          dtype=object)
    return sharded_filespec


def _merge_factory(op, state):
    remove_dirs = bool(op._attrs.get("delete_old_dirs", True))
    allow_missing = bool(op._attrs.get("allow_missing_files", False))

    def merge_v2_checkpoints(checkpoint_prefixes, destination_prefix):
        if np.ndim(checkpoint_prefixes) != 1:
            raise errors.InvalidArgumentError(
                None, op, f"Input checkpoint_prefixes should be an 1-D tensor, got {_shape(checkpoint_prefixes)} "
                          "instead.")
        if np.ndim(destination_prefix) != 0:
            raise errors.InvalidArgumentError(
                None, op, f"Input destination_prefix should be a scalar tensor, got {_shape(destination_prefix)} "
                          "instead.")
        prefixes, merged = _texts(checkpoint_prefixes), _text(destination_prefix)
        try:
            merge.merge_bundles(prefixes, merged, allow_missing)
        except errors.OpError as e:
            raise _with_op(e, op) from None
        if remove_dirs:
            merge.delete_old_dirs(prefixes, merged)
    return merge_v2_checkpoints


def _shape(value) -> str:
    return "[" + ",".join(str(d) for d in np.shape(value)) + "]"


@shape_fn
def _scalars_to_scalar(ctx, attrs):
    for i in range(len(ctx.inputs)):
        ctx.with_rank(i, 0)
    return TensorShape(())


@shape_fn
def _merge_shape(ctx, attrs):
    ctx.with_rank(0, 1)
    ctx.with_rank(1, 0)
    return None


registry.register(OpDef("ShardedFilename", inputs=("basename: string", "shard: int32", "num_shards: int32"),
                        outputs=("filename: string",), shape=_scalars_to_scalar, factory=_sharded_filename_factory))
registry.register(OpDef("ShardedFilespec", inputs=("basename: string", "num_shards: int32"),
                        outputs=("filename: string",), shape=_scalars_to_scalar, factory=_sharded_filespec_factory))
registry.register(OpDef("MergeV2Checkpoints", inputs=("checkpoint_prefixes: string", "destination_prefix: string"),
                        outputs=(), defaults={"delete_old_dirs": True, "allow_missing_files": False},
                        shape=_merge_shape, factory=_merge_factory, stateful=True))
not_differentiable("ShardedFilename", "ShardedFilespec", "MergeV2Checkpoints")


def sharded_filename(basename, shard, num_shards, name=None):
    """``<basename>-<shard>-of-<num_shards>`` (five digits each), TF's ``ShardedFilename``."""
    return create_output("ShardedFilename", [basename, shard, num_shards], name=name)


def sharded_filespec(basename, num_shards, name=None):
    """``<basename>-?????-of-<num_shards>``, TF's ``ShardedFilespec``."""
    return create_output("ShardedFilespec", [basename, num_shards], name=name)


def merge_v2_checkpoints(checkpoint_prefixes, destination_prefix, delete_old_dirs=True, allow_missing_files=False,
                         name=None):
    """A ``MergeV2Checkpoints`` op: the checkpoints at ``checkpoint_prefixes`` become one at
    ``destination_prefix``; their directories are removed when empty (``delete_old_dirs``)."""
    return create("MergeV2Checkpoints", [checkpoint_prefixes, destination_prefix],
                  {"delete_old_dirs": bool(delete_old_dirs), "allow_missing_files": bool(allow_missing_files)},
                  name=name)
