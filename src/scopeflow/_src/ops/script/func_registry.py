"""The callables of ``PyFunc`` ops, found by the op's ``token`` attribute.

As in TensorFlow, the registry is process-wide and holds each callable weakly under a unique
token (``pyfunc_0``, ``pyfunc_1``...); the graph that uses it (the outermost one, when the op is
built inside a ``tf.data`` function) holds it strongly in ``graph._py_funcs_used_in_graph``,
so a callable lives exactly as long as a graph that can run it. A graph read from a file in
another process names tokens this registry does not hold: running such a node fails as in
TensorFlow (``ValueError: Could not find callback with key=pyfunc_0 in the registry.``).
"""

from __future__ import annotations

import itertools
import threading
import weakref


class ScriptFunc:
    """One wrapped callable: ``func``, the dtypes it must return, and whether it runs as
    ``tf.py_function``'s (``eager``: arguments with ``.numpy()``, results converted to ``Tout``)."""

    __slots__ = ("func", "out_dtypes", "eager", "__weakref__")

    def __init__(self, func, out_dtypes, eager):
        self.func, self.out_dtypes, self.eager = func, tuple(out_dtypes), eager


class FuncRegistry:
    """Tokens to ``ScriptFunc``s, held weakly (the graphs hold them strongly).

    >>> registry = FuncRegistry()
    >>> f = ScriptFunc(abs, [], False)
    >>> token = registry.insert(f)
    >>> registry.get(token) is f, registry.size()
    (True, 1)
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._ids = itertools.count()
        self._funcs: weakref.WeakValueDictionary = weakref.WeakValueDictionary()

    def insert(self, func: ScriptFunc) -> str:
        """Register ``func`` and return its new unique token."""
        with self._lock:
            token = f"pyfunc_{next(self._ids)}"
            self._funcs[token] = func
        return token

    def get(self, token: str, default=None):
        """The ``ScriptFunc`` registered under ``token``, or ``default``."""
        return self._funcs.get(token, default)

    def remove(self, token: str) -> None:
        """Forget ``token``."""
        self._funcs.pop(token, None)

    def size(self) -> int:
        """How many callables are registered (and still alive)."""
        return len(self._funcs)


py_funcs = FuncRegistry()


def register(func: ScriptFunc, graph) -> str:
    """``func``'s token; ``graph`` (or the graph outside it, for a function body) keeps it alive."""
    while getattr(graph, "outer_graph", None) is not None:
        graph = graph.outer_graph
    used = graph.__dict__.setdefault("_py_funcs_used_in_graph", [])
    used.append(func)
    return py_funcs.insert(func)
