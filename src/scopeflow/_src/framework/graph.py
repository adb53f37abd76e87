"""``Graph``: operations in creation order, the unique-name table and collections.

Per-thread builder state (name scope, control dependencies, devices) lives in
``context``, changed by the context managers in ``graph_scopes``; what all threads share
(names, ops, collections, the variable store) lives here, guarded by ``_lock``.
"""

from __future__ import annotations

import contextlib
import re
import threading

from scopeflow._src.framework import context, devices, graph_def, naming, op_builder, registry
from scopeflow._src.framework.graph_scopes import ControlDependencies as _ControlDependencies
from scopeflow._src.framework.graph_scopes import NameScope as _NameScope
from scopeflow._src.framework.operation import Operation, SymbolicTensor, Tensor

_NO_OPS = ()  # the shared "no control inputs" of most ops (one object fewer per op for the GC)


def _set_container(op_type, attrs, container) -> None:
    """TF's rule: a stateful op whose OpDef has a ``container`` attribute left empty is put in
    the container of the enclosing ``Graph.container`` block."""
    opdef = registry.find(op_type)
    if opdef is not None and opdef.stateful and ("container" in opdef.attrs or "container" in opdef.defaults):
        attrs["container"] = container


class Graph:
    """A TensorFlow 1.x dataflow graph.

    >>> import scopeflow as tf
    >>> g = tf.Graph()
    >>> with g.as_default():
    ...     c = tf.constant(1.0, name="c")
    >>> [op.name for op in g.get_operations()]
    ['c']
    """

    def __init__(self):
        self._lock = threading.RLock()
        self._thread_local = threading.local()
        self._names_in_use: dict[str, int] = {}
        self._ops: list[Operation] = []
        self._ops_by_name: dict[str, Operation] = {}
        self._collections: dict[str, list] = {}
        self._finalized = False
        self._version = 0
        self.seed = None
        self._seed_counter = 0          # op seeds handed out under a graph seed (TF's rule)
        self._var_store = None          # variables.store.VariableStore, created on first use
        self._evaluated = {}            # op -> output values computed while building (shape_fns)
        self._reduced_shapes = {}       # (shape, axes) -> kept dims and tile multiples (the Sum gradient)
        self._layer_name_uids = {}      # tf.layers' automatic names: base name -> last number used
        self._has_control_flow = False  # whether a cond or loop was ever built here (checks skipped until then)
        self._unfetchable_ops = set()   # ops inside a cond branch or a loop (prevent_fetching)
        self._unfeedable_tensors = set()  # a loop's values (prevent_feeding)
        self._node_defs = {}            # (op, add_shapes) -> its serialized node (graph_def.py), while it lasts
        self._functions = {}            # name -> a traced function a node names (tf.data's): the GraphDef's library
        self._stack_state_is_thread_local = False  # switch_to_thread_local() was called (TF's attribute)

    # -- default graph --------------------------------------------------------------------
    def as_default(self):
        """Make this the default graph inside a ``with`` block (this thread only)."""
        return context.push_graph(self)

    def switch_to_thread_local(self) -> None:
        """Give each thread its own device, colocation and control-dependency stacks in this
        graph (TensorFlow's ``Graph.switch_to_thread_local``). TF shares those stacks between
        threads until this is called; scopeflow keeps every builder stack per thread and graph
        from the start, so a graph is always in the state this call puts TF's in.

        >>> import scopeflow as tf
        >>> g = tf.Graph()
        >>> g.switch_to_thread_local()
        >>> g._stack_state_is_thread_local
        True
        """
        self._stack_state_is_thread_local = True

    # -- operations -----------------------------------------------------------------------
    @property
    def version(self) -> int:
        return self._version

    @property
    def graph_def_versions(self):
        """The ``VersionDef`` of this graph's GraphDef (TensorFlow 2.21's producer version)."""
        return graph_def.versions()

    def as_graph_def(self, from_version=None, add_shapes=False):
        """This graph as a ``GraphDef`` protocol buffer: every operation with TensorFlow's
        attributes, in creation order; ``add_shapes`` adds the ``_output_shapes`` of each node
        that has outputs. ``from_version`` is accepted and, as in TensorFlow 2.21 (whatever its
        docstring says), changes nothing: every node is written.

        >>> import scopeflow as tf
        >>> g = tf.Graph()
        >>> with g.as_default():
        ...     x = tf.constant(2.0, name="x")
        ...     y = tf.identity(x, name="y")
        >>> [(n.name, n.op, list(n.input)) for n in g.as_graph_def().node]
        [('x', 'Const', []), ('y', 'Identity', ['x'])]
        """
        return graph_def.graph_to_graph_def(self, from_version, add_shapes)

    @property
    def finalized(self) -> bool:
        return self._finalized

    @property
    def building_function(self) -> bool:
        """Whether this graph is a function body being traced (never, for a ``Graph``): a
        function's graph (``data/func_graph.py``) takes values of enclosing graphs as inputs
        (``capture``)."""
        return False

    def finalize(self) -> None:
        """Make the graph read-only: adding an op afterwards raises ``RuntimeError``."""
        self._finalized = True

    def _unsafe_unfinalize(self) -> None:
        self._finalized = False

    def _check_not_finalized(self) -> None:
        if self._finalized:
            raise RuntimeError("Graph is finalized and cannot be modified.")

    def get_operations(self) -> list[Operation]:
        """Every operation, in creation order."""
        with self._lock:
            return list(self._ops)

    def _get_operation_by_name(self, name):
        return self._ops_by_name[name]

    def get_operation_by_name(self, name) -> Operation:
        if not isinstance(name, str):
            raise TypeError(f"Operation names are strings (or similar), not {type(name).__name__}.")
        return self.as_graph_element(name, allow_tensor=False, allow_operation=True)

    def get_tensor_by_name(self, name) -> Tensor:
        if not isinstance(name, str):
            raise TypeError(f"Tensor names are strings (or similar), not {type(name).__name__}.")
        return self.as_graph_element(name, allow_tensor=True, allow_operation=False)

    def as_graph_element(self, obj, allow_tensor=True, allow_operation=True):
        """The ``Tensor`` or ``Operation`` that ``obj`` (an object or a name) stands for."""
        with self._lock:
            return self._as_graph_element(obj, allow_tensor, allow_operation)

    def _as_graph_element(self, obj, allow_tensor, allow_operation):
        if allow_tensor and allow_operation:
            types = "Tensor or Operation"
        elif allow_tensor:
            types = "Tensor"
        elif allow_operation:
            types = "Operation"
        else:
            raise ValueError("allow_tensor and allow_operation can't both be False.")
        conv = getattr(obj, "_as_graph_element", None)
        if conv is not None and callable(conv):
            obj = conv()
        if isinstance(obj, bytes):
            obj = obj.decode()
        if isinstance(obj, str):
            return self._element_by_name(obj, types, allow_tensor, allow_operation)
        if isinstance(obj, Tensor) and allow_tensor:
            if obj.graph is not self:
                raise ValueError(f"Tensor {obj} is not an element of this graph.")
            return obj
        if isinstance(obj, Operation) and allow_operation:
            if obj.graph is not self:
                raise ValueError(f"Operation {obj} is not an element of this graph.")
            return obj
        raise TypeError(f"Can not convert a {type(obj).__name__} into a {types}.")

    def _element_by_name(self, name, types, allow_tensor, allow_operation):
        if ":" in name and allow_tensor:
            try:
                op_name, out_n = name.split(":")
                out_n = int(out_n)
            except ValueError:
                raise ValueError(
                    f"The name {name!r} looks a like a Tensor name, but is not a valid one. "
                    f'Tensor names must be of the form "<op_name>:<output_index>".') from None
            op = self._ops_by_name.get(op_name)
            if op is None:
                raise KeyError(
                    f"The name {name!r} refers to a Tensor which does not exist. The operation, "
                    f"{op_name!r}, does not exist in the graph.")
            if not 0 <= out_n < len(op._outputs):
                raise KeyError(
                    f"The name {name!r} refers to a Tensor which does not exist. The operation, "
                    f"{op_name!r}, exists but only has {len(op._outputs)} outputs.")
            return op._outputs[out_n]
        if ":" in name:
            raise ValueError(f"Name {name!r} appears to refer to a Tensor, not a {types}.")
        if allow_operation:
            op = self._ops_by_name.get(name)
            if op is None:
                raise KeyError(f"The name {name!r} refers to an Operation not in the graph.")
            return op
        if name in self._ops_by_name:
            msg = f"The name {name!r} refers to an Operation, not a {types}."
        else:
            msg = f"The name {name!r} looks like an (invalid) Operation name, not a {types}."
        raise ValueError(msg + ' Tensor names must be of the form "<op_name>:<output_index>".')

    def _add_op(self, op_type, name, inputs, attrs, outputs, input_ops=None, own_scope=False,
                own_device="") -> Operation:
        """Create and register an operation whose ``name`` is already unique (see ``_op_name``).

        Inside a cond branch or a loop body (``state.control_flow_context``) the context then
        takes the op (``AddOp``), in the op's own name scope if ``own_scope`` (when the
        op's wrapper did not open it), as TensorFlow's ``_control_flow_post_processing``.
        ``own_device`` is an imported node's device, the innermost of the device blocks.
        """
        state = context.builder(self)
        with self._lock:
            if self._finalized:
                raise RuntimeError("Graph is finalized and cannot be modified.")
            if name in self._ops_by_name:  # an exact name ("scope/") is not uniquified, and takes no name from it
                raise ValueError(f"Duplicate node name in graph: '{name}'")
            control_stack = state.control_stack
            if control_stack and state.has_control_inputs():
                control = self._control_dependencies_for_inputs(
                    input_ops if input_ops is not None else {t._op for t in inputs}, state)
            else:
                control = _NO_OPS
                control_stack = _NO_OPS  # blocks without control inputs need not track their ops
            self._version += 1
            if state.gradient_overrides and op_type in state.gradient_overrides:
                attrs["_gradient_op_type"] = state.gradient_overrides[op_type]
            stack = state.device_stack
            device = stack[-1] if stack else ""
            if state.container and not attrs.get("container"):
                _set_container(op_type, attrs, state.container)
            if state.colocation_stack:
                attrs["_class"] = sorted({g for c in state.colocation_stack for g in c.colocation_groups()})
            op = Operation(self, self._version, name, op_type, inputs, control, attrs, outputs,
                           device if device.__class__ is str and not own_device else own_device)
            if device.__class__ is not str or own_device:  # a device function is open, or an imported node's device
                op._device = devices.place(device, op, own_device)
            if state.colocation_stack:  # the innermost colocated op with a device wins
                op._device = next((c._device for c in reversed(state.colocation_stack) if c._device), op._device)
            self._ops.append(op)
            self._ops_by_name[name] = op
            for t in inputs:
                consumers = t._consumers
                if consumers:
                    consumers.append(op)
                else:
                    t._consumers = [op]
            for c in control:
                c._add_control_output(op)
            for controller in control_stack:
                controller._seen.add(op)
        if self._has_control_flow:
            for t in inputs:  # a value from inside a loop can only be read where that loop runs
                if t._op._control_flow_context is not None:
                    t._op._control_flow_context.check_consumer(op, t._op, state.control_flow_context)
        ctx = state.control_flow_context
        if ctx is not None:  # a cond branch or loop body routes the op's outside inputs in
            op._control_flow_context = ctx
            if own_scope:  # the op's helper ops go under its name, as if built inside its own scope
                with _NameScope(self, name + "/"):
                    ctx.AddOp(op)
            else:
                ctx.AddOp(op)
        return op

    def _remove_ops(self, ops) -> None:
        """Take ``ops``, the newest of the graph with nothing built on them, out again: a
        failed ``import_graph_def`` leaves the graph as it was (TF's importer adds all or none)."""
        with self._lock:
            gone = set(ops)
            self._ops = [op for op in self._ops if op not in gone]
            for op in ops:
                del self._ops_by_name[op._name]
                self._node_defs.pop((op, False), None)
                self._node_defs.pop((op, True), None)
                self._names_in_use.pop(op._name.lower(), None)
                for t in op._inputs:
                    t._consumers.remove(op)
                for c in op._control_inputs:
                    c._control_outputs.remove(op)

    def _op_name(self, name: str | None, default: str) -> str:
        """The final name of a new op: ``name`` made unique in the current scope.

        A name ending in ``/`` (a scope string returned by ``name_scope``) is used as is,
        and validated unless it is the scope string just opened (its parts were checked
        when they were opened, and an op name under a scope is always new, so a cache of
        checked names would never hit). Otherwise only the new last component is
        validated: the scope around it was validated when it was opened, and components
        repeat, so their checks are cached.
        """
        if not name:
            name = default
        state = context.builder(self)
        if name[-1] == "/":
            if name is not state.opened_scope:
                naming.check_op_name(name[:-1])
            return name[:-1]
        stack = state.name_stack
        leaf = name
        if stack:
            name = f"{stack}/{name}"
        with self._lock:
            name = naming.unique_name(self._names_in_use, name)
        if not naming.valid_component(leaf, nested=bool(stack)):
            naming.check_op_name(name)  # TF marks the name used first, then refuses it
        return name

    def create_op(self, op_type, inputs, dtypes=None, input_types=None, name=None, attrs=None,
                  op_def=None, compute_shapes=True, compute_device=True) -> Operation:
        """Create an op of a registered type (TensorFlow's low-level ``Graph.create_op``):
        ``inputs`` is the op's flat list of input tensors, as in TF."""
        attrs = dict(attrs or {})
        return op_builder.create(op_type, op_builder.grouped_inputs(op_type, list(inputs), attrs), attrs, name,
                                 graph=self)

    # -- names ----------------------------------------------------------------------------
    def unique_name(self, name: str, mark_as_used: bool = True) -> str:
        """``name`` prefixed with the current name scope and made unique in this graph."""
        stack = context.builder(self).name_stack
        if stack:
            name = f"{stack}/{name}"
        with self._lock:
            return naming.unique_name(self._names_in_use, name, mark_as_used)

    def get_name_scope(self) -> str:
        return context.builder(self).name_stack

    def name_scope(self, name):
        """Open name scope ``name``; the ``with`` yields the scope string (``'a/b/'``).

        ``None`` or ``''`` return to the root; a name ending in ``/`` re-enters that exact
        scope; anything else opens a new, uniquified scope inside the current one.
        """
        return _NameScope(self, name)

    # -- control dependencies -------------------------------------------------------------
    def control_dependencies(self, control_inputs):
        """Ops created inside the block run after ``control_inputs`` (``None`` clears)."""
        if control_inputs is None:
            return _ControlDependencies(self, [], new_stack=True)
        stack = context.builder(self).control_stack
        current = {op for c in stack for op in c.control_inputs} if stack else set()
        ops = []
        for c in control_inputs:
            if type(c) is SymbolicTensor and c._op._graph is self:  # the common case: a gradient rule's ``[grad]``
                c = c._op
            else:
                c = self._control_input(c)
            if c not in current:
                ops.append(c)
                current.add(c)
                c._attrs["_has_manual_control_dependencies"] = True  # TF marks every manual control input
        return _ControlDependencies(self, ops, new_stack=False)

    def _control_input(self, c):
        if hasattr(c, "_as_graph_element") and not isinstance(c, (Tensor, Operation)) and hasattr(c, "op"):
            c = c.op
        c = self.as_graph_element(c)
        if isinstance(c, Tensor):
            return c.op
        if not isinstance(c, Operation):
            raise TypeError(f"Control input must be Operation or Tensor: {c}")
        return c

    def _record_op_seen_by_control_dependencies(self, op) -> None:
        """Count ``op`` as built inside every open ``control_dependencies`` block."""
        for controller in context.builder(self).control_stack:
            controller._seen.add(op)

    def _control_dependencies_for_inputs(self, input_ops, state):
        """The control inputs a new op with inputs from ``input_ops`` gets from the open
        blocks: a block adds none to an op that reads an op created inside it (the
        dependency is implied), nor the ones already among its inputs."""
        result = []
        for controller in state.control_stack:
            seen = controller._seen
            if seen and not seen.isdisjoint(input_ops):
                continue
            for c in controller.control_inputs:
                if c not in input_ops and c not in result:
                    result.append(c)
        return result

    # -- devices --------------------------------------------------------------------------
    @contextlib.contextmanager
    def device(self, device_name_or_function):
        """Place ops created inside the block (recorded in ``op.device``): a device string or
        ``DeviceSpec`` fills the parts of the device that inner blocks left unset, a device
        function ``f(op)`` returns the op's device (a string or ``DeviceSpec``), ``None``
        ignores the enclosing blocks (``framework/devices.py``)."""
        state = context.builder(self)
        outer = state.device_stack[-1] if state.device_stack else ""
        state.device_stack.append(devices.push(outer, device_name_or_function))
        try:
            yield
        finally:
            state.device_stack.pop()

    @contextlib.contextmanager
    def colocate_with(self, op, ignore_existing=False):
        """Ops created inside are colocated with ``op`` (a tensor's or variable's op): they get
        its colocation groups as their ``_class`` attribute (``loc:@name``), and its device when
        it has one, as in TensorFlow; enclosing ``device`` blocks do not apply inside (TF resets
        its device stack here). With ``ignore_existing``, enclosing ``colocate_with`` blocks
        are ignored."""
        if op is None and not ignore_existing:
            raise ValueError("Trying to reset colocation (op is None) but ignore_existing is not True")
        if op is not None and not isinstance(op, Operation):
            op = op.op if isinstance(op, Tensor) else self._control_input(op)
        state = context.builder(self)
        saved, saved_devices = state.colocation_stack, state.device_stack
        state.colocation_stack = ([] if ignore_existing else list(saved)) + ([op] if op is not None else [])
        state.device_stack = []
        try:
            yield
        finally:
            state.colocation_stack, state.device_stack = saved, saved_devices

    @contextlib.contextmanager
    def container(self, container_name):
        """Stateful ops created in the block (variables, queues) that leave their ``container``
        attribute empty get ``container_name``, the resource container a ``Session.reset``
        clears; ``""`` returns to the default container. The ``with`` yields the name."""
        state = context.builder(self)
        saved = state.container
        state.container = container_name
        try:
            yield container_name
        finally:
            state.container = saved

    @contextlib.contextmanager
    def gradient_override_map(self, op_type_map):
        """Use the gradient registered as ``op_type_map[t]`` for ops of type ``t`` built inside."""
        for k, v in op_type_map.items():
            if not isinstance(k, str) or not isinstance(v, str):
                raise TypeError("op_type_map must be a dictionary mapping strings to strings")
        state = context.builder(self)
        saved = dict(state.gradient_overrides)
        state.gradient_overrides.update(op_type_map)
        try:
            yield
        finally:
            state.gradient_overrides = saved

    # -- collections ----------------------------------------------------------------------
    def add_to_collection(self, name, value) -> None:
        self._check_not_finalized()
        with self._lock:
            self._collections.setdefault(name, []).append(value)

    def add_to_collections(self, names, value) -> None:
        names = (names,) if isinstance(names, str) else set(names)
        for name in names:
            self.add_to_collection(name, value)

    def get_collection_ref(self, name) -> list:
        """The collection's own list (changes to it change the collection)."""
        with self._lock:
            coll = self._collections.get(name)
            if coll is None:
                coll = self._collections[name] = []
            return coll

    def get_collection(self, name, scope=None) -> list:
        """A copy of the collection, keeping items whose ``name`` ``re.match``-es ``scope``."""
        with self._lock:
            coll = self._collections.get(name)
            if coll is None:
                return []
            if scope is None:
                return list(coll)
            regex = re.compile(scope)
            return [item for item in coll if _matches(regex, item)]

    def get_all_collection_keys(self) -> list:
        with self._lock:
            return [k for k, v in self._collections.items() if isinstance(v, list)]

    def clear_collection(self, name) -> None:
        self._check_not_finalized()
        with self._lock:
            self._collections.pop(name, None)

    @property
    def collections(self) -> list:
        return self.get_all_collection_keys()

    # -- control flow -----------------------------------------------------------------------
    def _get_control_flow_context(self):
        """The cond branch or loop body this thread is building in, or ``None``."""
        return context.builder(self).control_flow_context

    def _set_control_flow_context(self, ctx) -> None:
        context.builder(self).control_flow_context = ctx

    def prevent_fetching(self, op) -> None:
        self._unfetchable_ops.add(op)

    def prevent_feeding(self, tensor) -> None:
        self._unfeedable_tensors.add(tensor)

    def is_feedable(self, tensor) -> bool:
        return not self._unfeedable_tensors or tensor not in self._unfeedable_tensors  # hashing costs a call

    def is_fetchable(self, tensor_or_op) -> bool:
        if not self._unfetchable_ops:
            return True
        op = tensor_or_op if isinstance(tensor_or_op, Operation) else tensor_or_op.op
        return op not in self._unfetchable_ops

    def __repr__(self):
        return f"<scopeflow Graph with {len(self._ops)} ops>"


def _matches(regex, item) -> bool:
    try:
        return regex.match(item.name) is not None
    except (AttributeError, TypeError):
        return False


context.install_graph_class(Graph)
