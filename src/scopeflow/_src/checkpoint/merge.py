"""``MergeV2Checkpoints``' work: several V2 checkpoints (the shards a sharded ``Saver``
writes, ``<prefix>_temp/part-0000N-of-0000M``) become one checkpoint at a new prefix.

As TensorFlow's ``MergeBundles``: the index entries of all inputs go into one index (keys in
order, each data file renumbered in the order it is first met, ``<prefix>.data-0000N-of-
0000M``), the slices of a partitioned tensor saved by several shards are joined, the data
files are renamed (not copied) and the inputs' index files deleted. The bytes are
TensorFlow's. Paths go through ``tf.gfile``'s file systems, so remote prefixes work too.
"""

from __future__ import annotations

import posixpath

from scopeflow._src import protos
from scopeflow._src.checkpoint import bundle_format as fmt
from scopeflow._src.checkpoint import commit, sstable
from scopeflow._src.framework import errors
from scopeflow._src.lib_io import file_io


def _data_loss(path: str, what: str) -> errors.DataLossError:
    return errors.DataLossError(None, None, f"{path}; {what}")


class _MergeState:
    def __init__(self):
        self.num_shards = 0
        self.header = None  # the first bundle's header: endianness and version
        self.entries: dict[bytes, object] = {}
        self.shard_ids: dict[str, int] = {}  # an input data file -> its number in the merged checkpoint


def _merge_one(prefix: str, state: _MergeState) -> None:
    index = fmt.index_filename(prefix)
    try:
        items = sstable.read_table(file_io.read_file(index))
    except sstable.TableError as e:
        raise _data_loss(index, f"unable to read the table: {e}") from None
    if not items or items[0][0] != b"":
        raise _data_loss(index, "failed to seek to header entry")
    header = protos.BundleHeaderProto()
    header.ParseFromString(items[0][1])
    state.num_shards += header.num_shards
    if state.header is None:
        state.header = header
    elif state.header.endianness != header.endianness:
        raise errors.InvalidArgumentError(None, None, "Merging bundles with conflicting endianness; inputs "
                                                      "corrupted?")
    elif state.header.version.SerializeToString() != header.version.SerializeToString():
        raise errors.InvalidArgumentError(None, None, f"Merging bundles with different format versions: "
                                                      f"{state.header.version} vs. {header.version}")
    for key, value in items[1:]:
        existing = state.entries.get(key)
        if existing is not None and not existing.slices:
            raise errors.InvalidArgumentError(
                None, None, f"Duplicate tensor keyed by {key.decode('utf-8', 'replace')} encountered, when "
                            f"merging prefix: {prefix}")
        entry = protos.BundleEntryProto()
        entry.ParseFromString(value)
        if existing is not None:  # another shard's slices of a partitioned tensor
            if not entry.slices:
                raise errors.InternalError(None, None, f"Duplicate tensor keyed by {key.decode('utf-8', 'replace')}"
                                                       "; attempting to merge in a non-slice bundle entry")
            existing.slices.extend(entry.slices)
            continue
        data = fmt.data_filename(prefix, entry.shard_id, header.num_shards)
        entry.shard_id = state.shard_ids.setdefault(data, len(state.shard_ids))
        state.entries[key] = entry


def merge_bundles(prefixes, merged_prefix: str, allow_missing_files: bool = False) -> None:
    """Merge the checkpoints at ``prefixes`` into one at ``merged_prefix`` (TF's errors)."""
    state = _MergeState()
    _make_dir(_dirname(merged_prefix))
    found = False
    for prefix in prefixes:
        if not file_io.exists(fmt.index_filename(prefix)):
            if allow_missing_files:
                continue
            status = "OK" if file_io.exists(prefix) else f"NOT_FOUND: {prefix} not found"
            raise errors.InvalidArgumentError(
                None, None, f"allow_missing_files was set to false and {prefix} did not exist.{status}")
        found = True
        _merge_one(prefix, state)
    if not found:
        raise errors.InvalidArgumentError(None, None, "At least one prefix checkpoint file must exist, but none "
                                                      "existed.")
    header = protos.BundleHeaderProto(num_shards=state.num_shards, endianness=state.header.endianness)
    header.version.CopyFrom(state.header.version)
    items = [(b"", header.SerializeToString())]
    items += [(key, state.entries[key].SerializeToString()) for key in sorted(state.entries)]
    index_tmp = fmt.index_filename(merged_prefix) + ".tempstate-merge"
    file_io.write_atomically(index_tmp, sstable.build_table(items))
    commit.prepare(merged_prefix)  # the shards' data files and the index replace the old checkpoint at once
    commit.commit(merged_prefix, [(data, fmt.data_filename(merged_prefix, shard, len(state.shard_ids)))
                                  for data, shard in state.shard_ids.items()], index_tmp)
    for prefix in prefixes:  # best effort, as TensorFlow
        try:
            file_io.remove(fmt.index_filename(prefix))
        except (OSError, errors.OpError):
            pass


def delete_old_dirs(prefixes, merged_prefix: str) -> None:
    """Remove each input's directory (other than the merged checkpoint's) if it is now empty."""
    merged_dir = _dirname(merged_prefix)
    for prefix in prefixes:
        directory = _dirname(prefix)
        if directory == merged_dir:
            continue
        try:
            if file_io.isdir(directory) and not file_io.listdir(directory):
                file_io.rmtree(directory)
        except (OSError, errors.OpError):
            pass


def _dirname(path: str) -> str:
    return posixpath.dirname(path) or "."


def _make_dir(directory: str) -> None:
    """TensorFlow's ``CreateDir``: one level (``NotFoundError`` under a missing parent), an
    existing directory is fine."""
    if not file_io.isdir(directory):
        file_io.mkdir(directory)
