"""The op library. Importing it registers every op type, then every gradient rule.

Three layers, each importing only the ones above it in this list (``docs/architecture.md``):

1. ``common/``: what op definitions share (dtype lists, shape functions, the BLAS wrapper);
2. the topic packages ``array/``, ``math/``, ``nn/``, ``state/``, ``random/``, ``parsing/`` and ``control/``:
   each module declares its ops (``OpDef``: types, shape function, kernel) and then their
   Python wrappers; a wrapper may call the wrappers of lower modules. ``array_ops``,
   ``math_ops`` and ``nn_ops`` gather the wrappers for the layers above the op library;
   ``operators`` gives tensors their Python operators;
3. the gradient rules (``*/grads.py`` and the other ``*_grads.py``), registered last, once
   every wrapper exists: a rule may build any op.

Conds and loops (``control/api.py``), the summary ops (``summary/api.py``), the parsing ops
(``parsing/api.py``), the neural-network ops (``nn/``, whose package loads its gradient rules
first), the optimizers' update ops (``state/training_ops.py``) and the 3-D convolutions
(``nn/volumetric.py``) load on first use, with their ops and rules; ``load_lazy_ops`` loads them all.
"""

# The order below is the registration order (ruff's import sorting is off for this file).
from scopeflow._src.ops import array_ops, math_ops  # noqa: F401 - definitions and wrappers
from scopeflow._src.ops.control import control_flow_ops  # noqa: F401 - the rest loads on first use: control/api.py
from scopeflow._src.ops.random import random_ops  # noqa: F401
from scopeflow._src.ops.state import variable_ops  # noqa: F401
from scopeflow._src.ops import operators  # noqa: F401

from scopeflow._src.ops.array import gather_grads, grads as array_grads  # noqa: F401 - gradient rules
from scopeflow._src.ops.math import grads as math_grads, product_grads, reduction_grads  # noqa: F401
from scopeflow._src.ops.random import grads as random_grads  # noqa: F401
from scopeflow._src.ops.state import grads as state_grads  # noqa: F401

from scopeflow._src.framework import registry as _registry


def load_lazy_ops() -> None:
    """Register the op types whose packages load on first use (neural networks, optimizer updates, control flow,
    summaries, parsing, sparse), so that a graph read from a file finds every op type scopeflow has."""
    # loaded on first use: each package costs import time
    from scopeflow._src.ops import nn_ops  # noqa: F401
    from scopeflow._src.ops.nn import losses  # noqa: F401
    from scopeflow._src.ops.state import training_ops  # noqa: F401
    from scopeflow._src.ops.control import api  # noqa: F401
    from scopeflow._src.ops.summary import api as summary_api  # noqa: F401
    from scopeflow._src.ops.parsing import api as parsing_api  # noqa: F401
    from scopeflow._src.ops.sparse import api as sparse_api  # noqa: F401
    from scopeflow._src.ops.lookup import api as lookup_api  # noqa: F401
    from scopeflow._src.ops.debugging import api as debugging_api  # noqa: F401
    from scopeflow._src.ops.script import api as script_api  # noqa: F401
    from scopeflow._src.ops.image import api as image_api  # noqa: F401
    from scopeflow._src.ops.sets import api as sets_api  # noqa: F401
    from scopeflow._src.ops.nn import volumetric  # noqa: F401
    from scopeflow._src.ops.state import sparse_training_ops  # noqa: F401
    from scopeflow._src.ops.state import training_ops_ftrl  # noqa: F401
    from scopeflow._src.ops.sampling import api as sampling_api  # noqa: F401
    from scopeflow._src.ops.array import layout  # noqa: F401
    from scopeflow._src.ops.state import scatter_api  # noqa: F401
    from scopeflow._src.ops import signal  # noqa: F401
    from scopeflow._src.ops.math import api as math_api  # noqa: F401
    from scopeflow._src.ops import linalg  # noqa: F401


_registry.lazy_rules_loader = load_lazy_ops  # a program's RegisterGradient meets every rule
