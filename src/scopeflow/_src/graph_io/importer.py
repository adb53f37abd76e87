"""``tf.import_graph_def``: the nodes of a ``GraphDef`` become operations of the default graph.

As TensorFlow's importer: every node is created under a fresh name scope (``import``,
``import_1``... or ``name``; ``name=""`` imports at the root, renaming a node whose name is
taken, ``a`` to ``a_1``), inputs named in ``input_map`` are replaced by the given tensors,
nodes may come in any order (a loop's ``NextIteration`` reaches its ``Merge`` afterwards),
and each node gets the defaults of its op type's attributes. Errors are TF's: ``ValueError``
for a malformed graph or a bad name, ``TypeError`` for bad arguments, ``NotFoundError`` for an
op type scopeflow does not have.
"""

from __future__ import annotations

import heapq

from scopeflow._src import ops as _ops
from scopeflow._src import protos
from scopeflow._src.framework import context, errors, naming, op_builder, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.node_def import attr_value
from scopeflow._src.framework.operation import Operation, Tensor


def _split(name: str) -> tuple[str, int]:
    """``"op:1"`` -> ``("op", 1)``; ``"op"`` -> ``("op", 0)``."""
    op_name, _, index = name.partition(":")
    if not index:
        return op_name, 0
    if not index.isdigit():
        raise ValueError(f"Cannot convert {name!r} to a tensor name.")
    return op_name, int(index)


def _check_arguments(graph_def, input_map, return_elements):
    if not isinstance(graph_def, protos.GraphDef):
        try:
            graph_def = protos.GraphDef.FromString(graph_def.SerializeToString())
        except (AttributeError, TypeError):
            raise TypeError("Argument `graph_def` must be a GraphDef proto.") from None
    if input_map is None:
        input_map = {}
    elif not isinstance(input_map, dict):
        raise TypeError(f"Argument `input_map` must be a dictionary. Obtained {type(input_map).__name__}")
    elif not all(isinstance(k, (str, bytes)) for k in input_map):
        raise TypeError(f"All keys for argument `input_map` must be strings. Obtained keys: {list(input_map)}")
    if return_elements is not None:
        if not all(isinstance(x, (str, bytes)) for x in return_elements):
            raise TypeError(f"Argument `return_elements` must be a list of strings. Obtained {return_elements}.")
        return_elements = [x.decode() if isinstance(x, bytes) else x for x in return_elements]
    input_map = {(k.decode() if isinstance(k, bytes) else k): v for k, v in input_map.items()}
    return graph_def, input_map, return_elements


def import_graph_def(graph_def, input_map=None, return_elements=None, name=None, op_dict=None,
                     producer_op_list=None):
    """Import the nodes of ``graph_def`` into the default graph; return the operations and
    tensors named in ``return_elements`` (``"op"`` or ``"op:i"``, names in ``graph_def``), or
    ``None``. ``op_dict`` is ignored, as in TensorFlow; ``producer_op_list`` is accepted.

    >>> import scopeflow as tf
    >>> g = tf.Graph()
    >>> with g.as_default():
    ...     y = tf.identity(tf.constant(2.0, name="x"), name="y")
    >>> with tf.Graph().as_default():
    ...     x = tf.constant(5.0)
    ...     y, = tf.import_graph_def(g.as_graph_def(), input_map={"x:0": x}, return_elements=["y:0"])
    ...     y.name, float(tf.Session().run(y))
    ('import/y:0', 5.0)
    """
    del op_dict, producer_op_list  # TensorFlow ignores the first; scopeflow's ops read unknown attrs fine
    graph_def, input_map, return_elements = _check_arguments(graph_def, input_map, return_elements)
    graph = context.default_graph()
    with graph.name_scope("import" if name is None else name) as scope:
        if not all(isinstance(v, Tensor) for v in input_map.values()):
            if name == "":
                raise ValueError(
                    "tf.import_graph_def() requires a non-empty `name` if `input_map` contains non-Tensor values. "
                    "Try calling tf.convert_to_tensor() on `input_map` values before calling tf.import_graph_def().")
            with graph.name_scope("_inputs"):
                input_map = {k: convert_to_tensor(v) for k, v in input_map.items()}
    importer = _Importer(graph, graph_def, scope[:-1] if scope else "", input_map)
    return importer.run(return_elements)


class _Importer:
    """One import: the nodes by name, the operations made so far, the loops' back edges."""

    def __init__(self, graph, graph_def, prefix, input_map):
        self.graph = graph
        self.prefix = prefix
        self.nodes = {}
        for node in graph_def.node:
            if node.name in self.nodes:
                raise ValueError(f"Node '{node.name}' is not unique")
            self.nodes[node.name] = node
        self.order = list(graph_def.node)
        self.made: dict[str, Operation] = {}
        self.back_edges = []  # (merge op, input index, source name)
        self.tensor_map = {}
        self.control_map = {}
        for key, value in input_map.items():
            if key.startswith("^"):
                self.control_map[key[1:]] = value.op if isinstance(value, Tensor) else value
            else:
                self.tensor_map[_split(key)] = value
        self.used_keys = set()

    def run(self, return_elements):
        """Make every node; return the elements asked for (``None`` if none were)."""
        try:
            self.make_all()
            for merge, index, source in self.back_edges:
                merge._update_input(index, self.tensor(source, merge))
            _colocated_devices(self.graph, self.made.values())
            elements = None if return_elements is None else [self.element(e) for e in return_elements]
        except BaseException:  # all or nothing, as TF's importer
            self.graph._remove_ops(list(self.made.values()))
            raise
        unused = [k for k in self._map_keys() if k not in self.used_keys]
        if unused:  # checked once the graph is in, as TF does (the nodes stay)
            raise ValueError(f"Attempted to map inputs that were not found in graph_def: [{', '.join(unused)}]")
        return elements

    def _map_keys(self):
        return [f"{n}:{i}" for n, i in self.tensor_map] + ["^" + n for n in self.control_map]

    def make_all(self):
        """Create every node in TensorFlow's order: of the nodes whose inputs all exist, the
        first in the GraphDef goes next; a loop's ``Merge`` waits for one data input only (its
        ``NextIteration`` input, the back edge, is connected afterwards)."""
        order = self.order
        index = {n.name: i for i, n in enumerate(order)}
        consumers = [[] for _ in order]
        pending = []
        for i, node in enumerate(order):
            merge, controls, loop, waits = self._opdef(node).takes_dead_inputs, 0, False, 0
            for text in node.input:
                control = text.startswith("^")
                if (text[1:] in self.control_map) if control else (_split(text) in self.tensor_map):
                    continue  # input_map's tensor stands in: the source need not be in the GraphDef
                j = index.get(text[1:] if control else _split(text)[0])
                if j is None:
                    raise ValueError(f"Node '{node.name}': Unknown input node '{text}'")
                consumers[j].append(i)
                controls += control
                waits += 1
                loop = loop or (merge and not control and self._opdef(order[j]).next_iteration)
            pending.append(controls + 1 if loop else waits)
        ready = [i for i, count in enumerate(pending) if count == 0]
        with self.graph._lock:
            while ready:
                i = heapq.heappop(ready)
                self.made[order[i].name] = self._create(order[i])
                for k in consumers[i]:
                    pending[k] -= 1
                    if pending[k] == 0:
                        heapq.heappush(ready, k)
        if len(self.made) < len(order):
            stuck = next(n.name for n in order if n.name not in self.made)
            raise ValueError(f"GraphDef is not a DAG: node '{stuck}' is on a cycle that no loop's Merge breaks")

    def _opdef(self, node):
        opdef = registry.find(node.op)
        if opdef is None:
            _ops.load_lazy_ops()
            from scopeflow._src.queues import api  # noqa: F401 - loaded on first use: the queue and reader ops
            opdef = registry.find(node.op)
        if opdef is None:
            raise errors.NotFoundError(
                None, None,
                f"Op type not registered '{node.op}' in binary running scopeflow. Make sure the Op and Kernel are "
                f"registered in the binary running in this process.")
        return opdef

    def tensor(self, text, consumer_name, split=None):
        src, index = _split(text) if split is None else split
        mapped = self.tensor_map.get((src, index))
        if mapped is not None:
            self.used_keys.add(f"{src}:{index}")
            return mapped
        op = self.made[src]
        if index >= len(op._outputs):
            raise ValueError(f"Node '{consumer_name}': Connecting to invalid output {index} of source node {src} "
                             f"which has {len(op._outputs)} outputs.")
        return op._outputs[index]

    def _create(self, node):
        graph, opdef = self.graph, self._opdef(node)
        full_name = f"{self.prefix}/{node.name}" if self.prefix else node.name
        full_name = naming.unique_name(graph._names_in_use, full_name)  # make_all holds the graph's lock
        attrs = {**opdef.defaults, **{k: _attr_value(v) for k, v in node.attr.items()}}
        for arg in _type_lists(opdef):  # scopeflow's private length of a type list, which TF's nodes lack
            attrs[arg.number_attr] = len(attrs.get(arg.type_attr) or ())
        if "_class" in attrs and self.prefix:
            attrs["_class"] = [b"loc:@" + self.prefix.encode() + b"/" + g[5:] if g.startswith(b"loc:@") else g
                               for g in attrs["_class"]]
        inputs, control, deferred = [], [], []
        for text in node.input:
            if text.startswith("^"):
                src = text[1:]
                if src in self.control_map:
                    self.used_keys.add(text)
                    control.append(self.control_map[src])
                else:
                    control.append(self.made[src])
            else:
                split = _split(text)
                if split[0] in self.made or split in self.tensor_map:
                    inputs.append(self.tensor(text, node.name, split))
                else:
                    deferred.append((len(inputs), text))  # a back edge: connected once its source exists
                    inputs.append(None)
        for index, _ in deferred:
            inputs[index] = next(t for t in inputs if t is not None)
        _check_input_types(opdef, node, full_name, inputs, attrs)
        try:
            outputs = op_builder.infer_outputs(opdef, full_name, inputs, attrs)
        except KeyError as e:
            raise ValueError(f"NodeDef missing attr {e} from {_signature(opdef)}; NodeDef: {{{{node {full_name}}}}}") \
                from None
        colocation = attrs.get("_class")
        # outer control deps: all; the node's device inside any enclosing tf.device block
        op = graph._add_op(node.op, full_name, inputs, attrs, outputs, input_ops=(), own_device=node.device)
        if colocation is not None:  # the node's own groups, not those of an enclosing colocate_with
            op._attrs["_class"] = colocation
        else:
            op._attrs.pop("_class", None)
        if control:
            op._add_control_inputs(control)
        if opdef.control_flow:
            graph._has_control_flow = True
        self.back_edges += [(op, index, text) for index, text in deferred]
        return op

    def element(self, name):
        if ":" in name:
            src, index = _split(name)
            if (src, index) in self.tensor_map:
                return self.tensor_map[(src, index)]
            if src not in self.made:
                raise ValueError(f"Requested return tensor '{name}' not found in graph def")
            op = self.made[src]
            if index >= len(op._outputs):
                raise ValueError(f"Invalid return output {index} of node '{src}', which has "
                                 f"{len(op._outputs)} output(s)")
            return op._outputs[index]
        if name not in self.made:
            raise ValueError(f"Requested return node '{name}' not found in graph def")
        return self.made[name]


_TYPE_LISTS: dict[str, tuple] = {}


def _colocated_devices(graph, ops) -> None:
    """TF's importer: an op colocated with other ops (``loc:@name`` in its ``_class``) takes the
    device of the first of them that has one, or none: not its own, nor the device blocks'."""
    for op in ops:
        names = [g[5:].decode() for g in op._attrs.get("_class", ()) if g.startswith(b"loc:@")]
        names = [n for n in names if n != op.name]
        if names:
            others = (graph._ops_by_name.get(n) for n in names)
            op._device = next((o._device for o in others if o is not None and o._device), "")


def _type_lists(opdef) -> tuple:
    """The type-list arguments of ``opdef`` (``SaveV2``'s ``tensors``), whose length scopeflow
    keeps in a private attribute."""
    found = _TYPE_LISTS.get(opdef.type)
    if found is None:
        found = _TYPE_LISTS[opdef.type] = tuple(a for a in opdef.inputs + opdef.outputs if a.type_list)
    return found


_VALUES: dict[bytes, object] = {}  # a serialized AttrValue -> its value (types, shapes, numbers, strings)


def _attr_value(proto):
    """``attr_value(proto)``, kept for the next node with the same attribute (``T: float``
    is on thousands of nodes); tensors are read each time, lists copied."""
    if proto.WhichOneof("value") in ("tensor", "func"):
        return attr_value(proto)
    key = proto.SerializeToString()
    value = _VALUES.get(key, _VALUES)
    if value is _VALUES:
        if len(_VALUES) > 100_000:  # many distinct values: start again rather than grow
            _VALUES.clear()
        value = _VALUES[key] = attr_value(proto)
    return list(value) if type(value) is list else value


def _signature(opdef) -> str:
    ins = ", ".join(f"{a.name}:{a.type_attr or a.dtype.name}" for a in opdef.inputs)
    outs = ", ".join(f"{a.name}:{a.type_attr or a.dtype.name}" for a in opdef.outputs)
    return f"Op<name={opdef.type}; signature={ins} -> {outs}>"


def _type_name(dtype) -> str:
    """TF's ``DataTypeString``: ``float``, ``float_ref``..."""
    return op_builder.type_string(dtype) + ("_ref" if dtype._is_ref_dtype else "")


def _check_input_types(opdef, node, full_name, inputs, attrs):
    """TF's checks of a node's inputs against its op: their number, then each one's dtype."""
    expected = []
    for arg in opdef.inputs:
        count = attrs.get(arg.number_attr, 0) if arg.number_attr else 1
        dtype = arg.dtype if arg.dtype is not None else attrs.get(arg.type_attr)
        types = list(dtype or ()) if arg.type_list else [dtype] * count
        expected += [d._as_ref if arg.is_ref and d is not None else d for d in types]
    if len(expected) != len(inputs):
        shown = ", ".join(_type_name(d) if d is not None else "?" for d in expected)
        raise ValueError(f"NodeDef expected inputs '{shown}' do not match {len(inputs)} inputs specified; "
                         f"{_signature(opdef)}; NodeDef: {{{{node {full_name}}}}}")
    for i, (dtype, t) in enumerate(zip(expected, inputs)):
        needs_ref = dtype is not None and dtype._is_ref_dtype and not t.dtype._is_ref_dtype
        if dtype is not None and (t.dtype.base_dtype != dtype.base_dtype or needs_ref):
            raise ValueError(f"Input {i} of node {full_name} was passed {_type_name(t.dtype)} from "
                             f"{t.name} incompatible with expected {_type_name(dtype)}.")
