"""``tf.train``: optimizers, learning-rate schedules, the global step, checkpoints, and the
queue-based input pipeline (producers, batching, ``QueueRunner``, ``Coordinator``).

Only re-exports; the code lives in ``scopeflow._src.training`` (optimizers, schedules, the
global step, the input pipeline) and ``scopeflow._src.checkpoint``; checkpoints and the input
pipeline load on first use.
"""

__all__ = [
    "AdadeltaOptimizer", "AdagradDAOptimizer", "AdagradOptimizer", "AdamOptimizer", "add_queue_runner",
    "assert_global_step", "basic_train_loop", "batch",
    "batch_join", "BytesList", "checkpoint_exists", "checkpoints_iterator", "CheckpointSaverHook",
    "CheckpointSaverListener",
    "ChiefSessionCreator", "ClusterSpec", "Coordinator", "cosine_decay", "cosine_decay_restarts",
    "create_global_step", "Example",
    "exponential_decay", "ExponentialMovingAverage", "export_meta_graph", "Feature", "FeatureList", "FeatureLists",
    "Features", "FeedFnHook", "FinalOpsHook", "FloatList", "FtrlOptimizer", "generate_checkpoint_state_proto",
    "get_checkpoint_mtimes",
    "get_checkpoint_state", "get_global_step", "get_or_create_global_step", "global_step", "GlobalStepWaiterHook",
    "GradientDescentOptimizer", "import_meta_graph", "init_from_checkpoint", "input_producer", "Int64List",
    "inverse_time_decay", "latest_checkpoint", "limit_epochs", "linear_cosine_decay", "list_variables",
    "load_checkpoint", "load_variable", "LoggingTensorHook", "LooperThread", "match_filenames_once", "maybe_batch",
    "maybe_batch_join", "maybe_shuffle_batch", "maybe_shuffle_batch_join", "MomentumOptimizer", "MonitoredSession",
    "MonitoredTrainingSession", "NanLossDuringTrainingError", "NanTensorHook", "natural_exp_decay",
    "NewCheckpointReader", "noisy_linear_cosine_decay",
    "Optimizer", "piecewise_constant", "piecewise_constant_decay", "polynomial_decay",
    "ProximalAdagradOptimizer", "ProximalGradientDescentOptimizer", "queue_runner", "QueueRunner",
    "range_input_producer", "remove_checkpoint",
    "RenameRules", "replica_device_setter", "RestoreReport", "RMSPropOptimizer", "Saver", "SaverDef", "Scaffold",
    "SecondOrStepTimer", "SequenceExample", "SessionCreator", "SessionManager", "SessionRunArgs", "SessionRunContext",
    "SessionRunHook", "SessionRunValues", "shuffle_batch", "shuffle_batch_join", "SingularMonitoredSession",
    "slice_input_producer", "start_queue_runners", "StepCounterHook", "StopAtStepHook", "string_input_producer",
    "summary_iterator", "SummarySaverHook", "Supervisor", "update_checkpoint_state", "VocabInfo",
    "warm_start", "WorkerSessionCreator",
    "write_graph"]

import importlib as _importlib

from scopeflow._src.graph_io.write_graph import write_graph
from scopeflow._src.training.learning_rate_decay import (
    cosine_decay,
    cosine_decay_restarts,
    exponential_decay,
    inverse_time_decay,
    linear_cosine_decay,
    natural_exp_decay,
    noisy_linear_cosine_decay,
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
    "checkpoints_iterator": ("checkpoints_iterator",),
    "checkpoint_state": ("checkpoint_exists", "generate_checkpoint_state_proto", "get_checkpoint_mtimes",
                         "get_checkpoint_state", "latest_checkpoint", "remove_checkpoint", "update_checkpoint_state"),
    "init_from_checkpoint": ("init_from_checkpoint",),
    "meta_graph": ("export_meta_graph",),
    "meta_graph_import": ("import_meta_graph",),
    "rename": ("RenameRules",),  # scopeflow: restore after renames
    "restore_plan": ("RestoreReport",),  # scopeflow: the report of a restore
    "saver": ("Saver",),
    "saver_def": ("SaverDef",),
    "warm_starting": ("VocabInfo", "warm_start"),
}
_LAZY = {name: module for module, names in _CHECKPOINT_NAMES.items() for name in names}
_LAZY["summary_iterator"] = "scopeflow._src.summary.summary_iterator"  # event files: loaded on first use, too
# the queue-based input pipeline: loaded on first use, with the queue and reader ops
_INPUT_NAMES = {
    "batching": ("batch", "batch_join", "maybe_batch", "maybe_batch_join", "maybe_shuffle_batch",
                 "maybe_shuffle_batch_join", "shuffle_batch", "shuffle_batch_join"),
    "coordinator": ("Coordinator", "LooperThread"),
    "input": ("input_producer", "limit_epochs", "match_filenames_once", "range_input_producer",
              "slice_input_producer", "string_input_producer"),
    "queue_runner": ("add_queue_runner", "QueueRunner", "start_queue_runners"),
}
_LAZY.update({name: f"scopeflow._src.training.{module}" for module, names in _INPUT_NAMES.items() for name in names})
# distributed placement (only recorded on ops: scopeflow runs in one process)
_LAZY.update(ClusterSpec="scopeflow._src.training.cluster_spec",
             replica_device_setter="scopeflow._src.training.device_setter")
# moving averages of variables and the less common optimizers: loaded on first use
_LAZY.update(ExponentialMovingAverage="scopeflow._src.training.moving_averages",
             AdagradDAOptimizer="scopeflow._src.training.optimizers.adagrad_da",
             FtrlOptimizer="scopeflow._src.training.optimizers.ftrl",
             ProximalAdagradOptimizer="scopeflow._src.training.optimizers.proximal_adagrad")
# monitored training: MonitoredSession, hooks, Scaffold, SessionManager, Supervisor (loaded on first use)
_MONITORED_NAMES = {
    "basic_loops": ("basic_train_loop",),
    "basic_session_run_hooks": ("FeedFnHook", "FinalOpsHook", "GlobalStepWaiterHook", "LoggingTensorHook",
                                "NanLossDuringTrainingError", "NanTensorHook", "SecondOrStepTimer", "StepCounterHook",
                                "StopAtStepHook"),
    "monitored_session": ("MonitoredSession", "MonitoredTrainingSession", "SingularMonitoredSession"),
    "saving_hooks": ("CheckpointSaverHook", "CheckpointSaverListener", "SummarySaverHook"),
    "scaffold": ("Scaffold",),
    "session_creators": ("ChiefSessionCreator", "SessionCreator", "WorkerSessionCreator"),
    "session_manager": ("SessionManager",),
    "session_run_hook": ("SessionRunArgs", "SessionRunContext", "SessionRunHook", "SessionRunValues"),
    "supervisor": ("Supervisor",),
}
_LAZY.update({name: f"scopeflow._src.monitored.{module}" for module, names in _MONITORED_NAMES.items()
              for name in names})
# tf.train.Example and its parts: protocol buffers, built on first use
_LAZY.update(dict.fromkeys(("BytesList", "Example", "Feature", "FeatureList", "FeatureLists", "Features", "FloatList",
                            "Int64List", "SequenceExample"), "scopeflow._src.protos"))


def __getattr__(name):
    if name == "queue_runner":  # tf.train.queue_runner: QueueRunner, add_queue_runner, start_queue_runners
        module = _importlib.import_module("scopeflow._src.training.queue_runner")
        globals()[name] = module
        return module
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'scopeflow.train' has no attribute {name!r}")
    path = module if module.startswith("scopeflow.") else f"scopeflow._src.checkpoint.{module}"
    value = getattr(_importlib.import_module(path), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(__all__)
