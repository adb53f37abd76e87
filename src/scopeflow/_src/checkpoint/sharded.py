"""The save ops of ``tf.train.Saver(sharded=True)``, as TensorFlow builds them.

The saveables are grouped by device (``group_by_devices``: one shard per device, in the
order of the device names); each shard is written by its own ``SaveV2`` on its device's
CPU to ``<prefix>_temp/part-0000N-of-0000M`` (``.part-...`` beside an ``s3://`` prefix),
then ``MergeV2Checkpoints`` merges the shards into the one checkpoint at ``<prefix>`` and
removes the temporary directory. ``save/Identity`` returns ``<prefix>``.
"""

from __future__ import annotations

import os

from scopeflow._src.checkpoint import io_ops
from scopeflow._src.framework import devices
from scopeflow._src.framework.constant_op import constant
from scopeflow._src.framework.default_graph import control_dependencies, device
from scopeflow._src.framework.device_spec import DeviceSpec
from scopeflow._src.ops.array_ops import identity, where
from scopeflow._src.ops.parsing.regex import regex_full_match
from scopeflow._src.ops.parsing.string_basic import string_join


def group_by_devices(saveables) -> list:
    """``[(device, saveables)]``: the saveables of each (canonical) device, by device name."""
    per_device: dict[str, list] = {}
    for saveable in saveables:
        per_device.setdefault(devices.canonical(saveable.tensor.device), []).append(saveable)
    return sorted(per_device.items(), key=lambda item: item[0])


def cpu0(device_name: str) -> str:
    """``device_name`` with its device replaced by ``CPU:0`` (job, replica and task kept)."""
    return DeviceSpec.from_string(device_name).replace(device_type="CPU", device_index=0).to_string()


def add_sharded_save_ops(filename, per_device, add_save_ops):
    """The save tensor of a sharded saver; ``add_save_ops(prefix, saveables)`` builds one
    shard's ``SaveV2`` and returns the prefix tensor that runs after it."""
    with device("CPU"):
        suffix = where(regex_full_match(filename, "^s3://.*"), constant(".part"),
                       constant(os.path.normpath("_temp/part")))
        temp_prefix = string_join([filename, suffix])
    num_shards = constant(len(per_device), name="num_shards")
    prefixes, saves, last_device = [], [], None
    for shard, (device_name, saveables) in enumerate(per_device):
        last_device = device_name
        with device(cpu0(device_name)):
            prefix = io_ops.sharded_filename(temp_prefix, shard, num_shards)
            prefixes.append(prefix)
            saves.append(add_save_ops(prefix, saveables))
    with control_dependencies([s.op for s in saves]), device(cpu0(last_device)):
        merge = io_ops.merge_v2_checkpoints(prefixes, filename, delete_old_dirs=True)
        with control_dependencies([merge]):
            return identity(filename)
