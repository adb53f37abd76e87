"""The script ops, loaded on first use (``import scopeflow`` does not load them): importing this
module registers ``PyFunc``, ``PyFuncStateless`` and ``EagerPyFunc`` with their wrappers, then
their gradient rules (``grads.py``, which needs nothing from the wrappers)."""

from scopeflow._src.ops.script import grads  # noqa: F401 - gradient rules
from scopeflow._src.ops.script.script_ops import numpy_function, py_func, py_function

__all__ = ["numpy_function", "py_func", "py_function"]
