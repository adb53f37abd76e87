"""Traced functions as TensorFlow's ``FunctionDef`` (a GraphDef's ``library``).

A function's body is its graph's ops as ``NodeDef``s whose inputs name an op's output by its
``OpDef`` argument (``mul:z:0``, as TF writes function bodies) or a function argument
(``args_0``); each result passes through an ``Identity`` node and the signature's output
arguments are ``identity``, ``identity_1``... as TensorFlow writes them.
"""

from __future__ import annotations

from scopeflow._src import protos
from scopeflow._src.framework import registry
from scopeflow._src.framework.node_def import node_def


def _output_arg(op, index: int) -> str:
    """``op``'s output ``index`` as a function body names it: ``name:arg:i``."""
    opdef = registry.find(op._type)
    if opdef is None:
        return f"{op._name}:output:{index}"
    start = 0
    for arg in opdef.outputs:
        if arg.type_list:
            count = len(op._attrs.get(arg.type_attr) or ())
        elif arg.number_attr:
            count = op._attrs.get(arg.number_attr, 0)
        else:
            count = 1
        if index < start + count:
            return f"{op._name}:{arg.name}:{index - start}"
        start += count
    return f"{op._name}:output:{index}"


def _unique(name: str, taken: set) -> str:
    candidate, i = name, 0
    while candidate in taken:
        i += 1
        candidate = f"{name}_{i}"
    taken.add(candidate)
    return candidate


def function_def(name: str, ops, args, outputs, attrs=None):
    """A ``FunctionDef`` named ``name``: ``ops`` (in order) as its body, ``args`` (placeholders
    among ``ops``) as its input arguments, ``outputs`` (tensors) as its results."""
    fd = protos.FunctionDef()
    fd.signature.name = name
    sources = {}
    for placeholder in args:
        arg = fd.signature.input_arg.add()
        arg.name = placeholder._op._name
        arg.type = placeholder.dtype.base_dtype.as_datatype_enum
        sources[placeholder] = arg.name
    arg_ops = {t._op for t in args}
    taken = {op._name for op in ops}
    for op in ops:
        if op in arg_ops:
            continue
        node = node_def(op, fd.node_def.add())
        node.ClearField("device")
        del node.input[:]
        node.input.extend(sources.get(t) or _output_arg(t._op, t._value_index) for t in op._inputs)
        node.input.extend("^" + c._name for c in op._control_inputs)
    for i, t in enumerate(outputs):
        out_name = "identity" if i == 0 else f"identity_{i}"
        identity = fd.node_def.add()
        identity.name = _unique("Identity", taken)
        identity.op = "Identity"
        identity.input.append(sources.get(t) or _output_arg(t._op, t._value_index))
        identity.attr["T"].type = t.dtype.base_dtype.as_datatype_enum
        arg = fd.signature.output_arg.add()
        arg.name = out_name
        arg.type = t.dtype.base_dtype.as_datatype_enum
        fd.ret[out_name] = f"{identity.name}:output:0"
    for key, value in (attrs or {}).items():
        fd.attr[key].b = value
    return fd

