"""Which engine a session runs its plans with, from its target string.

``""`` (or ``grpc://...``, which runs in process) is the NumPy engine (``executor.py``), unless
the ``SCOPEFLOW_TARGET`` environment variable names another for sessions created without a
target; ``"jax"`` is the JAX/XLA engine (``scopeflow._src.xla``), loaded on first use so that
the NumPy target never imports JAX. Other targets raise TensorFlow's ``NotFoundError``.

An engine gives ``new_state()`` (a session's ``RunState``) and ``plan(fetch_tensors,
feed_tensors, target_ops, state)`` (a compiled ``run``, called with the fed values).
"""

from __future__ import annotations

import importlib
import os
import types

from scopeflow._src.client import executor
from scopeflow._src.framework import errors

NUMPY = types.SimpleNamespace(NAME="numpy", new_state=executor.RunState, plan=executor.Plan)
_ENGINES = {"jax": "scopeflow._src.xla.engine"}  # target -> module, imported on first use
_EXTRAS = {"jax": "pip install 'scopeflow[jax]'"}
ENVIRONMENT = "SCOPEFLOW_TARGET"


def engine(target: bytes):
    """The engine for session target ``target`` (bytes, as ``Session.sess_str``)."""
    if target.startswith(b"grpc://"):
        return NUMPY
    name = target.decode(errors="replace")
    where = "the session's target"
    if not name:
        name, where = os.environ.get(ENVIRONMENT, ""), f"the {ENVIRONMENT} environment variable"
        if name in ("", "numpy"):
            return NUMPY
    module = _ENGINES.get(name)
    if module is None:
        raise errors.NotFoundError(
            None, None, f'No session factory registered for the given session options: {{target: "{name}"}} '
            f'Registered factories are {{GRPC_SESSION, DIRECT_SESSION}}.' +
            ("" if where == "the session's target" else f" (from {where})"))
    try:
        return importlib.import_module(module)
    except ImportError as e:
        raise errors.NotFoundError(
            None, None, f'No session factory registered for the given session options: {{target: "{name}"}} '
            f'Registered factories are {{GRPC_SESSION, DIRECT_SESSION}}. The "{name}" target (from {where}) needs '
            f'{e.name or "JAX"}: install the extra with {_EXTRAS[name]}') from e
