"""The context managers a ``Graph`` hands out: ``name_scope`` and ``control_dependencies``.

Both are classes rather than generators, since they are on graph construction's hottest
path; each changes only the calling thread's builder state (``context``) and restores it
on exit.
"""

from __future__ import annotations

from scopeflow._src.framework import context, naming


class NameScope:
    """The context manager of ``Graph.name_scope`` (a class: it is on every op's path)."""

    __slots__ = ("_graph", "_name", "_state", "_old", "_old_opened")

    def __init__(self, graph, name):
        self._graph = graph
        self._name = name

    def __enter__(self) -> str:
        state = self._state = context.builder(self._graph)
        old = self._old = state.name_stack
        self._old_opened = state.opened_scope
        name = self._name
        if name:
            if isinstance(name, bytes):
                name = name.decode()
            naming.check_scope_name(name, nested=bool(old))
            if name[-1] == "/":
                state.name_stack = name[:-1]
                return name
            graph = self._graph
            with graph._lock:
                name = state.name_stack = naming.unique_name(graph._names_in_use, f"{old}/{name}" if old else name)
            scope = state.opened_scope = name + "/"  # a valid node name: its parts passed the scope checks
            return scope
        state.name_stack = ""
        return ""

    def __exit__(self, *exc):
        state = self._state
        if state is None:  # left already (out of order, then again): TF's generator scope does nothing
            return False
        self._state = None
        state.name_stack = self._old
        state.opened_scope = self._old_opened
        return False


class ControlDependencies:
    """The context manager returned by ``control_dependencies`` (a class: every gradient
    rule that TF writes with ``control_dependencies([grad])`` opens one)."""

    __slots__ = ("_graph", "control_inputs", "_new_stack", "_seen", "_saved", "_saved_context", "_state")

    def __init__(self, graph, control_inputs, new_stack):
        self._graph = graph
        self.control_inputs = control_inputs
        self._new_stack = new_stack
        self._seen = set()  # ops created inside the block
        self._saved = None

    def __enter__(self):
        state = self._state = context.builder(self._graph)
        if self._new_stack:  # ``control_dependencies(None)`` also leaves any cond branch or loop body
            self._saved = state.control_stack
            self._saved_context = state.control_flow_context
            state.control_stack = []
            state.control_flow_context = None
        state.control_stack.append(self)
        return None

    def __exit__(self, *exc):
        state = self._state
        if not state.control_stack or state.control_stack[-1] is not self:
            raise AssertionError("Nesting violated for control dependencies")
        state.control_stack.pop()
        if self._new_stack:
            state.control_stack = self._saved
            state.control_flow_context = self._saved_context
        return False
