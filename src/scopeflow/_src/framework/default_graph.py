"""The module-level scope helpers of ``tf``: ``name_scope``, ``control_dependencies``, ...

Each acts on the default graph, or on the graph of the ``values`` given, as in TF1.
"""

from __future__ import annotations

import contextlib

from scopeflow._src.framework import context
from scopeflow._src.framework.operation import Operation, Tensor


def _graph_from(values):
    """The graph of the first graph element among ``values``; every other one must be of the
    same graph (TF's ``_get_graph_from_inputs``)."""
    first = graph = None
    for v in values or ():
        if isinstance(v, (Tensor, Operation)):
            element = v
        elif hasattr(v, "_as_graph_element") and getattr(v, "graph", None) is not None:
            element = v._as_graph_element()
        else:
            continue
        if first is None:
            first, graph = element, element.graph
        elif element.graph is not graph:
            raise ValueError(f"{element} must be from the same graph as {first} "
                             f"(graphs are {element.graph!r} and {graph!r}).")
    return graph


def name_scope(name, default_name=None, values=None):
    """Open a name scope (TF1's ``tf.name_scope(name, default_name=None, values=None)``).

    ``name`` wins over ``default_name``; a name ending in ``/`` re-enters that scope; ``None``
    or ``''`` return to the root. Yields the scope string, e.g. ``'outer/inner/'``.

    >>> import scopeflow as tf
    >>> with tf.name_scope("outer"):
    ...     with tf.name_scope("inner") as scope:
    ...         pass
    >>> scope
    'outer/inner/'
    """
    if not (default_name is None or isinstance(default_name, str)):
        raise TypeError(f"`default_name` type ({type(default_name)}) is not a string type. You likely meant to "
                        f"pass this into the `values` kwarg.")
    if values and type(values) is not list and not hasattr(values, "__iter__"):  # TF iterates them for a graph
        raise TypeError(f"'{type(values).__name__}' object is not iterable")
    if name is None and default_name is None and values is not None:
        raise ValueError(f"At least one of name ({name}) and default_name ({default_name}) must be provided.")
    scope_name = default_name if name is None else name
    default = context.default_graph()
    graph = _graph_from(values) if values and not default.building_function else None  # TF: a function's body
    if graph is not None and graph is not default:
        return _OtherGraphScope(graph, scope_name)
    return default.name_scope(scope_name)


@contextlib.contextmanager
def _OtherGraphScope(graph, scope_name):
    with graph.as_default(), graph.name_scope(scope_name) as scope:
        yield scope


def control_dependencies(control_inputs):
    """Ops created in the ``with`` block run after ``control_inputs`` (``None`` clears)."""
    return context.default_graph().control_dependencies(control_inputs)


def container(container_name):
    """Stateful ops created in the block go into resource container ``container_name``
    (``Graph.container`` of the default graph)."""
    return context.default_graph().container(container_name)


@contextlib.contextmanager
def init_scope():
    """Build ops as TF builds a variable's initializer: outside every ``control_dependencies``
    block and cond or loop body (and out of a function being traced, into its outermost graph),
    in the current name scope.

    >>> import scopeflow as tf
    >>> c = tf.constant(1.0)
    >>> with tf.control_dependencies([c]), tf.name_scope("s"):
    ...     with tf.init_scope():
    ...         d = tf.constant(2.0, name="d")
    >>> d.name, d.op.control_inputs
    ('s/d:0', [])
    """
    graph = context.default_graph()
    scope = graph.get_name_scope()
    if scope and not scope.endswith("/"):
        scope += "/"
    outer = graph
    while getattr(outer, "outer_graph", None) is not None:
        outer = outer.outer_graph
    with contextlib.ExitStack() as stack:
        if outer is not graph:
            stack.enter_context(outer.as_default())
        stack.enter_context(outer.name_scope(scope))
        stack.enter_context(outer.control_dependencies(None))
        yield


def device(device_name):
    """Record ``device_name`` (canonicalised as TF does) on ops created in the block."""
    return context.default_graph().device(device_name)


def colocate_with(op, ignore_existing=False):
    """A context manager accepted for compatibility (TF places ops next to ``op``; scopeflow
    runs everything on the CPU, so it changes nothing)."""
    return context.default_graph().colocate_with(op, ignore_existing)


def get_default_graph():
    """The graph that new ops go into."""
    return context.default_graph()


def reset_default_graph() -> None:
    """Clear the global default graph (not allowed inside a ``with g.as_default()`` block)."""
    context.reset_default_graph()


def get_name_scope() -> str:
    """The current name scope of the default graph, without a trailing ``/`` (``""`` at the top)."""
    return context.default_graph().get_name_scope()


def add_to_collection(name, value) -> None:
    """Append ``value`` to the default graph's collection ``name``."""
    context.default_graph().add_to_collection(name, value)


def add_to_collections(names, value) -> None:
    """Append ``value`` to each of the default graph's collections ``names`` (once per name)."""
    context.default_graph().add_to_collections(names, value)


def get_collection(key, scope=None) -> list:
    """A copy of the default graph's collection ``key``, filtered to names matching ``scope``."""
    return context.default_graph().get_collection(key, scope)


def get_collection_ref(key) -> list:
    """The default graph's collection ``key`` itself (a list callers may change)."""
    return context.default_graph().get_collection_ref(key)


def get_default_session():
    """The innermost session entered with ``with sess:`` / ``as_default()`` in this thread, or ``None``."""
    return context.default_session()


def set_random_seed(seed) -> None:
    """Set the graph-level random seed of the default graph."""
    context.default_graph().seed = seed


def get_seed(op_seed):
    """The (graph seed, op seed) pair a random op uses, by TensorFlow's rules."""
    graph = context.default_graph()
    global_seed = graph.seed
    if global_seed is not None:
        if op_seed is None:
            with graph._lock:
                op_seed = graph._seed_counter
                graph._seed_counter += 1
        seeds = (_truncate(global_seed), _truncate(op_seed))
    elif op_seed is not None:
        seeds = (87654321, _truncate(op_seed))
    else:
        return None, None
    if seeds == (0, 0):
        return 0, 2**31 - 1
    return seeds


def _truncate(seed):
    return int(seed) % (2**31 - 1)
