"""``Graph.as_graph_def``: a graph as TensorFlow's ``GraphDef`` message."""

from __future__ import annotations

from scopeflow._src import protos
from scopeflow._src.framework.node_def import node_def
from scopeflow._src.framework.tensor_proto import shape_proto

# The GraphDef version TensorFlow 2.21 writes (``versions.producer``) and the oldest it reads.
PRODUCER = 2474
MIN_CONSUMER = 0


def versions(proto=None):
    """The ``VersionDef`` scopeflow writes: TensorFlow 2.21's."""
    proto = protos.VersionDef() if proto is None else proto
    proto.producer = PRODUCER
    return proto


def graph_to_graph_def(graph, from_version=None, add_shapes=False):
    """``graph``'s operations, in creation order, as a ``GraphDef``; with ``add_shapes``, the
    ``_output_shapes`` of each node that has outputs. TensorFlow 2.21 ignores ``from_version``
    (every node is written), and so does scopeflow.

    Each node written is kept serialized until its op changes, so a graph written again
    (every ``Saver.save`` writes its ``.meta``) costs little more than parsing it."""
    del from_version
    graph_def = protos.GraphDef()
    nodes = graph_def.node
    with graph._lock:
        cache = graph._node_defs
        for op in graph._ops:
            shapes = tuple(t._shape for t in op._outputs) if add_shapes else ()
            hit = cache.get((op, add_shapes))
            if (hit is not None and hit[0] is op._inputs and hit[1] is op._control_inputs and hit[2] == op._device
                    and hit[3] == len(op._attrs) and len(hit[4]) == len(shapes)
                    and all(a is b for a, b in zip(hit[4], shapes))):
                nodes.add().MergeFromString(hit[5])
                continue
            # each change of an op replaces one of the objects compared above (_set_attr drops the entry)
            proto = node_def(op, nodes.add(), sort_control=True)
            if shapes:
                listed = proto.attr["_output_shapes"].list
                for shape in shapes:
                    shape_proto(shape, listed.shape.add())
            cache[(op, add_shapes)] = (op._inputs, op._control_inputs, op._device, len(op._attrs), shapes,
                                       proto.SerializeToString())
    if graph._functions:
        _write_library(graph_def.library, graph._functions, set())
    versions(graph_def.versions)
    return graph_def


def _write_library(library, functions: dict, written: set) -> None:
    """The ``FunctionDef`` of each traced function (``function_def()``), and of the functions its
    body names (``functions``), once each."""
    for name, function in functions.items():
        if name in written:
            continue
        written.add(name)
        library.function.add().CopyFrom(function.function_def())
        _write_library(library, function.functions, written)
