"""``tf.custom_gradient`` in graph mode, as TF1 builds it, and ``tf.grad_pass_through``.

The decorated function returns ``(outputs, grad_fn)``. Its outputs and inputs (and the variables
the outputs read) pass through one ``IdentityN`` op whose gradient is overridden with a rule
registered under a new name, ``CustomGradient-<N>``; that rule calls ``grad_fn``. With variables,
``grad_fn`` takes ``variables=`` and returns ``(input_grads, variable_grads)``.

>>> import scopeflow as tf
>>> @tf.custom_gradient
... def clip_grad(x):
...     def grad(dy):
...         return tf.clip_by_value(dy, -1.0, 1.0)
...     return tf.identity(x), grad
>>> x = tf.constant(3.0)
>>> tf.gradients(clip_grad(x) * 5.0, x)[0].op.type
'Maximum'
"""

from __future__ import annotations

import functools
import inspect
import itertools

from scopeflow._src.framework import nest
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import get_collection, get_default_graph
from scopeflow._src.framework.graph_keys import GraphKeys
from scopeflow._src.framework.registry import RegisterGradient
from scopeflow._src.ops.array_ops import identity
from scopeflow._src.ops.math.sequences import identity_n
from scopeflow._src.variables.variable_scope import get_variable_scope

_names = itertools.count(1)
_VARIABLE_OPS = ("VariableV2", "Variable", "VarHandleOp")


def _variable_by_name(name):
    candidates = [v for v in get_collection(GraphKeys.GLOBAL_VARIABLES) if getattr(v.op, "name", None) == name]
    if not candidates:
        raise ValueError(f"Unsuccessful at finding variable {name}.")
    candidates = [v for v in candidates if v.trainable]
    if len(candidates) > 1:
        raise ValueError(f"Unsuccessful at finding trainable variable {name}. Number of candidates: "
                         f"{len(candidates)}. Candidates: {candidates}")
    return candidates[0] if candidates else None


def _dependent_variables(inputs, outputs):
    """The trainable variables whose ops lie between ``inputs`` and ``outputs`` (TF reads
    ``outputs`` through new ``Identity`` ops first; so does this)."""
    seeds = [identity(t).op for t in outputs]
    stop = {id(t) for t in inputs}
    seen, stack, found = set(), list(seeds), []
    while stack:
        op = stack.pop()
        for t in op.inputs:
            if id(t) in stop or id(t.op) in seen:
                continue
            seen.add(id(t.op))
            if t.op.type in _VARIABLE_OPS:
                found.append(t.op.name)
            stack.append(t.op)
    return [v for v in (_variable_by_name(n) for n in found) if v is not None]


def _accepts_variables(fn) -> bool:
    spec = inspect.getfullargspec(fn)
    return "variables" in spec.args or "variables" in spec.kwonlyargs or spec.varkw is not None


def _graph_mode_call(f, args, kwargs):
    if kwargs:
        raise ValueError("The custom_gradient decorator currently supports keywords arguments only when eager "
                         "execution is enabled.")
    name = f"CustomGradient-{next(_names)}"
    args = nest.map_structure(convert_to_tensor, args)
    scope = get_variable_scope()
    before = {id(v) for v in scope.global_variables() + scope.local_variables()}
    result, grad_fn = f(*args)
    flat_args, flat_result = nest.flatten(args), nest.flatten(result)
    if any(id(v) not in before for v in scope.global_variables() + scope.local_variables()):
        raise TypeError("All variables used by a function wrapped with @custom_gradient must be `ResourceVariable`s. "
                        "Ensure that no `variable_scope` is created with `use_resource=False`.\n\nscopeflow help: "
                        "scopeflow's variables are reference variables; create them outside the decorated function "
                        "and read them inside it.")
    graphs = {t.graph for t in flat_result if hasattr(t, "graph")}
    if len(graphs) > 1:
        raise ValueError("All custom_gradient outputs should be from the same graph")
    inputs = [t for t in flat_args if not graphs or t.graph in graphs]
    variables = sorted({id(v): v for v in _dependent_variables(inputs, flat_result)}.values(), key=lambda v: v.name)
    takes_variables = _accepts_variables(grad_fn)
    if variables and not takes_variables:
        raise TypeError(f"@tf.custom_gradient grad_fn must accept keyword argument 'variables', since function uses "
                        f"variables: {variables}")
    count = len(flat_result)

    @RegisterGradient(name)
    def _custom_grad(unused_op, *result_grads):
        grads = nest.pack_sequence_as(result, list(result_grads[:count]))
        grads = grads if isinstance(grads, (list, tuple)) else [grads]
        if variables:
            input_grads, variable_grads = grad_fn(*grads, variables=variables)
            if len(variable_grads) != len(variables):
                raise ValueError("Must return gradient for each variable from @custom_gradient grad_fn.")
        else:
            input_grads, variable_grads = grad_fn(*grads), []
        return [None] * count + nest.flatten(input_grads) + list(variable_grads)

    with get_default_graph().gradient_override_map({"IdentityN": name}):
        passed = identity_n(flat_result + flat_args + variables)
    return nest.pack_sequence_as(result, list(passed[:count]))


def custom_gradient(f=None):
    """Decorate ``f(*tensors) -> (outputs, grad_fn)`` so that ``tf.gradients`` uses ``grad_fn``."""
    if f is None:
        return custom_gradient

    @functools.wraps(f)
    def decorated(*args, **kwargs):
        return _graph_mode_call(f, args, kwargs)

    return decorated


def grad_pass_through(f):
    """``f`` forward, identity backward: the gradient passes through ``f`` unchanged (for
    non-differentiable ``f`` such as an assign or a quantizer)."""

    @custom_gradient
    def _pass_through(*args, **kwargs):
        def grad(*grads, **grad_kwargs):
            variables = grad_kwargs.get("variables")
            if variables is not None:
                return grads, [None] * len(variables)
            return grads

        return f(*args, **kwargs), grad

    return functools.wraps(f)(_pass_through)
