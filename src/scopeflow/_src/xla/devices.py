"""Data parallelism on the JAX target: one switch runs an unchanged single-device program over
all local devices.

With ``SCOPEFLOW_DATA_PARALLEL=1`` in the environment (read when a JAX session is created), a
JAX session builds a one-axis ``jax.sharding.Mesh`` (axis ``"batch"``) of ``jax.local_devices()``
and places each step's values on it before the jitted step runs:

* a fed value whose first dimension divides evenly over the devices is split along it (each
  device holds its slice of the batch); other fed values (scalars, a learning rate, a batch
  that does not divide) are replicated;
* variables and the random ops' counters are replicated, and stay so after each step.

XLA's SPMD partitioner then compiles the step for these placements: it runs the per-example
work on each device's slice and inserts the reductions (the sum over the batch in a loss's
mean, in its gradients) as all-reduces, so the updated variables equal a single-device step's
to float rounding. Nothing in the graph changes. ``SCOPEFLOW_DATA_PARALLEL=0`` (or unset) is
the single-device target; with one local device the switch changes nothing.

Example (4 CPU devices, as the tests run it; on a GPU host the local devices are the GPUs)::

    XLA_FLAGS=--xla_force_host_platform_device_count=4 \\
    SCOPEFLOW_TARGET=jax SCOPEFLOW_DATA_PARALLEL=1 python train.py
"""

from __future__ import annotations

import os

import numpy as np

from scopeflow._src.framework import devices as framework_devices

ENVIRONMENT = "SCOPEFLOW_DATA_PARALLEL"
AXIS = "batch"


def data_parallel(jax):
    """The session's ``DataParallel`` placement from the environment, or ``None`` (one device)."""
    setting = os.environ.get(ENVIRONMENT, "").strip().lower()
    if setting not in ("", "0", "false", "no", "off", "1", "true", "yes", "on"):
        raise ValueError(f"{ENVIRONMENT} must be 1 or 0 (got {setting!r})")
    if setting in ("", "0", "false", "no", "off") and jax.process_count() == 1:
        return None
    if jax.process_count() > 1:  # a cluster of processes (distributed.py) runs data-parallel
        return DataParallel(jax, jax.devices())
    devices = jax.local_devices()
    return DataParallel(jax, devices) if len(devices) > 1 else None


class DataParallel:
    """Places a step's inputs on a mesh of ``devices``: fed batches split, state replicated."""

    def __init__(self, jax, devices):
        sharding = jax.sharding
        self.jax = jax
        self.mesh = sharding.Mesh(np.array(devices), (AXIS,))
        self.split = sharding.NamedSharding(self.mesh, sharding.PartitionSpec(AXIS))
        self.replicated = sharding.NamedSharding(self.mesh, sharding.PartitionSpec())
        self.n = len(devices)
        self.local = len(jax.local_devices())  # the devices of this process, which feeds its part of the batch
        self.processes = jax.process_count()

    def step(self, read, written, counters, feed_values) -> tuple:
        """A jitted step's arguments placed on the mesh."""
        return self.state(read), self.state(written), self.state(counters), self.feeds(feed_values)

    def feeds(self, values) -> tuple:
        """Fed values on the mesh: split along their first axis where it divides evenly. In a
        cluster each process feeds its own part of the global batch (the parts concatenated
        in process order), and a value fed whole (a learning rate) must be the same everywhere."""
        jax = self.jax
        if self.processes == 1:
            return tuple(jax.device_put(v, self.split if np.ndim(v) and np.shape(v)[0] % self.n == 0 else
                                        self.replicated) for v in values)
        return tuple(jax.make_array_from_process_local_data(self.split, np.asarray(v))
                     if np.ndim(v) and np.shape(v)[0] % self.local == 0 else
                     jax.device_put(np.asarray(v), self.replicated) for v in values)

    def state(self, values: dict) -> dict:
        """Variables or counters (key -> array), replicated on every device of the mesh."""
        put, host = self.jax.device_put, self.processes > 1  # a cluster places host values on all its devices
        return {k: v if getattr(v, "sharding", None) == self.replicated else
                put(np.asarray(v) if host else v, self.replicated) for k, v in values.items()}


# -- towers: TF1 programs that place ops with tf.device ------------------------------------------
def jax_device(jax, spec: str):
    """The local JAX device TF device string ``spec`` names, or ``None`` (no device type, or
    one this host lacks: the op runs on the default device, as under TF's soft placement).
    ``/gpu:N`` is the N-th GPU, or the N-th local device on a host without GPUs; ``/cpu:N``
    the N-th CPU device; ``/device:TPU:N`` the N-th TPU, or the N-th local device."""
    try:
        parts = framework_devices.parse(spec)
    except ValueError:
        return None
    kind, index = parts.get("device_type"), parts.get("device_index", 0)
    if kind is None:
        return None
    local = jax.local_devices()
    if kind == "CPU":
        pool = jax.local_devices(backend="cpu")
    else:
        pool = [d for d in local if d.platform == kind.lower()] or local
    return pool[index] if index < len(pool) else None


def towers(jax, ops):
    """A ``Towers`` placement when ``ops`` name two or more distinct local devices, else ``None``."""
    placed = {op: device for op in ops if op._device and (device := jax_device(jax, op._device)) is not None}
    return Towers(jax, placed) if len(set(placed.values())) > 1 else None


class Towers:
    """Runs each op of a step on the device its ``tf.device`` names (unplaced ops on the
    default device): the op's inputs are moved there before its lowering computes, so JAX
    computes it there. The step runs op by op (JAX dispatches each op's computation to its
    device asynchronously, so towers on distinct devices overlap); one ``jax.jit`` function
    runs on one device or one mesh, not on devices chosen per op."""

    def __init__(self, jax, placed: dict):
        self.jax = jax
        self.placed = placed
        self.default = jax.local_devices()[0]
        self._tracer = jax.core.Tracer

    def place(self, op, values: list) -> list:
        """``values`` (``op``'s inputs) on ``op``'s device; known NumPy values stay as they are."""
        device = self.placed.get(op, self.default)
        put, array, tracer = self.jax.device_put, self.jax.Array, self._tracer
        return [put(v, device) if isinstance(v, array) and not isinstance(v, tracer) else v for v in values]
