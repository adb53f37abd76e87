"""``tf.train``: optimizers, learning-rate schedules, the global step, and checkpoints.

Only re-exports; the code lives in ``scopeflow._src.training`` (optimizers, schedules, the
global step) and ``scopeflow._src.checkpoint``, which loads on first use.
"""

__all__ = [
    "AdadeltaOptimizer", "AdagradOptimizer", "AdamOptimizer", "assert_global_step", "BytesList", "checkpoint_exists",
    "cosine_decay", "create_global_step", "Example", "exponential_decay", "export_meta_graph", "Feature",
    "FeatureList", "FeatureLists", "Features", "FloatList", "generate_checkpoint_state_proto",
    "get_checkpoint_mtimes", "get_checkpoint_state", "get_global_step", "get_or_create_global_step", "global_step",
    "GradientDescentOptimizer", "import_meta_graph", "init_from_checkpoint", "Int64List", "inverse_time_decay",
    "latest_checkpoint",
    "linear_cosine_decay", "list_variables", "load_checkpoint", "load_variable", "MomentumOptimizer",
    "natural_exp_decay", "NewCheckpointReader", "Optimizer", "piecewise_constant", "piecewise_constant_decay",
    "polynomial_decay", "ProximalGradientDescentOptimizer", "remove_checkpoint", "RenameRules", "RestoreReport",
    "RMSPropOptimizer", "Saver", "SaverDef", "SequenceExample", "summary_iterator", "update_checkpoint_state",
    "write_graph"]

import importlib as _importlib

from scopeflow._src.graph_io.write_graph import write_graph
from scopeflow._src.training.learning_rate_decay import (
    cosine_decay,
    exponential_decay,
    inverse_time_decay,
    linear_cosine_decay,
    natural_exp_decay,
    piecewise_constant,
    piecewise_constant_decay,
    polynomial_decay,
)
from scopeflow._src.training.optimizer import Optimizer
from scopeflow._src.training.optimizers import (
    AdadeltaOptimizer,
    AdagradOptimizer,
    AdamOptimizer,
    GradientDescentOptimizer,
    MomentumOptimizer,
    ProximalGradientDescentOptimizer,
    RMSPropOptimizer,
)
from scopeflow._src.training.training_util import (
    assert_global_step,
    create_global_step,
    get_global_step,
    get_or_create_global_step,
    global_step,
)

# -- checkpoints: loaded on first use (the checkpoint stack would slow ``import scopeflow``) ----
_CHECKPOINT_NAMES = {
    "checkpoint_reader": ("NewCheckpointReader", "list_variables", "load_checkpoint", "load_variable"),
    "checkpoint_state": ("checkpoint_exists", "generate_checkpoint_state_proto", "get_checkpoint_mtimes",
                         "get_checkpoint_state", "latest_checkpoint", "remove_checkpoint", "update_checkpoint_state"),
    "init_from_checkpoint": ("init_from_checkpoint",),
    "meta_graph": ("export_meta_graph",),
    "meta_graph_import": ("import_meta_graph",),
    "rename": ("RenameRules",),  # scopeflow: restore after renames
    "restore_plan": ("RestoreReport",),  # scopeflow: the report of a restore
    "saver": ("Saver",),
    "saver_def": ("SaverDef",),
}
_LAZY = {name: module for module, names in _CHECKPOINT_NAMES.items() for name in names}
_LAZY["summary_iterator"] = "scopeflow._src.summary.summary_iterator"  # event files: loaded on first use, too
# tf.train.Example and its parts: protocol buffers, built on first use
_LAZY.update(dict.fromkeys(("BytesList", "Example", "Feature", "FeatureList", "FeatureLists", "Features", "FloatList",
                            "Int64List", "SequenceExample"), "scopeflow._src.protos"))


def __getattr__(name):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'scopeflow.train' has no attribute {name!r}")
    path = module if module.startswith("scopeflow.") else f"scopeflow._src.checkpoint.{module}"
    value = getattr(_importlib.import_module(path), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(__all__)
