"""``tf.layers.Layer``: the TF1 layer base class (tf-keras's ``legacy_tf_layers.base.Layer``).

A layer owns a variable scope, captured the first time it is called (or at construction
when the functional form passes ``name`` as ``_scope``):

* without ``name`` the scope is ``variable_scope(None, default_name="dense")``, so layers
  get ``dense``, ``dense_1``...; the layer's ``name`` attribute comes from a separate
  per-graph counter that starts at 1 (``dense_1`` for the first ``Dense``), as in tf-keras;
* variables are created with ``get_variable`` in that scope (``dense/kernel:0``); calling
  the layer again reuses them, and its ops go to the same name scope (``dense/MatMul_1``);
* ``reuse=True`` (functional form) shares the variables of an earlier layer of that name.

Weight regularizer losses go to ``REGULARIZATION_LOSSES`` (``dense/kernel/Regularizer/...``)
and update ops (batch normalization) to ``UPDATE_OPS``. Differences from tf-keras: nested
sublayers are not tracked (as in legacy layers), ``training`` is not propagated from an
outer layer call, and the ``weights=`` constructor argument is refused.
"""

from __future__ import annotations

import functools
import inspect

import numpy as np

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import get_collection_ref, name_scope
from scopeflow._src.framework.errors import OperatorNotAllowedInGraphError
from scopeflow._src.framework.function_utils import accepts_argument
from scopeflow._src.framework.graph_keys import GraphKeys
from scopeflow._src.framework.operation import Operation
from scopeflow._src.layers import conditional, naming
from scopeflow._src.layers.input_spec import InputSpec, assert_input_compatibility
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.variables import initializers
from scopeflow._src.variables.variable import RefVariable, VariableAggregation, VariableSynchronization
from scopeflow._src.variables.variable_scope import VariableScope, get_variable, variable_scope

_ALLOWED_KWARGS = {"input_dim", "input_shape", "batch_input_shape", "batch_size", "activity_regularizer",
                   "autocast", "implementation"}


class Layer:
    """Base class of the TF1 layers: variables in a variable scope, ``__call__`` builds ops.

    Subclasses define ``build(input_shape)`` (creating weights with ``add_weight``) and
    ``call(inputs, ...)``.

    >>> import scopeflow as tf
    >>> class Scale(tf.layers.Layer):
    ...     def build(self, input_shape):
    ...         self.w = self.add_weight("w", [int(input_shape[-1])], initializer=tf.ones_initializer())
    ...     def call(self, inputs):
    ...         return inputs * self.w
    >>> y = Scale()(tf.zeros([2, 3]))
    >>> y.name, [v.name for v in tf.global_variables()]
    ('scale/mul:0', ['scale/w:0'])
    """

    def __init__(self, trainable=True, name=None, dtype=None, **kwargs):
        scope = kwargs.pop("_scope", None)
        self._reuse = kwargs.pop("_reuse", None)
        if "weights" in kwargs:
            raise TypeError("scopeflow layers do not take initial `weights`; assign the layer's variables after "
                            "initialization instead")
        for kwarg in kwargs:
            if kwarg not in _ALLOWED_KWARGS:
                raise TypeError("Keyword argument not understood:", kwarg)
        self._trainable = trainable
        self.built = False
        self._input_spec = None
        self.supports_masking = False
        self._trainable_weights: list = []
        self._non_trainable_weights: list = []
        self._updates: list = []
        self._unconditional_updates: set = set()  # ids of updates that do not depend on the call's inputs
        self._call_inputs = None  # the inputs of the call in progress, else of the last call
        self._losses: list = []
        self._unconditional_losses: set = set()
        self._callable_losses: list = []
        self._init_set_name(name)
        self._activity_regularizer = kwargs.pop("activity_regularizer", None)
        self._dtype = None if dtype is None else dtypes.as_dtype(dtype).base_dtype
        self._batch_input_shape = kwargs.get("batch_input_shape")
        self._current_scope = None
        self._scope = None
        if scope:
            with variable_scope(scope) as captured_scope:
                self._scope = captured_scope

    # -- names and scopes ------------------------------------------------------------------
    def _init_set_name(self, name):
        if isinstance(name, VariableScope):
            base_name = name.name
            self._name = naming.unique_layer_name(naming.to_snake_case(type(self).__name__))
        else:
            base_name = self._name = name
        if not name:
            base_name = naming.to_snake_case(type(self).__name__)
            self._name = naming.unique_layer_name(base_name)
        self._base_name = base_name

    @property
    def name(self) -> str:
        return self._name

    @property
    def scope_name(self) -> str:
        """The layer's variable scope name (known once the layer has been called)."""
        if not self._scope:
            raise ValueError('No name available for layer scope because the layer "' + self._name +
                             '" has not been used yet. The scope name  is determined the first time the layer '
                             "instance is called. You must therefore call the layer before querying `scope_name`.")
        return self._scope.name

    def _set_scope(self, scope=None):
        if self._scope is None:
            if self._reuse:
                with variable_scope(scope if scope is not None else self._base_name) as captured_scope:
                    self._scope = captured_scope
            else:
                with variable_scope(scope, default_name=self._base_name) as captured_scope:
                    self._scope = captured_scope

    def _name_scope(self) -> str:
        return self._current_scope.original_name_scope

    # -- dtype, trainability, input spec ---------------------------------------------------
    @property
    def dtype(self):
        """The variables' dtype name (``'float32'``), or ``None`` until the first input fixes it."""
        return None if self._dtype is None else self._dtype.name

    compute_dtype = variable_dtype = dtype

    @property
    def dynamic(self) -> bool:
        """``False``: TF1 layers always build graphs."""
        return False

    @property
    def stateful(self) -> bool:
        return False

    @property
    def metrics(self) -> list:
        return []

    @property
    def trainable(self) -> bool:
        return self._trainable

    @trainable.setter
    def trainable(self, value):
        self._trainable = bool(value)

    @property
    def input_spec(self):
        return self._input_spec

    @input_spec.setter
    def input_spec(self, value):
        for v in value if isinstance(value, (list, tuple)) else [value]:
            if v is not None and not isinstance(v, InputSpec):
                raise TypeError(f"Layer input_spec must be an instance of InputSpec. Got: {v}")
        self._input_spec = value

    @property
    def activity_regularizer(self):
        return self._activity_regularizer

    @property
    def graph(self):
        """``None``: as in tf-keras, layers no longer track their graph (deprecated property)."""
        return None

    # -- weights -----------------------------------------------------------------------------
    @property
    def trainable_weights(self) -> list:
        return list(self._trainable_weights) if self.trainable else []

    @property
    def non_trainable_weights(self) -> list:
        if self.trainable:
            return list(self._non_trainable_weights)
        return self._trainable_weights + self._non_trainable_weights

    @property
    def weights(self) -> list:
        return self.trainable_weights + self.non_trainable_weights

    trainable_variables = trainable_weights
    non_trainable_variables = non_trainable_weights
    variables = weights

    def count_params(self) -> int:
        if not self.built:
            raise ValueError(f"You tried to call `count_params` on {self.name}, but the layer isn't built. "
                             f"You can build it manually via: `{self.name}.build(batch_input_shape)`.")
        total = 0
        for w in self.weights:
            n = 1
            for d in w.shape.as_list():
                n *= d
            total += n
        return total

    def add_weight(self, name, shape, dtype=None, initializer=None, regularizer=None, trainable=None,
                   constraint=None, use_resource=None, synchronization=VariableSynchronization.AUTO,
                   aggregation=VariableAggregation.NONE, partitioner=None, **kwargs):
        """Create (or, when the layer is built or reused, fetch) ``<layer scope>/<name>``."""
        for kwarg in kwargs:
            if kwarg not in ("experimental_autocast", "getter", "collections", "caching_device"):
                raise TypeError("Unknown keyword argument:", kwarg)
        if synchronization == VariableSynchronization.ON_READ:
            if trainable:
                raise ValueError("Synchronization value can be set to VariableSynchronization.ON_READ only for "
                                 "non-trainable variables. You have specified trainable=True and "
                                 "synchronization=VariableSynchronization.ON_READ.")
            trainable = False
        elif trainable is None:
            trainable = True
        global_ref = get_collection_ref(GraphKeys.GLOBAL_VARIABLES)
        known = len(global_ref)
        dtype = dtypes.as_dtype(dtype or self.dtype or dtypes.float32)
        self._set_scope(None)
        reuse = self.built or self._reuse
        with variable_scope(self._scope, reuse=reuse, auxiliary_name_scope=False) as scope:
            self._current_scope = scope
            with name_scope(self._name_scope()):
                if self._dtype is None:
                    self._dtype = dtype.base_dtype
                initializer = _default_initializer(name, dtype, initializer or scope.initializer, self.name)
                getter = kwargs.get("getter", get_variable)
                variable = getter(name=name, shape=() if shape is None else shape, dtype=dtype,
                                  initializer=initializer, trainable=trainable and self.trainable,
                                  constraint=constraint, partitioner=partitioner, use_resource=use_resource,
                                  collections=kwargs.get("collections"), synchronization=synchronization,
                                  aggregation=aggregation, caching_device=kwargs.get("caching_device"))
                # a partitioned variable (a scope's partitioner) is regularized part by part
                parts = [variable] if isinstance(variable, RefVariable) or not hasattr(variable, "__iter__") \
                    else list(variable)
                new = {id(v) for v in global_ref[known:]}
                for part in parts if regularizer else ():
                    if id(part) in new:  # only new variables
                        self._handle_weight_regularization(name, part, regularizer)
        if len(parts) > 1 or parts[0] is not variable:
            self._non_trainable_weights.extend(parts)  # as tf-keras tracks the parts of a partitioned variable
        elif trainable and self.trainable and variable.trainable:
            self._trainable_weights.append(variable)
        else:
            self._non_trainable_weights.append(variable)
        return variable

    add_variable = add_weight

    def _handle_weight_regularization(self, name, variable, regularizer):
        def loss_for_variable(v):
            with name_scope(name + "/Regularizer"):
                return regularizer(v)
        self.add_loss(functools.partial(loss_for_variable, variable))

    # -- losses and updates ------------------------------------------------------------------
    def add_loss(self, losses, inputs=None):
        """Record losses (tensors, or callables such as weight regularizers) and add them to
        ``REGULARIZATION_LOSSES``."""
        new_losses = []
        for loss in losses if isinstance(losses, (list, tuple)) else [losses]:
            if callable(loss):
                self._callable_losses.append(loss)
                loss = loss()
            elif loss is not None:
                loss = convert_to_tensor(loss, dtype=dtypes.float32) if not hasattr(loss, "op") else loss
                self._losses.append(loss)
            if loss is not None:
                new_losses.append(loss)
                if inputs is None:
                    self._unconditional_losses.add(id(loss))
        _add_to_collection(new_losses, GraphKeys.REGULARIZATION_LOSSES)

    @property
    def losses(self) -> list:
        """Activity losses, then each weight regularizer evaluated afresh (new ops, as tf-keras)."""
        collected = list(self._losses)
        for regularizer in self._callable_losses:
            loss = regularizer()
            if loss is not None:
                collected.append(loss)
        return collected

    def add_update(self, updates, inputs=None):
        """Record update ops (callables are called now); tensors stand for their ops."""
        for update in updates if isinstance(updates, (list, tuple)) else [updates]:
            if callable(update):
                update = update()
            if not isinstance(update, Operation):
                update = update.op
            if id(update) not in conditional.reachable_from(self._call_inputs, [update]):
                self._unconditional_updates.add(id(update))
            self._updates.append(update)

    @property
    def updates(self) -> list:
        return list(self._updates) if self.trainable else []

    def get_updates_for(self, inputs) -> list:
        """The updates that depend on ``inputs`` (``None``: those that depend on no input)."""
        if inputs is None:
            return [u for u in self.updates if id(u) in self._unconditional_updates]
        return conditional.only_reachable([u for u in self.updates if id(u) not in self._unconditional_updates],
                                          inputs)

    def get_losses_for(self, inputs) -> list:
        """The losses that depend on ``inputs`` (``None``: those added without inputs, such as
        weight regularizers)."""
        losses = self.losses
        unconditional = self._unconditional_losses | {id(loss) for loss in losses[len(self._losses):]}
        if inputs is None:
            return [loss for loss in losses if id(loss) in unconditional]
        return conditional.only_reachable([loss for loss in losses if id(loss) not in unconditional], inputs)

    # -- building and calling ----------------------------------------------------------------
    def build(self, input_shape):
        """Create the layer's weights; the base class only marks the layer built."""
        self.built = True

    def call(self, inputs, **kwargs):
        """The layer's computation; the base class returns ``inputs``."""
        return inputs

    def compute_mask(self, inputs, mask=None):
        """``mask`` for a layer that supports masking, else ``None`` (a ``TypeError`` for a mask given)."""
        if not self.supports_masking:
            masks = mask if isinstance(mask, (list, tuple)) else [mask]
            if any(m is not None for m in masks):
                raise TypeError(f"Layer {self.name} does not support masking, but was passed an input_mask: {mask}")
            return None
        return mask

    @classmethod
    def from_config(cls, config):
        """The layer ``cls(**config)`` (``get_config``'s inverse)."""
        return cls(**config)

    def compute_output_shape(self, input_shape):
        """The output shape for ``input_shape``: subclasses define it (TF1 graphs cannot trace it)."""
        raise NotImplementedError

    def apply(self, inputs, *args, **kwargs):
        """Same as ``__call__`` (a deprecated alias)."""
        return self(inputs, *args, **kwargs)

    def __call__(self, inputs, *args, **kwargs):
        """Build the layer on first use (in its variable scope), then its ops in its name scope."""
        scope = kwargs.pop("scope", None)
        inputs = _convert_non_tensors(inputs)
        self._set_scope(scope)
        reuse = True if self.built else self._reuse
        with variable_scope(self._scope, reuse=reuse, auxiliary_name_scope=False) as var_scope:
            self._current_scope = var_scope
            if accepts_argument(self.call, "scope", through_kwargs=False):
                kwargs["scope"] = var_scope
            if "training" in kwargs and not accepts_argument(self.call, "training"):
                kwargs.pop("training")
            assert_input_compatibility(self.input_spec, inputs, self.name)
            self._call_inputs = inputs
            with name_scope(self._name_scope()):
                self._maybe_build(inputs)
                try:
                    outputs = self.call(inputs, *args, **kwargs)
                except OperatorNotAllowedInGraphError as e:  # tf-keras's words (and class) for it
                    raise TypeError("You are attempting to use Python control flow in a layer that was not "
                                    "declared to be dynamic. Pass `dynamic=True` to the class constructor.\n"
                                    f'Encountered error:\n"""\n{e}\n"""') from e
                if outputs is None:
                    raise ValueError("A layer's `call` method should return a Tensor or a list of Tensors, not None "
                                     f"(layer: {self.name}).")
                self._handle_activity_regularization(outputs)
        _add_to_collection(self.updates, GraphKeys.UPDATE_OPS)
        return outputs

    def _maybe_build(self, inputs):
        if self.built:
            return
        assert_input_compatibility(self.input_spec, inputs, self.name)
        first = inputs[0] if isinstance(inputs, (list, tuple)) and inputs else inputs
        if self._dtype is None and hasattr(first, "dtype"):
            self._dtype = first.dtype.base_dtype
        if isinstance(inputs, (list, tuple)):
            shapes = [getattr(x, "shape", None) for x in inputs]
        else:
            shapes = getattr(inputs, "shape", None)
        self.build(shapes)
        self.built = True

    def _handle_activity_regularization(self, outputs):
        if not self._activity_regularizer:
            return
        with name_scope("ActivityRegularizer"):
            for output in outputs if isinstance(outputs, (list, tuple)) else [outputs]:
                activity_loss = convert_to_tensor(self._activity_regularizer(output))
                batch_size = math_ops.cast(array_ops.shape(output)[0], activity_loss.dtype)
                self.add_loss(activity_loss / batch_size, inputs=self._call_inputs)

    def get_config(self) -> dict:
        """``name``, ``trainable`` and ``dtype``; a subclass whose ``__init__`` takes more arguments
        must override it (tf-keras's ``NotImplementedError``). scopeflow's own layers return only
        these base entries."""
        config = {"name": self.name, "trainable": self.trainable, "dtype": self.dtype}
        own = type(self).__module__.startswith("scopeflow.")
        if not own and type(self).get_config is Layer.get_config:
            extra = [arg for arg in inspect.getfullargspec(self.__init__).args if arg not in config]
            if len(extra) > 1:
                raise NotImplementedError("Layers with arguments in `__init__` must override `get_config`.")
        return config


def _default_initializer(name, dtype, initializer, layer_name):
    if initializer is not None:
        return initializer
    if dtype.is_floating:
        return initializers.glorot_uniform_initializer()
    if dtype.is_integer or dtype.is_unsigned or dtype.is_bool:
        return initializers.zeros_initializer()
    raise ValueError(f"An initializer for variable {name} of type {dtype.base_dtype} is required for layer "
                     f"{layer_name}")



def _convert_non_tensors(inputs):
    if isinstance(inputs, (list, tuple)):
        return type(inputs)(_convert_non_tensors(x) for x in inputs)
    if isinstance(inputs, (np.ndarray, float, int)) and not isinstance(inputs, bool):
        return convert_to_tensor(inputs)
    return inputs


def _add_to_collection(elements, key):
    collection = get_collection_ref(key)
    present = {id(e) for e in collection}
    for element in elements:
        if id(element) not in present:
            collection.append(element)
            present.add(id(element))
