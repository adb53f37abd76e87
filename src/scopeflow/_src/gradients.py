"""``tf.gradients``: reverse-mode differentiation that builds gradient ops into the graph.

The walk is TensorFlow's, so that gradient ops get TensorFlow's names:

1. mark the ops reachable forward from the ``xs`` along floating-point tensors, then the
   ops between ``xs`` and ``ys``, and count for each op how many consumers on that path
   still owe it a gradient;
2. seed each ``y`` with ``grad_ys`` (default: ones, ``gradients/grad_ys_0``);
3. pop ops whose consumers have all delivered; sum an output's gradients with ``AddN``
   (``gradients/AddN``), call the op's gradient function inside ``gradients/<op>_grad/``,
   and hand the results to the op's inputs.

Broadcasting is undone here, once, for every gradient rule registered with
``unbroadcast=True``: those rules return output-shaped gradients and ``_unbroadcast`` sums
them down to each input's shape, as TensorFlow 2.21's ``_ReduceGradientArgs`` does (same
ops, same names). Gradients are ordinary graph ops, so gradients of gradients work.
"""

from __future__ import annotations

import collections
import enum

from scopeflow._src.framework import dtypes, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.context import default_graph
from scopeflow._src.framework.default_graph import colocate_with, name_scope
from scopeflow._src.framework.indexed_slices import IndexedSlices
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.ops import array_ops, math_ops, unbroadcast
from scopeflow._src.ops.control import control_flow_ops

_TRAINABLE = frozenset((dtypes.float16, dtypes.bfloat16, dtypes.float32, dtypes.float64, dtypes.complex64,
                        dtypes.complex128, dtypes.resource, dtypes.variant))


class UnconnectedGradients(enum.Enum):
    """What ``tf.gradients`` returns for an ``x`` that ``ys`` do not depend on."""

    NONE = "none"
    ZERO = "zero"


class AggregationMethod:
    """How gradients reaching one tensor from several consumers are summed.

    ``ADD_N`` (the default) sums them with one ``AddN``; the two experimental methods
    add them pairwise, which TensorFlow uses to free memory earlier.
    """

    ADD_N = 0
    DEFAULT = ADD_N
    EXPERIMENTAL_TREE = 1
    EXPERIMENTAL_ACCUMULATE_N = 2


def gradients(ys, xs, grad_ys=None, name="gradients", colocate_gradients_with_ops=False, gate_gradients=False,
              aggregation_method=None, stop_gradients=None,
              unconnected_gradients=UnconnectedGradients.NONE) -> list:
    """The symbolic derivatives of ``sum(ys)`` with respect to each of ``xs``.

    ``grad_ys`` weights each ``y`` (default ones); ``stop_gradients`` are treated as
    constants; ``unconnected_gradients="zero"`` returns zeros instead of ``None`` for an
    ``x`` that ``ys`` do not depend on. Integer tensors get no gradient. As in TF1,
    ``colocate_gradients_with_ops`` changes nothing on one CPU.

    >>> import scopeflow as tf
    >>> x = tf.constant(3.0)
    >>> y = x * x
    >>> [g.name for g in tf.gradients(y, [x])]
    ['gradients/AddN:0']
    >>> [float(g) for g in tf.Session().run(tf.gradients(y, x))]
    [6.0]
    """
    try:
        unconnected_gradients = UnconnectedGradients(unconnected_gradients)
    except ValueError:
        raise ValueError(f"Unknown value for unconnected_gradients: '{unconnected_gradients}'") from None
    ys = _as_list(ys)
    xs = _as_list(xs)
    stop_gradients = [] if stop_gradients is None else _as_list(stop_gradients)
    grad_ys = [None] * len(ys) if grad_ys is None else _as_list(grad_ys)
    with name_scope(name, "gradients", ys + xs + stop_gradients + grad_ys):
        default_graph().unique_name("uid")  # TF reserves "<scope>/uid" for compilation clusters
        ys = [convert_to_tensor(y, name=f"y_{i}") for i, y in enumerate(ys)]
        xs = [convert_to_tensor(x, name=f"x_{i}", as_ref=True) for i, x in enumerate(xs)]
        stop_gradients = [convert_to_tensor(s) for s in stop_gradients]
        grad_ys = _default_grad_ys(grad_ys, ys)
        walk = _Walk(ys, xs, stop_gradients, aggregation_method, gate_gradients)
        walk.run(grad_ys)
    return [walk.result(x, unconnected_gradients) for x in xs]


def _as_list(x):
    if x is None:
        return []
    return list(x) if isinstance(x, (list, tuple)) else [x]


def _default_grad_ys(grad_ys, ys):
    if len(grad_ys) != len(ys):
        raise ValueError(f"Length mismatch. Passed {len(grad_ys)} grad_ys for {len(ys)} ys")
    grad_ys = [None if g is None else g if isinstance(g, IndexedSlices) else convert_to_tensor(g, name=f"grad_y_{i}")
               for i, g in enumerate(grad_ys)]
    out = []
    for i, (y, grad_y) in enumerate(zip(ys, grad_ys)):
        if grad_y is None:
            if y.dtype.is_complex:
                raise TypeError(f"Gradients of complex tensors ({y}) must set grad_ys (y.dtype = {y.dtype.name})")
            out.append(array_ops.ones(array_ops.shape(y), dtype=y.dtype.base_dtype, name=f"grad_ys_{i}"))
            continue
        _check_grad_y(y, grad_y)
        if isinstance(grad_y, IndexedSlices):  # TF names each part
            shape = grad_y.dense_shape
            indices = array_ops.identity(grad_y.indices, name=f"grad_ys_{i}_indices")
            values = array_ops.identity(grad_y.values, name=f"grad_ys_{i}_values")
            shape = None if shape is None else array_ops.identity(shape, name=f"grad_ys_{i}_shape")
            out.append(IndexedSlices(values, indices, shape))
            continue
        out.append(array_ops.identity(grad_y, name=f"grad_ys_{i}"))
    return out


def _check_grad_y(y, grad_y):
    y_type, g_type = y.dtype.base_dtype, grad_y.dtype.base_dtype
    if y_type.is_floating or y_type.is_integer:
        if not (g_type.is_floating or g_type.is_integer):
            raise TypeError(f"Gradient type {g_type.name} generated for real or integer-valued tensor {y} with type "
                            f"{y_type.name} must be real or integer")
    elif y_type.is_complex:
        if not g_type.is_complex:
            raise TypeError(f"Gradient type {g_type.name} generated for complex-valued tensor {y} with type "
                            f"{y_type.name} must be real")
    elif y_type not in (dtypes.variant, dtypes.resource):
        raise TypeError(f"Tensor {y} with type {y_type.name} must be numeric to obtain a default gradient")


class _Walk:
    """One ``tf.gradients`` call: the ops between ``xs`` and ``ys`` and their gradients."""

    def __init__(self, ys, xs, stop_gradients, aggregation_method, gate_gradients):
        if aggregation_method is None:
            aggregation_method = AggregationMethod.DEFAULT
        methods = [AggregationMethod.ADD_N, AggregationMethod.EXPERIMENTAL_TREE,
                   AggregationMethod.EXPERIMENTAL_ACCUMULATE_N]
        if aggregation_method not in methods:
            raise ValueError(f"Invalid `aggregation_method` specified {aggregation_method}. Accepted values are "
                             f"{methods}.")
        self.aggregation_method = aggregation_method
        self.gate = gate_gradients
        self.ys = ys
        self.grads: dict = {}  # op -> [list of gradients per output]
        from_ops = [x.op for x in xs]
        self.from_ops = from_ops
        self.to_ops = [y.op for y in ys]
        self.reachable_to_ops, self.pending, self.loop_state = _pending_counts(self.to_ops, from_ops)
        self.stop_ops = {op for op in from_ops if all(self.pending[t._op] <= 0 for t in op._inputs)}
        self.stop_ops.update(s.op for s in stop_gradients)

    def run(self, grad_ys):
        for y, grad_y in zip(self.ys, grad_ys):
            self._set(y, grad_y)
        queue = collections.deque()
        queued = set()
        for op in self.to_ops:
            if self.pending[op] == 0 and op not in queued and op in self.reachable_to_ops:
                queued.add(op)
                queue.append(op)
        loops = self.loop_state
        if loops is not None:  # loops whose exits no y depends on still need their gradient loops closed
            for y in loops.ProcessUnusedLoopExits(self.pending, queued):
                if y._dtype.base_dtype in _TRAINABLE:
                    self._set(y, loops.ZerosLikeForExit(y))
                    queue.append(y.op)
        while queue:
            op = queue.popleft()
            self._backprop(op)
            self._enqueue_ready(op, queue)
        if loops is not None:
            loops.PostProcessing()

    def _backprop(self, op):
        """Build the gradients of ``op``'s inputs in ``<op>_grad/`` (in the gradient loop of
        ``op``'s loop, if any) and hand them to the inputs."""
        loops = self.loop_state
        if loops is not None:
            loops.EnterGradWhileContext(op, before=True)
        out_grads = self._aggregated(op)
        if loops is not None:
            loops.ExitGradWhileContext(op, before=True)
        has_grads = any(g is not None for g in out_grads)
        rule = None
        if has_grads and op not in self.stop_ops:
            rule = registry.gradient_rule(op)
        if loops is not None:
            loops.EnterGradWhileContext(op, before=False)
        if loops is not None and loops.is_loop_switch(op) and \
                op._control_flow_context is default_graph()._get_control_flow_context():
            _no_grad_through_initial_loop_value(op, self.from_ops)
        in_grads = [None] * len(op._inputs)
        if rule is not None and has_grads:
            routes = registry.get(op._type).routes_input
            for i, g in enumerate(out_grads):
                if g is None and op._outputs[i]._dtype.base_dtype in _TRAINABLE:
                    if loops is not None:
                        out_grads[i] = loops.ZerosLikeV1WhileLoop(op, i)
                    elif routes:
                        from scopeflow._src.ops.control.cond import zeros_for_untaken  # loaded with the Switch ops
                        out_grads[i] = zeros_for_untaken(op, i)
                    else:
                        out_grads[i] = array_ops.zeros_like(op._outputs[i], optimize=False)
            with name_scope(op._name + "_grad"):
                in_grads = rule.fn(op, *out_grads)
                in_grads = list(in_grads) if isinstance(in_grads, (list, tuple)) else [in_grads]
                if len(in_grads) != len(op._inputs):
                    raise ValueError(f"Num gradients {len(in_grads)} generated for op {op.node_def} do not match "
                                     f"num inputs {len(op._inputs)}")
                if rule.unbroadcast:
                    in_grads = unbroadcast.unbroadcast(op, in_grads, out_grads[0], rule.same_shapes)
                if self.gate and sum(g is not None for g in in_grads) > 1:
                    in_grads = control_flow_ops.tuple(in_grads)
        for t, g in zip(op._inputs, in_grads):
            if g is not None:
                self._set_input_grad(op, t, g)
        if loops is not None:
            loops.ExitGradWhileContext(op, before=False)

    def _enqueue_ready(self, op, queue):
        """Count ``op``'s delivery to each input's op and queue those now ready. A loop
        variable's ``Switch`` is ready at each delivery (its gradient closes the gradient
        loop's back edge); a loop's exits wait for one another, and an exit without
        gradient gets zeros once another has one."""
        loops = self.loop_state
        for t in op._inputs:
            x = t._op
            self.pending[x] -= 1
            ready = self.pending[x] == 0
            if loops is not None and not ready:
                ready = self.pending[x] > 0 and loops.is_loop_switch(x)
            if not ready:
                continue
            if not registry.get(x._type).exits_frame:
                queue.append(x)
                continue
            grad_state = loops.GetGradState(x, before=False)
            grad_state.deferred_exits.append(t)
            grad_state.pending_exits_count -= 1
            if grad_state.pending_exits_count:
                continue
            with_grads = False
            for y in grad_state.deferred_exits:
                if any(self.grads.get(y.op) or ()):
                    with_grads = True
                    queue.append(y.op)
                else:
                    grad_state.unused_exits.append(y)
            for y in grad_state.unused_exits:
                if with_grads and y._dtype.base_dtype in _TRAINABLE:
                    self._set(y, loops.ZerosLikeForExit(y))
                queue.append(y.op)

    def _set_input_grad(self, op, t, g):
        if isinstance(g, IndexedSlices):  # kept sparse, as TF does (no shape to set)
            self._set(t, g)
            return
        g = convert_to_tensor(g)
        if t._dtype.base_dtype != dtypes.resource:
            try:
                g.set_shape(t.shape)
            except ValueError:
                raise ValueError(f"Incompatible shapes between op input and calculated input gradient. Forward "
                                 f"operation: {op._name}. Input index: {op._inputs.index(t)}. Original input "
                                 f"shape: {t.shape}. Calculated input gradient shape: {g.shape}") from None
        self._set(t, g)

    def _set(self, t, grad):
        per_output = self.grads.get(t._op)
        if per_output is None:
            per_output = self.grads[t._op] = [[] for _ in t._op._outputs]
        per_output[t._value_index].append(grad)

    def _aggregated(self, op):
        """Each output's gradient: the sum of what its consumers sent, or ``None``."""
        per_output = self.grads.get(op) or [[] for _ in op._outputs]
        out = []
        for grads in per_output:
            if not grads:
                out.append(None)
            elif len(grads) == 1:
                out.append(grads[0])
            elif any(isinstance(g, IndexedSlices) for g in grads):
                out.append(aggregate_indexed_slices(grads))
            elif self.aggregation_method == AggregationMethod.ADD_N:
                out.append(_add_n_by_device(grads))
            else:
                with name_scope(op._name + "_gradient_sum"):
                    total = grads[0]
                    for g in grads[1:]:
                        total = math_ops.add_n([total, g])
                out.append(total)
        self.grads[op] = [[g] if g is not None else [] for g in out]
        return out

    def result(self, x, unconnected):
        per_output = self.grads.get(x._op)
        grads = per_output[x._value_index] if per_output else []
        if not grads:
            if unconnected == UnconnectedGradients.ZERO:
                        return array_ops.zeros_like(x)
            return None
        return grads[0]


def _pending_counts(to_ops, from_ops):
    """(the ``to_ops`` reachable from ``from_ops``, consumer counts of the ops in between, the
    state of the gradient loops of the loops in between or ``None``)."""
    reached = set()
    queue = collections.deque(from_ops)
    while queue:
        op = queue.popleft()
        if op not in reached:
            reached.add(op)
            for t in op._outputs:
                if t._dtype.base_dtype in _TRAINABLE:
                    queue.extend(t._consumers)
    reachable_to_ops = {op for op in to_ops if op in reached}
    between = []
    between_set = set()
    queue = collections.deque(to_ops)
    while queue:
        op = queue.popleft()
        if op in reached:
            between_set.add(op)
            between.append(op)
            reached.discard(op)
            queue.extend(t._op for t in op._inputs)
    loop_state = None
    if to_ops and to_ops[0]._graph._has_control_flow and any(registry.get(op._type).exits_frame for op in between):
        # a loop lies between: its gradient loops (while_grad is loaded with the loops themselves)
        from scopeflow._src.ops.control import while_grad  # loaded with control/api.py
        loop_state = while_grad.control_flow_state(between, between_set)  # may add its counters' exits
    pending = collections.defaultdict(int)
    for op in between:
        for t in op._inputs:
            if t._op in between_set:
                pending[t._op] += 1
    return reachable_to_ops, pending, loop_state


def _no_grad_through_initial_loop_value(op, from_ops):
    """TensorFlow's error for a gradient taken through a loop variable's first value."""
    queue, seen = collections.deque([op]), set()
    while queue:
        current = queue.popleft()
        if current in seen:
            continue
        seen.add(current)
        if current in from_ops:
            raise ValueError(
                f"Cannot compute gradient inside while loop with respect to op '{current.name}'. We do not support "
                f"taking the gradient wrt or through the initial value of a loop variable. Gradients can be "
                f"computed through loop invariants or wrt the input parameters to the loop body.")
        queue.extend(t._op for t in current._inputs)


def aggregate_indexed_slices(grads):
    """TF's ``AggregateIndexedSlicesGradients``: with a dense gradient among them, their dense
    ``AddN``; else one ``IndexedSlices`` of the ``concat`` of their values and of their
    indices (int32 indices become int64 when the two kinds meet)."""
    grads = [g for g in grads if g is not None]
    if any(isinstance(g, Tensor) for g in grads):
        return math_ops.add_n(grads)
    if any(g.indices.dtype.base_dtype == dtypes.int32 for g in grads) and \
            any(g.indices.dtype.base_dtype != dtypes.int32 for g in grads):
        grads = [g if g.indices.dtype.base_dtype != dtypes.int32 else
                 IndexedSlices(g.values, math_ops.cast(g.indices, dtypes.int64), g.dense_shape) for g in grads]
    grads = [_flatten_nested(g) for g in grads]
    return IndexedSlices(array_ops.concat([g.values for g in grads], axis=0),
                         array_ops.concat([g.indices for g in grads], axis=0), grads[0].dense_shape)


def _flatten_nested(grad):
    if not isinstance(grad.values, IndexedSlices):
        return grad
    inner = _flatten_nested(grad.values)
    return IndexedSlices(inner.values, array_ops.gather(grad.indices, inner.indices), inner.dense_shape)


def _add_n_by_device(grads):
    """TF's ``_MultiDeviceAddN``: the gradients of each device summed next to the first of
    them (colocated with its op), then those sums."""
    by_device: dict = {}
    for g in grads:
        by_device.setdefault(g.device, []).append(g)
    sums = []
    for d in sorted(by_device):
        with colocate_with(by_device[d][0]._op, ignore_existing=True):
            sums.append(math_ops.add_n(by_device[d]))
    return math_ops.add_n(sums)
