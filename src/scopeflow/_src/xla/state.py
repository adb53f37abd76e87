"""A JAX session's state: variables as device arrays, moved to the host only when host code
(a NumPy kernel of a plan that runs on the host: ``Saver``'s ``SaveV2``, a queue) reads them.

``DeviceVariables`` is the session's variable storage (``RunState.variables``). A JAX step
reads and replaces device arrays with ``device()`` and ``put()``; a NumPy kernel reads
through ``store[key]`` (``VariableRef.get``), which turns a device array into a writable
host array and keeps that in its place, since NumPy kernels update variables in place. The
next JAX step moves it back to the device. Values cross between the two only there.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.client.executor import RunState
from scopeflow._src.framework import registry
from scopeflow._src.ops.common import blas
from scopeflow._src.xla import devices
from scopeflow._src.xla.lowering import Lowering


class DeviceVariables(dict):
    """Variable values by storage key: device arrays, or host arrays where host code read them."""

    def __getitem__(self, key):
        value = dict.__getitem__(self, key)
        if type(value) is not np.ndarray:  # a device array: host code reads (and may update it in place)
            value = blas.aligned_copy(np.asarray(value))
            dict.__setitem__(self, key, value)
        return value

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def device(self, key, jax):
        """The value under ``key`` as a device array (``None``: the variable holds no value)."""
        value = dict.get(self, key)
        if type(value) is np.ndarray:
            value = jax.device_put(value)
            dict.__setitem__(self, key, value)
        return value

    def put(self, values) -> None:
        """Store the device arrays of ``values`` (key -> array), the result of a JAX step."""
        for key, value in values.items():
            dict.__setitem__(self, key, value)


class JaxRunState(RunState):
    """``RunState`` with device variables, the lowering context and the random ops' counters."""

    def __init__(self, jax):
        super().__init__()
        self.jax = jax
        self.variables = DeviceVariables()
        self.jx = Lowering(jax)
        self.jx.kernel = lambda op: self.kernel(registry.get(op._type), op)  # NumPy kernels, for lowerings
        self.counters: dict = {}  # random op name -> how many steps drew from it (a device scalar)
        self.data_parallel = devices.data_parallel(jax)  # SCOPEFLOW_DATA_PARALLEL=1: a mesh of local devices

    def counter(self, name):
        """Random op ``name``'s counter (0 before its first step)."""
        count = self.counters.get(name)
        if count is None:
            count = self.counters[name] = self.jax.numpy.zeros((), self.jax.numpy.uint32)
        return count
