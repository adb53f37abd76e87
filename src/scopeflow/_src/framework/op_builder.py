"""Building graph nodes of registered op types: ``create`` is TensorFlow's
``_apply_op_helper``. It converts Python values to constants (named after the argument,
``mul/y``), infers type attributes, checks allowed dtypes and static shapes with TF's
messages (a ``ShapeError`` gets TF's node description appended), and adds the op to the
graph. Also TF's text for types and nodes in messages (``type_string``, ``DT_FLOAT``).
"""

from __future__ import annotations

import contextlib

import numpy as _np

from scopeflow._src.framework import context, dtypes, naming
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.operation import SymbolicTensor, Tensor
from scopeflow._src.framework.registry import INT, TYPE_ORDER, find, get
from scopeflow._src.framework.shape_inference import ShapeError, shape_text
from scopeflow._src.framework.tensor_shape import UNKNOWN, TensorShape, interned


def create_output(op_type, inputs, attrs=None, name=None, **kwargs):
    """``create(...)``'s first output: the result of a one-output op, as a ``Tensor``."""
    return create(op_type, inputs, attrs, name, **kwargs)._outputs[0]


def create(op_type, inputs, attrs=None, name=None, graph=None, direct=False):
    """Build an op of ``op_type`` from ``inputs`` (tensors or Python values) and ``attrs``.

    ``name`` follows TensorFlow: ``None`` means the op type, a trailing ``/`` means "exactly
    this name", anything else is uniquified in the current scope. With ``direct=False`` (TF's
    generated wrappers) the name opens a name scope first, so converted inputs are named
    ``<op>/<arg>``; with ``direct=True`` (TF's ``_create_op_internal``) it names the op only.
    Returns the ``Operation``.
    """
    opdef = find(op_type) or get(op_type)
    attrs = {} if attrs is None else attrs
    if graph is None:
        first = inputs[0] if inputs else None
        graph = first._op._graph if type(first) is SymbolicTensor else _graph_of(inputs)
        default = context.default_graph()
        if graph is not default and default.building_function:  # a function body reading an outer value first
            graph = default
    ready = _ready_inputs(opdef, inputs, attrs, graph)
    if ready is not None or direct:
        if not direct and name and name[-1] != "/":
            naming.check_scope_name(name, nested=bool(context.builder(graph).name_stack))
        op_name = graph._op_name(name, op_type)
        if ready is None:
            return _finish(graph, opdef, op_name, _check_inputs(opdef, op_type, inputs, attrs), attrs)
        if opdef._ref_inputs:
            with _colocated_with_refs(graph, opdef, ready):
                return graph._add_op(op_type, op_name, ready, attrs, infer_outputs(opdef, op_name, ready, attrs),
                                     own_scope=not direct)
        return graph._add_op(op_type, op_name, ready, attrs, infer_outputs(opdef, op_name, ready, attrs),
                             own_scope=not direct)
    if graph is context.default_graph():
        with graph.name_scope(name or op_type) as scope:
            tensors = _check_inputs(opdef, op_type, inputs, attrs)
            return _finish(graph, opdef, scope[:-1], tensors, attrs)
    with graph.as_default(), graph.name_scope(name or op_type) as scope:
        tensors = _check_inputs(opdef, op_type, inputs, attrs)
        return _finish(graph, opdef, scope[:-1], tensors, attrs)


def grouped_inputs(op_type, flat, attrs) -> list:
    """A flat list of input tensors (TF's ``Graph.create_op``) grouped by the op's arguments:
    each list argument (``AddN``'s ``inputs``) takes the tensors its count attribute says,
    or, when the attribute is not given, its share of what the other arguments leave."""
    opdef = find(op_type) or get(op_type)
    if opdef._list_attrs is None or any(isinstance(t, (list, tuple)) for t in flat):
        return flat  # no list argument, or already grouped
    list_args = [a for a in opdef.inputs if a.number_attr]
    unknown = [a for a in list_args if a.number_attr not in attrs]
    if unknown:
        left = len(flat) - (len(opdef.inputs) - len(list_args)) - sum(attrs[a.number_attr] for a in list_args
                                                                       if a.number_attr in attrs)
        for a in unknown:
            attrs[a.number_attr] = max(left // len(unknown), 0)
    grouped, i = [], 0
    for arg in opdef.inputs:
        if arg.number_attr:
            n = attrs[arg.number_attr]
            grouped.append(flat[i:i + n])
            i += n
        else:
            grouped.append(flat[i] if i < len(flat) else None)
            i += 1
    if i != len(flat):
        raise ValueError(f"{op_type} takes {i} input tensors with {attrs}, got {len(flat)}")
    return grouped


def _ready_inputs(opdef, inputs, attrs, graph):
    """``inputs`` when they are all tensors of ``graph`` that need no conversion (graph
    construction's common case), with the type attributes they fix added to ``attrs``; else
    ``None``, and ``_check_inputs`` and ``_finish`` do the full work (and word any error).
    List arguments (``AddN``'s ``inputs``) are flattened, as the op's inputs are."""
    spec = opdef._ready_spec
    if len(inputs) != len(spec):
        return None
    lengths = None
    if opdef._list_attrs is not None:
        spec, inputs, lengths = _flat_lists(spec, opdef._list_attrs, inputs)
        if spec is None:
            return None
    inferred = None
    for (is_ref, want, type_attr, allowed), t in zip(spec, inputs):
        if type(t) is not SymbolicTensor or t._op._graph is not graph:
            return None
        dt = t._dtype
        if is_ref and not dt._is_ref_dtype:
            return None
        base = dt._base
        if want is None:
            want = attrs.get(type_attr)
            if want is None and inferred is not None:
                want = inferred.get(type_attr)
            if want is None:
                if allowed is not None and base._enum not in allowed:
                    return None
                if inferred is None:
                    inferred = {}
                inferred[type_attr] = base
                continue
        if want is not dt and want is not base:
            return None
    if inferred:
        attrs.update(inferred)
    if lengths:
        for attr, n in lengths:
            attrs.setdefault(attr, n)
    return inputs


def _flat_lists(spec, list_attrs, inputs):
    """``(spec, inputs, [(number attr, length)])`` with each list argument's tensors in line
    and its spec repeated for each; ``(None, None, None)`` if a list argument is not a
    non-empty list or tuple (the full path words TF's error)."""
    flat_spec, flat, lengths = [], [], []
    for arg_spec, attr, value in zip(spec, list_attrs, inputs):
        if attr is None:
            flat_spec.append(arg_spec)
            flat.append(value)
        elif type(value) in (list, tuple) and value:
            flat_spec.extend([arg_spec] * len(value))
            flat.extend(value)
            lengths.append((attr, len(value)))
        else:
            return None, None, None
    return flat_spec, flat, lengths


def _graph_of(inputs):
    for t in inputs:
        g = getattr(t, "graph", None)
        if g is not None and isinstance(t, Tensor):
            return g
        if isinstance(t, (list, tuple)):
            g = _graph_of(t)
            if g is not None:
                return g
    return context.default_graph()


def _finish(graph, opdef, name, tensors, attrs):
    flat = []
    for t in tensors:
        if isinstance(t, list):
            flat.extend(t)
        else:
            flat.append(t)
    for i, t in enumerate(flat):
        if t._op._graph is not graph:
            if graph.building_function:  # a function body reads a value of an enclosing graph
                flat[i] = graph.capture(t)
                continue
            raise ValueError(
                f"{t} must be from the same graph as {flat[0]} "
                f"(graphs are {t._op._graph!r} and {graph!r}).")
    outputs = infer_outputs(opdef, name, flat, attrs)
    if opdef._ref_inputs:
        with _colocated_with_refs(graph, opdef, flat):
            return graph._add_op(opdef.type, name, flat, attrs, outputs)
    return graph._add_op(opdef.type, name, flat, attrs, outputs)


def _colocated_with_refs(graph, opdef, flat):
    """TF's ``_MaybeColocateWith``: an op that takes references (``Assign``, ``ApplyAdam``) is
    built colocated with each of them."""
    refs = ([t for arg, t in zip(opdef.inputs, flat) if arg.is_ref] if opdef._list_attrs is None
            else [t for t in flat if t._dtype._is_ref_dtype])
    stack = contextlib.ExitStack()
    for t in refs:
        stack.enter_context(graph.colocate_with(t._op))
    return stack


def infer_outputs(opdef, name, inputs, attrs):
    if opdef.shape is None:
        shapes = None
    else:
        try:
            shapes = opdef.shape(inputs, attrs)
        except ShapeError as e:
            shown = ", ".join(shape_text(t.shape) for t in inputs)
            raise ValueError(f"{e} for '{_node_text(name, opdef.type, inputs, attrs)}' with input "
                             f"shapes: {shown}{getattr(e, 'suffix', '')}.") from None
    if opdef._single_output:
        arg = opdef.outputs[0]
        dt = arg.dtype if arg.dtype is not None else attrs[arg.type_attr]
        if arg.is_ref:
            dt = dt._as_ref
        if shapes is None:
            return [(dt, UNKNOWN)]
        return [(dt, interned(shapes if type(shapes) is TensorShape else shapes[0]))]
    out_dtypes = []
    for arg in opdef.outputs:
        dt = arg.dtype if arg.dtype is not None else attrs[arg.type_attr]
        if arg.type_list:
            out_dtypes.extend(dt)
            continue
        if arg.is_ref:
            dt = dt._as_ref
        count = attrs[arg.number_attr] if arg.number_attr else 1
        out_dtypes.extend([dt] * count)
    if shapes is None:
        shapes = [UNKNOWN] * len(out_dtypes)
    elif isinstance(shapes, TensorShape):
        shapes = [shapes]
    return [(dt, interned(s)) for dt, s in zip(out_dtypes, shapes)]


def _check_inputs(opdef, op_type, inputs, attrs):
    if len(inputs) != len(opdef.inputs):
        raise TypeError(f"{op_type} takes {len(opdef.inputs)} inputs, got {len(inputs)}")
    inferred_from = {}
    result = []
    for arg, value in zip(opdef.inputs, inputs):
        if arg.number_attr:
            result.append(_convert_list(op_type, arg, value, attrs, inferred_from))
            continue
        dtype = arg.dtype if arg.dtype is not None else attrs.get(arg.type_attr)
        t = _convert_one(op_type, arg, value, dtype, attrs, inferred_from, convert_to_tensor)
        if dtype is None and not isinstance(value, Tensor) and _wants_default_int32(opdef, arg, t):
            # TF retries with the attr's default (int32 for index attrs): ``tf.reshape(x, [])``
            t = convert_to_tensor(value, name=arg.name, preferred_dtype=dtypes.int32, as_ref=arg.is_ref)
        if arg.type_attr is not None and arg.type_attr not in attrs:
            attrs[arg.type_attr] = t._dtype.base_dtype
            inferred_from[arg.type_attr] = arg.name
            _check_allowed(opdef, arg.type_attr, arg.name, t._dtype.base_dtype)
        result.append(t)
    return result


def _wants_default_int32(opdef, arg, t):
    allowed = opdef.attrs.get(arg.type_attr) if arg.type_attr is not None else None
    return bool(allowed) and t._dtype.base_dtype not in allowed and dtypes.int32 in allowed and set(allowed) <= INT


def _convert_list(op_type, arg, values, attrs, inferred_from):
    if not isinstance(values, (list, tuple)):
        raise TypeError(f"Expected list for '{arg.name}' argument to '{op_type}' Op, not {values}.")
    attrs.setdefault(arg.number_attr, len(values))
    dtype = arg.dtype if arg.dtype is not None else attrs.get(arg.type_attr)
    if dtype is None:  # TF takes the dtype of the first tensor in the list
        dtype = next((v.dtype.base_dtype for v in values if isinstance(v, Tensor)), None)
    out = []
    try:
        for i, v in enumerate(values):
            t = convert_to_tensor(v, dtype=dtype, name=f"{arg.name}_{i}", as_ref=arg.is_ref)
            dtype = dtype or t._dtype.base_dtype
            out.append(t)
    except (TypeError, ValueError):
        observed = ", ".join(_observed_type(v, arg, convert_to_tensor) for v in values)
        if arg.dtype is not None:
            raise TypeError(f"Tensors in list passed to '{arg.name}' of '{op_type}' Op have types [{observed}] that "
                            f"do not match expected type {arg.dtype.name}.") from None
        raise TypeError(f"Tensors in list passed to '{arg.name}' of '{op_type}' Op have types [{observed}] that "
                        f"don't all match.") from None
    if arg.type_attr is not None and arg.type_attr not in attrs and out:
        attrs[arg.type_attr] = out[0]._dtype.base_dtype
        inferred_from[arg.type_attr] = arg.name
        _check_allowed_list(op_type, arg, attrs[arg.type_attr], attrs)
    return out


def _observed_type(value, arg, convert_to_tensor):
    try:
        return convert_to_tensor(value, as_ref=arg.is_ref).dtype.base_dtype.name
    except (TypeError, ValueError):
        return "<NOT CONVERTIBLE TO TENSOR>"


def _check_allowed_list(op_type, arg, dtype, attrs):
    opdef = find(op_type)
    if opdef is not None:
        _check_allowed(opdef, arg.type_attr, arg.name, dtype)


def _convert_one(op_type, arg, value, dtype, attrs, inferred_from, convert_to_tensor):
    try:
        t = convert_to_tensor(value, dtype=dtype, name=arg.name, as_ref=arg.is_ref)
    except TypeError as err:
        if dtype is None:
            raise
        raise TypeError(
            f"Expected {dtype.name} passed to parameter '{arg.name}' of op '{op_type}', got "
            f"{value!r} of type '{type(value).__name__}' instead. Error: {err}") from None
    except ValueError:
        try:
            observed = convert_to_tensor(value, as_ref=arg.is_ref).dtype.name
        except ValueError as err:
            raise ValueError(f"Tried to convert '{arg.name}' to a tensor and failed. Error: {err}") from None
        prefix = f"Input '{arg.name}' of '{op_type}' Op has type {observed} that does not match"
        if arg.type_attr in inferred_from:
            raise TypeError(f"{prefix} type {dtype.name} of argument '{inferred_from[arg.type_attr]}'.") from None
        raise TypeError(f"{prefix} expected type of {dtype.name}.") from None
    if arg.is_ref and not t._dtype._is_ref_dtype:
        raise TypeError(f"'{op_type}' Op requires that input '{arg.name}' be a mutable tensor "
                        f"(e.g.: a tf.Variable)")
    return t


def _check_allowed(opdef, attr, param, dtype):
    allowed = opdef.attrs.get(attr)
    if allowed is not None and dtype not in allowed:
        ordered = allowed if isinstance(allowed, tuple) else sorted(allowed, key=TYPE_ORDER.index)  # tuple: TF's order
        names = ", ".join(d.name for d in ordered)
        raise TypeError(f"Value passed to parameter '{param}' has DataType {dtype.name} not in "
                        f"list of allowed values: {names}")


# -- TensorFlow's text for a node in shape errors -------------------------------------------


def type_string(dtype) -> str:
    """TensorFlow's ``DataTypeString`` in kernel messages: ``float``, ``double``, ``int32``."""
    return _attr_text(dtype)[3:].lower()


def _attr_text(value) -> str:
    if isinstance(value, dtypes.DType):
        return "DT_" + {"float32": "FLOAT", "float64": "DOUBLE", "float16": "HALF"}.get(
            value.base_dtype.name, value.base_dtype.name.upper())
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, TensorShape):
        return shape_text(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_attr_text(v) for v in value) + "]"
    if isinstance(value, float):  # TF prints float attrs as float32, shortest of %g forms: 1, 0.001, 1e-05
        text = "%.6g" % value
        return text if _np.float32(text) == _np.float32(value) else "%.9g" % _np.float32(value)
    return str(value)


def _node_text(name, op_type, inputs, attrs) -> str:
    shown = ", ".join(f"{k}={_attr_text(v)}" for k, v in sorted(attrs.items()) if not k.startswith("_"))
    args = ", ".join(t.name[:-2] if t.name.endswith(":0") else t.name for t in inputs)
    return f"{{{{node {name}}}}} = {op_type}[{shown}]({args})"
