"""``tf.train.warm_start`` and ``tf.train.VocabInfo``: initialize a new model's variables from
another run's checkpoint, through ``init_from_checkpoint`` (the values load when the
initializers run).

scopeflow remaps no vocabularies: a ``var_name_to_vocab_info`` entry for a variable to warm-start
raises ``ValueError`` (TF would build ``generate_vocab_remapping``/``load_and_remap_matrix``
ops, which scopeflow does not have). Checkpoints are read by variable name; TF2 object-based
checkpoints' renames are not looked up.
"""

from __future__ import annotations

import collections

from scopeflow._src.checkpoint.init_from_checkpoint import init_from_checkpoint
from scopeflow._src.checkpoint.saveables import op_list_to_dict
from scopeflow._src.framework.context import default_graph
from scopeflow._src.framework.graph_keys import GraphKeys
from scopeflow._src.variables.partitioned import PartitionedVariable
from scopeflow._src.variables.variable import RefVariable


class VocabInfo(collections.namedtuple("VocabInfo", ["new_vocab", "new_vocab_size", "num_oov_buckets", "old_vocab",
                                                     "old_vocab_size", "backup_initializer", "axis"])):
    """How a warm-started embedding's rows (``axis=0``) or columns (``axis=1``) map from the old
    vocabulary file to the new one (TF's fields; scopeflow's ``warm_start`` refuses it)."""

    def __new__(cls, new_vocab, new_vocab_size, num_oov_buckets, old_vocab, old_vocab_size=-1,
                backup_initializer=None, axis=0):
        if axis != 0 and axis != 1:
            raise ValueError(f"The only supported values for the axis argument are 0 and 1.  Provided axis: {axis}")
        return super().__new__(cls, new_vocab, new_vocab_size, num_oov_buckets, old_vocab, old_vocab_size,
                               backup_initializer, axis)


def _log(message, *args):
    from scopeflow._src import logging_module  # loaded on first use: Python's logging costs import time
    logging_module.info(message, *args)


def _infer_var_name(var):
    name_to_var = op_list_to_dict(var)
    if len(name_to_var) > 1:
        raise TypeError(f"`var` = {var} passed as arg violates the constraints.  name_to_var_dict = {name_to_var}")
    return list(name_to_var)[0]


def _get_grouped_variables(vars_to_warm_start) -> dict:
    graph = default_graph()
    if isinstance(vars_to_warm_start, str) or vars_to_warm_start is None:
        _log("Warm-starting variables only in TRAINABLE_VARIABLES.")
        found = graph.get_collection(GraphKeys.TRAINABLE_VARIABLES, scope=vars_to_warm_start)
    elif isinstance(vars_to_warm_start, list):
        if all(isinstance(v, str) for v in vars_to_warm_start):
            found = []
            for v in vars_to_warm_start:
                found += graph.get_collection(GraphKeys.GLOBAL_VARIABLES, scope=v)
        elif all(isinstance(v, (RefVariable, PartitionedVariable)) for v in vars_to_warm_start):
            found = vars_to_warm_start
        else:
            raise ValueError(f"If `vars_to_warm_start` is a list, it must be all `Variable` or all `str`.  Given "
                             f"types are {[type(v) for v in vars_to_warm_start]}")
    else:
        raise ValueError(f"`vars_to_warm_start must be a `list` or `str`.  Given type is {type(vars_to_warm_start)}")
    grouped = {}
    for v in found:
        grouped.setdefault(_infer_var_name([v] if not isinstance(v, list) else v), []).append(v)
    return grouped


def _get_var_info(var, prev_tensor_name=None):
    if isinstance(var, RefVariable):
        current = _infer_var_name([var])
    elif isinstance(var, list) and all(isinstance(v, RefVariable) for v in var):
        current = _infer_var_name(var)
    elif isinstance(var, PartitionedVariable):
        current = _infer_var_name([var])
        var = var._get_variable_list()
    else:
        raise TypeError(f"var MUST be one of the following: a Variable, list of Variable or PartitionedVariable, "
                        f"but is {type(var)}")
    return prev_tensor_name or current, var


def warm_start(ckpt_to_initialize_from, vars_to_warm_start=".*", var_name_to_vocab_info=None,
               var_name_to_prev_var_name=None):
    """Make the chosen variables' initializers load from ``ckpt_to_initialize_from``.

    ``vars_to_warm_start``: a regex over the trainable variables' names (``None``: none of
    them are loaded), a list of names (regexes over all global variables) or a list of
    variables; ``var_name_to_prev_var_name`` maps a variable's name to its name in the
    checkpoint. Names given in the maps that match no chosen variable raise ``ValueError``.
    """
    _log("Warm-starting from: %s", ckpt_to_initialize_from)
    grouped = _get_grouped_variables(vars_to_warm_start)
    var_name_to_vocab_info = var_name_to_vocab_info or {}
    var_name_to_prev_var_name = var_name_to_prev_var_name or {}
    count = 0
    prev_used, vocab_used = set(), set()
    pending = {}
    for var_name, variable in grouped.items():
        prev_name = var_name_to_prev_var_name.get(var_name)
        if prev_name:
            prev_used.add(var_name)
        if var_name_to_vocab_info.get(var_name):
            raise ValueError(f"scopeflow's warm_start does not remap vocabularies: var_name_to_vocab_info is given "
                             f"for {var_name!r}. Warm-start it without a VocabInfo (its rows then load unchanged) or "
                             f"remap the checkpoint first.")
        if not vars_to_warm_start:
            continue
        count += 1
        if len(variable) == 1:
            variable = variable[0]
        prev_tensor_name, var = _get_var_info(variable, prev_name)
        if prev_tensor_name in pending:  # one checkpoint tensor for two variables: one call per mapping
            init_from_checkpoint(ckpt_to_initialize_from, pending)
            pending.clear()
        pending[prev_tensor_name] = var
    if pending:
        init_from_checkpoint(ckpt_to_initialize_from, pending)
    _log("Warm-started %d variables.", count)
    prev_not_used = set(var_name_to_prev_var_name) - prev_used
    vocab_not_used = set(var_name_to_vocab_info) - vocab_used
    if prev_not_used:
        raise ValueError(f"You provided the following variables in var_name_to_prev_var_name that were not used: "
                         f"{prev_not_used}.  Perhaps you misspelled them?  Here is the list of viable variable names: "
                         f"{grouped.keys()}")
    if vocab_not_used:
        raise ValueError(f"You provided the following variables in var_name_to_vocab_info that were not used: "
                         f"{vocab_not_used}.  Perhaps you misspelled them?  Here is the list of viable variable "
                         f"names: {grouped.keys()}")
