"""Placing a session's graph on its one device, as TensorFlow's placer does on a CPU-only host.

scopeflow computes every op on the CPU, whatever ``op.device`` asks, but a session checks
the requests as TensorFlow's does, the whole graph at once, on the first run and again when
ops have been added since (TF places the full graph, not the ops a run needs):

* a request for another job, replica or task (``/job:ps``, ``/task:1``) fails: there is
  only ``/job:localhost/replica:0/task:0``;
* a request for another device (``/gpu:0``, ``/cpu:1``, ``/device:TPU:0``) fails unless the
  config's ``allow_soft_placement`` is set, when the op runs on the CPU;

with TF's ``InvalidArgumentError`` "Cannot assign a device for operation ...". With
``log_device_placement`` each placement prints a line ``name: (Type): <device>`` per op to
stderr, in graph order (TF's placer prints them in its own order).
"""

from __future__ import annotations

import sys

from scopeflow._src.framework import devices, errors

CPU_DEVICE = "/job:localhost/replica:0/task:0/device:CPU:0"
_LOCAL = {"job": "localhost", "replica": 0, "task": 0}


def _allowed(device: str, soft: bool) -> bool:
    try:
        parts = devices.parse(device)
    except ValueError:
        return False
    for key, value in _LOCAL.items():
        if parts.get(key, value) != value:
            return False
    return soft or (parts.get("device_type", "CPU") == "CPU" and parts.get("device_index", 0) == 0)


class Placer:
    """Checks the ops of one graph for one session; ``place`` only looks at ops added since
    its last call, so a run of an unchanged graph costs one comparison."""

    def __init__(self, graph, config):
        self._graph = graph
        self._soft = bool(config is not None and config.allow_soft_placement)
        self._log = bool(config is not None and config.log_device_placement)
        self._placed = 0       # how many of the graph's ops have been checked
        self._verdicts = {}    # device string -> allowed

    def place(self) -> None:
        ops = self._graph._ops
        if self._placed == len(ops):
            return
        verdicts = self._verdicts
        refused = []
        for op in ops[self._placed:]:
            device = op._device
            if device:
                ok = verdicts.get(device)
                if ok is None:
                    ok = verdicts[device] = _allowed(device, self._soft)
                if not ok:
                    refused.append(op)
        if refused:  # TF's placer sees a "generator" (a constant) after the op it feeds
            first = next((op for op in refused if not _is_generator(op)), refused[0])
            raise errors.InvalidArgumentError(None, None, _cannot_assign(first))
        if self._log:  # TF places (and logs) the whole graph again when it has grown
            lines = "".join(f"{op.name}: ({op.type}): {CPU_DEVICE}\n" for op in ops)
            sys.stderr.write(lines)
        self._placed = len(ops)


def _is_generator(op) -> bool:
    """An op without inputs and with one output, not a reference (TF's ``IsGeneratorNode``)."""
    outputs = op._outputs
    return not op._inputs and len(outputs) == 1 and not outputs[0].dtype._is_ref_dtype


def _cannot_assign(op) -> str:
    return (f"Graph execution error:\n\nDetected at node {op.name!r} defined at (most recent call last):\n"
            f"Node: {op.name!r}\nCannot assign a device for operation {op.name}: {{{{node {op.name}}}}} was "
            f"explicitly assigned to {op.device} but available devices are [ {CPU_DEVICE} ]. Make sure the "
            f"device specification refers to a valid device.\n\t [[{op.name}]]")
