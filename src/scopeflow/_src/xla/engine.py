"""The JAX target's engine: what ``tf.Session(target="jax")`` compiles its plans with.

Importing this module imports JAX; ``client/targets.py`` loads it only when a session asks
for the target, so ``import scopeflow`` and the NumPy target never load JAX.
"""

from __future__ import annotations

import jax
import jax.experimental  # noqa: F401 - io_callback, for host ops with side effects

from scopeflow._src.xla import distributed
from scopeflow._src.xla.plan import JaxPlan
from scopeflow._src.xla.state import JaxRunState

NAME = "jax"


def new_state() -> JaxRunState:
    """A session's run state: variables on the device (in a cluster, on all its devices)."""
    distributed.join(jax)  # TF_CONFIG or SCOPEFLOW_COORDINATOR: before JAX starts its devices
    return JaxRunState(jax)


def plan(fetch_tensors, feed_tensors, target_ops, state) -> JaxPlan:
    """One compiled ``run``: the pruned step as one ``jax.jit`` function."""
    return JaxPlan(fetch_tensors, feed_tensors, target_ops, state)
