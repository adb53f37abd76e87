"""``tf.Variable``: TensorFlow 1.x's reference variable (``RefVariable``).

A variable ``v`` is four ops, exactly as in TF1: the initial value (``v/initial_value``, or
``v/Initializer/...`` when it comes from a callable), ``v`` (``VariableV2``), ``v/Assign``
(the initializer) and ``v/read`` (the snapshot that ``v`` converts to in expressions).
The value lives in each ``Session`` separately.
"""

from __future__ import annotations

import contextlib
import enum
import functools
import inspect
import sys

from scopeflow._src.framework import context, devices
from scopeflow._src.framework.constant_op import convert_to_tensor, register_tensor_conversion_function
from scopeflow._src.framework.context import default_graph
from scopeflow._src.framework.default_graph import control_dependencies, name_scope
from scopeflow._src.framework.graph_keys import GraphKeys
from scopeflow._src.framework.indexed_slices import IndexedSlices
from scopeflow._src.framework.operation import _session_for
from scopeflow._src.framework.tensor_shape import as_shape, unknown_shape
from scopeflow._src.ops import array_ops, operators
from scopeflow._src.ops.state import variable_ops
from scopeflow._src.variables import variable_def as variable_def_lib

_INTERNAL_CODE: dict = {}  # code object -> whether it belongs to scopeflow (asked once per function)


def _user_frames(limit=5):
    """(file, line, function) of the caller's frames outside scopeflow, innermost first.

    Python 3.11 materialises frame objects lazily; walking ``f_back`` up from deep inside
    the variable store would build one per internal frame, for every variable. Starting at
    the frame the public ``get_variable`` recorded (``context.entered_from``) builds only the
    user's own frames."""
    frames = []
    f = context.user_frame() or sys._getframe(2)
    internal = _INTERNAL_CODE
    while f is not None and len(frames) < limit:
        code = f.f_code
        inside = internal.get(code)
        if inside is None:
            inside = internal[code] = "/scopeflow/" in code.co_filename.replace("\\", "/")
        if not inside:
            frames.append((code.co_filename, f.f_lineno, code.co_name))
        f = f.f_back
    return frames


class VariableSynchronization(enum.Enum):
    """Accepted for compatibility; scopeflow has one replica, so it changes nothing."""

    AUTO = 0
    NONE = 1
    ON_WRITE = 2
    ON_READ = 3


class VariableAggregation(enum.Enum):
    """Accepted for compatibility; scopeflow has one replica, so it changes nothing."""

    NONE = 0
    SUM = 1
    MEAN = 2
    ONLY_FIRST_REPLICA = 3
    ONLY_FIRST_TOWER = 3  # TF1's older name of ONLY_FIRST_REPLICA (an alias)


class _VariableMeta(type):
    """Routes ``tf.Variable(...)`` through the ``variable_creator_scope`` creators, if any."""

    def __call__(cls, *args, **kwargs):
        creators = context.builder(default_graph()).variable_creators
        if not creators:
            return super().__call__(*args, **kwargs)
        bound = inspect.signature(cls.__init__).bind(None, *args, **kwargs)
        bound.apply_defaults()
        params = dict(bound.arguments)
        params.pop("self")

        def make(next_creator, creator):
            return lambda **kw: creator(next_creator, **kw)

        chain = lambda **kw: type.__call__(cls, **kw)  # noqa: E731
        for creator in creators:
            chain = make(chain, creator)
        return chain(**params)


class RefVariable(metaclass=_VariableMeta):
    """A mutable tensor kept across ``Session.run`` calls (TF1's ``tf.Variable``).

    >>> import scopeflow as tf
    >>> v = tf.Variable(1.0, name="v")
    >>> [op.name for op in tf.get_default_graph().get_operations()]
    ['v/initial_value', 'v', 'v/Assign', 'v/read']
    >>> v.name, v.dtype.name
    ('v:0', 'float32_ref')
    """

    def __init__(self, initial_value=None, trainable=None, collections=None, validate_shape=True,
                 caching_device=None, name=None, variable_def=None, dtype=None, expected_shape=None,
                 import_scope=None, constraint=None, use_resource=None, synchronization=None,
                 aggregation=None, shape=None):
        if variable_def is not None:
            if initial_value is not None:
                raise ValueError("variable_def and initial_value are mutually exclusive.")
            self._init_from_proto(variable_def, import_scope)
            return
        if initial_value is None:
            raise ValueError("initial_value must be specified.")
        init_from_fn = callable(initial_value)
        if collections is None:
            collections = [GraphKeys.GLOBAL_VARIABLES]
        if not isinstance(collections, (list, tuple, set)):
            raise ValueError(f"collections argument to Variable constructor must be a list, tuple, or set. "
                             f"Got {collections} of type {type(collections)}")
        if constraint is not None and not callable(constraint):
            raise ValueError("The `constraint` argument must be a callable.")
        if trainable is None:  # TF: a variable synchronized on read is not trained
            trainable = synchronization != VariableSynchronization.ON_READ
        if trainable and GraphKeys.TRAINABLE_VARIABLES not in collections:
            collections = list(collections) + [GraphKeys.TRAINABLE_VARIABLES]
        self._trainable = trainable
        self._constraint = constraint
        self._synchronization = synchronization or VariableSynchronization.AUTO
        self._aggregation = aggregation or VariableAggregation.NONE
        self._save_slice_info = None
        self._frames = _user_frames()
        # TF's init_scope: a variable's ops depend on no control inputs and lie outside any
        # cond or loop, whatever surrounds its creation (the name scope is kept).
        state = context.builder(default_graph())
        outside = control_dependencies(None) if state.control_stack or state.control_flow_context is not None \
            else contextlib.nullcontext()  # nothing to leave: the common case costs nothing
        with outside, name_scope(name, "Variable", [] if init_from_fn else [initial_value]) as scope:
            if init_from_fn:
                first_new = len(default_graph()._ops)
                with name_scope("Initializer"), default_graph().device(None):
                    value = initial_value()
                    self._initial_value = convert_to_tensor(value, name="initial_value", dtype=dtype)
            else:
                self._initial_value = convert_to_tensor(initial_value, name="initial_value", dtype=dtype)
                if self._initial_value.op._control_flow_context is not None:
                    raise ValueError(f"Initializer for variable {scope} is from inside a control-flow construct, "
                                     f"such as a loop or conditional. When creating a variable inside a loop or "
                                     f"conditional, use a lambda as the initializer.")
            value_shape = self._initial_value.shape
            if shape is not None:  # TF: the variable takes the shape given, even an unknown one
                var_shape = as_shape(shape)
            else:
                var_shape = value_shape if validate_shape else unknown_shape()
            self._variable = variable_ops.variable_op_v2(var_shape, self._initial_value.dtype.base_dtype, name=scope)
            if init_from_fn:  # TF's _attr_scope: the initializer's ops and the variable are placed together
                _colocate_new_ops(default_graph(), first_new, f"loc:@{scope[:-1]}".encode())
            self._name = self._variable.name
            if validate_shape and not value_shape.is_fully_defined():
                raise ValueError(f"initial_value must have a shape specified: {self._initial_value}")
            # TF: an initial value reading other variables reads their initialized values
            from scopeflow._src.variables.init_guard import guard_initial_value
            self._initializer_op = variable_ops.assign(self._variable, guard_initial_value(scope, self._initial_value),
                                                    validate_shape=validate_shape).op
            self._snapshot = _snapshot(self._variable, caching_device)
        self._caching_device = caching_device
        self._graph = self._variable.graph
        self._graph.add_to_collections(collections, self)

    # -- identity -------------------------------------------------------------------------
    @property
    def name(self) -> str:
        return self._name

    @property
    def _shared_name(self) -> str:
        """The variable's name without the output index (TF's attribute, read by TF1 code)."""
        return self._name[:self._name.index(":")]

    @property
    def op(self):
        return self._variable.op

    @property
    def graph(self):
        return self._graph

    @property
    def device(self) -> str:
        return self._variable.device

    @property
    def dtype(self):
        return self._variable.dtype

    @property
    def shape(self):
        return self._variable.shape

    def get_shape(self):
        return self._variable.shape

    def set_shape(self, shape):
        self._variable.set_shape(shape)

    @property
    def trainable(self) -> bool:
        return self._trainable

    @property
    def constraint(self):
        return self._constraint

    @property
    def caching_device(self):
        return self._caching_device

    @property
    def initializer(self):
        """The ``Assign`` op that stores the initial value."""
        return self._initializer_op

    @property
    def initial_value(self):
        return self._initial_value

    @property
    def synchronization(self):
        return self._synchronization

    @property
    def aggregation(self):
        return self._aggregation

    # -- tensors --------------------------------------------------------------------------
    def value(self):
        """The ``v/read`` snapshot (what ``v`` converts to in expressions)."""
        return self._snapshot

    def read_value(self):
        """A new ``Identity`` of the variable named ``read``."""
        return array_ops.identity(self._variable, name="read")

    def initialized_value(self):
        """The variable's value if it has one, else its initial value (a ``tf.cond`` on
        ``IsVariableInitialized``, outside any control dependency): what another variable's
        initial value should read."""
        from scopeflow._src.ops.control.api import cond  # the control flow loads on first use
        with control_dependencies(None):
            return cond(variable_ops.is_variable_initialized(self._variable), self.read_value,
                        lambda: self.initial_value)

    def _ref(self):
        return self._variable

    def _as_graph_element(self):
        return self._variable

    def eval(self, session=None):
        return self._variable.eval(session=session)

    def load(self, value, session=None):
        """Assign ``value`` in ``session`` by feeding the initial value."""
        _session_for(self._graph, session, "evaluate tensor").run(self._initializer_op, {self._initial_value: value})

    # -- assignment -----------------------------------------------------------------------
    def assign(self, value, use_locking=False, name=None, read_value=True):
        out = variable_ops.assign(self._variable, value, use_locking=use_locking, name=name)
        return out if read_value else out.op

    def assign_add(self, delta, use_locking=False, name=None, read_value=True):
        out = variable_ops.assign_add(self._variable, delta, use_locking=use_locking, name=name)
        return out if read_value else out.op

    def assign_sub(self, delta, use_locking=False, name=None, read_value=True):
        out = variable_ops.assign_sub(self._variable, delta, use_locking=use_locking, name=name)
        return out if read_value else out.op

    def scatter_add(self, sparse_delta, use_locking=False, name=None):
        """Add the ``IndexedSlices`` ``sparse_delta`` to this variable's rows (a ``ScatterAdd``)."""
        return self._scatter("ScatterAdd", sparse_delta, use_locking, name)

    def scatter_sub(self, sparse_delta, use_locking=False, name=None):
        """Subtract the ``IndexedSlices`` ``sparse_delta`` from this variable's rows (a ``ScatterSub``)."""
        return self._scatter("ScatterSub", sparse_delta, use_locking, name)

    def scatter_update(self, sparse_delta, use_locking=False, name=None):
        """Set this variable's rows to the ``IndexedSlices`` ``sparse_delta`` (a ``ScatterUpdate``)."""
        return self._scatter("ScatterUpdate", sparse_delta, use_locking, name)

    def _scatter(self, op_type, sparse_delta, use_locking, name):
        from scopeflow._src.ops.state import sparse_training_ops  # noqa: PLC0415 - the sparse ops load on first use

        if not isinstance(sparse_delta, IndexedSlices):
            raise TypeError(f"sparse_delta is not IndexedSlices: {sparse_delta}")
        scatter = {"ScatterAdd": sparse_training_ops.scatter_add, "ScatterSub": sparse_training_ops.scatter_sub,
                   "ScatterUpdate": sparse_training_ops.scatter_update}[op_type]
        return scatter(self._variable, sparse_delta.indices, sparse_delta.values, use_locking=use_locking, name=name)

    def count_up_to(self, limit):
        """A ``CountUpTo`` op incrementing this int variable until ``limit`` (then
        ``OutOfRangeError``); its value is the count before the increment."""
        return variable_ops.count_up_to(self._variable, limit)

    # -- python protocol ------------------------------------------------------------------
    def __repr__(self):
        return f"<tf.Variable '{self.name}' shape={self.shape} dtype={self.dtype.name}>"

    def __hash__(self):
        return id(self)

    def __eq__(self, other):
        return self is other

    def __ne__(self, other):
        return self is not other

    def __iter__(self):
        """TF iterates over the variable's value: a graph tensor refuses it."""
        return iter(self._snapshot)

    def ref(self):
        return self._snapshot.ref().__class__(self)

    SaveSliceInfo = variable_def_lib.SaveSliceInfo

    def _set_save_slice_info(self, save_slice_info):
        """Mark this variable as a shard of a partitioned variable (a ``SaveSliceInfo``)."""
        self._save_slice_info = save_slice_info

    def _get_save_slice_info(self):
        return self._save_slice_info

    # -- VariableDef protos (a meta graph's variable collections) --------------------------
    def to_proto(self, export_scope=None):
        """The variable as a ``VariableDef`` proto with ``export_scope`` taken off its names,
        or ``None`` when the variable lies outside ``export_scope``.

        >>> import scopeflow as tf
        >>> print(tf.Variable(1.0, name="v").to_proto(), end="")
        variable_name: "v:0"
        initializer_name: "v/Assign"
        snapshot_name: "v/read:0"
        initial_value_name: "v/initial_value:0"
        trainable: true
        """
        return variable_def_lib.to_proto(self, export_scope)

    @staticmethod
    def from_proto(variable_def, import_scope=None):
        """The variable whose ops ``variable_def`` names (in the default graph, under
        ``import_scope``): what ``tf.train.import_meta_graph`` makes of each ``VariableDef``."""
        return RefVariable(variable_def=variable_def, import_scope=import_scope)

    def _init_from_proto(self, variable_def, import_scope=None):
        (self._variable, self._initializer_op, self._initial_value, self._snapshot,
         self._save_slice_info) = variable_def_lib.bound_elements(variable_def, import_scope)
        self._name = self._variable.name
        self._graph = self._variable.graph
        name = variable_def.variable_name
        self._synchronization = _enum_of(VariableSynchronization, variable_def.synchronization, "synchronization", name)
        self._aggregation = _enum_of(VariableAggregation, variable_def.aggregation, "aggregation", name)
        self._trainable = variable_def.trainable
        self._caching_device = None
        self._constraint = None
        self._frames = []


def _snapshot(variable, caching_device):
    """The variable's ``read`` Identity: placed with the variable, or on ``caching_device`` (a
    device string, or TF's device function of the op: ``lambda op: op.device`` in an RNN)."""
    graph = variable.graph
    if caching_device is None:
        with graph.colocate_with(variable.op):
            return array_ops.identity(variable, name="read")
    if not callable(caching_device):
        with graph.device(caching_device):
            return array_ops.identity(variable, name="read")
    read = array_ops.identity(variable, name="read")
    read.op._set_device(devices.merge(read.op.device, caching_device(read.op)))
    return read


def _colocate_new_ops(graph, first, group) -> None:
    """Give the ops added to ``graph`` from index ``first`` on that have no ``_class`` the one
    colocation group ``group`` (what TF's ``_attr_scope({"_class": ...})`` does as they are built)."""
    with graph._lock:
        new = graph._ops[first:]
    for op in new:
        op._attrs.setdefault("_class", [group])


def _enum_of(enum_class, value, what, name):
    try:
        return enum_class(value)
    except ValueError:
        raise ValueError(f"Invalid variable {what} mode: {value} for variable: {name}") from None


def _install_operators():
    for key, fn in operators.operator_table().items():
        def method(self, *args, _fn=fn):
            if _fn is array_ops.slice_helper:
                return _fn(self.value(), *args, var=self)
            return _fn(self.value(), *args)
        if fn is array_ops.slice_helper:
            method.__name__, method.__module__ = key, fn.__module__
        else:  # as TF: a variable's operator reports the tensor operator it applies (functools.wraps)
            functools.update_wrapper(method, fn)
        setattr(RefVariable, key, method)


_install_operators()


def _to_tensor(v, dtype=None, name=None, as_ref=False):
    if dtype is not None and not dtype.is_compatible_with(v.dtype):
        raise ValueError(f"Incompatible type conversion requested to type '{dtype.name}' for variable of type "
                         f"'{v.dtype.name}' (Variable: {v}).")
    return v._ref() if as_ref else v.value()


register_tensor_conversion_function(RefVariable, _to_tensor)


@contextlib.contextmanager
def variable_creator_scope(variable_creator):
    """Route ``tf.Variable`` creation through ``variable_creator(next_creator, **kwargs)``."""
    state = context.builder(default_graph())
    old = state.variable_creators
    new = state.variable_creators = [*old, variable_creator]  # a new list per scope: its identity marks the scope
    try:
        yield
    finally:
        if state.variable_creators is not new:  # TF's error; the stack is left as it is
            raise RuntimeError("Exiting variable_creator_scope without proper nesting.")
        state.variable_creators = old
