"""All of scopeflow's "current" state, in one place.

Three kinds of state exist, and nothing else in the package keeps any:

* the default-graph and default-session stacks, one per thread (a thread with an empty
  stack sees the process-wide default graph, as in TensorFlow);
* per-(graph, thread) builder state: the name-scope string, the control-dependency, device
  and colocation stacks, the variable-scope stack and its ``default_name`` counters,
  gradient overrides;
* per-thread: the user's frame that entered ``get_variable`` (``entered_from``), where a
  variable's "Originally defined at" frames start;
* per-graph shared state (the unique-name table, collections, the variable store, layer
  name counters, build-time memos), kept on the ``Graph`` itself and guarded by its lock.

Every change goes through a context manager that restores the old value in ``finally``
and checks that exits match entries.
"""

from __future__ import annotations

import contextlib
import threading


class ScopeCounts:
    """How often each variable scope name was opened (``default_name`` scopes take the next
    free ``name_N``), and each scope's child scopes, so that closing a scope resets its
    descendants' counters (TensorFlow's rule) without scanning every scope ever opened."""

    __slots__ = ("counts", "children")

    def __init__(self, counts=None, children=None):
        self.counts = {} if counts is None else counts      # scope name -> times opened
        self.children = {} if children is None else children  # scope name -> its child scopes' names

    def get(self, name: str) -> int:
        return self.counts.get(name, 0)

    def open(self, name: str) -> None:
        if name not in self.counts and name:
            self.children.setdefault(name.rpartition("/")[0], []).append(name)
        self.counts[name] = self.counts.get(name, 0) + 1

    def close_below(self, name: str) -> None:
        """Zero the counters of every scope below ``name``."""
        stack = list(self.children.get(name, ()))
        while stack:
            child = stack.pop()
            self.counts[child] = 0
            stack.extend(self.children.get(child, ()))

    def copy(self) -> "ScopeCounts":
        return ScopeCounts(dict(self.counts), {k: list(v) for k, v in self.children.items()})


class BuilderState:
    """What one thread is building inside one graph: scopes and dependency stacks."""

    __slots__ = ("name_stack", "opened_scope", "control_stack", "device_stack", "colocation_stack",
                 "var_scope", "var_scope_counts", "gradient_overrides", "variable_creators",
                 "control_flow_context", "container")

    def __init__(self):
        self.name_stack = ""            # current name scope, without trailing "/"
        self.opened_scope = None        # the scope string ("a/b/") that the innermost new name scope returned
        self.control_stack = []         # ControlDependencies controllers
        self.device_stack = []          # device strings, innermost last
        self.colocation_stack = []      # ops to colocate with
        self.var_scope = None           # current VariableScope (created lazily)
        self.var_scope_counts = ScopeCounts()
        self.gradient_overrides = {}    # op type -> gradient name (gradient_override_map)
        self.variable_creators = []     # variable_creator_scope functions, innermost last
        self.control_flow_context = None  # the cond branch or loop body being built (ops/control/contexts.py)
        self.container = ""             # the resource container of new stateful ops (Graph.container)

    def has_control_inputs(self) -> bool:
        """Whether any open ``control_dependencies`` block adds control inputs to new ops."""
        for c in self.control_stack:
            if c.control_inputs:
                return True
        return False


def builder(graph) -> BuilderState:
    """The calling thread's builder state for ``graph``."""
    local = graph._thread_local
    try:
        return local.state
    except AttributeError:
        local.state = BuilderState()
        return local.state


class _ThreadStacks(threading.local):
    def __init__(self):
        self.graphs = []
        self.sessions = []
        self.user_frame = None  # the frame that called the public get_variable (entered_from)


_stacks = _ThreadStacks()
_global_graph = None
_global_lock = threading.Lock()
_graph_class = None  # ``Graph``, installed by graph.py (which imports this module) when it loads


def install_graph_class(cls) -> None:
    """Called once, by ``graph.py``: the class the global default graph is made of."""
    global _graph_class
    _graph_class = cls


def default_graph():
    """The innermost graph entered with ``as_default`` on this thread, else the global one."""
    graphs = _stacks.graphs
    if graphs:
        return graphs[-1]
    return _global_default_graph()


def _global_default_graph():
    global _global_graph
    if _global_graph is None:
        with _global_lock:
            if _global_graph is None:
                _global_graph = _graph_class()
    return _global_graph


def reset_default_graph() -> None:
    """Replace the global default graph with a new, empty one."""
    global _global_graph
    if _stacks.graphs:
        raise AssertionError(
            "Do not use tf.reset_default_graph() to clear nested graphs. If you need a cleared "
            "graph, exit the nesting and create a new graph.")
    with _global_lock:
        _global_graph = None


class push_graph:  # noqa: N801 - used like a function: ``with push_graph(g):``
    """Make ``graph`` this thread's default graph inside the ``with`` block.

    A class rather than a generator: every op built by a wrapper that names its inputs
    passes through here.
    """

    __slots__ = ("_graph", "_stack")

    def __init__(self, graph):
        self._graph = graph

    def __enter__(self):
        self._stack = stack = _stacks.graphs
        stack.append(self._graph)
        return self._graph

    def __exit__(self, *exc):
        stack = self._stack
        if not stack or stack[-1] is not self._graph:
            raise AssertionError("Nesting violated for default graph stack.")
        stack.pop()
        return False


def default_session():
    """The innermost session entered with ``as_default`` on this thread, or ``None``."""
    sessions = _stacks.sessions
    return sessions[-1] if sessions else None


@contextlib.contextmanager
def push_session(session):
    """Make ``session`` this thread's default session (the default graph does not change,
    as in TensorFlow; ``with Session()`` enters its graph separately)."""
    stack = _stacks.sessions
    stack.append(session)
    try:
        yield session
    finally:
        if not stack or stack[-1] is not session:
            raise AssertionError("Nesting violated for default session stack.")
        stack.pop()


def install_session(session, with_graph: bool = False) -> None:
    """Push ``session`` (and its graph, if ``with_graph``) for good (``InteractiveSession``);
    undone by ``uninstall_session`` with the same ``with_graph``."""
    _stacks.sessions.append(session)
    if with_graph:
        _stacks.graphs.append(session.graph)


def uninstall_session(session, with_graph: bool = False) -> None:
    if session in _stacks.sessions:
        _stacks.sessions.remove(session)
        if not with_graph:
            return
        for i in range(len(_stacks.graphs) - 1, -1, -1):
            if _stacks.graphs[i] is session.graph:
                del _stacks.graphs[i]
                break


class entered_from:  # noqa: N801 - used like a function: ``with entered_from(frame):``
    """Record ``frame`` (the user's call into ``get_variable``) as where this thread's
    variables are defined; the outermost entry wins (``get_variable`` calls itself through
    custom getters)."""

    __slots__ = ("_frame", "_outer")

    def __init__(self, frame):
        self._frame = frame

    def __enter__(self):
        self._outer = _stacks.user_frame
        if self._outer is None:
            _stacks.user_frame = self._frame

    def __exit__(self, *exc):
        if self._outer is None:
            _stacks.user_frame = None
        return False


def user_frame():
    """The frame recorded by the innermost open ``entered_from``, or ``None``."""
    return _stacks.user_frame
