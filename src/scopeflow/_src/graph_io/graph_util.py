"""``tf.graph_util``'s functions on ``GraphDef`` messages: the subgraph that feeds some nodes
(``extract_sub_graph``), inference graphs without training-only nodes
(``remove_training_nodes``), and TF's device and shape helpers.

As in TensorFlow, a node's *name* in an input string is what comes before ``:`` (``"a:1"``,
``"a"``) or after ``^`` (a control input), and a node colocated with another
(``_class: "loc:@other"``) depends on it as on an input, so a subgraph keeps it.
"""

from __future__ import annotations

from scopeflow._src import protos
from scopeflow._src.framework import dtypes
from scopeflow._src.framework.operation import Operation

# Ops that read or change a variable's value in place, or make one (TF's list).
_VARIABLE_OPS = frozenset({"Assign", "AssignAdd", "AssignSub", "Queue", "ScatterAdd", "ScatterSub",
                           "ScatterUpdate", "TruncatedNormal", "Variable", "VariableV2"})
_STRING, _INT32 = dtypes.string.as_datatype_enum, dtypes.int32.as_datatype_enum


def node_name(input_name: str) -> str:
    """The node an input string names: ``"^a"`` and ``"a:1"`` name ``a``."""
    return input_name[1:] if input_name.startswith("^") else input_name.split(":")[0]


def colocated_names(node) -> list[str]:
    """The nodes ``node`` is colocated with (its ``_class`` attribute, without ``loc:@``)."""
    if "_class" not in node.attr:
        return []
    names = [s.decode("utf-8") for s in node.attr["_class"].list.s]
    return [s[len("loc:@"):] if s.startswith("loc:@") else s for s in names]


def must_run_on_cpu(node, pin_variables_on_cpu: bool = False) -> bool:
    """Whether ``node`` (an ``Operation`` or a ``NodeDef``) must run on a CPU in TensorFlow:
    string and int32 constants, int32 ``DynamicStitch`` and ``Cast`` from int32, and, with
    ``pin_variables_on_cpu``, the ops that make or update variables.

    >>> import scopeflow as tf
    >>> tf.graph_util.must_run_on_cpu(tf.constant(1).op)
    True
    >>> tf.graph_util.must_run_on_cpu(tf.constant(1.0).op)
    False
    """
    if isinstance(node, Operation):
        node = node.node_def
    else:
        assert isinstance(node, protos.NodeDef)
    if pin_variables_on_cpu and node.op in _VARIABLE_OPS:
        return True
    if node.op == "Const":
        return node.attr["dtype"].type in (_STRING, _INT32)
    if node.op in ("DynamicStitch", "ParallelDynamicStitch"):
        return node.attr["T"].type == _INT32
    if node.op == "Cast":
        return node.attr["SrcT"].type == _INT32
    return False


def _summary(graph_def):
    """For each node name: its node, the names it depends on (inputs and colocations), and
    its position in ``graph_def``."""
    nodes, depends_on, position = {}, {}, {}
    for i, node in enumerate(graph_def.node):
        name = node_name(node.name)
        nodes[name] = node
        depends_on[name] = [node_name(x) for x in node.input] + colocated_names(node)
        position[name] = i
    return nodes, depends_on, position


def _reachable(dest_nodes, depends_on) -> set[str]:
    """Every name ``dest_nodes`` depend on, directly or not, themselves included."""
    keep, stack = set(), list(dest_nodes)
    while stack:
        name = stack.pop()
        if name not in keep:
            keep.add(name)
            stack.extend(depends_on.get(name, ()))
    return keep


def extract_sub_graph(graph_def, dest_nodes):
    """The nodes of ``graph_def`` that ``dest_nodes`` (node names) need, in their order in
    ``graph_def``, as a new ``GraphDef`` with the same ``library`` and ``versions``.

    Errors are TensorFlow's: ``TypeError`` for a ``graph_def`` that is not a ``GraphDef`` or a
    single string for ``dest_nodes``, ``AssertionError`` ("x is not in graph") for a name
    that is not a node of ``graph_def`` (tensor names such as ``"y:0"`` are not).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default() as g:
    ...     a = tf.constant(1.0, name="a")
    ...     b = tf.identity(a, name="b")
    ...     c = tf.constant(2.0, name="c")
    >>> sub = tf.graph_util.extract_sub_graph(g.as_graph_def(), ["b"])
    >>> [n.name for n in sub.node]
    ['a', 'b']
    """
    if not isinstance(graph_def, protos.GraphDef):
        raise TypeError(f"graph_def must be a graph_pb2.GraphDef proto, but got type {type(graph_def)}.")
    if isinstance(dest_nodes, str):
        raise TypeError(f"dest_nodes must be an iterable of strings, but got type {type(dest_nodes)}.")
    nodes, depends_on, position = _summary(graph_def)
    dest_nodes = list(dest_nodes)
    for name in dest_nodes:
        assert name in nodes, f"{name} is not in graph"
    keep = sorted(_reachable(dest_nodes, depends_on), key=lambda n: position[n])
    out = protos.GraphDef()
    out.node.extend(nodes[n] for n in keep)
    out.library.CopyFrom(graph_def.library)
    out.versions.CopyFrom(graph_def.versions)
    return out


def tensor_shape_from_node_def_name(graph, input_name: str):
    """The static shape of the tensor a ``NodeDef`` input string names (``"a"`` is
    ``"a:0"``) in ``graph``.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default() as g:
    ...     x = tf.zeros([2, 3], name="x")
    >>> tf.graph_util.tensor_shape_from_node_def_name(g, "x")
    TensorShape([Dimension(2), Dimension(3)])
    """
    canonical = input_name if ":" in input_name else input_name + ":0"
    return graph.get_tensor_by_name(canonical).get_shape()


def _rebuilt(nodes, dropped, inputs) -> list:
    """Copies of the ``nodes`` not in ``dropped``, each with the inputs ``inputs(node)`` gives."""
    kept = []
    for node in nodes:
        if node.name in dropped:
            continue
        copy = protos.NodeDef()
        copy.CopyFrom(node)
        del copy.input[:]
        copy.input.extend(inputs(node))
        kept.append(copy)
    return kept


def _bypassed(full: str, bypass) -> str:
    """The input string ``full`` once each bypassed node it names is replaced by its input."""
    while full.removeprefix("^") in bypass:
        full = bypass[full.removeprefix("^")]
    return full


def remove_training_nodes(input_graph, protected_nodes=None):
    """``input_graph`` without the nodes only training needs, as a new ``GraphDef`` (nodes
    only, as TensorFlow: no ``versions`` or ``library``): ``CheckNumerics`` nodes are
    dropped, and ``Identity`` and ``StopGradient`` nodes spliced out (their consumers read
    their input), except those in ``protected_nodes``, those with a control input, those
    that are a control input, and those another node is colocated with.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default() as g:
    ...     a = tf.constant(1.0, name="a")
    ...     b = tf.identity(a, name="b")
    ...     c = tf.negative(b, name="c")
    >>> out = tf.graph_util.remove_training_nodes(g.as_graph_def())
    >>> [(n.name, list(n.input)) for n in out.node]
    [('a', []), ('c', ['a'])]
    """
    protected = protected_nodes or []
    removed = {n.name for n in input_graph.node if n.op == "CheckNumerics" and n.name not in protected}
    nodes = _rebuilt(input_graph.node, removed, lambda n: [x for x in n.input if x.removeprefix("^") not in removed])

    control_inputs, with_control_inputs, colocated = set(), set(), set()
    for node in nodes:
        for x in node.input:
            if "^" in x:
                control_inputs.add(x.replace("^", ""))
                with_control_inputs.add(node.name)
        colocated.update(colocated_names(node))
    bypass = {node.name: node.input[0] for node in nodes
              if node.op in ("Identity", "StopGradient") and node.name not in protected
              and node.name not in colocated and node.name not in with_control_inputs
              and node.name not in control_inputs}

    output = protos.GraphDef()
    output.node.extend(_rebuilt(nodes, bypass, lambda n: [_bypassed(x, bypass) for x in n.input]))
    return output
