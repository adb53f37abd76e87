"""The ``PyFunc``, ``PyFuncStateless`` and ``EagerPyFunc`` op types and the functions that build
them: ``tf.py_func``, ``tf.numpy_function`` and ``tf.py_function``.

As in TensorFlow, a node holds its inputs' dtypes (``Tin``), its outputs' (``Tout``) and the
``token`` of its callable (``func_registry.py``); the outputs' static shapes are unknown. A
``Tout`` given as one dtype gives one tensor, a list or tuple a list (``[]``: the op itself,
with no outputs; ``[]`` for ``PyFuncStateless``). In a session the kernel calls the callable
with its inputs' values on the thread that runs the op (``values.py``). ``PyFunc`` and ``EagerPyFunc`` are stateful;
``PyFuncStateless`` is not, and is treated as TensorFlow's graph optimizer treats it: called
once per compiled plan when its inputs are constants and its outputs' shapes are set
(constant folding), and not called when only a control edge reaches it.

Neither op has a gradient (TensorFlow derives ``EagerPyFunc``'s from an eager tape, which
scopeflow does not have); TF1 programs give theirs with ``Graph.gradient_override_map``.
"""

from __future__ import annotations

import functools

from scopeflow._src.framework import dtypes, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.context import default_graph
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.registry import Arg, OpDef
from scopeflow._src.framework.tensor_shape import UNKNOWN
from scopeflow._src.ops.script import values
from scopeflow._src.ops.script.func_registry import ScriptFunc, py_funcs, register

# ``input``/``output`` are type lists; the registry expands them through private counts (not
# part of TF's node, as ``SaveV2``'s).
_NUM_IN, _NUM_OUT = "_num_inputs", "_num_outputs"
_INPUT = Arg("input", type_attr="Tin", number_attr=_NUM_IN)
_OUTPUT = Arg("output", type_attr="Tout", number_attr=_NUM_OUT)


def _script_factory(op, state):
    token = op._attrs["token"]
    token = token.decode() if isinstance(token, bytes) else token
    eager = op._type == "EagerPyFunc"
    want = list(op._attrs["Tout"])

    def call(*args):
        script = py_funcs.get(token)
        try:
            if script is None:
                raise ValueError(f"Could not find callback with key={token} in the registry.")
            ret = script.func(*[values.argument(a, eager) for a in args])
            if eager:
                ret = values.eager_results(ret, want)
        except Exception as e:  # noqa: BLE001 - the callable's error, as TF's error class for it
            raise values.error_for(e, op) from e
        return values.numpy_results(ret, token, want, op)
    return call


for _type, _stateful, _defaults in (("PyFunc", True, {}), ("PyFuncStateless", False, {}),
                                    ("EagerPyFunc", True, {"is_async": False})):
    registry.register(OpDef(_type, inputs=[_INPUT], outputs=[_OUTPUT], factory=_script_factory,
                            stateful=_stateful, defaults=_defaults))


def _convert_inputs(inp, op_type):
    converted = []
    for i, value in enumerate(inp):
        try:
            converted.append(convert_to_tensor(value, name=f"input_{i}"))
        except (TypeError, ValueError):
            shown = ", ".join(_type_name(v) for v in inp)
            raise TypeError(f"Tensors in list passed to 'input' of '{op_type}' Op have types [{shown}] that are "
                            f"invalid. Tensors: {list(inp)}") from None
    return converted


def _type_name(value):
    try:
        return convert_to_tensor(value).dtype.base_dtype.name
    except (TypeError, ValueError):
        return "<NOT CONVERTIBLE TO TENSOR>"


def _internal_py_func(func, inp, Tout, op_type, name, eager=False):  # noqa: N803 - TensorFlow's name
    """Add an ``op_type`` node calling ``func``; returns what TF's ``_internal_py_func`` returns."""
    if not callable(func):
        raise ValueError(f"Expected func to be callable. Received func={func} of type {type(func)}.")
    inp = list(inp)
    is_list = isinstance(Tout, (list, tuple))
    out_dtypes = [dtypes.as_dtype(t) for t in (Tout if is_list else [Tout])]
    graph = default_graph()
    token = register(ScriptFunc(func, out_dtypes, eager), graph)
    with name_scope(name, op_type) as scope:
        tensors = _convert_inputs(inp, op_type)
        if graph.building_function:  # a function body (a tf.data map) reading a value of an enclosing graph
            tensors = [t if t._op._graph is graph else graph.capture(t) for t in tensors]
        attrs = {"Tin": [t.dtype.base_dtype for t in tensors], "Tout": out_dtypes, "token": token,
                 _NUM_IN: len(tensors), _NUM_OUT: len(out_dtypes)}
        if eager:
            attrs["is_async"] = False
        op = graph._add_op(op_type, scope[:-1], tensors, attrs, [(d, UNKNOWN) for d in out_dtypes])
    outputs = list(op._outputs)
    if not is_list:
        return outputs[0]
    return outputs if outputs or op_type == "PyFuncStateless" else op  # as TF's generated wrappers


def py_func(func, inp, Tout, stateful=True, name=None):  # noqa: N803 - TensorFlow's name
    """Wrap ``func`` (NumPy arrays in, NumPy arrays out) as an op: ``PyFunc``, or
    ``PyFuncStateless`` when ``stateful=False``. ``Tout`` is a dtype (one tensor returned) or a
    list of dtypes (a list returned). The outputs' static shapes are unknown.

    >>> import numpy as np, scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     y = tf.py_func(np.sinh, [tf.constant([0.0, 1.0])], tf.float32)
    ...     with tf.Session() as sess:
    ...         print(y.op.type, y.shape, sess.run(y))
    PyFunc <unknown> [0.        1.1752012]
    """
    return _internal_py_func(func, inp, Tout, "PyFunc" if stateful else "PyFuncStateless", name)


def _decorator_or_none(script_op, script_op_name, func, inp, Tout, **kwargs):  # noqa: N803 - TensorFlow's name
    """TF's argument checks; a decorator when ``func`` is ``None`` (``@tf.numpy_function(Tout=...)``)."""
    if Tout is None:
        raise TypeError(f"Missing required argument: 'Tout'\n  If using {script_op_name} as a decorator, set "
                        f"`Tout`\n  **by name** above the function:\n  `@{script_op_name}(Tout=tout)`")
    if func is None:
        if inp is not None:
            raise TypeError(f"Don't set the `inp` argument when using {script_op_name} as a decorator (`func=None`).")

        def decorator(fun):
            @functools.wraps(fun)
            def wrapper(*args):
                return script_op(fun, inp=args, Tout=Tout, **kwargs)
            return wrapper
        return decorator
    if inp is None:
        raise TypeError("Missing argument `inp`:\n  You must set the `inp` argument (the list of arguments to the\n"
                        f"  function), unless you use `{script_op_name}` as a decorator(`func=None`).")
    return None


def numpy_function(func=None, inp=None, Tout=None, stateful=True, name=None):  # noqa: N803 - TensorFlow's name
    """``tf.py_func`` under its TF2 name; with ``func=None`` a decorator.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     @tf.numpy_function(Tout=tf.int64)
    ...     def twice(x):
    ...         return x * 2
    ...     y = twice(tf.constant(21, tf.int64))
    ...     with tf.Session() as sess:
    ...         print(y.name, sess.run(y))
    PyFunc:0 42
    """
    decorator = _decorator_or_none(numpy_function, "tf.numpy_function", func, inp, Tout, stateful=stateful,
                                   name=name)
    if decorator is not None:
        return decorator
    return py_func(func, inp, Tout, stateful=stateful, name=name)


def py_function(func=None, inp=None, Tout=None, name=None):  # noqa: N803 - TensorFlow's name
    """An ``EagerPyFunc`` op calling ``func`` with its inputs as ``EagerTensor``s (NumPy arrays
    with ``.numpy()``); each result is converted to its ``Tout`` dtype. With ``func=None`` a
    decorator. TensorFlow runs ``func`` eagerly and can differentiate it; scopeflow has no
    eager mode, so ``func`` computes with NumPy and the op has no gradient.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     y = tf.py_function(lambda x: x.numpy() + 1, [tf.constant(1.5)], tf.float32)
    ...     with tf.Session() as sess:
    ...         print(y.op.type, sess.run(y))
    EagerPyFunc 2.5
    """
    decorator = _decorator_or_none(py_function, "tf.py_function", func, inp, Tout, name=name)
    if decorator is not None:
        return decorator
    return _internal_py_func(func, inp, Tout, "EagerPyFunc", name, eager=True)
