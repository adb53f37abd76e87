"""``tf.train.ExponentialMovingAverage`` and ``assign_moving_average``: shadow copies of
variables (or tensors) kept as exponential moving averages.

``ema.apply([w])`` makes the shadow ``w/ExponentialMovingAverage`` (a slot of ``w``, placed
with it, starting at ``w``'s value) and returns the op that moves every shadow towards its
variable: ``shadow -= (1 - decay) * (shadow - w)``, as TF builds it::

    ExponentialMovingAverage/decay                   # Const (or the decay tensor)
    ExponentialMovingAverage/num_updates, .../Minimum  # with num_updates: min(decay, (1+n)/(10+n))
    ExponentialMovingAverage/AssignMovingAvg         # AssignSub of w/ExponentialMovingAverage
    ExponentialMovingAverage                         # NoOp grouping the updates

A tensor's shadow starts at zero; with ``zero_debias=True`` it is debiased through TF's
``biased`` and ``local_step`` variables (``t/ExponentialMovingAverage/biased``).
"""

from __future__ import annotations

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.context import default_graph
from scopeflow._src.framework.default_graph import colocate_with, device, get_name_scope, name_scope
from scopeflow._src.framework.graph_keys import GraphKeys
from scopeflow._src.ops import math_ops
from scopeflow._src.ops.control.control_flow_ops import group
from scopeflow._src.ops.state import variable_ops
from scopeflow._src.training import slot_creator
from scopeflow._src.variables import initializers
from scopeflow._src.variables.collections import global_variables, moving_average_variables, trainable_variables
from scopeflow._src.variables.variable import RefVariable
from scopeflow._src.variables.variable_scope import get_variable, get_variable_scope, variable_scope

_AVERAGED_DTYPES = (dtypes.bfloat16, dtypes.float16, dtypes.float32, dtypes.float64)
_VARIABLE_OP_TYPES = ("Variable", "VariableV2", "VarHandleOp")


def assign_moving_average(variable, value, decay, zero_debias=True, name=None):
    """Move ``variable`` towards ``value``: ``variable -= (1 - decay) * (variable - value)``
    (an ``AssignSub`` named like the ``AssignMovingAvg`` scope); returns its new value.

    With ``zero_debias`` (the default, as in TF) the variable is taken to start at zero and
    is set to ``biased / (1 - decay ** steps)``, kept in the variables
    ``<variable>/biased`` and ``<variable>/local_step``.

    >>> import scopeflow as tf
    >>> from scopeflow._src.training.moving_averages import assign_moving_average
    >>> avg = tf.Variable(0.0, name="avg")
    >>> update = assign_moving_average(avg, 10.0, 0.9, zero_debias=False)
    >>> update.op.name
    'AssignMovingAvg'
    >>> with tf.Session() as sess:
    ...     sess.run(tf.global_variables_initializer())
    ...     print(round(float(sess.run(update)), 4))
    1.0
    """
    with name_scope(name, "AssignMovingAvg", [variable, value, decay]) as scope:
        decay = convert_to_tensor(1.0 - decay, name="decay")
        if decay.dtype != variable.dtype.base_dtype:
            decay = math_ops.cast(decay, variable.dtype.base_dtype)
        if zero_debias:
            return _zero_debias(variable, value, decay)
        return variable_ops.assign_sub(variable, (variable - value) * decay, name=scope)


def _unique_in_scope(name):
    """``name``, or ``name_1``, ``name_2``... if the current variable scope already holds a
    global variable of that name (TF's ``_maybe_get_unique``); ``name`` itself under reuse."""
    scope = get_variable_scope()
    if scope.reuse:
        return name
    taken = {v.op.name for v in scope.global_variables()}
    full = f"{scope.name}/{name}"
    if full not in taken:
        return name
    idx = 1
    while f"{full}_{idx}" in taken:
        idx += 1
    return f"{name}_{idx}"


def _zero_debias(unbiased_var, value, decay):
    """Update ``unbiased_var`` with the debiased average of ``value`` (``decay`` is ``1 - decay``)."""
    with variable_scope(unbiased_var.name[:-len(":0")], values=[unbiased_var, value, decay]):
        with colocate_with(unbiased_var):
            biased_var = get_variable(_unique_in_scope("biased"), initializer=initializers.zeros_initializer(),
                                      shape=unbiased_var.get_shape(), dtype=unbiased_var.dtype.base_dtype,
                                      trainable=False)
            local_step = get_variable(_unique_in_scope("local_step"), shape=[],
                                      dtype=unbiased_var.dtype.base_dtype,
                                      initializer=initializers.zeros_initializer(), trainable=False)
    update_biased = variable_ops.assign_sub(biased_var, (biased_var - value) * decay)
    update_local_step = local_step.assign_add(1)
    bias_factor = 1 - math_ops.pow(1.0 - decay, update_local_step)
    return variable_ops.assign(unbiased_var, update_biased / bias_factor, name=get_name_scope() + "/")


def _key(var):
    return var.ref()


class ExponentialMovingAverage:
    """Keeps moving averages of variables (TF1's ``tf.train.ExponentialMovingAverage``).

    >>> import scopeflow as tf
    >>> w = tf.Variable(1.0, name="w")
    >>> ema = tf.train.ExponentialMovingAverage(decay=0.5)
    >>> update = ema.apply([w])
    >>> ema.average(w).name
    'w/ExponentialMovingAverage:0'
    >>> with tf.Session() as sess:
    ...     sess.run(tf.global_variables_initializer())
    ...     _ = sess.run(w.assign(3.0))
    ...     _ = sess.run(update)
    ...     float(sess.run(ema.average(w)))
    2.0
    """

    def __init__(self, decay, num_updates=None, zero_debias=False, name="ExponentialMovingAverage"):
        self._decay = decay
        self._num_updates = num_updates
        self._zero_debias = zero_debias
        self._name = name
        self._averages: dict = {}

    @property
    def name(self) -> str:
        """The name of this object: the prefix of the ops ``apply`` adds and of the shadows."""
        return self._name

    def apply(self, var_list=None):
        """Create the shadows of ``var_list`` (default: the trainable variables) that do not
        exist yet, and return the op that updates every shadow of ``var_list`` once."""
        if var_list is None:
            var_list = trainable_variables()
        var_list = list(var_list)
        debiased = set()
        for var in var_list:
            if var.dtype.base_dtype not in _AVERAGED_DTYPES:
                raise TypeError(f"The variables must be half, float, or double: {var.name}")
            if _key(var) in self._averages:
                continue
            if isinstance(var, RefVariable):
                with device(var.device):
                    initial = var.initialized_value()
                avg = slot_creator.create_slot(var, initial, self._name, colocate_with_primary=True)
                default_graph().add_to_collection(GraphKeys.MOVING_AVERAGE_VARIABLES, var)
            else:
                avg = slot_creator.create_zeros_slot(var, self._name,
                                                     colocate_with_primary=var.op.type in _VARIABLE_OP_TYPES)
                if self._zero_debias:
                    debiased.add(_key(avg))
            self._averages[_key(var)] = avg

        with name_scope(self._name) as scope:
            decay = convert_to_tensor(self._decay, dtype=dtypes.float32, name="decay")
            if self._num_updates is not None:
                num_updates = math_ops.cast(self._num_updates, dtypes.float32, name="num_updates")
                decay = math_ops.minimum(decay, (1.0 + num_updates) / (10.0 + num_updates))
            updates = []
            for var in var_list:
                avg = self._averages[_key(var)]
                updates.append(assign_moving_average(avg, var, decay, _key(avg) in debiased))
            return group(*updates, name=scope)

    def average(self, var):
        """The shadow variable of ``var``, or ``None`` if ``apply`` was not given it."""
        return self._averages.get(_key(var))

    def average_name(self, var) -> str:
        """The name (without ``:0``) of ``var``'s shadow: the existing one's, or the one
        ``apply`` would give it (for ``tf.train.Saver({ema.average_name(w): w})``)."""
        avg = self._averages.get(_key(var))
        if avg is not None:
            return avg.name[:-len(":0")]
        return default_graph().unique_name(f"{var.name[:-len(':0')]}/{self._name}", mark_as_used=False)

    def variables_to_restore(self, moving_avg_variables=None) -> dict:
        """``{name in the checkpoint: variable}`` restoring each of ``moving_avg_variables``
        (default: the trainable and moving-average variables) from its shadow's name and
        every other global variable from its own name."""
        if moving_avg_variables is None:
            moving_avg_variables = trainable_variables() + moving_average_variables()
        averaged = list({_key(v): v for v in moving_avg_variables}.values())
        name_map = {self.average_name(v): v for v in averaged}
        averaged_names = {v.name for v in averaged}
        for v in global_variables():
            if v.name not in averaged_names and v.op.name not in name_map:
                name_map[v.op.name] = v
        return name_map
