"""Many hosts: one JAX session per process, joined by ``jax.distributed.initialize``.

Each process runs the same unchanged TF1 program with ``SCOPEFLOW_TARGET=jax``; the first JAX
session of the process joins the cluster, before JAX starts its devices, from either

* TensorFlow's ``TF_CONFIG`` (``{"cluster": {"chief": [...], "worker": [...]}, "task":
  {"type": "worker", "index": 1}}``): the coordinator is the chief's address (else the first
  worker's), the processes are the chief and the workers in that order, and this one is the
  task's place among them; ``ps`` and ``evaluator`` tasks are not processes of the cluster;
* or plain settings: ``SCOPEFLOW_COORDINATOR`` (``host:port``), ``SCOPEFLOW_NUM_PROCESSES``
  and ``SCOPEFLOW_PROCESS_ID``.

A cluster of several processes runs data-parallel (``devices.py``) over the devices of all
of them: each process feeds its own part of the global batch, variables are replicated on
every device, and XLA's collectives (Gloo on CPU, NCCL on GPUs) carry the reductions. On CPU
the collectives are Gloo's (``jax_cpu_collectives_implementation``). Without these settings
the process is alone and nothing changes.
"""

from __future__ import annotations

import json
import os

_joined = False


def cluster_settings(environ=os.environ):
    """``(coordinator, num_processes, process_id)`` from the environment, or ``None``."""
    if environ.get("SCOPEFLOW_COORDINATOR"):
        return (environ["SCOPEFLOW_COORDINATOR"], int(environ["SCOPEFLOW_NUM_PROCESSES"]),
                int(environ["SCOPEFLOW_PROCESS_ID"]))
    config = json.loads(environ.get("TF_CONFIG") or "{}")
    cluster, task = config.get("cluster") or {}, config.get("task") or {}
    members = [(kind, i, address) for kind in ("chief", "worker") for i, address in enumerate(cluster.get(kind, []))]
    if len(members) < 2 or task.get("type") not in ("chief", "worker"):
        return None
    place = next(n for n, (kind, i, _) in enumerate(members) if kind == task["type"] and i == task.get("index", 0))
    return members[0][2], len(members), place


def join(jax) -> None:
    """Join the cluster the environment describes (once per process, before JAX's devices start)."""
    global _joined
    settings = cluster_settings()
    if _joined or settings is None:
        return
    coordinator, count, place = settings
    jax.config.update("jax_cpu_collectives_implementation", "gloo")  # CPU devices' collectives; GPUs use NCCL
    jax.distributed.initialize(coordinator, num_processes=count, process_id=place)
    _joined = True
