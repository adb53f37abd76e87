"""``tf.train.Optimizer``: the base class of TF1's optimizers.

``minimize`` = ``compute_gradients`` (``tf.gradients`` of the loss with respect to the
variables' references, gated per op by default) + ``apply_gradients``, which builds, as
TensorFlow does::

    <slots and non-slot variables>        # w/Adam, beta1_power ... (no control dependencies)
    Adam/learning_rate ...                # _prepare(): hyper-parameter constants
    Adam/update_w/ApplyAdam               # one update per variable with a gradient
    Adam                                  # _finish(): the group of all updates
    # with global_step: Adam/update (the group) then Adam (AssignAdd of global_step)

Subclasses implement ``_create_slots``, ``_prepare``, ``_apply_dense`` and ``_apply_sparse``
and may override ``_finish``, with the same helpers as TF (``_zeros_slot``, ``get_slot``,
``_create_non_slot_variable`` ...), so TF1 custom optimizers port unchanged.

A sparse gradient (``IndexedSlices``, from ``gather`` or ``embedding_lookup``) goes to
``_apply_sparse_duplicate_indices``, which by default sums the values of repeated indices
(``Unique`` + ``UnsortedSegmentSum``, TF's ``_deduplicate_indexed_slices``) and calls
``_apply_sparse`` with unique indices; an optimizer that handles repeats itself (plain
gradient descent: ``ScatterSub``) overrides ``_apply_sparse_duplicate_indices`` instead.
"""

from __future__ import annotations

from scopeflow._src.framework import dtypes, nest
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.context import default_graph
from scopeflow._src.framework.default_graph import colocate_with, control_dependencies, name_scope
from scopeflow._src.framework.graph_keys import GraphKeys
from scopeflow._src.framework.indexed_slices import IndexedSlices, convert_to_tensor_or_indexed_slices
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.gradients import gradients
from scopeflow._src.ops import array_ops
from scopeflow._src.ops.control.control_flow_ops import group
from scopeflow._src.ops.control.control_flow_ops import tuple as gate_tuple
from scopeflow._src.ops.state.variable_ops import assign_add
from scopeflow._src.training import slot_creator
from scopeflow._src.variables.variable import RefVariable
from scopeflow._src.variables.variable_scope import get_variable, variable_scope

_VALID_DTYPES = (dtypes.float32, dtypes.float64, dtypes.float16, dtypes.bfloat16)  # TF's message order


def _var_key(var):
    return (var.op.graph, var.op.name)


def _is_variable(v) -> bool:
    return isinstance(v, RefVariable)


class _VariableProcessor:
    """Updates a ``tf.Variable`` (TF's ``_RefVariableProcessor``)."""

    def __init__(self, v):
        self._v = v

    def target(self):
        return self._v._ref()

    def update_op(self, optimizer, g):
        if isinstance(g, IndexedSlices):
            if self._v.constraint is not None:
                raise RuntimeError("Cannot use a constraint function on a sparse variable.")
            return optimizer._apply_sparse_duplicate_indices(g, self._v)
        update = optimizer._apply_dense(g, self._v)
        if self._v.constraint is None:
            return update
        with control_dependencies([update]):
            return self._v.assign(self._v.constraint(self._v))


class _TensorProcessor:
    """A plain tensor in ``var_list``: it has a gradient but cannot be updated."""

    def __init__(self, v):
        self._v = v

    def target(self):
        return self._v

    def update_op(self, optimizer, g):
        raise NotImplementedError("Trying to update a Tensor ", self._v)


def _get_processor(v):
    v.op  # noqa: B018 - TF reads v.op first: anything without one is an AttributeError
    if _is_variable(v):
        return _VariableProcessor(v)
    if isinstance(v, Tensor):
        return _TensorProcessor(v)
    raise NotImplementedError("Trying to optimize unsupported type ", v)



def _deduplicate_indexed_slices(values, indices):
    """``(summed_values, unique_indices)``: the rows of ``values`` of each distinct index summed
    (TF's helper: ``Unique`` then ``UnsortedSegmentSum`` into ``shape(unique)[0]`` rows)."""
    unique_indices, new_index_positions = array_ops.unique(indices)
    summed_values = array_ops.unsorted_segment_sum(values, new_index_positions,
                                                   array_ops.shape(unique_indices)[0])
    return summed_values, unique_indices


class Optimizer:
    """Base class for optimizers (TF1's ``tf.train.Optimizer``).

    >>> import scopeflow as tf
    >>> w = tf.Variable([1.0, 2.0], name="w")
    >>> loss = tf.reduce_sum(w * w)
    >>> train = tf.train.GradientDescentOptimizer(0.25).minimize(loss)
    >>> with tf.Session() as sess:
    ...     sess.run(tf.global_variables_initializer())
    ...     sess.run(train)
    ...     sess.run(w).tolist()
    [0.5, 1.0]
    """

    GATE_NONE = 0
    GATE_OP = 1
    GATE_GRAPH = 2

    def __init__(self, use_locking, name, use_own_namescope_for_non_slot_vars=False):
        if not name:
            raise ValueError("Must specify the optimizer name")
        self._use_locking = use_locking
        self._name = name
        self._use_own_namescope_for_non_slot_vars = use_own_namescope_for_non_slot_vars
        if use_own_namescope_for_non_slot_vars:
            with variable_scope(None, default_name=name) as vs:
                self._non_slot_variable_scope = vs
        self._slots: dict = {}
        self._non_slot_dict: dict = {}

    def get_name(self) -> str:
        return self._name

    # -- the three steps ------------------------------------------------------------------
    def minimize(self, loss, global_step=None, var_list=None, gate_gradients=GATE_OP, aggregation_method=None,
                 colocate_gradients_with_ops=False, name=None, grad_loss=None):
        """Add ops that update ``var_list`` (default: the trainable variables) to decrease ``loss``;
        returns the training op (which also increments ``global_step`` when given)."""
        grads_and_vars = self.compute_gradients(
            loss, var_list=var_list, gate_gradients=gate_gradients, aggregation_method=aggregation_method,
            colocate_gradients_with_ops=colocate_gradients_with_ops, grad_loss=grad_loss)
        if not [v for g, v in grads_and_vars if g is not None]:
            raise ValueError(
                "No gradients provided for any variable, check your graph for ops that do not support "
                f"gradients, between variables {[str(v) for _, v in grads_and_vars]} and loss {loss}.")
        return self.apply_gradients(grads_and_vars, global_step=global_step, name=name)

    def compute_gradients(self, loss, var_list=None, gate_gradients=GATE_OP, aggregation_method=None,
                          colocate_gradients_with_ops=False, grad_loss=None):
        """``[(gradient, variable)]`` for ``loss``; a gradient is ``None`` where none flows."""
        if callable(loss):
            raise RuntimeError("scopeflow builds graphs: pass `loss` as a Tensor, not a callable "
                               "(TensorFlow only accepts a callable when executing eagerly)")
        if gate_gradients not in (Optimizer.GATE_NONE, Optimizer.GATE_OP, Optimizer.GATE_GRAPH):
            raise ValueError("gate_gradients must be one of: Optimizer.GATE_NONE, Optimizer.GATE_OP, "
                             f"Optimizer.GATE_GRAPH.  Not {gate_gradients}")
        self._assert_valid_dtypes([loss])
        if grad_loss is not None:
            self._assert_valid_dtypes([grad_loss])
        graph = default_graph()
        if var_list is None:
            var_list = (graph.get_collection(GraphKeys.TRAINABLE_VARIABLES)
                        + graph.get_collection(GraphKeys.TRAINABLE_RESOURCE_VARIABLES))
        else:
            var_list = nest.flatten(var_list)
        var_list = var_list + graph.get_collection(GraphKeys._STREAMING_MODEL_PORTS)
        processors = [_get_processor(v) for v in var_list]
        if not var_list:
            raise ValueError("No variables to optimize.")
        grads = gradients(loss, [p.target() for p in processors], grad_ys=grad_loss,
                          gate_gradients=(gate_gradients == Optimizer.GATE_OP),
                          aggregation_method=aggregation_method,
                          colocate_gradients_with_ops=colocate_gradients_with_ops)
        if gate_gradients == Optimizer.GATE_GRAPH:
            grads = gate_tuple(grads)
        grads_and_vars = list(zip(grads, var_list))
        self._assert_valid_dtypes([v for g, v in grads_and_vars if g is not None])
        return grads_and_vars

    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        """The op that applies ``grads_and_vars`` (from ``compute_gradients``); it also adds 1
        to ``global_step`` when given. Named ``name`` (default: the optimizer's name)."""
        grads_and_vars = tuple(grads_and_vars)
        if not grads_and_vars:
            raise ValueError("No variables provided.")
        converted = []
        for g, v in grads_and_vars:
            if g is not None:
                try:
                    g = convert_to_tensor_or_indexed_slices(g)
                except TypeError:
                    raise TypeError(f"Gradient must be convertible to a Tensor or IndexedSlices, or None: {g}") \
                        from None
                if not isinstance(g, (Tensor, IndexedSlices)):
                    raise TypeError(f"Gradient must be a Tensor, IndexedSlices, or None: {g}")
            converted.append((g, v, _get_processor(v)))
        var_list = [v for g, v, _ in converted if g is not None]
        if not var_list:
            raise ValueError(f"No gradients provided for any variable: {[str(v) for _, v, _ in converted]}.")
        with control_dependencies(None):  # TF's init_scope: slots never depend on the caller's ops
            self._create_slots(var_list)
        update_ops = []
        with name_scope(name, self._name) as name:
            self._prepare()
            for grad, var, processor in converted:
                if grad is None:
                    continue
                with name_scope("update_" + var.op.name), colocate_with(var):
                    update_ops.append(processor.update_op(self, grad))
            if global_step is None:
                apply_updates = self._finish(update_ops, name)
            else:
                with control_dependencies([self._finish(update_ops, "update")]), colocate_with(global_step):
                    apply_updates = assign_add(global_step, 1, name=name)
        if isinstance(apply_updates, Tensor):
            apply_updates = apply_updates.op
        train_ops = default_graph().get_collection_ref(GraphKeys.TRAIN_OP)
        if apply_updates not in train_ops:
            train_ops.append(apply_updates)
        return apply_updates

    # -- slots ----------------------------------------------------------------------------
    def get_slot(self, var, name):
        """The slot variable ``name`` of ``var`` (``None`` if the optimizer made none)."""
        named_slots = self._slots.get(name)
        if not named_slots:
            return None
        return named_slots.get(_var_key(var))

    def get_slot_names(self) -> list:
        """The names of the slots this optimizer creates (``['m', 'v']`` for Adam), sorted."""
        return sorted(self._slots)

    def variables(self) -> list:
        """The optimizer's variables in the default graph (slots and e.g. ``beta1_power``), by name."""
        graph = default_graph()
        found = [v for v in self._non_slot_dict.values() if v.op.graph is graph]
        for slots in self._slots.values():
            found.extend(v for v in slots.values() if v.op.graph is graph)
        return sorted(found, key=lambda v: v.name)

    def _slot_dict(self, slot_name):
        return self._slots.setdefault(slot_name, {})

    def _get_or_make_slot(self, var, val, slot_name, op_name):
        named_slots = self._slot_dict(slot_name)
        if _var_key(var) not in named_slots:
            named_slots[_var_key(var)] = slot_creator.create_slot(var, val, op_name)
        return named_slots[_var_key(var)]

    def _get_or_make_slot_with_initializer(self, var, initializer, shape, dtype, slot_name, op_name):
        named_slots = self._slot_dict(slot_name)
        if _var_key(var) not in named_slots:
            named_slots[_var_key(var)] = slot_creator.create_slot_with_initializer(
                var, initializer, shape, dtype, op_name)
        return named_slots[_var_key(var)]

    def _zeros_slot(self, var, slot_name, op_name):
        named_slots = self._slot_dict(slot_name)
        if _var_key(var) not in named_slots:
            named_slots[_var_key(var)] = slot_creator.create_zeros_slot(var, op_name)
        return named_slots[_var_key(var)]

    def _create_non_slot_variable(self, initial_value, name, colocate_with):
        """A variable of the optimizer itself (``beta1_power``), one per graph, placed with
        ``colocate_with``."""
        key = (name, colocate_with.graph)
        v = self._non_slot_dict.get(key)
        if v is None:
            if self._use_own_namescope_for_non_slot_vars:
                with name_scope(None), variable_scope(self._non_slot_variable_scope), \
                        default_graph().colocate_with(colocate_with):
                    v = get_variable(name, initializer=initial_value, trainable=False)
            else:
                with default_graph().colocate_with(colocate_with):
                    v = RefVariable(initial_value, name=name, trainable=False)
            self._non_slot_dict[key] = v
        return v

    def _get_non_slot_variable(self, name, graph=None):
        return self._non_slot_dict.get((name, graph))

    def _non_slot_variables(self):
        return self._non_slot_dict.values()

    # -- for subclasses -------------------------------------------------------------------
    def _assert_valid_dtypes(self, tensors):
        valid = self._valid_dtypes()
        for t in tensors:
            dtype = t.dtype.base_dtype
            if dtype not in valid:
                shown = [d for d in _VALID_DTYPES if d in valid] + [d for d in valid if d not in _VALID_DTYPES]
                raise ValueError(f"Invalid type {dtype!r} for {t.name}, expected: {shown}.")

    def _valid_dtypes(self):
        return set(_VALID_DTYPES)

    def _create_slots(self, var_list):
        """Create the slots ``var_list`` needs (called once per ``apply_gradients``)."""

    def _prepare(self):
        """Create the hyper-parameter tensors, inside the optimizer's name scope."""

    def _apply_dense(self, grad, var):
        raise NotImplementedError(f"{type(self).__name__} must implement _apply_dense(grad, var)")

    def _apply_sparse_duplicate_indices(self, grad, var):
        """Apply the ``IndexedSlices`` ``grad``, whose indices may repeat, to ``var``: by
        default sum the repeats and call ``_apply_sparse`` (TF's contract)."""
        summed_values, unique_indices = _deduplicate_indexed_slices(values=grad.values, indices=grad.indices)
        return self._apply_sparse(IndexedSlices(summed_values, unique_indices, grad.dense_shape), var)

    def _apply_sparse(self, grad, var):
        """Apply the ``IndexedSlices`` ``grad`` (unique indices) to ``var``; subclasses implement it."""
        raise NotImplementedError(f"{type(self).__name__} must implement _apply_sparse(grad, var)")

    def _finish(self, update_ops, name_scope):
        """The op that completes the update (by default a group named ``name_scope``)."""
        return group(*update_ops, name=name_scope)

    def _call_if_callable(self, param):
        return param() if callable(param) else param

    def _hyper_tensor(self, value, name):
        """A hyper-parameter for ``_prepare``: ``value`` (called first if callable) as a tensor named ``name``."""
        return convert_to_tensor(self._call_if_callable(value), name=name)
