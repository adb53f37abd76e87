"""``tf.train``: optimizers, learning-rate schedules, the global step, and checkpoints.

Only re-exports; the code lives in ``scopeflow._src.training``.
"""

# -- checkpoints --------------------------------------------------------------------------------
from scopeflow._src.training.checkpoint_reader import (  # noqa: F401
    NewCheckpointReader, list_variables, load_checkpoint, load_variable)
from scopeflow._src.training.checkpoint_state import (  # noqa: F401
    checkpoint_exists, generate_checkpoint_state_proto, get_checkpoint_mtimes, get_checkpoint_state, latest_checkpoint,
    remove_checkpoint, update_checkpoint_state)
from scopeflow._src.training.init_from_checkpoint import init_from_checkpoint  # noqa: F401
from scopeflow._src.training.rename import RenameRules  # noqa: F401  (scopeflow: restore after renames)
from scopeflow._src.training.restore_plan import RestoreReport  # noqa: F401  (scopeflow: restore report)
from scopeflow._src.training.saver import Saver  # noqa: F401
from scopeflow._src.training.saver_def import SaverDef  # noqa: F401

# -- optimizers ---------------------------------------------------------------------------------
from scopeflow._src.training.learning_rate_decay import (  # noqa: E402,F401
    cosine_decay, exponential_decay, inverse_time_decay, linear_cosine_decay, natural_exp_decay, piecewise_constant,
    piecewise_constant_decay, polynomial_decay)
from scopeflow._src.training.optimizer import Optimizer  # noqa: E402,F401
from scopeflow._src.training.optimizers import (  # noqa: E402,F401
    AdadeltaOptimizer, AdagradOptimizer, AdamOptimizer, GradientDescentOptimizer, MomentumOptimizer,
    ProximalGradientDescentOptimizer, RMSPropOptimizer)
from scopeflow._src.training.training_util import (  # noqa: E402,F401
    assert_global_step, create_global_step, get_global_step, get_or_create_global_step, global_step)
