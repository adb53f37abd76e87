"""``tf.train.replica_device_setter``: the device function of between-graph replication.

Ops of the parameter-server types (variables, mutable hash tables, ...) go to the ``ps``
job, one task after another (round robin, or the caller's ``ps_strategy``); every other op
goes to the worker device. The parts a device block inside already set win (``merge_devices``).
The placement is only recorded (``op.device``): scopeflow runs everything in this process.
"""

from __future__ import annotations

from scopeflow._src.framework import devices
from scopeflow._src.training.cluster_spec import ClusterSpec

STANDARD_PS_OPS = ("Variable", "VariableV2", "AutoReloadVariable", "MutableHashTable", "MutableHashTableV2",
                   "MutableHashTableOfTensors", "MutableHashTableOfTensorsV2", "MutableDenseHashTable",
                   "MutableDenseHashTableV2", "VarHandleOp", "BoostedTreesEnsembleResourceHandleOp",
                   "BoostedTreesQuantileStreamResourceHandleOp", "ResourceConditionalAccumulator",
                   "DecisionTreeResource")


class _RoundRobin:
    """The next ps task, cycling through ``num_tasks``."""

    def __init__(self, num_tasks: int):
        self._num_tasks = num_tasks
        self._next = 0

    def __call__(self, unused_op) -> int:
        task = self._next
        self._next = (task + 1) % self._num_tasks
        return task


class _ReplicaChooser:
    def __init__(self, ps_device, worker_device, merge_devices, ps_ops, ps_strategy):
        self._ps_device = ps_device
        self._worker_device = worker_device or ""
        self._merge_devices = merge_devices
        self._ps_ops = ps_ops
        self._ps_strategy = ps_strategy

    def device_function(self, op) -> str:
        """The device of ``op`` (an ``Operation`` or ``NodeDef``)."""
        if not self._merge_devices and op.device:
            return op.device
        current = devices.parse(op.device or "")
        op_type = getattr(op, "type", None) or op.op  # an Operation's type, a NodeDef's op
        if self._ps_device and op_type in self._ps_ops:
            ps = devices.parse(self._ps_device)
            if ps.get("job") and current.get("job") in (None, ps["job"]):
                ps["task"] = self._ps_strategy(op)
            return devices.to_string({**ps, **current})
        return devices.to_string({**devices.parse(self._worker_device), **current})


def replica_device_setter(ps_tasks=0, ps_device="/job:ps", worker_device="/job:worker", merge_devices=True,
                          cluster=None, ps_ops=None, ps_strategy=None):
    """A device function for ``tf.device``: variables on ``ps`` tasks in turn, the rest on
    ``worker_device``; ``None`` when there is no ps task (``ps_tasks`` 0 and no ``cluster``, or
    a cluster without the ps job).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default(), tf.device(tf.train.replica_device_setter(ps_tasks=2)):
    ...     v1, v2 = tf.Variable(1.0), tf.Variable(2.0)
    ...     total = v1 + v2
    >>> v1.device, v2.device, total.device
    ('/job:ps/task:0', '/job:ps/task:1', '/job:worker')
    """
    if cluster is not None:
        spec = cluster if isinstance(cluster, ClusterSpec) else ClusterSpec(cluster)
        jobs = spec.as_dict()
        ps_job = devices.parse(ps_device).get("job")
        if jobs.get(ps_job) is None:
            return None
        ps_tasks = len(jobs[ps_job])
    if ps_tasks == 0:
        return None
    if ps_ops is None:
        ps_ops = list(STANDARD_PS_OPS)
    if not merge_devices:
        # loaded on first use: Python's logging costs import time
        from scopeflow._src import logging_module

        logging_module.warning("DEPRECATION: It is recommended to set merge_devices=true in replica_device_setter")
    if ps_strategy is None:
        ps_strategy = _RoundRobin(ps_tasks)
    if not callable(ps_strategy):
        raise TypeError("ps_strategy must be callable")
    return _ReplicaChooser(ps_device, worker_device, merge_devices, ps_ops, ps_strategy).device_function
