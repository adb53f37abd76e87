"""The script ops' gradient rules: none (``gradient_override_map`` gives a program's own)."""

from scopeflow._src.framework.registry import not_differentiable

not_differentiable("PyFunc", "PyFuncStateless")
