"""Declaring dataset op types and adding dataset nodes to a graph.

Every dataset op outputs one scalar ``variant`` (the dataset, a ``runtime.DatasetValue`` in a
session) and carries its element's ``output_types``/``output_shapes`` as attributes. Inputs
that are type lists in TensorFlow (``TensorSliceDataset``'s ``components``, a map's captured
``other_arguments``) are expanded by the executor through a private count attribute
(``_num_components``, ``_num_arguments``), which is not part of TensorFlow's node.
"""

from __future__ import annotations

from scopeflow._src.framework import context, dtypes, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.registry import Arg, OpDef
from scopeflow._src.framework.tensor_shape import TensorShape

SCALAR = TensorShape([])
COMPONENTS = "_num_components"
ARGUMENTS = "_num_arguments"
METADATA = {"metadata": ""}


def components_arg(name: str = "components", types_attr: str = "Toutput_types") -> Arg:
    """A type-list input of dataset components."""
    return Arg(name, type_attr=types_attr, number_attr=COMPONENTS)


def arguments_arg() -> Arg:
    """A function's captured inputs (``other_arguments: Targuments``)."""
    return Arg("other_arguments", type_attr="Targuments", number_attr=ARGUMENTS)


def _scalar_shape(inputs, attrs):
    return SCALAR


def register_dataset_op(op_type: str, inputs, factory, defaults=None, stateful: bool = False,
                        metadata: bool = True) -> OpDef:
    """Register a dataset op type: ``inputs`` as in ``OpDef``, one ``handle: variant`` output,
    ``factory(op, state)`` returning the kernel that builds the dataset's value; ``metadata``:
    whether TF's op has the (empty) ``metadata`` attribute."""
    defaults = {**(METADATA if metadata else {}), **(defaults or {})}
    return registry.register(OpDef(op_type, inputs=inputs, outputs=["handle: variant"], shape=_scalar_shape,
                                   factory=factory, defaults=defaults, stateful=stateful))


def add_dataset_op(op_type: str, inputs, attrs: dict, name=None):
    """Add a dataset node with (already converted) ``inputs``; returns its variant tensor.

    As in TensorFlow, a transformation's ``name`` argument does not name the node (TF keeps it
    in the op's metadata); only an exact name (``"scope/"``, scopeflow's own) is used."""
    for key in ("output_types", "Toutput_types"):
        if key in attrs and not attrs[key]:
            raise ValueError(f"Attr '{key}' of '{op_type}' Op passed list of length 0 less than minimum 1.")
    graph = context.default_graph()
    if graph.building_function:
        inputs = [graph.capture(t) if t.graph is not graph else t for t in inputs]
    for value in attrs.values():
        if hasattr(value, "function_def"):  # a traced function: written to the GraphDef's library
            graph._functions[value.name] = value
    exact = name if name and name.endswith("/") else None
    op = graph._add_op(op_type, graph._op_name(exact, op_type), list(inputs), attrs, [(dtypes.variant, SCALAR)])
    return op._outputs[0]


def int64_input(value, name: str):
    """A scalar ``int64`` argument (``count``, ``buffer_size``...) as a tensor named ``name``."""
    return convert_to_tensor(value, dtype=dtypes.int64, name=name)


def bool_input(value, name: str):
    return convert_to_tensor(value, dtype=dtypes.bool, name=name)


def string_input(value, name: str):
    return convert_to_tensor(value, dtype=dtypes.string, name=name)
