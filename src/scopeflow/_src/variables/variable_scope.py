"""``variable_scope``, ``VariableScope`` and ``get_variable``: TF1's variable sharing.

A variable scope names variables (``get_variable`` ignores name scopes) and carries the
defaults for variables created inside it: ``reuse``, ``initializer``, ``regularizer``,
``dtype``, ``constraint``, ``custom_getter``... Entering a variable scope also opens a name
scope for ops, which is uniquified separately: entering ``foo`` twice puts variables under
``foo/`` both times but ops under ``foo/`` and then ``foo_1/``.

The current scope is per thread and per graph (``context.BuilderState.var_scope``).
"""

from __future__ import annotations

import functools
import sys
from operator import attrgetter as _get

from scopeflow._src.framework import context, dtypes
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import _graph_from, get_collection, name_scope
from scopeflow._src.framework.graph_keys import GraphKeys
from scopeflow._src.variables import expectations, explain
from scopeflow._src.variables.store import AUTO_REUSE, store_for


class VariableScope:
    """The defaults and name of a variable scope (what ``tf.variable_scope`` yields)."""

    # where the scope was opened and its reuse set, and the scope it was opened in: read only by
    # the help after get_variable's errors (explain.py); unset for the root scope
    _opened_at = _reuse_at = _parent = None

    def __init__(self, reuse, name="", initializer=None, regularizer=None, caching_device=None,
                 partitioner=None, custom_getter=None, name_scope="", dtype=dtypes.float32,
                 use_resource=None, constraint=None):
        self._name = name
        self._initializer = initializer
        self._regularizer = regularizer
        self._reuse = reuse
        self._caching_device = caching_device
        self._partitioner = partitioner
        self._custom_getter = custom_getter
        self._name_scope = name_scope
        self._dtype = dtype
        self._use_resource = use_resource
        self._constraint = constraint

    # read-only attributes; ``attrgetter`` runs no Python frame (read per variable and scope)
    name = property(_get("_name"))
    original_name_scope = property(_get("_name_scope"))
    reuse = property(_get("_reuse"))
    initializer = property(_get("_initializer"))
    dtype = property(_get("_dtype"))
    use_resource = property(_get("_use_resource"))
    regularizer = property(_get("_regularizer"))
    caching_device = property(_get("_caching_device"))
    partitioner = property(_get("_partitioner"))
    custom_getter = property(_get("_custom_getter"))
    constraint = property(_get("_constraint"))

    def reuse_variables(self):
        """From now on, ``get_variable`` in this scope fetches existing variables."""
        self._reuse = True
        self._reuse_at = explain.call_site()

    def set_initializer(self, initializer):
        self._initializer = initializer

    def set_dtype(self, dtype):
        self._dtype = dtype

    def set_use_resource(self, use_resource):
        self._use_resource = use_resource

    def set_regularizer(self, regularizer):
        self._regularizer = regularizer

    def set_caching_device(self, caching_device):
        self._caching_device = caching_device

    def set_partitioner(self, partitioner):
        self._partitioner = partitioner

    def set_custom_getter(self, custom_getter):
        self._custom_getter = custom_getter

    def get_collection(self, name):
        scope = self._name + "/" if self._name else ""
        return get_collection(name, scope)

    def trainable_variables(self):
        return self.get_collection(GraphKeys.TRAINABLE_VARIABLES)

    def global_variables(self):
        return self.get_collection(GraphKeys.GLOBAL_VARIABLES)

    def local_variables(self):
        return self.get_collection(GraphKeys.LOCAL_VARIABLES)

    def _reused(self, var_store, name, shape, dtype, reuse, custom_getter, initializer, partitioner):
        """The existing variable ``<scope>/<name>`` when this is a plain reuse lookup that
        can only return it, else ``None`` (and ``get_variable`` does everything, as TF does:
        custom getters, partitioners, and a constant initializer, which TF converts and checks
        even when it reuses)."""
        if (custom_getter is not None or self._custom_getter is not None or partitioner is not None
                or self._partitioner is not None or initializer is not None and not callable(initializer)):
            return None
        return var_store.reusable(f"{self._name}/{name}" if self._name else name, shape,
                                  self._dtype if dtype is None else dtype, self._reuse if reuse is None else reuse)

    def get_variable(self, var_store, name, shape=None, dtype=None, initializer=None, regularizer=None,
                     reuse=None, trainable=None, collections=None, caching_device=None, partitioner=None,
                     validate_shape=True, use_resource=None, custom_getter=None, constraint=None,
                     synchronization=None, aggregation=None):
        """Create or fetch ``<scope>/<name>`` with this scope's defaults filled in."""
        regularizer = self._regularizer if regularizer is None else regularizer
        caching_device = self._caching_device if caching_device is None else caching_device
        partitioner = self._partitioner if partitioner is None else partitioner
        custom_getter = self._custom_getter if custom_getter is None else custom_getter
        reuse = self._reuse if reuse is None else reuse
        full_name = f"{self._name}/{name}" if self._name else name
        with name_scope(None):
            if dtype is not None and initializer is not None and not callable(initializer):
                init_dtype = convert_to_tensor(initializer).dtype.base_dtype
                if init_dtype != dtype:
                    raise ValueError(f"Initializer type '{init_dtype}' and explicit dtype '{dtypes.as_dtype(dtype)}' "
                                     f"don't match.")
            initializer = self._initializer if initializer is None else initializer
            constraint = self._constraint if constraint is None else constraint
            dtype = self._dtype if dtype is None else dtype
            return var_store.get_variable(
                full_name, shape=shape, dtype=dtype, initializer=initializer, regularizer=regularizer,
                reuse=reuse, trainable=trainable, collections=collections, caching_device=caching_device,
                partitioner=partitioner, validate_shape=validate_shape, use_resource=use_resource,
                custom_getter=custom_getter, constraint=constraint, synchronization=synchronization,
                aggregation=aggregation)


def _state(graph=None):
    state = context.builder(graph or context.default_graph())
    if state.var_scope is None:
        state.var_scope = VariableScope(False)
    return state


def get_variable_scope() -> VariableScope:
    """The current ``VariableScope`` of this thread in the default graph."""
    return _state().var_scope


def _get_unique_variable_scope(state, prefix, claims):
    """The next free ``prefix``, ``prefix_1`` ... under the current scope: unopened by this thread
    (TensorFlow's counts) and not taken by another thread building into the graph (``claims``, the
    store's, read and written under the graph's lock), so threads get the names one thread would."""
    current = state.var_scope.name
    name = f"{current}/{prefix}" if current else prefix

    def free(full):
        return state.var_scope_counts.get(full) == 0 and claims.get(full, state) is state

    idx = 0
    while not free(f"{name}_{idx}" if idx else name):
        idx += 1
    claims.setdefault(f"{name}_{idx}" if idx else name, state)
    return f"{prefix}_{idx}" if idx else prefix


def _wrap_custom_getter(custom_getter, old_getter):
    """The new getter wraps the old one: ``custom(partial(old, true_getter), ...)``."""
    if old_getter is None:
        return custom_getter

    def wrapped(getter, *args, **kwargs):
        return custom_getter(functools.partial(old_getter, getter), *args, **kwargs)
    return wrapped


class _PureVariableScope:
    """Switches the current ``VariableScope`` (no name scope); used by ``variable_scope``."""

    def __init__(self, name_or_scope, reuse=None, initializer=None, regularizer=None, caching_device=None,
                 partitioner=None, custom_getter=None, old_name_scope=None, dtype=dtypes.float32,
                 use_resource=None, constraint=None):
        self._name_or_scope = name_or_scope
        self._reuse = reuse
        self._overrides = dict(initializer=initializer, regularizer=regularizer, caching_device=caching_device,
                               partitioner=partitioner, dtype=dtype, use_resource=use_resource)
        self._custom_getter = custom_getter
        self._old_name_scope = old_name_scope
        self._constraint = constraint
        self._state = _state()
        self._entered = None

    def _apply_overrides(self, scope, base_getter):
        for key, value in self._overrides.items():
            if value is not None:
                getattr(scope, f"set_{key}")(value)
        if self._custom_getter is not None:
            scope.set_custom_getter(_wrap_custom_getter(self._custom_getter, base_getter))

    def __enter__(self):
        state = self._state
        self._old = state.var_scope
        if isinstance(self._name_or_scope, VariableScope):
            src = self._name_or_scope
            self._new_name = src.name
            scope = VariableScope(
                src.reuse if not self._reuse else self._reuse, name=src.name, initializer=src.initializer,
                regularizer=src.regularizer, caching_device=src.caching_device, partitioner=src.partitioner,
                dtype=src.dtype, custom_getter=src.custom_getter, name_scope=src._name_scope,
                use_resource=src.use_resource, constraint=self._constraint)
            self._apply_overrides(scope, src.custom_getter)
            state.var_scope_counts.open(self._new_name)
            self._old_counts = state.var_scope_counts.copy()
        else:
            old = self._old
            self._new_name = f"{old.name}/{self._name_or_scope}" if old.name else self._name_or_scope
            reuse = self._reuse or old.reuse
            ns = self._name_or_scope if self._old_name_scope is None else self._old_name_scope
            scope = VariableScope(
                reuse, name=self._new_name, initializer=old.initializer, regularizer=old.regularizer,
                caching_device=old.caching_device, partitioner=old.partitioner, dtype=old.dtype,
                use_resource=old.use_resource, custom_getter=old.custom_getter, name_scope=ns,
                constraint=self._constraint)
            self._apply_overrides(scope, old.custom_getter)
            state.var_scope_counts.open(self._new_name)
        scope._parent = self._old
        scope._opened_at = site = explain.call_site()
        scope._reuse_at = site if self._reuse else (
            self._name_or_scope if isinstance(self._name_or_scope, VariableScope) else self._old)._reuse_at
        state.var_scope = scope
        self._entered = scope
        return scope

    def __exit__(self, *exc):
        state = self._state
        if state.var_scope is not self._entered:
            raise RuntimeError("Improper nesting of variable_scope.")
        if isinstance(self._name_or_scope, VariableScope):
            state.var_scope_counts = self._old_counts
        else:
            state.var_scope_counts.close_below(self._new_name)
        state.var_scope = self._old


class variable_scope:  # noqa: N801 - TensorFlow's name
    """Open a variable scope (and a name scope for ops); see the module docstring.

    >>> import scopeflow as tf
    >>> with tf.variable_scope("foo"):
    ...     v = tf.get_variable("v", [1])
    >>> with tf.variable_scope("foo", reuse=True):
    ...     v1 = tf.get_variable("v", [1])
    >>> v1 is v, v.name
    (True, 'foo/v:0')
    """

    def __init__(self, name_or_scope, default_name=None, values=None, initializer=None, regularizer=None,
                 caching_device=None, partitioner=None, custom_getter=None, reuse=None, dtype=None,
                 use_resource=None, constraint=None, auxiliary_name_scope=True):
        self._name_or_scope = name_or_scope
        self._default_name = default_name
        self._values = values
        self._kwargs = dict(initializer=initializer, regularizer=regularizer, caching_device=caching_device,
                            partitioner=partitioner, custom_getter=custom_getter, dtype=dtype,
                            use_resource=use_resource, constraint=constraint)
        self._reuse = reuse
        if default_name is None and name_or_scope is None:
            raise TypeError("If default_name is None then name_or_scope is required")
        if self._reuse is False:
            self._reuse = None  # non-inheriting scopes do not exist: False means "inherit"
        if not (self._reuse is True or self._reuse is None or self._reuse is AUTO_REUSE):
            raise ValueError("The reuse parameter must be True or False or None.")
        if not isinstance(auxiliary_name_scope, bool):
            raise TypeError(f"The auxiliary_name_scope must be `True` or `False`, while get {auxiliary_name_scope}")
        self._auxiliary_name_scope = auxiliary_name_scope
        self._graph = _graph_from(values or []) or context.default_graph()
        self._graph_cm = None
        self._name_cm = None
        self._pure = None

    def __enter__(self) -> VariableScope:
        self._graph_cm = self._graph.as_default()
        self._graph_cm.__enter__()
        try:
            return self._enter()
        except BaseException:
            self._graph_cm.__exit__(None, None, None)
            raise

    def _enter(self):
        if self._auxiliary_name_scope:
            name_cm = None
        else:
            current = self._graph.get_name_scope()
            name_cm = name_scope(current + "/" if current else current)
        if self._name_or_scope is not None:
            if not isinstance(self._name_or_scope, (VariableScope, str, bytes)):
                raise TypeError("VariableScope: name_or_scope must be a string or VariableScope.")
            if isinstance(self._name_or_scope, (str, bytes)):
                ns = self._name_or_scope.decode() if isinstance(self._name_or_scope, bytes) else self._name_or_scope
            else:
                ns = self._name_or_scope.name.split("/")[-1]
            old_name_scope = None
            if ns or name_cm:
                name_cm = name_cm or name_scope(ns)
                entered_ns = self._enter_name_scope(name_cm)
                old_name_scope = entered_ns if isinstance(self._name_or_scope, (str, bytes)) \
                    else self._name_or_scope.original_name_scope
            pure = _PureVariableScope(self._name_or_scope, reuse=self._reuse, old_name_scope=old_name_scope,
                                      **self._kwargs)
        else:
            if self._reuse:
                raise ValueError("reuse=True cannot be used without a name_or_scope")
            name_cm = name_cm or name_scope(self._default_name)
            with self._graph._lock:  # name scope and variable scope chosen together, one thread at a time
                entered_ns = self._enter_name_scope(name_cm)
                unique = _get_unique_variable_scope(_state(), self._default_name, store_for(self._graph).scope_claims)
            pure = _PureVariableScope(unique, old_name_scope=entered_ns, **self._kwargs)
        try:
            scope = pure.__enter__()
        except BaseException:
            self._exit_name_scope()
            raise
        self._pure = pure
        return scope

    def _enter_name_scope(self, cm):
        entered = cm.__enter__()
        self._name_cm = cm
        return entered

    def _exit_name_scope(self):
        if self._name_cm is not None:
            cm, self._name_cm = self._name_cm, None
            cm.__exit__(None, None, None)

    def __exit__(self, *exc):
        try:
            self._pure.__exit__(*exc)
        finally:
            try:
                self._exit_name_scope()
            finally:
                # the name scope and the graph are left once, as TF's one-shot context managers:
                # a scope exited again (or out of order, then in order) raises TF's RuntimeError
                # above, never a graph-stack AssertionError
                graph_cm, self._graph_cm = self._graph_cm, None
                if graph_cm is not None:
                    graph_cm.__exit__(*exc)


def no_regularizer(_):
    """A regularizer that adds nothing: ``regularizer=tf.no_regularizer`` turns off the
    scope's regularizer for one variable.

    >>> import scopeflow as tf
    >>> with tf.variable_scope("s", regularizer=lambda w: tf.reduce_sum(w)):
    ...     a = tf.get_variable("a", [2])
    ...     b = tf.get_variable("b", [2], regularizer=tf.no_regularizer)
    >>> len(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES))
    1
    """
    return None


def variable_op_scope(values, name_or_scope, default_name=None, **kwargs):
    """Deprecated TF alias of ``variable_scope`` with ``values`` first."""
    return variable_scope(name_or_scope, default_name=default_name, values=values, **kwargs)


def get_variable(name, shape=None, dtype=None, initializer=None, regularizer=None, trainable=None,
                 collections=None, caching_device=None, partitioner=None, validate_shape=True,
                 use_resource=None, custom_getter=None, constraint=None, synchronization=None,
                 aggregation=None):
    """Create ``<variable scope>/<name>``, or fetch it when the scope reuses variables.

    Name scopes are ignored: under ``tf.name_scope("a")``, ``get_variable("w")`` is ``w:0``.
    """
    scope = get_variable_scope()
    store = store_for(context.default_graph())
    found = scope._reused(store, name, shape, dtype, None, custom_getter, initializer, partitioner)
    if found is not None:
        if expectations.active():
            expectations.check_reuse(found)
        return found  # the lookup of a shared variable: TF's checks all pass, nothing is built
    with context.entered_from(sys._getframe(1)):
        try:
            return scope.get_variable(
                store, name, shape=shape, dtype=dtype, initializer=initializer,
                regularizer=regularizer, trainable=trainable, collections=collections, caching_device=caching_device,
                partitioner=partitioner, validate_shape=validate_shape, use_resource=use_resource,
                custom_getter=custom_getter, constraint=constraint, synchronization=synchronization,
                aggregation=aggregation)
        except ValueError as e:
            explain.add_help(e, name, scope, store, context.default_graph())  # after TF's sentence, never instead
            raise


def get_local_variable(name, shape=None, dtype=None, initializer=None, regularizer=None, trainable=False,
                       collections=None, caching_device=None, partitioner=None, validate_shape=True,
                       use_resource=None, custom_getter=None, constraint=None, synchronization=None,
                       aggregation=None):
    """``get_variable`` into ``LOCAL_VARIABLES``, never trainable."""
    collections = list(collections or []) + [GraphKeys.LOCAL_VARIABLES]
    return get_variable(name, shape=shape, dtype=dtype, initializer=initializer, regularizer=regularizer,
                        trainable=False, collections=collections, caching_device=caching_device,
                        partitioner=partitioner, validate_shape=validate_shape, use_resource=use_resource,
                        custom_getter=custom_getter, constraint=constraint, synchronization=synchronization,
                        aggregation=aggregation)
