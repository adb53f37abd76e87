"""``tf.graph_util.convert_variables_to_constants``: a graph whose variables are constants.

The rewrite is TensorFlow 2.21's (``convert_to_constants``), node for node:

- the subgraph the outputs need is kept (``extract_sub_graph``, in the input's node order);
- each variable (``VariableV2``, ``VarHandleOp``) to convert becomes a ``Const`` of the same
  name holding the session's value, with only the ``dtype`` and ``value`` attributes (no
  device, no ``_class``);
- the value then flows to the nodes that read it: ``Identity``, ``Enter``, ``Exit``,
  ``NextIteration``, ``Switch`` and ``_SwitchN`` take the constant's type for the input it
  reaches, lose their ``_output_shapes`` and pass it on; ``ReadVariableOp`` becomes an
  ``Identity``, ``ResourceGather`` a ``GatherV2`` (with a ``<name>/axis`` constant) and
  ``ResourceGatherNd`` a ``GatherNd``; every other node, ``Merge`` and the ``Ref*`` control-flow
  ops included, is left as it is. So, as in TensorFlow, a frozen graph keeps a variable's
  ``read`` identity and its ``_class`` colocation, and a ``RefSwitch`` or ``Assign`` of a
  converted variable that the outputs need makes a graph that does not import.

TensorFlow 2.21 logs no line here; scopeflow logs TensorFlow 1.x's "Froze N variables." and
"Converted N variables to const ops." at ``INFO``, through ``tf.logging``.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src import logging_module, protos
from scopeflow._src.framework.tensor_proto import array_to_proto
from scopeflow._src.graph_io.graph_util import extract_sub_graph

_FETCHED = ("Variable", "VariableV2", "VarHandleOp")  # the ops whose value the session reads
_TO_CONST = ("VariableV2", "VarHandleOp", "Placeholder")  # the ops a value replaces
_PASS_ON = ("Enter", "Exit", "Identity", "NextIteration", "Switch", "_SwitchN")


def convert_variables_to_constants(sess, input_graph_def, output_node_names, variable_names_whitelist=None,
                                   variable_names_blacklist=None):
    """The part of ``input_graph_def`` that ``output_node_names`` need, each of its variables
    replaced by a ``Const`` holding its value in ``sess`` (all variables, or those in
    ``variable_names_whitelist`` and not in ``variable_names_blacklist``).

    Errors are TensorFlow's: those of ``extract_sub_graph`` for unknown outputs, and the
    session's ``FailedPreconditionError`` for a variable that is not initialized.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default() as g:
    ...     x = tf.placeholder(tf.float32, [None, 2], name="x")
    ...     w = tf.get_variable("w", initializer=[[1.0], [2.0]])
    ...     y = tf.matmul(x, w, name="y")
    ...     with tf.Session() as sess:
    ...         sess.run(tf.global_variables_initializer())
    ...         frozen = tf.graph_util.convert_variables_to_constants(sess, g.as_graph_def(), ["y"])
    >>> [(n.name, n.op) for n in frozen.node]
    [('x', 'Placeholder'), ('w', 'Const'), ('w/read', 'Identity'), ('y', 'MatMul')]
    """
    graph_def = extract_sub_graph(input_graph_def, output_node_names)
    variables = [node for node in graph_def.node if node.op in _FETCHED
                 and (variable_names_whitelist is None or node.name in variable_names_whitelist)
                 and (variable_names_blacklist is None or node.name not in variable_names_blacklist)]
    values = {}
    if variables:
        fetches = [v.name + ("/Read/ReadVariableOp:0" if v.op == "VarHandleOp" else ":0") for v in variables]
        for node, value in zip(variables, sess.run(fetches)):
            values[node.name] = (value, node.attr["dtype"].type)
    frozen = replace_variables(graph_def, values)
    converted = sum(1 for v in variables if v.op in _TO_CONST)
    logging_module.info("Froze %d variables.", converted)
    logging_module.info("Converted %d variables to const ops.", converted)
    return frozen


def replace_variables(graph_def, values):
    """A copy of ``graph_def`` with the nodes in ``values`` (name -> ``(array, DataType
    enum)``) made constants, and the nodes that read them rewritten (see the module's
    docstring)."""
    return _Rewrite(graph_def).run(values)


class _Rewrite:
    """One conversion: the original graph (read), its copy (written) and the copy's nodes by
    name, and each node's consumers as ``(consumer name, input index)`` per output."""

    def __init__(self, graph_def):
        self.original = {node.name: node for node in graph_def.node}
        self.out = protos.GraphDef()
        self.out.CopyFrom(graph_def)
        self.nodes = {node.name: node for node in self.out.node}
        self.consumers: dict[str, list[tuple[str, int]]] = {name: [] for name in self.original}
        for node in graph_def.node:
            for index, full in enumerate(node.input):
                if full.startswith("^"):
                    continue
                self.consumers.setdefault(full.split(":")[0], []).append((node.name, index))

    def run(self, values):
        for name, (value, dtype) in values.items():
            self.convert(name, None, (np.array(value), dtype))
        return self.out

    def pass_on(self, name, data) -> None:
        for consumer, index in self.consumers[name]:
            self.convert(consumer, index, data)

    def convert(self, name, index, data) -> None:
        op = self.original[name].op
        if op in _TO_CONST:
            self.to_const(name, data)
            self.pass_on(name, data)
        elif op in _PASS_ON:
            node = self.nodes[name]
            set_input_type(node, "T", index, data[1])
            if "_output_shapes" in node.attr:
                del node.attr["_output_shapes"]
            self.pass_on(name, data)
        elif op == "ReadVariableOp":
            self.retype(name, "Identity", self.original[name].input[:1], {"T": "dtype"})
        elif op == "ResourceGatherNd":
            self.retype(name, "GatherNd", self.original[name].input[:2], {"Tparams": "dtype", "Tindices": "Tindices"})
        elif op == "ResourceGather":
            self.resource_gather(name)

    def to_const(self, name, data) -> None:
        value, dtype = data
        node = self.nodes[name]
        node.Clear()
        node.name, node.op = name, "Const"
        node.attr["dtype"].type = dtype
        array_to_proto(value, dtype, proto=node.attr["value"].tensor)

    def retype(self, name, op, inputs, attrs) -> None:
        """Make node ``name`` an ``op`` reading ``inputs``, with the original's attributes
        ``attrs`` (new name -> original name) and its ``_class``."""
        original, node = self.original[name], self.nodes[name]
        node.Clear()
        node.name, node.op = name, op
        node.input.extend(inputs)
        for attr, source in attrs.items():
            node.attr[attr].CopyFrom(original.attr[source])
        if "_class" in original.attr:
            node.attr["_class"].CopyFrom(original.attr["_class"])

    def resource_gather(self, name) -> None:
        original = self.original[name]
        batch_dims = original.attr["batch_dims"].i
        if batch_dims != 0:
            raise ValueError(f"batch_dims must be 0 for freeze_graph, but got node({name}).attr('batch_dims') = "
                             f"{batch_dims}.")
        axis_name = name + "/axis"
        if axis_name not in self.nodes:
            self.nodes[axis_name] = self.out.node.add()
        axis = self.nodes[axis_name]
        axis.name, axis.op = axis_name, "Const"
        axis.attr["dtype"].CopyFrom(original.attr["Tindices"])
        array_to_proto(np.array(batch_dims), original.attr["Tindices"].type, proto=axis.attr["value"].tensor)
        self.retype(name, "GatherV2", [original.input[0], original.input[1], axis_name],
                    {"Tparams": "dtype", "Tindices": "Tindices", "Taxis": "Tindices"})


def set_input_type(node, attr_name, index, dtype) -> None:
    """Set the type of input ``index`` in ``node``'s type or type-list attribute (TF's
    ``update_dtype``); a ``ValueError`` when it has no such input."""
    attr = node.attr[attr_name]
    count = 0
    if attr.HasField("list"):
        count = len(attr.list.type)
        if index < count:
            attr.list.type[index] = dtype
            return
    elif attr.HasField("type"):
        count = 1
        if index == 0:
            attr.type = dtype
            return
    raise ValueError(f"`index` {index:d} is out of range for node({node.name}).attr({attr_name}), which has "
                     f"{count:d} elements.")
