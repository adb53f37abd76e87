"""``tf.make_template``: a function whose variables are created once and then shared."""

from __future__ import annotations

import functools

from scopeflow._src.framework.context import default_graph
from scopeflow._src.framework.graph_keys import GraphKeys
from scopeflow._src.variables.store import store_for
from scopeflow._src.variables.variable_scope import (
    _get_unique_variable_scope,
    _PureVariableScope,
    _state,
    variable_scope,
)


class Template:
    """Calls ``func`` in one variable scope; the first call creates, later calls reuse."""

    def __init__(self, name, func, create_scope_now=False, unique_name=None, custom_getter=None,
                 create_graph_function=False):
        self._func = func
        self._stacktrace = None
        self._name = name
        self._unique_name = unique_name
        self._custom_getter = custom_getter
        self._variables_created = False
        if name is None:
            raise ValueError("name cannot be None.")
        if create_scope_now:
            graph = default_graph()
            with graph._lock:
                name = self._unique_name or _get_unique_variable_scope(_state(), self._name,
                                                                       store_for(graph).scope_claims)
            with _PureVariableScope(name, custom_getter=self._custom_getter) as vs:
                self._variable_scope = vs
        else:
            self._variable_scope = None

    def _call_func(self, args, kwargs):
        graph = default_graph()
        trainable_before = len(graph.get_collection(GraphKeys.TRAINABLE_VARIABLES))
        result = self._func(*args, **kwargs)
        if self._variables_created:
            trainable_after = graph.get_collection(GraphKeys.TRAINABLE_VARIABLES)
            if len(trainable_after) != trainable_before:
                raise ValueError(
                    f"Trainable variable created when calling a template after the first time, perhaps you used "
                    f"tf.Variable when you meant tf.get_variable: {trainable_after[trainable_before:]}")
        self._variables_created = True
        return result

    def __call__(self, *args, **kwargs):
        if self._variable_scope is not None:
            with variable_scope(self._variable_scope, reuse=self._variables_created):
                return self._call_func(args, kwargs)
        with variable_scope(self._unique_name, self._name, custom_getter=self._custom_getter) as vs:
            self._variable_scope = vs
            return self._call_func(args, kwargs)

    @property
    def name(self):
        return self._name

    @property
    def func(self):
        return self._func

    @property
    def variable_scope(self):
        return self._variable_scope

    @property
    def variable_scope_name(self):
        if self._variable_scope is None:
            return None
        name = self._variable_scope.name
        return name if not name or name[-1] == "/" else name + "/"

    @property
    def variables(self):
        return self.global_variables

    @property
    def trainable_variables(self):
        if self._variables_created:
            return default_graph().get_collection(GraphKeys.TRAINABLE_VARIABLES, self.variable_scope_name)
        return []

    @property
    def global_variables(self):
        if self._variables_created:
            return default_graph().get_collection(GraphKeys.GLOBAL_VARIABLES, self.variable_scope_name)
        return []

    @property
    def local_variables(self):
        if self._variables_created:
            return default_graph().get_collection(GraphKeys.LOCAL_VARIABLES, self.variable_scope_name)
        return []

    @property
    def non_trainable_variables(self):
        trainable = set(self.trainable_variables)
        return [v for v in self.global_variables if v not in trainable]

    @property
    def var_scope(self):
        return self._variable_scope


def make_template(name_, func_, create_scope_now_=False, unique_name_=None, custom_getter_=None, **kwargs):
    """Wrap ``func_`` so that all its calls share the variables of the first call.

    >>> import scopeflow as tf
    >>> def layer(x):
    ...     w = tf.get_variable("w", [], initializer=tf.ones_initializer())
    ...     return x * w
    >>> t = tf.make_template("layer", layer)
    >>> a, b = t(tf.constant(1.0)), t(tf.constant(2.0))
    >>> [v.name for v in tf.trainable_variables()]
    ['layer/w:0']
    """
    if kwargs:
        func_ = functools.partial(func_, **kwargs)
    return Template(name_, func_, create_scope_now=create_scope_now_, unique_name=unique_name_,
                    custom_getter=custom_getter_)
